"""The one content scan: what is content, and what is refused (links out of the folder, FIFOs,
devices), reported with its path and never hanging or leaking a file from elsewhere."""

from __future__ import annotations

import os
import threading


from briefing_tui.content import load_content
from briefing_tui.files import FileStat, scan_content
from briefing_tui.store import KnowledgeBase, SearchQuery
from briefing_tui.workspace import Workspace


def _codes(problems):
    return sorted((p.path, p.code) for p in problems)


def test_scan_lists_content_files_with_slash_paths(mini_content):
    scan = scan_content(mini_content)
    assert "domains/laws.yaml" in scan.files and "sources/kst-33694-99.txt" in scan.files
    assert all("\\\\" not in rel for rel in scan.files)
    (mini_content / "_staging").mkdir()
    (mini_content / "_staging" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (mini_content / ".hidden.yaml").write_text("a: 1\n", encoding="utf-8")
    (mini_content / "notes.md").write_text("# x\n", encoding="utf-8")
    assert set(scan_content(mini_content).files) == set(scan.files)


def test_a_link_out_of_the_content_folder_is_refused(mini_content, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("geheime sleutel wachtwoord12345\n", encoding="utf-8")
    os.symlink(secret, mini_content / "sources" / "kst-33694-99.txt.bak.txt")
    (mini_content / "sources" / "kst-33694-99.txt").unlink()
    os.symlink(secret, mini_content / "sources" / "kst-33694-99.txt")
    corpus = load_content(mini_content)
    assert ("content/sources/kst-33694-99.txt", "content.link_outside") in _codes(corpus.problems)
    assert "wachtwoord12345" not in corpus._texts.get("kst-33694-99", "")
    ws = Workspace(mini_content, tmp_path / "b", tmp_path / "cache")
    with KnowledgeBase.open(ws) as kb:
        assert kb.search(SearchQuery("wachtwoord12345")).total == 0


def test_a_link_inside_the_content_folder_is_followed(mini_content):
    os.symlink(mini_content / "sources" / "2019-oud.txt", mini_content / "sources" / "kopie.txt")
    scan = scan_content(mini_content)
    assert "sources/kopie.txt" in scan.files and not scan.problems


def test_a_fifo_or_a_device_never_hangs_and_is_reported(mini_content, tmp_path):
    os.mkfifo(mini_content / "domains" / "pipe.yaml")
    os.symlink("/dev/zero", mini_content / "sources" / "zero.txt")
    done: list = []
    worker = threading.Thread(target=lambda: done.append(load_content(mini_content)), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "loading hung on a FIFO or /dev/zero"
    codes = _codes(done[0].problems)
    assert ("content/domains/pipe.yaml", "content.not_regular") in codes
    assert ("content/sources/zero.txt", "content.link_outside") in codes
    ws = Workspace(mini_content, tmp_path / "b", tmp_path / "cache")
    opened: list = []
    worker = threading.Thread(target=lambda: opened.append(KnowledgeBase.open(ws)), daemon=True)
    worker.start()
    worker.join(20)
    assert opened and opened[0].search("verbod").total > 0
    opened[0].close()


def test_a_folder_that_is_no_knowledge_base_is_an_error(tmp_path):
    (tmp_path / "elders").mkdir()
    (tmp_path / "elders" / "README.txt.md").write_text("x", encoding="utf-8")
    corpus = load_content(tmp_path / "elders")
    assert [p.code for p in corpus.errors()] == ["content.no_knowledge_base"]
    assert [p.code for p in load_content(tmp_path / "nergens").errors()] == ["content.no_folder"]


def test_an_unreadable_folder_is_a_problem_not_a_traceback(mini_content, monkeypatch):
    import briefing_tui.files as files_module

    real = files_module.os.scandir

    def refusing(path):
        if str(path).endswith("domains"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(files_module.os, "scandir", refusing)
    corpus = load_content(mini_content)
    assert ("content/domains", "content.folder_unreadable") in _codes(corpus.problems)
    assert "kst-33694-99" in corpus.sources  # the rest is read


def test_only_what_the_loader_reads_is_scanned(tmp_path):
    root = tmp_path / "content"
    (root / "sources" / "deeper").mkdir(parents=True)
    (root / "sources" / "deeper" / "x.txt").write_text("x\n", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "y.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "qa.yaml").write_text("qa: []\n", encoding="utf-8")
    assert set(scan_content(root).files) == {"qa.yaml"}


def test_a_folders_files_are_listed_by_name_with_the_suffixes_asked(mini_content):
    # `in_folder` answers from one grouping of the scan: the folder's own files in name order,
    # with the suffixes asked.
    scan = scan_content(mini_content)
    names = scan.in_folder("sources")
    assert names and names == sorted(names) and all(n.endswith((".yaml", ".yml")) for n in names)
    texts = scan.in_folder("sources", (".txt",))
    assert "kst-33694-99.txt" in texts and not set(texts) & set(names)
    assert scan.in_folder("domains") == sorted(r.split("/", 1)[1] for r in scan.files if r.startswith("domains/"))
    assert scan.in_folder("nergens") == []


def test_a_folders_digest_changes_with_any_of_its_files_and_only_then(mini_content):
    first = scan_content(mini_content).digests()
    assert set(first) == {"sources", "domains", "forums"}
    assert scan_content(mini_content).digests() == first  # a scan again: the same
    text = next((mini_content / "sources").glob("*.txt"))
    os.utime(text, ns=(text.stat().st_atime_ns, text.stat().st_mtime_ns + 1000))  # edited in place
    touched = scan_content(mini_content).digests()
    assert touched["sources"] != first["sources"] and touched["domains"] == first["domains"]
    (mini_content / "domains" / "nieuw.yaml").write_text("id: nieuw\nname: N\n", encoding="utf-8")
    assert scan_content(mini_content).digests()["domains"] != first["domains"]
    skipped = scan_content(mini_content, skip=frozenset({"sources"}))
    assert "sources" not in skipped.digests()  # not listed: no digest


def test_the_files_outside_some_folders_are_those_a_look_at_each_path_gives(mini_content):
    scan = scan_content(mini_content)
    for folders in (frozenset({"sources"}), frozenset({"domains", "forums"}), frozenset()):
        assert scan.outside(folders) == {rel: st for rel, st in scan.files.items()
                                         if rel.rpartition("/")[0] not in folders}
    scan.files["sources/later.txt"] = FileStat(1, 2)  # added after the scan (as after an import)
    assert "sources/later.txt" in scan.outside(frozenset({"domains"}))
    assert "later.txt" in scan.in_folder("sources", (".txt",))
    grown = scan_content(mini_content)
    grown.files["sources/later.txt"] = FileStat(1, 2)
    assert grown.digests() == {}  # no folder is then vouched for by a digest
