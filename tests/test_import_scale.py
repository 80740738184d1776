"""`briefing import` costs the same with 5 sources or 30,000: the duplicate, link, publication
and id checks ask the index which few files could match and read only those; the index update
after writing looks only at the written files in a large sources/ folder. Here sources/ counts as
large from 5 files (`QUICK_FOLDER_FILES`), with the knowledge base's fast paths on, as at scale.
"""

from __future__ import annotations

import os
import re
import pathlib
import sqlite3
import time
from pathlib import Path

import pytest

import briefing_tui.index as index_module
from briefing_tui.cli import main
from briefing_tui.store import KnowledgeBase, SearchQuery
from kbhelpers import index_path

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def ws(content_copy, fast_paths, monkeypatch):
    monkeypatch.setattr(index_module, "QUICK_FOLDER_FILES", 5)  # sources/ (10 files) counts as large
    monkeypatch.setenv("BRIEFING_CACHE", str(content_copy.cache))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    KnowledgeBase.open(content_copy).close()
    KnowledgeBase.open(content_copy).close()  # the folders' mtimes are in the index now
    return content_copy


def run(ws, *args) -> int:
    return main(["--content", str(ws.content), "import", *map(str, args)])


@pytest.fixture
def source_reads(monkeypatch):
    """The files in a sources/ folder that are read (as text or bytes)."""
    seen: list[str] = []
    for name in ("read_bytes", "read_text"):
        real = getattr(pathlib.Path, name)

        def reading(self, *args, _real=real, **kwargs):
            if self.parent.name == "sources":
                seen.append(self.name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, name, reading)
    return seen


def _by_hand(path: Path, text: str) -> None:
    time.sleep(0.002)  # a new mtime even on coarse clocks
    path.write_text(text, encoding="utf-8")


def test_an_import_reads_no_other_source(ws, source_reads, capsys):
    assert run(ws, DATA / "kamerbrief.txt", "--id", "nieuwe-brief") == 0
    assert set(source_reads) <= {"nieuwe-brief.txt", "nieuwe-brief.yaml"}  # the walk read all ten
    assert "Geschreven:" in capsys.readouterr().out
    with KnowledgeBase.open(ws) as kb:
        assert kb.report.files_changed == 0  # the update after writing left the index current
        assert "nieuwe-brief" in {h.source.id for h in kb.search("normkader").hits if h.source}


def test_a_duplicate_is_found_in_the_index_reading_only_that_text(ws, source_reads, capsys):
    seed = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    copy = ws.content.parent / "kopie.txt"
    copy.write_text(seed.read_text(encoding="utf-8").replace("\n", "\r\n  "), encoding="utf-8")
    source_reads.clear()
    assert run(ws, copy, "--id", "kopie") == 1
    assert "al geïmporteerd als bron '2021-voortgang-motie-koopmans'" in capsys.readouterr().err
    assert set(source_reads) == {"2021-voortgang-motie-koopmans.txt"}
    assert not (ws.content / "sources" / "kopie.yaml").exists()


def test_a_source_dropped_in_by_hand_is_a_duplicate_at_once(ws, capsys):
    text = (DATA / "kamerbrief.txt").read_text(encoding="utf-8")
    _by_hand(ws.content / "sources" / "met-de-hand.txt", text)
    _by_hand(ws.content / "sources" / "met-de-hand.yaml", 'id: met-de-hand\nkind: kamerbrief\ntitle: "Met de hand"\n')
    assert run(ws, DATA / "kamerbrief.txt", "--id", "nieuwe-brief") == 1
    assert "al geïmporteerd als bron 'met-de-hand'" in capsys.readouterr().err


def test_a_text_edited_in_place_is_a_duplicate_once_the_index_has_looked(ws, capsys):
    """An edit in place does not move a large folder's mtime (the quick check's blind spot, as
    for search); `briefing index` looks at every file, and the import then finds it."""
    target = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    _by_hand(target, (DATA / "kamerbrief.txt").read_text(encoding="utf-8"))
    assert main(["--content", str(ws.content), "index"]) == 0
    capsys.readouterr()
    assert run(ws, DATA / "kamerbrief.txt", "--id", "nieuwe-brief") == 1
    assert "al geïmporteerd als bron '2021-voortgang-motie-koopmans'" in capsys.readouterr().err


def test_questions_and_answers_are_linked_through_the_index(ws, source_reads, capsys):
    assert run(ws, DATA / "vragen.txt") == 0
    source_reads.clear()
    assert run(ws, DATA / "antwoorden.txt") == 0
    out = capsys.readouterr().out
    assert "Gekoppeld: answers: kv-tk-2019z04567" in out
    # the questions (the one candidate) and what was written; none of the other sources
    assert {name.rpartition(".")[0] for name in source_reads} <= {"kv-tk-2019z04567", "ah-tk-20182019-2345"}


