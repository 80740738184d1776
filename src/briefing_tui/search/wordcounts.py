"""The index's words with their document counts, as a sorted word list and an array of counts.

A whole-dossier index knows about half a million words, and every `briefing search` process
needs them (known-word checks, compounds, prefix plans). A `dict` of that many words costs a
process about 0.2 s to build, and even splitting them into a list about 50 ms. Here nothing is
built per word: the words stay one string, cut into blocks of `BLOCK` words whose start offsets
and first words are known; a word is found by bisecting the blocks' first words, then the one
block it falls in, split when first needed (`SortedWords`). The cached form (`to_bytes`) is the
counts as raw 32-bit integers, the blocks' offsets as raw 64-bit integers and the words as one
UTF-8 text, so reading it back is one decode.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator, Mapping, Sequence, overload

__all__ = ["SortedWords", "WordCounts"]

_COUNT = "I"  # unsigned 32-bit on every platform CPython runs on (checked in from_bytes)
_OFFSET = "Q"  # unsigned 64-bit
BLOCK = 1024  # words per block


class SortedWords(Sequence[str]):
    """Words in ascending order, kept as one newline-separated string and split a block at a time.

    A split block is a tuple: the garbage collector stops tracking a tuple of strings, so that
    the blocks split by a walk over every word (the speller's) are not visited again by every
    full collection (half a million words: 6-8 ms of each, in the middle of a search)."""

    __slots__ = ("text", "starts", "firsts", "_blocks", "_n")

    def __init__(self, text: str, starts: array, n: int) -> None:
        """`text`: the words joined by newlines; `starts`: the offset in `text` of every
        `BLOCK`-th word, then len(text) + 1."""
        self.text = text
        self.starts = starts
        self._n = n
        self._blocks: list[tuple[str, ...] | None] = [None] * (len(starts) - 1)
        self.firsts: list[str] = []  # the first word of every block
        for a, b in zip(starts, starts[1:]):
            end = text.find("\n", a, b)
            self.firsts.append(text[a:end if end >= 0 else b - 1])

    @classmethod
    def of(cls, words: list[str]) -> SortedWords:
        blocks = [tuple(words[i:i + BLOCK]) for i in range(0, len(words), BLOCK)]
        starts = array(_OFFSET, [0])
        for block in blocks:  # a block's words and their newlines, summed in C
            starts.append(starts[-1] + sum(map(len, block)) + len(block))
        found = cls("\n".join(words), starts, len(words))
        found._blocks = list(blocks)
        return found

    def block(self, b: int) -> tuple[str, ...]:
        got = self._blocks[b]
        if got is None:
            split = self.text[self.starts[b]:self.starts[b + 1] - 1].split("\n")
            want = min(BLOCK, self._n - b * BLOCK)
            if len(split) != want:  # a damaged cache file: wrong words at worst, never an error
                split = (split + [""] * want)[:want]
            got = self._blocks[b] = tuple(split)
        return got

    def bisect(self, word: str) -> int:
        """Where `word` stands or would stand (`bisect_left` over all the words)."""
        b = bisect_right(self.firsts, word) - 1
        if b < 0:
            return 0
        return b * BLOCK + bisect_left(self.block(b), word)

    def block_at(self, offset: int) -> tuple[int, int, int]:
        """The block of the word whose line holds `offset` in `text`: the index of its first word,
        where it starts and where the next one starts."""
        b = max(0, bisect_right(self.starts, offset) - 1)
        return b * BLOCK, self.starts[b], self.starts[b + 1]

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return [self[k] for k in range(lo, hi, step)]
            out: list[str] = []
            while lo < hi:
                b, k = divmod(lo, BLOCK)
                part = self.block(b)[k:k + hi - lo]
                out.extend(part)
                lo += len(part)
            return out
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        b, k = divmod(i, BLOCK)
        return self.block(b)[k]

    def __iter__(self) -> Iterator[str]:
        for b in range(len(self._blocks)):
            yield from self.block(b)


class WordCounts(Mapping[str, int]):
    """Sorted words and their counts; a read-only mapping word -> count."""

    __slots__ = ("words", "counts", "_max")

    def __init__(self, words: list[str] | SortedWords, counts: array) -> None:
        """`words` sorted ascending without repeats (code point order, as SQLite gives them)."""
        if len(words) != len(counts):
            raise ValueError("words and counts differ in length")
        self.words = words if isinstance(words, SortedWords) else SortedWords.of(words)
        self.counts = counts
        self._max: int | None = None

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, int]]) -> WordCounts:
        """From (word, count) pairs in any order; a repeated word keeps its last count."""
        items = list(pairs)
        words = [w for w, _ in items]
        if any(a >= b for a, b in zip(words, words[1:])):  # the index gives them sorted; others may not
            merged = dict(items)
            words = sorted(merged)
            return cls(words, array(_COUNT, (merged[w] for w in words)))
        return cls(words, array(_COUNT, (n for _, n in items)))

    def changed(self, diffs: Mapping[str, int]) -> WordCounts | None:
        """These counts with `diffs` added (word -> how its count changed: an update's, see
        `index.vocab_delta`): a word whose count falls to 0 is gone, a new word comes in. None
        when the diffs do not fit these counts (a count below 0). Counts of words already here
        change in a copy of the counts; new or gone words cut the words into a list once (one
        split of the text) and join them again (half a million words: tens of milliseconds)."""
        counts = array(_COUNT, self.counts)
        new: list[tuple[str, int]] = []
        gone: list[int] = []
        for word, diff in diffs.items():
            i = self.position(word)
            n = (counts[i] if i >= 0 else 0) + diff
            if n < 0:
                return None
            if i < 0:
                if n:
                    new.append((word, n))
            elif n:
                counts[i] = n
            else:
                gone.append(i)
        if not new and not gone:
            return WordCounts(self.words, counts)
        words = self.words.text.split("\n") if len(self.words) else []
        for i in sorted(gone, reverse=True):  # the counts stay an array: moved in C
            del words[i], counts[i]
        for word, n in sorted(new):
            i = bisect_left(words, word)
            words.insert(i, word)
            counts.insert(i, n)
        return WordCounts(words, counts)

    # --- the cached form ------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        words = self.words
        head = b"%d %d\n" % (len(words), len(words.starts))
        return head + self.counts.tobytes() + words.starts.tobytes() + words.text.encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> WordCounts | None:
        """The words of `to_bytes`, or None when `data` is not that (damaged, another platform)."""
        head, sep, rest = data.partition(b"\n")
        parts = head.split(b" ")
        if not sep or len(parts) != 2 or not all(p.isdigit() for p in parts):
            return None
        if array(_COUNT).itemsize != 4 or array(_OFFSET).itemsize != 8:
            return None
        n, m = int(parts[0]), int(parts[1])
        counts, starts = array(_COUNT), array(_OFFSET)
        if len(rest) < 4 * n + 8 * m or m < 1 or m != (n + BLOCK - 1) // BLOCK + 1:
            return None
        counts.frombytes(rest[:4 * n])
        starts.frombytes(rest[4 * n:4 * n + 8 * m])
        try:
            text = rest[4 * n + 8 * m:].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if starts[-1] != len(text) + 1 and not (n == 0 and text == ""):
            return None
        if any(b and text[b - 1] != "\n" for b in starts[:-1]):
            return None
        return cls(SortedWords(text, starts, n), counts)

    # --- lookups --------------------------------------------------------------------------------
    def position(self, word: str) -> int:
        """The index of `word` in `words`, or -1."""
        words = self.words
        b = bisect_right(words.firsts, word) - 1
        if b < 0:
            return -1
        block = words.block(b)
        i = bisect_left(block, word)
        return b * BLOCK + i if i < len(block) and block[i] == word else -1

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
        lo = words.bisect(prefix)
        hi = words.bisect(prefix + "\U0010ffff")
        while hi < len(words) and words[hi].startswith(prefix):
            hi += 1
        return lo, hi

    def max_count(self) -> int:
        """The largest count (0 when there are no words)."""
        if self._max is None:
            self._max = max(self.counts, default=0)
        return self._max
