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

import os
from typing import BinaryIO, Callable, Iterable, Mapping

MAX_CORRECTIONS = 3
MIN_SPLIT = 7  # shorter unknown words are not split


def max_edits(word: str) -> int:
    return 2 if len(word) >= 8 else 1


class WordsByLength:
    """The words corrections come from: of three letters or more and nothing but letters, each
    once, by length. Kept as one newline-separated text per length, decoded and split when a
    correction first asks for that length (a word's length and two more each side). A copy is
    kept (`to_bytes`) and read back with `from_file`, only the lengths a correction asks for
    (`load`: a fifth of the file's 7.7 MB at 27,500 sources): there the vocabulary has 403,361
    such words, and finding them (`of_vocabulary`) costs about 0.17 s, which every `briefing
    search` with a typo would pay again."""

    __slots__ = ("_texts", "_split", "_file")

    def __init__(self, texts: Mapping[int, str | bytes]) -> None:
        self._texts = dict(texts)  # UTF-8 as read from a copy, decoded when first asked
        # Tuples, which the garbage collector stops tracking: kept for the engine's life, lists of
        # words would be visited again by every full collection.
        self._split: dict[int, tuple[str, ...]] = {}
        # A copy on disk whose texts are read when first asked (`from_file`): how to open it, its
        # header line, and where each length's text stands in it (offset, size).
        self._file: tuple[Callable[[], BinaryIO | None], bytes, dict[int, tuple[int, int]]] | None = None

    @classmethod
    def of(cls, words: Iterable[str]) -> WordsByLength:
        """From any words, in any order; those that are no correction are left out."""
        return cls._bucketed(dict.fromkeys(words))

    @classmethod
    def of_vocabulary(cls, df: Mapping[str, int]) -> WordsByLength:
        """`of` the words of `df` (each once already); for the index's vocabulary
        (`wordcounts.WordCounts`) cut from its one text at once instead of walked word by word."""
        text = getattr(getattr(df, "words", None), "text", None)
        return cls._bucketed(text.split("\n") if isinstance(text, str) else df)

    @classmethod
    def _bucketed(cls, unique: Iterable[str]) -> WordsByLength:
        by_len: dict[int, list[str]] = {}
        for w in unique:
            if len(w) >= 3 and w.isalpha():
                by_len.setdefault(len(w), []).append(w)
        return cls({n: "\n".join(ws) for n, ws in by_len.items()})

    def get(self, n: int) -> tuple[str, ...]:
        got = self._split.get(n)
        if got is None:
            text = self._texts.get(n)
            if text is None and self._file is not None and n in self._file[2]:
                self.load([n])
                text = self._texts.get(n)
            if isinstance(text, bytes):  # a damaged copy gives wrong words at worst, never an error
                text = text.decode("utf-8", "replace")
            got = self._split[n] = tuple(text.split("\n")) if text else ()
        return got

    def load(self, lengths: Iterable[int]) -> bool:
        """Read the texts of these lengths from the copy on disk (`from_file`) that are not read
        yet, in one read of the span they stand in. False when the copy is no longer the one
        opened first (another process kept new words) or is damaged: the words are then not all
        there, and the caller finds them again."""
        if self._file is None:
            return True
        reopen, head, where = self._file
        todo = sorted(n for n in set(lengths) if n in where and n not in self._texts)
        if not todo:
            return True
        lo = where[todo[0]][0]
        hi = max(where[n][0] + where[n][1] for n in todo)
        fh = reopen()
        if fh is None:
            return False
        try:
            with fh:
                if fh.readline() != head:
                    return False
                fh.seek(lo)
                span = fh.read(hi - lo)
        except OSError:
            return False
        if len(span) != hi - lo:
            return False
        for n in todo:
            at, size = where[n]
            text = span[at - lo:at - lo + size]
            if not _first_word_has(n, text):
                return False
            self._texts[n] = text
        return True

    def lengths(self) -> list[int]:
        return sorted({*self._texts, *(self._file[2] if self._file is not None else ())})

    def to_bytes(self) -> bytes:
        """The lengths and the UTF-8 sizes of their texts on one line, then the texts. Of a copy
        read a length at a time, every length is read first: OSError when the copy changed
        meanwhile (never a copy with lengths left out)."""
        if not self.load(self.lengths()):
            raise OSError("the kept copy of the speller's words changed while it was read")
        texts = {n: t if isinstance(t, bytes) else t.encode("utf-8") for n, t in sorted(self._texts.items())}
        head = " ".join(f"{n}:{len(t)}" for n, t in texts.items()).encode("ascii")
        return head + b"\n" + b"".join(texts.values())

    @classmethod
    def from_file(cls, reopen: Callable[[], BinaryIO | None]) -> WordsByLength | None:
        """The words of `to_bytes` in a file that `reopen()` opens at their start (see
        `store.cache.open_blob`), read a length at a time when first asked (`load`); None when
        the file is missing, stale or not that (its header, its size, the first word of each
        length: a few bytes read for each, so that a damaged copy is made again)."""
        fh = reopen()
        if fh is None:
            return None
        try:
            with fh:
                head = fh.readline()
                start = fh.tell()
                size = fh.seek(0, os.SEEK_END)
                if not head.endswith(b"\n"):
                    return None
                where: dict[int, tuple[int, int]] = {}  # length -> (offset, size) of its text
                at = start
                for field in head.decode("ascii").split():
                    n, length = (int(x) for x in field.split(":"))
                    where[n] = (at, length)
                    at += length
                if at != size:
                    return None
                for n, (at, length) in where.items():
                    fh.seek(at)  # a word of n letters is at most 4n bytes of UTF-8, then its newline
                    if not _first_word_has(n, fh.read(min(length, 4 * n + 1))):
                        return None
        except (OSError, UnicodeDecodeError, ValueError):  # unreadable, or not our header
            return None
        found = cls({})
        found._file = (reopen, head, where)
        return found


