"""Records like a given text: the nearest statements of a sentence, for proposals.

A search (`SearchEngine.search`) asks for records that hold every word of the query. Here the
question is the other way round: which statements share the most distinctive words of a
sentence. So the sentence's words (folded as the index folds them, `STOPWORDS` left out) are
ranked by how few records hold them (the index's vocabulary), the `terms` rarest are asked for
with OR, and FTS5's bm25 over the records' own words (position and quote; not the context of
topic and area names) ranks the matches. Rare words keep every query cheap: FTS5 reads only
their lists, however large the knowledge base.

`Row` is what the index holds for a statement, so callers need no corpus to suggest topics,
domains and forums or to compare positions.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from briefing_tui.search.query import STOPWORDS, Vocabulary
from briefing_tui.textnorm import searchable, words

__all__ = ["Row", "similar", "statement_rows", "distinctive_terms"]

_COLUMNS = "r.kind, r.id, r.source, r.text, r.quote, r.date, r.domains, r.forums, r.topic, r.locator, r.current, r.superseded_by"
MAX_DF_SHARE = 0.2  # a word in more than this share of all records says little about a sentence


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


def _split(delimited: str | None) -> tuple[str, ...]:
    return tuple(x for x in (delimited or "").split("|") if x)


def distinctive_terms(text: str, vocab: Vocabulary, terms: int) -> list[str]:
    """The `terms` words of `text` that the fewest records hold (words of no record left out)."""
    total = max(vocab.df.values(), default=0)
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
            limit: int = 20, terms: int = 10) -> list[Row]:
    """Records of `kinds` that share the most distinctive words of `text`, nearest first."""
    picked = distinctive_terms(text, vocab, terms)
    if not picked or limit <= 0:
        return []
    expr = "{text quote} : (" + " OR ".join(f'"{w}"' for w in picked) + ")"
    sql = (f"SELECT {_COLUMNS}, -bm25(records_fts, 1.0, 1.0, 0.0) AS score FROM records_fts "
           "JOIN records r ON r.rid = records_fts.rowid WHERE records_fts MATCH ? "
           f"AND r.kind IN ({', '.join('?' * len(kinds))}) ORDER BY score DESC LIMIT ?")
    return [Row.from_db(rec[:-1], float(rec[-1])) for rec in conn.execute(sql, [expr, *kinds, limit])]


def statement_rows(conn: sqlite3.Connection, *, topics: tuple[str, ...] = (), source: str | None = None) -> list[Row]:
    """The statements of some topics, or of one source, as the index holds them."""
    out: list[Row] = []
    if topics:
        topics = tuple(dict.fromkeys(topics))
        for n in range(0, len(topics), 500):
            chunk = topics[n:n + 500]
            sql = (f"SELECT {_COLUMNS} FROM records r WHERE r.kind = 'statement' "
                   f"AND r.topic IN ({', '.join('?' * len(chunk))})")
            out.extend(Row.from_db(rec) for rec in conn.execute(sql, chunk))
    if source is not None:
        sql = f"SELECT {_COLUMNS} FROM records r WHERE r.source = ? AND r.kind IN ('statement', 'commitment')"
        out.extend(Row.from_db(rec) for rec in conn.execute(sql, [source]))
    return out
