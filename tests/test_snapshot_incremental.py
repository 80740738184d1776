"""After a few files change, the snapshot's corpus with those files read again is exactly what a
full load gives; whenever it could differ (problems, duplicate ids, unknown files), it is a full load."""

from __future__ import annotations

import time

import pytest

import briefing_tui.content as content_module
import briefing_tui.snapshot as snapshot
from briefing_tui.content import load_content

TABLES = ("sources", "statements", "domains", "forums", "commitments", "motions", "qa")


@pytest.fixture
def ws(content_copy):
    return content_copy


@pytest.fixture
def full_loads(monkeypatch):
    """Counts load_corpus's full loads of the content (load_content without parts)."""
    calls = []
    real = content_module.load_content

    def counted(root, **kwargs):
        if kwargs.get("parts") is None:
            calls.append(root)
        return real(root, **kwargs)

    monkeypatch.setattr(content_module, "load_content", counted)
    return calls


def _reload(ws):
    """load_corpus as a new process does it, and a full load to compare with."""
    snapshot._memo = None
    got = snapshot.load_corpus(ws)
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


def test_edits_read_only_the_changed_files(ws, full_loads):
    snapshot.load_corpus(ws)
    assert len(full_loads) == 1
    laws = ws.content / "domains" / "laws.yaml"
    _edit(laws, 'name: "Autonome wapensystemen"', 'name: "Autonome wapens (LAWS)"')
    _edit(laws, "    topic: \"laws/aansprakelijkheid\"", "    topic: \"laws/aansprakelijkheid-bewerkt\"")
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []  # only the changed files were read
    assert corpus.domains["laws"].name == "Autonome wapens (LAWS)"

    # A source text, a source's metadata, qa.yaml and the synonyms.
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
    snapshot.load_corpus(ws)
    sources = ws.content / "sources"
    _write(sources / "2023-01-01-nieuw.txt", "Het kabinet zet zich in voor een verbod.\n")
    _write(sources / "2023-01-01-nieuw.yaml",
           'id: 2023-01-01-nieuw\nkind: kamerbrief\ntitle: "Nieuw"\ndate: "2023-01-01"\n')
    full_loads.clear()
    corpus = _reload(ws)
    assert full_loads == []
    assert list(corpus.sources)[-1] == "2023-01-01-nieuw"  # the loader's order: by file name
    # A source removed whose statements stay: a dangling reference is not a loading problem.
    victim = sorted(sources.glob("*.yaml"))[0]
    victim.unlink()
    victim.with_suffix(".txt").unlink()
    full_loads.clear()
    _reload(ws)
    assert full_loads == []


def test_new_and_renamed_area_files(ws, full_loads):
    snapshot.load_corpus(ws)
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
    snapshot.load_corpus(ws)
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
    assert len(full_loads) == 1  # load_corpus loaded everything
    # Put right again: the snapshot has problems, so this is a full load too.
    time.sleep(0.002)
    for path, data in originals.items():
        path.write_bytes(data)
    for extra in (ws.content / "notities.yaml", ws.content / "sources" / "los.txt"):
        extra.unlink(missing_ok=True)
    full_loads.clear()
    assert not _reload(ws).problems
    assert len(full_loads) == 1


def test_many_changes_are_a_full_load(ws, full_loads, monkeypatch):
    snapshot.load_corpus(ws)
    monkeypatch.setattr(snapshot, "MAX_CHANGED_FILES", 2)
    for path in sorted((ws.content / "sources").glob("*.txt"))[:3]:
        _write(path, path.read_text(encoding="utf-8") + "\nNog een alinea.\n")
    full_loads.clear()
    _reload(ws)
    assert len(full_loads) == 1


def test_a_snapshot_from_another_version_is_not_patched(ws, full_loads):
    snapshot.load_corpus(ws)
    path = snapshot.snapshot_path(ws)
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[:40]))  # truncated
    laws = ws.content / "domains" / "laws.yaml"
    _edit(laws, 'name: "Autonome wapensystemen"', 'name: "Autonome wapens"')
    full_loads.clear()
    _reload(ws)
    assert len(full_loads) == 1
