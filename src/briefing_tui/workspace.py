"""Where things live: the content folder, the briefings folder, the index cache.

This is the one place the environment is read: $BRIEFING_CONTENT and $BRIEFING_BRIEFINGS when
no folder is given, and the cache folder for derived data (the index and its caches, see
`briefing_tui.store`): $BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing-tui, else
~/.cache/briefing-tui. Derived data never lives in the repository. The settings folder:
$BRIEFING_CONFIG, else the platform's user config folder (`config_dir`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.paths import display_path


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

    def display_path(self, path: str | os.PathLike) -> str:
        """A path as reported to the user: relative to the content folder's parent when inside it."""
        return display_path(path, self.content.parent)


def default_cache_dir() -> Path:
    explicit = os.environ.get("BRIEFING_CACHE")
    if explicit:
        return Path(explicit).resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return (base / "briefing-tui").resolve()


def config_dir() -> Path:
    """The user's settings folder: $BRIEFING_CONFIG, else the platform's user config folder
    (`platformdirs`: $XDG_CONFIG_HOME/briefing-tui or ~/.config/briefing-tui on Linux,
    ~/Library/Application Support/briefing-tui on macOS, %APPDATA%\\briefing-tui on Windows)."""
    explicit = os.environ.get("BRIEFING_CONFIG")
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefing-tui", appauthor=False))
