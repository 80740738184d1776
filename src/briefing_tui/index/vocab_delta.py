"""How each update changed the index's vocabulary: per term, the change in its document count.

Search needs the index's vocabulary: every term with the number of records that have it (known
words, compounds, prefix plans, weights). Read whole from `records_vocab` it costs 0.6 s at
100,000 statements and 2.7 s at 27,500 sources, so the knowledge base keeps it in its cache
folder (`vocab-*.bin`, with the generation it was read at). An update used to make that copy
stale as a whole: the first search after every edit read every term again. Now each update
says how it changed the counts:

- Every text it adds to records_fts, and every text it removes, passes through `Touched` into
  one of two temporary FTS5 tables with records_fts's own tokenizer, which cuts it into the very
  terms records_fts has (Python's idea of a word differs in corners: a private-use character is
  part of an FTS5 term). Their own vocabularies then give, per term, the records added and
  removed that have it: the change in its count (`Touched.changes`). A row moved to another row
  id keeps its text and changes no count: it is not passed.
- The changes are kept in the index, in the update's own transaction (`record`): table
  `vocab_changes` (generation, term, diff), one row per term the update changed, and in the meta
  `vocab_changes` = {"from": G, "to": H, "rows": n}: the table holds every change made by the
  updates from generation G to H, in n rows. Asking `records_vocab` for the counts instead would cost 10 ms a common term
  (FTS5 counts a term's records by reading its whole list).
- A vocabulary read at generation g, G <= g < H = the index's generation, is that of H once the
  changes after g are added to its counts (`since`, `search.wordcounts.WordCounts.changed`). The
  store does that (`KnowledgeBase._vocabulary`).

The table keeps at most `KEPT_ROWS` rows: the oldest generations go first (G moves up; a copy
read before that is read whole again). An update that adds or removes more than `TOUCHED_ROWS`
rows keeps no changes and empties the table: reading every term is then cheaper. An update by
code that kept no changes leaves "to" behind the generation: the table is not used and starts
again at the next update. Reading every term stays the reference: tests compare the two after
chains of edits.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

__all__ = ["KEPT_ROWS", "TABLE", "TOUCHED_ROWS", "Touched", "record", "since"]

KEPT_ROWS = 200_000  # rows of `vocab_changes` kept at most (a few MB)
TOUCHED_ROWS = 50_000  # records one update may add or remove and still keep its changes
# Made by the first update that keeps changes (an index built before it has no such table).
TABLE = (
    "CREATE TABLE IF NOT EXISTS vocab_changes (generation INTEGER NOT NULL, term TEXT NOT NULL, diff INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS vocab_changes_generation ON vocab_changes (generation)",
)


class Touched:
    """The texts an update adds to records_fts and removes from it, cut into terms by two
    temporary FTS5 tables (this connection's only) with records_fts's tokenizer."""

    def __init__(self, conn: sqlite3.Connection, tokenize: str) -> None:
        self._conn = conn
        self._rows = 0
        # In memory: they hold the terms of one update's texts, and an update must not depend on
        # a writable folder for temporary files.
        conn.execute("PRAGMA temp_store = MEMORY")
        for side in ("added", "removed"):
            conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.touched_{side} USING fts5(text, quote, context, "
                         f"content='', detail='none', tokenize='{tokenize}')")
            conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.touched_{side}_terms "
                         f"USING fts5vocab(temp, touched_{side}, 'row')")
            conn.execute(f"INSERT INTO temp.touched_{side} (touched_{side}) VALUES ('delete-all')")

    @property
    def overflowed(self) -> bool:
        return self._rows > TOUCHED_ROWS

    def added(self, values: Iterable[tuple]) -> None:
        """Rows as records_fts is given them: (rowid, text, quote, context), folded."""
        self._add("added", values)

    def removed(self, values: Iterable[tuple]) -> None:
        self._add("removed", values)

    def _add(self, side: str, values: Iterable[tuple]) -> None:
        if self.overflowed:
            return
        rows = [v[1:] for v in values]
        self._rows += len(rows)
        if not self.overflowed:
            self._conn.executemany(f"INSERT INTO temp.touched_{side} (text, quote, context) VALUES (?, ?, ?)", rows)

    def changes(self) -> dict[str, int] | None:
        """Per term, the records added that have it less those removed (terms of no change left
        out); None when there were too many rows to keep."""
        if self.overflowed:
            return None
        out = dict(self._conn.execute("SELECT term, doc FROM temp.touched_added_terms"))
        for term, doc in self._conn.execute("SELECT term, doc FROM temp.touched_removed_terms"):
            out[term] = out.get(term, 0) - doc
        return {term: diff for term, diff in out.items() if diff}


def _kept(value: str | None) -> tuple[int, int, int] | None:
    """(from, to, rows) of the meta's `vocab_changes` value, or None."""
    try:
        data = json.loads(value or "null")
        start, end, rows = data["from"], data["to"], data["rows"]
    except (ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(v, int) for v in (start, end, rows)) or not start <= end:
        return None
    return start, end, rows


def record(conn: sqlite3.Connection, meta: dict[str, str], generation: int, changes: dict[str, int] | None) -> None:
    """Keep the changes of the update that takes the index from `generation` to the next one (in
    its transaction; `meta` as it was before it)."""
    for sql in TABLE:
        conn.execute(sql)
    kept = _kept(meta.get("vocab_changes"))
    if changes is None:
        conn.execute("DELETE FROM vocab_changes")
        conn.execute("DELETE FROM meta WHERE key = 'vocab_changes'")
        return
    if kept is None or kept[1] != generation:
        conn.execute("DELETE FROM vocab_changes")  # left behind: start again here
        kept = (generation, generation, 0)
    conn.executemany("INSERT INTO vocab_changes (generation, term, diff) VALUES (?, ?, ?)",
                     ((generation + 1, term, diff) for term, diff in changes.items()))
    start, rows = kept[0], kept[2] + len(changes)
    if rows > KEPT_ROWS:
        # The oldest generations go until the rest fits: a vocabulary read before them is read whole.
        for gen, n in conn.execute("SELECT generation, count(*) FROM vocab_changes GROUP BY generation "
                                   "ORDER BY generation").fetchall():
            if rows <= KEPT_ROWS:
                break
            rows -= n
            start = gen
        conn.execute("DELETE FROM vocab_changes WHERE generation <= ?", (start,))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('vocab_changes', ?)",
                 (json.dumps({"from": start, "to": generation + 1, "rows": rows}),))


def since(conn: sqlite3.Connection, generation: int, current: int) -> dict[str, int] | None:
    """Per term, the change in its count from `generation` to `current` (the index's generation
    now): what the updates in between kept. None when they did not keep it all."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'vocab_changes'").fetchone()
    kept = _kept(row[0] if row else None)
    if kept is None or not kept[0] <= generation <= kept[1] == current:
        return None
    try:
        return dict(conn.execute("SELECT term, sum(diff) FROM vocab_changes WHERE generation > ? GROUP BY term",
                                 (generation,)))
    except sqlite3.OperationalError:  # no table: an index no update of this code has written to
        return None
