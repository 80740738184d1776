"""An update that reads only the changed files gives the index a full build gives.

Each test edits the content the way an editor or an import does, updates the index in a state
with no corpus in memory (as `briefing index` in a fresh process), and compares every row with
an index built from scratch; it also checks which way the update went (the changed files only,
or everything read because the shortcut would not be exact).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import briefing_tui.store.knowledge_base as kb_module
from briefing_tui.index import DAY_SPAN, prior_base
from kbhelpers import index_path, rebuild_index, update_index
from briefing_tui.workspace import Workspace
from test_index import edit, make_content

COLUMNS = ("kind, id, grp, source, text, quote, context, date, date_lo, date_hi, domains, forums, topic, "
           "locator, current, superseded_by, page, section, number, own_date")


def state(index: Path) -> dict:
    conn = sqlite3.connect(index)
    try:
        conn.execute("INSERT INTO records_fts (records_fts) VALUES ('integrity-check')")
        # Every row's id is in its place in the prior order a broad query is listed in.
        for rid, kind, rec_id, current, date_lo in conn.execute("SELECT rid, kind, id, current, date_lo FROM records"):
            assert prior_base(kind, current, date_lo) <= rid < prior_base(kind, current, date_lo) + DAY_SPAN, rec_id
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('counts', 'errors')"))
        return {
            "records": sorted(conn.execute(f"SELECT {COLUMNS} FROM records"), key=repr),
            "areas": sorted(conn.execute("SELECT * FROM areas")),
            "sources": sorted(conn.execute("SELECT * FROM sources")),
            "source_files": sorted(conn.execute("SELECT * FROM source_files"), key=repr),  # what an import asks
            "claims": sorted(conn.execute("SELECT * FROM claims")),
            "files": sorted(conn.execute("SELECT path, sha256 FROM files")),
            "meta": meta,
            # what a search sees: the folded text FTS5 indexed, per record
            "fts": sorted(conn.execute(
                "SELECT r.kind, r.id, f.rowid IS NOT NULL FROM records r LEFT JOIN records_fts f "
                "ON f.rowid = r.rid AND records_fts MATCH 'kabinet OR verbod OR wapensystemen'")),
        }
    finally:
        conn.close()


def full_build(ws: Workspace, tmp_path: Path) -> dict:
    other = Workspace(ws.content, ws.briefings, tmp_path / "fresh-cache")
    shutil.rmtree(other.cache, ignore_errors=True)
    rebuild_index(other)
    return state(index_path(other))


@pytest.fixture(autouse=True)
def _large_knowledge_base(fast_paths):
    """These tests are about the fast paths: on as for a large knowledge base."""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = Workspace(make_content(tmp_path), tmp_path / "briefings", tmp_path / "cache")
    update_index(ws)
    return ws


@pytest.fixture
def loads(monkeypatch):
    """Counts the updates that read the whole corpus."""
    calls = []
    real = kb_module.KnowledgeBase._load

    def counting(self, scan):
        if self.ws.cache.name == "cache":  # not the full builds the tests compare with
            calls.append(self.ws)
        return real(self, scan)

    monkeypatch.setattr(kb_module.KnowledgeBase, "_load", counting)
    return calls


def update_fresh(ws: Workspace):
    return update_index(ws)  # a fresh process: no corpus in memory


LAWS = Path("domains/laws.yaml")
CCW = Path("forums/ccw.yaml")
VERBOD_2022 = "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"

NEW_STATEMENT = """\
  - id: laws-verbod-2023
    topic: laws/verbod
    position: "Het kabinet zet in op een verbod."
    quote: "Het kabinet neemt aanbeveling 2 volledig over"
    source: 2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen
    locator: "Aanbeveling 2"
    date: "2023-01-10"
    supersedes: [laws-verbod-2022]
