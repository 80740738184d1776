"""Opening a large unchanged knowledge base must not parse all of its YAML again."""

import shutil
import time

import pytest

import briefing_tui.content as content_module
import briefing_tui.snapshot as snapshot
from briefing_tui.search import SearchEngine, SearchQuery
from briefing_tui.workspace import Workspace


@pytest.fixture
def ws(tmp_path, content_dir):
    shutil.copytree(content_dir, tmp_path / "content")
    snapshot._memo = None
    yield Workspace(tmp_path / "content", tmp_path / "briefings", tmp_path / "cache")
    snapshot._memo = None


def _forbid_full_load(monkeypatch):
    real = content_module.load_content

    def guarded(root, **kwargs):
        if kwargs.get("parts") is None:
            raise AssertionError("the whole content was parsed again")
        return real(root, **kwargs)

    monkeypatch.setattr(content_module, "load_content", guarded)


def test_unchanged_content_opens_without_parsing_statements(ws, monkeypatch):
    SearchEngine.open(ws).close()  # first run: builds the index and the snapshot
    snapshot._memo = None  # a new process
    _forbid_full_load(monkeypatch)
    with SearchEngine.open(ws) as engine:
        assert not engine.corpus_loaded
        hits = engine.search(SearchQuery("verbod volledig autonome wapensystemen", kinds=("statement",))).hits
        assert hits and hits[0].source.citation  # citations come from the sources alone
        assert engine.content_errors() == 0  # known from the last full load
        # Previews need the whole corpus: it comes from the snapshot, not from the YAML.
        corpus = engine.corpus
        assert "laws-verbod-2022" in corpus.statements
        assert corpus.superseded_by("laws-verbod-2019") == "laws-verbod-2022"
        assert corpus.source_text("2019-normkader-nieuwe-technologieen").startswith(" In het AO")


def test_a_changed_file_is_read_again(ws):
    snapshot.load_corpus(ws)
    laws = ws.content / "domains" / "laws.yaml"
    text = laws.read_text(encoding="utf-8")
    time.sleep(0.01)
    laws.write_text(text.replace('name: "Autonome wapensystemen"', 'name: "Autonome wapens (LAWS)"'), encoding="utf-8")
    snapshot._memo = None
    assert snapshot.load_corpus(ws).domains["laws"].name == "Autonome wapens (LAWS)"


def test_a_damaged_snapshot_is_ignored(ws):
    snapshot.load_corpus(ws)
    snapshot.snapshot_path(ws).write_bytes(b"\x00garbage")
    snapshot._memo = None
    assert len(snapshot.load_corpus(ws).statements) > 100


def test_content_errors_are_counted_without_a_full_load(ws, monkeypatch):
    (ws.content / "motions.yaml").write_text("motions: [\n", encoding="utf-8")
    SearchEngine.open(ws).close()
    snapshot._memo = None
    _forbid_full_load(monkeypatch)
    with SearchEngine.open(ws) as engine:
        assert engine.content_errors() == 1
