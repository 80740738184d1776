"""One definition of a Kamerstuk dossier number: every written form parses to one stored form,
and the id, link and citations made from it are the official ones everywhere (import, check,
references in text, citations)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_tui.citations import cite_formal, cite_short, source_url
from briefing_tui.cli import main
from briefing_tui.content import load_content
from briefing_tui.dossiers import (
    format_dossier,
    kamerstuk_content_id,
    kamerstuk_id,
    kamerstuk_url,
    parse_dossier,
    parse_kamerstuk_id,
)
from briefing_tui.importer.detect import detect
from briefing_tui.model import Kamerstuk, Source
from briefing_tui.references import find_references
from briefing_tui.validate import check

FORMS = [
    # written, stored, cited
    ("33694", "33694", "33 694"),
    ("33 694", "33694", "33 694"),
    ("33\u00a0694", "33694", "33 694"),
    ("21 501-02", "21501-02", "21 501-02"),
    ("21501-02", "21501-02", "21 501-02"),
    ("21 501 - 02", "21501-02", "21 501-02"),
    ("21 501\u201302", "21501-02", "21 501-02"),
    ("35 925 X", "35925-X", "35 925 X"),
    ("35925-X", "35925-X", "35 925 X"),
    ("35925 X", "35925-X", "35 925 X"),
    ("36 180-V", "36180-V", "36 180 V"),
    ("36180-v", "36180-V", "36 180 V"),
    ("36 200 VIII", "36200-VIII", "36 200 VIII"),
    ("36 200 IXB", "36200-IXB", "36 200 IXB"),
]


@pytest.mark.parametrize("written, stored, cited", FORMS)
def test_every_written_form_has_one_stored_form_and_one_citation(written, stored, cited):
    assert parse_dossier(written) == stored
    assert format_dossier(stored) == cited
    assert parse_dossier(cited) == stored


@pytest.mark.parametrize("not_a_dossier", ["2019", "33 694 en", "nr. 43", "2018Z16320", "", "33694-EU", "3369"])
def test_other_numbers_are_not_dossiers(not_a_dossier):
    assert parse_dossier(not_a_dossier) is None


@pytest.mark.parametrize(
    "dossier, number, official",
    [
        ("33694", "43", "kst-33694-43"),
        ("21 501-02", "2600", "kst-21501-02-2600"),
        ("35 925 X", "90", "kst-35925-X-90"),
        ("36180-V", "3", "kst-36180-V-3"),
    ],
)
def test_ids_and_links_follow_officielebekendmakingen(dossier, number, official):
    assert kamerstuk_id(dossier, number) == official
    assert kamerstuk_content_id(dossier, number) == official.lower()
    assert kamerstuk_url(dossier, number) == f"https://zoek.officielebekendmakingen.nl/{official}.html"
    assert parse_kamerstuk_id(official) == (parse_dossier(dossier), number)
    assert parse_kamerstuk_id(official.lower()) == (parse_dossier(dossier), number)


def _source(dossier: str, number: str, year: str | None = None) -> Source:
    return Source(
        id=kamerstuk_content_id(dossier, number), kind="kamerbrief", title="Geannoteerde agenda",
        date="2022-05-10", kamerstuk=Kamerstuk(dossier, number, year),
    )


def test_citations_and_link_of_a_suffixed_dossier():
    src = _source("35925-X", "90", "2021-2022")
    assert cite_short(src) == "Kamerstuk 35 925 X, nr. 90"
    assert cite_formal(src) == "Kamerstukken II 2021/22, 35 925 X, nr. 90"
    assert source_url(src) == "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html"
    raad = _source("21501-02", "2600")
    assert cite_short(raad) == "Kamerstuk 21 501-02, nr. 2600"
    assert cite_formal(raad) == "Kamerstukken II 2021/22, 21 501-02, nr. 2600"
    assert source_url(raad) == "https://zoek.officielebekendmakingen.nl/kst-21501-02-2600.html"


def test_a_source_known_only_by_its_id_links_with_the_official_spelling():
    src = Source(id="kst-35925-x-90", kind="kamerbrief", title="Brief", date="2022-05-10")
    assert source_url(src) == "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html"


@pytest.mark.parametrize(
    "text, rid, label",
    [
        ("zie Kamerstuk 21 501-02, nr. 2600.", "kst-21501-02-2600", "Kamerstuk 21 501-02, nr. 2600"),
        ("(Kamerstukken II 2021/22, 35 925 X, nr. 90)", "kst-35925-X-90", "Kamerstuk 35 925 X, nr. 90"),
        ("Kamerstuk 36 180-V, nr. 3", "kst-36180-V-3", "Kamerstuk 36 180 V, nr. 3"),
        ("Kamerstuk 33\u00a0694, nr. 45", "kst-33694-45", "Kamerstuk 33 694, nr. 45"),
    ],
)
def test_references_in_text_use_the_same_definition(text, rid, label):
    (ref,) = find_references(text)
    assert (ref.id, ref.label) == (rid, label)
    assert ref.dossier == parse_dossier(label.split(" ", 1)[1].split(",")[0])


LETTER = """\
Tweede Kamer der Staten-Generaal
Vergaderjaar 2021–2022

{heading} Raad Buitenlandse Zaken
Nr. {number}

BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 10 mei 2022

Geachte voorzitter,

Hierbij ontvangt uw Kamer de geannoteerde agenda voor de Raad Buitenlandse Zaken.

