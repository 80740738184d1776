"""The sentences of a source, each with where a reader finds it.

A source is split into passages by `passages.split_source` (wrap hyphens joined, footnote
markers and page furniture left out, paragraphs joined across pages), and each passage that is
not a heading into sentences. A sentence ends at `.`, `?` or `!` (a closing quote or bracket
may follow) before a space and a capital, digit or opening quote, except after the Dutch
abbreviations of `ABBREVIATIONS` ("nr.", "jl.", "o.a.", "t.a.v.") and initials ("S.A. Blok").

The locator is the one editors write: the section the passage stands under and its page
("Aanbeveling 2, p. 3", "Antwoord vraag 3, p. 2"), or the page alone before the first heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.passages import passage_input, split_source

__all__ = ["Sentence", "ABBREVIATIONS", "split_sentences", "source_sentences"]

ABBREVIATIONS = frozenset(
    """nr nrs jl a.s o.a bijv bv t.a.v d.w.z m.b.t i.c.m i.v.m e.d resp art blz p pp zgn incl ca
    dhr mevr drs dr mr prof ir ing vs etc mln mld vgl z.s.m c.q e.a m.n i.p.v t.o.v""".split()
)
_END = re.compile(r"""[.?!][”"'’»)\]]*(?=\s+[“"'‘«(]?[A-Z0-9À-Ý])""")
_SECTION_MAX = 80  # a longer heading is cut at a word boundary in a locator


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # clean text, one line: what a quote would hold
    passage: int  # the passage number (1-based)
    index: int  # 0-based position of the sentence in its passage
    page: int
    section: str  # the heading the passage stands under ("" before the first)
    locator: str
    context: str  # the passage's other sentences, for suggestions (not quoted)


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots that ends at `end` ("nr", "t.a.v", "S.A"): read
    backwards from there (a regex anchored at `end` would try every offset before it)."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return text[start:end]


def split_sentences(text: str) -> list[str]:
    """The sentences of one clean passage text."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            word = _word_before(text, m.start()).lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", word):
                continue
        piece = text[start:m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def _locator(section: str, page: int) -> str:
    section = " ".join(section.split()).rstrip(":")
    if len(section) > _SECTION_MAX:
        section = section[:_SECTION_MAX].rsplit(" ", 1)[0] + " …"
    return f"{section}, p. {page}" if section else f"p. {page}"


def source_sentences(source, text: str) -> list[Sentence]:
    """Every sentence of a source's text (headings left out), in text order."""
    split = split_source(passage_input(source, text))
    out: list[Sentence] = []
    for p in split.passages:
        if p.is_heading:
            continue
        parts = split_sentences(p.text)
        section = p.section
        # "Aanbeveling 2: “Streef actief ...”" headings: the locator names the recommendation.
        m = re.match(r"^(Aanbeveling\s+\d+)\s*:", section)
        if m:
            section = m.group(1)
        loc = _locator(section, p.page)
        for i, s in enumerate(parts):
            context = " ".join(parts[:i] + parts[i + 1:])
            out.append(Sentence(s, p.number, i, p.page, p.section, loc, context))
    return out
