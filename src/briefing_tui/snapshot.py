"""A snapshot of the loaded corpus in the cache folder.

Parsing YAML is the slow part of opening a large knowledge base (about 5 s for 100,000
statements on a 2-core machine; reading a snapshot back takes about 0.25 s). `load_corpus` keys
a snapshot by the path, size and modification time of every content file, and by the code that
builds the corpus, so any change to the content (or to the loader) makes a fresh load; the
snapshot is derived data like the index, and is never the only copy of anything. Source texts
are not stored: they are read from `content/sources/` when needed. `briefing check` never uses
a snapshot.

When a few files changed since the snapshot (an edit, an import), only those are read again
and put together with the rest of the snapshot's corpus — when that gives exactly what a full
load gives: the snapshot's corpus had no problems at all, the changed files load without any,
and their ids are new to the rest. Anything else (a problem, a duplicate id, an unknown file,
many changes) is a full load.

The last corpus loaded is also kept in memory, so the index update and the search engine of one
process share one load.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from contextlib import contextmanager
from pathlib import Path

import briefing_tui
from briefing_tui import model
from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.cachekeys import code_stamp, digest
from briefing_tui.model import Corpus
from briefing_tui.workspace import Workspace

SNAPSHOT_FORMAT = 2
MAX_CHANGED_FILES = 200  # more changed files than this: a full load
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
    """(relative path, size, mtime_ns) of every content file, sorted; cheap (stat only).

    Files in hidden folders and folders starting with "_" and hidden files are left out;
    symbolic links to folders are not followed (as os.walk does)."""
    entries = []
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            it = os.scandir(folder)
        except OSError:
            continue
        with it:
            for entry in it:
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if not name.startswith((".", "_")) and not entry.is_symlink():
                        stack.append((entry.path, prefix + name + os.sep))
                    continue
                if name.startswith("."):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                entries.append((prefix + name, st.st_size, st.st_mtime_ns))
    entries.sort()
    return tuple(entries)


def _code_stamp() -> tuple:
    return (briefing_tui.__version__, SNAPSHOT_FORMAT, *code_stamp(_CODE_FILES))


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
        corpus = _load_changed(ws, key)
        if corpus is None:
            from briefing_tui.content import load_content

            corpus = load_content(ws.content, field_lines=False)
        _write(ws, key, corpus)
    with _memo_lock:
        _memo = (key, corpus)
    return corpus


# --- the file: digest of the key, a preamble (what it was made from), the corpus -------------------

_FIELDS = ("root", "sources", "statements", "domains", "forums", "commitments", "motions", "qa", "synonyms", "problems")


def _model_reducers() -> dict:
    """Pickle the model's frozen dataclasses as (class, field values): the dataclasses' own
    __getstate__/__setstate__ for slots run in Python per object and took twice as long."""
    import dataclasses
    import operator

    table = {}
    for obj in vars(model).values():
        if (isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
                and "__slots__" in obj.__dict__ and all(f.init for f in dataclasses.fields(obj))):
            getter = operator.attrgetter(*(f.name for f in dataclasses.fields(obj)))
            if len(dataclasses.fields(obj)) == 1:
                table[obj] = (lambda cls, get: lambda o: (cls, (get(o),)))(obj, getter)
            else:
                table[obj] = (lambda cls, get: lambda o: (cls, get(o)))(obj, getter)
    return table


_REDUCERS = _model_reducers()


def _dumps(value) -> bytes:
    import io

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(value)
    return buf.getvalue()


def _preamble(ws: Workspace, key: tuple, corpus: Corpus) -> dict:
    return {"format": SNAPSHOT_FORMAT, "content": key[0], "code": key[1], "files": key[2],
            "clean": not corpus.problems}


def _read(ws: Workspace, key: tuple) -> Corpus | None:
    path = snapshot_path(ws)
    try:
        with open(path, "rb") as fh:
            if fh.read(32) != digest(key):
                return None
            with paused_gc():
                pickle.load(fh)  # the preamble
                corpus = pickle.load(fh)
    except Exception:  # missing, stale, truncated or from another version: load afresh
        return None
    return corpus if isinstance(corpus, Corpus) else None


def _write(ws: Workspace, key: tuple, corpus: Corpus) -> None:
    state = Corpus(**{name: getattr(corpus, name) for name in _FIELDS})
    state._superseded_by = corpus._superseded_by
    try:
        data = digest(key) + pickle.dumps(_preamble(ws, key, corpus), protocol=pickle.HIGHEST_PROTOCOL) + _dumps(state)
        path = snapshot_path(ws)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(path, data)
    except (OSError, pickle.PicklingError):
        pass  # a snapshot is an optimisation; without one the next start parses again


# --- a few files changed: the snapshot's corpus with those files read again -------------------------

_TOP_LEVEL = ("commitments.yaml", "motions.yaml", "qa.yaml", "synonyms.yaml")
_YAML = (".yaml", ".yml")


def _changed_units(old_files: tuple, new_files: tuple):
    """What `load_content` reads again for the files that differ: (source stems, area files,
    top-level files), or None when a change is one this cannot follow (then a full load)."""
    old = {rel: (size, mtime) for rel, size, mtime in old_files}
    new = {rel: (size, mtime) for rel, size, mtime in new_files}
    changed = [rel for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel)]
    if len(changed) > MAX_CHANGED_FILES:
        return None
    sources, areas, top = set(), set(), set()
    for rel in changed:
        parts = rel.split(os.sep)
        name = parts[-1]
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix if dot else ""
        if len(parts) == 1:
            if name in _TOP_LEVEL:
                top.add(name)
            elif suffix in _YAML:
                return None  # an unknown top-level YAML file (a warning of the full load)
            # other top-level files are not content
        elif len(parts) == 2 and parts[0] == "sources":
            if suffix in (*_YAML, ".txt") and stem:
                sources.add(stem)
        elif len(parts) == 2 and parts[0] in ("domains", "forums"):
            if suffix in _YAML and stem:
                areas.add(f"{parts[0]}/{name}")
        # anything else (deeper, other folders) is not read by the loader
    return sources, areas, top


def needs_full_load(ws: Workspace) -> bool:
    """Would `load_corpus` parse every YAML file (no usable snapshot, another loader, a snapshot
    with problems, too many changed files)? Reads only the snapshot's preamble. When it says
    False a load may still turn out to be full (a changed file with a problem): a cheap guess
    for the app, which then builds the snapshot in a process of its own (`main`)."""
    return _needs_full_load(ws, _key(ws))


def _needs_full_load(ws: Workspace, key: tuple) -> bool:
    try:
        with open(snapshot_path(ws), "rb") as fh:
            if fh.read(32) == digest(key):
                return False
            pre = pickle.load(fh)
    except Exception:
        return True
    return _units_to_patch(pre, key) is None


def _units_to_patch(pre, key: tuple):
    """What `_patch` reads again to bring a snapshot with preamble `pre` to the content of `key`
    (see `_changed_units`); None when it cannot: another format or loader, problems, too much."""
    if not (isinstance(pre, dict) and pre.get("format") == SNAPSHOT_FORMAT and pre.get("clean")
            and pre.get("content") == key[0] and pre.get("code") == key[1]):
        return None
    return _changed_units(pre["files"], key[2])


CHILD_LOAD_BYTES = 16 * 1024 * 1024  # content this large is parsed in a child process by `prepare`


def prepare(ws: Workspace, min_bytes: int | None = None, timeout: float = 600.0) -> str | None:
    """Before a long-running process (the app) opens a large knowledge base: when that would parse
    every YAML file or build the index from scratch, do it in a child process (`main`), which
    leaves the snapshot and the index for this process to read. Parsing 100,000 statements
    peaks at about 180 MB and holds the interpreter for seconds; the child's memory is returned
    when it ends, and this process stays responsive. Content under `min_bytes` (default
    `CHILD_LOAD_BYTES`) is parsed in a moment and is left to the caller. Returns None, or why
    the child failed (the caller then simply opens as usual, in its own process)."""
    import subprocess
    import sys

    from briefing_tui.index import needs_rebuild

    key = _key(ws)
    if sum(size for _, size, _ in key[2]) < (CHILD_LOAD_BYTES if min_bytes is None else min_bytes):
        return None
    if not _needs_full_load(ws, key) and not needs_rebuild(ws):
        return None
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing_tui.snapshot", str(ws.content), str(ws.briefings), str(ws.cache)],
            capture_output=True, text=True, timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    return None


def main(argv: list[str] | None = None) -> int:
    """`python -m briefing_tui.snapshot CONTENT BRIEFINGS CACHE`: load the corpus (writing its
    snapshot) and bring the index up to date with it. The app runs this in a child process when
    the whole knowledge base must be parsed, so that the parse's peak memory (about 180 MB at
    100,000 statements) and its hold on the interpreter stay out of the app's process."""
    import sys

    from briefing_tui import snapshot  # as imported, not as __main__: one memo for the index too
    from briefing_tui.index import update_index

    content, briefings, cache = (argv if argv is not None else sys.argv[1:])[:3]
    ws = Workspace(Path(content), Path(briefings), Path(cache))
    update_index(ws, snapshot.load_corpus(ws))
    return 0


