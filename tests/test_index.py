"""The search index: built in the cache folder, updated file by file, rebuilt when unusable."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing_tui.content import load_content
from briefing_tui.index import IndexReport
from briefing_tui.wording.index import report_text
from briefing_tui.workspace import Workspace
from kbhelpers import index_path, rebuild_index, update_index

REPO = Path(__file__).resolve().parents[1]
REAL_SOURCES = REPO / "content" / "sources"
SOURCES = (
    "2019-normkader-nieuwe-technologieen",
    "2021-voortgang-motie-koopmans",
    "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen",
)

LAWS = """\
id: laws
name: "Autonome wapensystemen"
description: "Wapensystemen met autonome kenmerken."
aliases: ["LAWS", "killer robots"]
statements:
  - id: laws-geen-verbod-2019
    topic: laws/verbod
    position: "Het kabinet is geen voorstander van een verbod of moratorium op autonome wapensystemen."
    quote: "Zoals aangegeven in deze reactie is het kabinet geen voorstander van een verbod of moratorium op de ontwikkeling van autonome wapensystemen."
    source: 2019-normkader-nieuwe-technologieen
    locator: "p. 4"
    forums: [ccw]
  - id: laws-mhc-2019
    topic: laws/mhc
    position: "Alle wapensystemen moeten onder betekenisvolle menselijke controle staan."
    quote: "Uitgangspunt bij de Nederlandse inzet is dat alle wapensystemen, inclusief autonome wapensystemen, te allen tijde onder betekenisvolle menselijke controle moeten staan"
    source: 2019-normkader-nieuwe-technologieen
    locator: "p. 4"
"""

AI = """\
id: ai
name: "Kunstmatige intelligentie"
description: "AI en militaire toepassingen."
aliases: ["AI", "KI"]
statements:
  - id: ai-militair-2021
    topic: ai/militaire-toepassingen
    position: "Kunstmatige intelligentie is een sleutelonderwerp in de discussie over militaire toepassingen van nieuwe technologie."
    quote: "Al kent vele militaire toepassingen en is daarmee een sleutelonderwerp in de discussies over kansen en bedreigingen van nieuwe technologie in het militaire domein."
    source: 2021-voortgang-motie-koopmans
    locator: "p. 1"
"""

CCW = """\
id: ccw
name: "CCW"
description: "Het VN-verdrag inzake bepaalde conventionele wapens."
aliases: ["Convention on Certain Conventional Weapons"]
statements:
  - id: laws-verbod-2022
    topic: laws/verbod
    position: "Het kabinet streeft actief naar een verbod op volledig autonome wapensystemen."
    quote: "Het kabinet neemt aanbeveling 2 volledig over en zal zich in internationaal verband inspannen voor een verbod"
    source: 2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen
    locator: "Aanbeveling 2"
    domains: [laws]
    supersedes: [laws-geen-verbod-2019]
"""

SYNONYMS = """\
groups:
  - [ai, kunstmatige intelligentie, ki, al]
  - [killer robots, killerrobots, laws, autonome wapensystemen, autonome wapens]
  - [drones, drone, uav, onbemande luchtvaartuigen]
