"""Clean text for search, untouched text for quotes: furniture is blanked in a text of the same
length, so passages built on it keep the raw offsets, and the stored text never changes."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.importer.clean import clean_for_search, find_furniture, mask_furniture
from briefing_tui.passages import split_passages

DATA = Path(__file__).parent / "data" / "import"


def test_web_furniture_and_squashed_table_cells_are_blanked():
    text = (DATA / "web-motie.txt").read_text(encoding="utf-8")
    kinds = [(f.kind, f.text) for f in find_furniture(text)]
    assert ("web", "Naar boven") in kinds
    assert ("table", "OrganisatieTweede Kamer der Staten-Generaal") in kinds
    assert ("table", "VergaderjaarDossiernummerOndernummer") in kinds
    clean = clean_for_search(text)
    assert "Naar boven" not in clean and "Organisatie" not in clean and "Dossiernummer" not in clean
    assert "MOTIE VAN HET LID KOOPMANS C.S." in clean
    assert "verzoekt de regering" in clean


def test_footnote_marker_after_a_closing_guillemet_is_removed_for_search():
    text = (DATA / "web-motie.txt").read_text(encoding="utf-8")
    clean = clean_for_search(text)
    assert "wil verbieden»?" in clean
    assert "verbieden»1?" not in clean
    assert "verbieden»1?" in text  # the stored text keeps it


def test_masked_text_has_the_same_length_and_line_offsets():
    for name in ("web-motie.txt", "motie.txt", "vragen.txt", "antwoorden.txt"):
        text = (DATA / name).read_text(encoding="utf-8")
        masked = mask_furniture(text)
        assert len(masked) == len(text)
        assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


def test_passages_on_the_masked_text_point_into_the_raw_text():
    text = (DATA / "web-motie.txt").read_text(encoding="utf-8")
    passages = split_passages(mask_furniture(text))
    request = next(p for p in passages if "verzoekt de regering" in p.text)
    assert text[request.start : request.end].startswith("overwegende dat")
    assert not any("Naar boven" in p.text for p in passages)


def test_pdf_pages_running_header_page_number_and_footnote():
    page = (
        "Kamerstuk 33 694, nr. 45 {n}\n\n"
        "Het kabinet wil autonome wapensystemen verbieden»{n}? Dat is de vraag die op pagina {n} centraal\n"
        "staat in de wapenbe-\nheersing.\n\n"
        "{n} {note}\n\n"
        "- {n} -"
    )
    notes = ["Zie het AIV-advies van 2015.", "Verslag van de GGE LAWS.", "NRC, 10 maart 2019."]
    text = "\n\f\n".join(page.format(n=n, note=notes[n - 1]) for n in (1, 2, 3)) + "\n"
    found = {(f.kind, f.text.strip()) for f in find_furniture(text)}
    assert ("running", "Kamerstuk 33 694, nr. 45 2") in found
    assert ("page-number", "- 3 -") in found
    clean = clean_for_search(text)
    assert "Kamerstuk 33 694" not in clean and "- 2 -" not in clean
    assert "verbieden»? Dat is" in clean and "verbieden»2?" not in clean
    assert "1 Zie het AIV-advies" in clean  # footnote text stays searchable
    passages = split_passages(mask_furniture(text))
    assert any("wapenbeheersing" in p.text for p in passages)  # hyphen joined by the passage splitter


def test_a_numbered_question_is_not_a_page_number():
    text = (DATA / "vragen.txt").read_text(encoding="utf-8")
    assert [f for f in find_furniture(text) if f.kind != "marker"] == []


def test_real_sources_lose_nothing_but_markers(source_text):
    for sid in (
        "2019-normkader-nieuwe-technologieen",
        "2021-03-22-antwoorden-motie-koopmans",
        "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen",
    ):
        text = source_text(sid)
        assert {f.kind for f in find_furniture(text)} <= {"marker"}
        assert mask_furniture(text).split() == text.split() or len(mask_furniture(text)) == len(text)
