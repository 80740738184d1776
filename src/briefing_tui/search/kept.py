"""Row ids FTS5 found for a long query's AND, kept while the index is unchanged (speed machinery).

A question typed word by word asks the AND of its rarest units (`selective.candidates`) after every
word, and most words add no rarer unit: the same AND again. The count once the keys rest asks it
once more, and so does a question asked again (a filter changed). At 1.2 million passages one such
AND of common words costs 5-30 ms in FTS5; its answer is a few hundred row ids.

`KeptMatches` keeps the row ids of the last `KEPT_MATCHES` ANDs, each under its SQL and
parameters, for one state of the index: emptied when another connection has written to it (`PRAGMA
data_version`, read before each use) and by `SearchEngine.forget`; a reopened index gets a new one
(`SearchEngine._per_index`). What FTS5 would find again is what is kept: a test holds every
search and count to an engine that keeps nothing.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict

__all__ = ["KEPT_MATCHES", "KeptMatches"]

KEPT_MATCHES = 256  # ANDs kept (each at most `selective.SELECTIVE_CAP` + 1 row ids: at most about 5 MB in all)


class KeptMatches:
    """The row ids found per (SQL, parameters), the least recently used dropped first."""

    def __init__(self, size: int = KEPT_MATCHES) -> None:
        self._found: OrderedDict[tuple, tuple[int, ...]] = OrderedDict()
        self._size = size
        self._version: int | None = None

    def current(self, conn: sqlite3.Connection) -> "KeptMatches":
        """Itself, emptied when the index was written by another connection since it last read."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._found.clear()
            self._version = version
        return self

    def get(self, sql: str, args: list) -> tuple[int, ...] | None:
        """What `sql` with `args` found in this state of the index, or None when not kept."""
        key = (sql, *args)
        found = self._found.get(key)
        if found is not None:
            self._found.move_to_end(key)
        return found

    def put(self, sql: str, args: list, found: list[int] | tuple[int, ...]) -> None:
        """Keep what `sql` with `args` found, in its order."""
        key = (sql, *args)
        self._found[key] = tuple(found)
        self._found.move_to_end(key)
        if len(self._found) > self._size:
            self._found.popitem(last=False)

    def clear(self) -> None:
        self._found.clear()
