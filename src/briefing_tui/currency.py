"""Currency: is the line a briefing calls current still fresh on the day of the debate?

"Huidig" means "the newest in the knowledge base". For a debate in 2026 on a topic whose newest
statement is from 2022, that is four years old, and the pack and the app say so:

    stale_topics(briefing, corpus) -> [Stale(topic, statement_id, date)]

A topic of the briefing (that of each statement in it) is stale when the newest statement of the
topic in the whole knowledge base is dated, to the last day its date may mean, more than a year
before the debate's `date`. Without a debate date nothing is stale (nothing to compare with).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing_tui.dates import bounds, format_nl, is_valid
from briefing_tui.model import Corpus

MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Stale:
    topic: str
    statement: str  # the newest statement of the topic (the line the pack calls current)
    date: str  # its date
    debate: str  # the debate's date


def _last_day(value: str | None) -> date | None:
    if not value or not is_valid(value):
        return None
    return bounds(value)[1]


def newest_of_topic(corpus: Corpus, topic: str):
    """The newest current statement of a topic (the pack's "huidig standpunt"), or None."""
    current = [st for st in corpus.timeline(topic) if corpus.is_current(st.id)]
    return current[-1] if current else None


def stale_topics(briefing, corpus: Corpus) -> list[Stale]:
    debate = _last_day(briefing.date) if getattr(briefing, "date", None) else None
    if debate is None:
        return []
    debate_first = bounds(briefing.date)[0]
    out: list[Stale] = []
    seen: set[str] = set()
    for _, _, item in briefing.items():
        st = corpus.statements.get(item.ref) if item.kind == "statement" else None
        if st is None or st.topic in seen or st.topic.endswith("-advies"):
            continue
        seen.add(st.topic)
        newest = newest_of_topic(corpus, st.topic)
        when = corpus.statement_date(newest) if newest is not None else None
        last = _last_day(when)
        if newest is not None and when is not None and last is not None and (debate_first - last).days > MAX_AGE_DAYS:
            out.append(Stale(st.topic, newest.id, when, briefing.date))
    return out


def month_year(value: str | None) -> str:
    """'2022-06-17' -> 'juni 2022'; '2022' -> '2022' (the precision the date has)."""
    if not value:
        return ""
    return format_nl(value[:7]) if len(value) >= 7 else format_nl(value)


def currency_problems(briefing, corpus: Corpus) -> list:
    """A warning per stale topic, for the app's banner (code `briefing.stale`): 'laws/verbod: het
    nieuwste standpunt ('laws-verbod-2022', huidig standpunt, juni 2022) is meer dan een jaar ouder
    dan het debat van 12 juni 2026'."""
    from briefing_tui.model import Problem

    shown = str(briefing.path) if getattr(briefing, "path", None) else f"{briefing.name}.yaml"
    return [
        Problem(shown, 1, "briefing.stale", {"topic": s.topic, "statement": s.statement, "when": month_year(s.date),
                                             "debate": format_nl(s.debate)}, severity="warning")
        for s in stale_topics(briefing, corpus)
    ]
