"""The knowledge base behind one door: `KnowledgeBase.open(workspace)`.

The CLI, the app and export talk only to this package (and to the plain types of the model,
briefings and search queries). What is inside — the content scan, the corpus snapshot, the
index and its partial updates, the search engine, the cache folder, the child-process parse —
is described in `knowledge_base.py` and docs/architecture.md.
"""

from briefing_tui.index import IndexReport
from briefing_tui.search import Hit, SearchQuery, SearchResult, SourceRef
from briefing_tui.store.knowledge_base import CHILD_LOAD_BYTES, Interrupted, KnowledgeBase, prepare

__all__ = ["CHILD_LOAD_BYTES", "Hit", "IndexReport", "Interrupted", "KnowledgeBase", "SearchQuery", "SearchResult", "SourceRef", "prepare"]
