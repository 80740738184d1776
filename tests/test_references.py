"""References to other parliamentary documents, in every form the seed texts use."""

from __future__ import annotations

import pytest

from briefing_tui.references import find_references

NORMKADER = "2019-normkader-nieuwe-technologieen"
MVW = "2020-10-28-nieuwe-massavernietigingswapens"
VOORTGANG = "2021-voortgang-motie-koopmans"
AIV = "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"


def refs_of(source_text, source_id):
    text = source_text(source_id)
    return text, find_references(text)


def by_id(refs, rid):
    return [r for r in refs if r.id == rid]


def test_plain_kamerstuk_across_a_line_break(source_text):
    text, refs = refs_of(source_text, NORMKADER)
    (ref,) = by_id(refs, "kst-33694-23")
    assert ref.kind == "kamerstuk"
    assert ref.label == "Kamerstuk 33 694, nr. 23"
    assert ref.url == "https://zoek.officielebekendmakingen.nl/kst-33694-23.html"
    assert text[ref.start:ref.end] == "Kamerstuk 33 694, nr. \n23"
    assert by_id(refs, "kst-33694-12")[0].label == "Kamerstuk 33 694, nr. 12"
    assert by_id(refs, "kst-22112-2758")[0].label == "Kamerstuk 22 112, nr. 2758"


def test_two_dossiers_one_number(source_text):
    text, refs = refs_of(source_text, NORMKADER)
    x, v = by_id(refs, "kst-34300-X-109") + by_id(refs, "kst-34300-V-109")
    assert x.label == "Kamerstuk 34 300 X, nr. 109" and v.label == "Kamerstuk 34 300 V, nr. 109"
    assert text[x.start:x.end] == "Kamerstukken 34 300 X"
    assert text[v.start:v.end] == "34 300 V, nr. 109"
    assert x.end <= v.start
    assert by_id(refs, "kst-34300-X-88") and by_id(refs, "kst-34300-V-88")


def test_aanhangsel_and_kamervragen(source_text):
    text, refs = refs_of(source_text, NORMKADER)
    (ah,) = by_id(refs, "ah-tk-20182019-264")
    assert ah.kind == "aanhangsel" and ah.year == "2018-2019"
    assert ah.label == "Aanhangsel Handelingen II 2018/19, nr. 264"
    assert ah.url == "https://zoek.officielebekendmakingen.nl/ah-tk-20182019-264.html"
    assert by_id(refs, "ah-tk-20182019-1678") and by_id(refs, "ah-tk-20182019-2248")
    (kv,) = by_id(refs, "kv-tk-2019Z01633")
    assert kv.kind == "kamervragen" and text[kv.start:kv.end] == "2019Z01633"
    assert kv.content_id == "kv-tk-2019z01633"
    assert len(refs) == 13


def test_forms_of_the_2020_letter(source_text):
    text, refs = refs_of(source_text, MVW)
    # No-break spaces and runs of spaces inside the reference.
    (odd,) = by_id(refs, "kst-33783-41")
    assert odd.label == "Kamerstuk 33 783, nr. 41"
    assert text[odd.start:odd.end].startswith("Kamerstuk") and text[odd.start:odd.end].endswith("41")
    # "motie 33694, nr. 43" across a line break.
    (motie,) = by_id(refs, "kst-33694-43")
    assert text[motie.start:motie.end] == "motie 33694, \nnr. 43"
    # With a date.
    (dated,) = by_id(refs, "kst-33694-45")
    assert dated.date == "2019-05-13" and text[dated.start:dated.end] == "Kamerstuk 13 mei 2019, 33694, nr.45"
    # "33694 nr. 48": once with a date, once after a doubled "Kamerstuk Kamerstuk" and a line break.
    first, second = by_id(refs, "kst-33694-48")
    assert first.date == "2019-09-20"
    assert text[second.start:second.end] == "Kamerstuk Kamerstuk\n33694 nr. 48"
    # With a vergaderjaar.
    (vj,) = by_id(refs, "kst-34300-X-88")
    assert vj.year == "2015-2016"
    assert text[vj.start:vj.end] == "Kamerstuk: vergaderjaar 2015-2016, 34 300 X, nr. 88"


def test_other_sources(source_text):
    assert [r.id for r in refs_of(source_text, VOORTGANG)[1]] == ["kst-33694-43"]
    assert [r.label for r in refs_of(source_text, AIV)[1]] == ["Kamerstuk 35 848, nr. 3"]


@pytest.mark.parametrize(
    "text, ids",
    [
        ("Kamerstukken II 2018/19, 33 694, nr. 43", ["kst-33694-43"]),
        ("zie Kamerstuk 21 501-02, nr. 2345.", ["kst-21501-02-2345"]),
        ("Aanhangsel Handelingen, vergaderjaar 2018-2019, nr. 264", ["ah-tk-20182019-264"]),
    ],
)
def test_more_official_forms(text, ids):
    refs = find_references(text)
    assert [r.id for r in refs] == ids
    if "2018/19, 33" in text:
        assert refs[0].year == "2018-2019"
    if "21 501-02" in text:
        assert refs[0].label == "Kamerstuk 21 501-02, nr. 2345"


@pytest.mark.parametrize(
    "text",
    [
        "De G20-bijeenkomst op 8 juni 2019 in Japan.",
        "Zie nr. 43 en het artikel nr. 5.",
        "In 2018 en 2019 zijn elf Guiding Principles aangenomen; 40-jarig bestaan; 5000 wetenschappers.",
        "Verordening (EU) 2019/452; CCW/MSP/2019/9 Annex 3; HFM-330; IST-169.",
        "uri=CELEX:02008E0944-20190917&from=EN",
        "in de periode 2021-2025, nr. 1 van de lijst",  # a year range is no dossier
        "Aanhangsel Handelingen II 2018/17, nr. 5",  # not a vergaderjaar
    ],
)
def test_no_false_positives(text):
    assert find_references(text) == []


@pytest.mark.parametrize("source_id", [NORMKADER, MVW, VOORTGANG, AIV, "2021-03-22-antwoorden-motie-koopmans"])
def test_spans_are_in_order_and_do_not_overlap(source_text, source_id):
    _text, refs = refs_of(source_text, source_id)
    for a, b in zip(refs, refs[1:]):
        assert a.end <= b.start
