"""Corrections of words the index does not know, and the words they come from.

The words are found in the index's vocabulary (`wordcounts.WordCounts`) cut from its one text
and kept in a cached form (`spelling.WordsByLength`); the walk over every word of a mapping is
the reference both are held to.
"""

from __future__ import annotations

import gc
import io
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.search.spelling import Speller, WordsByLength
from briefing_tui.search.wordcounts import WordCounts

# Letters, digits, numeric characters that are no digit ("²", "½", "Ⅻ"), a combining mark, and
# characters an index word may hold besides letters.
CHARS = st.sampled_from(list("abcdeéëïoöuz") + list("0123456789") + ["²", "½", "Ⅻ", "\u0301", "ß", "ĳ", "_", "·"])
WORDS = st.text(CHARS, min_size=1, max_size=7)


def _plainly(words) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for w in words:
        if w.isalpha() and len(w) >= 3:
            out.setdefault(len(w), set()).add(w)
    return out


def _by_length(found: WordsByLength) -> dict[int, set[str]]:
    out = {n: set(found.get(n)) for n in found.lengths()}
    assert all(len(found.get(n)) == len(out[n]) for n in out)  # each word once
    return out


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(WORDS, st.integers(1, 50), max_size=40))
def test_the_words_of_the_vocabulary_text_are_those_of_a_walk_over_every_word(pairs):
    wc = WordCounts.from_pairs(pairs.items())
    found = WordsByLength.of_vocabulary(wc)
    assert _by_length(found) == _plainly(pairs) == _by_length(WordsByLength.of_vocabulary(pairs))
    opened = WordsByLength.from_file(_opener(found.to_bytes()))  # the kept copy, read a length at a time
    assert opened is not None and _by_length(opened) == _plainly(pairs)
    assert opened.to_bytes() == found.to_bytes()
    read = WordCounts.from_bytes(wc.to_bytes())  # the vocabulary as a process reads it from the cache
    assert read is not None and _by_length(WordsByLength.of_vocabulary(read)) == _plainly(pairs)


def test_a_damaged_copy_of_the_words_is_refused():
    data = WordsByLength.of(["drones", "wapens", "exportcontrole", "één"]).to_bytes()
    assert WordsByLength.from_file(_opener(data)) is not None
    for damaged in (data[:-2], data + b"x", b"6:1\n" + data, b"no header", data.replace(b"drones", b"drone\xff")):
        assert WordsByLength.from_file(_opener(damaged)) is None
    # Damage past a length's first word is found when that length is first asked: wrong words
    # at worst, never an error.
    inside = WordsByLength.from_file(_opener(data.replace(b"wapens", b"wapen\xff")))
    assert inside is not None and inside.get(6) == ("drones", "wapen\ufffd") and inside.get(14) == ("exportcontrole",)


def _opener(body: bytes, reads: list[int] | None = None, files: list[bytes] | None = None):
    """`reopen` for `WordsByLength.from_file`: a file holding `body` after a first line (as
    `store.cache.open_blob` leaves it), counting the bytes read into `reads`; with `files`, each
    opening takes the next body there (another process kept new words meanwhile), or finds none."""

    class Counted(io.BytesIO):
        def read(self, size=-1):
            got = super().read(size)
            if reads is not None:
                reads.append(len(got))
            return got

    def reopen():
        data = body
        if files is not None:
            if not files:
                return None
            data = files.pop(0)
        fh = Counted(b"digest\n" + data)
        fh.readline()
        return fh

    return reopen


def test_a_typo_is_corrected_alike_from_the_vocabulary_a_kept_copy_and_a_mapping():
    pairs = {"exportcontrole": 40, "exportcontroles": 3, "controle": 90, "drones": 12, "2019": 5,
             "ai": 30, "wapenbeheersing": 7, "tweeënhalf": 1}
    wc = WordCounts.from_pairs(pairs.items())
    kept = WordsByLength.from_file(_opener(WordsByLength.of_vocabulary(wc).to_bytes()))
    synonyms = ["zwermrobotica", "drones"]  # a synonym term the index lacks, and one it has
    for speller in (Speller(wc, synonyms), Speller(wc, synonyms, kept), Speller(pairs, synonyms)):
        assert speller.corrections("exportcontorle") == ["exportcontrole"]
        assert speller.corrections("wapenbeheersnig") == ["wapenbeheersing"]
        assert speller.corrections("tweeenhalf") == ["tweeënhalf"]
        assert speller.corrections("zwermrobotika") == ["zwermrobotica"]
        assert speller.corrections("drone") == ["drones"]  # once, though both name it
        assert speller.corrections("2018") == [] and speller.corrections("dron") == []


