"""Split a source text into passages: paragraphs as a reader (and search) sees them.

Source texts are kept exactly as received (see docs/content-format.md): lines are wrapped, words
are hyphenated across lines, and page breaks leave furniture in the middle of the text. This
module recognises that layout and produces clean paragraphs, each with the page it starts on,
the section (latest heading) it stands under, and its character offsets in the raw text.

The rules, in the order they are applied:

Page breaks
    A page starts at a line that begins with a single space (the PDF text layer starts every
    page that way), and after a run of two or more blank lines (the OCR'd texts). Page 1 is the
    start of the text.

Footnotes
    A footnote block is a run of lines at the bottom of a page: after a blank line, before the
    next page break (or the end of the text), whose first line starts with a footnote number and
    a space or tab ("1 Kamerstukken 34 300 X ..."). A line that starts with the next number
    starts the next footnote; any other line continues the current one. At the end of the text
    (where no page break confirms the layout) a block only counts as footnotes when the text
    has a marker for its first number. Footnote lines never appear in passages; they are
    returned in `SplitResult.footnotes`.

Footnote markers
    A footnote number glued to the end of a word or punctuation ("stelt1.", "(CAVV).1 De", "?1",
    "20163." for 2016 + note 3) is dropped from passage text when a footnote with that number
    exists. Markers are taken in order (each one a little after the previous), so "CO2" after
    note 5 is left alone.

Paragraphs
    A blank line ends a paragraph. At a page break a paragraph continues (is one passage) when
    the text before the break does not end a sentence (., ?, !, :, ; or a closing quote after
    one), or when the next page starts with a lowercase letter; a short heading-like line before
    the break does not continue into the next page.

Line-wrap hyphens
    "wapenbe-" + "heersing" becomes "wapenbeheersing": a hyphen at a line end is dropped when
    the letter before it is lowercase and the next line starts with a lowercase letter, unless
    the same document writes the hyphenated word elsewhere on one line ("dual-use",
    "Toegepast-Natuurwetenschappelijk") and never the joined word. Otherwise the hyphen stays
    ("NAVO-" + "bondgenootschap" = "NAVO-bondgenootschap").

Headings
    Headings are passages of their own with `is_heading=True`, so no text is lost and passage
    numbers cover the whole text; every passage carries `section`, the text of the latest
    heading. A heading is:
    - a block starting "Aanbeveling N:" up to the line that closes its quoted recommendation;
    - the first line of a block when it is short, starts with a capital, has no final
      punctuation, and the next line starts with a capital ("Juridische expertsessie");
    - a block of at most two short lines without final punctuation, followed by a block that
      starts with a capital and ends a sentence ("Vraag 1", "Kunstmatige intelligentie").
    The block right after a "Vraag N" heading is the question, never a heading; an "Antwoord"
    heading after it gets the section "Antwoord vraag N".

Bullets
    A block line starting with a bullet glyph, or with the OCR readings "e " / "¢ " followed by
    a capital, starts a bullet passage (`is_bullet=True`); the glyph is not part of its text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Passage", "SplitResult", "split_passages", "split_source", "passage_at"]


@dataclass(frozen=True, slots=True)
class Passage:
    number: int  # 1-based, in text order
    text: str  # clean text: one line, wrap hyphens joined, markers and furniture removed
    page: int  # 1-based page the passage starts on
    section: str  # latest heading seen ("" before the first heading)
    start: int  # offset of the first character in the raw text
    end: int  # offset just past the last character in the raw text
    is_heading: bool = False
    is_bullet: bool = False
    notes: tuple[int, ...] = ()  # footnote numbers whose markers stand in this passage


@dataclass(frozen=True, slots=True)
class SplitResult:
    passages: tuple[Passage, ...]
    footnotes: dict[int, str] = field(default_factory=dict)  # number -> clean footnote text
    page_starts: tuple[int, ...] = (0,)  # raw offset where each page starts


# --- line model ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Line:
    start: int  # offset of the line's first char
    end: int  # offset past the last char (without the newline)
    raw: str
    blank: bool
    page_start: bool = False  # a page starts at this line
    footnote: bool = False

    @property
    def content_start(self) -> int:
        return self.start + (len(self.raw) - len(self.raw.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.raw.rstrip())

    @property
    def stripped(self) -> str:
        return self.raw.strip()


_FOOTNOTE_LINE = re.compile(r"^(\d{1,3})[ \t]+\S")
_SENTENCE_END = re.compile(r"""[.?!:;]["'”’»)\]]*$|[.?!]\s*["'”’»]$""")
_BULLET = re.compile(r"^(?:[•·▪◦‣*–-]|¢|e(?=\s+[A-Z0-9]))\s+(?=\S)")
_VRAAG = re.compile(r"^Vraag\s+(\d+)$")
_AANBEVELING = re.compile(r"^Aanbeveling\s+\d+\s*:")
_CLOSES_QUOTE = re.compile(r"""[”"’]\s*$""")
# Footnote marker candidates: digits glued to two letters or to closing punctuation, or the
# trailing digits of a year ("20163." = 2016 + note 3).
_MARKER = re.compile(
    r"(?:(?<=[^\W\d_]{2})|(?<=[.,;:?!”’»)\]\"])|(?<=\b(?:19|20)\d\d))(\d{1,3})(?=[\s.,;:)”’»\]]|$)"
)
_WRAP_WORD = re.compile(r"([^\W\d_]+)-$")
_NEXT_WORD = re.compile(r"^([^\W\d_]+)")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(body), body, not body.strip()))
        pos += len(raw)
    return out


