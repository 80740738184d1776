"""Index records read by row id, in chunks of `CHUNK` (SQLite limits the parameters of one
statement); the newest matches of an FTS5 expression."""

from __future__ import annotations

import sqlite3
from typing import Iterator, Sequence

__all__ = ["CHUNK", "by_rid", "newest_sql"]

CHUNK = 500


def by_rid(conn: sqlite3.Connection, columns: str, rids: Sequence[int]) -> Iterator[tuple]:
    """(rid, *columns) of the records with these row ids, in no particular order; `columns` is
    the select list after rid ("text, quote, context")."""
    for n in range(0, len(rids), CHUNK):
        chunk = rids[n:n + CHUNK]
        yield from conn.execute(
            f"SELECT rid, {columns} FROM records WHERE rid IN ({', '.join('?' * len(chunk))})", chunk)  # noqa: S608


def newest_sql(filt: str, limit: int, above: bool = False, oldest: bool = False, upto: bool = False) -> str:
    """The SQL of the row ids of the newest `limit` matches of an FTS5 expression (its first
    parameter), with the filters `filt` (" AND ..." over records r, joined only when there are
    any), and with `above` (`upto`), only row ids above (at most) the next parameter. The filters'
    parameters last. With `oldest`, the oldest `limit` instead: for a caller that wants every match
    when there are at most `limit` - 1 of them (FTS5 reads a long list of row ids a quarter faster
    forwards)."""
    join = " JOIN records r ON r.rid = records_fts.rowid" if filt else ""
    bound = " AND records_fts.rowid > ?" if above else " AND records_fts.rowid <= ?" if upto else ""
    return (f"SELECT records_fts.rowid FROM records_fts{join} WHERE records_fts MATCH ?{bound}{filt} "
            f"ORDER BY records_fts.rowid {'ASC' if oldest else 'DESC'} LIMIT {int(limit)}")
