"""Corrections of words the index does not know, and the words they come from."""

from __future__ import annotations

import gc

from briefing_tui.search.spelling import Speller
from briefing_tui.search.wordcounts import WordCounts

def test_words_kept_for_the_engines_life_leave_the_garbage_collector_alone():
    """Every full collection visits every container it tracks; the vocabulary's blocks and the
    speller's buckets are tuples of strings, which it stops tracking (see `SortedWords`)."""
    made = WordCounts.from_pairs((f"woord{i:05d}", 1) for i in range(5000))
    for wc in (made, WordCounts.from_bytes(made.to_bytes())):  # as built, and as read from the cache
        assert wc is not None
        _check_untracked(wc)


def _check_untracked(wc: WordCounts) -> None:
    assert len(list(wc.words)) == 5000  # every block split, as building a speller did
    speller = Speller(wc)
    gc.collect()
    assert not any(gc.is_tracked(b) for b in wc.words._blocks)
    assert not any(gc.is_tracked(b) for b in speller._by_len.values())