def _mark_pages(lines: list[_Line]) -> None:
    seen_content = False
    blanks = 0
    for ln in lines:
        if ln.blank:
            blanks += 1
            continue
        if seen_content and (blanks >= 2 or (ln.raw.startswith(" ") and not ln.raw.startswith("  "))):
            ln.page_start = True
        seen_content = True
        blanks = 0


def _find_footnotes(lines: list[_Line], text: str) -> dict[int, str]:
    """Mark footnote lines; return footnote number -> text."""
    notes: dict[int, str] = {}
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        if ln.blank or ln.page_start or ln.footnote or not (m := _FOOTNOTE_LINE.match(ln.raw)):
            i += 1
            continue
        if i == 0 or not lines[i - 1].blank:
            i += 1
            continue
        # The block runs to the next page start, blank line or end of text.
        j = i
        while j + 1 < n and not lines[j + 1].blank and not lines[j + 1].page_start:
            j += 1
        after = j + 1
        at_page_break = after < n and lines[after].page_start
        at_end = all(x.blank for x in lines[after:])
        first = int(m.group(1))
        if not (at_page_break or at_end):
            i = j + 1
            continue
        if at_end and not at_page_break and not _has_marker(text[: ln.start], first):
            i = j + 1
            continue
        current = first
        parts: dict[int, list[str]] = {current: []}
        for k in range(i, j + 1):
            body = lines[k].stripped
            mk = _FOOTNOTE_LINE.match(lines[k].raw)
            if k > i and mk and int(mk.group(1)) == current + 1:
                current += 1
                parts[current] = []
            if k == i or (mk and current == int(mk.group(1)) and not parts[current]):
                body = body[len(mk.group(1)):].strip() if mk else body
            parts[current].append(body)
            lines[k].footnote = True
        for num, chunk in parts.items():
            notes[num] = _join_lines(chunk, {})
        i = j + 1
    return notes


def _has_marker(text: str, number: int) -> bool:
    return any(int(m.group(1)) == number for m in _MARKER.finditer(text))


def _marker_spans(text: str, lines: list[_Line], notes: dict[int, str]) -> dict[int, int]:
    """Raw offset -> footnote number, for markers in body text (in order, each a note)."""
    if not notes:
        return {}
    spans: dict[int, int] = {}
    last = 0
    numbers = sorted(notes)
    for ln in lines:
        if ln.blank or ln.footnote:
            continue
        for m in _MARKER.finditer(ln.raw):
            num = int(m.group(1))
            at = bisect_right(numbers, last)  # the first note after the last marker
            expected = numbers[at] if at < len(numbers) else None
            if expected is not None and num in notes and expected <= num <= expected + 2:
                spans[ln.start + m.start(1)] = num
                last = num
    return spans


# --- text assembly ---------------------------------------------------------------------------

def _join_lines(parts: list[str], keep_hyphen: dict[str, bool]) -> str:
    """Join wrapped lines into one line (see the module doc for the hyphen rule)."""
    pieces: list[str] = []  # lines, each already carrying the separator it needs
    for part in parts:
        part = part.replace("\u00a0", " ").strip()
        if not part:
            continue
        if not pieces:
            pieces.append(part)
            continue
        prev = pieces[-1]
        if not prev.endswith("-"):
            pieces.append(" " + part)
            continue
        last_word = prev.rsplit(" ", 1)[-1]
        wrap = _WRAP_WORD.search(last_word)
        nxt = _NEXT_WORD.match(part)
        if wrap and nxt and "/" not in last_word and part[0].islower() and wrap.group(1)[-1].islower():
            hyphenated = f"{wrap.group(1)}-{nxt.group(1)}".lower()
            if not keep_hyphen.get(hyphenated, False):
                pieces[-1] = prev[:-1]
            pieces.append(part)
        elif len(prev) > 1 and prev[-2].isalnum():
            pieces.append(part)
        else:
            pieces.append(" " + part)
    # str.split() and the regex's \s are the same whitespace (Unicode's); three times faster.
    return " ".join("".join(pieces).split())


