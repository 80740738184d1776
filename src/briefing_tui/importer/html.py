"""A saved web page (HTML) of an official publication, as text and metadata.

`read_html(data)` returns the page's text and the `<meta name=… content=…>` fields of its head,
or None when the bytes are no HTML page. The text is what a reader sees in the page's main
content, a paragraph per block element (`p`, `h1`–`h6`, `li`, `dt`/`dd`, `tr`, `div` with
text, `br` as a line break), blank lines between paragraphs; scripts, styles, navigation,
page header and footer, forms and "Naar boven" links are left out. When the page has a main
content element (`main`, `article`, `div#main-column`, `div.stuk`) only that is read.

The web pages of zoek.officielebekendmakingen.nl carry the publication's metadata in their
head (`DC.identifier`, `DC.title`, `DC.type`, `OVERHEIDop.dossiernummer`, …, in the same
names as metadata.xml, in any case): those are stated metadata, read as metadata.xml is
(evidence "HTML <meta> …"). A page without them is read like copied text: the text detector
finds what the text states.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["looks_like_html", "read_html"]

_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "div", "section", "blockquote",
          "pre", "table", "ul", "ol", "dl", "article", "main", "header", "footer", "aside", "figure", "caption"}
_SKIP = {"script", "style", "nav", "noscript", "form", "button", "svg", "template", "select", "iframe"}
_SKIP_CLASSES = re.compile(r"\b(?:skiplinks?|breadcrumb|header|footer|menu|navigation|toolbar|share|print)\b", re.IGNORECASE)
_MAIN = re.compile(r"\b(?:main-column|stuk|kamervraag|main-content|content)\b", re.IGNORECASE)
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html") or b"<html" in head[:600]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, main)
        self.blocks_all: list[str] = []
        self.blocks_main: list[str] = []
        self.current: list[str] = []
        self.current_main = False
        self.saw_main = False

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def in_main(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def flush(self) -> None:
        text = "".join(self.current)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block and block.lower() != "naar boven":
            self.blocks_all.append(block)
            if self.current_main:
                self.blocks_main.append(block)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta" and a.get("name") and a.get("content"):
            self.meta.setdefault(a["name"], []).append(" ".join(a["content"].split()))
        if tag in _VOID:
            if tag == "br" and not self.skipping:
                self.current.append("\n")
            return
        skipping = self.skipping or tag in _SKIP or bool(_SKIP_CLASSES.search(a.get("class", "") + " " + a.get("id", "")))
        main = self.in_main or tag in ("main", "article") or (
            tag in ("div", "section") and bool(_MAIN.search(a.get("id", "") + " " + a.get("class", "")))
        )
        if tag in ("a",) and (a.get("href", "").startswith("#") and "boven" in a.get("title", "").lower()):
            skipping = True
        if main and not self.in_main:
            self.saw_main = True
        if tag in _BLOCK:
            self.flush()
        self.current_main = main
        self.stack.append((tag, skipping, main))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            top = self.stack.pop()
            if top[0] == tag:
                break
        if tag in _BLOCK or tag in ("td", "th"):
            if tag in ("td", "th"):
                self.current.append(" ")
            else:
                self.flush()
        self.current_main = self.in_main

    def handle_data(self, data: str) -> None:
        if not self.skipping and self.stack and self.stack[-1][0] not in ("head", "title"):
            self.current.append(data)


def read_html(data: bytes, encoding: str = "utf-8") -> tuple[str, dict[str, list[str]]] | None:
    """(text, metadata) of a web page; None when `data` is no HTML page."""
    if not looks_like_html(data):
        return None
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if m:
        encoding = m.group(1).decode("ascii")
    try:
        source = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        source = data.decode("utf-8", errors="replace")
    page = _Page()
    page.feed(source)
    page.close()
    page.flush()
    blocks = page.blocks_main if page.saw_main and page.blocks_main else page.blocks_all
    text = "\n\n".join(blocks)
    return (text + "\n" if text else ""), page.meta