"""


def make_content(root: Path) -> Path:
    """A small content folder: three real sources, three area files, synonyms."""
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "domains").mkdir()
    (content / "forums").mkdir()
    for sid in SOURCES:
        for suffix in (".yaml", ".txt"):
            shutil.copyfile(REAL_SOURCES / f"{sid}{suffix}", content / "sources" / f"{sid}{suffix}")
    (content / "domains" / "laws.yaml").write_text(LAWS, encoding="utf-8")
    (content / "domains" / "ai.yaml").write_text(AI, encoding="utf-8")
    (content / "forums" / "ccw.yaml").write_text(CCW, encoding="utf-8")
    (content / "synonyms.yaml").write_text(SYNONYMS, encoding="utf-8")
    return content


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    content = make_content(tmp_path)
    return Workspace(content, tmp_path / "briefings", tmp_path / "cache")


def rows(ws: Workspace, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(index_path(ws))
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def rids_by_id(ws: Workspace) -> dict[str, int]:
    return {rec_id: rid for rid, rec_id in rows(ws, "SELECT rid, id FROM records")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_update_builds_the_index_in_the_cache_folder(ws):
    report = update_index(ws)
    assert report.rebuilt and report.reason == "missing"
    assert report_text(report).startswith("index opnieuw opgebouwd (nog geen index): 3 bronnen, 4 standpunten")
    assert index_path(ws).is_file()
    assert index_path(ws).parent == ws.cache
    assert not any(p.suffix == ".sqlite" for p in ws.content.rglob("*"))
    counts = dict(rows(ws, "SELECT kind, count(*) FROM records GROUP BY kind"))
    assert counts["statement"] == 4
    assert counts["passage"] > 50
    assert report.counts["sources"] == 3


def test_index_goes_to_briefing_cache_by_default(tmp_path, monkeypatch):
    content = make_content(tmp_path)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "elsewhere"))
    ws = Workspace.resolve(content=content, briefings=tmp_path / "b")
    update_index(ws)
    assert index_path(ws).parent == (tmp_path / "elsewhere").resolve()
    assert index_path(ws).is_file()


def test_no_change_check_does_nothing(ws):
    update_index(ws)
    before = rows(ws, "SELECT rid, id, text FROM records ORDER BY rid")
    report = update_index(ws)
    assert not report.rebuilt
    assert report.files_changed == 0 and report.records == 0
    assert report_text(report).startswith("index is bijgewerkt (3 bronnen, 4 standpunten")
    assert "; 0 bestanden gewijzigd) in " in report_text(report)
    assert rows(ws, "SELECT rid, id, text FROM records ORDER BY rid") == before


def test_a_touched_file_with_the_same_content_is_not_reindexed(ws):
    update_index(ws)
    laws = ws.content / "domains" / "laws.yaml"
    laws.write_text(laws.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(laws, ns=(laws.stat().st_atime_ns, laws.stat().st_mtime_ns + 10_000_000))
    report = update_index(ws)
    assert report.files_changed == 0 and report.records == 0


def test_incremental_update_touches_only_the_changed_file(ws):
    update_index(ws)
    before = rids_by_id(ws)
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    report = update_index(ws)
    assert report.changed == ["domains/ai.yaml"] and not report.added and not report.removed
    assert report.records == 1  # the one statement of ai.yaml
    after = rids_by_id(ws)
    assert after.keys() == before.keys()
    changed = {k for k in after if after[k] != before[k]}
    assert changed <= {"ai-militair-2021"}  # rewritten in place of itself: the same zone and day
    assert rows(ws, "SELECT text FROM records WHERE id = 'ai-militair-2021'")[0][0].startswith(
        "Kunstmatige intelligentie is een kernpunt")
    assert report_text(report).startswith("1 bestand opnieuw geïndexeerd (gewijzigd: domains/ai.yaml): 1 record geschreven; ")


def test_a_changed_source_text_reindexes_its_passages_only(ws):
    update_index(ws)
    before = rids_by_id(ws)
    txt = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "\nEen nieuwe alinea over kwantumcomputers.\n", encoding="utf-8")
    report = update_index(ws)
    assert report.changed == ["sources/2021-voortgang-motie-koopmans.txt"]
    after = rids_by_id(ws)
    moved = {k for k in after if before.get(k) != after[k]}
    assert all(k.startswith("2021-voortgang-motie-koopmans#") for k in moved)
    # Only the rows that changed are written (index._incremental): here the passage that now holds
    # the new paragraph, not the source's other passages.
    assert moved and report.records == len(moved)
    assert report.records < len([k for k in after if k.startswith("2021-voortgang-motie-koopmans#")])
    assert rows(ws, "SELECT count(*) FROM records WHERE text LIKE '%kwantumcomputers%'") == [(1,)]


def test_superseded_flags_follow_a_change_in_another_file(ws):
    update_index(ws)
    assert rows(ws, "SELECT current, superseded_by FROM records WHERE id = 'laws-geen-verbod-2019'") == [
        (0, "laws-verbod-2022")]
    # The superseding statement lives in forums/ccw.yaml; laws.yaml does not change.
    edit(ws.content / "forums" / "ccw.yaml", "    supersedes: [laws-geen-verbod-2019]\n", "")
    report = update_index(ws)
    assert report.changed == ["forums/ccw.yaml"] and report.records == 1
    assert rows(ws, "SELECT current, superseded_by FROM records WHERE id = 'laws-geen-verbod-2019'") == [(1, None)]


def test_a_new_alias_reaches_statements_of_other_files(ws):
    update_index(ws)
    edit(ws.content / "forums" / "ccw.yaml", '["Convention on Certain Conventional Weapons"]',
         '["Convention on Certain Conventional Weapons", "Wapenverdrag van Genève"]')
    update_index(ws)
    # laws-geen-verbod-2019 (domains/laws.yaml) names ccw among its forums.
    context = rows(ws, "SELECT context FROM records WHERE id = 'laws-geen-verbod-2019'")[0][0]
    assert "Wapenverdrag van Genève" in context


def test_added_and_removed_files(ws):
    update_index(ws)
    (ws.content / "domains" / "uav.yaml").write_text(
        'id: uav\nname: "Drones"\ndescription: "UAV\'s."\nstatements: []\n', encoding="utf-8")
    (ws.content / "domains" / "ai.yaml").unlink()
    report = update_index(ws)
    assert report.added == ["domains/uav.yaml"] and report.removed == ["domains/ai.yaml"]
    assert rows(ws, "SELECT count(*) FROM records WHERE id = 'ai-militair-2021'") == [(0,)]
    assert update_index(ws).files_changed == 0


def test_files_under_staging_and_hidden_folders_are_not_tracked(ws):
    update_index(ws)
    (ws.content / "_staging").mkdir()
    (ws.content / "_staging" / "draft.yaml").write_text("statements: []\n", encoding="utf-8")
    (ws.content / ".git").mkdir()
    (ws.content / ".git" / "HEAD.txt").write_text("x\n", encoding="utf-8")
    assert update_index(ws).files_changed == 0


def test_a_corrupt_index_file_is_rebuilt(ws):
    update_index(ws)
    index_path(ws).write_bytes(b"this is not a database" * 1000)
    report = update_index(ws)
    assert report.rebuilt and report.reason == "damaged"
    assert report_text(report).startswith("index opnieuw opgebouwd (indexbestand beschadigd): ")
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_an_empty_index_file_is_rebuilt(ws):
    ws.cache.mkdir(parents=True)
    index_path(ws).write_bytes(b"")
    report = update_index(ws)
    assert report.rebuilt
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_an_index_of_an_older_schema_is_rebuilt(ws):
    update_index(ws)
    conn = sqlite3.connect(index_path(ws))
    conn.execute("UPDATE meta SET value = 'schema 0; fold 0; unicode 0' WHERE key = 'version'")
    conn.commit()
    conn.close()
    report = update_index(ws)
    assert report.rebuilt and report.reason == "old_version"
    assert report_text(report).startswith("index opnieuw opgebouwd (index van een oudere versie): ")
    assert update_index(ws).files_changed == 0


def test_a_foreign_sqlite_file_is_rebuilt(ws):
    ws.cache.mkdir(parents=True)
    conn = sqlite3.connect(index_path(ws))
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    report = update_index(ws)
    assert report.rebuilt
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_a_locked_index_is_rebuilt_elsewhere_not_waited_for(ws):
    update_index(ws)
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    blocker = sqlite3.connect(index_path(ws), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        report = update_index(ws, busy_timeout=0.2)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert report.rebuilt and report.reason == "locked"
    assert report_text(report).startswith("index opnieuw opgebouwd (index vergrendeld door een ander proces): ")
    assert rows(ws, "SELECT text FROM records WHERE id = 'ai-militair-2021'")[0][0].startswith(
        "Kunstmatige intelligentie is een kernpunt")
    assert update_index(ws).files_changed == 0


def test_a_bad_content_file_does_not_stop_the_index(ws):
    (ws.content / "domains" / "ai.yaml").write_text("id: ai\nstatements: [\n", encoding="utf-8")
    corpus = load_content(ws.content)
    assert corpus.problems
    report = update_index(ws, corpus)
    assert report.rebuilt
    ids = {r[0] for r in rows(ws, "SELECT id FROM records WHERE kind = 'statement'")}
    assert ids == {"laws-geen-verbod-2019", "laws-mhc-2019", "laws-verbod-2022"}
    # A later check that finds nothing changed still knows the content has errors.
    again = update_index(ws)
    assert again.files_changed == 0 and again.problems == len(corpus.errors()) > 0


def test_rebuild_on_request_and_fts_table_is_detected_by_sqlite_utils(ws):
    update_index(ws)
    report = rebuild_index(ws)
    assert report.rebuilt and report.reason == "asked"
    assert report_text(report).startswith("index opnieuw opgebouwd (gevraagd): 3 bronnen, 4 standpunten")
    import sqlite_utils

    db = sqlite_utils.Database(index_path(ws))
    assert db["records"].detect_fts() == "records_fts"
    db.close()


def test_report_line_for_changed_files():
    report = IndexReport(changed=["domains/laws.yaml"], records=12, seconds=0.04,
                         counts={"sources": 5, "statement": 142, "passage": 310})
    assert report_text(report) == ("1 bestand opnieuw geïndexeerd (gewijzigd: domains/laws.yaml): 12 records geschreven; "
                                   "nu 5 bronnen, 142 standpunten, 310 passages; in 40 ms")
    assert report_text(IndexReport(seconds=0.012, counts={"sources": 5, "statement": 142, "passage": 310})) == (
        "index is bijgewerkt (5 bronnen, 142 standpunten, 310 passages; 0 bestanden gewijzigd) in 12 ms")


def test_passages_are_indexed_with_page_section_and_joined_hyphens(ws):
    update_index(ws)
    found = rows(ws, "SELECT id, page, locator, section FROM records WHERE kind = 'passage' AND text LIKE ?",
                 "%wapenbeheersing vormen en de wenselijkheid%")
    assert len(found) == 1
    rec_id, page, locator, _section = found[0]
    assert rec_id.startswith("2019-normkader-nieuwe-technologieen#")
    assert locator == f"p. {page}"
    # Headings are not passages of their own in the index: they are the passages' section.
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'passage' AND text = 'Kunstmatige intelligentie'") == [(0,)]
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'passage' AND section = 'Kunstmatige intelligentie'")[0][0] > 0


def test_statement_dates_come_from_the_source(ws):
    update_index(ws)
    assert rows(ws, "SELECT date, date_lo, date_hi FROM records WHERE id = 'laws-verbod-2022'") == [
        ("2022-06-17", 20220617, 20220617)]
    edit(ws.content / "sources" / "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen.yaml",
         'date: "2022-06-17"', 'date: "2022-03"')
    report = update_index(ws)
    assert report.changed == ["sources/2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen.yaml"]
    assert rows(ws, "SELECT date, date_lo, date_hi FROM records WHERE id = 'laws-verbod-2022'") == [
        ("2022-03", 20220301, 20220331)]



def test_passages_split_in_worker_processes_give_the_same_index(tmp_path, monkeypatch):
    from briefing_tui.index.records import PassageSplitter

    serial = Workspace(make_content(tmp_path / "a"), tmp_path / "b", tmp_path / "serial")
    update_index(serial)
    monkeypatch.setattr(PassageSplitter, "PARALLEL_MIN_CHARS", 0)
    pools = []
    original_start = PassageSplitter.start

    def start(self, corpus, sources):
        original_start(self, corpus, sources)
        pools.append(self._ahead._pool is not None)

    monkeypatch.setattr(PassageSplitter, "start", start)
    parallel = Workspace(make_content(tmp_path / "p"), tmp_path / "b", tmp_path / "parallel")
    update_index(parallel)
    if threading.active_count() == 1:
        assert pools == [True]  # the texts really went to worker processes
    query = "SELECT kind, id, text, page, section FROM records ORDER BY kind, id"
    assert rows(serial, query) == rows(parallel, query)
    # The workers also fold the passages' text for FTS5: the same words, in the same records.
    vocab = "SELECT term, doc, cnt FROM records_vocab ORDER BY term"
    assert rows(serial, vocab) == rows(parallel, vocab) and len(rows(serial, vocab)) > 1000
    found = ("SELECT r.id FROM records_fts JOIN records r ON r.rid = records_fts.rowid "
             "WHERE records_fts MATCH 'wapenbeheersing* OR autonome' ORDER BY r.id")
    assert rows(serial, found) == rows(parallel, found) and rows(serial, found)


def test_needs_update_says_whether_an_update_has_work(ws):
    from briefing_tui.files import scan_content
    from briefing_tui.index import needs_rebuild, needs_update

    def needs_update_now() -> bool:
        return needs_update(index_path(ws), scan_content(ws.content))

    assert needs_update_now() and needs_rebuild(index_path(ws))  # no index yet
    update_index(ws)
    assert not needs_update_now() and not needs_rebuild(index_path(ws))
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    assert needs_update_now() and not needs_rebuild(index_path(ws))
    update_index(ws)
    assert not needs_update_now()


def test_a_build_leaves_the_index_merging_for_later_updates(ws):
    """A build writes FTS5 segments without merging and merges once at the end; the index it
    leaves must merge as usual again (else every later edit adds segments and search slows),
    and hold no more new entries in memory than FTS5 does by default (the build holds 64 MB)."""
    update_index(ws)
    config = dict(rows(ws, "SELECT k, v FROM records_fts_config"))
    assert config.get("automerge") == 4
    assert config.get("hashsize", 1024 * 1024) == 1024 * 1024  # absent is the default too
    assert rows(ws, "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'kabinet'")[0][0] > 0


def test_an_error_while_a_build_writes_reaches_the_build(tmp_path):
    """The child process that writes a large build hands its SQLite error back (nothing is
    lost silently), and a build that fails leaves nothing half-written in its place."""
    from briefing_tui.index.writer import ChildProcess

    path = tmp_path / "t.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x INTEGER NOT NULL)").connection.close()
    writer = ChildProcess(str(path))
    writer("INSERT INTO t VALUES (?)", [(1,), (2,)])
    writer("INSERT INTO t VALUES (?)", [(None,)])
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        writer.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone()[0] == 0  # one transaction


def test_a_child_process_writes_the_same_index_as_this_process(tmp_path, ws, monkeypatch):
    """The speed machinery against the reference: the same build written by a child process
    (large builds) and in-process (small ones) gives the same rows, FTS entries and claims."""
    from briefing_tui.index import rebuild_index as core_rebuild
    from briefing_tui.index import writer

    def build(min_rows: int, name: str) -> sqlite3.Connection:
        monkeypatch.setattr(writer, "CHILD_MIN_ROWS", min_rows)
        started: list = []
        real = writer.ChildProcess
        monkeypatch.setattr(writer, "ChildProcess", lambda path: started.append(path) or real(path))
        path = tmp_path / name
        core_rebuild(path, ws.content, lambda: load_content(ws.content))
        assert bool(started) == (min_rows == 0)
        return sqlite3.connect(path)

    child, here = build(0, "child.sqlite"), build(10**9, "here.sqlite")
    for sql in ("SELECT * FROM records ORDER BY rid", "SELECT * FROM claims ORDER BY claimer, old",
                "SELECT term, doc, cnt FROM records_vocab ORDER BY term",
                "SELECT rowid FROM records_fts WHERE records_fts MATCH 'autonome' ORDER BY rowid"):
        assert child.execute(sql).fetchall() == here.execute(sql).fetchall(), sql
    assert child.execute("SELECT count(*) FROM records").fetchone()[0] > 50


def test_a_long_build_shows_its_progress_on_a_terminal_only(monkeypatch):
    """Records done, rate and total on a terminal, drawn without a thread of rich's (a build
    forks its workers only while it is the process's single thread); nothing when piped."""
    import io
    import sys

    from briefing_tui.commands import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress.progress_bar("index opbouwen") as update:
        assert update is None  # piped: quiet
    shown = Terminal()
    monkeypatch.setattr(sys, "stderr", shown)
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    threads = threading.active_count()
    with progress.progress_bar("index opbouwen") as update:
        assert update is not None
        for done in range(0, 2001, 250):
            update(done, 2000)
        assert threading.active_count() == threads
    assert "index opbouwen" in shown.getvalue() and "2000/2000" in shown.getvalue()
    assert "/s" in shown.getvalue()  # the rate


