"""The vocabulary a search reads stays the index's after every edit, without reading every term
again (`index.vocab_delta`, `KnowledgeBase._vocabulary`): after chains of edits the kept copy,
brought up to date with the changes the updates kept, equals the vocabulary read whole from the
index (the reference), and a word an edit brings in is known (not "corrected") at once.
"""

from __future__ import annotations

import sqlite3
import time

import pytest
from kbhelpers import paths

import briefing_tui.index.vocab_delta as vocab_delta
import briefing_tui.store.knowledge_base as kb_module
from briefing_tui.search import vocabulary_terms
from briefing_tui.search.wordcounts import WordCounts
from briefing_tui.store import KnowledgeBase, SearchQuery


# The vocabulary is kept only for a large knowledge base: the fast paths on, whatever the size.
pytestmark = pytest.mark.usefixtures("fast_paths")


@pytest.fixture
def ws(content_copy):
    """A copy of the shipped content, with its own cache folder."""
    return content_copy


@pytest.fixture
def walks(monkeypatch):
    """Counts the times every term is read from the index."""
    calls = []

    def counted(conn):
        calls.append(1)
        return vocabulary_terms(conn)

    monkeypatch.setattr(kb_module, "vocabulary_terms", counted)
    return calls


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    time.sleep(0.002)  # a new mtime even on coarse clocks
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _whole(ws) -> dict[str, int]:
    """The reference: every term and count read from the index itself."""
    conn = sqlite3.connect(paths(ws).index)
    try:
        return dict(vocabulary_terms(conn))
    finally:
        conn.close()


def _read(ws) -> dict[str, int]:
    with KnowledgeBase.open(ws) as kb:
        return dict(kb.vocabulary().df.items())


LAWS = "domains/laws.yaml"
SOURCE = "sources/2019-normkader-nieuwe-technologieen.txt"

# Each: a file, a text in it, what replaces it: new words, words gone, counts up and down.
EDITS = [
    (LAWS, 'name: "Autonome wapensystemen"', 'name: "Autonome wapensystemen xylofoonbeleid zwermrobotica"'),
    (SOURCE, "Nederland ", "Nederland kwartelkoning "),
    (LAWS, 'name: "Autonome wapensystemen xylofoonbeleid zwermrobotica"', 'name: "Autonome wapensystemen"'),
    (SOURCE, "kabinet", "regering"),
    (SOURCE, "Nederland kwartelkoning ", "Nederland "),
]


def test_a_build_keeps_its_vocabulary_for_the_first_search(ws, walks):
    KnowledgeBase.open(ws).close()  # the build reads it once
    assert len(walks) == 1
    assert _read(ws) == _whole(ws)
    assert len(walks) == 1


def test_after_each_edit_the_kept_vocabulary_is_the_index_s(ws, walks):
    KnowledgeBase.open(ws).close()
    for rel, old, new in EDITS:
        _edit(ws.content / rel, old, new)
        assert _read(ws) == _whole(ws), (rel, new)
    assert len(walks) == 1  # the build's: every later one brought up to date


def test_edits_with_no_search_between_them(ws, walks):
    KnowledgeBase.open(ws).close()
    for rel, old, new in EDITS:
        _edit(ws.content / rel, old, new)
        KnowledgeBase.open(ws).close()  # updated, the vocabulary not read
    assert _read(ws) == _whole(ws)
    assert len(walks) == 1


def test_a_source_added_and_removed(ws, walks):
    KnowledgeBase.open(ws).close()
    text = ws.content / "sources" / "2024-01-01-nieuw.txt"
    meta = ws.content / "sources" / "2024-01-01-nieuw.yaml"
    meta.write_text('id: 2024-01-01-nieuw\nkind: kamerbrief\ntitle: "Nieuw"\ndate: "2024-01-01"\n', encoding="utf-8")
    text.write_text("Het kabinet over hyperspectrale sensoren en kwantumradar.\n", encoding="utf-8")
    assert _read(ws) == _whole(ws)
    assert "kwantumradar" in _read(ws)
    text.unlink()
    meta.unlink()
    assert _read(ws) == _whole(ws)
    assert "kwantumradar" not in _read(ws)
    assert len(walks) == 1


def test_a_new_word_is_known_at_once(ws):
    """A user's view: the word an edit brings in is searched as typed, not corrected to another."""
    with KnowledgeBase.open(ws) as kb:
        kb.search("verbod")
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen"', 'name: "Autonome wapensystemen xylofoonbeleid"')
    with KnowledgeBase.open(ws) as kb:
        result = kb.search(SearchQuery("xylofoonbeleid"))
        assert result.hits and result.searched_for == ""
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen xylofoonbeleid"', 'name: "Autonome wapensystemen"')
    with KnowledgeBase.open(ws) as kb:
        assert "xylofoonbeleid" not in kb.vocabulary()
        assert not kb.search(SearchQuery("xylofoonbeleid")).hits


