"""Keys of derived data in the cache folder (snapshot, vocabulary, light corpus).

A cached file starts with the digest of everything it was made from, the code that made it
included, and is used only when that digest matches.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def digest(key: tuple) -> bytes:
    """32 bytes that change whenever `key` (plain values) does."""
    return hashlib.sha256(repr(key).encode("utf-8")).digest()


def code_stamp(names: tuple[str, ...]) -> tuple:
    """(name, size, mtime_ns) of these files of the package ("search/query.py"): a new version
    of the code that builds a cached value makes a new key."""
    stamp = []
    for name in names:
        try:
            st = (PACKAGE / name).stat()
            stamp.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            stamp.append((name, None))
    return tuple(stamp)
