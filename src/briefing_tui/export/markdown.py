"""The briefing pack as CommonMark with footnotes (pandoc, markdown-it + footnote plugin, GitHub).

Every piece of text that comes from content or from the officer is escaped, so a quote that
contains `[^9]`, `<script>`, `# kop`, `*x*`, `[a](b)`, `|` or a leading `1.` comes out
literally: the only markup in the file is the markup this module writes.
"""

from __future__ import annotations

import re

from briefing_tui.briefing import Briefing
from briefing_tui.export.pack import INFERRED, Block, Break, Link, NoteRef, Pack, Text, build_pack
from briefing_tui.model import Corpus

# ASCII punctuation that can start or end markup somewhere in CommonMark, GFM or pandoc's
# Markdown: emphasis, code, links, footnotes, HTML, headings, lists, tables, strike-through,
# super/subscript, entities ("&"), setext underlines ("="), math ("$"), citations ("@").
# A backslash before any ASCII punctuation is always a literal in CommonMark, so escaping more
# than strictly needed is safe; ":" is escaped only at a line start (pandoc definition lists).
_SPECIAL = frozenset("\\`*_{}[]<>()#+-.!|~^&=$@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    text = _CONTROL.sub(lambda m: "\ufffd" if m.group() == "\x00" else "", text)
    text = _WS.sub(" ", text).strip()
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
    return "\\" + out if out.startswith(":") else out


def _emphasis(text: str, marker: str) -> str:
    """Wrap in ** or *, keeping surrounding spaces outside so the delimiters always flank."""
    core = escape(text)
    if not core:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{marker}{core}{marker}{trail}"


def _inline(inlines: list) -> str:
    out: list[str] = []
    for item in inlines:
        if isinstance(item, NoteRef):
            out.append(f"[^{item.number}]")
        elif isinstance(item, Link):
            out.append(f"<{item.url}>")
        elif isinstance(item, Break):
            out.append("\\\n")
        elif isinstance(item, Text):
            if item.bold:
                out.append(_emphasis(item.text, "**"))
            elif item.italic:
                out.append(_emphasis(item.text, "*"))
            else:
                lead = " " if item.text[:1].isspace() else ""
                trail = " " if item.text[-1:].isspace() and item.text.strip() else ""
                out.append(lead + escape(item.text) + trail)
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    # Collapse doubled spaces that joining may create, without touching line breaks.
    return re.sub(r" {2,}", " ", text).strip(" ")


def _block(block: Block) -> str:
    body = _inline(block.inlines)
    if block.kind == "title":
        return f"# {body}"
    if block.kind == "heading":
        return f"{'#' * (block.level + 1)} {body}"
    if block.kind == "quote":
        return "\n".join(f"> {line}" for line in body.split("\n"))
    if block.kind == "bullet":
        return "- " + body.replace("\n", "\n  ")
    return body


def pack_to_markdown(pack: Pack) -> str:
    parts: list[str] = []
    previous = None
    for block in pack.blocks:
        text = _block(block)
        # Consecutive bullets form one list; everything else is separated by a blank line
        # (two block quotes with a blank line between them stay two quotes).
        if previous is not None:
            sep = "\n" if (block.kind == "bullet" and previous.kind == "bullet") else "\n\n"
            parts.append(sep)
        parts.append(text)
        previous = block
    if pack.notes:
        parts.append("\n\n")
        defs = []
        for note in pack.notes:
            line = f"[^{note.number}]: {escape(note.text)}"
            if note.url:
                line += f"\\. <{note.url}>"
                if note.url_inferred:
                    line += f" {escape(f'({INFERRED})')}"
            defs.append(line)
        parts.append("\n".join(defs))
    return "".join(parts) + "\n"


def render_markdown(briefing: Briefing, corpus: Corpus) -> str:
    """The briefing pack as Markdown. Raises ExportError for ids not in the corpus."""
    return pack_to_markdown(build_pack(briefing, corpus))
