"""Verbatim quote verification.

A quote must stand in its source's text. Only layout is normalised: runs of whitespace and line
breaks count as one space, and a hyphen at a line end may be a line-wrap hyphen ("wapenbe-" +
"heersing" = "wapenbeheersing") or a real one ("toegepast-" + "natuurwetenschappelijk"). Footnote
markers stuck to a word ("stelt1.") may be left out of a quote. OCR noise is never corrected:
the quote must keep the source's spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")
# A hyphen at the end of a line, followed by the next line's first word.
_WRAP_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
# A footnote marker: one or two digits stuck to the end of a word (letters or closing
# punctuation), before a space, punctuation or line end: "stelt1." "20163." "verbieden4."
# Only digits glued to letters count, so "2021" or "nr. 43" are never touched.
_FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_]{2})(\d{1,2})(?=[\s.,;:)»”’]|$)")


def _fold_quotes(text: str) -> str:
    """Typographic quotes and dashes are layout, not wording."""
    return (
        text.replace("\u2018", "'").replace("\u2019", "'")
        .replace("\u201c", '"').replace("\u201d", '"')
        .replace("\u00ab", '"').replace("\u00bb", '"')
        .replace("\u2013", "-").replace("\u2014", "-")
        .replace("\u00a0", " ")
    )


def normalise_quote(text: str) -> str:
    """Normalise a quote the way source text is normalised for matching."""
    return _WS.sub(" ", _fold_quotes(text)).strip()


@dataclass(frozen=True)
class QuoteIndex:
    """The variants of one source text that a quote may match.

    Built once per source; `contains` is then a few substring searches.
    """

    variants: tuple[str, ...]

    @classmethod
    def for_text(cls, text: str) -> "QuoteIndex":
        folded = _fold_quotes(text)
        joined = _WS.sub(" ", _WRAP_HYPHEN.sub("", folded))
        kept = _WS.sub(" ", _WRAP_HYPHEN.sub("-", folded))
        variants = [joined, kept]
        for v in (joined, kept):
            variants.append(_FOOTNOTE_MARKER.sub("", v))
        # Dedupe, keep order.
        return cls(tuple(dict.fromkeys(variants)))

    def contains(self, quote: str) -> bool:
        q = normalise_quote(quote)
        if not q:
            return False
        return any(q in v for v in self.variants)

    def locate(self, quote: str) -> int | None:
        """Offset of the quote in the first (hyphen-joined) variant, or None."""
        q = normalise_quote(quote)
        if not q:
            return None
        for v in self.variants:
            at = v.find(q)
            if at >= 0:
                return at
        return None


def quote_in_text(quote: str, text: str) -> bool:
    return QuoteIndex.for_text(text).contains(quote)


def longest_matching_prefix(index: QuoteIndex, quote: str) -> str:
    """The longest leading part of the quote (in whole words) that the index contains."""
    words = normalise_quote(quote).split(" ")
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if index.contains(" ".join(words[:mid])):
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])