"""


def test_an_edited_statement(ws, tmp_path, loads):
    edit(ws.content / LAWS, "geen voorstander van een verbod of moratorium op autonome",
         "geen voorstander van een verbod op autonome")
    report = update_fresh(ws)
    assert report.changed == [str(LAWS)] and report.problems == 0
    assert report.records == 1  # of the two statements of laws.yaml, only the edited one is written
    assert loads == []  # only laws.yaml was read
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_new_statement_that_supersedes_one_in_another_file(ws, tmp_path, loads):
    with open(ws.content / LAWS, "a", encoding="utf-8") as fh:
        fh.write(NEW_STATEMENT)
    update_fresh(ws)
    assert loads == []
    got = state(index_path(ws))
    assert got == full_build(ws, tmp_path)
    current = {r[1]: (r[14], r[15]) for r in got["records"] if r[0] == "statement"}
    assert current["laws-verbod-2022"] == (0, "laws-verbod-2023")  # in forums/ccw.yaml, not read
    assert current["laws-geen-verbod-2019"] == (0, "laws-verbod-2022")
    # and taken back: the 2022 statement is current again
    edit(ws.content / LAWS, NEW_STATEMENT, "")
    update_fresh(ws)
    assert state(index_path(ws)) == full_build(ws, tmp_path)
    assert loads == []


def test_a_source_date_changes_the_dates_and_order_of_statements_elsewhere(ws, tmp_path, loads):
    # Two statements claim the 2019 one: the newer wins, by their sources' dates.
    with open(ws.content / LAWS, "a", encoding="utf-8") as fh:
        fh.write(NEW_STATEMENT.replace('    date: "2023-01-10"\n', "").replace(
            "laws-verbod-2023", "laws-verbod-bis").replace("[laws-verbod-2022]", "[laws-geen-verbod-2019]"))
    update_fresh(ws)
    assert state(index_path(ws)) == full_build(ws, tmp_path)
    edit(ws.content / "sources" / f"{VERBOD_2022}.yaml", 'date: "2022-06-17"', 'date: "2022-03"')
    report = update_fresh(ws)
    assert report.changed == [f"sources/{VERBOD_2022}.yaml"]
    assert loads == []
    got = state(index_path(ws))
    assert got == full_build(ws, tmp_path)
    dates = {r[1]: r[7] for r in got["records"] if r[0] == "statement"}
    assert dates["laws-verbod-2022"] == "2022-03"  # forums/ccw.yaml: not read, date from the index


COMMITMENTS = """\
commitments:
  - id: tz-ccw-inzet
    text: "De Kamer informeren over de inzet in de CCW."
    quote: "Het kabinet neemt aanbeveling 2 volledig over"
    source: 2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen
    locator: "Aanbeveling 2"
    status: open
    forums: [ccw]
