"""Page and web furniture in a source text, for search; the stored text stays as received.

What a PDF's text layer or a copied web page adds around the words of the document:

- web furniture: a "Naar boven" (back to top) line, and the metadata table of a web page whose
  cells were squashed together when copied ("OrganisatieTweede Kamer der Staten-Generaal",
  "VergaderjaarDossiernummerOndernummer");
- page furniture: a page number alone on the first or last line of a page ("3", "- 3 -",
  "Pagina 3 van 7"), and running headers and footers: a line that stands at the top or bottom of
  most pages, the same but for a page number at its start or end ("Tweede Kamer, vergaderjaar
  2018–2019, 33 694, nr. 43 2");
- footnote markers stuck to a word or to closing punctuation ("verbieden»1?", "stelt2.") when the
  text has a footnote with that number (a line at the bottom of a page, or of the text, that
  starts with the number).

Pages are the form-feed separated pages of an imported PDF (see `extract.PAGE_BREAK`); a text
without form feeds is one page, so only the web furniture and the markers apply to it.

`mask_furniture(text)` returns a text of exactly the same length in which furniture lines are
blanked (spaces, line ends kept) and each footnote marker is moved out of its word to the end of
its line as spaces. Offsets of lines stay those of the raw text, so a passage splitter can run on
the masked text and still report raw offsets: `split_source(mask_furniture(text))`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Furniture", "find_furniture", "footnote_lines", "mask_furniture", "clean_for_search"]

_WEB_LINES = re.compile(r"^\s*(?:↑\s*)?(?:Terug\s+)?naar\s+boven\s*(?:↑|\^)?\s*$", re.IGNORECASE)
_TABLE_LABELS = (
    "Organisatie", "Vergaderjaar", "Dossiernummer", "Dossier", "Ondernummer", "Kamer", "Publicatiedatum",
    "Datum publicatie", "Datum ontvangst", "Datum indiening", "Datum vergadering", "Datum ondertekening",
    "Documentsoort", "Documenttype", "Rubriek", "Jaargang", "Bekendmakingsnummer", "Publicatienummer",
    "Titel", "Onderwerp", "Indiener", "Indieners", "Medeindiener", "Mede-indiener", "Vraagnummer",
    "Nummer", "Kenmerk", "Ministerie", "Vergaderdatum", "Behandelend ministerie",
)
_LABEL_ALT = "|".join(sorted((re.escape(x) for x in _TABLE_LABELS), key=len, reverse=True))
# A label glued to its value ("OrganisatieTweede Kamer", "Vergaderjaar2018-2019").
_SQUASHED_CELL = re.compile(rf"^\s*(?:{_LABEL_ALT})(?=[A-Z0-9])\S")
# A header row of labels glued together ("VergaderjaarDossiernummerOndernummer").
_SQUASHED_HEADER = re.compile(rf"^\s*(?:(?:{_LABEL_ALT})\s*){{2,}}$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}|(?:pagina|blad|page)\s+\d{1,3}(?:\s*(?:van|/|of)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})\s*$",
    re.IGNORECASE,
)
_PAGINA_VAN = re.compile(r"^\s*(?:pagina|blad)\s+\d{1,3}\s+van\s+\d{1,3}\s*$", re.IGNORECASE)
# A footnote marker: digits glued to two letters or to closing punctuation or a guillemet,
# followed by punctuation, a space or the line end.
_MARKER = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[»”’\"'.,;:)\]]))(\d{1,2})(?=[\s.,;:?!)»”’\]]|$)")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,2})[ \t]+\S")


@dataclass(frozen=True, slots=True)
class Furniture:
    start: int  # raw offset
    end: int  # raw offset (past the last character; the line end is not included)
    kind: str  # "web" | "table" | "page-number" | "running" | "marker"
    text: str


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    raw: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for part in text.split("\n"):
        out.append(_Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _pages(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped by page (form feeds); the form-feed lines themselves belong to no page."""
    pages: list[list[_Line]] = [[]]
    for ln in lines:
        if "\f" in ln.raw and not ln.raw.replace("\f", "").strip():
            pages.append([])
            continue
        pages[-1].append(ln)
    return pages


def _edge_lines(page: list[_Line], depth: int = 2) -> tuple[list[_Line], list[_Line]]:
    body = [ln for ln in page if not ln.blank]
    return body[:depth], body[-depth:] if body else []


def _shape(s: str) -> str:
    """A header or footer line without the page number at its start or end."""
    s = re.sub(r"\s+", " ", s.strip())
    s = re.sub(r"^(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?\s+|\s+(?:[-–—]\s*)?\d{1,3}(?:\s*(?:[-–—]|/\s*\d{1,3}))?$", "", s)
    return s.lower()