def test_a_child_writer_that_cannot_start_leaves_the_build_to_this_process(tmp_path, ws, monkeypatch):
    """A child process that stops without an SQLite error (here: it cannot import its module)
    does not cost the officer the build: it is done again in-process, and nothing half-built is
    left beside the index."""
    from briefing_tui.index import rebuild_index as core_rebuild
    from briefing_tui.index import writer

    monkeypatch.setattr(writer, "CHILD_MIN_ROWS", 0)
    monkeypatch.setattr(writer.ChildProcess, "MODULE", "briefing_tui.no_such_module")
    path = tmp_path / "cache" / "index.sqlite"
    report = core_rebuild(path, ws.content, lambda: load_content(ws.content))
    assert report.rebuilt and report.records > 50
    assert [p.name for p in path.parent.iterdir()] == ["index.sqlite"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'autonome'").fetchone()[0] > 0


def test_a_build_writes_statements_superseded_first_then_by_day_then_by_id():
    """The prior order of the statement rows (their row ids; a broad query lists them by it):
    superseded before current, older before newer, an unknown date first, then by id."""
    from briefing_tui.index.records import date_range, prior_statement_rows

    corpus = load_content(Path(__file__).parents[1] / "content")
    rows = list(prior_statement_rows(corpus))
    keys = [(r["current"], r["date_lo"] or 0, r["id"]) for r in rows]
    assert len(rows) == len(corpus.statements)
    assert keys == sorted(keys)
    assert {r["current"] for r in rows} == {0, 1}  # the shipped content has superseded statements
    assert rows[0]["date_lo"] == date_range(corpus.statement_date(corpus.statements[rows[0]["id"]]))[0]
