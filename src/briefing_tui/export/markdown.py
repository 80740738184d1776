"""The briefing pack as CommonMark with footnotes (pandoc, markdown-it + footnote plugin, GitHub).

Every piece of text that comes from content or from the officer is escaped where a renderer would
read it as markup, and nowhere else: a quote that contains `[^9]`, `<script>`, `# kop`, `*x*`,
`[a](b)`, `|` or a leading `1.` comes out literally (the only markup in the file is the markup
this module writes), and "Kamerstuk 33 694, nr. 45" or "Boswijk (CDA)" stays as it is, so the
file reads well as plain text.
"""

from __future__ import annotations

import re

from briefing_tui.briefing import Briefing
from briefing_tui.export.pack import INFERRED, Block, Break, Link, NoteRef, Pack, Text, build_pack
from briefing_tui.export.chars import showable
from briefing_tui.model import Corpus

# Escaping: only what a renderer (CommonMark, GFM, and pandoc for the footnotes) would otherwise
# read as markup, so the file reads as plain text ("Kamerstuk 33 694, nr. 45", "Boswijk (CDA)")
# and renders as exactly that text. Inside a line:
#   always      ` *          code, emphasis
#   [           when it may open a link, image or footnote reference ("[^9]", "[a](b)")
#   in context  \\ before ASCII punctuation; _ at a word edge (emphasis; "dual_use" is literal);
#               < before a letter, / ! ? (HTML, autolinks); & starting an entity ("&amp;");
#               ~ in a run of two or more (strike-through)
# At the start of each line of a block (`escape_line_start`, applied by `_block`): "# ", ">",
# "- ", "+ ", ": ", a line of "=", a line that could be a table's delimiter row, and "1." /
# "1)" (headings, quotes, lists, setext underlines, definition lists, tables).
# Pandoc-only extensions (super/subscript, math, attributes, citations) are not escaped: the
# pack is read as CommonMark with footnotes.
_ALWAYS = frozenset("`*")
# A [ that may open a link, image or footnote reference: "[^", or a "]" later on followed by
# "(", "[" or ":" ("[a](b)", "[a][b]", "[a]: b").
_LINK_OPEN = re.compile(r"\[(?:\^|[^\]]*\][(\[:])")
_WS = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[+:](?=\s|$)|-(?=\s|$)|(?=-[-\s]*$)-|=+\s*$|(?=[|:\s-]*-[|:\s-]*$)[|:]|\d{1,9}(?=[.)](?:\s|$)))")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line; only characters
    that would otherwise be read as markup get a backslash."""
    text = showable(text)
    text = _WS.sub(" ", text).strip()
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "[":
            out.append("\\[" if _LINK_OPEN.match(text, i) else ch)
        elif ch == "\\":
            out.append("\\\\" if nxt in _ASCII_PUNCT or i + 1 == n else ch)
        elif ch == "_":
            out.append(ch if prev.isalnum() and nxt.isalnum() else "\\_")
        elif ch == "<":
            out.append("\\<" if nxt.isalpha() or nxt in "/!?" else ch)
        elif ch == "&":
            out.append("\\&" if _ENTITY.match(text, i) else ch)
        elif ch == "~":
            out.append("\\~" if "~" in (prev, nxt) else ch)
        else:
            out.append(ch)
    return "".join(out)


def escape_line_start(line: str, first: bool = True) -> str:
    """A backslash before what would make a line a heading, quote, list item, setext underline,
    table delimiter row or definition ("1. Eerst" -> "1\\. Eerst"). On a later line of a
    paragraph (not `first`) a numbered line starts a list only when its number is 1."""
    m = _LINE_START.match(line)
    if m is None:
        return line
    if m.group()[:1].isdigit():
        if not first and int(m.group()) != 1:
            return line
        end = m.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


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
    # Every line of a block may start with text that would be read as a block marker.
    body = "\n".join(escape_line_start(line, n == 0) for n, line in enumerate(body.split("\n")))
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
                line += f". <{note.url}>"
                if note.url_inferred:
                    line += f" {escape(f'({INFERRED})')}"
            defs.append(line)
        parts.append("\n".join(defs))
    return "".join(parts) + "\n"


def render_markdown(briefing: Briefing, corpus: Corpus) -> str:
    """The briefing pack as Markdown. Raises ExportError for ids not in the corpus."""
    return pack_to_markdown(build_pack(briefing, corpus))
