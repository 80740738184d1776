"""`KnowledgeBase`: the one door between the surfaces (CLI, app, export) and everything that
loads, caches, indexes and searches the content folder.

    kb = KnowledgeBase.open(ws)        # the index brought up to date (cheap when nothing changed)
    kb.search(SearchQuery("killer robots"))   # hits from the index
    kb.count(query)                    # the exact number of matches
    kb.corpus                          # the whole knowledge base (loaded on first use)
    kb.refresh()                       # content changed: update the index, reload what changed
    kb.after_writing(paths)            # this process wrote these files: the index from them alone
    kb.rebuild()                       # from scratch: index and every derived cache
    kb.report                          # what the last update did (an IndexReport)

Behind the door, each fast path switches on by size and is tested against the simple path
("load everything, build the index") it replaces (tests/test_store.py, test_index_partial.py).
Content under `FAST_PATH_BYTES` is simply parsed whole when opened (a moment's work), the index
updated with it, and nothing but the index is cached. From that size on:

- **Search without the corpus.** Hits are made from index rows, and the index also holds each
  source's record and the synonyms, so `briefing search` reads no YAML and no cache beside the
  index, whatever the number of documents.
- **Snapshot.** The corpus as JSON in the cache folder (`snapshot.py`); after an edit, only
  the changed files are parsed again when that provably equals a full load.
- **Partial index update.** The rows of changed files only (`index/partial.py`), when the
  changed files can be read without the rest.
- **Kept parses.** A domain or forum file of `yamlitems.ITEMS_FROM` characters or more (512 K:
  some 1,200 statements) is parsed again only in the statements whose text changed
  (`yamlitems.py`), in every load above (the snapshot's patch, the partial update, a full load).
- **Child process.** For content of `CHILD_LOAD_BYTES` or more that must be parsed whole (or
  indexed from scratch), `prepare` has a child process (`python -m briefing_tui.store`) do it,
  so a long-running app keeps its own memory to what it holds and stays responsive.

Derived data lives in the cache folder (`cache.py`): private (0700, the user's own, checked),
JSON or SQLite, never pickles. When the folder cannot be used, a new private folder is made
for this process; nothing predictable is shared. Never a crash on a damaged index: an error
from SQLite while searching rebuilds the index once and searches again.

Threads: `search`, `count` and `corpus` may be called from worker threads (the app does).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from briefing_tui.files import ContentScan, scan_content
from briefing_tui.index import (
    BUSY_TIMEOUT, PREFIX_LENGTHS, IndexReport, Progress, has_large_folder, needs_rebuild, needs_update, probe,
    quick_check,
)
from briefing_tui.index import rebuild_index as _rebuild_index
from briefing_tui.index import update_index as _update_index
from briefing_tui.model import Corpus
from briefing_tui.store.cache import (
    CacheUnusable, cache_folder, code_stamp, digest, open_blob, private_fallback, read_blob, write_blob,
)
from briefing_tui.search import SearchEngine, SearchQuery, SearchResult, vocabulary_terms
from briefing_tui.search.helper import ScoringHelper
from briefing_tui.search.query import ParsedQuery, Vocabulary
from briefing_tui.search.wordcounts import WordCounts
from briefing_tui.index import vocab_delta
from briefing_tui.workspace import Workspace

if TYPE_CHECKING:
    from briefing_tui.search.spelling import WordsByLength

FAST_PATH_BYTES = 2 * 1024 * 1024  # from this much content on: snapshot, caches, partial updates
CHILD_LOAD_BYTES = 16 * 1024 * 1024  # content this large is parsed in a child process by `prepare`
VOCAB_FORMAT = 7  # 7: the generation it was read at, then the words (`_vocabulary`)
SPELLER_FORMAT = 1  # the words corrections come from, by length (`_speller_words`)
# The code that makes a corpus: a change to any of them makes every snapshot stale.
LOADER_FILES = ("model.py", "content.py", "yamlio.py", "yamlitems.py", "schema.py", "files.py", "recordjson.py",
                "store/snapshot.py")

__all__ = ["CHILD_LOAD_BYTES", "FAST_PATH_BYTES", "Interrupted", "KnowledgeBase", "prepare"]


def _kept_vocabulary(body: bytes | None) -> tuple[int, WordCounts] | None:
    """(generation, words) of a cached vocabulary (`KnowledgeBase._vocabulary`), or None."""
    if body is None:
        return None
    head, sep, rest = body.partition(b"\n")
    words = WordCounts.from_bytes(rest) if sep and head.isdigit() else None
    return (int(head), words) if words is not None else None


class Interrupted(Exception):
    """A search or count stopped by `KnowledgeBase.interrupt`."""


class _Paths:
    """Where the derived files of one content folder live in a cache folder."""

    def __init__(self, content: Path, cache: Path) -> None:
        self.folder = cache
        stem = hashlib.sha256(str(content).encode("utf-8")).hexdigest()[:16]
        self.index = cache / f"index-{stem}.sqlite"
        self.snapshot = cache / f"corpus-{stem}.json"
        self.vocab = cache / f"vocab-{stem}.bin"
        self.old_vocab = cache / f"vocab-{stem}.json"  # its earlier form (JSON), removed when replaced
        self.speller = cache / f"speller-{stem}.bin"  # the words corrections come from (`_speller_words`)
        self.items = cache / f"items-{stem}"  # a folder: the kept parses of large area files (yamlitems)

    def derived(self) -> list[Path]:
        return [self.index, self.snapshot, self.vocab, self.old_vocab, self.speller]


# The loader and the snapshot are imported when first needed: a command that finds the content
# unchanged (every `briefing search`) then starts without YAML, the schemas and the loader.
def _load_content(*args: Any, **kwargs: Any) -> Corpus:
    from briefing_tui.content import load_content

    return load_content(*args, **kwargs)


def _snapshot():
    from briefing_tui.store import snapshot

    return snapshot


def _usable_cache(ws: Workspace) -> Path:
    """The workspace's cache folder, private and checked; else a new private folder."""
    try:
        return cache_folder(ws.cache)
    except OSError:  # not writable, not ours, not a folder (CacheUnusable)
        return private_fallback()


