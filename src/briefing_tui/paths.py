"""How a path is shown to the user: the one definition, with no dependencies (the app's first
paint and every message use it)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["display_path"]


def display_path(path: str | os.PathLike, base: str | os.PathLike) -> str:
    """A path as the user sees it: relative to `base` (the content folder's parent, or the
    working folder) when inside it, else absolute; always with "/"."""
    p = Path(os.path.abspath(path))
    try:
        named = p.parent.resolve() / p.name  # the link itself, not where it points
        return named.relative_to(Path(base).resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix()