# Tried from the start of a word only (the lookbehind): from every letter, the regex engine would
# read the rest of each word again (quadratic in word length; most of a large build's splitting).
_WRAP_PAIR = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[ \t\u00a0]*\r?\n\s*([^\W\d_]+)")


# The same pairs found from their line-end hyphens: the regex engine starts only where a hyphen
# ends a line and the word before is read backwards, so a text costs what its wraps cost.
_WRAP_AT = re.compile(r"-[ \t\u00a0]*\r?\n\s*([^\W\d_]+)")


def _letter(ch: str) -> bool:
    return ch.isalnum() and not ch.isdecimal() and ch != "_"  # the regex's [^\W\d_]


def _wrapped_pairs(lowered: str):
    """(first, second) of every word hyphenated at a line end, as `_WRAP_PAIR.finditer` finds
    them (left to right, a pair's second word never the first of the next)."""
    done = 0
    for m in _WRAP_AT.finditer(lowered):
        start = end = m.start()
        while start > done and _letter(lowered[start - 1]):
            start -= 1
        if start == end or (start == done and done and _letter(lowered[start - 1])):
            continue  # no word before the hyphen, or it is the previous pair's second word
        done = m.end()
        yield lowered[start:end], m.group(1)


def _hyphen_vocabulary(text: str) -> dict[str, bool]:
    """For each word hyphenated at a line end: keep its hyphen? Yes when the document writes the
    hyphenated form on one line somewhere and never the joined form (as substrings, lowercase)."""
    out: dict[str, bool] = {}
    lowered = text.lower()
    for first, second in _wrapped_pairs(lowered):
        key = f"{first}-{second}"
        if key not in out:
            out[key] = key in lowered and (first + second) not in lowered
    return out


def _ends_sentence(s: str) -> bool:
    return bool(_SENTENCE_END.search(s.replace("\u00a0", " ").rstrip()))


def _starts_upper(s: str) -> bool:
    s = s.lstrip(" \u00a0\"'“‘(")
    return bool(s) and s[0].isupper()


def _starts_lower(s: str) -> bool:
    s = s.lstrip()
    return bool(s) and s[0].islower()


def _heading_like(block: list[_Line]) -> bool:
    """A standalone heading candidate: one or two short lines without final punctuation."""
    if not 1 <= len(block) <= 2:
        return False
    joined = " ".join(ln.stripped for ln in block)
    if len(joined) > 120 or not _starts_upper(joined) or _BULLET.match(block[0].stripped):
        return False
    last = joined.rstrip()
    return not re.search(r"""[.?!:;,]["'”’»]*$""", last)


# --- the splitter ----------------------------------------------------------------------------

