"""Long queries found through their most selective words (speed machinery, switched on by length).

A question pasted whole has many units, and some of them are in most of a dossier's records
("internationale", "wapens", "kunstmatige intelligentie"). FTS5 answers their AND by opening every
form and compound of every unit, and a prefix it keeps no index for is first merged whole: at a
million records 50-200 ms for one question, whatever it finds; the partial matches then asked
with each unit left out in turn cost as much again per unit.

A record that has every unit has the `SELECTIVE_AND` units with the fewest records (the highest
weights in `ranking.concepts`) too. So from `SELECTIVE_UNITS` units on, the engine first asks FTS5
for the AND of those few (they are cheap: few records each), newest first. When that finds at
most `SELECTIVE_CAP` records, those are every candidate there is: each is read and scored
(`ranking.score_rows`), and the ones that say every concept are the full matches; the others are
the strongest partial matches (they have the query's rarest words). When it finds more, the next
rarest unit is added to the AND, up to all units but one; when even that finds too many, the query
is broad enough that FTS5's own AND of every unit costs no more than reading the candidates: the
engine asks FTS5 as before.

A phrase is asked as its rarest word only (`relaxed`). FTS5 answers a phrase by reading the
positions of each of its words in every record that has them all: with common words ("menselijke
controle"), 20-40 ms at a million records, also inside an AND with rare words. Its rarest word is
one list read lazily, and finds every record with the phrase, and some more.

Whether a record says a concept is then decided by `ranking` (the unit's forms as patterns over
the text as the index folds it) instead of FTS5's MATCH. The two read the same folded text and
the same forms, and a test holds them to the same answers on the labelled queries and on
generated records: the FTS5 AND (the simple path) is the reference. `SearchEngine.count` asks the
same way, so the app's count once the keys rest is the total the search showed.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Callable, Iterator

from briefing_tui.search.query import Alt, ParsedQuery, Unit, Vocabulary
from briefing_tui.search.ranking import Concept, Forms
from briefing_tui.search.records import by_rid, newest_sql
from briefing_tui.textnorm import index_text

__all__ = ["SELECTIVE_AND", "SELECTIVE_CAP", "SELECTIVE_UNITS", "by_selectivity", "OverBudget", "candidates", "has_phrase", "newest_exact", "relaxed"]

SELECTIVE_UNITS = 4  # a query of this many units or more is first asked through its rarest ones
SELECTIVE_AND = 3  # the AND of this many of them (the highest weights)
SELECTIVE_CAP = 500  # candidates read and scored at most; more: one rare unit more, up to all but one
CHECK_BATCH = 64  # rows of a relaxed query checked at once (`newest_exact`)
CHECK_BUDGET = 2000  # rows of a relaxed query a short query's window reads at most (see the engine's `_window`)


def by_selectivity(cs: list[Concept]) -> list[int]:
    """The units' positions, the most selective (highest weight) first; ties in query order."""
    return sorted(range(len(cs)), key=lambda i: -cs[i].weight)


def _rarest(alt: Alt, vocab: Vocabulary) -> Alt:
    """A phrase's word in the fewest records, as a one-word form (a prefix when it is the phrase's
    last word and the phrase ends in one)."""
    last = len(alt.words) - 1

    def df(i: int) -> int:
        word = alt.words[i]
        return max(vocab.df.get(word, 0), vocab.prefix_df(word)) if alt.prefix and i == last else vocab.df.get(word, 0)

    i = min(range(len(alt.words)), key=df)
    return Alt((alt.words[i],), prefix=alt.prefix and i == last, compound=alt.compound)


def relaxed(unit: Unit, plan: dict, vocab: Vocabulary | None) -> str:
    """The unit as FTS5 with each phrase asked as its rarest word: every record the unit matches,
    and some that have the word without the phrase (see the module doc)."""
    if vocab is None:
        return unit.fts(plan=plan)
    alts = list(dict.fromkeys((a if len(a.words) == 1 else _rarest(a, vocab)).fts(plan) for a in unit.alts))
    if not alts:
        return ""
    return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def candidates(conn: sqlite3.Connection, parsed: ParsedQuery, cs: list[Concept], filt: str,
               params: list, vocab: Vocabulary | None = None) -> list[int] | None:
    """The row ids (newest first) of the records with the `SELECTIVE_AND` most selective units,
    with the filters (`filt`: " AND ..." over records_fts joined with records r), phrases asked
    as their rarest word (`relaxed`, with the vocabulary): a superset of the full matches. None
    when the plan does not apply: fewer than `SELECTIVE_UNITS` units, a unit with nothing to
    match, or more than `SELECTIVE_CAP` candidates."""
    n = len(parsed.units)
    if n < SELECTIVE_UNITS:
        return None
    parts = [relaxed(u, parsed.plan, vocab) for u in parsed.units]
    if not all(parts):
        return None
    order = by_selectivity(cs)
    sql = newest_sql(filt, SELECTIVE_CAP + 1)
    for k in range(SELECTIVE_AND, n):  # one rare unit more while there are too many (all n: FTS5's own AND)
        match = " AND ".join(f"({parts[i]})" for i in sorted(order[:k]))
        rids = [rid for (rid,) in conn.execute(sql, [match, *params])]
        if len(rids) <= SELECTIVE_CAP:
            return rids
    return None


class OverBudget(Exception):
    """A relaxed query read more rows than it was given (`newest_exact`)."""


def has_phrase(unit: Unit) -> bool:
    return any(len(a.words) > 1 for a in unit.alts)


def newest_exact(conn: sqlite3.Connection, units: list[Unit], plan: dict, vocab: Vocabulary | None, filt: str,
                 params: list, budget: int | None = None, fold: Callable[[str], str] = index_text) -> Iterator[int]:
    """The row ids of the records with every one of `units` (with the filters `filt`, as in
    `candidates`), newest first, read lazily: FTS5's AND of the units. When some of them have a
    phrase, the AND is asked `relaxed` and each row read is checked: every unit with a phrase
    stands in one of its columns, folded as the index folds it (`_patterns`), as FTS5 reads a
    phrase. With `budget`, reading more
    relaxed rows than that raises `OverBudget` (the caller then asks FTS5's AND). `fold` as in
    `ranking.score_rows`."""
    exact = " AND ".join(f"({u.fts(plan=plan)})" for u in units)
    phrased = [u for u in units if has_phrase(u)]
    if not phrased or vocab is None:
        yield from (rid for (rid,) in conn.execute(newest_sql(filt, -1), [exact, *params]))
        return
    loose = " AND ".join(f"({relaxed(u, plan, vocab)})" for u in units)
    patterns = [_patterns(u) for u in phrased]
    rows = conn.execute(newest_sql(filt, -1), [loose, *params])
    read = 0
    while chunk := [rid for (rid,) in rows.fetchmany(CHECK_BATCH)]:
        read += len(chunk)
        if budget is not None and read > budget:
            raise OverBudget
        texts = {rid: [fold(v) for v in values if v] for rid, *values in by_rid(conn, "text, quote, context", chunk)}
        for rid in chunk:
            columns = texts.get(rid, ())
            if all(any(p.search(c) for c in columns for p in ps) for ps in patterns):
                yield rid


def _patterns(unit: Unit) -> list[re.Pattern]:
    """A pattern per form of the unit that finds it in folded text as FTS5 reads it: whole words
    one after the other, the last one begun for a prefix (`ranking.Forms`; one form each, so that
    each pattern starts with plain text, which the regex engine looks for first)."""
    return [Forms([alt]).pattern for alt in dict.fromkeys(unit.alts)]
