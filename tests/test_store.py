"""The knowledge base behind its door: every fast path gives exactly what the simple path
("parse everything") gives, and never runs code from the cache folder.

- opening unchanged content parses no YAML (the index, the sources and synonyms cache, the
  snapshot); a changed file is read again;
- after a few files change, the snapshot's corpus with those files read again is exactly what a
  full load gives; whenever it could differ (problems, duplicate ids, unknown files), it is a
  full load;
- the caches are JSON in a private folder; a damaged one is made again;
- `prepare` parses a large knowledge base in a child process.
"""

from __future__ import annotations

import json
import os
import stat
import time

import pytest
from kbhelpers import paths

import briefing_tui.store.knowledge_base as kb_module
import briefing_tui.store.snapshot as snapshot
from briefing_tui.content import load_content
from briefing_tui.search.wordcounts import WordCounts
from briefing_tui.store import KnowledgeBase, SearchQuery, prepare
from briefing_tui.workspace import Workspace

TABLES = ("sources", "statements", "domains", "forums", "commitments", "motions", "qa")


@pytest.fixture(autouse=True)
def _large_knowledge_base(fast_paths):
    """These tests are about the fast paths: on as for a large knowledge base."""


@pytest.fixture
def ws(content_copy):
    return content_copy


@pytest.fixture
def full_loads(monkeypatch):
    """Counts the knowledge base's full loads of the content (load_content without parts)."""
    import briefing_tui.content as content_module

    calls = []
    real = content_module.load_content

    def counted(root, **kwargs):
        if kwargs.get("parts") is None:
            calls.append(root)
        return real(root, **kwargs)

    monkeypatch.setattr(content_module, "load_content", counted)  # the store imports it when it loads
    return calls


def _reload(ws):
    """The corpus as a new process loads it, and a full load to compare with."""
    with KnowledgeBase.open(ws) as kb:
        got = kb.corpus
    want = load_content(ws.content, field_lines=False)
    for name in TABLES:
        assert list(getattr(got, name).items()) == list(getattr(want, name).items()), name
    assert got.synonyms == want.synonyms
    assert got.problems == want.problems
    assert got._superseded_by == want._superseded_by
    assert list(got._superseded_by) == list(want._superseded_by)
    return got


def _write(path, text):
    time.sleep(0.002)  # a new mtime even on coarse clocks, whatever the size
    path.write_text(text, encoding="utf-8")


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    _write(path, text.replace(old, new, count))


# --- opening without parsing -----------------------------------------------------------------------

def test_unchanged_content_opens_without_parsing_statements(ws, forbid_full_load):
    KnowledgeBase.open(ws).close()  # first run: builds the index and the caches
    forbid_full_load()
    with KnowledgeBase.open(ws) as kb:
        assert not kb.corpus_loaded
        hits = kb.search(SearchQuery("verbod volledig autonome wapensystemen", kinds=("statement",))).hits
        assert hits and hits[0].source.citation  # citations come from the sources alone
        assert kb.content_errors() == 0  # known from the last full load
        corpus = kb.corpus  # previews need it: from the snapshot, not from the YAML
        assert "laws-verbod-2022" in corpus.statements
        assert corpus.superseded_by("laws-verbod-2019") == "laws-verbod-2022"
        assert corpus.source_text("2019-normkader-nieuwe-technologieen").startswith(" In het AO")


def test_content_errors_are_counted_without_a_full_load(ws, forbid_full_load):
    (ws.content / "motions.yaml").write_text("motions: [\n", encoding="utf-8")
    KnowledgeBase.open(ws).close()
    forbid_full_load()
    with KnowledgeBase.open(ws) as kb:
        assert kb.content_errors() == 1


# --- the snapshot, patched --------------------------------------------------------------------------

def test_edits_read_only_the_changed_files(ws, full_loads):
    _reload(ws)
    assert len(full_loads) == 1
    laws = ws.content / "domains" / "laws.yaml"
    _edit(laws, 'name: "Autonome wapensystemen"', 'name: "Autonome wapens (LAWS)"')
    _edit(laws, "    topic: \"laws/aansprakelijkheid\"", "    topic: \"laws/aansprakelijkheid-bewerkt\"")
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []  # only the changed files were read
    assert corpus.domains["laws"].name == "Autonome wapens (LAWS)"

    src = sorted((ws.content / "sources").glob("*.txt"))[0]
    _write(src, src.read_text(encoding="utf-8") + "\nEen alinea erbij.\n")
    meta = sorted((ws.content / "sources").glob("*.yaml"))[1]
    _edit(meta, "title:", "title: Bewerkt ")
    _edit(ws.content / "qa.yaml", "number: 1\n", "number: 1\n", 1)  # same text, new mtime
    _edit(ws.content / "synonyms.yaml", "groups:", "groups:\n  - [zwerm, zwermen, drone-zwerm]")
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []
    assert ("zwerm", "zwermen", "drone-zwerm") in corpus.synonyms


