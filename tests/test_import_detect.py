"""Metadata detection: each kind of parliamentary document yields its kind, date, people and
numbers, each with the line of the text that states it; nothing the text does not state."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.importer.detect import detect

DATA = Path(__file__).parent / "data" / "import"


def doc(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_motion_kind_date_members_and_kamerstuk():
    det = detect(doc("motie.txt"))
    assert det.kind == "motie"
    assert det.date == "2019-04-24"
    assert det.evidence["date"] == "regel 7: «Voorgesteld 24 april 2019»"
    assert [m["name"] for m in det.members] == ["Koopmans", "Sjoerdsma", "Van Helvert"]
    assert all("party" not in m for m in det.members)  # a motion does not name parties
    assert det.kamerstuk == {"dossier": "33694", "number": "43", "year": "2018-2019"}
    assert det.title == "Motie van het lid Koopmans c.s."
    assert det.source_id() == "kst-33694-43"
    assert det.official_url() == "https://zoek.officielebekendmakingen.nl/kst-33694-43.html"
    assert det.ministers == []


def test_motion_number_from_the_heading_when_no_kst_line():
    text = doc("motie.txt").split("kst-33694-43")[0]
    det = detect(text)
    assert det.kamerstuk == {"dossier": "33694", "number": "43", "year": "2018-2019"}
    assert "33 694 Nucleaire ontwapening" in det.evidence["kamerstuk"]
    assert "Nr. 43" in det.evidence["kamerstuk"]


def test_motion_copied_from_a_web_page_uses_the_squashed_metadata_cells():
    det = detect(doc("web-motie.txt"))
    assert det.kind == "motie"
    assert det.kamerstuk["dossier"] == "33694" and det.kamerstuk["number"] == "44"
    assert det.date == "2019-04-25"
    assert det.source_id() == "kst-33694-44"


def test_written_questions_members_with_party_date_and_number():
    det = detect(doc("vragen.txt"))
    assert det.kind == "vragen"
    assert det.members == [{"name": "Sjoerdsma", "party": "D66"}]
    assert det.date == "2019-03-12"
    assert "ingezonden 12 maart 2019" in det.evidence["date"]
    assert det.kamervragen == "2019Z04567"
    assert det.source_id() == "kv-tk-2019z04567"  # content ids are lowercase
    assert det.official_url() == "https://zoek.officielebekendmakingen.nl/kv-tk-2019Z04567.html"
    assert det.subject == "het vastlopen van de gesprekken over autonome wapensystemen in Genève"


def test_several_members_with_shared_party():
    text = (
        "Vragen van de leden Sjoerdsma en Van Weyenberg (beiden D66) aan de minister van Defensie over "
        "drones (ingezonden 3 juni 2020).\n\n1\nKent u het bericht?\n"
    )
    det = detect(text)
    assert det.members == [{"name": "Sjoerdsma", "party": "D66"}, {"name": "Van Weyenberg", "party": "D66"}]
    assert det.date == "2020-06-03"


def test_answers_in_the_aanhangsel():
    det = detect(doc("antwoorden.txt"))
    assert det.kind == "antwoorden"
    assert det.date == "2019-04-10"
    assert "ontvangen 10 april 2019" in det.evidence["date"]
    assert det.ministers == [{"name": "Blok", "role": "minister van Buitenlandse Zaken"}]
    assert det.ministry == "Buitenlandse Zaken en Defensie"  # "mede namens de minister van Defensie"
    assert "ministers" in det.missing  # the co-signing minister's name is not in the text
    assert det.members == [{"name": "Sjoerdsma", "party": "D66"}]
    assert det.aanhangsel == {"year": "2018-2019", "number": "2345"}
    assert det.kamervragen == "2019Z04567"
    assert det.source_id() == "ah-tk-20182019-2345"


def test_aanhangsel_year_derived_from_the_date_is_marked_inferred():
    text = doc("antwoorden.txt").replace("Vergaderjaar 2018–2019\n", "")
    det = detect(text)
    assert det.aanhangsel == {"year": "2018-2019", "number": "2345"}
    assert "aanhangsel" in det.inferred


def test_letter_betreft_datum_and_signature():
    det = detect(doc("kamerbrief.txt"))
    assert det.kind == "kamerbrief"
    assert det.title == "Internationaal normkader voor nieuwe technologieën in wapensystemen"
    assert det.date == "2019-05-13"
    assert det.ministers == [{"name": "S.A. Blok", "role": "minister van Buitenlandse Zaken"}]
    assert det.ministry == "Buitenlandse Zaken"
    # A reference inside the letter is not the letter's own number.
    assert det.kamerstuk is None
    assert det.source_id() == "2019-05-13-internationaal-normkader-voor-nieuwe-technologieen-in"


KST_LETTER = """\
Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2018–2019

33 694 Nucleaire ontwapening