"""


def test_an_alias_change_rewrites_the_context_of_other_files(ws, tmp_path, loads):
    (ws.content / "commitments.yaml").write_text(COMMITMENTS, encoding="utf-8")
    update_fresh(ws)
    edit(ws.content / CCW, '["Convention on Certain Conventional Weapons"]',
         '["Convention on Certain Conventional Weapons", "Wapenverdrag van Genève"]')
    update_fresh(ws)
    assert loads == []
    got = state(index_path(ws))
    assert got == full_build(ws, tmp_path)
    context = {r[1]: r[6] for r in got["records"]}
    assert "Wapenverdrag van Genève" in context["laws-geen-verbod-2019"]  # domains/laws.yaml names ccw
    assert "Wapenverdrag van Genève" in context["tz-ccw-inzet"]  # and so does commitments.yaml


def test_added_and_removed_files_and_a_new_source_text(ws, tmp_path, loads):
    (ws.content / "domains" / "uav.yaml").write_text(
        'id: uav\nname: "Drones"\ndescription: "UAV\'s."\nstatements: []\n', encoding="utf-8")
    (ws.content / "domains" / "ai.yaml").unlink()
    txt = ws.content / "sources" / "2021-voortgang-motie-koopmans.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "\nEen nieuwe alinea over kwantumcomputers.\n", encoding="utf-8")
    update_fresh(ws)
    assert loads == []
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_removed_source_leaves_its_statements_undated(ws, tmp_path, loads):
    for suffix in (".yaml", ".txt"):
        (ws.content / "sources" / f"{VERBOD_2022}{suffix}").unlink()
    update_fresh(ws)
    got = state(index_path(ws))
    assert got == full_build(ws, tmp_path)
    assert next(r[7] for r in got["records"] if r[1] == "laws-verbod-2022") is None


def test_a_duplicate_id_reads_everything_and_reports_it(ws, tmp_path, loads):
    with open(ws.content / LAWS, "a", encoding="utf-8") as fh:  # laws-verbod-2022 is in forums/ccw.yaml
        fh.write(NEW_STATEMENT.replace("laws-verbod-2023", "laws-verbod-2022").replace(
            "    supersedes: [laws-verbod-2022]\n", ""))
    report = update_fresh(ws)
    assert len(loads) == 1 and report.problems == 2  # both places of the duplicate
    assert state(index_path(ws)) == full_build(ws, tmp_path)
    # with errors in the content the next update reads everything too, until they are gone
    edit(ws.content / CCW, "Het VN-verdrag", "Het verdrag")
    assert update_fresh(ws).problems == 2 and len(loads) == 2
    edit(ws.content / LAWS, "laws-verbod-2022", "laws-verbod-2023")
    assert update_fresh(ws).problems == 0 and len(loads) == 3
    edit(ws.content / CCW, "Het verdrag", "Het VN-verdrag")
    assert update_fresh(ws).problems == 0 and len(loads) == 3  # back to the changed file only
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_statement_with_a_sources_id_reads_everything_and_reports_it(ws, tmp_path, loads):
    # Ids are one namespace: a new statement named like a source another file defines is a
    # duplicate, which only reading everything reports at both places.
    with open(ws.content / LAWS, "a", encoding="utf-8") as fh:
        fh.write(NEW_STATEMENT.replace("id: laws-verbod-2023", f"id: {VERBOD_2022}"))
    report = update_fresh(ws)
    assert len(loads) == 1 and report.problems == 2
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_broken_file_reads_everything(ws, tmp_path, loads):
    (ws.content / "domains" / "ai.yaml").write_text("id: ai\nstatements: [\n", encoding="utf-8")
    report = update_fresh(ws)
    assert len(loads) == 1 and report.problems
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_an_update_with_the_corpus_in_memory_gives_the_same_index(ws, tmp_path):
    from briefing_tui.content import load_content

    with open(ws.content / LAWS, "a", encoding="utf-8") as fh:
        fh.write(NEW_STATEMENT)
    edit(ws.content / "sources" / f"{VERBOD_2022}.yaml", 'date: "2022-06-17"', 'date: "2022-03"')
    update_index(ws, load_content(ws.content))
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_sources_added_removed_and_edited_with_the_corpus_in_memory(ws, tmp_path):
    """With the corpus in memory only the changed sources' records are written again (not every
    source of a dossier): the index equals a full build."""
    import shutil

    from briefing_tui.content import load_content

    sources = ws.content / "sources"
    for suffix in (".yaml", ".txt"):
        shutil.copy(sources / f"2021-voortgang-motie-koopmans{suffix}", sources / f"2021-kopie{suffix}")
        (sources / f"{VERBOD_2022}{suffix}").unlink()
    edit(sources / "2021-kopie.yaml", "id: 2021-voortgang-motie-koopmans", "id: 2021-kopie")
    edit(sources / "2021-voortgang-motie-koopmans.yaml", "Voortgang", "Herziene voortgang")
    corpus = load_content(ws.content)
    assert not corpus.errors()
    update_index(ws, corpus)
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_one_line_edit_in_a_large_file_writes_only_that_record(ws, tmp_path, loads):
    """Edits cost what they change: one statement edited among hundreds in one file."""
    many = "".join(
        f"  - id: laws-veel-{n}\n    topic: laws/veel-{n}\n    position: \"Positie {n}.\"\n"
        f"    quote: \"Het kabinet neemt aanbeveling 2 volledig over\"\n"
        f"    source: {VERBOD_2022}\n    locator: \"Aanbeveling 2\"\n"
        for n in range(400))
    path = ws.content / LAWS
    path.write_text(path.read_text(encoding="utf-8") + many, encoding="utf-8")
    update_fresh(ws)
    edit(path, 'position: "Positie 200."', 'position: "Positie tweehonderd."')
    report = update_fresh(ws)
    assert report.changed == [str(LAWS)] and report.records == 1 and loads == []
    assert state(index_path(ws)) == full_build(ws, tmp_path)


def test_a_one_line_edit_in_a_large_file_parses_only_that_statement(ws, tmp_path, loads, monkeypatch):
    """The file is not parsed whole again: only the statement whose text changed (yamlitems)."""
    import briefing_tui.yamlitems as yamlitems

    path = ws.content / LAWS
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "".join(
        f"  - id: laws-veel-{n}\n    topic: laws/veel-{n}\n    position: \"Positie {n}.\"\n"
        f"    quote: \"Het kabinet neemt aanbeveling 2 volledig over\"\n"
        f"    source: {VERBOD_2022}\n    locator: \"Aanbeveling 2\"\n" for n in range(300)), encoding="utf-8")
    update_fresh(ws)
    parsed: list[int] = []
    real = yamlitems.parse_yaml
    monkeypatch.setattr(yamlitems, "parse_yaml", lambda t, d: (parsed.append(len(t)), real(t, d))[1])
    edit(path, 'position: "Positie 20."', 'position: "Positie twintig,\n      over twee regels."')
    report = update_fresh(ws)
    assert report.changed == [str(LAWS)] and report.records == 1 and loads == []
    assert parsed and max(parsed) < 500  # one statement, not the file (its 60,000 characters)
    assert state(index_path(ws)) == full_build(ws, tmp_path)