def test_words_kept_for_the_engines_life_leave_the_garbage_collector_alone():
    """Every full collection visits every container it tracks; the vocabulary's blocks and the
    speller's words are tuples of strings, which it stops tracking (see `SortedWords`)."""
    letters = ["woord" + "".join(p) for p in product("abcdefghij", repeat=4)][:5000]
    made = WordCounts.from_pairs((w, 1) for w in letters)
    for wc in (made, WordCounts.from_bytes(made.to_bytes())):  # as built, and as read from the cache
        assert wc is not None
        assert len(list(wc.words)) == 5000  # every block split
        speller = Speller(wc)
        assert speller.corrections("woordaab")[0] == "woordaaab"  # a length's words split
        gc.collect()
        assert not any(gc.is_tracked(b) for b in wc.words._blocks)
        assert speller._words._split and not any(gc.is_tracked(b) for b in speller._words._split.values())


def test_a_kept_copy_is_read_only_for_the_lengths_a_correction_asks_for():
    # At 27,500 sources the copy is 7.7 MB; a correction of "exportcontorle" needs words of 12
    # to 16 letters: a fifth of it.
    words = [f"{w}{i:0>{n}}".translate(str.maketrans("0123456789", "abcdefghij")) for n, w, many in
             ((1, "ab", 10), (4, "drone", 3000), (6, "exportcontr", 200), (9, "wapenbeheersings", 200),
             (12, "kunstmatigeintelligentie", 200)) for i in range(many)]
    words.append("exportcontrole")
    body = WordsByLength.of(words).to_bytes()
    reads: list[int] = []
    opened = WordsByLength.from_file(_opener(body, reads))
    assert opened is not None
    speller = Speller(WordCounts.from_pairs((w, 1) for w in words), words=opened)
    reads.clear()
    assert speller.corrections("exportcontorle") == ["exportcontrole"]
    assert 0 < sum(reads) < len(body) / 3
    assert WordsByLength.from_file(_opener(body[:-3])) is None  # cut off: refused, made again
    assert WordsByLength.from_file(_opener(b"no header")) is None
    assert WordsByLength.from_file(_opener(body, files=[])) is None  # no copy (or a stale one)
    # A length's first word damaged: refused at once (the copy is made again).
    assert WordsByLength.from_file(_opener(body.replace(b"exportcontrole", b"exportcontrol\xff"))) is None
    assert WordsByLength.from_file(_opener(body.replace(b"exportcontrole", b"exportcontrolx"))) is not None


def test_a_kept_copy_that_changes_after_it_was_opened_still_corrects_right():
    # Another process keeps new words (a content edit) between this one's first look at the
    # copy and its first correction, or the copy is removed, or damaged inside: the words are
    # found in the vocabulary again, never taken from the wrong file.
    wc = WordCounts.from_pairs([("exportcontrole", 40), ("drones", 12), ("wapenbeheersing", 7)])
    ours = WordsByLength.of_vocabulary(wc).to_bytes()
    theirs = WordsByLength.of(["exportcontrolx", "dronez", "wapenbeheersinx", "andere"]).to_bytes()
    damaged = ours.replace(b"exportcontrole", b"exportcontrol\xff")
    for later in ([theirs], [], [damaged]):
        opened = WordsByLength.from_file(_opener(ours, files=[ours, *later]))
        assert opened is not None
        if later:
            with pytest.raises(OSError):  # never a copy written with lengths left out
                WordsByLength.from_file(_opener(ours, files=[ours, *later])).to_bytes()  # type: ignore[union-attr]
        speller = Speller(wc, words=opened)
        assert speller.corrections("exportcontorle") == ["exportcontrole"]
        assert speller.corrections("wapenbeheersnig") == ["wapenbeheersing"]


def _corrections_plainly(word: str, counts: dict[str, int], extra: list[str]) -> list[str]:
    """Every known word within the word's edits, the closest first, then the most frequent (the
    reference: no lengths, no order of asking)."""
    from rapidfuzz.distance import OSA

    from briefing_tui.search.spelling import MAX_CORRECTIONS, max_edits

    if len(word) <= 3 or not word.isalpha():
        return []
    pool = {w for w in [*counts, *extra] if len(w) >= 3 and w.isalpha()}
    near = sorted((OSA.distance(word, w), -counts.get(w, 0), w) for w in pool)
    near = [t for t in near if t[0] <= max_edits(word)]
    return [w for d, _, w in near if d == near[0][0]][:MAX_CORRECTIONS] if near else []


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("abcde", min_size=3, max_size=10), st.integers(1, 50), min_size=1, max_size=60),
       st.lists(st.text("abcde", min_size=3, max_size=10), max_size=5), st.text("abcde", min_size=4, max_size=11))
def test_corrections_are_the_closest_of_every_known_word(counts, extra, word):
    # Lengths further off than the closest word found are not asked: the same corrections as
    # comparing the word with every known word.
    wc = WordCounts.from_pairs(counts.items())
    assert Speller(wc, extra).corrections(word) == _corrections_plainly(word, counts, extra)