Nr. 45 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 13 mei 2019

In het AO over de Nederlandse inzet inzake nucleaire ontwapening van 4 oktober jl. heb ik
toegezegd uw Kamer te informeren (Kamerstuk 33 694, nr. 23).

De Minister van Buitenlandse Zaken,
S.A. Blok

kst-33694-45
ISSN 0921 - 7371
's-Gravenhage 2019
Tweede Kamer, vergaderjaar 2018–2019, 33 694, nr. 45 1
"""


def test_letter_as_published_in_the_kamerstukken():
    det = detect(KST_LETTER)
    assert det.kind == "kamerbrief"
    assert det.title == "Brief van de minister van Buitenlandse Zaken"
    assert det.date == "2019-05-13" and "Den Haag, 13 mei 2019" in det.evidence["date"]
    assert det.kamerstuk == {"dossier": "33694", "number": "45", "year": "2018-2019"}
    assert det.ministers == [{"name": "S.A. Blok", "role": "minister van Buitenlandse Zaken"}]
    assert det.source_id() == "kst-33694-45"


@pytest.mark.parametrize(
    "heading, dossier, sid, url_id",
    [
        ("21 501-02 Raad Buitenlandse Zaken\n\nNr. 2345 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
         "21501-02", "kst-21501-02-2345", "kst-21501-02-2345"),
        ("34 300 X Vaststelling van de begrotingsstaten van het Ministerie van Defensie\n\nNr. 88 BRIEF VAN DE MINISTER VAN DEFENSIE",
         "34300-X", "kst-34300-x-88", "kst-34300-X-88"),
    ],
)
def test_dossiers_with_a_suffix(heading, dossier, sid, url_id):
    text = f"Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2021–2022\n\n{heading}\n\nGeachte voorzitter,\n\nTekst.\n"
    det = detect(text)
    assert det.kamerstuk["dossier"] == dossier
    assert det.source_id() == sid
    assert det.official_url() == f"https://zoek.officielebekendmakingen.nl/{url_id}.html"


def test_kabinetsreactie_two_ministers_without_academic_titles():
    det = detect(doc("kabinetsreactie.txt"))
    assert det.kind == "kabinetsreactie"
    assert det.date == "2022-03-03"
    assert [p["name"] for p in det.ministers] == ["W.B. Hoekstra", "K.H. Ollongren"]
    assert det.ministers[1]["role"] == "minister van Defensie"
    assert "drs. K.H. Ollongren" in det.evidence["ministers"]  # evidence shows the text as written
    assert det.ministry == "Buitenlandse Zaken en Defensie"


def test_every_detected_field_has_evidence():
    for name in ("motie.txt", "vragen.txt", "antwoorden.txt", "kamerbrief.txt", "kabinetsreactie.txt"):
        det = detect(doc(name))
        for field in ("kind", "title", "date", "ministers", "members", "kamerstuk", "aanhangsel", "kamervragen"):
            value = getattr(det, field)
            if value and field not in det.inferred:
                assert det.evidence.get(field, "").strip(), (name, field)


# --- the five real sources: what their own text states ----------------------------------------

@pytest.mark.parametrize(
    "source_id, kind, date, ministers",
    [
        ("2021-03-22-antwoorden-motie-koopmans", "antwoorden", "2021-03-22", ["Blok"]),
        ("2021-voortgang-motie-koopmans", "kamerbrief", None, ["Ben Knapen"]),
        ("2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen", "kabinetsreactie", None, ["W.B. Hoekstra", "K.H. Ollongren"]),
        ("2020-10-28-nieuwe-massavernietigingswapens", "kamerbrief", None, ["Stef Blok"]),
        ("2019-normkader-nieuwe-technologieen", "kamerbrief", None, ["S.A. Blok"]),
    ],
)
def test_real_sources(source_text, source_id, kind, date, ministers):
    det = detect(source_text(source_id))
    assert det.kind == kind
    # The letters state no date: none is made up.
    assert det.date == date
    assert [p["name"] for p in det.ministers] == ministers
    assert det.kamerstuk is None  # only references to other Kamerstukken in these texts


def test_real_letter_without_title_gets_an_inferred_title(source_text):
    det = detect(source_text("2019-normkader-nieuwe-technologieen"))
    assert det.title == "Kamerbrief van de minister van Buitenlandse Zaken (S.A. Blok)"
    assert "title" in det.inferred
    assert "title" in det.missing


def test_a_footnote_citing_a_kabinetsreactie_does_not_make_a_letter_one(source_text):
    text = source_text("2020-10-28-nieuwe-massavernietigingswapens")
    assert "Kabinetsreactie op het advies" in text
    assert detect(text).kind == "kamerbrief"


def test_unknown_document_kind_is_reported_missing():
    det = detect("Een notitie zonder aanhef of ondertekening.\n")
    assert det.kind is None
    assert "kind" in det.missing
