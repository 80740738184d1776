"""What the index holds for each record of the corpus, and which content file it comes from.

Every row belongs to a *group*: the content file it is read from, as a path relative to the
content folder without its suffix ("domains/laws", "sources/kst-33694-45", "commitments"). A
source's two files (`.yaml` and `.txt`) form one group: its passages need both (text from the
`.txt`, date from the `.yaml`). When a file changes, its group is deleted and written again.

Columns (all display text, as shown to the user; the index folds it, see `textnorm`):

    text      statement: position; passage: its text; commitment: text; motion: title;
              qa: the question
    number    passage: its number; qa: the question's number; statement: 1 for a key position
              (`key: true`; search puts it first for a broad query on its topic), else empty
    quote     statement: the verbatim quote; commitment: its quote; motion: the request;
              qa: the answer
    context   what else a search may match, weighted lowest: a statement's topic and the names
              and aliases of its domains and forums; a passage's section heading; a motion's
              submitters, status and follow-ups (summaries and quotes); a commitment's occasion and minister
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterator, Mapping, Protocol

from briefing_tui.dates import bounds
from briefing_tui.index import CONTEXT_SEPARATOR
from briefing_tui.dossiers import format_dossier
from briefing_tui.forkpool import Ahead
from briefing_tui.model import QA, Area, Corpus, Commitment, Motion, Source, Statement
from briefing_tui.passages import passage_input, split_passages
from briefing_tui.textnorm import display_text, index_text

COLUMNS = (
    "rid", "kind", "id", "grp", "source", "text", "quote", "context", "date", "date_lo",
    "date_hi", "domains", "forums", "topic", "locator", "current", "superseded_by", "page",
    "section", "number", "own_date",
)


class Records(Protocol):
    """What the rows need of the content: a whole `model.Corpus`, or the changed files of a
    partial update (`partial.IndexedView`)."""

    @property
    def sources(self) -> Mapping[str, Source]: ...
    @property
    def statements(self) -> Mapping[str, Statement]: ...
    @property
    def commitments(self) -> Mapping[str, Commitment]: ...
    @property
    def motions(self) -> Mapping[str, Motion]: ...
    @property
    def qa(self) -> Mapping[str, QA]: ...

    def area(self, area_id: str) -> Area | None: ...
    def source_date(self, source_id: str | None) -> str | None: ...
    def statement_date(self, st: Statement) -> str | None: ...
    def superseded_by(self, statement_id: str) -> str | None: ...
    def source_text(self, source_id: str) -> str: ...


def group_of_path(relpath: str) -> str:
    """'domains/laws.yaml' -> 'domains/laws'; 'sources/x.txt' -> 'sources/x'."""
    relpath = relpath.replace(os.sep, "/")
    stem, dot, suffix = relpath.rpartition(".")
    return stem if dot and "/" not in suffix else relpath


def delimited(ids: tuple[str, ...] | list[str]) -> str:
    """('ai', 'laws') -> '|ai|laws|' so that `LIKE '%|ai|%'` filters on one id."""
    return "|" + "|".join(ids) + "|" if ids else ""


@lru_cache(maxsize=4096)
def date_range(value: str | None) -> tuple[int | None, int | None]:
    """A partial date as (first day, last day) YYYYMMDD integers; (None, None) when unknown."""
    if not value:
        return None, None
    try:
        lo, hi = bounds(value)
    except (ValueError, TypeError):
        return None, None
    return lo.year * 10000 + lo.month * 100 + lo.day, hi.year * 10000 + hi.month * 100 + hi.day


def area_signature(corpus: Records, area_id: str) -> str:
    """What of an area ends up in other records' context: its id, name and aliases."""
    area = corpus.area(area_id)
    if area is None:
        return area_id
    return " | ".join((area.id, area.name, *area.aliases))