def test_an_imported_source_and_a_removed_one(ws, full_loads):
    _reload(ws)
    sources = ws.content / "sources"
    _write(sources / "2023-01-01-nieuw.txt", "Het kabinet zet zich in voor een verbod.\n")
    _write(sources / "2023-01-01-nieuw.yaml",
           'id: 2023-01-01-nieuw\nkind: kamerbrief\ntitle: "Nieuw"\ndate: "2023-01-01"\n')
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []
    assert list(corpus.sources)[-1] == "2023-01-01-nieuw"  # the loader's order: by file name
    victim = sorted(sources.glob("*.yaml"))[0]
    victim.unlink()
    victim.with_suffix(".txt").unlink()
    full_loads.clear()
    _reload(ws)
    assert full_loads == []


def test_new_and_renamed_area_files(ws, full_loads):
    _reload(ws)
    _write(ws.content / "domains" / "aa-nieuw.yaml",
           'id: aa-nieuw\nname: "Nieuw domein"\nstatements:\n'
           '  - id: aa-nieuw-1\n    topic: aa-nieuw/een\n    position: "Een positie."\n'
           '    quote: "Een citaat."\n    source: 2019-normkader-nieuwe-technologieen\n    locator: "p. 1"\n')
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []
    assert list(corpus.domains)[0] == "aa-nieuw" and "aa-nieuw-1" in corpus.statements
    (ws.content / "domains" / "aa-nieuw.yaml").rename(ws.content / "domains" / "aa-nieuw.yml")
    full_loads.clear()
    _reload(ws)
    assert full_loads == []


@pytest.mark.parametrize("change", ["duplicate", "yaml-error", "unknown-file", "text-without-metadata", "bad-text"])
def test_whatever_could_differ_is_a_full_load(ws, full_loads, change):
    _reload(ws)
    laws = ws.content / "domains" / "laws.yaml"
    src = sorted((ws.content / "sources").glob("*.txt"))[0]
    originals = {laws: laws.read_bytes(), src: src.read_bytes()}
    if change == "duplicate":  # a statement id that another (unchanged) file defines
        other = next(s for s in load_content(ws.content).statements.values() if s.home != "domains/laws")
        _edit(laws, '  - id: "laws-verantwoordelijkheid-2022"', f'  - id: "{other.id}"')
    elif change == "yaml-error":
        _edit(laws, "statements:", "statements: [\n")
    elif change == "unknown-file":
        _write(ws.content / "notities.yaml", "a: 1\n")
    elif change == "text-without-metadata":
        _write(ws.content / "sources" / "los.txt", "Tekst.\n")
    else:
        src.write_bytes(b"\xff\xfe niet utf-8")
    full_loads.clear()
    assert _reload(ws).problems
    assert len(full_loads) == 1
    time.sleep(0.002)
    for path, data in originals.items():
        path.write_bytes(data)
    for extra in (ws.content / "notities.yaml", ws.content / "sources" / "los.txt"):
        extra.unlink(missing_ok=True)
    full_loads.clear()
    assert not _reload(ws).problems
    assert len(full_loads) == 1  # the snapshot had problems: not patched


def test_many_changes_are_a_full_load(ws, full_loads, monkeypatch):
    _reload(ws)
    monkeypatch.setattr(snapshot, "MAX_CHANGED_FILES", 2)
    for path in sorted((ws.content / "sources").glob("*.txt"))[:3]:
        _write(path, path.read_text(encoding="utf-8") + "\nNog een alinea.\n")
    full_loads.clear()
    _reload(ws)
    assert len(full_loads) == 1


def test_a_snapshot_written_in_many_chunks_reads_back_whole(ws, tmp_path, monkeypatch):
    """A snapshot is written a chunk at a time (a million statements are never one string);
    cut into chunks of a few hundred bytes, it still gives back exactly the corpus."""
    corpus = load_content(ws.content)
    real = snapshot._chunks
    sizes: list[int] = []

    def small(head, lines, size=300):
        for chunk in real(head, lines, size):
            sizes.append(len(chunk))
            yield chunk

    monkeypatch.setattr(snapshot, "_chunks", small)
    key = (str(ws.content), ["code"], [["domains/ai.yaml", 1, 2]])
    path = tmp_path / "snapshot.json"
    assert snapshot.write(path, key, corpus)
    assert len(sizes) > 10
    back = snapshot.read(path, key)
    assert back is not None
    assert list(snapshot.encode_lines(back)) == list(snapshot.encode_lines(corpus))


