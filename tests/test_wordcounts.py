"""The index's words and counts as sorted arrays: what every search process reads first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.search.query import Vocabulary
from briefing_tui.search.wordcounts import WordCounts

PAIRS = [("drones", 40), ("autonome", 12), ("wapens", 30), ("wapensystemen", 9), ("wapen", 5), ("één", 2)]


def test_words_are_found_by_bisection_in_any_input_order():
    wc = WordCounts.from_pairs(PAIRS)
    assert list(wc.words) == sorted(w for w, _ in PAIRS)
    assert wc["wapens"] == 30 and wc.get("wapen") == 5 and wc.get("wapenbeheersing") == 0
    assert "één" in wc and "een" not in wc and 3 not in wc
    assert dict(wc) == dict(PAIRS) and len(wc) == len(PAIRS)
    assert wc.max_count() == 40
    lo, hi = wc.begun("wapen")
    assert wc.words[lo:hi] == ["wapen", "wapens", "wapensystemen"]
    assert wc.begun("zzz")[0] == wc.begun("zzz")[1]


def test_a_repeated_word_keeps_its_last_count():
    assert dict(WordCounts.from_pairs([("b", 1), ("a", 2), ("b", 3)])) == {"a": 2, "b": 3}


def test_the_cached_form_reads_back_the_same_and_refuses_damage():
    wc = WordCounts.from_pairs(PAIRS)
    data = wc.to_bytes()
    back = WordCounts.from_bytes(data)
    assert back is not None and dict(back) == dict(wc) and back.words.text == wc.words.text
    assert WordCounts.from_bytes(data[:-3] + b"\xff\xfe\xfd") is None  # not UTF-8
    assert WordCounts.from_bytes(data[: len(data) // 2]) is None  # cut off
    assert WordCounts.from_bytes(b"not a count\n") is None
    empty = WordCounts.from_bytes(WordCounts.from_pairs([]).to_bytes())
    assert empty is not None and len(empty) == 0 and "x" not in empty


def test_the_vocabulary_finds_compounds_and_prefixes_on_the_arrays():
    vocab = Vocabulary(WordCounts.from_pairs([*PAIRS, ("kern", 4), ("bio", 1), ("kernwapens", 7), ("biowapens", 3)]))
    assert vocab.compounds("wapens") == ["kernwapens", "biowapens"]  # the most frequent first
    assert vocab.has_prefix("wapensy") and not vocab.has_prefix("wapenz")
    assert vocab.prefix_df("wapen") == 30


def test_many_words_across_blocks_are_found_after_a_round_trip():
    """Half a million words are kept as one string split a block at a time: words at the edges
    of blocks, ranges and slices across blocks read the same as from a plain list."""
    from briefing_tui.search.wordcounts import BLOCK

    words = sorted({f"w{n:05d}{'x' * (n % 3)}" for n in range(3 * BLOCK + 17)} | {"a", "zz", "één"})
    pairs = [(w, n + 1) for n, w in enumerate(words)]
    back = WordCounts.from_bytes(WordCounts.from_pairs(pairs).to_bytes())
    assert back is not None and len(back) == len(words)
    for n in (0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, len(words) - 1):
        assert back.words[n] == words[n] and back[words[n]] == n + 1 and back.position(words[n]) == n
    assert back.words[BLOCK - 3:2 * BLOCK + 5] == words[BLOCK - 3:2 * BLOCK + 5]
    assert list(back.words) == words and back.words.text == "\n".join(words)
    lo, hi = back.begun("w0")
    assert back.words[lo:hi] == [w for w in words if w.startswith("w0")]
    assert "w00000y" not in back and back.get("b", 7) == 7 and "a" in back and "zz" in back


def test_a_compound_that_is_the_last_word_of_all_is_found():
    last = Vocabulary(WordCounts.from_pairs([("zwerm", 1), ("wapens", 2), ("zwermwapens", 3)]))
    assert last.compounds("wapens") == ["zwermwapens"]  # the last word of all


# --- compounds found in the text against the simple path ------------------------------------------

def _compounds_plainly(vocab: Vocabulary, part: str, open_end: bool) -> list[str]:
    """`Vocabulary.compounds` as first written: the words' text read with `str.find`, one
    occurrence after another (overlapping ones too), each word judged whole (the reference)."""
    from briefing_tui.search.query import INFLECTIONS, MAX_COMPOUNDS, VERB_PREFIXES

    found: dict[str, int] = {}
    text = vocab.df.words.text
    pos = text.find(part)
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        i = pos - start
        if i >= 3:
            word = text[start:end if end >= 0 else len(text)]
            left, right = word[:i], word[i + len(part):]
            if (left not in VERB_PREFIXES and left.isalpha()
                    and (open_end or right == "" or right in INFLECTIONS or (len(right) >= 4 and right.isalpha()))
                    and (len(left) >= 8 or vocab.word_like(left))):
                found[word] = vocab.df[word]
        pos = text.find(part, pos + 1)
    return sorted(found, key=lambda w: (-found[w], w))[:MAX_COMPOUNDS]


SYLLABLES = ["wa", "pen", "an", "s", "kern", "ver", "bio", "e", "n", "ananas", "-", "1", "systeem", "ont", "aa"]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_compounds_are_those_of_reading_every_occurrence(data):
    # Words made of a few syllables (a part may stand twice in a word, overlap itself as "anan"
    # does, follow a verb prefix or a digit); parts asked as a word typed letter by letter is
    # (each found among the occurrences of the one before), then in any order, with a store of
    # a few occurrences only; some read together first (a word and its stems); the words in
    # blocks of a few (lines counted within a block); the regex taking over after a few
    # occurrences found by `str.find`, or at once.
    import briefing_tui.search.compounds as compounds_module
    import briefing_tui.search.wordcounts as wordcounts_module

    settings_now = {"KEPT": compounds_module.KEPT, "FIND_FIRST": compounds_module.FIND_FIRST,
                    "BLOCK": wordcounts_module.BLOCK}
    compounds_module.KEPT = data.draw(st.sampled_from([compounds_module.KEPT, 3]))
    compounds_module.FIND_FIRST = data.draw(st.sampled_from([compounds_module.FIND_FIRST, 1, 0]))
    wordcounts_module.BLOCK = data.draw(st.sampled_from([wordcounts_module.BLOCK, 2, 3]))
    try:
        made = data.draw(st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=5).map("".join),
                                  min_size=1, max_size=40, unique=True))
        counts = data.draw(st.lists(st.integers(1, 50), min_size=len(made), max_size=len(made)))
        vocab = Vocabulary(WordCounts.from_pairs(zip(made, counts)))
        target = data.draw(st.sampled_from(made))
        parts = [target[:k] for k in range(1, len(target) + 1)]
        parts += data.draw(st.lists(st.sampled_from(["wapen", "wapens", "anan", "ana", "pen", "aaa", "kern", "s"] + made),
                                    max_size=8))
        together = data.draw(st.lists(st.sampled_from(parts + ["wapenx", "wapenaa", "kernwa"]), max_size=4))
        vocab.prepare_compounds(together)
        for part in [*together, *parts]:
            for open_end in (True, False):
                assert vocab.compounds(part, open_end) == _compounds_plainly(vocab, part, open_end), (part, open_end)
    finally:
        compounds_module.KEPT = settings_now["KEPT"]
        compounds_module.FIND_FIRST = settings_now["FIND_FIRST"]
        wordcounts_module.BLOCK = settings_now["BLOCK"]


def test_a_compound_typed_letter_by_letter_finds_what_a_fresh_vocabulary_finds():
    # The user's view: "kernwape" on the way to "kernwapens" never leaves a compound out that the
    # whole word, asked in a fresh process, finds.
    pairs = [*PAIRS, ("kern", 4), ("bio", 1), ("kernwapens", 7), ("biowapens", 3), ("kernwapensysteem", 2)]
    typed = Vocabulary(WordCounts.from_pairs(pairs))
    for k in range(4, len("wapens") + 1):
        typed.compounds("wapens"[:k], open_end=True)
    fresh = Vocabulary(WordCounts.from_pairs(pairs))
    assert typed.compounds("wapens", open_end=True) == fresh.compounds("wapens", open_end=True) == [
        "kernwapens", "biowapens", "kernwapensysteem"]
    assert typed.compounds("wapen") == fresh.compounds("wapen") == ["kernwapens", "biowapens", "kernwapensysteem"]


def test_a_part_that_overlaps_itself_is_found_at_each_place():
    # "anan" stands twice in "verananan", the second time overlapping the first: after the verb
    # prefix "ver" it is no later part, after the word "veran" it is.
    vocab = Vocabulary(WordCounts.from_pairs([("veran", 3), ("verananan", 2)]))
    assert vocab.compounds("anan") == _compounds_plainly(vocab, "anan", False) == ["verananan"]