def test_a_source_whose_yaml_does_not_load_is_still_a_link_candidate(ws, capsys):
    """Such a source is not in the index as a source; its raw YAML is read as before."""
    assert run(ws, DATA / "vragen.txt") == 0
    questions = ws.content / "sources" / "kv-tk-2019z04567.yaml"
    text = questions.read_text(encoding="utf-8")
    _by_hand(questions, re.sub(r"(?m)^id: .*$", "id: 2019", text, count=1))  # an id that is no string: not loaded
    assert run(ws, DATA / "antwoorden.txt") == 0
    assert "Gekoppeld: answers: kv-tk-2019z04567" in capsys.readouterr().out


def _new_source(path: Path, word: str) -> list[Path]:
    _by_hand(path, f"Het kabinet schrijft over {word}.\n")
    _by_hand(path.with_suffix(".yaml"), f'id: {path.stem}\nkind: kamerbrief\ntitle: "{word}"\ndate: "2023-01-01"\n')
    return [path, path.with_suffix(".yaml")]


def test_the_update_after_writing_looks_only_at_the_written_files(ws, monkeypatch):
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.files import scan_content

    def no_whole_scan(root, **kwargs):
        assert "sources" in kwargs.get("skip", ()), "sources/ scanned file by file"
        return scan_content(root, **kwargs)

    with KnowledgeBase.open(ws) as kb:
        written = _new_source(ws.content / "sources" / "2023-01-01-eigen.txt", "eigenwoord")
        with monkeypatch.context() as m:
            for module in (index_module, kb_module):
                m.setattr(module, "scan_content", no_whole_scan)
            kb.after_writing(written)
        assert sorted(kb.report.added) == ["sources/2023-01-01-eigen.txt", "sources/2023-01-01-eigen.yaml"]
        assert kb.search("eigenwoord").total == 1
    with KnowledgeBase.open(ws) as kb:
        assert kb.report.files_changed == 0  # and the folder's new state is recorded


def test_the_update_after_writing_sees_a_file_added_meanwhile(ws):
    """The listing of a large folder must add up: a file someone else added in the meantime
    makes it a full look, and that file is indexed too."""
    with KnowledgeBase.open(ws) as kb:
        written = _new_source(ws.content / "sources" / "2023-01-01-eigen.txt", "eigenwoord")
        other = _new_source(ws.content / "sources" / "2023-01-02-ander.txt", "anderwoord")
        kb.after_writing(written)
        assert sorted(kb.report.added) == sorted(f"sources/{p.name}" for p in [*written, *other])
        assert kb.search("anderwoord").total == 1


def test_the_counts_after_an_import_are_the_index_counts(ws, capsys):
    assert run(ws, DATA / "vragen.txt") == 0
    assert run(ws, DATA / "antwoorden.txt") == 0
    with KnowledgeBase.open(ws) as kb:
        reported = kb.report.counts
    conn = sqlite3.connect(index_path(ws))
    try:
        assert reported == index_module._counts(conn)
    finally:
        conn.close()


def test_an_index_update_after_a_source_is_removed_forgets_its_fingerprint(ws, capsys):
    text = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    kept = text.read_text(encoding="utf-8")
    for suffix in (".txt", ".yaml"):
        os.unlink(text.with_suffix(suffix))
    copy = ws.content.parent / "weer.txt"
    copy.write_text(kept, encoding="utf-8")
    code = run(ws, copy, "--id", "weer-terug", "--kind", "kamerbrief", "--title", "Weer terug")
    assert "al geïmporteerd" not in capsys.readouterr().err
    assert code == 0
    with KnowledgeBase.open(ws) as kb:
        assert kb.search(SearchQuery("motie Koopmans")).total


