"""The knowledge base as the tests drive it: each call opens it the way a new process does
(`KnowledgeBase.open`), so nothing is shared in memory between two calls."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing_tui.index import BUSY_TIMEOUT, IndexReport
from briefing_tui.model import Corpus
from briefing_tui.store import KnowledgeBase
from briefing_tui.store.cache import cache_folder
from briefing_tui.store.knowledge_base import _Paths
from briefing_tui.workspace import Workspace


def paths(ws: Workspace) -> _Paths:
    return _Paths(ws.content, ws.cache)


def index_path(ws: Workspace) -> Path:
    return paths(ws).index


def update_index(ws: Workspace, corpus: Corpus | None = None, *, busy_timeout: float = BUSY_TIMEOUT) -> IndexReport:
    """Open the knowledge base (which brings the index up to date) as a fresh process would."""
    with KnowledgeBase.open(ws, corpus=corpus, busy_timeout=busy_timeout) as kb:
        return kb.report


def rebuild_index(ws: Workspace) -> IndexReport:
    """`briefing index --rebuild`: the index and every derived cache from scratch."""
    kb = KnowledgeBase(ws, cache_folder(ws.cache))
    with kb:
        return kb.rebuild()


DATA = Path(__file__).parent / "data"


def query_texts() -> list[str]:
    """The text of every query of the ranking set and of the labelled search set."""
    def texts(name: str, key: str) -> list[str]:
        return [q[key] for q in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["queries"]]

    return texts("ranking_queries.yaml", "q") + texts("labelled_queries.yaml", "query")