De minister van Buitenlandse Zaken,
W.B. Hoekstra
"""


@pytest.mark.parametrize(
    "heading, number, stored, sid",
    [
        ("21 501-02", "2600", "21501-02", "kst-21501-02-2600"),
        ("35 925 X", "90", "35925-X", "kst-35925-x-90"),
        ("36 180-V", "3", "36180-V", "kst-36180-v-3"),
    ],
)
def test_detected_from_the_heading(heading, number, stored, sid):
    det = detect(LETTER.format(heading=heading, number=number))
    assert det.kamerstuk == {"dossier": stored, "number": number, "year": "2021-2022"}
    assert det.source_id() == sid
    assert det.official_url() == f"https://zoek.officielebekendmakingen.nl/{kamerstuk_id(stored, number)}.html"


def test_detected_from_the_footer_and_from_the_id_line():
    footer = "Tweede Kamer, vergaderjaar 2021–2022, 35 925 X, nr. 90 1\n"
    det = detect(LETTER.format(heading="", number="").replace("Nr. \n", "") + footer)
    assert det.kamerstuk["dossier"] == "35925-X" and det.kamerstuk["number"] == "90"
    det = detect("kst-21501-02-2600\nISSN 0921 - 7371\n" + LETTER.format(heading="", number=""))
    assert det.kamerstuk["dossier"] == "21501-02" and det.kamerstuk["number"] == "2600"


@pytest.mark.parametrize("heading, number, sid, cited", [
    ("21 501-02", "2600", "kst-21501-02-2600", "Kamerstuk 21 501-02, nr. 2600"),
    ("35 925 X", "90", "kst-35925-x-90", "Kamerstuk 35 925 X, nr. 90"),
])
def test_an_imported_letter_in_a_suffixed_dossier_passes_check_and_cites_right(
    tmp_path, monkeypatch, capsys, heading, number, sid, cited
):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    letter = tmp_path / "brief.txt"
    letter.write_text(LETTER.format(heading=heading, number=number), encoding="utf-8")
    assert main(["--content", str(content), "import", str(letter)]) == 0
    meta = yaml.safe_load((content / "sources" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert meta["kamerstuk"]["dossier"] == parse_dossier(heading)
    assert meta["url"] == f"https://zoek.officielebekendmakingen.nl/{kamerstuk_id(heading, number)}.html"
    capsys.readouterr()
    assert main(["--content", str(content), "check"]) == 0, capsys.readouterr().out
    corpus = load_content(content)
    assert cite_short(corpus.sources[sid]) == cited


def test_import_with_dossier_option_in_any_written_form(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    letter = tmp_path / "brief.txt"
    letter.write_text(LETTER.format(heading="", number=""), encoding="utf-8")
    args = ["--content", str(content), "import", str(letter), "--dossier", "21 501-02", "--number", "2600"]
    assert main(args) == 0
    meta = yaml.safe_load((content / "sources" / "kst-21501-02-2600.yaml").read_text(encoding="utf-8"))
    assert meta["kamerstuk"]["dossier"] == "21501-02"


def test_check_names_the_stored_form_of_a_dossier_written_with_spaces(tmp_path):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "kst-35925-x-90.txt").write_text("Tekst van de brief.\n", encoding="utf-8")
    (content / "sources" / "kst-35925-x-90.yaml").write_text(
        "id: kst-35925-x-90\nkind: kamerbrief\ntitle: Brief\ndate: 2022-05-10\n"
        "kamerstuk:\n  dossier: \"35 925 X\"\n  number: \"90\"\n",
        encoding="utf-8",
    )
    problems = [p for p in check(load_content(content)) if p.severity == "error"]
    # the run-time JSON Schema rejects the pattern; the dossier check says what to write
    (problem,) = [p for p in problems if p.code == "check.dossier_stored_form"]
    assert problem.data["stored"] == "35925-X" and problem.line == 5
    assert "dossiernummer '35 925 X' schrijf je als '35925-X'" in str(problem)


@pytest.mark.parametrize("schema", ["source", "motions"])
def test_the_json_schemas_use_the_same_stored_form(schema):
    import json

    import jsonschema

    from briefing_tui.dossiers import STORED_PATTERN

    path = Path(__file__).resolve().parents[1] / "src" / "briefing_tui" / "schemas" / f"{schema}.schema.json"
    definition = json.loads(path.read_text(encoding="utf-8"))["$defs"]["kamerstuk"]["properties"]["dossier"]
    assert definition["pattern"] == STORED_PATTERN
    for _, stored, _ in FORMS:
        jsonschema.validate(stored, definition)
    for written in ("33 694", "35 925 X", "35925-x", "3369"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(written, definition)


def test_zaak_and_document_numbers_have_one_definition_too():
    import re

    from briefing_tui.dossiers import DOCUMENT_PATTERN, ZAAK_PATTERN, parse_zaak

    assert parse_zaak("2018z16320") == "2018Z16320" and parse_zaak(" 2018Z16320 ") == "2018Z16320"
    assert parse_zaak("2018Z1632") is None and parse_zaak("2022D25679") is None and parse_zaak(None) is None
    # in a squashed web table the number is glued to the vergaderjaar before it
    assert re.findall(ZAAK_PATTERN, "Tweede Kamer der Staten-Generaal2018-20192018Z16320") == ["2018Z16320"]
    assert re.findall(DOCUMENT_PATTERN, "Kamerbrief 2022D25679, bijlage 2022D25680.") == ["2022D25679", "2022D25680"]
    assert re.findall(ZAAK_PATTERN, "xx2018Z16320 2018Z163201") == []
    (ref,) = find_references("vragen 2018Z16320 van het lid")
    assert (ref.id, ref.number) == ("kv-tk-2018Z16320", "2018Z16320")
