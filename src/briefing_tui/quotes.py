"""Verbatim quote verification.

A quote must stand in its source's text. Only layout is normalised: runs of whitespace and line
breaks count as one space, and a hyphen at a line end may be a line-wrap hyphen ("wapenbe-" +
"heersing" = "wapenbeheersing") or a real one ("toegepast-" + "natuurwetenschappelijk"). Footnote
markers stuck to a word ("stelt1.") may be left out of a quote. OCR noise is never corrected:
the quote must keep the source's spelling.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, NamedTuple, Sequence

_WS = re.compile(r"\s+")
# A hyphen at the end of a line, followed by the next line's first word.
_WRAP_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
# A footnote marker: one or two digits stuck to the end of a word (letters or closing
# punctuation), before a space, punctuation or line end: "stelt1." "20163." "verbieden4."
# Only digits glued to letters count, so "2021" or "nr. 43" are never touched.
# Written from its first digit (the lookbehind then also checks that digit): the regex engine
# skips to the digits of a text instead of trying the letters before every position (6x faster).
_FOOTNOTE_MARKER = re.compile(r"\d(?<=[^\W\d_]{2}\d)\d?(?=[\s.,;:)»”’]|$)")


def _fold_quotes(text: str) -> str:
    """Typographic quotes and dashes are layout, not wording."""
    return (
        text.replace("\u2018", "'").replace("\u2019", "'")
        .replace("\u201c", '"').replace("\u201d", '"')
        .replace("\u00ab", '"').replace("\u00bb", '"')
        .replace("\u2013", "-").replace("\u2014", "-")
        .replace("\u00a0", " ")
    )


# "(…)" at the start or end of a quote marks where it was cut from a longer sentence; it is not
# part of the source's wording, so matching leaves it out.
ELLIPSIS = "(…)"
_CUT_MARK = re.compile(r"^\((?:…|\.\.\.)\)\s*|\s*\((?:…|\.\.\.)\)$")


def strip_cut_marks(text: str) -> str:
    """'(…) roept Nederland staten op (…)' -> 'roept Nederland staten op'."""
    text = text.strip()
    if not (text.startswith("(") or text.endswith(")")):
        return text  # no cut mark: spared the pattern, which would look for one at every ")"
    return _CUT_MARK.sub("", text)


def normalise_quote(text: str) -> str:
    """Normalise a quote the way source text is normalised for matching (without cut marks)."""
    folded = _fold_quotes(text)
    # Printable, without two spaces in a row: every whitespace character is one plain space
    # already (any other is not printable), so there is no run to join (checked in C).
    if not (folded.isprintable() and "  " not in folded):
        folded = _WS.sub(" ", folded)
    return strip_cut_marks(folded)


@dataclass(frozen=True)
class QuoteIndex:
    """The variants of one source text that a quote may match.

    Built once per source; `contains` is then a few substring searches.
    """

    variants: tuple[str, ...]

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of every variant (the text between two spaces): a quote whose `probe` is
        not among them is in no variant."""
        return frozenset(w for v in self.variants for w in v.split(" "))

    @cached_property
    def runs(self) -> frozenset[str]:
        """Every `RUN_WORDS` words that follow each other in a variant, joined by a space: a quote
        whose run (`probe_and_run`) is not among them is in no variant."""
        out: set[str] = set()
        for v in self.variants:
            ws = v.split(" ")
            out.update(map(" ".join, zip(*(ws[i:] for i in range(RUN_WORDS)))))
        return frozenset(out)

    @classmethod
    def for_text(cls, text: str) -> "QuoteIndex":
        folded = _fold_quotes(text)
        if "\n" in folded:  # a wrap hyphen ends a line: joined and kept differ only then
            joined = _WS.sub(" ", _WRAP_HYPHEN.sub("", folded))
            kept = _WS.sub(" ", _WRAP_HYPHEN.sub("-", folded))
        elif folded.isprintable() and "  " not in folded:  # one plain space between words already
            joined = kept = folded
        else:
            joined = kept = _WS.sub(" ", folded)
        variants = [joined, kept, _FOOTNOTE_MARKER.sub("", joined)]
        variants.append(_FOOTNOTE_MARKER.sub("", kept) if kept is not joined else variants[2])
        # Dedupe, keep order.
        return cls(tuple(dict.fromkeys(variants)))

    def contains(self, quote: str) -> bool:
        return self.has(normalise_quote(quote))

    def has(self, normalised: str) -> bool:
        """`contains` for a quote already normalised (`normalise_quote`)."""
        if normalised:
            for v in self.variants:  # a loop, not any(): called for every quote a hit may repeat
                if normalised in v:
                    return True
        return False

    def span(self, quote: str) -> tuple[str, int, int] | None:
        """(variant, start, end) of the quote in the first variant that holds it, or None."""
        q = normalise_quote(quote)
        if not q:
            return None
        for v in self.variants:
            at = v.find(q)
            if at >= 0:
                return v, at, at + len(q)
        return None