def _first_word_has(n: int, text: bytes) -> bool:
    end = text.find(b"\n")
    try:
        return len(text[:end if end >= 0 else len(text)].decode("utf-8")) == n
    except UnicodeDecodeError:
        return False


class Speller:
    """Corrections against one vocabulary: its words bucketed by length (`WordsByLength`, made
    from `df` unless given), and `extra` ones, found with rapidfuzz."""

    def __init__(self, df: Mapping[str, int], extra: Iterable[str] = (), words: WordsByLength | None = None) -> None:
        self.df = df
        self._words = words if words is not None else WordsByLength.of_vocabulary(df)
        self._extra = WordsByLength.of(w for w in extra if w not in df)
        self._cache: dict[str, list[str]] = {}

    def corrections(self, word: str) -> list[str]:
        if len(word) <= 3 or not word.isalpha():
            return []
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        from rapidfuzz.distance import OSA  # 8-13 ms to import: only for a word to correct
        from rapidfuzz.process import extract

        k = max_edits(word)
        found: list[tuple[int, int, str]] = []
        closest = k  # the fewest edits found so far: only words that close are asked for further
        # Words of the word's own length first, then one letter longer and shorter, and so on: a
        # word `delta` letters off is at least `delta` edits away, so once a closer one is found
        # the lengths further off are left (a transposed pair of letters: 3 of the 5 lengths).
        for delta in range(k + 1):
            if closest < delta:
                break
            lengths = [len(word) - delta, len(word) + delta] if delta else [len(word)]
            if not self._words.load(lengths):
                self._words = WordsByLength.of_vocabulary(self.df)  # the kept copy changed or is damaged
            for n in lengths:
                for choices in (self._words.get(n), self._extra.get(n)):
                    if not choices:
                        continue
                    for cand, dist, _ in extract(word, choices, scorer=OSA.distance, score_cutoff=closest, limit=None):
                        found.append((dist, -self.df.get(cand, 0), cand))
                        closest = min(closest, dist)
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