class KnowledgeBase:
    """The content folder of a workspace: search, count, corpus, refresh. See the module doc."""

    def __init__(self, ws: Workspace, cache: Path, *, busy_timeout: float = BUSY_TIMEOUT,
                 progress: Progress | None = None, scoring_helper: bool = True) -> None:
        self.ws = ws
        # A child process that scores half of a long list of matches on a large index, shared by
        # every engine this knowledge base makes (`search.helper`); none for a one-shot command.
        self._helper = ScoringHelper() if scoring_helper else None
        self.progress = progress  # progress(done, total) while the index is built (see index.Progress)
        self.paths = _Paths(ws.content, cache)
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._corpus_lock = threading.Lock()
        self._corpus: Corpus | None = None
        self._corpus_key: tuple | None = None
        self._engine: SearchEngine | None = None
        self._fast = True  # set from the content's size at every open and refresh
        self.report = IndexReport()

    # --- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, ws: Workspace, *, corpus: Corpus | None = None, busy_timeout: float = BUSY_TIMEOUT,
             progress: Progress | None = None, thorough: bool = False, rebuild: bool = False,
             scoring_helper: bool = True) -> "KnowledgeBase":
        """Bring the index up to date and open it. `corpus`: the content as already loaded (the
        index update then reads nothing); without it the corpus is read only when something
        changed that needs it, or when `kb.corpus` is first used. `progress(done, total)` hears
        how a build goes. `thorough` stats every file even where the quick check would judge a
        large sources/ folder by its mtime (`index.quick_check`): `briefing index` does.
        `rebuild`: as `rebuild()` at once (`briefing index --rebuild`), instead of bringing the
        index up to date first and then building it again. `scoring_helper`: on a large index,
        long lists of matches are scored half in a child process (`search.helper`), started by
        the first such list; False for a process that searches once (a command)."""
        kb = cls(ws, _usable_cache(ws), busy_timeout=busy_timeout, progress=progress, scoring_helper=scoring_helper)
        if rebuild:
            kb.rebuild()
        else:
            kb._open(corpus, thorough=thorough)
        return kb

    def _open(self, corpus: Corpus | None, *, rebuild: bool = False, thorough: bool = False) -> IndexReport:
        if corpus is None and not rebuild and not thorough and self._fast:
            quick = quick_check(self.paths.index, self.ws.content)  # large folders: by their mtime
            if quick is not None:
                return self._ready(quick, None)
            report = self._quick_update()
            if report is not None:
                return self._ready(report, None)
        scan = scan_content(self.ws.content)
        self._fast = scan.total_bytes() >= FAST_PATH_BYTES
        if corpus is None and not self._fast:
            corpus = _load_content(self.ws.content, field_lines=False, scan=scan, keep_texts=False)  # the simple path
        if corpus is not None:
            self._set_corpus(corpus, self._key(scan))
        try:
            report = self._update(scan, rebuild)
        except CacheUnusable:
            raise
        except (OSError, sqlite3.Error):
            # The cache folder went away or filled up: a private folder for this process.
            self.paths = _Paths(self.ws.content, private_fallback())
            report = self._update(scan, rebuild)
        self._ready(report, scan)
        if report.rebuilt and self._fast:
            # Read with the build and kept (`_vocabulary`): else the first search after it reads
            # every term (2.7 s at 27,500 sources). Updates keep it current from then on. The
            # words corrections come from too (`_speller_words`): else the first search with a typo
            # finds them (0.17 s at 27,500 sources); after an update, that search does.
            with contextlib.suppress(sqlite3.Error):  # an index that cannot be read says so when searched
                self.engine.vocabulary().speller(self.engine.synonyms().words)
        return report

    def _quick_update(self) -> IndexReport | None:
        """The update after the quick check saw a change outside a large sources/ folder (an
        edited domain file): that folder, judged by its mtime, is not walked (`after_write.
        scan_quick`). None when the index cannot be updated so (it is missing, being replaced, or
        the large folder changed too): the caller scans everything."""
        if not has_large_folder(self.paths.index):
            return None  # (a small knowledge base is checked whole: `FAST_PATH_BYTES`)
        return self._update_unscanned(quick=True)

    def _update_unscanned(self, **how: Any) -> IndexReport | None:
        """`update_index` without a scan of the whole folder (`quick` or `written`: see there);
        None when it failed on the cache (the caller then opens as usual)."""
        load = lambda: self._load(scan_content(self.ws.content))  # noqa: E731 - only when the update needs it
        try:
            return _update_index(self.paths.index, self.ws.content, load, items=self._items, busy_timeout=self._busy_timeout,
                                 progress=self.progress, **how)
        except CacheUnusable:
            raise
        except (OSError, sqlite3.Error):
            return None

    def _ready(self, report: IndexReport, scan: ContentScan | None) -> IndexReport:
        """The engine over the index as `report` left it: with the corpus's sources and synonyms
        when it is loaded, else reading them from the index (see `SearchEngine`)."""
        self.report = report
        # (No corpus: no key to compare. The key's fingerprint sorts every file's stat: 28 ms at 55,000 files.)
        corpus = (self._corpus if self._corpus is not None and scan is not None and self._corpus_key == self._key(scan)
                  else None)
        self._engine = SearchEngine(self.paths.index, corpus.sources if corpus else None,
                                    corpus.synonyms if corpus else None,
                                    busy_timeout=self._busy_timeout, vocabulary=self._vocabulary, helper=self._helper)
        return report

    def _update(self, scan: ContentScan, rebuild: bool) -> IndexReport:
        load = lambda: self._load(scan)  # noqa: E731 - called only when the update needs it
        corpus = self._corpus if self._corpus is not None and self._corpus_key == self._key(scan) else None
        if rebuild:
            return _rebuild_index(self.paths.index, self.ws.content, load, corpus=corpus, progress=self.progress)
        return _update_index(self.paths.index, self.ws.content, load, corpus=corpus, scan=scan, items=self._items,
                             busy_timeout=self._busy_timeout, progress=self.progress)

    # --- the corpus -------------------------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        """The whole knowledge base; loaded on first use (from the snapshot when unchanged)."""
        if self._corpus is None:
            with self._corpus_lock:
                if self._corpus is None:
                    self._load(scan_content(self.ws.content))
        assert self._corpus is not None
        return self._corpus

    @property
    def corpus_loaded(self) -> bool:
        return self._corpus is not None

    def _key(self, scan: ContentScan) -> tuple:
        return (str(self.ws.content), code_stamp(LOADER_FILES), scan.fingerprint())

    def _set_corpus(self, corpus: Corpus, key: tuple) -> None:
        self._corpus, self._corpus_key = corpus, key

    def _load(self, scan: ContentScan) -> Corpus:
        """The corpus for `scan`: in memory, from the snapshot, patched, or loaded (and kept)."""
        key = self._key(scan)
        if self._corpus is not None and self._corpus_key == key:
            return self._corpus
        if not self._fast:
            corpus = _load_content(self.ws.content, field_lines=False, scan=scan, keep_texts=False)
            self._set_corpus(corpus, key)
            return corpus
        path = self.paths.snapshot
        kept = _snapshot().read(path, key)
        if kept is None:
            kept = self._patched(key, scan)
            if kept is None:
                items = self._items()
                kept = _load_content(self.ws.content, field_lines=False, scan=scan, keep_texts=False, items=items)
                items.keep_only(rel for rel in scan.files if rel.startswith(("domains/", "forums/")))
            _snapshot().write(path, key, kept)
        self._set_corpus(kept, key)
        return kept

    def _patched(self, key: tuple, scan: ContentScan | None = None) -> Corpus | None:
        """The snapshot's corpus with the changed files read again, when that equals a full load."""
        _, pre = _snapshot().read_preamble(self.paths.snapshot)
        only = _snapshot().units_to_patch(pre, key)
        base = _snapshot().read_base(self.paths.snapshot) if only is not None else None
        if only is None or base is None:
            return None
        return _snapshot().patch(self.ws.content, base, key[2], only, scan, items=self._items())

    def _items(self):
        """The kept parses of large area files (`yamlitems`), for the loads of the fast path.
        (Imported here: a command that finds nothing changed starts without YAML.)"""
        from briefing_tui.yamlitems import ItemCache

        return ItemCache(self.paths.items, digest(code_stamp(LOADER_FILES)))

    def needs_full_load(self, scan: ContentScan | None = None) -> bool:
        """Would loading the corpus parse every YAML file (no usable snapshot, another loader,
        a snapshot with problems, too many changed files)? Reads only the snapshot's preamble."""
        key = self._key(scan if scan is not None else scan_content(self.ws.content))
        found, pre = _snapshot().read_preamble(self.paths.snapshot)
        if pre is not None and found == _snapshot().digest(key):
            return False
        return _snapshot().units_to_patch(pre, key) is None

    # --- searching ------------------------------------------------------------------------------
    @property
    def engine(self) -> SearchEngine:
        assert self._engine is not None, "KnowledgeBase.open first"
        return self._engine

    def _vocabulary(self, conn: sqlite3.Connection, meta: dict[str, str]) -> Vocabulary:
        """The index's vocabulary, cached for the build of the index it was read from with the
        generation it was read at. A copy of an earlier generation is brought up to date with the
        changes the updates since then kept (`index.vocab_delta`): reading every term again costs
        0.6 s at 100,000 statements and 2.7 s at 27,500 sources, the first search after each
        edit. Read whole when there is no copy, or the changes kept do not reach back to it."""
        stated = meta.get("generation", "")
        if not (self._fast and meta.get("built") and stated.isdigit()):
            return Vocabulary(WordCounts.from_pairs(vocabulary_terms(conn)), PREFIX_LENGTHS)
        generation = int(stated)
        key = (VOCAB_FORMAT, code_stamp(("search/wordcounts.py", "index/vocab_delta.py")), meta.get("version"),
               meta.get("built"))
        # Raw counts, block offsets and the words as one string: read by every `briefing search`,
        # so it must cost one decode (`WordCounts`), not a dict of every word.
        kept = _kept_vocabulary(read_blob(self.paths.vocab, key))
        speller_words = self._speller_words((*key, generation))
        if kept is not None and kept[0] == generation:
            return Vocabulary(kept[1], PREFIX_LENGTHS, speller_words)
        words = None
        if kept is not None:
            diffs = vocab_delta.since(conn, kept[0], generation)
            if diffs is not None:
                words = kept[1].changed(diffs)
        if words is None:
            words = WordCounts.from_pairs(vocabulary_terms(conn))
        if write_blob(self.paths.vocab, key, b"%d\n" % generation + words.to_bytes()):
            with contextlib.suppress(OSError):
                self.paths.old_vocab.unlink()
        return Vocabulary(words, PREFIX_LENGTHS, speller_words)

    def _speller_words(self, vocabulary: tuple) -> Callable[[WordCounts], WordsByLength]:
        """The words corrections come from (`spelling.WordsByLength`), read from a copy kept for
        the same words (`vocabulary`: the vocabulary's key and generation), else found in them
        and kept: found again, they cost every `briefing search` with a typo 0.17 s at 27,500
        sources. Asked when a search first meets a word the index does not know."""
        def words(df: WordCounts) -> WordsByLength:
            from briefing_tui.search.spelling import WordsByLength

            key = (SPELLER_FORMAT, code_stamp(("search/spelling.py",)), vocabulary)
            path = self.paths.speller
            found = WordsByLength.from_file(lambda: open_blob(path, key))  # read a length at a time
            if found is None:
                found = WordsByLength.of_vocabulary(df)
                write_blob(path, key, found.to_bytes())
            return found

        return words

    def search(self, query: SearchQuery | str) -> SearchResult:
        return self._guarded(lambda: self.engine.search(query))

    def count(self, query: SearchQuery | str) -> int:
        """The exact number of matches; raises `Interrupted` when `interrupt` stopped it."""
        return self._guarded(lambda: self.engine.count(query))

    def interrupt(self) -> None:
        """Stop a search or count running in another thread (it raises `Interrupted`)."""
        if self._engine is not None:
            self._engine.interrupt()

    def parse(self, text: str) -> ParsedQuery:
        return self._guarded(lambda: self.engine.parse(text))

    def vocabulary(self) -> Vocabulary:
        return self._guarded(self.engine.vocabulary)

    def similar(self, text: str, **options):
        """Statements that share the most distinctive words of `text` (proposals; search/similar.py)."""
        return self._guarded(lambda: self.engine.similar(text, **options))

    def similar_many(self, texts: list[str], **options):
        """`similar` of each of `texts` at once: a word several of them share is read once."""
        return self._guarded(lambda: self.engine.similar_many(texts, **options))

    def statement_rows(self, **options):
        """The statements (and commitments) of a source as the index holds them (search/similar.py)."""
        return self._guarded(lambda: self.engine.statement_rows(**options))

    def taken_ids(self, base: str) -> set[str]:
        """The ids that are `base` or start with `base-` (records, sources, areas), from the index:
        what a new record's id must avoid (`proposals/write.py`)."""
        return self._guarded(lambda: self.engine.taken_ids(base))

    def source(self, source_id: str):
        """A source's record (`model.Source`) from the index, or None: no corpus is loaded."""
        return self._guarded(lambda: self.engine.source(source_id))

    def source_text(self, source_id: str) -> str | None:
        """A source's full text, read from its file (the path its record in the index holds);
        None when the index knows no such source or the file cannot be read."""
        src = self.source(source_id)
        if src is None or not src.text_path:
            return None
        try:
            with open(src.text_path, encoding="utf-8") as fh:
                return fh.read()
        except OSError:
            return None

    def read_index(self, ask):
        """`ask(connection)` on a read-only connection to the index (guarded as a search is)."""
        return self._guarded(lambda: self.engine.read(ask))

    def known_sources(self):
        """What the index knows of the files in sources/, for the importer (`known_sources.py`)."""
        from briefing_tui.store.known_sources import KnownSources

        return KnownSources(self)

    def areas(self) -> list[tuple[str, str, str, tuple[str, ...]]]:
        """(id, kind "domain"|"forum", name, aliases) of every domain and forum, from the index."""
        return self._guarded(self.engine.areas)

    def _guarded(self, call):
        """`call()`; on a damaged index (an error from SQLite that is not a lock), the index is
        rebuilt once and `call()` runs again."""
        try:
            return call()
        except sqlite3.DatabaseError as exc:
            if "interrupted" in str(exc):
                raise Interrupted from exc  # asked for (`interrupt`): the index is fine
            if "locked" in str(exc) or "busy" in str(exc):
                raise
            with self._lock:
                self.engine.close()
                self._open(self._corpus, rebuild=True)
                self.report.reason = "damaged"  # a code (index.REASONS), worded by the surfaces
            return call()

    @property
    def index_path(self) -> Path:
        return self.paths.index

    # --- changes --------------------------------------------------------------------------------
    def content_errors(self) -> int | None:
        """Content errors of the knowledge base as the index last saw it (None when unknown)."""
        if self._corpus is not None:
            return len(self._corpus.errors())
        return self.report.problems

    def changed(self) -> bool:
        """Has any content file changed since the index was last brought up to date? (stat only)"""
        return needs_update(self.paths.index, scan_content(self.ws.content))

    def refresh(self) -> IndexReport:
        """Re-read the content and update the index; returns what the update did."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
            scan = scan_content(self.ws.content)
            corpus = self._load(scan)
            return self._open(corpus)

    def after_writing(self, paths) -> IndexReport:
        """This process has just written these content files (`briefing import`): bring the
        index up to date. A large sources/ folder is then not scanned whole: only the written
        files in it are looked at, and its listing checks that nothing else was added or removed
        (`index.after_write`); anything else that changed makes it a usual update."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
            if not self._fast:
                return self._open(None)
            root = self.ws.content.resolve()
            resolved = [Path(p).resolve() for p in paths]
            written = [r.relative_to(root).as_posix() for r in resolved if r.is_relative_to(root)]
            report = self._update_unscanned(written=written)
            if report is None:
                return self._open(None)  # as an opening does: a private folder if the cache went away
            return self._ready(report, None)

    def rebuild(self) -> IndexReport:
        """Throw away the index and every derived cache of this content, and build it all again
        from the files (a rebuild repairs whatever a cache got wrong)."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
            for path in self.paths.derived()[1:]:
                path.unlink(missing_ok=True)
            shutil.rmtree(self.paths.items, ignore_errors=True)
            self._corpus = self._corpus_key = None
            report = self._open(None, rebuild=True)
            report.rebuilt = True
            return report

    def check_index(self) -> str | None:
        """None when the index's tables can be read; else why not (see `index.probe`)."""
        return probe(self.paths.index)

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.close()
            if self._helper is not None:
                self._helper.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def prepare(ws: Workspace, min_bytes: int | None = None, timeout: float = 600.0, *, corpus: bool = True) -> str | None:
    """Before a long-running process (the app) opens a large knowledge base: when that would parse
    every YAML file or build the index from scratch, do it in a child process, which leaves the
    snapshot and the index for this process to read; the child's memory is returned when it ends,
    and this process stays responsive. Content under `min_bytes` (default `CHILD_LOAD_BYTES`) is
    parsed in a moment and is left to the caller. Returns None, or why the child failed (the
    caller then simply opens as usual, in its own process). Without `corpus` (the app opening
    its index; the corpus is loaded later), an index that the quick check finds current needs
    nothing: no walk of a large sources/ folder before the first search."""
    kb = KnowledgeBase(ws, _usable_cache(ws))
    if not corpus and quick_check(kb.paths.index, ws.content) is not None:
        return None
    scan = scan_content(ws.content)
    if scan.total_bytes() < (CHILD_LOAD_BYTES if min_bytes is None else min_bytes):
        return None
    if not kb.needs_full_load(scan) and not needs_rebuild(kb.paths.index):
        return None
    import subprocess  # only a cold start pays for it

    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing_tui.store", str(ws.content), str(ws.briefings), str(kb.paths.folder)],
            capture_output=True, text=True, timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    return None


def child_main(argv: list[str]) -> int:
    """`python -m briefing_tui.store CONTENT BRIEFINGS CACHE`: load the corpus (writing its
    snapshot) and bring the index up to date with it, for `prepare`."""
    content, briefings, cache = argv[:3]
    ws = Workspace(Path(content), Path(briefings), Path(cache))
    kb = KnowledgeBase(ws, cache_folder(Path(cache)))
    kb._open(kb._load(scan_content(ws.content)))
    kb.close()
    return 0
