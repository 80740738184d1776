"""Numbers in every form and several signatories, in text, web copies and PDF (issue 17,
items 4 and 5): squashed web metadata tables, suffixed dossiers, answers by two ministers,
"mede namens", and a reference to another Aanhangsel that is never the document's own number."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fpdf import FPDF

from briefing_tui.cli import main
from briefing_tui.importer.detect import detect
from briefing_tui.importer.signatories import parse_answerers
from briefing_tui.importer.webtable import squashed_table

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# The layout of a page of zoek.officielebekendmakingen.nl copied as text (see kst-34700-19):
# the metadata table arrives as a line of labels and a line of values, glued together.
WEB_LETTER = """\
Kamerstuk

Datum publicatieOrganisatieVergaderjaarDossier- en ondernummer
Tweede Kamer der Staten-Generaal2021-2022{dossier} nr. 90

{heading} Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X) voor het jaar 2022

Nr. 90 BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN VAN DEFENSIE

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 4 maart 2022

Namens het kabinet danken de minister van Buitenlandse Zaken en de minister van Defensie de gezamenlijke commissie van de Adviesraad Internationale Vraagstukken (AIV) en de Commissie van Advies inzake Volkenrechtelijke Vraagstukken (CAVV) voor hun advies.

De minister van Buitenlandse Zaken,

W.B. Hoekstra

De minister van Defensie,

drs. K.H. Ollongren

Naar boven
"""


@pytest.mark.parametrize("dossier, heading", [("35925-X", "35 925 X"), ("35 925 X", "35 925 X")])
def test_a_web_copy_of_a_letter_in_a_suffixed_dossier(dossier, heading):
    det = detect(WEB_LETTER.format(dossier=dossier, heading=heading))
    assert det.kind == "kamerbrief"
    assert det.kamerstuk == {"dossier": "35925-X", "number": "90", "year": "2021-2022"}
    assert det.source_id() == "kst-35925-x-90"
    assert det.official_url() == "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html"
    assert det.date == "2022-03-04"
    assert det.ministers == [
        {"name": "W.B. Hoekstra", "role": "minister van Buitenlandse Zaken"},
        {"name": "K.H. Ollongren", "role": "minister van Defensie"},
    ]
    assert det.ministry == "Buitenlandse Zaken en Defensie"


def test_the_squashed_table_alone_gives_the_kamerstuk():
    text = WEB_LETTER.format(dossier="35925-X", heading="").replace("Nr. 90 ", "")
    table = squashed_table(text)
    assert (table.vergaderjaar, table.dossier, table.number) == ("2021-2022", "35925-X", "90")
    det = detect(text)
    assert det.kamerstuk == {"dossier": "35925-X", "number": "90", "year": "2021-2022"}
    assert "Dossier- en ondernummer" in det.evidence["kamerstuk"]


WEB_QUESTIONS = """\
Kamervraag

Datum publicatieOrganisatieVergaderjaarVraagDatum indiening
Tweede Kamer der Staten-Generaal2018-20192018Z16320

Vragen van het lid Sjoerdsma (D66) aan de minister van Buitenlandse Zaken over autonome wapensystemen (ingezonden 10 september 2018).

Vraag 1
Bent u bekend met het bericht over killer robots?

Naar boven
"""


def test_the_kamervragen_number_glued_to_the_vergaderjaar_is_found():
    det = detect(WEB_QUESTIONS)
    assert det.kind == "vragen"
    assert det.kamervragen == "2018Z16320"
    assert det.source_id() == "kv-tk-2018z16320"
    assert det.official_url() == "https://zoek.officielebekendmakingen.nl/kv-tk-2018Z16320.html"


ANSWERS = """\
Tweede Kamer der Staten-Generaal
Vergaderjaar 2021–2022

Aanhangsel van de Handelingen
Vragen gesteld door de leden der Kamer, met de daarop door de regering
gegeven antwoorden

1888

Vragen van het lid Sjoerdsma (D66) aan de minister van Buitenlandse Zaken en de minister van Defensie
over autonome wapensystemen (ingezonden 2 februari 2022).

{heading} (ontvangen 4 maart 2022).

Vraag 1
Deelt u de opvatting dat volledig autonome wapensystemen verboden moeten worden?

