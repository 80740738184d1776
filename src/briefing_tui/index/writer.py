"""Who runs the INSERTs of a full build: this process, or a child process for a large build.

Most of a build's time is SQLite's (the FTS5 index) and the rest is Python making the rows. In
one process the two cannot overlap: the sqlite3 module takes Python's lock back after every row
it steps, so a writer thread and the thread making rows pass the lock to and fro (on a loaded
two-core machine a writer thread made a build slower than no thread at all). A child process
has its own interpreter: it only receives batches (sql, rows) on a pipe, in `marshal` form
(plain lists, tuples, dicts, strings and numbers: nothing that runs code), and writes them in one
transaction while this process makes the next rows. The build then takes about the longer of
the two instead of their sum.

- `InProcess(conn)`: `conn.executemany`, the reference every other writer is tested against;
- `ChildProcess(path)`: the same statements in the same order, run by `python -m
  briefing_tui.index.writer PATH`; `close()` waits for its COMMIT and raises its first error
  as `sqlite3.OperationalError` (or `sqlite3.IntegrityError` for a constraint);
- `writer_for(conn, path, rows)`: the child for a build of `CHILD_MIN_ROWS` rows or more, when a
  child can be started; else in-process. A child that stops without an SQLite error of its own
  (it could not import the package, it was killed) raises `ChildFailed`: the builder then builds
  again in-process.

The database file must not be written by anyone else while a child writes it: the builder
commits its schema first and writes its other tables after `close()`.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import struct
import subprocess
import sys
from typing import IO, Any, BinaryIO

__all__ = ["CHILD_MIN_ROWS", "ChildFailed", "ChildProcess", "InProcess", "for_building", "writer_for"]

CHILD_MIN_ROWS = 20_000  # below this, starting a child costs more than it saves
CACHE_KIB = 64 * 1024  # SQLite's page cache while building (its default is 2 MiB)
_FRAME = struct.Struct("<Q")


class ChildFailed(sqlite3.OperationalError):
    """The child process stopped without an SQLite error of its own (it could not start, it was
    killed): the build can be done again in-process."""


class InProcess:
    """The statements run here, as given."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("BEGIN")

    def __call__(self, sql: str, rows: list) -> None:
        self.conn.executemany(sql, rows)

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def abort(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


class ChildProcess:
    """The statements run by a child process on its own connection to `path`."""

    MODULE = "briefing_tui.index.writer"  # what the child runs (`python -m`)

    def __init__(self, path: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.MODULE, path],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONSAFEPATH": "1"},
        )
        assert self.proc.stdin is not None
        self.pipe: IO[bytes] = self.proc.stdin

    def __call__(self, sql: str, rows: list) -> None:
        data = marshal.dumps((sql, rows))
        try:
            self.pipe.write(_FRAME.pack(len(data)))
            self.pipe.write(data)
        except (BrokenPipeError, OSError):
            self._fail()  # the child stopped: its error says why

    def close(self) -> None:
        """Wait for the child's COMMIT; raise its error if it failed."""
        try:
            self.pipe.close()
        except OSError:
            pass
        if self.proc.wait() != 0:
            self._fail()

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        try:
            self.pipe.close()
        except OSError:
            pass

    def _fail(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        assert self.proc.stderr is not None
        lines = self.proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else f"index writer stopped ({self.proc.returncode})"
        kind, _, message = last.partition(": ")
        if kind == "IntegrityError":
            raise sqlite3.IntegrityError(message)
        if kind in {"OperationalError", "DatabaseError"}:
            raise sqlite3.OperationalError(message)
        raise ChildFailed(last)  # it did not start, or stopped for a reason of its own


def for_building(conn: sqlite3.Connection) -> None:
    """A connection to a new index file as a build uses it (the builder's and the child's): no
    journal and no sync (a failed build is thrown away whole), a large page cache."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def writer_for(conn: sqlite3.Connection, path: str, rows: int) -> Any:
    """The writer for a build of about `rows` rows into `path` (which `conn` has open)."""
    if rows >= CHILD_MIN_ROWS and sys.executable:
        try:
            return ChildProcess(path)
        except OSError:  # no processes here (sandbox, resources): write in-process
            pass
    return InProcess(conn)


def _serve(path: str, stream: BinaryIO) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for_building(conn)
        conn.execute("BEGIN")
        while head := stream.read(_FRAME.size):
            (size,) = _FRAME.unpack(head)
            sql, rows = marshal.loads(stream.read(size))
            conn.executemany(sql, rows)
        conn.execute("COMMIT")
    finally:
        conn.close()


if __name__ == "__main__":
    try:
        _serve(sys.argv[1], sys.stdin.buffer)
    except sqlite3.Error as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        raise SystemExit(1) from None
