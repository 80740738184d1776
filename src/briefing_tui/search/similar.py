"""Records like a given text: the nearest statements of a sentence, for proposals.

A search (`SearchEngine.search`) asks for records that hold every word of the query. Here the
question is the other way round: which statements share the most distinctive words of a
sentence. So the sentence's words (folded as the index folds them, `STOPWORDS` left out) are
ranked by how few records hold them (the index's vocabulary); for each of the `terms` rarest,
the newest `PER_TERM` statements holding it in their own words (position and quote, not the
context of topic and area names) are read, and a statement scores the summed weight of the
words it shares. Reading each list lazily, newest first, and no further, keeps every query
cheap however large the knowledge base (a word in 20,000 statements costs what one in 200 does).

`Row` is what the index holds for a statement, so callers need no corpus to suggest topics,
domains and forums or to compare positions.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from briefing_tui.search.query import STOPWORDS, Vocabulary
from briefing_tui.textnorm import searchable, words

__all__ = ["Row", "similar", "similar_many", "statement_rows", "area_rows", "taken_ids", "distinctive_terms", "max_df"]

_COLUMNS = "r.kind, r.id, r.source, r.text, r.quote, r.date, r.domains, r.forums, r.topic, r.locator, r.current, r.superseded_by"
MAX_DF_SHARE = 0.2  # a word in more than this share of all records says little about a sentence
PER_TERM = 60  # records read per word, newest first


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    id: str
    source: str | None
    text: str  # a statement's position line
    quote: str
    date: str | None
    domains: tuple[str, ...]
    forums: tuple[str, ...]
    topic: str | None
    locator: str | None
    current: bool
    superseded_by: str | None
    score: float = 0.0  # bm25 of the similarity query (higher is nearer); 0 when not from one

    @classmethod
    def from_db(cls, rec: tuple, score: float = 0.0) -> "Row":
        kind, rid, source, text, quote, date, domains, forums, topic, locator, current, superseded_by = rec
        return cls(kind, rid, source, text or "", quote or "", date, _split(domains), _split(forums), topic,
                   locator, bool(current), superseded_by, score)


@lru_cache(maxsize=1 << 12)
def _split(delimited: str | None) -> tuple[str, ...]:
    """"ai|laws" -> ("ai", "laws") (kept: the same few area lists recur on thousands of rows)."""
    return tuple(x for x in (delimited or "").split("|") if x)


_MAX_DF: list = [None, 0]  # (vocabulary, its largest document count): one vocabulary at a time


def _max_df(vocab: Vocabulary) -> int:
    """The largest document count of the vocabulary (about the number of records), computed once."""
    if _MAX_DF[0] is not vocab:
        _MAX_DF[0], _MAX_DF[1] = vocab, vocab.df.max_count()
    return _MAX_DF[1]


max_df = _max_df


def distinctive_terms(text: str, vocab: Vocabulary, terms: int) -> list[str]:
    """The `terms` words of `text` that the fewest records hold (words of no record left out)."""
    total = _max_df(vocab)
    cap = max(50, int(total * MAX_DF_SHARE)) if total else 0
    seen: dict[str, int] = {}
    for w in words(searchable(text)):
        if w in STOPWORDS or len(w) < 3 or w.isdigit() or w in seen:
            continue
        df = vocab.df.get(w, 0)
        if 0 < df <= cap:
            seen[w] = df
    return sorted(seen, key=lambda w: (seen[w], w))[:terms]


def similar(conn: sqlite3.Connection, vocab: Vocabulary, text: str, *, kinds: tuple[str, ...] = ("statement",),
            limit: int = 20, terms: int = 10, per_term: int = PER_TERM) -> list[Row]:
    """Records of `kinds` that share the most distinctive words of `text`, nearest first.

    Each word's list is read lazily from the newest record down (`ORDER BY rowid DESC`: the
    index's prior order, current statements first) and at most `per_term` records of it, so a
    query costs the same however many records hold its words. A record's score is the sum of
    the weights (log inverse document frequency) of the words it shares with `text`."""
    return similar_many(conn, vocab, [text], kinds=kinds, limit=limit, terms=terms, per_term=per_term)[0]


def similar_many(conn: sqlite3.Connection, vocab: Vocabulary, texts: list[str], *,
                 kinds: tuple[str, ...] = ("statement",), limit: int = 20, terms: int = 10,
                 per_term: int = PER_TERM) -> list[list[Row]]:
    """`similar` of each of `texts` (the sentences of one letter), the same answers at a lower
    cost: each word's list is read once for all the texts that ask for it (the sentences of a
    letter share many of their rare words), and the rows of all of them in one query per 500."""
    total = _max_df(vocab) * 2
    floor = _zone_floor(kinds)
    lists: dict[str, list[int]] = {}  # word -> the row ids of its list, newest first
    ranked: list[list[tuple[int, float]]] = []
    for text in texts:
        picked = distinctive_terms(text, vocab, terms) if limit > 0 else []
        scores: dict[int, float] = {}
        for w in picked:
            weight = math.log(1 + total / (1 + vocab.df.get(w, 0)))
            rids = lists.get(w)
            if rids is None:
                rids = lists[w] = [rid for (rid,) in conn.execute(_TERM_SQL, (f'{{text quote}} : "{w}"', floor, per_term))]
            # Each record of the word gains its weight, summed in the order of the words; the
            # dict operations run in C, only records that hold an earlier word too are added here.
            gained = dict.fromkeys(rids, weight)
            for rid in gained.keys() & scores.keys():
                gained[rid] = scores[rid] + weight
            scores.update(gained)
        # Nearest first, then newest (the larger row id): the `limit * 3` best (row id, score) pairs.
        top = sorted(zip(scores.values(), scores.keys()), reverse=True)[:limit * 3]
        ranked.append([(rid, score) for score, rid in top])
    # The best `limit` of each text first; more only when some of them are of other kinds
    # (outside the zone of `kinds`, rarely). By row id only (a condition on the kind would make
    # SQLite walk the kind index instead).
    records: dict[int, tuple | None] = {}
    _read_records(conn, records, {rid for best in ranked for rid, _ in best[:limit]})
    out: list[list[Row]] = []
    for best in ranked:
        found: list[Row] = []
        for chunk in (best[:limit], best[limit:]):
            if len(found) >= limit or not chunk:
                break
            _read_records(conn, records, {rid for rid, _ in chunk})
            for rid, score in chunk:
                rec = records.get(rid)
                if rec is not None and rec[0] in kinds:
                    found.append(Row.from_db(rec, round(score, 3)))
        out.append(found[:limit])
    return out


def _read_records(conn: sqlite3.Connection, records: dict[int, tuple | None], rids: set[int]) -> None:
    """The index's rows of `rids` (those not in `records` yet) into `records`, by row id."""
    wanted = sorted(rid for rid in rids if rid not in records)
    for n in range(0, len(wanted), 500):
        chunk = wanted[n:n + 500]
        sql = f"SELECT r.rid, {_COLUMNS} FROM records r WHERE r.rid IN ({', '.join('?' * len(chunk))})"
        for rec in conn.execute(sql, chunk):
            records[rec[0]] = rec[1:]
    for rid in wanted:
        records.setdefault(rid, None)  # gone from the index