Antwoord 1
Ja. Wapensystemen die niet conform het internationaal recht gebruikt kunnen worden, moeten
expliciet verboden worden. Zie ook Aanhangsel Handelingen II 2018/19, nr. 2345.
"""


@pytest.mark.parametrize(
    "heading, ministers, co",
    [
        (
            "Antwoord van de Ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie)",
            [("Hoekstra", "minister van Buitenlandse Zaken"), ("Ollongren", "minister van Defensie")],
            [],
        ),
        (
            "Antwoord van minister Hoekstra (Buitenlandse Zaken) en minister Ollongren\n(Defensie)",
            [("Hoekstra", "minister van Buitenlandse Zaken"), ("Ollongren", "minister van Defensie")],
            [],
        ),
        (
            "Antwoord van minister Hoekstra (Buitenlandse Zaken), mede namens minister Ollongren (Defensie)",
            [("Hoekstra", "minister van Buitenlandse Zaken"), ("Ollongren", "minister van Defensie")],
            [],
        ),
        (
            "Antwoord van staatssecretaris Van der Maat (Defensie), mede namens de minister van\nBuitenlandse Zaken",
            [("Van der Maat", "staatssecretaris van Defensie")],
            ["minister van Buitenlandse Zaken"],
        ),
        (
            "Antwoord van de Minister van Buitenlandse Zaken en de Minister van Defensie",
            [],
            ["minister van Buitenlandse Zaken", "minister van Defensie"],
        ),
    ],
)
def test_answers_by_several_ministers(heading, ministers, co):
    det = detect(ANSWERS.format(heading=heading))
    assert det.kind == "antwoorden"
    assert det.date == "2022-03-04"
    assert [(p["name"], p["role"]) for p in det.ministers] == ministers
    assert det.co_ministries == co
    if co:
        assert "naam niet in de tekst" in det.missing["ministers"]
    assert det.ministry == "Buitenlandse Zaken en Defensie" or det.ministry == "Defensie en Buitenlandse Zaken"


def test_a_see_also_reference_is_not_the_own_aanhangsel_number():
    det = detect(ANSWERS.format(heading="Antwoord van minister Hoekstra (Buitenlandse Zaken)"))
    assert det.aanhangsel == {"year": "2021-2022", "number": "1888"}
    assert det.source_id() == "ah-tk-20212022-1888"


@pytest.mark.parametrize(
    "who, expected",
    [
        ("minister Slob (Onderwijs, Cultuur en Wetenschap) en staatssecretaris Keijzer (Economische Zaken en Klimaat)",
         [("Slob", "minister van Onderwijs, Cultuur en Wetenschap"),
          ("Keijzer", "staatssecretaris van Economische Zaken en Klimaat")]),
        ("de Ministers van Buitenlandse Zaken en van Defensie",
         [(None, "minister van Buitenlandse Zaken"), (None, "minister van Defensie")]),
        ("de Minister van Justitie en Veiligheid en de Minister van Defensie",
         [(None, "minister van Justitie en Veiligheid"), (None, "minister van Defensie")]),
        ("minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking)",
         [("Schreinemacher", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking")]),
    ],
)
def test_departments_with_en_and_commas_stay_whole(who, expected):
    from briefing_tui.importer.detect import _clean_person, _voor_area

    got = parse_answerers(who, clean=_clean_person, voor=_voor_area)
    assert [(a.name, a.role) for a in got] == expected


def _pdf(text: str, path: Path) -> Path:
    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=10)
    else:
        pdf.set_font("Helvetica", size=10)
        text = text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")
    pdf.add_page()
    for line in text.split("\n"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_two_answering_ministers_in_a_pdf_are_both_stored(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    text = ANSWERS.format(heading="Antwoord van de Ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie)")
    pdf = _pdf(text, tmp_path / "antwoorden.pdf")
    assert main(["--content", str(content), "import", str(pdf)]) == 0
    meta = yaml.safe_load((content / "sources" / "ah-tk-20212022-1888.yaml").read_text(encoding="utf-8"))
    assert meta["ministers"] == [
        {"name": "Hoekstra", "role": "minister van Buitenlandse Zaken"},
        {"name": "Ollongren", "role": "minister van Defensie"},
    ]
    assert meta["aanhangsel"] == {"year": "2021-2022", "number": "1888"}
    capsys.readouterr()
    assert main(["--content", str(content), "check"]) == 0, capsys.readouterr().out


WEB_ANSWERS = """\
Aanhangsel van de Handelingen

Datum publicatieOrganisatieVergaderjaarAanhangselnummer
Tweede Kamer der Staten-Generaal2018-2019264

Vragen van het lid Sjoerdsma (D66) aan de Minister van Buitenlandse Zaken over autonome wapensystemen (ingezonden 10 september 2018).

Antwoord van Minister Blok (Buitenlandse Zaken) (ontvangen 3 oktober 2018). Zie ook Aanhangsel Handelingen II 2017/18, nr. 1999.

Vraag 1
Bent u bekend met het bericht over killer robots?

Antwoord 1
Ja.

Naar boven
"""


def test_a_web_copy_of_answers_is_answers_with_its_own_number_and_date():
    det = detect(WEB_ANSWERS)
    assert det.kind == "antwoorden"
    assert det.date == "2018-10-03"
    assert det.aanhangsel == {"year": "2018-2019", "number": "264"}
    assert det.source_id() == "ah-tk-20182019-264"
    assert det.ministers == [{"name": "Blok", "role": "minister van Buitenlandse Zaken"}]
