"""The index's words with their document counts, as two parallel arrays.

A whole-dossier index knows about half a million words, and every `briefing search` process
needs them (known-word checks, compounds, prefix plans). A `dict` of that many words costs a
process about 0.2 s to build; a sorted list of words and an array of counts cost nothing to
build: a word is found by bisection (in C, about a microsecond), and the words that begin with a
prefix are one slice. The cached form (`to_bytes`/`from_bytes`) is the counts as raw 32-bit
integers and the words as one UTF-8 string, so reading it back is one decode and one split.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import Iterable, Iterator, Mapping

__all__ = ["WordCounts"]

_TYPE = "I"  # unsigned 32-bit on every platform CPython runs on (checked in from_bytes)


class WordCounts(Mapping[str, int]):
    """Sorted words and their counts; a read-only mapping word -> count."""

    __slots__ = ("words", "counts", "_joined", "_max")

    def __init__(self, words: list[str], counts: array) -> None:
        """`words` sorted ascending without repeats (code point order, as SQLite gives them)."""
        if len(words) != len(counts):
            raise ValueError("words and counts differ in length")
        self.words = words
        self.counts = counts
        self._joined: str | None = None
        self._max: int | None = None

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, int]]) -> WordCounts:
        """From (word, count) pairs in any order; a repeated word keeps its last count."""
        items = list(pairs)
        words = [w for w, _ in items]
        if any(a >= b for a, b in zip(words, words[1:])):  # the index gives them sorted; others may not
            merged = dict(items)
            words = sorted(merged)
            return cls(words, array(_TYPE, (merged[w] for w in words)))
        return cls(words, array(_TYPE, (n for _, n in items)))

    # --- the cached form ------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        return b"%d\n" % len(self.words) + self.counts.tobytes() + "\n".join(self.words).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> WordCounts | None:
        """The words of `to_bytes`, or None when `data` is not that (damaged, another platform)."""
        head, sep, rest = data.partition(b"\n")
        if not sep or not head.isdigit() or array(_TYPE).itemsize != 4:
            return None
        n = int(head)
        counts = array(_TYPE)
        if len(rest) < 4 * n:
            return None
        counts.frombytes(rest[: 4 * n])
        try:
            joined = rest[4 * n:].decode("utf-8")
        except UnicodeDecodeError:
            return None
        words = joined.split("\n") if n else []
        if len(words) != n:
            return None
        found = cls(words, counts)
        found._joined = "\n" + joined + "\n"
        return found

    # --- lookups --------------------------------------------------------------------------------
    def position(self, word: str) -> int:
        """The index of `word` in `words`, or -1."""
        words = self.words
        i = bisect_left(words, word)
        return i if i < len(words) and words[i] == word else -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.position(word) >= 0

    def __getitem__(self, word: str) -> int:
        i = self.position(word)
        if i < 0:
            raise KeyError(word)
        return self.counts[i]

    def get(self, word: str, default: int = 0) -> int:  # type: ignore[override]
        i = self.position(word)
        return self.counts[i] if i >= 0 else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def begun(self, prefix: str) -> tuple[int, int]:
        """The range of `words` that begin with `prefix`."""
        words = self.words
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + "\U0010ffff", lo)
        while hi < len(words) and words[hi].startswith(prefix):
            hi += 1
        return lo, hi

    def max_count(self) -> int:
        """The largest count (0 when there are no words)."""
        if self._max is None:
            self._max = max(self.counts, default=0)
        return self._max

    def joined(self) -> str:
        """Every word on its own line, between newlines ("\\nword\\nword\\n"), for `str.find`."""
        if self._joined is None:
            self._joined = "\n" + "\n".join(self.words) + "\n"
        return self._joined
