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
from briefing_tui.model import Corpus, Problem

FORMATS = ("md", "docx")


def render_bytes(briefing: Briefing, corpus: Corpus, fmt: str) -> tuple[bytes, list[Problem]]:
    """The pack file's bytes in `fmt`, and the warnings (superseded statements) it flags."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    pack = build_pack(briefing, corpus)
    if fmt == "md":
        from briefing_tui.export.markdown import pack_to_markdown

        return pack_to_markdown(pack).encode("utf-8"), pack.warnings
    from briefing_tui.export.docx import pack_to_docx_bytes

    return pack_to_docx_bytes(pack), pack.warnings


def write_pack(briefing: Briefing, corpus: Corpus, path: str | os.PathLike, fmt: str = "md") -> list[Problem]:
    """Write the pack to `path` atomically; returns the warnings the pack flags.

    Raises ExportError (ids not in the corpus) or OSError (cannot write); in both cases the
    file at `path` is exactly what it was before.
    """
    data, warnings = render_bytes(briefing, corpus, fmt)
    atomic_write_bytes(Path(path), data)
    return warnings
