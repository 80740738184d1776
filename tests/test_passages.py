"""Passages of the five real sources: hyphens, page furniture, footnotes, pages, sections."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.passages import passage_at, split_passages, split_source

NORMKADER = "2019-normkader-nieuwe-technologieen"
MVW = "2020-10-28-nieuwe-massavernietigingswapens"
ANTWOORDEN = "2021-03-22-antwoorden-motie-koopmans"
VOORTGANG = "2021-voortgang-motie-koopmans"
AIV = "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"
ALL = [NORMKADER, MVW, ANTWOORDEN, VOORTGANG, AIV]


def find(passages, fragment):
    hits = [p for p in passages if fragment in p.text]
    assert len(hits) == 1, f"{fragment!r} in {len(hits)} passages"
    return hits[0]


def test_wrap_hyphen_joined(source_text):
    ps = split_passages(source_text(NORMKADER))
    p = find(ps, "die nieuwe technologieën voor wapenbeheersing vormen")
    assert "wapenbe-" not in p.text and "wapenbe heersing" not in p.text
    assert "instandhouding en naleving" in p.text


def test_real_compound_keeps_its_hyphen(source_text):
    ps = split_passages(source_text(AIV))
    # Upper-case before the hyphen: a compound, not a wrap.
    assert find(ps, "binnen het NAVO-bondgenootschap breed gedeeld")
    # Written "dual-use" elsewhere in the same text: the wrapped one keeps its hyphen.
    assert find(ps, "gecontroleerd door de dual-use verordening")
    ps19 = split_passages(source_text(NORMKADER))
    assert find(ps19, "Nederlandse Organisatie voor toegepast-natuurwetenschappelijk onderzoek")


def test_paragraph_across_footnote_block_is_one_passage(source_text):
    ps = split_passages(source_text(NORMKADER))
    p = find(ps, "kansen voor Europa biedt. De insteek in Europees kader is vooral van economische aard.")
    assert p.page == 2
    assert p.notes == (2,)
    assert "(BNC fiche)" in p.text  # marker "fiche2" removed
    assert "toekomstbestendig zijn." in p.text


def test_paragraph_across_page_start_without_footnotes(source_text):
    ps = split_passages(source_text(MVW))
    assert find(ps, "Vervolgens zal gekeken worden hoe er op politiek niveau aandacht gevraagd kan worden")
    assert find(ps, "van toepassing is bij de inzet van semi-autonome wapensystemen")


def test_paragraph_across_ocr_blank_run(source_text):
    ps = split_passages(source_text(ANTWOORDEN))
    p = find(ps, "gemandateerd onder de Convention on Certain Conventional Weapons (CCW). De groep")
    assert p.page == 3
    ps2 = split_passages(source_text(VOORTGANG))
    assert find(ps2, "het gebruik in militaire contexten, ook door niet-statelijke actoren.")


@pytest.mark.parametrize("source_id", ALL)
def test_no_footnote_line_in_any_passage(source_text, source_id):
    result = split_source(source_text(source_id))
    for number, note in result.footnotes.items():
        for p in result.passages:
            assert note[:40] not in p.text, (number, p.number)


def test_footnotes_are_collected(source_text):
    notes = split_source(source_text(NORMKADER)).footnotes
    assert notes[1] == "Kamerstukken 34 300 X en 34 300 V, nr. 109."
    assert notes[5] == "2019Z01633"
    assert sorted(notes) == list(range(1, 8))
    aiv = split_source(source_text(AIV)).footnotes
    assert sorted(aiv) == list(range(1, 14))
    # A footnote running over several lines is one footnote.
    assert aiv[2].endswith("volledig autonoom wapensysteem aangeduid.")
    # The last page's footnote of the 2020 letter stands at the end of the text.
    assert split_source(source_text(MVW)).footnotes[1].startswith("Kabinetsreactie op het advies")


def test_footnote_markers_removed(source_text):
    ps = split_passages(source_text(NORMKADER))
    assert find(ps, "de eisen die het internationaal recht daaraan stelt. De ontwikkelingen").notes == (1,)
    assert find(ps, "Volkenrechtelijke Vraagstukken (CAVV), van 4 maart 2016. Gelet op")
    assert find(ps, "beveiliging van luchthavens tegen drones na «Gatwick», en de beantwoording").notes == (5, 6, 7)
    mvw = split_passages(source_text(MVW))
    assert find(mvw, "Vraagstukken (CAVV). De context van nu")
    # Numbers that are not markers stay: dates, "nr. 43", "G20".
    assert find(mvw, "(motie 33694, nr. 43)")
    assert find(ps, "de G20-bijeenkomst van Ministers van digitale economie op 8 juni 2019")


def test_page_numbers(source_text):
    ps = split_passages(source_text(NORMKADER))
    assert find(ps, "In het AO over de Nederlandse inzet").page == 1
    assert find(ps, "Internationaal staat het onderwerp prominent").page == 2
    assert ps[-1].page == 7
    aiv = split_passages(source_text(AIV))
    assert find(aiv, "Aanbeveling 8: “Maak het concept van explainable AI").page == 10
    assert aiv[-1].page == 11
    assert split_passages(source_text(ANTWOORDEN))[-1].page == 5


def test_bullets(source_text):
    ps = split_passages(source_text(ANTWOORDEN))
    first = find(ps, "Op 25 februari 2021 organiseerde NL samen met Duitsland een workshop")
    second = find(ps, "Na aansporing door NL en DUl heeft de NAVO")
    assert first.is_bullet and second.is_bullet
    assert first.text.startswith("Op 25 februari") and second.text.startswith("Na aansporing")


def test_sections_and_headings(source_text):
    aiv = split_passages(source_text(AIV))
    p = find(aiv, "Het kabinet neemt aanbeveling 2 volledig over")
    assert p.section.startswith("Aanbeveling 2: “Streef actief naar een verbod")
    heading = find(aiv, "Aanbeveling 2: “Streef actief")
    assert heading.is_heading and heading.number == p.number - 2
    assert find(aiv, "Tijdens de GGE LAWS heeft Nederland het belang onderstreept").section == "Mensenrechten"
    ans = split_passages(source_text(ANTWOORDEN))
    assert find(ans, "Het kabinet deelt de zorgen van de Kamer").section == "Antwoord vragen 1 en 2"
    question = find(ans, "Welke concrete stappen zijn ondernomen sinds 28 oktober")
    assert not question.is_heading and question.section == "Vraag 3"
    assert find(ans, "Het Kabinet heeft sinds de laatste Kamerbrief").section == "Antwoord vraag 3"
    ps = split_passages(source_text(NORMKADER))
    assert find(ps, "Op nationaal niveau staat het onderwerp kunstmatige intelligentie").section == (
        "Kunstmatige intelligentie"
    )
    # A heading at the bottom of a page does not swallow the next page's paragraph.
    brd = find(aiv, "De AIV en CAVV bevelen het kabinet ook aan")
    assert brd.section == "Breed overleg tussen overheden, industrie en kennisinstellingen"
    assert not brd.is_heading


@pytest.mark.parametrize(
    "source_id, low, high", [(NORMKADER, 30, 45), (MVW, 12, 25), (ANTWOORDEN, 25, 40), (VOORTGANG, 10, 16), (AIV, 55, 80)]
)
def test_passage_count_and_numbering(source_text, source_id, low, high):
    ps = split_passages(source_text(source_id))
    assert low <= len(ps) <= high
    assert [p.number for p in ps] == list(range(1, len(ps) + 1))
    assert all(p.text == p.text.strip() and "\n" not in p.text and "  " not in p.text for p in ps)


@pytest.mark.parametrize("source_id", ALL)
def test_offsets_point_into_raw_text(source_text, source_id):
    raw = source_text(source_id)
    ps = split_passages(raw)
    for a, b in zip(ps, ps[1:]):
        assert a.end <= b.start
    for p in ps:
        first_word = re.match(r"\S+", p.text).group(0)
        assert raw[p.start:].startswith(first_word[:3]), (p.number, raw[p.start:p.start + 20])
        assert raw[p.end - 1] == p.text[-1] or p.notes  # ends at the passage's last char
        assert passage_at(ps, p.start) == p


def test_synthetic_layout():
    text = (
        " Eerste alinea loopt door over de\n\n\n\npagina heen en eindigt hier.\n\n"
        "Tussenkop\n\nDe NAVO-\nbondgenoten en de wapenbe-\nheersing.\n\n"
        "2021 is een jaartal en geen voetnoot.\n"
    )
    ps = split_passages(text)
    assert [p.text for p in ps] == [
        "Eerste alinea loopt door over de pagina heen en eindigt hier.",
        "Tussenkop",
        "De NAVO-bondgenoten en de wapenbeheersing.",
        "2021 is een jaartal en geen voetnoot.",
    ]
    assert [p.page for p in ps] == [1, 2, 2, 2]
    assert ps[1].is_heading and ps[2].section == "Tussenkop"
    assert split_source(text).footnotes == {}


def test_empty_text():
    assert split_passages("") == []
    assert split_passages("\n\n  \n") == []


def test_numbered_last_paragraph_is_not_a_footnote_without_marker():
    text = "Het kabinet neemt dit over.\n\n12 landen steunen dit voorstel.\n"
    assert [p.text for p in split_passages(text)] == ["Het kabinet neemt dit over.", "12 landen steunen dit voorstel."]
    with_marker = "Het kabinet neemt dit over12.\n\n12 Kamerstuk 33 694, nr. 12.\n"
    result = split_source(with_marker)
    assert [p.text for p in result.passages] == ["Het kabinet neemt dit over."]
    assert result.footnotes == {12: "Kamerstuk 33 694, nr. 12."}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab3é_- \n\t\u00a0\r.", max_size=60))
def test_line_end_hyphens_are_found_as_the_reference_regex_finds_them(text):
    """The splitter finds hyphenated line ends from the hyphens (a text costs what its wraps
    cost); the pairs are those of the one regex that reads every word, in the same order."""
    from briefing_tui.passages import _WRAP_PAIR, _wrapped_pairs

    assert list(_wrapped_pairs(text)) == [(m.group(1), m.group(2)) for m in _WRAP_PAIR.finditer(text)]
