"""Exact counts and long queries' ANDs of a large index on two connections at once (speed
machinery, switched on by size).

An exact count must visit every match: a broad query over a million records has hundreds of
thousands (`SearchEngine.count`, asked by the app once the keys rest). A long question's
candidates (`selective.candidates`) are the AND of its rarest units, which at 1.2 million passages
may each stand in 100,000-350,000 records: 10-25 ms in FTS5. On an index of `SPLIT_MIN` records
or more, on two cores or more, the row ids are cut at the middle record and each half is read on
its own connection in its own thread: the sqlite3 module lets go of Python's lock while SQLite
steps, so both halves run at once. The thread's statement returns one row (a count, or the row
ids joined), so it needs that lock only to start and to end.

Reading on one connection is the reference: tests compare both ways on the labelled queries and
the long questions. When another process committed to the index while the halves were read
(`PRAGMA data_version` changed on either connection), the halves may come from two states of the
index: the caller then reads the simple way. An error in either half (an interrupt) is raised.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any, Callable

from briefing_tui.forkpool import usable_cpus

__all__ = ["SPLIT_MIN", "count_in_halves", "rows_in_halves", "worth_splitting"]

SPLIT_MIN = 200_000  # records; below this a count takes a few milliseconds on one connection


def worth_splitting(records: int) -> bool:
    return records >= SPLIT_MIN and usable_cpus() >= 2


def _versions(*conns: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(c.execute("PRAGMA data_version").fetchone()[0] for c in conns)


def _at_once(first: sqlite3.Connection, second: sqlite3.Connection, lower: Callable[[], Any],
             upper: Callable[[], Any], name: str) -> tuple[Any, Any] | None:
    """(lower(), upper()): `upper` (one statement on `second` that returns one row) in a thread
    while `lower` runs on `first`; None when another connection wrote to the index meanwhile. An
    error in either is raised in the caller's thread."""
    before = _versions(first, second)
    out: list = []

    def run_upper() -> None:
        try:
            out.append(upper())
        except BaseException as exc:  # raised again by the caller's thread
            out.append(exc)

    thread = threading.Thread(target=run_upper, name=name, daemon=True)
    thread.start()
    try:
        low = lower()
    finally:
        thread.join()
    if isinstance(out[0], BaseException):
        raise out[0]
    if _versions(first, second) != before:
        return None
    return low, out[0]


def count_in_halves(first: sqlite3.Connection, second: sqlite3.Connection, sql: str, args: list,
                    middle: int) -> int | None:
    """count(*) of `sql` (a query over records_fts whose last clause is its WHERE) as the matches
    at or below row id `middle`, read on `first`, plus those above it, read on `second` in a
    thread; None when the index changed meanwhile."""
    got = _at_once(first, second,
                   lambda: first.execute(f"SELECT count(*) FROM ({sql} AND records_fts.rowid <= ?)",
                                         [*args, middle]).fetchone()[0],
                   lambda: second.execute(f"SELECT count(*) FROM ({sql} AND records_fts.rowid > ?)",
                                          [*args, middle]).fetchone()[0],
                   "count-upper-half")
    return None if got is None else got[0] + got[1]


def rows_in_halves(first: sqlite3.Connection, second: sqlite3.Connection, lower_sql: str, upper_sql: str,
                   args: list, limit: int) -> list[int] | None:
    """The row ids of a query read oldest first with at most `limit` rows (`records.newest_sql`
    with `oldest`), as the query's `lower_sql` half (`upto`: row ids at or below the middle
    record) read on `first` and its `upper_sql` half (`above`) read on `second` in a thread, both
    with `args` (the middle record's row id second): the first `limit` row ids of the two, in
    order, which is what the whole query reads; None when the index changed meanwhile."""
    got = _at_once(first, second,
                   lambda: [rid for (rid,) in first.execute(lower_sql, args)],
                   lambda: second.execute(f"WITH q(rid) AS ({upper_sql}) SELECT group_concat(rid) FROM q",
                                          args).fetchone()[0],
                   "read-upper-half")
    if got is None:
        return None
    lower, upper = got
    return (lower + sorted(map(int, upper.split(",")) if upper else []))[:limit]