def _load_changed(ws: Workspace, key: tuple) -> Corpus | None:
    """The snapshot's corpus with the changed files read again, when that is exactly what a full
    load gives (see the module doc); else None."""
    path = snapshot_path(ws)
    try:
        with open(path, "rb") as fh:
            fh.read(32)
            with paused_gc():
                units = _units_to_patch(pickle.load(fh), key)
                if units is None:
                    return None
                base = pickle.load(fh)
    except Exception:
        return None
    if not isinstance(base, Corpus) or base.problems:
        return None
    with paused_gc():
        return _patch(ws, base, key[2], *units)


def _patch(ws: Workspace, base: Corpus, files: tuple, sources: set, areas: set, top: set) -> Corpus | None:
    from briefing_tui.content import Only, load_only

    root = Path(ws.content).resolve()
    new = load_only(root, Only(frozenset(sources), frozenset(areas), frozenset(top)))
    if new.problems:
        return None

    def display(rel: str) -> str:  # as the loader shows a path (relative to the content's parent)
        return str((root / rel).relative_to(root.parent))

    changed_areas = {display(a) for a in areas}
    # Ids of the records that the changed files held; the other ids of the snapshot stay.
    gone: set[str] = {sid for sid in sources if sid in base.sources}
    for table in (base.domains, base.forums):
        gone.update(i for i, a in table.items() if a.loc.path in changed_areas)
    by_file: dict[str, list] = {}
    for st in base.statements.values():
        by_file.setdefault(st.loc.path, []).append(st)
    for p in changed_areas:
        gone.update(st.id for st in by_file.get(p, ()))
    for name, table in (("commitments.yaml", base.commitments), ("motions.yaml", base.motions), ("qa.yaml", base.qa)):
        if name in top:
            gone.update(table)
    tables = (base.sources, base.domains, base.forums, base.statements, base.commitments, base.motions, base.qa)
    for new_table in (new.sources, new.domains, new.forums, new.statements, new.commitments, new.motions, new.qa):
        for rid in new_table:
            if rid not in gone and any(rid in t for t in tables):
                return None  # defined again elsewhere: the full load reports the duplicate

    # Put together in the loader's order: files sorted by name, records in file order.
    listed: dict[str, list[str]] = {"sources": [], "domains": [], "forums": []}
    for rel, _size, _mtime in files:
        parts = rel.split(os.sep)
        if len(parts) == 2 and parts[0] in listed and parts[1].endswith(_YAML) and not parts[1].startswith("."):
            listed[parts[0]].append(parts[1])
    # Without problems every file defines its record under its file's stem (a source, a domain,
    # a forum); anything else means the pieces do not fit: load everything.
    out = Corpus(root=str(root))
    for name in sorted(listed["sources"]):
        stem = name.rpartition(".")[0]
        src = (new if stem in sources else base).sources.get(stem)
        if src is None or src.loc.path != display(f"sources/{name}"):
            return None
        out.sources[stem] = src
    new_by_file: dict[str, list] = {}
    for st in new.statements.values():
        new_by_file.setdefault(st.loc.path, []).append(st)
    for folder, old_table, new_table, out_table in (("domains", base.domains, new.domains, out.domains),
                                                    ("forums", base.forums, new.forums, out.forums)):
        for name in sorted(listed[folder]):
            stem = name.rpartition(".")[0]
            shown = display(f"{folder}/{name}")
            changed = shown in changed_areas
            area = (new_table if changed else old_table).get(stem)
            if area is None or area.loc.path != shown:
                return None
            out_table[stem] = area
            for st in (new_by_file if changed else by_file).get(shown, ()):
                out.statements[st.id] = st
    out.commitments = new.commitments if "commitments.yaml" in top else base.commitments
    out.motions = new.motions if "motions.yaml" in top else base.motions
    out.qa = new.qa if "qa.yaml" in top else base.qa
    out.synonyms = new.synonyms if "synonyms.yaml" in top else base.synonyms
    return out.link()


if __name__ == "__main__":
    raise SystemExit(main())
