"""The briefing pack: Markdown (`render_markdown`) and Word, written atomically (`write_pack`)."""

from __future__ import annotations

from briefing_tui.export.markdown import render_markdown
from briefing_tui.export.pack import ExportError, build_pack, collect_warnings
from briefing_tui.export.target import TargetRefused
from briefing_tui.export.write import FORMATS, write_pack

__all__ = ["FORMATS", "ExportError", "build_pack", "collect_warnings", "render_markdown", "TargetRefused", "write_pack"]
