"""The search index: built in the cache folder, updated file by file, rebuilt when unusable."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing_tui.content import load_content
from briefing_tui.index import IndexReport, rebuild_index, update_index
from briefing_tui.workspace import Workspace

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
    conn = sqlite3.connect(ws.index_path)
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
    assert report.rebuilt and report.reason == "no index yet"
    assert ws.index_path.is_file()
    assert ws.index_path.parent == ws.cache
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
    assert ws.index_path.parent == (tmp_path / "elsewhere").resolve()
    assert ws.index_path.is_file()


def test_no_change_check_does_nothing(ws):
    update_index(ws)
    before = rows(ws, "SELECT rid, id, text FROM records ORDER BY rid")
    report = update_index(ws)
    assert not report.rebuilt
    assert report.files_changed == 0 and report.records == 0
    assert str(report).startswith("index up to date (3 sources, 4 statements")
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
    assert "re-indexed 1 file (changed: domains/ai.yaml)" in str(report)


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
    assert report.records == len([k for k in after if k.startswith("2021-voortgang-motie-koopmans#")])
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
    ws.index_path.write_bytes(b"this is not a database" * 1000)
    report = update_index(ws)
    assert report.rebuilt and report.reason == "index file damaged"
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_an_empty_index_file_is_rebuilt(ws):
    ws.cache.mkdir(parents=True)
    ws.index_path.write_bytes(b"")
    report = update_index(ws)
    assert report.rebuilt
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_an_index_of_an_older_schema_is_rebuilt(ws):
    update_index(ws)
    conn = sqlite3.connect(ws.index_path)
    conn.execute("UPDATE meta SET value = 'schema 0; fold 0; unicode 0' WHERE key = 'version'")
    conn.commit()
    conn.close()
    report = update_index(ws)
    assert report.rebuilt and report.reason.startswith("index of an older version")
    assert update_index(ws).files_changed == 0


def test_a_foreign_sqlite_file_is_rebuilt(ws):
    ws.cache.mkdir(parents=True)
    conn = sqlite3.connect(ws.index_path)
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    report = update_index(ws)
    assert report.rebuilt
    assert rows(ws, "SELECT count(*) FROM records WHERE kind = 'statement'") == [(4,)]


def test_a_locked_index_is_rebuilt_elsewhere_not_waited_for(ws):
    update_index(ws)
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    blocker = sqlite3.connect(ws.index_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        report = update_index(ws, busy_timeout=0.2)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert report.rebuilt and report.reason == "index locked by another process"
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
    assert str(report).startswith("rebuilt the index (asked): 3 sources, 4 statements")
    import sqlite_utils

    db = sqlite_utils.Database(ws.index_path)
    assert db["records"].detect_fts() == "records_fts"
    db.close()


def test_report_line_for_changed_files():
    report = IndexReport(changed=["domains/laws.yaml"], records=12, seconds=0.04,
                         counts={"sources": 5, "statement": 142, "passage": 310})
    assert str(report) == ("re-indexed 1 file (changed: domains/laws.yaml): 12 records written; "
                           "now 5 sources, 142 statements, 310 passages; in 40 ms")
    assert str(IndexReport(seconds=0.012, counts={"sources": 5, "statement": 142, "passage": 310})) == (
        "index up to date (5 sources, 142 statements, 310 passages; 0 files changed) in 12 ms")


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
        ("2022", 20220101, 20221231)]
    edit(ws.content / "sources" / "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen.yaml",
         'date: "2022"', 'date: "2022-03"')
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

    def start(self, texts):
        original_start(self, texts)
        pools.append(self._pool is not None)

    monkeypatch.setattr(PassageSplitter, "start", start)
    parallel = Workspace(make_content(tmp_path / "p"), tmp_path / "b", tmp_path / "parallel")
    update_index(parallel)
    if threading.active_count() == 1:
        assert pools == [True]  # the texts really went to worker processes
    query = "SELECT kind, id, text, page, section FROM records ORDER BY kind, id"
    assert rows(serial, query) == rows(parallel, query)


def test_needs_update_says_whether_an_update_has_work(ws):
    from briefing_tui.index import needs_rebuild, needs_update

    assert needs_update(ws) and needs_rebuild(ws)  # no index yet
    update_index(ws)
    assert not needs_update(ws) and not needs_rebuild(ws)
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    assert needs_update(ws) and not needs_rebuild(ws)
    update_index(ws)
    assert not needs_update(ws)
