"""Search over statements, passages, commitments, motions and questions.

    kb = KnowledgeBase.open(ws)                    # briefing_tui.store: the index up to date
    result = kb.search(SearchQuery("killer robots", domains=("laws",), since="2020"))
    result.hits[0].to_json()                       # the JSON contract of docs/design.md
    result.total, result.capped                    # all matches; were more found than returned?
    kb.count(query)                                # the exact total (see "Counting while typing")

How a query is read is documented in `briefing_tui.search.query`; folding (case, diacritics,
OCR "technologieén", "Al" for AI) in `briefing_tui.textnorm`.

Reading the query: kinds, statuses and periods typed as words are read first
(`search.intents`: "open toezeggingen", "moties", "verbod 2019", "sinds 2021"); a kind becomes
the `kinds` filter, a status a filter on commitments, "sinds" a `since` filter, a named period a
boost (an explicit filter of the same sort wins, and the words are then text). When they leave no
hit, the query runs again without them. The rest is parsed by `search.query` (unknown words are
split into known parts or corrected first: `search.spelling`).

Ranking (at most `RANK_ALL` matches; broad queries below): `search.ranking` scores the matches
(all of them up to `SCORE_ALL`, or up to `RANK_ALL` for a query of three units or more; beyond
that the `SCORE_ALL` best by bm25 over the record's own words, the filing context
weighted 0.1): every unit of the query is one concept with one weight,
matched in the record's own words (text and quote), through a compound, or only in its filing
context (a tie-breaker); times kind, superseded, key position and named-period factors. When
every unit matching finds fewer than `SCREENFUL` records, records that match all but one unit
(with four units or more: half of them; a third of a long question) follow, marked `partial`,
ranked by how much of the query they match ("ook gedeeltelijke treffers"). A query of four units
or more is first asked through its rarest units (`search.selective`): their matches are the
candidates, scored in full, and those that say every concept are the matches. A passage or
answer that quotes a statement's sentence is folded into the statement's hit (`Hit.also`);
`total` counts the hits so shown.
Ties go to the newer record. `score` in a hit is that product, higher is better; `Hit.why` says
how it came about. Within a chain of replacements the order is fixed: a superseded statement never
comes before the statement that now holds when that one matches the query (and the filters) too;
it is moved, or brought onto the page, just above it with at least its score, unless the query
names the superseded line's period ("verbod 2019").

Never silently capped: `total` counts every match (with the filters), `capped` says that more
were found than `limit`.

Broad queries: a query that matches more than `RANK_ALL` records ("kabinet", or "autonome" in
a corpus about autonomous weapons) is not scored. bm25 first reads every match of every term
to weigh the terms, which for a word in half the corpus costs more than a keystroke may
(benchmarks/RESULTS.md). Its page comes from its first `RANK_ALL` matches in the index's prior
order, which its row ids hold (`index.ZONE_SHIFT`): current statements, newest first, then
superseded statements, then commitments, motions and questions, then passages, newest source
first. They are taken in the passes of `BROAD_PASSES`, each newest first: current key positions
(`key: true`) whose own words match, then current records whose own words match (text or
quote), then those that match through their topic, domain or
forum names too, then those found only through a compound; then superseded statements in the
same three passes. A pass is read lazily and stops when the page is full; when reading the
window took `BROAD_FROM_WINDOW_MS` or more, or went through a split prefix, the window's own rows
are sorted into the passes instead of asking FTS5 again (`search.broad`). A prefix that no prefix
index holds and whose words have many records ("internationaal" as it is typed) is read as its
most common words and, past their last row, the rare rest (`search.prefixsplit`). `ranked_among` says
that this order holds (the app adds "nieuwste eerst" to its count); `score` is then the
pass, higher for an earlier one. Adding a word narrows the query and, at `RANK_ALL` matches or
fewer, brings back the ranking above.

Counting while typing: counting every match of a broad query costs as much as ranking it (FTS5
walks every match), so a search with `exact_total=False` (the app, as you type) counts no
further than `RANK_ALL` + 1, which is all the ranking needs to know: past that, `total` is
`RANK_ALL` and `total_exact` is False ("meer dan 1.000"), and `capped` is set.
`SearchEngine.count(query)` gives the exact number (the app asks once the keys rest). The
default, `exact_total=True` (`briefing search`, its JSON), always counts everything.

Filters: `domains` and `forums` (a record matches when it carries any of the given ids;
passages carry none, so a domain or forum filter leaves them out), `kinds`, and `since` /
`until` as partial dates ("2021", "2021-03"): a record is in when its date may fall in the range
("2021" is in since "2021-06"); records without a date are left out by a date filter. An empty
query with filters lists the matching records, current and newest first.

Threads: `search` may be called from any thread (the TUI searches in a worker). The engine
holds one SQLite connection behind a lock, so searches run one at a time; `refresh` takes the
same lock.

Kept between searches: the records' texts folded (`FOLDED_KEPT` characters: folding depends on
the text alone) and, while the index is unchanged, which superseded statements a hit's text
repeats (`_CarriedInIndex`). A question typed word by word, or counted once the keys rest, reads
mostly the records the search before read. `forget` drops both; results are the same either way.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import combinations, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from briefing_tui.citations import cite_short, source_url
from briefing_tui.dates import bounds
from briefing_tui.index import BUSY_TIMEOUT, CONTEXT_SEPARATOR, PREFIX_LENGTHS, connect
from briefing_tui.model import Source
from briefing_tui.recordjson import Decoder
from briefing_tui.search.counting import count_in_halves, worth_splitting
from briefing_tui.search.intents import Intent, read_intents
from briefing_tui.search.helper import Scorer, ScoringHelper, scoring, worth_helping
from briefing_tui.search.kept import KeptMatches
from briefing_tui.search.query import ParsedQuery, Synonyms, Vocabulary, parse
from briefing_tui.search import broad, prefixsplit, selective
from briefing_tui.search.records import by_rid, newest_sql
from briefing_tui.search.ranking import (KIND_WEIGHT, SUPERSEDED_WEIGHT, Boosts, Concept, Row, concepts, fold_duplicates,
                                         score_rows)
from briefing_tui.search.selective import SELECTIVE_UNITS
from briefing_tui.search.snippets import Spans, render, window
from briefing_tui.textnorm import Folded, index_text

if TYPE_CHECKING:
    from briefing_tui.quotes import HeldQuotes

__all__ = ["SearchEngine", "SearchQuery", "SearchResult", "Hit", "SourceRef", "Intent", "parse", "read_vocabulary",
           "vocabulary_terms"]

RANK_ALL = 1000
WEIGHTS = (1.0, 1.0, 0.1)  # bm25 weights of text, quote, context (only to cut more than SCORE_ALL matches)
OWN_COLUMNS = ("text", "quote")  # a record's own words (the context column holds names of what it is filed under)
ALL_COLUMNS = (*OWN_COLUMNS, "context")
# A broad query's passes, in order: (which expression, current): matches in the record's own
# words, then anywhere (topic, domain and forum names too), then through compounds only; every
# current record before any superseded statement.
BROAD_PASSES = (("key", 1), ("own", 1), ("direct", 1), ("all", 1), ("own", 0), ("direct", 0), ("all", 0))
# A broad query's passes are sorted from the window's rows (`search.broad`) when reading the window
# took this long: asking FTS5 each pass again would cost about as much again. A cheaper window's
# passes are asked of FTS5 (the reference the other way is tested against), which reads them lazily.
BROAD_FROM_WINDOW_MS = 25.0
SCORE_ALL = 60  # at most this many matches are scored in full (`ranking`); more are first cut by bm25
SCREENFUL = 10  # fewer full matches than this: partial matches are added
PARTIAL_READ = 150  # partial matches read at most (newest first), shared by the query's units
LONG_UNITS = 7  # a query of this many units or more is a long question (a written question pasted whole)
PARTIAL_SCAN = 400  # records with any of a long query's most selective units scored for partial matches
# Superseded quotes kept prepared for the warnings of hits (`_CarriedInIndex`): about 60 MB with
# the quotes themselves, measured at a million statements (`quotes.HeldQuotes` keys each by its
# runs and prepares it when first compared: 600 bytes a quote; 1,000 before, for 50,000 quotes).
CARRIED_KEPT = 100_000
CARRIED_ANSWERS = 5_000  # texts whose warnings are kept (`_CarriedInIndex.of`)
# Characters of texts kept folded between searches (`SearchEngine._folding`: 8-16 MB with the
# texts themselves, those of about ten long questions at a million records); more: emptied
# before the next search.
FOLDED_KEPT = 4_000_000
FOLD_WINDOW = 150  # near-duplicates are folded among this many best hits (or the page and 30 more)
KEY_NUMBER = 1  # the `number` of a statement row that is a key position (index.records)
FEW_KINDS = frozenset(("commitment", "motion", "qa"))  # kinds with few records: a filter on them leads
RID = "{rid}"  # a record's row id in a filter: records_fts.rowid in an FTS query, else r.rid


def _fts_filter(where: list[str]) -> str:
    """The filters as " AND ..." for a query over records_fts joined with records r."""
    return "".join(f" AND {w}" for w in where).replace(RID, "records_fts.rowid")


def _own_words(expr: str) -> str:
    """`expr` asked of a record's own words only (FTS5's column filter)."""
    return f"{{{' '.join(OWN_COLUMNS)}}} : ({expr})"


def _records_filter(where: list[str]) -> str:
    """The filters as " AND ..." for a query over records r alone."""
    return "".join(f" AND {w}" for w in where).replace(RID, "r.rid")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    domains: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    since: str | None = None  # partial date: "2020", "2020-10", "2020-10-28"
    until: str | None = None
    limit: int = 50
    exact_total: bool = True  # False: count no further than RANK_ALL (as you type; see the module doc)
    intents: bool = True  # read kinds, statuses and periods from the text (`search.intents`)
    keep_words: tuple[str, ...] = ()  # intent words the user took back: read as text

    def date_range(self) -> tuple[int | None, int | None]:
        """(first day of since, last day of until) as YYYYMMDD; ValueError on a bad date."""
        lo = hi = None
        if self.since:
            d = bounds(self.since)[0]
            lo = d.year * 10000 + d.month * 100 + d.day
        if self.until:
            d = bounds(self.until)[1]
            hi = d.year * 10000 + d.month * 100 + d.day
        return lo, hi


MAX_LIMIT = 2**31 - 1  # a limit beyond any index's size: "all hits"


@dataclass(frozen=True)
class SourceRef:
    id: str
    kind: str | None
    title: str | None
    date: str | None
    citation: str | None
    url: str | None
    inferred: tuple[str, ...] = ()
    established: tuple[str, ...] = ()  # fields established from the official publication
    citation_gaps: tuple[str, ...] = ()  # "number", "date": what a full citation lacks

    def to_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "title": self.title, "date": self.date,
            "citation": self.citation, "url": self.url, "inferred": list(self.inferred),
            "established": list(self.established), "citation_gaps": list(self.citation_gaps),
        }


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    text: str
    quote: str | None
    snippet: str
    snippet_spans: Spans
    date: str | None
    domains: tuple[str, ...]
    forums: tuple[str, ...]
    topic: str | None
    current: bool
    superseded_by: str | None
    locator: str | None
    score: float
    source: SourceRef | None
    section: str | None = None  # passages: the heading they stand under
    page: int | None = None  # passages: the page they start on
    # Passages, answers, follow-ups, commitment quotes: the superseded statements whose quote
    # this record repeats (`carried`), so an old line never passes as current.
    superseded_statements: tuple[str, ...] = ()
    key: bool = False  # a key position of its topic (`key: true`)
    also: tuple[str, ...] = ()  # near-duplicates folded into this hit ("ook in ...")
    partial: bool = False  # matches some of the query's words, not all
    why: dict | None = None  # how the score came about (`ranking`; None for broad queries)

    def to_json(self, explain: bool = False) -> dict:
        out = {
            "kind": self.kind,
            "id": self.id,
            "text": self.text,
            "quote": self.quote,
            "snippet": self.snippet,
            "date": self.date,
            "domains": list(self.domains),
            "forums": list(self.forums),
            "topic": self.topic,
            "current": self.current,
            "superseded_by": self.superseded_by,
            "superseded_statements": list(self.superseded_statements),
            "locator": self.locator,
            "score": self.score,
            "source": self.source.to_json() if self.source else None,
            "key": self.key,
            "also": list(self.also),
            "partial": self.partial,
        }
        if explain:
            out["why"] = self.why
        return out


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    capped: bool
    elapsed_ms: float
    query_used: str  # the FTS5 expression that ran ("" when there was nothing to search)
    dropped: list[str] = field(default_factory=list)  # words left out of the query
    ranked_among: int | None = None  # set when only the newest N matches were ranked
    total_exact: bool = True  # False: more than `total` match (`SearchEngine.count` gives them all)
    intents: list[Intent] = field(default_factory=list)  # read from the text and applied
    searched_for: str = ""  # corrections and splits of unknown words ("exportcontrole")
    partial: bool = False  # partial matches were added ("ook gedeeltelijke treffers")


class _CarriedInIndex:
    """`carried.CarriedStatements` for index rows: which superseded statements (as the index
    has them now, after every update) a hit's text repeats. A passage, answer or commitment is
    compared with the superseded statements of its own source; a motion (its follow-ups stand
    in its context) with all of them.

    Kept by the engine: each source's superseded quotes are read and prepared once
    (`quotes.HeldQuotes`), for the sources last asked about, up to `CARRIED_KEPT` quotes (a source
    of a large dossier may have hundreds), and read again once another connection has written to
    the index (`PRAGMA data_version`: another process's update)."""

    def __init__(self) -> None:
        self._of_source: OrderedDict[str | None, HeldQuotes] = OrderedDict()
        self._kept = 0
        self._version: int | None = None
        # The answer of `of` per text (kind, source, texts), as long as the index is unchanged: a
        # page shown again (the next word typed, the count once the keys rest) is not compared again.
        self._answers: dict[tuple, tuple[str, ...]] = {}

    def current(self, conn: sqlite3.Connection) -> "_CarriedInIndex":
        """Itself, emptied when the index was written by another connection since it last read."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._of_source.clear()
            self._answers.clear()
            self._kept, self._version = 0, version
        return self

    def _candidates(self, conn: sqlite3.Connection, source_id: str | None) -> HeldQuotes:
        got = self._of_source.get(source_id)
        if got is not None:
            self._of_source.move_to_end(source_id)
            return got
        # The index named: SQLite would otherwise walk every statement by `records_kind_id`
        # (the rows of one source are few; the superseded statements are few too).
        if source_id is not None:
            sql = "SELECT id, quote FROM records INDEXED BY records_source WHERE source = ? AND"
            args: tuple = (source_id,)
        else:
            sql = "SELECT id, quote FROM records INDEXED BY records_superseded WHERE"
            args = ()
        sql += " kind = 'statement' AND superseded_by IS NOT NULL ORDER BY id"
        from briefing_tui.quotes import HeldQuotes

        got = self._of_source[source_id] = HeldQuotes(conn.execute(sql, args))
        self._kept += len(got)
        while self._kept > CARRIED_KEPT and len(self._of_source) > 1:
            self._kept -= len(self._of_source.popitem(last=False)[1])
        return got

    def of(self, conn: sqlite3.Connection, kind: str, source_id: str | None, text: str | None, quote: str | None,
           context: str | None) -> tuple[str, ...]:
        from briefing_tui.quotes import HeldQuote, QuoteIndex

        if kind == "passage":
            texts, source = [text], source_id
        elif kind in ("qa", "commitment"):
            texts, source = [quote], source_id
        elif kind == "motion":
            texts, source = [quote, context], None
        else:
            return ()
        present: list[str] = [t for t in texts if t and t.strip()]
        if not present or (source is None and kind != "motion"):
            return ()
        asked = (kind, source, *present)
        kept = self._answers.get(asked)
        if kept is not None:  # also when the source's quotes have left the store since
            return kept
        candidates = self._candidates(conn, source)
        if not candidates:
            return ()
        out: list[str] = []
        for t in present:
            index = QuoteIndex.for_text(t)
            key = HeldQuote.text_key(t if kind != "motion" else None)
            out += candidates.held_by(index, key)
        if len(self._answers) >= CARRIED_ANSWERS:
            self._answers.clear()
        kept = self._answers[asked] = tuple(dict.fromkeys(out))
        return kept

    def forget(self) -> None:
        """Drop the answers kept (`of`); the quotes prepared stay."""
        self._answers.clear()


def _split(delimited: str | None) -> tuple[str, ...]:
    return tuple(x for x in (delimited or "").split("|") if x)


class SearchEngine:
    """Searches one index. See the module doc for threads.

    Made by the knowledge base (`briefing_tui.store.KnowledgeBase`), which keeps the index up to
    date. Everything a search needs is in the index: the records, each source's record (for the
    citations of the hits shown: read one by one, so opening costs the same for five sources or
    thirty thousand) and the synonyms. A caller that has the corpus loaded may pass its sources
    and synonyms instead. `vocabulary` reads the index's words for a state of the index (its
    build id and generation); by default straight from FTS5, the store gives a cached reader.
    """

    def __init__(
        self,
        index_path: Path,
        sources: Mapping[str, Source] | None = None,
        synonyms: Iterable[tuple[str, ...]] | None = None,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        vocabulary: Callable[[sqlite3.Connection, dict[str, str]], Vocabulary] | None = None,
        helper: ScoringHelper | None = None,
    ) -> None:
        self.index_path = index_path
        self._helper = helper  # scores half of a long list in a child process (`search.helper`), on a large index
        self._sources = sources  # None: each source's record is read from the index when a hit cites it
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._second: sqlite3.Connection | None = None  # a large index's counts: see `counting`
        self._kept: dict[str, tuple[Vocabulary, Any]] = {}  # see `_per_index`
        self._matched: list[int] = []  # the last window's row ids (`_window`)
        self._window_ms = 0.0
        self._split: prefixsplit.Split | None = None  # the last window's broad prefix, read split (`_window`)
        self._vocab: Vocabulary | None = None
        self._read_vocabulary = vocabulary or read_vocabulary
        self._synonyms = Synonyms(list(synonyms)) if synonyms is not None else None
        self._refs: dict[tuple[str, str | None], SourceRef] = {}  # citations per (source, locator)
        self._fold: Callable[[str], str] = index_text  # a memo of it while a search runs (`_folding`)
        self._folded = Folded()  # that memo, kept between searches

    def close(self) -> None:
        with self._lock:
            for conn in (self._conn, self._second):
                if conn is not None:
                    conn.close()
            self._conn = self._second = None

    def __enter__(self) -> "SearchEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open_connection()
        return self._conn

    def _open_connection(self) -> sqlite3.Connection:
        conn = connect(self.index_path, self._busy_timeout, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
        return conn

    def interrupt(self) -> None:
        """Stop what runs on this engine's connections now (a long count the user no longer waits
        for): it raises `sqlite3.OperationalError("interrupted")`. Safe from any thread."""
        for conn in (self._conn, self._second):
            if conn is not None:
                conn.interrupt()

    def vocabulary(self) -> Vocabulary:
        """The index's words with their document counts (read once per engine)."""
        with self._lock:
            if self._vocab is None:
                conn = self._connection()
                conn.execute("BEGIN")  # meta and words from one state of the index
                try:
                    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('version', 'built', 'generation')"))
                    self._vocab = self._read_vocabulary(conn, meta)
                finally:
                    conn.execute("COMMIT")
            return self._vocab

    # --- searching -----------------------------------------------------------------------------
    def synonyms(self) -> Synonyms:
        with self._lock:
            if self._synonyms is None:
                row = self._connection().execute("SELECT value FROM meta WHERE key = 'synonyms'").fetchone()
                self._synonyms = Synonyms([tuple(g) for g in json.loads(row[0])] if row else [])
            return self._synonyms

    def parse(self, text: str) -> ParsedQuery:
        # Under the lock: the vocabulary keeps what its compounds found (`search.compounds`).
        with self._lock:
            return parse(text, self.vocabulary(), self.synonyms())

    def search(self, query: SearchQuery | str) -> SearchResult:
        if isinstance(query, str):
            query = SearchQuery(query)
        t0 = time.perf_counter()
        # More hits than any index holds means all of them; SQLite integers stop at 2**63 - 1.
        limit = max(0, min(int(query.limit), MAX_LIMIT))
        with self._lock, self._folding():
            intents, read = self._intents(query)
            result = self._search(read, intents, limit)
            if intents and not result.hits and (read.text.strip() or query.text.strip()):
                # The kind, status or period read from the words leaves nothing: search the words.
                result = self._search(replace(query, intents=False), [], limit)
        result.elapsed_ms = (time.perf_counter() - t0) * 1000
        return result

    @contextmanager
    def _folding(self) -> Iterator[None]:
        """While one search or count runs, each text it reads is folded once (`self._fold`). The
        folded texts are kept for the next searches (folding depends on the text alone): a question
        typed word by word, or counted once the keys rest, reads mostly the records the search
        before read. Up to `FOLDED_KEPT` characters, then emptied."""
        if self._folded.chars > FOLDED_KEPT:
            self._folded.clear()
        self._fold = self._folded.__getitem__
        try:
            yield
        finally:
            self._fold = index_text

    def forget(self) -> None:
        """Drop what the engine keeps between searches of the records' texts (folded texts, the
        warnings of hits) and of FTS5's answers (a long query's candidates: `search.kept`): the
        next search works them out again, with the same results."""
        with self._lock:
            self._folded.clear()
            if self._helper is not None:
                self._helper.forget()
            carried = self._kept.get("carried")
            if carried is not None:
                carried[1].forget()
            kept = self._kept.get("kept")
            if kept is not None:
                kept[1].clear()

    def _intents(self, query: SearchQuery) -> tuple[list[Intent], SearchQuery]:
        """The intents of the query's text, and the query with them applied as filters (an
        explicit filter of the same sort wins) and their words taken out of the text."""
        if not query.intents:
            return [], query
        keep = query.keep_words
        for _ in range(2):
            intents, text = read_intents(query.text, keep)
            if not intents:
                return [], query
            # An explicit filter wins over the intent: its words are then read as text.
            moot = [it for it in intents if (it.kind == "kind" and query.kinds) or (it.kind == "since" and query.since)
                    or (it.kind == "status" and query.kinds and "commitment" not in query.kinds)]
            if not moot:
                break
            keep = (*keep, *(it.words for it in moot))
        else:
            return [], query
        changes: dict = {"text": text}
        for it in intents:
            if it.kind == "kind":
                changes["kinds"] = (it.value,)
            elif it.kind == "since":
                changes["since"] = it.value
        return intents, replace(query, **changes)

    def _search(self, query: SearchQuery, intents: list[Intent], limit: int) -> SearchResult:
        parsed, expr, where, params = self._prepare(query, intents)
        periods: list[tuple[int, int]] = []
        for it in intents:
            if it.kind == "period":
                lo, hi = SearchQuery(since=it.value, until=it.value).date_range()
                if lo is not None and hi is not None:  # always, for a period's partial date
                    periods.append((lo, hi))
        conn = self._connection()
        ranked_among = None
        exact = True
        partial = False
        extras: dict[int, dict] = {}
        if expr:
            cs, verify = self._selective(conn, parsed, where, params)
            if verify is not None:
                self._matched, total, past = verify, len(verify), None
                self._split = None
            else:
                total, past = self._window(conn, parsed, expr, where, params)
            if total > RANK_ALL:  # a broad query (see the module doc)
                ranked_among = RANK_ALL
                if query.exact_total:
                    total = self._count(conn, self._counted(parsed), where, params, None)
                else:
                    total, exact = RANK_ALL, False
                rows = self._broad(conn, parsed, expr, where, params, limit, past or 0, cs)
            else:
                boosts = Boosts(tuple(periods), broad=len(parsed.units) == 1 and not periods)
                with self._scoring(conn) as scorer:
                    rows, extras, total, partial = self._scored(conn, scorer, parsed, expr, where, params, limit, total,
                                                                boosts, cs, verify is not None)
        elif where:
            total = self._count(conn, expr, where, params, None if query.exact_total else RANK_ALL)
            if total > RANK_ALL and not query.exact_total:
                total, exact = RANK_ALL, False
            rows = self._listed(conn, where, params, limit)
        else:
            total, rows = 0, []
        hits = self._hits(conn, rows, parsed, extras)
        if expr:
            hits = self._replacements_first(conn, hits, parsed, where, params, limit, bool(periods),
                                            cs if verify is not None else None)
        return SearchResult(
            hits=hits, total=total, capped=not exact or total > len(hits),
            elapsed_ms=0.0, query_used=expr,
            dropped=parsed.dropped, ranked_among=ranked_among, total_exact=exact,
            intents=intents, searched_for=parsed.searched_for(), partial=partial,
        )

    def count(self, query: SearchQuery | str) -> int:
        """How many records match `query` with its filters: the exact total, also when a search
        with `exact_total=False` stopped counting."""
        if isinstance(query, str):
            query = SearchQuery(query)
        with self._lock, self._folding():
            intents, read = self._intents(query)
            n = self._exact(*self._prepare(read, intents))
            if intents and n == 0:  # as `search` does: the words without the intents
                n = self._exact(*self._prepare(replace(query, intents=False)))
            return n

    def _exact(self, parsed: ParsedQuery, expr: str, where: list[str], params: list) -> int:
        """The exact count of `count`: a long query's as `search` finds its matches (its
        candidates that say every concept: `search.selective`), any other FTS5's."""
        conn = self._connection()
        cs, found = self._selective(conn, parsed, where, params) if expr else (None, None)
        if cs is not None and found is not None:
            return len(self._saying_all(conn, found, cs))
        return self._count(conn, self._counted(parsed) if expr else expr, where, params, None) if expr or where else 0

    def _counted(self, parsed: ParsedQuery) -> str:
        """The query's MATCH expression as an exact count asks it: each unit's rare forms grouped
        (`search.grouped`: the same records, stepped through faster)."""
        return parsed.fts(vocab=self.vocabulary())

    def _saying_all(self, conn, rids: list[int], cs: list[Concept]) -> list[int]:
        """Those of `rids` whose records say every concept (`ranking`): a long query's matches
        among its candidates (`search.selective`)."""
        rows = self._rows(conn, rids)
        with self._scoring(conn) as scorer:
            scorer.score(rows, cs, Boosts(), need=len(cs))
        return [r.rid for r in rows if r.matched == len(cs)]

    def _selective(self, conn, parsed: ParsedQuery, where: list[str],
                   params: list) -> tuple[list[Concept] | None, list[int] | None]:
        """A long query's concepts and candidates (`search.selective`); (None, None) for a shorter
        query, and candidates None when there are too many."""
        if len(parsed.units) < SELECTIVE_UNITS:
            return None, None
        cs = concepts(parsed, self.vocabulary(), self._record_count(conn))
        found = selective.candidates(conn, parsed, cs, _fts_filter(where), params, self.vocabulary(),
                                     kept=self._per_index("kept", KeptMatches).current(conn), halves=self._halves(conn))
        if found is not None and len(found) > RANK_ALL:
            found = None  # more candidates than a query is ranked among: asked as any query
        return cs, found

    def _prepare(self, query: SearchQuery, intents: Iterable[Intent] = ()) -> tuple[ParsedQuery, str, list[str], list]:
        """The parsed query, its MATCH expression, and the filters as SQL conditions on `r`
        (with the status read from the words: see `_intents`)."""
        lo, hi = query.date_range()
        parsed = self.parse(query.text or "")
        where: list[str] = []
        params: list = []
        if query.kinds:
            where.append(f"r.kind IN ({', '.join('?' * len(query.kinds))})")
            params.extend(query.kinds)
            if set(query.kinds) <= FEW_KINDS:
                # FTS5 then looks up these few rows instead of walking every match of the words
                # ("toezeggingen cyber" at 100,000 statements: 0.2 ms instead of 250 ms).
                where.append(f"{RID} IN (SELECT rid FROM records WHERE kind IN ({', '.join('?' * len(query.kinds))}))")
                params.extend(query.kinds)
        for column, ids in (("domains", query.domains), ("forums", query.forums)):
            if ids:
                where.append("(" + " OR ".join(f"r.{column} LIKE ?" for _ in ids) + ")")
                params.extend(f"%|{i}|%" for i in ids)
        if lo is not None:
            where.append("r.date_hi >= ?")
            params.append(lo)
        if hi is not None:
            where.append("r.date_lo <= ?")
            params.append(hi)
        status = next((i.value for i in intents if i.kind == "status"), None)
        if status is not None:  # the context of a commitment holds its status between separators
            where.append("r.kind = 'commitment' AND (? || r.context || ?) LIKE ?")
            params += [CONTEXT_SEPARATOR, CONTEXT_SEPARATOR, f"%{CONTEXT_SEPARATOR}{status}{CONTEXT_SEPARATOR}%"]
        return parsed, parsed.fts(), where, params

    def _count(self, conn, expr: str, where: list[str], params: list, cap: int | None) -> int:
        """Records matching `expr` (or only the filters when there is no expression); with
        `cap`, counting stops at cap + 1."""
        if expr:
            join = " JOIN records r ON r.rid = records_fts.rowid" if where else ""
            sql = f"SELECT 1 FROM records_fts{join} WHERE records_fts MATCH ?" + _fts_filter(where)
            args = [expr, *params]
        else:
            sql, args = "SELECT 1 FROM records r WHERE 1" + _records_filter(where), params
        if cap is not None:
            sql += f" LIMIT {int(cap) + 1}"
        elif expr and (halves := self._halves(conn)) is not None:
            second, middle = halves
            n = count_in_halves(conn, second, sql, args, middle)
            if n is not None:
                return n
        return conn.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0]

    def _halves(self, conn) -> tuple[sqlite3.Connection, int] | None:
        """The second connection and the row id of the middle record, on an index large enough
        that reading in two halves at once pays (`counting.worth_splitting`)."""
        if not worth_splitting(self._record_count(conn)):
            return None
        if self._second is None:
            self._second = self._open_connection()
        return self._second, self._middle_rid(conn)

    def _per_index(self, name: str, compute: Callable[[], Any]) -> Any:
        """`compute()`, kept as long as the index is the one the vocabulary was read from (a
        reopened index reads its vocabulary again)."""
        vocab = self.vocabulary()
        cached = self._kept.get(name)
        if cached is None or cached[0] is not vocab:
            cached = self._kept[name] = (vocab, compute())
        return cached[1]

    def _middle_rid(self, conn) -> int:
        """The row id of the middle record (where `counting` cuts a count in two; any cut counts
        right, this one halves the records). Read from FTS5's table of document sizes, a row of a
        few bytes per record with the records' row ids: walking half the records themselves reads
        half their texts (at a million records 108-138 ms, there 7 ms: the first exact count of
        every process, `briefing search` without --json)."""
        def middle() -> int:
            half = [self._record_count(conn) // 2]
            try:
                row = conn.execute("SELECT id FROM records_fts_docsize ORDER BY id LIMIT 1 OFFSET ?", half).fetchone()
            except sqlite3.OperationalError:  # an index whose FTS5 table keeps no sizes
                row = None
            if row is None:
                row = conn.execute("SELECT rid FROM records ORDER BY rid LIMIT 1 OFFSET ?", half).fetchone()
            return row[0] if row else 0

        return self._per_index("middle", middle)

    def _window(self, conn, parsed: ParsedQuery, expr: str, where: list[str], params: list) -> tuple[int, int | None]:
        """(n, row id) of the first `RANK_ALL` + 1 matches in the index's prior order (highest
        row id first): n below that is every match; else the row id is that of the first match
        past a broad query's window. Read lazily: FTS5 stops there."""
        filt = _fts_filter(where)

        def select(match: str, above: int | None) -> tuple[str, list]:
            return (newest_sql(filt, RANK_ALL + 1, above is not None),
                    [match, *([above] if above is not None else []), *params])

        split = prefixsplit.choose(parsed, self.vocabulary())
        asked = split.asked(parsed) if split is not None else None
        self._split = split if asked is not None else None
        t0 = time.perf_counter()
        if split is not None and asked is not None:
            rids = prefixsplit.newest(conn, select, asked, partial(split.check, conn, columns=ALL_COLUMNS,
                                                                   fold=self._fold), RANK_ALL + 1)
        elif (checked := self._checked_window(conn, parsed, filt, params)) is not None:
            rids = checked
        else:
            sql, args = select(expr, None)
            rids = [rid for (rid,) in conn.execute(sql, args)]
        self._window_ms = (time.perf_counter() - t0) * 1000  # what asking it again would cost: see `_broad`
        self._matched = rids  # the matches themselves, for `_scored` (one FTS pass fewer)
        return len(rids), (rids[-1] if rids else None)

    def _checked_window(self, conn, parsed: ParsedQuery, filt: str, params: list) -> list[int] | None:
        """`_window`'s row ids for a query of two units or more with a costly phrase, read relaxed
        and checked (`selective.all_exact`), or None when FTS5's AND costs less. FTS5 reads a
        phrase's positions in every record with all its words, however few records the other
        words leave."""
        if len(parsed.units) < 2:
            return None
        return selective.all_exact(conn, parsed.units, parsed.plan, self.vocabulary(), filt, params, RANK_ALL,
                                   self._record_count(conn), self._fold)

    def _scored(self, conn, scorer: Scorer, parsed: ParsedQuery, expr: str, where: list[str], params: list, limit: int, total: int,
                boosts: Boosts, cs: list[Concept] | None = None,
                verify: bool = False) -> tuple[list[tuple[int, float]], dict[int, dict], int, bool]:
        """At most `RANK_ALL` matches, scored by `ranking` (at most `SCORE_ALL` of them: more are
        first cut by bm25); with fewer than `SCREENFUL`, partial matches after them. With `verify`,
        the matches `_window` left are candidates (`search.selective`): all are scored, and those
        that say every concept are the matches. Returns the page as (rid, score), the extra fields
        of its hits, the total (matches, plus partial matches added, less near-duplicates folded
        into a statement), and whether partial matches were added."""
        if total == 0 and len(parsed.units) < 2 or limit == 0:
            return [], {}, total, False
        filt = _fts_filter(where)
        rest: list[int] = []  # matches past the SCORE_ALL best by bm25: listed after the scored ones
        # Of three units or more, every match read (up to RANK_ALL) is scored: bm25 would weigh
        # every form and compound of every unit over the whole index first (at a million records
        # 78 ms against 32 for scoring 423 matches; at 1.2 million passages 189 ms against 51 for
        # scoring 890).
        if total <= SCORE_ALL or verify or (len(parsed.units) >= 3 and total <= RANK_ALL):
            rids = list(self._matched)  # read by `_window` just before, under the same lock
        else:
            ranked = [rid for rid, _ in self._rank(conn, expr, None, filt, params, max(SCORE_ALL, limit))]
            rids, rest = ranked[:SCORE_ALL], ranked[SCORE_ALL:]
        if cs is None:
            cs = concepts(parsed, self.vocabulary(), self._record_count(conn))
        rows = self._rows(conn, rids)
        n = len(parsed.units)
        # A partial match has all but one of up to three units; half of up to six; a third of a
        # long question. Candidates (`verify`) with fewer are neither match nor partial match.
        need = n - 1 if n <= 3 else (n + 1) // 2 if n < LONG_UNITS else max(3, (n + 2) // 3)
        # Candidates (`verify`) are scored as full matches first: a record that cannot say every
        # concept is left unscored (`score_rows`' quick tests). Only with fewer than a screenful of
        # full matches are the others scored as the partial matches they may be (on the same scale).
        avgdl = scorer.score(rows, cs, boosts, need=n if verify else 0)  # the scale of every other row of this query
        near: list[Row] = []  # candidates that are no match: partial matches, when they are enough of one
        if verify:
            near = [r for r in rows if r.matched < n]
            rows = [r for r in rows if r.matched == n]
            total = len(rows)
        added = 0
        if len(rows) < SCREENFUL and n >= 2:
            scorer.begin(near, cs, boosts, avgdl, need)  # by the helper while the partial matches are read
            # All but one unit, each left out in turn; with four units or more, then the records
            # with any of the most selective units (below).
            parts = [f"({u.fts(plan=parsed.plan)})" for u in parsed.units]
            # PARTIAL_READ is shared by the leave-one-out queries and, from four units, the scan.
            # Each tier: (its MATCH or the units it is the AND of, rows read at most, new rows taken at most).
            tiers: list[tuple[str | tuple[int, ...], int, int]]
            if verify:
                # A record with all but one unit has at least two of any three: the pairs of the
                # three units of the highest weight (whose records score most) stand for the
                # leave-one-out queries, which would each open the most common units again. A
                # pair reads past as many rows as there are candidates (which it may hold) for its
                # share. A pair with a phrase is read relaxed and checked (`selective.newest_exact`).
                rare = sorted(selective.by_selectivity(cs)[:selective.SELECTIVE_AND])
                share = PARTIAL_READ // 3
                tiers = [((a, b), share + len(rids), share) for a, b in combinations(rare, 2)]
            else:
                each = max(20, PARTIAL_READ // (n + 1 if n >= 4 else n))
                tiers = [(" AND ".join(p for i, p in enumerate(parts) if i != skip and p != "()"), each, each)
                         for skip in range(n)]
            if n >= 4:
                # A record with `need` of the n units has at least one of any n - need + 1 of them:
                # those with the fewest records (the highest weights) are asked, and the newest
                # `PARTIAL_SCAN` of their records are scored (a long question's words rarely stand
                # together; the newest records with any of its words are no answer). A long query
                # with many candidates scored already scans fewer.
                rare = selective.by_selectivity(cs)[:n - need + 1]
                scan = max(PARTIAL_SCAN // 4, PARTIAL_SCAN - len(rids)) if verify else PARTIAL_SCAN
                tiers.append((" OR ".join(parts[i] for i in sorted(rare) if parts[i] != "()"), scan, scan))
            found = set(rids)
            more: list[int] = []
            for match, read, take in dict.fromkeys(t for t in tiers if t[0]):
                read_rows: Iterable[int]
                if isinstance(match, tuple):
                    units = [parsed.units[i] for i in match]
                    read_rows = islice(selective.newest_exact(conn, units, parsed.plan, self.vocabulary(), filt, params,
                                                              self._fold), read)
                else:
                    read_rows = (rid for (rid,) in conn.execute(newest_sql(filt, read), [match, *params]))
                for rid in read_rows:
                    if rid not in found:
                        found.add(rid)
                        more.append(rid)
                        take -= 1
                        if take == 0:
                            break
            extra = self._rows(conn, more)
            scorer.score(extra, cs, boosts, avgdl, need)
            extra = [r for r in near + extra if r.matched >= need and r.share > 0]
            added = len(extra)
            rows.extend(extra)
        order = lambda r: (r.share < 1.0, -r.score, -(r.date_lo or 0))  # noqa: E731
        rows.sort(key=order)
        window = rows[:max(FOLD_WINDOW, limit + 30)]
        before = len(window)
        also = fold_duplicates(window)
        folded = before - len(window)
        window.sort(key=order)
        page = window[:limit]
        if rest and len(page) < limit and not any(r.share < 1.0 for r in page):
            # A page longer than SCORE_ALL: the other matches follow in bm25 order, below the
            # scored ones; near-duplicates of the page's statements are folded there too.
            tail = self._rows(conn, rest[:limit - len(page)])
            by_rid = {r.rid: r for r in tail}
            tail = [by_rid[rid] for rid in rest if rid in by_rid]
            score_rows(tail, cs, boosts, avgdl, fold=self._fold)
            floor = min((r.score for r in page), default=1.0)
            for n, r in enumerate(tail):
                r.score = floor * 0.99 ** (n + 1)
            joined = page + tail
            before = len(joined)
            for rid, ids_ in fold_duplicates(joined).items():
                also[rid] = [*also.get(rid, ()), *ids_]
            folded += before - len(joined)
            page = joined
        extras = {r.rid: {"why": r.why, "partial": r.share < 1.0, **({"also": tuple(also[r.rid])} if r.rid in also else {})}
                  for r in page}
        return [(r.rid, r.score) for r in page], extras, total + added - folded, added > 0

    def _scoring(self, conn):
        """A scorer for this search (`search.helper.scoring`): with the helper's child process on a
        large index, else in this process; the same scores either way."""
        large = self._helper is not None and worth_helping(self._record_count(conn))
        return scoring(self._helper if large else None, self._fold, self._folded)

    def _rows(self, conn, rids: list[int]) -> list[Row]:
        return [Row(rid, kind, rec_id, text or "", quote or "", context or "", lo, hi, bool(current),
                    kind == "statement" and number == KEY_NUMBER)
                for rid, kind, rec_id, text, quote, context, lo, hi, current, number in by_rid(
                    conn, "kind, id, text, quote, context, date_lo, date_hi, current, number", rids)]

    def _has_key_positions(self, conn) -> bool:
        """Does the index hold a key position at all? (Else a broad query skips that pass.)"""
        # answered from the partial index `records_key` (index.SCHEMA), not a scan of the statements
        return self._per_index("keyed", lambda: conn.execute(
            "SELECT 1 FROM records INDEXED BY records_key "
            f"WHERE kind = 'statement' AND number = {KEY_NUMBER} LIMIT 1").fetchone() is not None)

    def _record_count(self, conn) -> int:
        return self._per_index("records", lambda: conn.execute("SELECT count(*) FROM records").fetchone()[0])

    def _rank(self, conn, expr: str, exclude: str | None, filt: str, params: list, limit: int):
        kind_case = "CASE r.kind " + " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHT.items()) + " ELSE 1.0 END"
        score = (f"-bm25(records_fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}) * {kind_case} "
                 f"* (CASE WHEN r.current THEN 1.0 ELSE {SUPERSEDED_WEIGHT} END)")
        args: list = [expr, *params]
        if exclude is not None:
            filt += " AND r.rid NOT IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)"
            args.append(exclude)
        sql = (f"SELECT r.rid, {score} AS score FROM records_fts JOIN records r ON r.rid = records_fts.rowid "
               f"WHERE records_fts MATCH ?{filt} ORDER BY score DESC, r.date_lo DESC, r.kind, r.id LIMIT ?")
        return conn.execute(sql, [*args, limit]).fetchall()

    def _broad(self, conn, parsed: ParsedQuery, expr: str, where: list[str], params: list, limit: int,
               past: int, cs: list[Concept] | None = None) -> list[tuple[int, float]]:
        """A broad query's page: among its first `RANK_ALL` matches in prior order (row ids above
        `past`), in the order of `BROAD_PASSES`, each pass newest first. Every pass is read lazily
        and stops when the page is full."""
        if limit == 0:
            return []
        direct_forms = parsed.fts(direct=True)  # "" when a unit has nothing but compounds
        direct = direct_forms or expr
        own = _own_words(direct)
        exprs = {"key": own, "own": own, "direct": direct, "all": expr}
        names = [p for p in BROAD_PASSES if p[0] != "key" or self._has_key_positions(conn)]
        firsts: dict[tuple[str, int, bool], str] = {}  # the passes, as FTS5 would ask them, with their level
        for name, current in names:
            firsts.setdefault((exprs[name], current, name == "key"), "own" if name == "key" else name)
        # A window read through a split prefix was quick, but each pass would read the tail again.
        if self._window_ms >= BROAD_FROM_WINDOW_MS or self._split is not None:
            window = [rid for rid in self._matched if rid > past]  # read by `_window` just before
            if cs is None:
                cs = concepts(parsed, self.vocabulary(), self._record_count(conn))
            page = broad.page_from_window(conn, cs, bool(direct_forms), window,
                                          [(level, current, key) for (_, current, key), level in firsts.items()],
                                          limit, KEY_NUMBER, self._fold)
            if page is not None:
                return page
        filt = _fts_filter(where)
        # The passes through the window's split prefix, when it had one (`search.prefixsplit`):
        # each expression's head and tail queries, and the columns a tail's phrase is checked in.
        split = self._split
        through: dict[str, tuple[tuple[str, list[str]] | None, tuple[str, ...]]] = {}
        if split is not None:
            full = split.asked(parsed)
            direct_asked = split.asked(parsed, direct=True) if direct_forms else full
            wrap = lambda a: (_own_words(a[0]), [_own_words(t) for t in a[1]]) if a else None  # noqa: E731
            through = {own: (wrap(direct_asked), OWN_COLUMNS), direct: (direct_asked, ALL_COLUMNS),
                       expr: (full, ALL_COLUMNS)}
        rows: list[tuple[int, float]] = []
        taken: set[int] = set()
        passes = list(firsts)

        def selecting(current: int, key: bool, read: int) -> Callable[[str, int | None], tuple[str, list]]:
            only_key = f" AND r.kind = 'statement' AND r.number = {KEY_NUMBER}" if key else ""
            return lambda match, above: (
                "SELECT records_fts.rowid FROM records_fts JOIN records r ON r.rid = records_fts.rowid "
                f"WHERE records_fts MATCH ? AND records_fts.rowid > ? AND r.current = ?{only_key}{filt} "
                f"ORDER BY records_fts.rowid DESC LIMIT {read}",
                [match, past if above is None else max(past, above), current, *params])

        for n, (match, current, key) in enumerate(passes):
            want = limit - len(rows)
            if want <= 0:
                break
            select = selecting(current, key, want + len(taken))
            asked, columns = through.get(match, (None, ALL_COLUMNS))
            if split is not None and asked is not None:
                found = prefixsplit.newest(conn, select, asked, partial(split.check, conn, columns=columns,
                                                                       fold=self._fold), want + len(taken))
            else:
                sql, args = select(match, None)
                found = [rid for (rid,) in conn.execute(sql, args)]
            score = float(len(passes) - n)
            for rid in found:
                if rid not in taken:
                    taken.add(rid)
                    rows.append((rid, score))
                    if len(rows) == limit:
                        break
        return rows

    def _replacements_first(self, conn, hits: list[Hit], parsed: ParsedQuery, where: list[str],
                            params: list, limit: int, periods: bool = False,
                            verify: list[Concept] | None = None) -> list[Hit]:
        """A superseded statement never comes before the statement that holds now (the end of its
        chain of replacements) when that one matches the query and the filters too: the current
        statement is moved, or brought in, just above it, with at least its score. Among partial
        matches the same holds for a current statement that is a partial match too."""
        out: list[Hit] = []
        done: set[str] = set()
        later = {h.id: h for h in hits if h.kind == "statement" and not h.partial}
        later_partial = {h.id: h for h in hits if h.kind == "statement" and h.partial}
        for hit in hits:
            if hit.kind == "statement" and hit.id in done:
                continue  # moved up already
            if hit.kind == "statement" and not hit.current and not (periods and hit.why and "period" in hit.why["factors"]
                                                                     and hit.why["factors"]["period"] > 1):
                head = self._chain_end(conn, hit.id)
                if head is not None and head not in done:
                    current = (later.get(head) or (later_partial.get(head) if hit.partial else None)
                               or self._matching_statement(conn, head, parsed, where, params, verify))
                    if current is not None:
                        out.append(replace(current, score=max(current.score, hit.score)))
                        done.add(head)
            out.append(hit)
            if hit.kind == "statement":
                done.add(hit.id)
        return out[:limit]

    @staticmethod
    def _chain_end(conn, statement_id: str) -> str | None:
        """The statement at the end of `statement_id`'s chain of replacements (None: not replaced)."""
        seen = {statement_id}
        current = statement_id
        while (row := conn.execute("SELECT superseded_by FROM records WHERE kind = 'statement' AND id = ?",
                                   (current,)).fetchone()) and row[0] and row[0] not in seen:
            current = row[0]
            seen.add(current)
        return current if current != statement_id else None

    def _matching_statement(self, conn, statement_id: str, parsed: ParsedQuery, where: list[str],
                            params: list, verify: list[Concept] | None = None) -> Hit | None:
        """The hit of a statement when it matches the query (its units) and the filters; else None. With `verify`
        (the concepts of a long query: `search.selective`), it matches when it says every concept,
        as the query's other matches were found."""
        row = conn.execute("SELECT rid FROM records WHERE kind = 'statement' AND id = ?", (statement_id,)).fetchone()
        if row is None:
            return None
        sql = "SELECT r.rid FROM records r WHERE r.rid = ?" + _records_filter(where)
        if conn.execute(sql, [row[0], *params]).fetchone() is None:
            return None
        # Its text checked against the units (`selective.having_all`), not by FTS5's MATCH limited
        # to its row id, which still reads every record of the query's words.
        if not (self._saying_all(conn, [row[0]], verify) if verify is not None
                else selective.having_all(conn, parsed.units, [row[0]], self._fold)):
            return None
        found = self._hits(conn, [(row[0], 0.0)], parsed)
        return found[0] if found else None

    def _listed(self, conn, where: list[str], params: list, limit: int):
        return conn.execute(
            f"SELECT r.rid, 0.0 FROM records r WHERE 1{_records_filter(where)} "
            "ORDER BY r.current DESC, r.date_lo IS NULL, r.date_lo DESC, r.kind, r.id LIMIT ?",
            [*params, limit],
        ).fetchall()

    def _hits(self, conn, rows: list[tuple[int, float]], parsed: ParsedQuery, extras: dict | None = None) -> list[Hit]:
        if not rows:
            return []
        scores = {rid: score for rid, score in rows}
        ids = list(scores)
        fetched = {rec[0]: rec for rec in by_rid(
            conn, "kind, id, source, text, quote, context, date, domains, forums, topic, locator, current, "
                  "superseded_by, page, section, number", ids)}
        match = parsed.matcher()
        carried = self._per_index("carried", _CarriedInIndex).current(conn)
        hits = []
        for rid in ids:
            rec = fetched.get(rid)
            if rec is None:
                continue
            (_, kind, rec_id, source_id, text, quote, context, date, domains, forums, topic, locator,
             current, superseded_by, page, section, number) = rec
            # The snippet comes from the text, or from the quote when more words match there.
            shown = text or ""
            folded = self._fold(shown)
            found = match(folded)
            if quote:
                q_folded = self._fold(quote)
                q_found = match(q_folded)
                if len(q_found) > len(found):
                    shown, folded, found = quote, q_folded, q_found
            spans = window(shown, folded, found) if shown else []
            hits.append(Hit(
                kind=kind, id=rec_id, text=text or "", quote=quote or None,
                snippet=render(spans), snippet_spans=spans, date=date,
                domains=_split(domains), forums=_split(forums), topic=topic,
                current=bool(current), superseded_by=superseded_by, locator=locator,
                score=round(float(scores[rid] or 0.0), 4),
                source=self._source_ref(source_id, locator),
                section=section, page=page, key=kind == "statement" and number == KEY_NUMBER,
                superseded_statements=carried.of(conn, kind, source_id, text, quote, context),
                **(extras.get(rid, {}) if extras else {}),
            ))
        return hits

    # --- nearest records (proposals; see search/similar.py) -------------------------------------
    def similar(self, text: str, *, kinds: tuple[str, ...] = ("statement",), limit: int = 20, terms: int = 10):
        """Records that share the most distinctive words of `text`, nearest first (`similar.Row`)."""
        from briefing_tui.search.similar import similar

        vocab = self.vocabulary()
        with self._lock:
            return similar(self._connection(), vocab, text, kinds=kinds, limit=limit, terms=terms)

    def similar_many(self, texts: list[str], *, kinds: tuple[str, ...] = ("statement",), limit: int = 20,
                     terms: int = 10) -> list:
        """`similar` of each text, each word's list read once for all of them (`similar.similar_many`)."""
        from briefing_tui.search.similar import similar_many

        vocab = self.vocabulary()
        with self._lock:
            return similar_many(self._connection(), vocab, texts, kinds=kinds, limit=limit, terms=terms)

    def statement_rows(self, *, topics: tuple[str, ...] = (), source: str | None = None, current: bool = False,
                       ids: tuple[str, ...] = ()):
        """The statements of some topics (the current ones with `current`), or the statements
        and commitments of one source, or the statements with some ids (`similar.Row`)."""
        from briefing_tui.search.similar import statement_rows

        with self._lock:
            return statement_rows(self._connection(), topics=topics, source=source, current=current, ids=ids)

    def taken_ids(self, base: str) -> set[str]:
        """The ids of records, sources and areas that are `base` or start with `base-` (`similar.taken_ids`)."""
        from briefing_tui.search.similar import taken_ids

        with self._lock:
            return taken_ids(self._connection(), base)

    def areas(self):
        """(id, kind, name, aliases) of every domain and forum, from the index (`similar.area_rows`)."""
        from briefing_tui.search.similar import area_rows

        with self._lock:
            return area_rows(self._connection())

    def read(self, ask: Callable[[sqlite3.Connection], Any]) -> Any:
        """`ask(connection)` on this engine's read-only connection to the index."""
        with self._lock:
            return ask(self._connection())

    def source(self, source_id: str) -> Source | None:
        """A source's record: the corpus's when one was given, else from the index."""
        with self._lock:
            return self._source(source_id)

    def _source_ref(self, source_id: str | None, locator: str | None) -> SourceRef | None:
        if not source_id:
            return None
        key = (source_id, locator)
        ref = self._refs.get(key)
        if ref is None:
            if len(self._refs) > 10_000:
                self._refs.clear()
            ref = self._refs[key] = self._make_source_ref(source_id, locator)
        return ref

    def _source(self, source_id: str) -> Source | None:
        if self._sources is not None:
            return self._sources.get(source_id)
        row = self._connection().execute("SELECT record FROM sources WHERE id = ?", (source_id,)).fetchone()
        if row is None or not row[0]:
            return None
        found = Decoder().revive(json.loads(row[0]))
        return found if isinstance(found, Source) else None

    def _make_source_ref(self, source_id: str, locator: str | None) -> SourceRef:
        src = self._source(source_id)
        if src is None:
            return SourceRef(source_id, None, None, None, None, None)
        return SourceRef(
            id=src.id, kind=src.kind, title=src.title, date=src.date,
            citation=cite_short(src, locator), url=source_url(src),
            inferred=tuple(sorted(src.inferred)),
            established=tuple(sorted(src.established)),
            citation_gaps=src.citation_gaps(),
        )


def vocabulary_terms(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every word of the index with its document count (walks the whole FTS5 index)."""
    return [(term, doc) for term, doc in conn.execute("SELECT term, doc FROM records_vocab")]


def read_vocabulary(conn: sqlite3.Connection, meta: dict[str, str]) -> Vocabulary:
    """The vocabulary read from the index itself (no cache)."""
    return Vocabulary(vocabulary_terms(conn), PREFIX_LENGTHS)
