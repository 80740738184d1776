"""The cache folder: derived data (the index, the corpus snapshot, the search caches), private
to the user, never the only copy of anything.

- `cache_folder(path)` makes sure the folder is private: created with mode 0700, owned by the
  user and writable by no one else; a folder that fails this is never used (another local user
  could have planted files in it). There is no shared fallback under /tmp: when the configured
  folder cannot be used, `private_fallback()` makes a new, randomly named private folder.
- Derived files are JSON, SQLite or plain arrays of numbers and words, never pickles: reading a
  cache file never runs code. `read_json(path, key)` / `write_json(path, key, value)` (and
  `read_blob` / `write_blob` for bytes the caller checks itself): the first line holds the digest
  of everything the value was made from (`digest(key)`); a file whose digest differs, or that is
  damaged, reads as None and is made again.
- `write_derived(path, data)` is the one writer of cache files: atomic (a temporary file in the
  same folder, then a rename), not fsync'ed (a file lost in a crash is simply made again).
- `clean_stale(folder)` (`briefing_tui.atomic`) removes the temporaries that a killed process
  left behind (an index build, a cache write), each time the folder is opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any, BinaryIO, Iterable

import briefing_tui
from briefing_tui.atomic import atomic_write_bytes, clean_stale

PACKAGE = Path(briefing_tui.__file__).resolve().parent

__all__ = [
    "CacheUnusable", "cache_folder", "clean_stale", "code_stamp", "digest", "open_blob", "private_fallback",
    "read_blob", "read_json", "write_blob", "write_derived", "write_json",
]


class CacheUnusable(OSError):
    """The cache folder exists but is not safely ours (owner, permissions) or not a folder."""


def digest(key: Any) -> str:
    """A hex digest that changes whenever `key` (plain values) does."""
    return hashlib.sha256(repr(key).encode("utf-8")).hexdigest()


def code_stamp(names: tuple[str, ...]) -> tuple:
    """(name, size, mtime_ns) of these files of the package ("search/query.py"): a new version
    of the code that builds a cached value makes a new key."""
    stamp: list[tuple] = [("version", briefing_tui.__version__)]
    for name in names:
        try:
            st = (PACKAGE / name).stat()
            stamp.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            stamp.append((name, None))
    return tuple(stamp)


def _check_private(folder: Path) -> None:
    st = folder.lstat()
    if not stat.S_ISDIR(st.st_mode):
        raise CacheUnusable(f"{folder} is not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise CacheUnusable(f"{folder} belongs to another user")
    if st.st_mode & 0o022:
        raise CacheUnusable(f"{folder} can be written by other users")


def cache_folder(folder: Path) -> Path:
    """`folder`, created private (0700) if missing, checked to be the user's own; raises
    OSError (CacheUnusable) when it cannot be used."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _check_private(folder)
    clean_stale(folder)
    return folder


def private_fallback() -> Path:
    """A new private folder under the system's temporary folder (random name, 0700), for a
    process whose cache folder cannot be used."""
    return Path(tempfile.mkdtemp(prefix="briefing-tui-"))


def write_derived(path: Path, data: bytes | Iterable[bytes]) -> bool:
    """Write a cache file atomically (not durable: a lost file is made again) from bytes or
    chunks of bytes; False (and nothing written) when that fails."""
    try:
        atomic_write_bytes(path, data, durable=False)
        return True
    except OSError:
        return False


_lock = threading.Lock()


def write_blob(path: Path, key: Any, body: bytes) -> bool:
    """Store `body` (bytes the caller can check when reading them back) for `key`."""
    with _lock:
        return write_derived(path, digest(key).encode("ascii") + b"\n" + body)


def read_blob(path: Path, key: Any) -> bytes | None:
    """The bytes stored for `key`, or None (missing, stale)."""
    fh = open_blob(path, key)
    if fh is None:
        return None
    try:
        with fh:
            return fh.read()
    except OSError:
        return None


def open_blob(path: Path, key: Any) -> BinaryIO | None:
    """The file of the bytes stored for `key`, open and at their start (the caller closes it and
    reads what it needs), or None (missing, stale)."""
    want = digest(key)
    try:
        fh = open(path, "rb")
    except OSError:
        return None
    try:
        if fh.readline().rstrip(b"\n").decode("ascii", "replace") == want:
            return fh
    except OSError:
        pass
    fh.close()
    return None


def write_json(path: Path, key: Any, value: Any) -> bool:
    """Store `value` (plain JSON data) for `key`."""
    try:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    except (TypeError, ValueError):
        return False
    return write_blob(path, key, body.encode("utf-8"))


def read_json(path: Path, key: Any) -> Any:
    """The value stored for `key`, or None (missing, stale, damaged)."""
    body = read_blob(path, key)
    if body is None:
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
