"""Complete and honest citations (issue 13, point 3): metadata stated, inferred or established
from the official publication; `briefing source set`; warnings and pack marks for incomplete
citations; the 2022 kabinetsreactie completed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.briefing import Item, new_briefing
from briefing_tui.content import load_content
from briefing_tui.export import render_markdown
from briefing_tui.sourcemeta import SourceMetaError, parse_number, set_source_metadata
from briefing_tui.validate import check

REPO = Path(__file__).resolve().parents[1]
KR = "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"
VOORTGANG = "2021-voortgang-motie-koopmans"


def briefing_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "briefing_tui", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def content(tmp_path):
    return Path(shutil.copytree(REPO / "content", tmp_path / "content"))


def test_the_2022_kabinetsreactie_is_cited_from_its_official_publication(content_dir):
    corpus = load_content(content_dir)
    src = corpus.sources[KR]
    assert (src.kamerstuk.dossier, src.kamerstuk.number, src.kamerstuk.year) == ("35925-X", "90", "2021-2022")
    assert src.date == "2022-06-17"
    assert src.metadata_state("kamerstuk") == "established" and src.metadata_state("date") == "established"
    assert "kst-35925-X-90" in src.established["kamerstuk"]
    assert src.metadata_state("title") == "inferred"  # the letter has no title line
    assert "geen specifieke definitie" in src.summary and "werkt de definitie" not in src.summary
    b = new_briefing("kr", title="KR")
    b.add(None, Item("statement", "laws-verbod-2022"))
    md = render_markdown(b, corpus)
    assert "Kamerstuk 35 925 X, nr. 90, Aanbeveling 2" in md
    assert "Kamerstukken II 2021/22, 35 925 X, nr. 90" in md and "17 juni 2022" in md
    assert "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html" in md
    assert "nr. 90 (afgeleid)" not in md and "2022 (afgeleid)" not in md


def test_check_warns_about_a_source_without_number_or_exact_date(content_dir):
    warnings = [p for p in check(load_content(content_dir)) if p.severity == "warning"]
    gaps = {(p.data.get("id"), p.code) for p in warnings}
    assert (VOORTGANG, "check.citation_no_number") in gaps and (VOORTGANG, "check.citation_no_date") in gaps
    assert not any(p.data.get("id") == KR for p in warnings)
    assert any(f"bron '{VOORTGANG}' heeft geen exacte datum (2021)" in p.message for p in warnings)


def test_pack_marks_an_incomplete_citation(content_dir):
    corpus = load_content(content_dir)
    b = new_briefing("v", title="V")
    b.add(None, Item("statement", "wapenbeheersing-conferentie-2021"))
    md = render_markdown(b, corpus)
    note = next(line for line in md.splitlines() if line.startswith("[^1]: "))
    assert note.endswith("(onvolledige bronvermelding: Kamerstuk- of Aanhangselnummer en exacte datum ontbreken)")
    assert "*(onvolledige bronvermelding" in md.split("## Bronnen", 1)[1]


def test_source_set_writes_established_metadata_and_drops_the_inference(content, tmp_path):
    url = "https://zoek.officielebekendmakingen.nl/kst-33694-99.html"
    run = briefing_cli("source", "set", VOORTGANG, "--content", str(content), "--number", "kst-33694-99",
                       "--year", "2021/22", "--date", "2021-11-02", "--evidence", url, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "kamerstuk, date vastgesteld uit" in run.stdout
    corpus = load_content(content)
    src = corpus.sources[VOORTGANG]
    assert (src.kamerstuk.dossier, src.kamerstuk.number, src.kamerstuk.year, src.date) == ("33694", "99", "2021-2022", "2021-11-02")
    assert src.established == {"kamerstuk": url, "date": url} and "date" not in src.inferred
    assert not [p for p in check(corpus) if p.severity == "error"]
    assert not any(p.data.get("id") == VOORTGANG and p.code.startswith("check.citation") for p in check(corpus))


def test_source_set_refuses_bad_values_and_writes_nothing(content, tmp_path):
    path = content / "sources" / f"{VOORTGANG}.yaml"
    before = path.read_bytes()
    for args, message in (
        (["--date", "2021-13-40"], "is geen datum"),
        (["--number", "nummer 12"], "geen Kamerstuk- of Aanhangselnummer herkend"),
        (["--date", "2021-11-02", "--evidence", " "], "--evidence ontbreekt"),
    ):
        evidence = [] if "--evidence" in args else ["--evidence", "https://example.org"]
        run = briefing_cli("source", "set", VOORTGANG, "--content", str(content), *args, *evidence, cwd=tmp_path)
        assert run.returncode == 1 and message in run.stderr and "niets geschreven" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
    assert path.read_bytes() == before
    run = briefing_cli("source", "set", "bestaat-niet", "--content", str(content), "--date", "2021",
                       "--evidence", "x", cwd=tmp_path)
    assert run.returncode == 1 and "geen bron 'bestaat-niet'" in run.stderr


@pytest.mark.parametrize("text, kind, value", [
    ("Kamerstuk 35 925 X, nr. 90", "kamerstuk", {"dossier": "35925-X", "number": "90"}),
    ("Kamerstukken II 2021/22, 35 925 X, nr. 90", "kamerstuk", {"dossier": "35925-X", "number": "90", "year": "2021-2022"}),
    ("https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html", "kamerstuk", {"dossier": "35925-X", "number": "90"}),
    ("ah-tk-20202021-2345", "aanhangsel", {"year": "2020-2021", "number": "2345"}),
])
def test_numbers_are_read_in_every_official_form(text, kind, value):
    parsed = parse_number(text)
    assert (parsed.kind, parsed.value) == (kind, value)


def test_search_json_says_which_metadata_is_established(real_engine):
    hit = next(h for h in real_engine.search("verbod").hits if h.source and h.source.id == KR)
    source = hit.to_json()["source"]
    assert source["established"] == ["date", "kamerstuk"] and source["citation_gaps"] == []
    assert "title" in source["inferred"]


def test_setting_nothing_is_an_error(content):
    with pytest.raises(SourceMetaError):
        set_source_metadata(content, VOORTGANG, evidence="https://example.org")
