"""A snapshot of the loaded corpus in the cache folder.

Parsing YAML is the slow part of opening a large knowledge base (about 5 s for 100,000
statements on a 2-core machine; reading a snapshot back takes about 0.5 s). `load_corpus` keys a snapshot by the
path, size and modification time of every content file, and by the code that builds the corpus,
so any change to the content (or to the loader) makes a fresh load; the snapshot is derived
data like the index, and is never the only copy of anything. Source texts are not stored: they
are read from `content/sources/` when needed. `briefing check` never uses a snapshot.

The last corpus loaded is also kept in memory, so the index update and the search engine of one
process share one load.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import threading
from contextlib import contextmanager
from pathlib import Path

import briefing_tui
from briefing_tui.atomic import atomic_write_bytes, atomic_write_text
from briefing_tui.model import Corpus
from briefing_tui.workspace import Workspace

SNAPSHOT_FORMAT = 1
_CODE_FILES = ("model.py", "content.py", "yamlio.py", "snapshot.py")

_memo_lock = threading.Lock()
_memo: tuple[tuple, Corpus] | None = None


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while a large graph of objects is built.

    Loading a knowledge base creates millions of objects that all stay alive; every automatic
    collection walks them all again, which made loading 100,000 statements about 2.5 times
    slower (15 s instead of 6.5 s) and reading a snapshot back 2.7 times slower. Reference
    counting still frees everything that is dropped; cycles made meanwhile are collected once
    the collector runs again. Nested and concurrent pauses (threads) share one pause: the
    collector is re-enabled when the last one ends, and only when it was enabled before.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def content_fingerprint(root: Path) -> tuple:
    """(relative path, size, mtime_ns) of every content file, sorted; cheap (stat only)."""
    entries = []
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    entries.sort()
    return tuple(entries)


def _code_stamp() -> tuple:
    here = Path(briefing_tui.__file__).parent
    stamp = [briefing_tui.__version__, SNAPSHOT_FORMAT]
    for name in _CODE_FILES:
        try:
            st = (here / name).stat()
            stamp.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            stamp.append((name, None))
    return tuple(stamp)


def snapshot_path(ws: Workspace) -> Path:
    return ws.index_path.with_name(ws.index_path.stem.replace("index-", "corpus-") + ".pickle")


def _key(ws: Workspace) -> tuple:
    return (str(ws.content), _code_stamp(), content_fingerprint(ws.content))


def cached_corpus(ws: Workspace) -> Corpus | None:
    """The corpus already loaded in this process, when the content has not changed since."""
    with _memo_lock:
        memo = _memo
    if memo is not None and memo[0] == _key(ws):
        return memo[1]
    return None


def load_corpus(ws: Workspace) -> Corpus:
    """The corpus of `ws.content`: from memory, from the snapshot, or loaded (and snapshotted)."""
    global _memo
    key = _key(ws)
    with _memo_lock:
        if _memo is not None and _memo[0] == key:
            return _memo[1]
    corpus = _read(ws, key)
    if corpus is None:
        from briefing_tui.content import load_content

        corpus = load_content(ws.content, field_lines=False)
        _write(ws, key, corpus)
    with _memo_lock:
        _memo = (key, corpus)
    return corpus


def known_error_count(ws: Workspace) -> int | None:
    """How many content errors the last full load of the unchanged content found, if known."""
    memo = cached_corpus(ws)
    if memo is not None:
        return len(memo.errors())
    try:
        data = json.loads(snapshot_path(ws).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != _digest(_key(ws)).hex():
        return None
    errors = data.get("errors")
    return errors if isinstance(errors, int) else None


def _digest(key: tuple) -> bytes:
    return hashlib.sha256(repr(key).encode("utf-8")).digest()


def _read(ws: Workspace, key: tuple) -> Corpus | None:
    path = snapshot_path(ws)
    try:
        with open(path, "rb") as fh:
            if fh.read(32) != _digest(key):
                return None
            with paused_gc():
                corpus = pickle.load(fh)
    except Exception:  # missing, stale, truncated or from another version: load afresh
        return None
    return corpus if isinstance(corpus, Corpus) else None


def _write(ws: Workspace, key: tuple, corpus: Corpus) -> None:
    state = Corpus(**{
        name: getattr(corpus, name)
        for name in ("root", "sources", "statements", "domains", "forums", "commitments", "motions", "qa", "synonyms", "problems")
    })
    state._superseded_by = corpus._superseded_by
    try:
        data = _digest(key) + pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        path = snapshot_path(ws)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(path, data)
        summary = {"key": _digest(key).hex(), "errors": len(corpus.errors())}
        atomic_write_text(path.with_suffix(".json"), json.dumps(summary))
    except (OSError, pickle.PicklingError):
        pass  # a snapshot is an optimisation; without one the next start parses again