def test_too_many_rows_for_one_update_keep_nothing(ws, walks, monkeypatch):
    KnowledgeBase.open(ws).close()
    monkeypatch.setattr(vocab_delta, "TOUCHED_ROWS", 0)
    _edit(ws.content / SOURCE, "Nederland ", "Nederland kwartelkoning ")
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2  # read whole again
    monkeypatch.setattr(vocab_delta, "TOUCHED_ROWS", 50_000)
    _edit(ws.content / SOURCE, "Nederland kwartelkoning ", "Nederland ")
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2  # kept again from there


def test_old_changes_make_room_and_a_copy_before_them_is_read_whole(ws, walks, monkeypatch):
    KnowledgeBase.open(ws).close()
    monkeypatch.setattr(vocab_delta, "KEPT_ROWS", 3)  # an update of four new words drops every change before it
    new = 'name: "Autonome wapensystemen alfaplan bravoplan charlieplan deltaplan"'
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen"', new)
    KnowledgeBase.open(ws).close()
    _edit(ws.content / LAWS, new, 'name: "Autonome wapensystemen"')
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2  # the copy (the build's) is older than the changes kept
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen"', 'name: "Autonome wapensystemen alfaplan"')
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2  # one change: kept, and the copy read after the last update is brought up to date


def test_an_update_that_kept_nothing_leaves_the_changes_behind(ws, walks, monkeypatch):
    """As an update by code before this one: the generation moves on, the changes do not; the
    changes kept before it are not used past it, nor added to after it."""
    KnowledgeBase.open(ws).close()
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen"', 'name: "Autonome wapensystemen xylofoonbeleid"')
    KnowledgeBase.open(ws).close()  # kept
    real = vocab_delta.record
    monkeypatch.setattr(vocab_delta, "record", lambda *args: None)
    _edit(ws.content / SOURCE, "Nederland ", "Nederland kwartelkoning ")
    KnowledgeBase.open(ws).close()  # not kept
    monkeypatch.setattr(vocab_delta, "record", real)
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2
    _edit(ws.content / LAWS, 'name: "Autonome wapensystemen xylofoonbeleid"', 'name: "Autonome wapensystemen"')
    KnowledgeBase.open(ws).close()  # kept again, from its own generation only
    conn = sqlite3.connect(paths(ws).index)
    generations = {g for (g,) in conn.execute("SELECT generation FROM vocab_changes")}
    conn.close()
    assert len(generations) == 1
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2


def test_changes_that_do_not_fit_the_copy_read_it_whole(ws, walks):
    """A damaged table of changes (a count below zero) is never applied."""
    KnowledgeBase.open(ws).close()
    _edit(ws.content / SOURCE, "Nederland ", "Nederland kwartelkoning ")
    KnowledgeBase.open(ws).close()
    conn = sqlite3.connect(paths(ws).index)
    with conn:
        conn.execute("UPDATE vocab_changes SET diff = -1000000 WHERE term = 'kwartelkoning'")
    conn.close()
    assert _read(ws) == _whole(ws)
    assert len(walks) == 2


# --- the counts themselves ------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 5, 1023, 1024, 1025, 3000])
def test_counts_changed_as_read_whole(n):
    import random

    rng = random.Random(n)
    words = sorted({"".join(rng.choice("abcdéz") for _ in range(rng.randint(1, 9))) for _ in range(3 * n)})[:n]
    counts = {w: rng.randint(1, 5) for w in words}
    kept = WordCounts.from_bytes(WordCounts.from_pairs(counts.items()).to_bytes())
    assert kept is not None
    diffs = {w: rng.choice([-counts[w], -1, 2]) for w in rng.sample(words, min(40, n)) if counts[w] > 1}
    diffs.update({f"nieuw{i}": i + 1 for i in range(rng.randint(0, 30))})
    want = {w: counts.get(w, 0) + diffs.get(w, 0) for w in {*counts, *diffs}}
    want = {w: c for w, c in want.items() if c}
    got = kept.changed(diffs)
    assert got is not None
    assert list(got.words) == sorted(want) and dict(got.items()) == want
    again = WordCounts.from_bytes(got.to_bytes())
    assert again is not None and dict(again.items()) == want
    for w in want:  # every block's first words and offsets right: each word found
        assert again.position(w) >= 0


def test_counts_below_zero_are_refused():
    kept = WordCounts.from_pairs([("a", 1), ("b", 2)])
    assert kept.changed({"a": -2}) is None
    assert kept.changed({"c": -1}) is None