def test_a_damaged_snapshot_is_a_full_load(ws, full_loads):
    _reload(ws)
    path = paths(ws).snapshot
    path.write_bytes(path.read_bytes()[:40])  # truncated
    _edit(ws.content / "domains" / "laws.yaml", 'name: "Autonome wapensystemen"', 'name: "Autonome wapens"')
    full_loads.clear()
    assert _reload(ws).domains["laws"].name == "Autonome wapens"
    assert len(full_loads) == 1


# --- caches: JSON or plain arrays, private, made again when damaged ----------------------------------------------

def test_caches_are_data_in_a_private_folder(ws):
    KnowledgeBase.open(ws).close()
    with KnowledgeBase.open(ws) as kb:  # a second process: the words read and kept
        kb.search("verbod")
        kb.corpus  # noqa: B018 - the snapshot
    p = paths(ws)
    assert stat.S_IMODE(p.folder.stat().st_mode) == 0o700
    with open(p.vocab, "rb") as fh:
        fh.readline()  # the digest
        assert fh.readline().strip().isdigit()  # the generation of the index it was read at
        words = WordCounts.from_bytes(fh.read())  # counts and words as plain arrays, never a pickle
    assert words is not None and "verbod" in words
    with open(p.snapshot, "rb") as fh:
        fh.readline()  # the digest
        for line in fh:  # the preamble, then the corpus a record per line: JSON, never a pickle
            json.loads(line)
    assert not list(p.folder.glob("*.pickle"))


def test_a_cache_folder_of_someone_else_is_never_used(tmp_path, content_dir):
    planted = tmp_path / "shared"
    planted.mkdir()
    os.chmod(planted, 0o777)  # writable by anyone: another user could have put files here
    ws = Workspace(content_dir, tmp_path / "b", planted)
    with KnowledgeBase.open(ws) as kb:
        assert kb.paths.folder != planted and kb.search("verbod").total
        assert stat.S_IMODE(kb.paths.folder.stat().st_mode) == 0o700
    assert list(planted.iterdir()) == []


def test_a_damaged_cache_file_is_made_again(ws):
    KnowledgeBase.open(ws).close()
    for path in (paths(ws).vocab, paths(ws).snapshot):
        path.write_bytes(b"\x00garbage")
    with KnowledgeBase.open(ws) as kb:
        assert kb.search(SearchQuery("verbod volledig autonome wapensystemen")).hits
        assert "laws-verbod-2022" in kb.corpus.statements


