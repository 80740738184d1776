"""Index records read by row id, in chunks of `CHUNK` (SQLite limits the parameters of one statement)."""

from __future__ import annotations

import sqlite3
from typing import Iterator, Sequence

__all__ = ["CHUNK", "by_rid"]

CHUNK = 500


def by_rid(conn: sqlite3.Connection, columns: str, rids: Sequence[int]) -> Iterator[tuple]:
    """(rid, *columns) of the records with these row ids, in no particular order; `columns` is
    the select list after rid ("text, quote, context")."""
    for n in range(0, len(rids), CHUNK):
        chunk = rids[n:n + CHUNK]
        yield from conn.execute(
            f"SELECT rid, {columns} FROM records WHERE rid IN ({', '.join('?' * len(chunk))})", chunk)  # noqa: S608