def _areas_context(corpus: Records, ids: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for area_id in ids:
        area = corpus.area(area_id)
        out.append(area_id)
        if area is not None:
            out.append(area.name)
            out.extend(area.aliases)
    return out


def _join(parts: list[str | None]) -> str:
    return display_text(CONTEXT_SEPARATOR.join(p for p in parts if p))


@dataclass
class Grouping:
    """Which corpus records belong to which group (content file)."""

    statements: dict[str, list[Statement]]
    sources: dict[str, Source]
    singles: dict[str, str]  # group -> kind for commitments/motions/qa

    def groups(self) -> set[str]:
        return set(self.statements) | set(self.sources) | set(self.singles)


def source_group(source: Source, content: Path) -> str:
    if source.text_path:
        root = str(content) + os.sep
        path = source.text_path if source.text_path.startswith(root) else os.path.realpath(source.text_path)
        if path.startswith(root):
            return group_of_path(path[len(root):])
    return f"sources/{source.id}"


def grouping(corpus: Records, content: Path) -> Grouping:
    statements: dict[str, list[Statement]] = defaultdict(list)
    for st in corpus.statements.values():
        statements[st.home or "statements"].append(st)  # the same default as prior_statement_rows
    sources = {source_group(src, content): src for src in corpus.sources.values()}
    singles = {}
    if corpus.commitments:
        singles["commitments"] = "commitment"
    if corpus.motions:
        singles["motions"] = "motion"
    if corpus.qa:
        singles["qa"] = "qa"
    return Grouping(dict(statements), sources, singles)


def statement_state(corpus: Records, st: Statement) -> tuple:
    """The columns of a statement that depend on other files: date (from its source) and
    whether it is current. After an update the index recomputes them where those files changed
    (`index._refresh_dates`, `index._refresh_supersession`)."""
    date = corpus.statement_date(st)
    lo, hi = date_range(date)
    superseded_by = corpus.superseded_by(st.id)
    return (date, lo, hi, 0 if superseded_by else 1, superseded_by)


def statement_row(corpus: Records, st: Statement, grp: str) -> dict:
    date, lo, hi, current, superseded_by = statement_state(corpus, st)
    context = [st.topic.replace("/", " ").replace("-", " ") if st.topic else None]
    context += _areas_context(corpus, st.domains) + _areas_context(corpus, st.forums)
    return {
        "kind": "statement", "id": st.id, "grp": grp, "source": st.source,
        "text": display_text(st.position), "quote": display_text(st.quote), "context": _join(context),
        "date": date, "date_lo": lo, "date_hi": hi,
        "domains": delimited(st.domains), "forums": delimited(st.forums),
        "topic": st.topic or None, "locator": st.locator or None,
        "current": current, "superseded_by": superseded_by,
        "page": None, "section": None, "number": 1 if st.key else None,  # 1: a key position
        "own_date": st.date,
        "supersedes": st.supersedes,  # not a column: the index keeps the claims in `claims`
    }


def _split_input(corpus: Records, src: Source) -> tuple[str]:
    """`passage_values`'s argument for one source (its text read now)."""
    return (passage_input(src, corpus.source_text(src.id)),)


# What the index keeps of one passage: (number, page, section, text, context, folded), the
# texts as displayed, `folded` the FTS values of text, quote and context (`index_text`).
PassageValues = tuple[int, int, str | None, str, str, tuple[str, str, str]]


def passage_values(text: str) -> list[PassageValues]:
    """The passages of a source text as the index keeps them; headings are left out (a heading
    is in the context of the passages under it). Computed where the text is split: a build's
    workers send back these tuples, not `Passage` objects, and the main process, which writes
    every row, folds no passage text itself."""
    out: list[PassageValues] = []
    for p in split_passages(text):
        if p.is_heading or not p.text.strip():
            continue
        shown = display_text(p.text)
        context = display_text(p.section) if p.section and p.section != p.text else ""
        out.append((p.number, p.page, p.section or None, shown, context,
                    (index_text(shown), "", index_text(context))))
    return out


class PassageSplitter:
    """Splits source texts into passages, in worker processes when there is a lot of text.

    `split_passages` is the costly part of a full build (benchmarks/RESULTS.md). With
    `start(corpus, sources)` the texts are split by a fork pool (`forkpool.Ahead`) while the
    caller writes the statements; `get(source_id, text)` then waits for that source. The texts
    are read and sent a few at a time, in the order the caller will ask for them, so a build of
    tens of thousands of sources never holds all their texts at once. Without a pool (little
    text, one core, the app's worker threads) or after a failure, texts are split in-process.
    """

    PARALLEL_MIN_CHARS = 2_000_000

    def __init__(self) -> None:
        self._ahead = Ahead(passage_values)

    def start(self, corpus: Records, sources) -> None:
        """Split `sources` (in the order `get` will ask for them) ahead of the caller."""
        sources = list(sources)
        total = sum(os.path.getsize(s.text_path) for s in sources if s.text_path and os.path.isfile(s.text_path))
        if total >= self.PARALLEL_MIN_CHARS:
            self._ahead.start((src.id, partial(_split_input, corpus, src)) for src in sources)

    def get(self, source_id: str, text: str) -> list[PassageValues]:
        done, values = self._ahead.take(source_id)
        return values if done else passage_values(text)

    def close(self) -> None:
        self._ahead.close()


FOLDED = "folded"  # a row's FTS values when it comes with them (`index._insert_rows` takes them out)


def passage_rows(corpus: Records, src: Source, grp: str, splitter: PassageSplitter | None = None) -> Iterator[dict]:
    try:
        text = passage_input(src, corpus.source_text(src.id))
    except (OSError, KeyError, UnicodeDecodeError):
        return
    lo, hi = date_range(src.date)
    for number, page, section, shown, context, folded in (
            splitter.get(src.id, text) if splitter is not None else passage_values(text)):
        yield {
            "kind": "passage", "id": f"{src.id}#{number}", "grp": grp, "source": src.id,
            "text": shown, "quote": "", "context": context,
            "date": src.date, "date_lo": lo, "date_hi": hi,
            "domains": "", "forums": "", "topic": None, "locator": f"p. {page}",
            "current": 1, "superseded_by": None,
            "page": page, "section": section, "number": number,
            "own_date": None, FOLDED: folded,
        }


def single_rows(corpus: Records, kind: str, grp: str) -> Iterator[dict]:
    if kind == "commitment":
        for c in corpus.commitments.values():
            lo, hi = date_range(c.made_on)
            context: list[str | None] = [c.made_at, c.made_by, c.status, c.evidence]
            context += _areas_context(corpus, c.domains) + _areas_context(corpus, c.forums)
            yield {
                "kind": "commitment", "id": c.id, "grp": grp, "source": c.source or None,
                "text": display_text(c.text), "quote": display_text(c.quote), "context": _join(context),
                "date": c.made_on, "date_lo": lo, "date_hi": hi,
                "domains": delimited(c.domains), "forums": delimited(c.forums), "topic": None,
                "locator": c.locator or None, "current": 1, "superseded_by": None,
                "page": None, "section": None, "number": None,
                "own_date": None,
            }
    elif kind == "motion":
        for m in corpus.motions.values():
            lo, hi = date_range(m.date)
            context = [p.name for p in m.submitters]
            context += [p.party for p in m.submitters]
            # The follow-ups' quotes too: a motion is found by what the cabinet wrote about it, and
            # search tells from them which superseded statements it repeats.
            context += [m.status] + [part for fu in m.follow_up for part in (fu.summary, fu.quote)]
            context += _areas_context(corpus, m.domains) + _areas_context(corpus, m.forums)
            locator = f"{format_dossier(m.kamerstuk.dossier)}, nr. {m.kamerstuk.number}" if m.kamerstuk else None
            yield {
                "kind": "motion", "id": m.id, "grp": grp, "source": m.request_source or None,
                "text": display_text(m.title), "quote": display_text(m.request or ""), "context": _join(context),
                "date": m.date, "date_lo": lo, "date_hi": hi,
                "domains": delimited(m.domains), "forums": delimited(m.forums), "topic": None,
                "locator": locator, "current": 1, "superseded_by": None,
                "page": None, "section": None, "number": None,
                "own_date": None,
            }
    elif kind == "qa":
        for q in corpus.qa.values():
            date = corpus.source_date(q.source)
            lo, hi = date_range(date)
            context = list(_areas_context(corpus, q.domains) + _areas_context(corpus, q.forums))
            yield {
                "kind": "qa", "id": q.id, "grp": grp, "source": q.source or None,
                "text": display_text(q.question), "quote": display_text(q.answer), "context": _join(context),
                "date": date, "date_lo": lo, "date_hi": hi,
                "domains": delimited(q.domains), "forums": delimited(q.forums), "topic": None,
                "locator": q.answer_locator or None, "current": 1, "superseded_by": None,
                # A number SQLite cannot hold (check reports it) is left out rather than failing the index.
                "page": None, "section": None, "number": q.number if 0 < (q.number or 0) < 2**63 else None,
                "own_date": None,
            }


def prior_statement_rows(corpus: Corpus) -> Iterator[dict]:
    """All statements' rows, superseded before current, older before newer (see the build)."""
    def key(st: Statement) -> tuple:
        return (corpus.is_current(st.id), date_range(corpus.statement_date(st))[0] or 0, st.id)

    for st in sorted(corpus.statements.values(), key=key):
        yield statement_row(corpus, st, st.home or "statements")


def rows_for_group(corpus: Records, g: Grouping, grp: str, splitter: PassageSplitter | None = None) -> Iterator[dict]:
    """All index rows of one group (empty when the group has no records, e.g. synonyms)."""
    for st in g.statements.get(grp, ()):
        yield statement_row(corpus, st, grp)
    src = g.sources.get(grp)
    if src is not None:
        yield from passage_rows(corpus, src, grp, splitter)
    kind = g.singles.get(grp)
    if kind is not None:
        yield from single_rows(corpus, kind, grp)
