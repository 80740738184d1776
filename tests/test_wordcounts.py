"""The index's words and counts as sorted arrays: what every search process reads first."""

from __future__ import annotations

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
