"""The search engine's caches next to the index: the vocabulary and the sources (light corpus)."""

from __future__ import annotations

import time

import pytest

import briefing_tui.snapshot as snapshot
from briefing_tui import search as search_module
from briefing_tui.content import load_content
from briefing_tui.search import LIGHT_PARTS, SearchEngine, SearchQuery, light_corpus


@pytest.fixture
def ws(content_copy):
    return content_copy


def _same(a, b) -> None:
    for name in ("sources", "synonyms", "problems", "statements", "domains", "forums"):
        assert getattr(a, name) == getattr(b, name), name


def test_light_corpus_is_what_the_loader_reads(ws):
    SearchEngine.open(ws).close()
    first = light_corpus(ws)  # from the cache file
    assert search_module._cache_file(ws.index_path, "light").is_file()
    _same(first, load_content(ws.content, parts=LIGHT_PARTS))


def test_light_corpus_follows_a_changed_source(ws):
    SearchEngine.open(ws).close()
    path = next((ws.content / "sources").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    time.sleep(0.01)
    path.write_text(text.replace("title:", "title: Gewijzigd", 1), encoding="utf-8")
    _same(light_corpus(ws), load_content(ws.content, parts=LIGHT_PARTS))
    time.sleep(0.01)
    (ws.content / "sources" / "zonder-metadata.txt").write_text("Tekst.\n", encoding="utf-8")
    fresh = light_corpus(ws)
    assert any("zonder-metadata" in p.path for p in fresh.problems)  # a text without metadata: a warning
    _same(fresh, load_content(ws.content, parts=LIGHT_PARTS))


def test_vocabulary_is_cached_per_state_of_the_index(ws):
    with SearchEngine.open(ws) as engine:
        words = dict(engine.vocabulary().df)
    path = search_module._cache_file(ws.index_path, "vocab")
    assert path.is_file()
    with SearchEngine.open(ws) as engine:
        assert engine.vocabulary().df == words
    # An edit that brings a new word: the next engine has it (a new generation of the index).
    laws = ws.content / "domains" / "laws.yaml"
    time.sleep(0.01)
    laws.write_text(laws.read_text(encoding="utf-8").replace('name: "Autonome wapensystemen"',
                                                             'name: "Autonome wapensystemen zwermrobotica"'),
                    encoding="utf-8")
    snapshot._memo = None
    with SearchEngine.open(ws) as engine:
        assert "zwermrobotica" in engine.vocabulary()
        assert engine.search(SearchQuery("zwermrobot")).total > 0
    snapshot._memo = None
    with SearchEngine.open(ws) as engine:
        assert "zwermrobotica" in engine.vocabulary()


def test_a_damaged_cache_file_is_made_again(ws):
    SearchEngine.open(ws).close()
    for kind in ("vocab", "light"):
        search_module._cache_file(ws.index_path, kind).write_bytes(b"\x00garbage")
    with SearchEngine.open(ws) as engine:
        assert engine.search(SearchQuery("verbod volledig autonome wapensystemen")).hits
    _same(light_corpus(ws), load_content(ws.content, parts=LIGHT_PARTS))