def source_quote_index(text: str) -> QuoteIndex:
    """The variants a quote may match in a source: the raw text's, and the passage texts'
    (page furniture, footnote lines and markers removed, paragraphs joined across pages)."""
    return _both(text, _passage_quote_index(text))


def _passage_quote_index(text: str) -> QuoteIndex:
    from briefing_tui.passages import split_source

    return QuoteIndex.for_text(" ".join(p.text for p in split_source(text).passages))


def _both(text: str, passages: QuoteIndex) -> QuoteIndex:
    return QuoteIndex(tuple(dict.fromkeys(QuoteIndex.for_text(text).variants + passages.variants)))


class SourceQuotes:
    """`source_quote_index(text).contains` for many quotes taken from the source's passages (the
    sentences `briefing propose` checks): the same answers, the passage texts' variants looked
    in first and the raw text's made only when a quote is not found there."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._passages: QuoteIndex | None = None
        self._all: QuoteIndex | None = None

    def contains(self, quote: str) -> bool:
        if self._passages is None:
            self._passages = _passage_quote_index(self.text)
        if self._passages.contains(quote):
            return True
        if self._all is None:
            self._all = _both(self.text, self._passages)
        return self._all.contains(quote)


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


# A sentence of a quote shorter than this many words is not looked for on its own: "Dat klopt."
# may stand anywhere. The whole quote is always looked for, whatever its length.
MIN_PART_WORDS = 6
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)")


def quote_parts(quote: str) -> tuple[str, ...]:
    """The quote and each of its sentences of at least `MIN_PART_WORDS` words (normalised)."""
    q = normalise_quote(quote)
    if not q:
        return ()
    # A normalised text's only whitespace is one space between words: a sentence ends where one
    # of `_SENTENCE_END`'s marks stands before a space (looked for in C, spared the pattern).
    if not (". " in q or "; " in q or ": " in q or "! " in q or "? " in q):
        return (q,)
    # Its words are its spaces and one more.
    parts = [q] + [s for s in _SENTENCE_END.split(q) if s.count(" ") + 1 >= MIN_PART_WORDS]
    return tuple(dict.fromkeys(parts))


def holds_quote(index: QuoteIndex, quote: str, text: str | None = None) -> bool:
    """Whether a text (given as its `QuoteIndex`) carries a quote: the whole quote, one of its
    sentences (`quote_parts`), or, when `text` is given, the text itself stands inside the
    quote (a fragment of at least `MIN_PART_WORDS` words). Matching as `briefing check` does."""
    return HeldQuote(quote).held_by(index, HeldQuote.text_key(text))


def _again(normalised: str) -> str:
    """`normalise_quote` of a text it has normalised already (as `contains` does once more): only
    a cut mark left at either end can still change ("(…) (…) tekst"), which `strip_cut_marks`
    looks for only there."""
    return strip_cut_marks(normalised)


# A run of this many inner words of a quote's part stands whole in any text that holds the part
# (`probe_and_run`); quotes are looked up by it when a source has `RUNS_FROM` superseded quotes or more.
RUN_WORDS = 3
RUNS_FROM = 64


def probe(normalised: str) -> str | None:
    """The longest word inside a normalised text, not its first or last (those may stand cut
    inside a longer text): any text that holds this one has that word between two spaces
    (`QuoteIndex.words`). None when the text has no inner word."""
    return probe_and_run(normalised)[0]


def probe_and_run(normalised: str) -> tuple[str | None, str | None]:
    """The text's `probe`, and its run: the first `RUN_WORDS` words inside it, not its first or
    last word, joined by a space: any text that holds this one has them one after the other
    (`QuoteIndex.runs`). None when the text has fewer inner words. One cut into words for both."""
    inner = normalised.split(" ")[1:-1]
    return (max(inner, key=len) if inner else None,
            " ".join(inner[:RUN_WORDS]) if len(inner) >= RUN_WORDS else None)


class TextKey(NamedTuple):
    """What `HeldQuote.held_by` needs of a text long enough to stand inside a quote."""

    text: str  # normalised
    probe: str | None


class HeldQuote:
    """A quote prepared for `holds_quote` against many texts (the superseded statements a list
    of hits may repeat): its parts normalised once, each with its `probe` (a word a text must
    have to hold it, looked up before the text is searched), its own index made when first
    needed."""

    __slots__ = ("quote", "parts", "probes", "runs", "_index")

    def __init__(self, quote: str) -> None:
        self.quote = quote
        self.parts = tuple(_again(part) for part in quote_parts(quote))
        keys = [probe_and_run(part) for part in self.parts]
        self.probes = tuple(p for p, _ in keys)
        self.runs = tuple(r for _, r in keys)  # `HeldQuotes` looks quotes up by these from RUNS_FROM on
        self._index: QuoteIndex | None = None

    @staticmethod
    def text_key(text: str | None) -> TextKey | None:
        """What `held_by` needs of the text: None, or the text normalised when it is long
        enough to stand inside a quote."""
        if text is None:
            return None
        t = normalise_quote(text)
        if len(t.split(" ")) < MIN_PART_WORDS:
            return None
        t = _again(t)
        return TextKey(t, probe(t))

    def held_by(self, index: QuoteIndex, text_key: TextKey | None) -> bool:
        words = index.words
        for part, p in zip(self.parts, self.probes):
            if (p is None or p in words) and index.has(part):
                return True
        # The quote's variants are never longer than the quote: a longer text cannot stand in it.
        if text_key is not None and len(text_key.text) <= len(self.quote):
            if self._index is None:
                self._index = QuoteIndex.for_text(self.quote)
            return (text_key.probe is None or text_key.probe in self._index.words) and self._index.has(text_key.text)
        return False


def _part_runs(quotes: Sequence[str]) -> list[list[str] | None]:
    """Per quote, the `run` of each of its parts (`HeldQuote`: `quote_parts`, each part as
    `_again` leaves it), the same strings `probe_and_run` gives, without preparing the quote;
    None for a quote with a part too short for a run (fewer than `RUN_WORDS` inner words), which
    is then prepared whole."""
    out: list[list[str] | None] = []
    for quote in quotes:
        runs: list[str] = []
        for part in quote_parts(quote):
            words = _again(part).split(" ", RUN_WORDS + 1)
            if len(words) < RUN_WORDS + 2:  # first, RUN_WORDS inner words, and a last one
                out.append(None)
                break
            runs.append(" ".join(words[1:RUN_WORDS + 1]))
        else:
            out.append(runs)
    return out


class HeldQuotes:
    """Quotes prepared to find which of them a text holds, fast when they are many (the
    superseded statements of one source, against each hit of a page): a text is compared only
    with the quotes one of whose parts has its `probe` among the text's words, the quotes with a
    part too short for a probe, and, for a text that may stand inside a quote, the quotes at
    least as long as it. The others cannot be held (`HeldQuote.held_by`), so the answer is that
    of comparing them all. From `RUNS_FROM` quotes on, a part with enough inner words is looked
    up by its `run` of words instead of one word (a source of a large dossier may hold hundreds
    of superseded quotes, most of whose longest words a passage of it has too). Then only the
    runs are worked out for every quote (`_part_runs`); a quote is prepared (`HeldQuote`) when a
    text is first compared with it: a page of hits from 48 sources at a million statements met
    30,306 quotes, of which it prepared 1,393."""

    def __init__(self, quotes: Iterable[tuple[str, str]]) -> None:
        given = [(key, quote) for key, quote in quotes if quote]
        # Tuples, and only the prepared quotes by position: an engine keeps up to `CARRIED_KEPT`
        # quotes, and lists (one per run) would be visited again by every full collection of the
        # garbage collector, which stops tracking a tuple of strings or numbers. At a million
        # statements the full collections in the middle of a search took up to 41-53 ms with the
        # lists, 18 ms without them (`benchmarks/bench_long.py`, measured by `gc.callbacks`).
        self.items = tuple(key for key, _ in given)
        self._quotes = tuple(quote for _, quote in given)
        self._held: dict[int, HeldQuote] = {}
        by_probe: dict[str, list[int]] = {}
        by_run: dict[str, list[int]] = {}
        always: list[int] = []
        runs = len(given) >= RUNS_FROM
        part_runs = _part_runs(self._quotes) if runs else [None] * len(given)
        for n, quote in enumerate(self._quotes):
            found = part_runs[n]
            if found is not None:
                for r in found if len(found) < 2 else dict.fromkeys(found):
                    by_run.setdefault(r, []).append(n)
                continue
            held = self._held[n] = HeldQuote(quote)
            keys = [(True, r) if runs and r is not None else (False, p) for r, p in zip(held.runs, held.probes)]
            if any(k is None for _, k in keys):
                always.append(n)
                continue
            for is_run, k in dict.fromkeys(keys):
                (by_run if is_run else by_probe).setdefault(k, []).append(n)  # type: ignore[arg-type]
        self._by_probe = {k: tuple(ns) for k, ns in by_probe.items()}
        self._by_run = {k: tuple(ns) for k, ns in by_run.items()}
        self._always = tuple(always)
        by_length = sorted((len(quote), n) for n, quote in enumerate(self._quotes))
        self._lengths = tuple(length for length, _ in by_length)
        self._by_length = tuple(n for _, n in by_length)

    def __len__(self) -> int:
        return len(self.items)

    def _prepared(self, n: int) -> HeldQuote:
        held = self._held.get(n)
        if held is None:
            held = self._held[n] = HeldQuote(self._quotes[n])
        return held

    def held_by(self, index: QuoteIndex, text_key: TextKey | None) -> list[str]:
        """The keys of the quotes the text holds (`index`, `text_key`: see `HeldQuote`), in the
        order they were given."""
        if not self.items:
            return []
        pick = set(self._always)
        for word in index.words.intersection(self._by_probe):
            pick.update(self._by_probe[word])
        if self._by_run:
            for words in index.runs.intersection(self._by_run):
                pick.update(self._by_run[words])
        if text_key is not None:
            pick.update(self._by_length[bisect_left(self._lengths, len(text_key.text)):])
        return [self.items[n] for n in sorted(pick) if self._prepared(n).held_by(index, text_key)]


_SENTENCE_CLOSE = ".!?:;"
_CLOSERS = "\"')]»”’"


def cut_ends(quote: str) -> tuple[bool, bool]:
    """Whether a quote (already found verbatim in its source) starts and ends mid-sentence without
    saying so with "(…)": (cut at the start, cut at the end). A quote starts a sentence when its
    first letter is a capital (or it starts with a digit or quote mark) and ends one when it ends
    with . ! ? : ; (before closing quotes or brackets)."""
    text = quote.strip()
    if not text:
        return False, False
    marked_start = text.startswith(("(…)", "(...)"))
    marked_end = text.endswith(("(…)", "(...)"))
    core = strip_cut_marks(text)
    first = next((ch for ch in core if ch.isalnum()), "")
    cut_start = bool(first) and first.islower()
    tail = core.rstrip(_CLOSERS)
    cut_end = not tail or tail[-1] not in _SENTENCE_CLOSE
    return cut_start and not marked_start, cut_end and not marked_end
