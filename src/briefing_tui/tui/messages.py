"""Messages that workers post back to the UI thread."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class IndexReady(Message):
    """The search engine is open (and the index up to date)."""

    def __init__(self, engine: Any, report: Any = None) -> None:
        super().__init__()
        self.engine = engine
        self.report = report


class IndexFailed(Message):
    """Opening or refreshing the index failed; the message says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class CorpusReady(Message):
    """The whole knowledge base is loaded (previews, browsing, briefings can use it)."""

    def __init__(self, engine: Any, corpus: Any) -> None:
        super().__init__()
        self.engine = engine
        self.corpus = corpus


class CorpusFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SearchDone(Message):
    """A search finished. `generation` tells whether it is still the newest one."""

    def __init__(self, generation: int, result: Any, error: str | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.result = result
        self.error = error


class CountDone(Message):
    """The exact number of matches of search `generation` (after a search that stopped counting)."""

    def __init__(self, generation: int, total: int) -> None:
        super().__init__()
        self.generation = generation
        self.total = total


class BriefingSaved(Message):
    def __init__(self, path: Any, fingerprint: Any, revision: int) -> None:
        super().__init__()
        self.path = path
        self.fingerprint = fingerprint
        self.revision = revision


class BriefingSaveConflict(Message):
    def __init__(self, path: Any, detail: str) -> None:
        super().__init__()
        self.path = path
        self.detail = detail


class BriefingSaveFailed(Message):
    def __init__(self, path: Any, error: str) -> None:
        super().__init__()
        self.path = path
        self.error = error


class ExportDone(Message):
    def __init__(self, path: Any, fmt: str, error: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.fmt = fmt
        self.error = error


class BriefingChanged(Message):
    """The open briefing changed (items, metadata or the briefing itself)."""


class IndexProgress(Message):
    """A build of the index is under way: `done` of `total` records written."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total
