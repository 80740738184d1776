"""Where things live: the content folder, the briefings folder, the index cache.

The index is derived data and never lives in the repository: it goes to
$BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing-tui, else ~/.cache/briefing-tui, one database per
content folder (named by a hash of the folder's absolute path).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Workspace:
    content: Path
    briefings: Path
    cache: Path

    @classmethod
    def resolve(
        cls,
        content: str | os.PathLike | None = None,
        briefings: str | os.PathLike | None = None,
        cache: str | os.PathLike | None = None,
    ) -> "Workspace":
        content_dir = Path(content or os.environ.get("BRIEFING_CONTENT") or "content").resolve()
        briefings_dir = Path(briefings or os.environ.get("BRIEFING_BRIEFINGS") or "briefings").resolve()
        return cls(content_dir, briefings_dir, Path(cache).resolve() if cache else default_cache_dir())

    @property
    def index_path(self) -> Path:
        digest = hashlib.sha256(str(self.content).encode("utf-8")).hexdigest()[:16]
        return self.cache / f"index-{digest}.sqlite"

    def display_path(self, path: str | os.PathLike) -> str:
        """A path as reported to the user: relative to the content folder's parent when inside it."""
        p = Path(path).resolve()
        try:
            return str(p.relative_to(self.content.parent))
        except ValueError:
            return str(p)


def default_cache_dir() -> Path:
    explicit = os.environ.get("BRIEFING_CACHE")
    if explicit:
        return Path(explicit).resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return (base / "briefing-tui").resolve()
