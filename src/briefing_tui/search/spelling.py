"""Words the index does not know: split into known parts, or corrected to known words.

Both work on the index's vocabulary (`query.Vocabulary`), folded like the index:

- `split_compound("biowapenverdrag", known)` -> ["biowapens", "verdrag"]: an unknown compound
  typed by the user, cut into parts that are words of the index (or synonym terms), the left
  part a real word of three letters or more (a linking "s" or "e" may end it:
  "wapenbeheersingsconferentie"), the right part four letters or more, itself split again when
  needed. The longest left part first.
- `corrections("exportcontorle", vocab)` -> ["exportcontrole"]: the vocabulary words within
  one edit (two for words of eight letters or more; a swap of two neighbouring letters is one
  edit), the closest first, then the most frequent. Words of three letters or fewer and numbers
  are never corrected. The distance comes from rapidfuzz (optimal string alignment).
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

MAX_CORRECTIONS = 3
MIN_SPLIT = 7  # shorter unknown words are not split


def max_edits(word: str) -> int:
    return 2 if len(word) >= 8 else 1


class Speller:
    """Corrections against one vocabulary: its words bucketed by length, found with rapidfuzz."""

    def __init__(self, df: Mapping[str, int], extra: Iterable[str] = ()) -> None:
        self.df = df
        by_len: dict[int, list[str]] = {}
        for w in dict.fromkeys((*df, *extra)):
            if w.isalpha() and len(w) >= 3:
                by_len.setdefault(len(w), []).append(w)
        # Tuples, which the garbage collector stops tracking: kept for the engine's life, lists of
        # words would be visited again by every full collection.
        self._by_len: dict[int, tuple[str, ...]] = {n: tuple(ws) for n, ws in by_len.items()}
        self._cache: dict[str, list[str]] = {}

    def corrections(self, word: str) -> list[str]:
        if len(word) <= 3 or not word.isalpha():
            return []
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        k = max_edits(word)
        found: list[tuple[int, int, str]] = []
        for n in range(len(word) - k, len(word) + k + 1):
            choices = self._by_len.get(n)
            if not choices:
                continue
            for cand, dist, _ in extract(word, choices, scorer=OSA.distance, score_cutoff=k, limit=None):
                found.append((dist, -self.df.get(cand, 0), cand))
        found.sort()
        best = [c for d, _, c in found if d == found[0][0]][:MAX_CORRECTIONS] if found else []
        if len(self._cache) > 2000:
            self._cache.clear()
        self._cache[word] = best
        return best


def split_compound(word: str, known: Callable[[str], str | None], depth: int = 0) -> list[str] | None:
    """`word` as known parts (see the module doc), or None. `known(part)` returns the form to
    search for a part (itself, or the synonym term it is a stem of) or None."""
    if depth > 3 or len(word) < MIN_SPLIT or not word.isalpha():
        return None
    for i in range(len(word) - 4, 2, -1):
        left, right = word[:i], word[i:]
        form = known(left)
        if form is None and left[-1] in "se" and len(left) > 4:
            form = known(left[:-1])
        if form is None:
            continue
        right_form = known(right)
        if right_form is not None:
            return [form, right_form]
        rest = split_compound(right, known, depth + 1)
        if rest:
            return [form, *rest]
    return None