def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Group body lines into blocks: blank lines end a block; page breaks may continue one."""
    blocks: list[list[_Line]] = []
    cur: list[_Line] = []
    pending_blank = False
    for ln in lines:
        if ln.footnote:
            continue
        if ln.blank:
            pending_blank = True
            continue
        if not cur:
            cur = [ln]
            pending_blank = False
            continue
        prev = cur[-1].stripped
        body = ln.stripped
        bullet = bool(_BULLET.match(body))
        if ln.page_start:
            cont = not bullet and (
                _starts_lower(body)
                or (not _ends_sentence(prev) and not (_heading_like(cur) and _starts_upper(body)))
            )
            if cont and not (pending_blank and _ends_sentence(prev)):
                cur.append(ln)
            else:
                blocks.append(cur)
                cur = [ln]
        elif pending_blank or bullet:
            blocks.append(cur)
            cur = [ln]
        else:
            cur.append(ln)
        pending_blank = False
    if cur:
        blocks.append(cur)
    return blocks


def _split_heading(block: list[_Line], nxt: list[_Line] | None) -> int:
    """How many leading lines of the block form a heading (0 when none)."""
    first = block[0].stripped
    if _AANBEVELING.match(first):
        for k, ln in enumerate(block[:8]):
            if _CLOSES_QUOTE.search(ln.raw.replace("\u00a0", " ")):
                return k + 1
        return 0
    if len(block) >= 2:
        second = block[1].stripped
        if (
            _heading_like(block[:1])
            and second[:1].isupper()
            and not _BULLET.match(second)
            and (len(first) <= 50 or len(first) <= 0.85 * len(second))
        ):
            return 1
    if _heading_like(block) and nxt is not None:
        nxt_text = " ".join(ln.stripped for ln in nxt)
        if _starts_upper(nxt_text) or _BULLET.match(nxt[0].stripped):
            if _ends_sentence(nxt_text) or _heading_like(nxt) or len(nxt) > 2:
                return len(block)
    return 0


@lru_cache(maxsize=64)
def split_source(text: str) -> SplitResult:
    """Split a raw source text into passages, footnotes and pages (cached per text)."""
    lines = _lines(text)
    _mark_pages(lines)
    notes = _find_footnotes(lines, text)
    markers = _marker_spans(text, lines, notes)
    vocab = _hyphen_vocabulary(text)

    page_starts = [0] + [ln.start for ln in lines if ln.page_start]
    page_of: dict[int, int] = {}
    page = 1
    for ln in lines:
        if ln.page_start:
            page += 1
        page_of[id(ln)] = page

    def clean(ln: _Line, drop_bullet: bool) -> tuple[str, int, tuple[int, ...]]:
        raw = ln.raw
        nums: list[int] = []
        # Remove markers from the end so offsets stay valid.
        cut = sorted(((off - ln.start, num) for off, num in markers.items() if ln.start <= off < ln.end),
                     reverse=True) if markers else ()
        for rel, num in cut:
            raw = raw[:rel] + raw[rel + len(str(num)):]
            nums.append(num)
        start = ln.content_start
        if drop_bullet:
            body = raw.lstrip()
            m = _BULLET.match(body)
            if m:
                start += m.end()
                raw = body[m.end():]
        return raw, start, tuple(reversed(nums))

    passages: list[Passage] = []
    section = ""
    last_question: str | None = None
    blocks = _blocks(lines)

    def emit(chunk: list[_Line], heading: bool) -> None:
        nonlocal section, last_question
        bullet = not heading and bool(_BULLET.match(chunk[0].stripped))
        parts: list[str] = []
        nums: list[int] = []
        start = chunk[0].content_start
        for idx, ln in enumerate(chunk):
            body, s, ns = clean(ln, drop_bullet=bullet and idx == 0)
            if idx == 0:
                start = s
            parts.append(body)
            nums.extend(ns)
        body_text = _join_lines(parts, vocab)
        if not body_text:
            return
        if heading:
            q = _VRAAG.match(body_text)
            if q:
                last_question = q.group(1)
                section = body_text
            elif body_text == "Antwoord" and last_question:
                section = f"Antwoord vraag {last_question}"
            else:
                section = body_text
                last_question = None
        passages.append(
            Passage(
                number=len(passages) + 1,
                text=body_text,
                page=page_of[id(chunk[0])],
                section=section,
                start=start,
                end=chunk[-1].content_end,
                is_heading=heading,
                is_bullet=bullet,
                notes=tuple(nums),
            )
        )

    after_question = False
    for bi, block in enumerate(blocks):
        nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
        # The block after a "Vraag N" heading is the question, never a heading.
        h = 0 if after_question else _split_heading(block, nxt)
        after_question = h == len(block) and bool(_VRAAG.match(" ".join(ln.stripped for ln in block)))
        if h:
            emit(block[:h], heading=True)
        if block[h:]:
            emit(block[h:], heading=False)
    return SplitResult(tuple(passages), notes, tuple(page_starts))


def split_passages(text: str) -> list[Passage]:
    """The passages of a raw source text, in order (see the module doc for the rules)."""
    return list(split_source(text).passages)


def passage_at(passages: list[Passage] | tuple[Passage, ...], offset: int) -> Passage | None:
    """The passage that contains (or, between passages, precedes) a raw text offset."""
    found = None
    for p in passages:
        if p.start <= offset:
            found = p
        else:
            break
    return found


def passage_input(source, text: str) -> str:
    """The text a source's passages are split from, everywhere passages are numbered.

    A source added by `briefing import` (it carries `detected` metadata) may hold web or PDF
    furniture: running headers and footers, page numbers, "Naar boven" lines, footnote markers.
    That is blanked, keeping every offset (`importer.clean.mask_furniture`), so search and
    previews see the document's own text while the stored text stays as received. Sources
    written by hand are split as they are, so their passage numbers never change.
    """
    if getattr(source, "detected", None):
        from briefing_tui.importer.clean import mask_furniture

        return mask_furniture(text)
    return text
