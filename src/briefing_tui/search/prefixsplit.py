"""Broad prefixes read lazily, split into their common words and the rest (speed machinery,
switched on by size).

FTS5 keeps prefix indexes for `index.PREFIX_LENGTHS` (4 to 8 letters). Any other prefix it
answers by first merging the lists of every word the prefix begins into one, whole, before the
first row: "internationaal"* (the word typed in full, still a prefix while it is the last one)
begins 1,015 words at 27,500 sources, one of them in 325,000 records; "technologi"* begins 3,182
words, 731,000 records together. A window of the first thousand matches then costs 30-60 ms,
on every keystroke, however few rows it needs. `Vocabulary.prefix_plan` asks such a prefix as a
shorter indexed one when that begins the same words, and spells out one that begins a few.

A broad prefix usually begins a few common words and a long tail of rare ones (compounds, words
run together by OCR). Here it is split: its `HEAD_WORDS` most common words (the *head*) are spelled
out, which FTS5 reads lazily like any word; the rare rest (the *tail*) are spelled out
`TAIL_CHUNK` at a time. A record matches the query with the prefix when it matches it with the
prefix's head or with one of the tail's chunks in its place (the prefix stands in one place of
the query, and AND and OR distribute over OR). So the first `limit` matches are the first `limit`
with the head, merged with those of each chunk newer than the last of them: the tail's words have
few records each, and FTS5 seeks each list past that row id.

The prefix itself is the reference: a test reads every labelled query's window both ways. The
split is chosen (`choose`) only where it pays: the prefix's words have at least `MIN_RECORDS`
records together and at least `PER_TAIL_WORD` per word of the tail (each costs FTS5 a lookup of
about 10 microseconds).
"""

from __future__ import annotations

import heapq
import sqlite3
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from briefing_tui.search.query import Alt, ParsedQuery, Vocabulary
from briefing_tui.search.ranking import Forms
from briefing_tui.search.records import by_rid
from briefing_tui.textnorm import index_text

__all__ = ["HEAD_WORDS", "MIN_RECORDS", "PER_TAIL_WORD", "TAIL_CHUNK", "Split", "choose", "newest"]

HEAD_WORDS = 8  # the most common words of a split prefix, spelled out and read lazily
TAIL_CHUNK = 128  # the tail's words asked at once (FTS5 steps an OR through every one of its words)
MIN_RECORDS = 50_000  # the prefix's words' records together, from which a split may pay
PER_TAIL_WORD = 100  # ... and at least this many per word of the tail (a phrase's: per word of it)


@dataclass(frozen=True)
class Split:
    unit: int  # the query's unit with the prefix
    alt: Alt  # the alternative of that unit that ends in the prefix
    head: tuple[str, ...]  # the prefix's most common words
    tail: tuple[str, ...]  # the others

    def asked(self, parsed: ParsedQuery, direct: bool = False) -> tuple[str, list[str]] | None:
        """The query as FTS5 (as `parsed.fts(direct)`) with the prefix's head in its place, and
        the queries that find the rest: the prefix's unit through the prefix's alternative alone,
        with a chunk of the tail in its place (a record that matches its unit any other way
        matches with the head too); a phrase is asked as its last word (see `check`). None when
        the expression leaves the prefix out (a compound's, asked directly)."""
        if direct and self.alt.compound:
            return None
        head = replace(parsed, plan={**parsed.plan, self.alt.words[-1]: self.head}).fts(direct)
        others = [u.fts(direct, parsed.plan) for i, u in enumerate(parsed.units) if i != self.unit]
        if not head or not all(others):
            return None
        return head, [" AND ".join([*others, _spelled(self.tail[n:n + TAIL_CHUNK])])
                      for n in range(0, len(self.tail), TAIL_CHUNK)]

    def check(self, conn: sqlite3.Connection, rids: list[int], columns: tuple[str, ...],
              fold: Callable[[str], str] = index_text) -> list[int]:
        """Those of `rids` (found by a tail query) that have the prefix's alternative in one of
        `columns`: all of them for a word; for a phrase, where the phrase stands in one column
        as FTS5 reads it (the column folded as the index folds it, the words separated by
        anything that is not a word; `fold` as in `ranking.score_rows`)."""
        if len(self.alt.words) == 1 or not rids:
            return rids
        pattern = Forms([self.alt]).pattern  # as `ranking` counts a phrase: whole words, the last one begun
        out = []
        for rid, *values in by_rid(conn, ", ".join(columns), rids):
            if any(v and pattern.search(fold(v)) for v in values):
                out.append(rid)
        return out


def choose(parsed: ParsedQuery, vocab: Vocabulary) -> Split | None:
    """The split of the query's broad prefix with the most records, or None (none worth it)."""
    places: dict[str, list[tuple[int, Alt]]] = {}
    for i, unit in enumerate(parsed.units):
        for alt in unit.alts:
            if alt.prefix:
                places.setdefault(alt.words[-1], []).append((i, alt))
    best: tuple[int, Split] | None = None
    for word, where in places.items():
        # A prefix in two places of the query could match with its head in one and its tail in
        # the other: only a prefix in one place splits exactly.
        if len(where) != 1 or word in parsed.plan or len(word) in vocab.prefix_lengths:
            continue
        lo, hi = vocab.df.begun(word)
        if hi - lo <= HEAD_WORDS:
            continue
        counts = vocab.df.counts[lo:hi]
        records = sum(counts)
        if records < MIN_RECORDS or records < (hi - lo - HEAD_WORDS) * PER_TAIL_WORD:
            continue
        words = vocab.df.words[lo:hi]
        common = set(heapq.nlargest(HEAD_WORDS, range(hi - lo), key=counts.__getitem__))
        split = Split(where[0][0], where[0][1], tuple(words[i] for i in sorted(common)),
                      tuple(w for i, w in enumerate(words) if i not in common))
        if best is None or records > best[0]:
            best = (records, split)
    return best[1] if best else None


def _spelled(words: Iterable[str]) -> str:
    return "(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"


def newest(conn: sqlite3.Connection, select: Callable[[str, int | None], tuple[str, list]],
           asked: tuple[str, list[str]], check: Callable[[list[int]], list[int]], limit: int) -> list[int]:
    """The row ids of the first `limit` matches of a query asked through its split prefix
    (`Split.asked`), newest (highest) first. `select(expr, above)` gives the SQL and its
    arguments that read the row ids matching `expr` (above row id `above` when not None), newest
    first, at most `limit`; `check` keeps the tail queries' rows that match (`Split.check`)."""
    head, tails = asked
    sql, args = select(head, None)
    rids = [rid for (rid,) in conn.execute(sql, args)]
    above = rids[-1] if len(rids) >= limit else None  # the head's last: older rows are not needed
    found = set(rids)
    new: list[int] = []
    for tail in tails:
        sql, args = select(tail, above)
        for (rid,) in conn.execute(sql, args):
            if rid not in found:
                found.add(rid)
                new.append(rid)
    rids.extend(check(new))
    rids.sort(reverse=True)
    return rids[:limit]
