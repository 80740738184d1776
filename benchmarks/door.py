"""The knowledge base as the benchmarks drive it: each call opens the door the way a new
`briefing` process does (`KnowledgeBase.open`), so nothing is shared in memory between calls."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.files import scan_content
from briefing_tui.index import IndexReport
from briefing_tui.model import Corpus
from briefing_tui.store import KnowledgeBase
from briefing_tui.store.cache import cache_folder
from briefing_tui.store.knowledge_base import _Paths
from briefing_tui.workspace import Workspace


def index_path(ws: Workspace) -> Path:
    return _Paths(ws.content, ws.cache).index


def snapshot_path(ws: Workspace) -> Path:
    return _Paths(ws.content, ws.cache).snapshot


def update_index(ws: Workspace, corpus: Corpus | None = None) -> IndexReport:
    """`briefing index`: every file checked (the benchmark edits a source text in place, which
    the quick check of a large sources/ folder leaves to this thorough one)."""
    with KnowledgeBase.open(ws, corpus=corpus, thorough=True) as kb:
        return kb.report


def rebuild_index(ws: Workspace, corpus: Corpus | None = None) -> IndexReport:
    with KnowledgeBase(ws, cache_folder(ws.cache)) as kb:
        if corpus is None:
            return kb.rebuild()
        kb._set_corpus(corpus, kb._key(scan_content(ws.content)))
        return kb._open(corpus, rebuild=True)


def load_corpus(ws: Workspace) -> Corpus:
    """The corpus as a new process gets it: from the snapshot (patched), or parsed."""
    kb = KnowledgeBase(ws, cache_folder(ws.cache))
    return kb._load(scan_content(ws.content))