def find_furniture(text: str) -> list[Furniture]:
    """Every piece of furniture in the text, in text order."""
    lines = _lines(text)
    found: dict[int, Furniture] = {}

    def add(ln: _Line, kind: str) -> None:
        if ln.start not in found:
            found[ln.start] = Furniture(ln.start, ln.end, kind, ln.raw)

    for ln in lines:
        if ln.blank:
            continue
        if _WEB_LINES.match(ln.raw):
            add(ln, "web")
        elif _SQUASHED_HEADER.match(ln.raw) or _SQUASHED_CELL.match(ln.raw):
            add(ln, "table")
        elif _PAGINA_VAN.match(ln.raw):
            add(ln, "page-number")

    pages = _pages(lines)
    if len(pages) > 1:
        # Running headers and footers: the same shape at a page edge on most pages.
        counts: dict[str, int] = {}
        for page in pages:
            top, bottom = _edge_lines(page)
            for shape in {_shape(ln.raw) for ln in top + bottom}:
                counts[shape] = counts.get(shape, 0) + 1
        need = max(2, (len(pages) + 1) // 2)
        running = {s for s, c in counts.items() if c >= need and len(s) > 3}
        for page in pages:
            top, bottom = _edge_lines(page)
            for ln in top + bottom:
                if _shape(ln.raw) in running:
                    add(ln, "running")
            for ln in (top[:1] + bottom[-1:]):
                if _PAGE_NUMBER.match(ln.raw):
                    add(ln, "page-number")

    furniture_starts = set(found)
    for off, num, line in _markers(text, lines, furniture_starts):
        found[off] = Furniture(off, off + len(str(num)), "marker", str(num))
        del line
    return sorted(found.values(), key=lambda f: f.start)


def _footnote_numbers(lines: list[_Line], skip: set[int]) -> dict[int, int]:
    """Footnote number -> raw offset of its footnote line: a line starting with the number after
    a blank line (or a page break), at the bottom of a page or of the text."""
    notes: dict[int, int] = {}
    pages = _pages(lines)
    for page in pages:
        body = [ln for ln in page if ln.start not in skip]
        # Walk up from the bottom of the page over the last block(s) of footnote-like lines.
        i = len(body) - 1
        while i >= 0 and body[i].blank:
            i -= 1
        block_end = i
        while i >= 0:
            j = i
            while j >= 0 and not body[j].blank:
                j -= 1
            block = body[j + 1 : block_end + 1]
            if not block or not _FOOTNOTE_START.match(block[0].raw):
                break
            for ln in block:
                m = _FOOTNOTE_START.match(ln.raw)
                if m:
                    notes.setdefault(int(m.group(1)), ln.start)
            i = j
            while i >= 0 and body[i].blank:
                i -= 1
            block_end = i
    return notes


def footnote_lines(text: str) -> set[int]:
    """Raw offsets of the lines that belong to footnotes (the first line of each and the lines that
    continue it), at the bottom of a page or of the text."""
    lines = _lines(text)
    skip = {f.start for f in find_furniture(text) if f.kind != "marker"}
    starts = set(_footnote_numbers(lines, skip).values())
    out: set[int] = set()
    inside = False
    for ln in lines:
        if ln.start in starts:
            inside = True
        elif ln.blank or "\f" in ln.raw or ln.start in skip:
            inside = False
        if inside:
            out.add(ln.start)
    return out


def _markers(text: str, lines: list[_Line], skip: set[int]):
    notes = _footnote_numbers(lines, skip)
    if not notes:
        return []
    footnote_lines = set()
    for ln in lines:
        m = _FOOTNOTE_START.match(ln.raw)
        if m and int(m.group(1)) in notes and notes[int(m.group(1))] == ln.start:
            footnote_lines.add(ln.start)
    out = []
    last = 0
    for ln in lines:
        if ln.blank or ln.start in skip or ln.start in footnote_lines:
            continue
        for m in _MARKER.finditer(ln.raw):
            num = int(m.group(1))
            off = ln.start + m.start(1)
            if num in notes and last < num <= last + 3 and off < notes[num]:
                out.append((off, num, ln))
                last = num
    return out


def mask_furniture(text: str, markers: bool = True) -> str:
    """The text with furniture blanked, of exactly the same length (see the module doc).

    With `markers=False` footnote markers stay (for text that must stay verbatim, such as a
    question quoted in a qa item); only furniture lines are blanked.
    """
    items = [f for f in find_furniture(text) if markers or f.kind != "marker"]
    if not items:
        return text
    chars = list(text)
    markers_by_line: dict[int, list[Furniture]] = {}
    lines = _lines(text)
    line_of = {}
    for ln in lines:
        line_of[ln.start] = ln
    starts = [ln.start for ln in lines]
    import bisect

    for f in items:
        if f.kind == "marker":
            idx = bisect.bisect_right(starts, f.start) - 1
            markers_by_line.setdefault(starts[idx], []).append(f)
            continue
        for k in range(f.start, f.end):
            if chars[k] not in "\n\f":
                chars[k] = " "
    for line_start, marks in markers_by_line.items():
        ln = line_of[line_start]
        raw = ln.raw
        for f in sorted(marks, key=lambda x: x.start, reverse=True):
            rel = f.start - ln.start
            raw = raw[:rel] + raw[rel + (f.end - f.start):]
        raw = raw + " " * (len(ln.raw) - len(raw))
        chars[ln.start : ln.end] = list(raw)
    out = "".join(chars)
    assert len(out) == len(text)
    return out


def clean_for_search(text: str) -> str:
    """Furniture removed and whitespace runs collapsed: the document's words as search sees them."""
    masked = mask_furniture(text).replace("\f", "\n")
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n\s*", "\n\n", masked)).strip()
