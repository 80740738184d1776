"""Writing a pack to disk: the whole file is made in memory first, then put in place atomically.

If anything fails (an unknown id, a write error), the export that was there before is untouched
and no temporary file is left behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.briefing import Briefing
from briefing_tui.export.pack import build_pack
from briefing_tui.export.target import TargetRefused, check_target, markdown_marker
from briefing_tui.model import Corpus, Problem

FORMATS = ("md", "docx")
__all__ = ["FORMATS", "TargetRefused", "default_path", "render_bytes", "write_pack"]


def render_bytes(briefing: Briefing, corpus: Corpus, fmt: str) -> tuple[bytes, list[Problem]]:
    """The pack file's bytes in `fmt`, and the warnings (superseded statements) it flags."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    pack = build_pack(briefing, corpus)
    if fmt == "md":
        from briefing_tui.export.markdown import pack_to_markdown

        # The file's last line names its briefing (export/target.py); the app's preview has none.
        text = pack_to_markdown(pack) + f"\n{markdown_marker(briefing.name)}\n"
        return text.encode("utf-8"), pack.warnings
    from briefing_tui.export.docx import pack_to_docx_bytes

    return pack_to_docx_bytes(pack), pack.warnings


def default_path(briefing: Briefing, fmt: str) -> Path | None:
    """Where the pack goes by default: beside the briefing file, with the format's extension."""
    return briefing.path.with_suffix(f".{fmt}") if briefing.path is not None else None


def write_pack(
    briefing: Briefing, corpus: Corpus, path: str | os.PathLike, fmt: str = "md", *, force: bool = False
) -> list[Problem]:
    """Write the pack to `path` atomically; returns the warnings the pack flags.

    Raises ExportError (ids not in the corpus), TargetRefused (a symlink or not a regular file
    at `path`; or an existing file that is not an earlier pack of this briefing, unless `force`
    or `path` is the default place beside the briefing) or OSError (cannot write); in every
    case the file at `path` is exactly what it was before.
    """
    path = Path(path)
    beside = default_path(briefing, fmt)
    own_place = beside is not None and os.path.abspath(beside) == os.path.abspath(path)
    check_target(path, briefing.name, force=force or own_place)
    data, warnings = render_bytes(briefing, corpus, fmt)
    atomic_write_bytes(path, data, before_replace=lambda: check_target(path, briefing.name, force=True))
    return warnings
