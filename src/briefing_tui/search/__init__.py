"""Search over statements, passages, commitments, motions and questions.

    kb = KnowledgeBase.open(ws)                    # briefing_tui.store: the index up to date
    result = kb.search(SearchQuery("killer robots", domains=("laws",), since="2020"))
    result.hits[0].to_json()                       # the JSON contract of docs/design.md
    result.total, result.capped                    # all matches; were more found than returned?
    kb.count(query)                                # the exact total (see "Counting while typing")

How a query is read is documented in `briefing_tui.search.query`; folding (case, diacritics,
OCR "technologieén", "Al" for AI) in `briefing_tui.textnorm`.

Ranking (at most `RANK_ALL` matches; broad queries below): FTS5 bm25 over three columns (text and quote weighted 1.0, the context of topic,
domain and forum names 0.3), multiplied by a weight per kind (a statement, the cabinet's
position in the editors' words plus its quote, counts 1.5 times a passage of plain source text;
commitments 1.3, motions and questions 1.2), and for a superseded statement by 0.25: a strong
demotion, never an exclusion. Records that match only through a compound found in the
vocabulary ("kernwapens" for "wapens") come after the direct matches (their score halved and
kept below the last direct one): a rare compound would otherwise outrank the word itself. Ties
go to the newer record. `score` in a hit is that product, higher is better. Within a chain of replacements the order is fixed: a superseded statement never
comes before the statement that now holds when that one matches the query (and the filters) too;
it is moved, or brought onto the page, just above it with at least its score (bm25 favours short
texts, and a long current line could otherwise trail the old line it replaced).

Never silently capped: `total` counts every match (with the filters), `capped` says that more
were found than `limit`.

Broad queries: a query that matches more than `RANK_ALL` records ("kabinet", or "autonome" in
a corpus about autonomous weapons) is not scored. bm25 first reads every match of every term
to weigh the terms, which for a word in half the corpus costs more than a keystroke may
(benchmarks/RESULTS.md). Its page comes from its first `RANK_ALL` matches in the index's prior
order, which its row ids hold (`index.ZONE_SHIFT`): current statements, newest first, then
superseded statements, then commitments, motions and questions, then passages, newest source
first. They are taken in the passes of `BROAD_PASSES`, each newest first: current records
whose own words match (text or quote), then those that match through their topic, domain or
forum names too, then those found only through a compound; then superseded statements in the
same three passes. A pass is read lazily and stops when the page is full. `ranked_among` says
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
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping

from briefing_tui.citations import cite_short, source_url
from briefing_tui.dates import bounds
from briefing_tui.index import BUSY_TIMEOUT, PREFIX_LENGTHS, connect
from briefing_tui.model import Source
from briefing_tui.recordjson import Decoder
from briefing_tui.search.query import ParsedQuery, Synonyms, Vocabulary, parse
from briefing_tui.search.snippets import Spans, render, window
from briefing_tui.textnorm import index_text

__all__ = ["SearchEngine", "SearchQuery", "SearchResult", "Hit", "SourceRef", "parse", "read_vocabulary",
           "vocabulary_terms"]

RANK_ALL = 1000
WEIGHTS = (1.0, 1.0, 0.3)  # bm25 weights of text, quote, context
KIND_WEIGHT = {"statement": 1.5, "commitment": 1.3, "motion": 1.2, "qa": 1.2, "passage": 1.0}
SUPERSEDED_WEIGHT = 0.25
COMPOUND_WEIGHT = 0.5
OWN_COLUMNS = ("text", "quote")  # a record's own words (the context column holds names of what it is filed under)
# A broad query's passes, in order: (which expression, current): matches in the record's own
# words, then anywhere (topic, domain and forum names too), then through compounds only; every
# current record before any superseded statement.
BROAD_PASSES = (("own", 1), ("direct", 1), ("all", 1), ("own", 0), ("direct", 0), ("all", 0))


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

    def to_json(self) -> dict:
        return {
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
        }


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


class _CarriedInIndex:
    """`carried.CarriedStatements` for index rows: which superseded statements (as the index
    has them now, after every update) a hit's text repeats. A passage, answer or commitment is
    compared with the superseded statements of its own source; a motion (its follow-ups stand
    in its context) with all of them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._of_source: dict[str | None, list[tuple[str, str]]] = {}

    def _candidates(self, source_id: str | None) -> list[tuple[str, str]]:
        if source_id not in self._of_source:
            sql = "SELECT id, quote FROM records WHERE kind = 'statement' AND superseded_by IS NOT NULL"
            args: tuple = ()
            if source_id is not None:
                sql += " AND source = ?"
                args = (source_id,)
            self._of_source[source_id] = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return self._of_source[source_id]

    def of(self, kind: str, source_id: str | None, text: str | None, quote: str | None,
           context: str | None) -> tuple[str, ...]:
        from briefing_tui.quotes import QuoteIndex, holds_quote

        if kind == "passage":
            texts, source = [text], source_id
        elif kind in ("qa", "commitment"):
            texts, source = [quote], source_id
        elif kind == "motion":
            texts, source = [quote, context], None
        else:
            return ()
        texts = [t for t in texts if t and t.strip()]
        if not texts or (source is None and kind != "motion"):
            return ()
        candidates = self._candidates(source)
        if not candidates:
            return ()
        out: list[str] = []
        for t in texts:
            index = QuoteIndex.for_text(t)
            out += [sid for sid, q in candidates if q and holds_quote(index, q, t if kind != "motion" else None)]
        return tuple(dict.fromkeys(out))


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
    ) -> None:
        self.index_path = index_path
        self._sources = sources  # None: each source's record is read from the index when a hit cites it
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._vocab: Vocabulary | None = None
        self._read_vocabulary = vocabulary or read_vocabulary
        self._synonyms = Synonyms(list(synonyms)) if synonyms is not None else None
        self._refs: dict[tuple[str, str | None], SourceRef] = {}  # citations per (source, locator)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "SearchEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.index_path, self._busy_timeout, check_same_thread=False)
            self._conn.execute("PRAGMA query_only = 1")
        return self._conn

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
        return parse(text, self.vocabulary(), self.synonyms())

    def search(self, query: SearchQuery | str) -> SearchResult:
        if isinstance(query, str):
            query = SearchQuery(query)
        t0 = time.perf_counter()
        # More hits than any index holds means all of them; SQLite integers stop at 2**63 - 1.
        limit = max(0, min(int(query.limit), MAX_LIMIT))
        with self._lock:
            parsed, expr, where, params = self._prepare(query)
            conn = self._connection()
            ranked_among = None
            exact = True
            if expr:
                total, past = self._window(conn, expr, where, params)
                if total > RANK_ALL:  # a broad query (see the module doc)
                    ranked_among = RANK_ALL
                    if query.exact_total:
                        total = self._count(conn, expr, where, params, None)
                    else:
                        total, exact = RANK_ALL, False
                    rows = self._broad(conn, parsed, expr, where, params, limit, past or 0)
                else:
                    rows = self._ranked(conn, parsed, expr, where, params, limit, total)
            elif where:
                total = self._count(conn, expr, where, params, None if query.exact_total else RANK_ALL)
                if total > RANK_ALL and not query.exact_total:
                    total, exact = RANK_ALL, False
                rows = self._listed(conn, where, params, limit)
            else:
                total, rows = 0, []
            hits = self._hits(conn, rows, parsed)
            if expr:
                hits = self._replacements_first(conn, hits, parsed, expr, where, params, limit)
        return SearchResult(
            hits=hits, total=total, capped=not exact or total > len(hits),
            elapsed_ms=(time.perf_counter() - t0) * 1000, query_used=expr,
            dropped=parsed.dropped, ranked_among=ranked_among, total_exact=exact,
        )

    def count(self, query: SearchQuery | str) -> int:
        """How many records match `query` with its filters: the exact total, also when a search
        with `exact_total=False` stopped counting."""
        if isinstance(query, str):
            query = SearchQuery(query)
        with self._lock:
            _, expr, where, params = self._prepare(query)
            return self._count(self._connection(), expr, where, params, None) if expr or where else 0

    def _prepare(self, query: SearchQuery) -> tuple[ParsedQuery, str, list[str], list]:
        """The parsed query, its MATCH expression, and the filters as SQL conditions on `r`."""
        lo, hi = query.date_range()
        parsed = self.parse(query.text or "")
        where: list[str] = []
        params: list = []
        if query.kinds:
            where.append(f"r.kind IN ({', '.join('?' * len(query.kinds))})")
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
        return parsed, parsed.fts(), where, params

    def _count(self, conn, expr: str, where: list[str], params: list, cap: int | None) -> int:
        """Records matching `expr` (or only the filters when there is no expression); with
        `cap`, counting stops at cap + 1."""
        if expr:
            join = " JOIN records r ON r.rid = records_fts.rowid" if where else ""
            sql = f"SELECT 1 FROM records_fts{join} WHERE records_fts MATCH ?" + "".join(f" AND {w}" for w in where)
            args = [expr, *params]
        else:
            sql, args = "SELECT 1 FROM records r WHERE " + " AND ".join(where), params
        if cap is not None:
            sql += f" LIMIT {int(cap) + 1}"
        return conn.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0]

    def _window(self, conn, expr: str, where: list[str], params: list) -> tuple[int, int | None]:
        """(n, row id) of the first `RANK_ALL` + 1 matches in the index's prior order (highest
        row id first): n below that is every match; else the row id is that of the first match
        past a broad query's window. Read lazily: FTS5 stops there."""
        join = " JOIN records r ON r.rid = records_fts.rowid" if where else ""
        sql = (f"SELECT count(*), min(rid) FROM (SELECT records_fts.rowid AS rid FROM records_fts{join} "
               "WHERE records_fts MATCH ?" + "".join(f" AND {w}" for w in where)
               + f" ORDER BY records_fts.rowid DESC LIMIT {RANK_ALL + 1})")
        n, past = conn.execute(sql, [expr, *params]).fetchone()
        return n, past

    def _ranked(self, conn, parsed: ParsedQuery, expr: str, where: list[str], params: list, limit: int, total: int):
        """At most `RANK_ALL` matches: all of them ranked by score (see the module doc)."""
        if total == 0 or limit == 0:
            return []
        filt = "".join(f" AND {w}" for w in where)
        direct = parsed.fts(direct=True)
        if direct == expr or not direct:  # no compounds, or nothing but compounds can match
            return self._rank(conn, expr, None, filt, params, limit)
        # Direct matches first; records found only through a compound of the vocabulary after them.
        rows = self._rank(conn, direct, None, filt, params, limit)
        if len(rows) < limit:
            floor = rows[-1][1] if rows else None
            for rid, score in self._rank(conn, expr, direct, filt, params, limit - len(rows)):
                score = score * COMPOUND_WEIGHT
                if floor is not None and score >= floor:
                    score = floor * 0.999
                floor = score
                rows.append((rid, score))
        return rows

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
               past: int) -> list[tuple[int, float]]:
        """A broad query's page: among its first `RANK_ALL` matches in prior order (row ids above
        `past`), in the order of `BROAD_PASSES`, each pass newest first. Every pass is read lazily
        and stops when the page is full."""
        if limit == 0:
            return []
        direct = parsed.fts(direct=True) or expr
        own = f"{{{' '.join(OWN_COLUMNS)}}} : ({direct})"
        exprs = {"own": own, "direct": direct, "all": expr}
        filt = "".join(f" AND {w}" for w in where)
        rows: list[tuple[int, float]] = []
        taken: set[int] = set()
        passes = list(dict.fromkeys((exprs[name], current) for name, current in BROAD_PASSES))
        for n, (match, current) in enumerate(passes):
            want = limit - len(rows)
            if want <= 0:
                break
            sql = ("SELECT records_fts.rowid FROM records_fts JOIN records r ON r.rid = records_fts.rowid "
                   f"WHERE records_fts MATCH ? AND records_fts.rowid > ? AND r.current = ?{filt} "
                   "ORDER BY records_fts.rowid DESC LIMIT ?")
            score = float(len(passes) - n)
            for (rid,) in conn.execute(sql, [match, past, current, *params, want + len(taken)]):
                if rid not in taken:
                    taken.add(rid)
                    rows.append((rid, score))
                    if len(rows) == limit:
                        break
        return rows

    def _replacements_first(self, conn, hits: list[Hit], parsed: ParsedQuery, expr: str, where: list[str],
                            params: list, limit: int) -> list[Hit]:
        """A superseded statement never comes before the statement that holds now (the end of its
        chain of replacements) when that one matches the query and the filters too: the current
        statement is moved, or brought in, just above it, with at least its score."""
        out: list[Hit] = []
        done: set[str] = set()
        later = {h.id: h for h in hits if h.kind == "statement"}
        for hit in hits:
            if hit.kind == "statement" and hit.id in done:
                continue  # moved up already
            if hit.kind == "statement" and not hit.current:
                head = self._chain_end(conn, hit.id)
                if head is not None and head not in done:
                    current = later.get(head) or self._matching_statement(conn, head, parsed, expr, where, params)
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

    def _matching_statement(self, conn, statement_id: str, parsed: ParsedQuery, expr: str, where: list[str],
                            params: list) -> Hit | None:
        """The hit of a statement when it matches `expr` and the filters; else None."""
        row = conn.execute("SELECT rid FROM records WHERE kind = 'statement' AND id = ?", (statement_id,)).fetchone()
        if row is None:
            return None
        sql = ("SELECT r.rid FROM records_fts JOIN records r ON r.rid = records_fts.rowid "
               "WHERE records_fts MATCH ? AND records_fts.rowid = ?" + "".join(f" AND {w}" for w in where))
        if conn.execute(sql, [expr, row[0], *params]).fetchone() is None:
            return None
        found = self._hits(conn, [(row[0], 0.0)], parsed)
        return found[0] if found else None

    def _listed(self, conn, where: list[str], params: list, limit: int):
        filt = " AND ".join(where)
        return conn.execute(
            f"SELECT r.rid, 0.0 FROM records r WHERE {filt} "
            "ORDER BY r.current DESC, r.date_lo IS NULL, r.date_lo DESC, r.kind, r.id LIMIT ?",
            [*params, limit],
        ).fetchall()

    def _hits(self, conn, rows: list[tuple[int, float]], parsed: ParsedQuery) -> list[Hit]:
        if not rows:
            return []
        scores = {rid: score for rid, score in rows}
        ids = list(scores)
        fetched = {}
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            for rec in conn.execute(
                "SELECT rid, kind, id, source, text, quote, context, date, domains, forums, topic, locator, "
                f"current, superseded_by, page, section FROM records WHERE rid IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                fetched[rec[0]] = rec
        match = parsed.matcher()
        carried = _CarriedInIndex(conn)
        hits = []
        for rid in ids:
            rec = fetched.get(rid)
            if rec is None:
                continue
            (_, kind, rec_id, source_id, text, quote, context, date, domains, forums, topic, locator,
             current, superseded_by, page, section) = rec
            # The snippet comes from the text, or from the quote when more words match there.
            shown = text or ""
            folded = index_text(shown)
            found = match(folded)
            if quote:
                q_folded = index_text(quote)
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
                section=section, page=page,
                superseded_statements=carried.of(kind, source_id, text, quote, context),
            ))
        return hits

    # --- nearest records (proposals; see search/similar.py) -------------------------------------
    def similar(self, text: str, *, kinds: tuple[str, ...] = ("statement",), limit: int = 20, terms: int = 10):
        """Records that share the most distinctive words of `text`, nearest first (`similar.Row`)."""
        from briefing_tui.search.similar import similar

        vocab = self.vocabulary()
        with self._lock:
            return similar(self._connection(), vocab, text, kinds=kinds, limit=limit, terms=terms)

    def statement_rows(self, *, topics: tuple[str, ...] = (), source: str | None = None):
        """The statements of some topics, or the statements and commitments of one source (`similar.Row`)."""
        from briefing_tui.search.similar import statement_rows

        with self._lock:
            return statement_rows(self._connection(), topics=topics, source=source)

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