def test_a_build_digests_in_workers_exactly_as_in_process(ws, monkeypatch):
    """A large build hashes and fingerprints the files in forked workers, in batches: the same
    digests as one by one in this process (texts in another encoding, not UTF-8, included)."""
    from briefing_tui.files import scan_content
    from briefing_tui.index import scan_files, source_files

    (ws.content / "sources" / "latijn.txt").write_bytes("caf\xe9 \xa0 ".encode("latin-1"))
    (ws.content / "sources" / "nfd.txt").write_text("cafe\u0301\u00a0 en\n\fmeer", encoding="utf-8")
    files = scan_files(ws.content, scan_content(ws.content))
    monkeypatch.setattr(source_files, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(source_files, "BATCH", 3)
    digests = source_files.digest_all(ws.content, files)
    assert digests == {rel: source_files.digest(ws.content / rel, source_files.is_text(rel)) for rel in files}
    assert digests["sources/latijn.txt"][1] is None
    assert digests["sources/nfd.txt"][1] == source_files.digest(ws.content / "sources" / "nfd.txt", True)[1]


def test_an_id_in_a_file_the_index_could_not_read_is_still_in_use(ws, capsys):
    """A file with a YAML error gives the index none of its records; with errors in the content
    every YAML file outside sources/ is searched for the id, as the walk did."""
    laws = ws.content / "domains" / "laws.yaml"
    _by_hand(laws, laws.read_text(encoding="utf-8") + "\nkapot: [\n")
    assert main(["--content", str(ws.content), "index"]) == 0
    capsys.readouterr()
    assert run(ws, DATA / "kamerbrief.txt", "--id", "laws-verbod-2022") == 1
    err = capsys.readouterr().err
    assert "al in gebruik" in err and "domains/laws.yaml:" in err


def test_a_link_out_of_the_folder_beside_a_written_file_is_not_indexed(ws, tmp_path):
    """The update after writing stats the written files' siblings; a link among them is left to
    the full scan, which refuses a link out of the content folder."""
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheimwoord staat buiten de kennisbank\n", encoding="utf-8")
    with KnowledgeBase.open(ws) as kb:
        (ws.content / "sources" / "2023-01-01-eigen.txt").symlink_to(secret)
        yaml_file = ws.content / "sources" / "2023-01-01-eigen.yaml"
        _by_hand(yaml_file, 'id: 2023-01-01-eigen\nkind: kamerbrief\ntitle: "Eigen"\ndate: "2023-01-01"\n')
        kb.after_writing([yaml_file])
        assert kb.search("geheimwoord").total == 0


def test_an_edited_domain_file_is_indexed_without_walking_a_large_sources_folder(ws, monkeypatch):
    """Edits cost what they change: after a domain file is edited, the next command's update
    stats the domain files and judges the large sources/ folder by its mtime, as the no-change
    check does; the index is then exactly what a full check finds."""
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.files import scan_content

    def no_whole_scan(root, **kwargs):
        assert "sources" in kwargs.get("skip", ()), "sources/ scanned file by file"
        return scan_content(root, **kwargs)

    laws = ws.content / "domains" / "laws.yaml"
    _by_hand(laws, laws.read_text(encoding="utf-8").replace("duidelijke belegging", "zwermrobotische belegging"))
    with monkeypatch.context() as m:
        for module in (index_module, kb_module):
            m.setattr(module, "scan_content", no_whole_scan)
        with KnowledgeBase.open(ws) as kb:
            assert kb.report.changed == ["domains/laws.yaml"]
            assert kb.search("zwermrobotische").total == 1
    with KnowledgeBase.open(ws, thorough=True) as kb:
        assert kb.report.files_changed == 0  # nothing left for a full check


def test_a_domain_edit_with_a_new_source_beside_it_looks_at_everything(ws):
    laws = ws.content / "domains" / "laws.yaml"
    _by_hand(laws, laws.read_text(encoding="utf-8").replace("duidelijke belegging", "zwermrobotische belegging"))
    _new_source(ws.content / "sources" / "2023-01-01-eigen.txt", "eigenwoord")
    with KnowledgeBase.open(ws) as kb:
        assert sorted(kb.report.changed + kb.report.added) == [
            "domains/laws.yaml", "sources/2023-01-01-eigen.txt", "sources/2023-01-01-eigen.yaml"]
        assert kb.search("eigenwoord").total == 1 and kb.search("zwermrobotische").total == 1


def test_a_check_of_every_file_skips_an_unchanged_sources_folder_by_its_digest(ws, monkeypatch):
    """`briefing index` stats every file, but compares an unchanged sources/ folder as one digest
    of its files' names, sizes and mtimes, not path by path; a text edited in place changes
    the digest, and is found."""
    compared: list[frozenset] = []
    real = index_module.stored_files

    def recording(conn, skip, also, **kwargs):
        compared.append(skip)
        return real(conn, skip, also, **kwargs)

    monkeypatch.setattr(index_module, "stored_files", recording)
    domain = ws.content / "domains" / "laws.yaml"
    _by_hand(domain, domain.read_text(encoding="utf-8").replace("Autonome wapensystemen", "Autonome wapens", 1))
    with KnowledgeBase.open(ws, thorough=True) as kb:
        assert kb.report.changed == ["domains/laws.yaml"] and "sources" in compared[-1] and "domains" not in compared[-1]
    text = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    _by_hand(text, text.read_text(encoding="utf-8") + "\nEen alinea over zwermtechniek.\n")
    with KnowledgeBase.open(ws, thorough=True) as kb:
        assert kb.report.changed == ["sources/2021-voortgang-motie-koopmans.txt"] and "sources" not in compared[-1]
        assert kb.search("zwermtechniek").total == 1


def test_a_file_written_by_an_import_and_removed_again_is_seen_by_a_check_of_every_file(ws):
    """After an update that looked only at the written files, the index no longer holds what the
    sources/ digest it kept described: a folder back as it was before the import must still be
    compared path by path."""
    with KnowledgeBase.open(ws, thorough=True):
        pass  # the digest of sources/ as it is now
    with KnowledgeBase.open(ws) as kb:
        written = _new_source(ws.content / "sources" / "2023-01-01-eigen.txt", "eigenwoord")
        kb.after_writing(written)
        assert kb.search("eigenwoord").total == 1
    for path in written:
        path.unlink()  # sources/ lists what it listed before the import
    with KnowledgeBase.open(ws, thorough=True) as kb:
        assert sorted(kb.report.removed) == sorted(f"sources/{p.name}" for p in written)
        assert kb.search("eigenwoord").total == 0
