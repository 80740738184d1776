"""Where a word stands as a later part of the index's words ("wapens" in "kernwapens"), for
`query.Vocabulary.compounds`.

The vocabulary is one text, a word a line (`wordcounts.SortedWords.text`: 8 MB at 27,500
sources). Every occurrence of the part at least `MIN_LEFT` letters into a word is kept as (minus
the word's document count, where the word's line starts, where the part stands), the most
frequent words first. Whether the left part may be a compound's first part (`left_ok`: not a
verb prefix, a word of the index, ...) and what may follow the part are judged when the
compounds are asked for (`LaterParts.compounds`), which want the most frequent few
(`query.MAX_COMPOUNDS`) and so judge a few left parts only.

Speed: reading the whole text costs 3-8 ms whatever the part, and a common part ("wape") stands
in ten thousand words. A word typed letter by letter asks for "wape", "wapen", "wapens": the
occurrences of a part are among those of any part it begins with, so a part whose beginning was
asked recently is found in that one's occurrences instead of the text (`KEPT`); a word and its
stems ("exportcontrole", "exportcontrol", "exportcontrool") are read together, as their common
beginning or the shortest first (`prepare`). The first occurrences are found with `str.find`,
which skips through the text whatever the part's first letter; after `FIND_FIRST` of them a
pattern that starts with the part itself reads on (the lookbehind rules out a part in a word's
first letters, judged in C). A word's count is found by counting the lines from its block's
first word (`wordcounts.SortedWords.block_at`), not from the text's start: a rare part costs
one quick pass over the text (3 ms at 27,500 sources, against 7-15 ms before: a `briefing
search` for one such word read it six times).

The simple path, the text read with `str.find` one occurrence after another and every word
judged, is the reference a test holds this one to.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import OrderedDict
from typing import Callable

from briefing_tui.search.wordcounts import WordCounts

__all__ = ["KEPT", "LaterParts"]

KEPT = 100_000  # occurrences kept for the parts asked last (about 10 MB)
MIN_LEFT = 3  # letters before a later part at least
MIN_COMMON = 4  # letters of a common beginning read for several parts at least (`prepare`)
FIND_FIRST = 100  # occurrences of a part found by `str.find` before the regex reads on (`_positions`)
LEFTS_KEPT = 50_000  # left parts judged, kept (cleared past this: a few MB)

Occurrence = tuple[int, int, int]  # (minus the word's document count, where its line starts, where the part stands)


class LaterParts:
    """The occurrences of parts in one vocabulary's words (see the module doc), and the left
    parts judged (`left_ok`, each once)."""

    def __init__(self, counts: WordCounts, judge: Callable[[str], bool]) -> None:
        self._counts = counts
        self._text = counts.words.text
        self._judge = judge
        self._lefts: dict[str, bool] = {}
        self._kept: OrderedDict[str, list[Occurrence]] = OrderedDict()
        self._n_kept = 0

    def compounds(self, part: str, limit: int, right_ok: Callable[[str], bool] | None = None) -> list[str]:
        """The `limit` most frequent words (then in word order) with `part` at least `MIN_LEFT`
        letters in, after a left part that is `left_ok` and before a right part that is
        `right_ok` (anything when None)."""
        text = self._text
        n = len(part)
        out: list[str] = []
        last = -1  # the line of the word found last (a word's occurrences stand together)
        for _, start, pos in self.of(part):
            if start == last:
                continue
            end = text.find("\n", pos + n)
            if end < 0:
                end = len(text)
            if (right_ok is None or right_ok(text[pos + n:end])) and self.left_ok(text[start:pos]):
                out.append(text[start:end])
                last = start
                if len(out) == limit:
                    break
        return out

    def of(self, part: str) -> list[Occurrence]:
        """Every occurrence of `part` at least `MIN_LEFT` letters into a word, sorted: the most
        frequent words first, then in word order, then by where the part stands."""
        got = self._kept.get(part)
        if got is not None:
            self._kept.move_to_end(part)
            return got
        for k in range(len(part) - 1, 0, -1):
            begun = self._kept.get(part[:k])
            if begun is not None:
                text = self._text
                got = [o for o in begun if text.startswith(part, o[2])]
                break
        else:
            got = self._read(part)
        self._keep(part, got)
        return got

    def prepare(self, parts: list[str]) -> None:
        """Read the occurrences of `parts` (a word and its stems, asked next) so that each is
        found among another's where it can: the shortest first ("wapen" before "wapens"), after
        their common beginning when it is nearly as long as the shortest ("exportcontro" for
        "exportcontrole", "exportcontrol" and "exportcontrool"): one read of the text instead of
        one for each."""
        todo = sorted({p for p in parts if p and p not in self._kept}, key=len)
        if len(todo) > 1:
            common = os.path.commonprefix(todo)
            if len(common) >= max(MIN_COMMON, len(todo[0]) - 2) and common not in self._kept:
                self.of(common)
        for part in todo:
            self.of(part)

    def left_ok(self, left: str) -> bool:
        """`judge(left)`, asked once per left part."""
        ok = self._lefts.get(left)
        if ok is None:
            if len(self._lefts) > LEFTS_KEPT:
                self._lefts.clear()
            ok = self._lefts[left] = self._judge(left)
        return ok

    def _keep(self, part: str, got: list[Occurrence]) -> None:
        self._kept[part] = got
        self._n_kept += len(got)
        while self._n_kept > KEPT and len(self._kept) > 1:
            self._n_kept -= len(self._kept.popitem(last=False)[1])

    def _read(self, part: str) -> list[Occurrence]:
        text = self._text
        counts = self._counts.counts
        words = self._counts.words
        out: list[Occurrence] = []
        line = 0  # the number of the line `at` starts (the word's index)
        at = 0
        block_end = -1  # where the block of `at` ends: an occurrence past it counts from its own block
        for pos in _positions(text, part):
            start = text.rfind("\n", 0, pos) + 1
            if start >= block_end:  # lines are counted within a block, not over the whole text
                line, at, block_end = words.block_at(start)
            line += text.count("\n", at, start)
            at = start
            out.append((-counts[line], start, pos))
        out.sort()  # lines in word order: the words sorted by count, then as the vocabulary has them
        return out


def _positions(text: str, part: str):
    """Where `part` stands in `text` at least `MIN_LEFT` characters after a line's start, every
    occurrence (overlapping ones too), in order."""
    if not part:
        return
    # The occurrences one after another with `str.find`, which skips through the text whatever
    # the part's first letter. A part that may overlap itself ("anan") is read so to the end; any
    # other, after `FIND_FIRST` occurrences, by the regex, which judges each one in C. (The regex
    # alone looks at every place its first letter stands: for a part that begins with an "e" it
    # reads the vocabulary of 27,500 sources in 14 ms, `str.find` in 3.)
    overlaps = any(part[:k] == part[-k:] for k in range(1, len(part)))
    pos = text.find(part)
    for _ in itertools.count() if overlaps else range(FIND_FIRST):
        if pos < 0:
            return
        if pos >= MIN_LEFT and "\n" not in text[pos - MIN_LEFT:pos]:
            yield pos
        pos = text.find(part, pos + 1)
    if pos < 0:
        return
    esc = re.escape(part)
    for m in re.compile(f"{esc}(?<=[^\\n]{{{MIN_LEFT}}}{esc})").finditer(text, pos):
        yield m.start()
