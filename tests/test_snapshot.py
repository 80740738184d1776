"""Opening a large unchanged knowledge base must not parse all of its YAML again."""

import time

import pytest

import briefing_tui.snapshot as snapshot
from briefing_tui.search import SearchEngine, SearchQuery


@pytest.fixture
def ws(content_copy):
    return content_copy


def test_unchanged_content_opens_without_parsing_statements(ws, forbid_full_load):
    SearchEngine.open(ws).close()  # first run: builds the index and the snapshot
    snapshot._memo = None  # a new process
    forbid_full_load()
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


def test_content_errors_are_counted_without_a_full_load(ws, forbid_full_load):
    (ws.content / "motions.yaml").write_text("motions: [\n", encoding="utf-8")
    SearchEngine.open(ws).close()
    snapshot._memo = None
    forbid_full_load()
    with SearchEngine.open(ws) as engine:
        assert engine.content_errors() == 1


def test_prepare_parses_a_large_knowledge_base_in_a_child_process(ws, monkeypatch, forbid_full_load):
    """What `prepare` leaves behind lets this process open everything without parsing YAML."""
    from briefing_tui.index import needs_rebuild

    assert snapshot.needs_full_load(ws) and needs_rebuild(ws)
    assert snapshot.prepare(ws, min_bytes=10**12) is None  # small content: left to the caller
    assert snapshot.needs_full_load(ws) and needs_rebuild(ws)
    assert snapshot.prepare(ws, min_bytes=0) is None  # done in a child
    assert not snapshot.needs_full_load(ws) and not needs_rebuild(ws)
    forbid_full_load()
    with SearchEngine.open(ws) as engine:
        assert engine.report.files_changed == 0
        assert "laws-verbod-2022" in engine.corpus.statements

    # Nothing to do: no child at all.
    def no_child(*args, **kwargs):
        raise AssertionError("a child process was started")

    monkeypatch.setattr("subprocess.run", no_child)
    assert snapshot.prepare(ws, min_bytes=0) is None


def test_prepare_says_why_the_child_failed(ws, monkeypatch):
    monkeypatch.setattr("sys.executable", str(ws.content / "no-such-python"))
    assert "no-such-python" in snapshot.prepare(ws, min_bytes=0)
    with SearchEngine.open(ws) as engine:  # the caller then opens in its own process
        assert "laws-verbod-2022" in engine.corpus.statements