def test_a_cut_off_vocabulary_is_read_again_from_the_index(ws):
    with KnowledgeBase.open(ws) as kb:
        kb.search("verbod")
    vocab = paths(ws).vocab
    data = vocab.read_bytes()
    vocab.write_bytes(data[: len(data) // 2])  # the digest still right, the words cut off
    with KnowledgeBase.open(ws) as kb:
        assert "wapensystemen" in kb.vocabulary() and kb.search("killer robots").hits
    assert vocab.read_bytes() == data  # written whole again


def test_the_words_corrections_come_from_are_kept_for_the_next_process(ws, monkeypatch):
    from briefing_tui.search.spelling import WordsByLength

    found: list[int] = []
    real = WordsByLength.of_vocabulary.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(WordsByLength, "of_vocabulary", classmethod(lambda cls, df: found.append(1) or real(cls, df)))
    with KnowledgeBase.open(ws) as kb:  # the build finds them and keeps them
        assert paths(ws).speller.exists() and found == [1]
    paths(ws).speller.unlink()
    with KnowledgeBase.open(ws) as kb:
        first = [h.id for h in kb.search("exportcontorle regimes").hits]  # a typo: the words found and kept
    assert first and found == [1, 1] and paths(ws).speller.exists()
    with KnowledgeBase.open(ws) as kb:  # the next process reads them
        assert [h.id for h in kb.search("exportcontorle regimes").hits] == first
    assert found == [1, 1]
    paths(ws).speller.write_bytes(paths(ws).speller.read_bytes()[:-5])  # cut off: found again
    with KnowledgeBase.open(ws) as kb:
        assert [h.id for h in kb.search("exportcontorle regimes").hits] == first
    assert found == [1, 1, 1]
    _edit(ws.content / "domains" / "laws.yaml", 'name: "Autonome wapensystemen"',
          'name: "Autonome wapensystemen zwermrobotica"')
    with KnowledgeBase.open(ws) as kb:  # other words in the index: found again, with the new word
        assert kb.vocabulary().speller().corrections("zwermrobotika") == ["zwermrobotica"]
    assert found == [1, 1, 1, 1]


def test_a_changed_source_is_cited_as_it_is_now(ws):
    KnowledgeBase.open(ws).close()
    path = ws.content / "sources" / "2019-normkader-nieuwe-technologieen.yaml"
    _edit(path, "title:", "title: Gewijzigd ")
    with KnowledgeBase.open(ws) as kb:
        hit = kb.search(SearchQuery("normkader", kinds=("passage",))).hits[0]
        assert hit.source.title.startswith("Gewijzigd")


def test_vocabulary_follows_the_index(ws):
    with KnowledgeBase.open(ws) as kb:
        words = dict(kb.vocabulary().df)
    with KnowledgeBase.open(ws) as kb:
        assert kb.vocabulary().df == words  # from the cache
    _edit(ws.content / "domains" / "laws.yaml", 'name: "Autonome wapensystemen"',
          'name: "Autonome wapensystemen zwermrobotica"')
    with KnowledgeBase.open(ws) as kb:
        assert "zwermrobotica" in kb.vocabulary()
        assert kb.search(SearchQuery("zwermrobot")).total > 0


def test_rebuild_starts_from_nothing(ws, full_loads):
    KnowledgeBase.open(ws).close()
    p = paths(ws)
    p.snapshot.write_text("wrong", encoding="utf-8")
    kept = sorted(p.items.iterdir())  # the kept parses of the area files (yamlitems)
    assert kept
    (p.items / "left-over.json").write_text("wrong", encoding="utf-8")
    full_loads.clear()
    with KnowledgeBase(ws, p.folder) as kb:
        report = kb.rebuild()
    assert report.rebuilt and len(full_loads) == 1  # the YAML itself, not the snapshot
    assert sorted(p.items.iterdir()) == kept  # made again: what was there before is gone


def test_a_full_load_removes_the_kept_parses_of_area_files_that_are_gone(ws, full_loads):
    extra = ws.content / "domains" / "tijdelijk.yaml"
    _write(extra, 'id: tijdelijk\nname: "Tijdelijk"\nstatements:\n  - id: tijdelijk-1\n    topic: "t"\n')
    _reload(ws)
    p = paths(ws)
    before = {f.name for f in p.items.iterdir()}
    extra.unlink()
    p.snapshot.unlink()  # the next load is a full one
    full_loads.clear()
    _reload(ws)
    assert len(full_loads) == 1
    after = {f.name for f in p.items.iterdir()}
    assert after < before and len(before - after) == 1


def test_a_damaged_index_is_rebuilt_on_the_first_error(ws):
    import sqlite3

    KnowledgeBase.open(ws).close()
    conn = sqlite3.connect(paths(ws).index)
    conn.execute("DROP TABLE records")
    conn.commit()
    conn.close()
    with KnowledgeBase.open(ws) as kb:
        assert kb.check_index() is not None or kb.report.rebuilt
        assert kb.search(SearchQuery("verbod")).total > 0


def test_stale_temporaries_of_killed_processes_are_removed(ws):
    KnowledgeBase.open(ws).close()
    folder = paths(ws).folder
    dead = folder / "index-x.sqlite.tmp-999999-abcd1234"  # no such process
    mine = folder / f"index-x.sqlite.tmp-{os.getpid()}-abcd1234"
    dead.write_bytes(b"x" * 100)
    mine.write_bytes(b"x")
    KnowledgeBase.open(ws).close()
    assert not dead.exists() and mine.exists()


# --- the child process ----------------------------------------------------------------------------

def test_prepare_parses_a_large_knowledge_base_in_a_child_process(ws, monkeypatch, forbid_full_load):
    assert prepare(ws, min_bytes=10**12) is None  # small content: left to the caller
    assert prepare(ws, min_bytes=0) is None  # done in a child
    forbid_full_load()
    with KnowledgeBase.open(ws) as kb:
        assert kb.report.files_changed == 0 and not kb.report.rebuilt
        assert "laws-verbod-2022" in kb.corpus.statements

    def no_child(*args, **kwargs):
        raise AssertionError("a child process was started")

    monkeypatch.setattr("subprocess.run", no_child)
    assert prepare(ws, min_bytes=0) is None  # nothing to do: no child at all


def test_prepare_says_why_the_child_failed(ws, monkeypatch):
    monkeypatch.setattr("sys.executable", str(ws.content / "no-such-python"))
    assert "no-such-python" in prepare(ws, min_bytes=0)
    with KnowledgeBase.open(ws) as kb:  # the caller then opens in its own process
        assert "laws-verbod-2022" in kb.corpus.statements


def test_a_small_knowledge_base_takes_the_simple_path(content_copy, monkeypatch):
    """Under FAST_PATH_BYTES the content is parsed whole at every open: no snapshot or caches."""
    monkeypatch.setattr(kb_module, "FAST_PATH_BYTES", 10**12)
    ws = content_copy
    with KnowledgeBase.open(ws) as kb:
        assert kb.corpus_loaded and kb.search("verbod").total
    with KnowledgeBase.open(ws) as kb:
        kb.search("drones")
        assert not kb.report.rebuilt
    p = paths(ws)
    assert p.index.exists() and not p.snapshot.exists() and not p.vocab.exists()


# --- the quick no-change check: large folders judged by their mtime ----------------------------------

def test_the_quick_check_reads_no_large_folder_and_still_sees_every_change(ws, monkeypatch):
    import briefing_tui.index as index_module
    import briefing_tui.files as files_module

    monkeypatch.setattr(index_module, "QUICK_FOLDER_FILES", 5)  # sources/ (10 files) counts as large
    KnowledgeBase.open(ws).close()
    KnowledgeBase.open(ws).close()  # the folders' mtimes are in the index now

    entered: list[str] = []
    real_scandir = files_module.os.scandir

    def counting(path):
        entered.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(files_module.os, "scandir", counting)
    with KnowledgeBase.open(ws) as kb:
        assert kb.report.files_changed == 0 and kb.search("verbod").total
    assert not any(p.endswith("/sources") for p in entered)  # judged by its mtime alone

    # A new source (written by rename, as the importer does): the folder's mtime moves.
    _write(ws.content / "sources" / "2023-05-01-nieuw.txt", "Het kabinet wil een verbod op zwermdrones.\n")
    _write(ws.content / "sources" / "2023-05-01-nieuw.yaml",
           'id: 2023-05-01-nieuw\nkind: kamerbrief\ntitle: "Nieuw"\ndate: "2023-05-01"\n')
    with KnowledgeBase.open(ws) as kb:
        assert sorted(kb.report.added) == ["sources/2023-05-01-nieuw.txt", "sources/2023-05-01-nieuw.yaml"]
        assert kb.search("zwermdrones").total == 1
    # An edit in place in a small folder is seen at once.
    _edit(ws.content / "domains" / "laws.yaml", 'name: "Autonome wapensystemen"', 'name: "Autonome wapens"')
    with KnowledgeBase.open(ws) as kb:
        assert kb.report.changed == ["domains/laws.yaml"]


def test_a_search_reads_nothing_but_the_index(ws, monkeypatch):
    """No YAML at all, not even the sources': each cited source's record comes from the index."""
    KnowledgeBase.open(ws).close()
    import briefing_tui.content as content_module

    def no_yaml(*args, **kwargs):
        raise AssertionError("content was parsed")

    monkeypatch.setattr(content_module, "load_content", no_yaml)
    with KnowledgeBase.open(ws) as kb:
        hit = kb.search(SearchQuery("verbod volledig autonome wapensystemen", kinds=("statement",))).hits[0]
        assert hit.source.citation and hit.source.title
        assert kb.search("killer robots").total > 0  # the synonyms, from the index


def test_an_interrupted_count_is_not_a_damaged_index(ws, monkeypatch):
    """The app stops an exact count the officer no longer waits for (`interrupt`): that is no
    reason to rebuild the index, and the next search works."""
    import sqlite3

    from briefing_tui.store import Interrupted

    with KnowledgeBase.open(ws) as kb:
        built = kb.report.state
        engine = kb.engine

        def interrupted(query):
            raise sqlite3.OperationalError("interrupted")

        monkeypatch.setattr(engine, "count", interrupted)
        with pytest.raises(Interrupted):
            kb.count("kabinet")
        monkeypatch.undo()
        assert kb.report.state == built and kb.report.reason != "damaged"  # not built again
        assert kb.search("killer robots").hits
        kb.interrupt()  # nothing running: a no-op
        assert kb.count("kabinet") > 0
