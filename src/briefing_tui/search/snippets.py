"""Snippets: the stretch of a record's text with the most matched words, words marked.

Matching is decided on the folded text (`textnorm.index_text`), which has the same length as
the display text, so the marks land on the words as the source writes them ("technologieén",
"Al").
"""

from __future__ import annotations

from typing import Callable

from briefing_tui.textnorm import index_text, word_spans

Spans = list[tuple[str, bool]]
WIDTH = 240  # characters of text in a snippet (before the ellipses)


def best_window(display: str, match: Callable[[str], list[tuple[int, int]]], width: int = WIDTH) -> tuple[Spans, int]:
    """(spans, number of matched words): pieces of `display` flagged matched or not.

    `match` gets the folded text and returns the (start, end) of the matched words, in order."""
    if not display:
        return [], 0
    folded = index_text(display)
    hits = match(folded)
    spans = word_spans(folded) if len(display) > width else []
    if not spans:
        return _pieces(display, 0, len(display), hits), len(hits)
    # The window of words no wider than `width` with the most matched words (first wins).
    hit_set = set(hits)
    flags = [span in hit_set for span in spans]
    best_a, best_b, best_n = 0, 0, -1
    b = 0
    count = 0
    for a in range(len(spans)):
        if b < a:
            b, count = a, 0
        while b < len(spans) and spans[b][1] - spans[a][0] <= width:
            count += flags[b]
            b += 1
        if count > best_n:
            best_a, best_b, best_n = a, b, count
        count -= flags[a]
    if best_b <= best_a:
        best_b = best_a + 1
    # Start at the sentence start when it is close, so the snippet reads well.
    start = spans[best_a][0]
    sentence = max(display.rfind(". ", 0, start), display.rfind("? ", 0, start))
    if sentence >= 0 and start - sentence <= 40:
        start = sentence + 2
    end = spans[best_b - 1][1]
    if end < len(display) and display[end:end + 1] in ".,;:)?!":
        end += 1
    pieces = _pieces(display, start, end, hits)
    if start > 0:
        pieces.insert(0, ("… ", False))
    if end < len(display):
        pieces.append((" …", False))
    return _merge(pieces), len(hits)


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
