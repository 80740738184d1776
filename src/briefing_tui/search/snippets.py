"""Snippets: the stretch of a record's text with the most matched words, words marked.

Matching is decided on the folded text (`textnorm.index_text`, the caller's), which has the
same length as the display text, so the marks land on the words as the source writes them
("technologieén", "Al").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Spans = list[tuple[str, bool]]
WIDTH = 240  # characters of text in a snippet (before the ellipses)


def window(display: str, folded: str, hits: list[tuple[int, int]], width: int = WIDTH) -> Spans:
    """The snippet of `display` (folded: `folded`) around its matched words `hits`: the stretch
    of whole words no wider than `width` characters with the most matched words, the earliest
    of equals, started at its sentence when that begins close before it."""
    if len(display) <= width:
        return _pieces(display, 0, len(display), hits)
    first = _WORD_START.search(folded)
    if first is None:
        return _pieces(display, 0, len(display), hits)
    # The number of matched words changes only where one enters on the right: the best window
    # starts at the first word, or at the first word start from which a matched word fits.
    starts = [h[0] for h in hits]
    ends = [h[1] for h in hits]
    best_s, best_n = first.start(), -1
    candidates = [best_s]
    for _, e in hits:
        m = _WORD_START.search(folded, max(e - width, 0))
        if m is not None:
            candidates.append(m.start())
    for s in candidates:
        n = bisect_right(ends, s + width) - bisect_left(starts, s)
        if n > best_n or (n == best_n and s < best_s):
            best_s, best_n = s, n
    return framed(display, best_s, _window_end(folded, best_s, width), hits)


def framed(display: str, start: int, end: int, hits: list[tuple[int, int]]) -> Spans:
    """The pieces of `display[start:end]`, begun at its sentence when that starts close before,
    with a closing punctuation mark, and ellipses where text is left out."""
    # Start at the sentence start when it is close, so the snippet reads well.
    sentence = max(display.rfind(". ", 0, start), display.rfind("? ", 0, start))
    if sentence >= 0 and start - sentence <= 40:
        start = sentence + 2
    if end < len(display) and display[end:end + 1] in ".,;:)?!":
        end += 1
    pieces = _pieces(display, start, end, hits)
    if start > 0:
        pieces.insert(0, ("… ", False))
    if end < len(display):
        pieces.append((" …", False))
    return _merge(pieces)


_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def _window_end(folded: str, start: int, width: int) -> int:
    """The end of the last whole word that ends within `width` characters of `start` (a word
    at `start`, its first, when even that one is wider)."""
    limit = start + width
    n = len(folded)
    if limit >= n:
        end = n
    else:
        end = limit
        if folded[end].isalnum():  # a word runs across the limit: stop before it
            while end > start and folded[end - 1].isalnum():
                end -= 1
    while end > start and not folded[end - 1].isalnum():
        end -= 1
    if end <= start:  # the first word alone is wider
        end = start
        while end < n and folded[end].isalnum():
            end += 1
    return end


def _pieces(display: str, start: int, end: int, hits: list[tuple[int, int]]) -> Spans:
    out: Spans = []
    pos = start
    for s, e in hits:
        if e <= start or s >= end:
            continue
        if s > pos:
            out.append((display[pos:s], False))
        out.append((display[s:e], True))
        pos = e
    if pos < end:
        out.append((display[pos:end], False))
    return _merge(out)


def _merge(spans: Spans) -> Spans:
    out: Spans = []
    for text, matched in spans:
        if not text:
            continue
        if out and out[-1][1] == matched and not matched:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, matched))
    return out


def render(spans: Spans) -> str:
    """Plain text with matched words marked **like this**."""
    return "".join(f"**{t}**" if m else t for t, m in spans)