_TERM_SQL = "SELECT rowid FROM records_fts WHERE records_fts MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?"


def _zone_floor(kinds: tuple[str, ...]) -> int:
    """The lowest row id the index gives records of `kinds` (its zones, `index.ZONE_SHIFT`), or 0."""
    try:
        from briefing_tui.index import ZONE_SHIFT
    except ImportError:  # another index layout: read every list (the kind is checked on the rows)
        return 0
    return 3 << ZONE_SHIFT if set(kinds) == {"statement"} else 0


def statement_rows(conn: sqlite3.Connection, *, topics: tuple[str, ...] = (), source: str | None = None,
                   current: bool = False, ids: tuple[str, ...] = ()) -> list[Row]:
    """The statements of some topics (only the current ones with `current`), or of one source,
    or with some ids, as the index holds them."""
    out: list[Row] = []
    for n in range(0, len(ids), 500):
        chunk = ids[n:n + 500]
        sql = f"SELECT {_COLUMNS} FROM records r WHERE r.kind = 'statement' AND r.id IN ({', '.join('?' * len(chunk))})"
        out.extend(Row.from_db(rec) for rec in conn.execute(sql, chunk))
    if topics:
        topics = tuple(dict.fromkeys(topics))
        for n in range(0, len(topics), 500):
            chunk = topics[n:n + 500]
            sql = (f"SELECT {_COLUMNS} FROM records r WHERE r.kind = 'statement' "
                   f"AND r.topic IN ({', '.join('?' * len(chunk))})" + (" AND r.current = 1" if current else ""))
            out.extend(Row.from_db(rec) for rec in conn.execute(sql, chunk))
    if source is not None:
        sql = f"SELECT {_COLUMNS} FROM records r WHERE r.source = ? AND r.kind IN ('statement', 'commitment')"
        out.extend(Row.from_db(rec) for rec in conn.execute(sql, [source]))
    return out


# The kinds of record whose ids a new record must not take (passages are "<source>#<n>").
_ID_KINDS = ("statement", "commitment", "motion", "qa")


def taken_ids(conn: sqlite3.Connection, base: str) -> set[str]:
    """The ids of the knowledge base (records, sources, domains and forums) that are `base` or
    start with `base-`: what a new record's id made of `base` must avoid ("base", "base-2", ...).
    By the indexes on id: nothing else is read."""
    # In SQLite's binary order the ids starting with "base-" lie between "base-" and "base.".
    args = (base, base + "-", base + ".")
    where = "(id = ? OR (id >= ? AND id < ?))"
    out = {rid for (rid,) in conn.execute(f"SELECT id FROM sources WHERE {where}", args)}
    out |= {rid for (rid,) in conn.execute(f"SELECT id FROM areas WHERE {where}", args)}
    for kind in _ID_KINDS:
        out |= {rid for (rid,) in conn.execute(f"SELECT id FROM records WHERE kind = ? AND {where}", (kind, *args))}
    return out


def area_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(id, kind, name, aliases) of every domain and forum, as the index holds them (its `areas`
    table: what proposals need of the areas, without the content files)."""
    import json

    out = []
    for area_id, kind, name, aliases in conn.execute("SELECT id, kind, name, aliases FROM areas ORDER BY rowid"):
        try:
            names = json.loads(aliases or "[]")
        except ValueError:
            names = []
        out.append((area_id, kind, name or "", tuple(str(a) for a in names if isinstance(a, str))))
    return out
