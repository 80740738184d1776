"""`briefing import` of official publications (KOOP XML + metadata.xml): a folder, a zip or one
file becomes a source whose metadata is stated (with the element or field as evidence), whose
footnotes stay footnotes, whose questions and answers come from the structure, and which passes
`briefing check`. Bad input gets one message and writes nothing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from briefing_tui.cli import main
from briefing_tui.content import load_content
from briefing_tui.citations import cite_formal, cite_short, source_url
from briefing_tui.passages import split_source
from briefing_tui.store import KnowledgeBase, SearchQuery
from briefing_tui.workspace import Workspace

DATA = Path(__file__).parent / "data" / "official"


@pytest.fixture
def content(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    return root


def run(content: Path, *args) -> int:
    return main(["--content", str(content), "import", *map(str, args)])


def meta_of(content: Path, sid: str) -> dict:
    return yaml.safe_load((content / "sources" / f"{sid}.yaml").read_text(encoding="utf-8"))


def files_in(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def zipped(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for p in sorted(folder.iterdir()):
            z.write(p, p.name)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return target


def checks_clean(content: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--content", str(content), "check"]) == 0, capsys.readouterr().out


# --- Kamerstukken ------------------------------------------------------------------------------

def test_a_motion_folder_is_read_with_stated_metadata(content, capsys):
    assert run(content, DATA / "motie") == 0
    out = capsys.readouterr().out
    assert "officiële XML: kst-33694-43.xml, metadata.xml" in out
    meta = meta_of(content, "kst-33694-43")
    assert meta["kind"] == "motie"
    assert meta["title"] == "Motie van het lid Koopmans c.s."
    assert meta["date"] == "2019-04-24"
    assert meta["kamerstuk"] == {"dossier": "33694", "number": "43", "year": "2018-2019"}
    assert [m["name"] for m in meta["members"]] == ["Koopmans", "Sjoerdsma", "Van Helvert"]
    assert meta["url"] == "https://zoek.officielebekendmakingen.nl/kst-33694-43.html"
    # stated, never inferred: each field names the element or metadata field it came from
    assert "inferred" not in meta
    assert meta["detected"]["kamerstuk"].startswith("metadata.xml OVERHEIDop.dossiernummer: «33694»")
    assert meta["detected"]["date"] == "metadata.xml OVERHEIDop.datumIndiening: «2019-04-24»"
    assert "XML <ondertekening/naam>: «Van Helvert»" in meta["detected"]["members"]
    text = (content / "sources" / "kst-33694-43.txt").read_text(encoding="utf-8")
    assert "33 694 Nucleaire ontwapening\n\nNr. 43\n\nMOTIE VAN HET LID KOOPMANS C.S." in text
    assert "<al>" not in text and "metadata" not in text
    checks_clean(content, capsys)


def test_a_joint_letter_in_a_suffixed_dossier_with_footnotes(content, capsys):
    assert run(content, DATA / "kabinetsreactie") == 0
    sid = "kst-35925-x-90"
    meta = meta_of(content, sid)
    assert meta["kind"] == "kabinetsreactie"
    assert meta["kamerstuk"] == {"dossier": "35925-X", "number": "90", "year": "2021-2022"}
    assert meta["url"] == "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html"
    assert meta["ministers"] == [
        {"name": "W.B. Hoekstra", "role": "minister van Buitenlandse Zaken"},
        {"name": "K.H. Ollongren", "role": "minister van Defensie"},
    ]
    assert meta["date"] == "2022-03-04"
    # the title from DC.title without the dossier title and the document kind before it
    assert meta["title"].startswith("Kabinetsreactie op het AIV/CAVV-advies Autonome wapensystemen")
    src = load_content(content).sources[sid]
    assert cite_short(src) == "Kamerstuk 35 925 X, nr. 90"
    assert cite_formal(src) == "Kamerstukken II 2021/22, 35 925 X, nr. 90"
    assert source_url(src) == "https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html"

    # footnotes are footnotes: the marker in the text, the note after it, never in a passage
    text = (content / "sources" / f"{sid}.txt").read_text(encoding="utf-8")
    split = split_source(text)
    assert split.footnotes[1].startswith("Advies No. 97 AIV / No. 26 CAVV")
    assert split.footnotes[2].startswith("Anders dan de AIV en CAVV stellen")
    assert not any("Advies No. 97" in p.text for p in split.passages)
    assert any(p.text.endswith("reguleren en investeren. Hiermee wordt het advies uit 2015 Autonome "
                               "wapensystemen: de noodzaak van betekenisvolle menselijke controle geactualiseerd.")
               for p in split.passages)
    checks_clean(content, capsys)


def test_found_by_search_at_once(content, capsys):
    assert run(content, DATA / "kabinetsreactie") == 0
    ws = Workspace.resolve(content=content)
    with KnowledgeBase.open(ws) as engine:
        hits = engine.search(SearchQuery(text="betekenisvolle menselijke controle")).hits
    assert any(h.source and h.source.id == "kst-35925-x-90" for h in hits)


def test_the_body_alone_gives_the_numbers_from_its_elements(content, tmp_path, capsys):
    body = tmp_path / "kst-35925-X-90.xml"
    shutil.copy(DATA / "kabinetsreactie" / "kst-35925-X-90.xml", body)
    assert run(content, body) == 0
    meta = meta_of(content, "kst-35925-x-90")
    assert meta["kamerstuk"] == {"dossier": "35925-X", "number": "90", "year": "2021-2022"}
    assert meta["detected"]["kamerstuk"] == "XML <dossiernummer>: «35 925 X», XML <ondernummer>: «90»"
    # no metadata.xml: the title comes from the text, the date from "Den Haag, 4 maart 2022"
    assert meta["date"] == "2022-03-04" and meta["detected"]["date"].startswith("regel ")
    assert [m["name"] for m in meta["ministers"]] == ["W.B. Hoekstra", "K.H. Ollongren"]
    checks_clean(content, capsys)


# --- Aanhangsel: questions and answers --------------------------------------------------------

def test_answers_in_a_zip_give_qa_pairs_from_the_structure(content, tmp_path, capsys):
    archive = zipped(DATA / "antwoorden", tmp_path / "ah.zip")
    assert run(content, archive) == 0
    sid = "ah-tk-20202021-2079"
    meta = meta_of(content, sid)
    assert meta["kind"] == "antwoorden"
    assert meta["aanhangsel"] == {"year": "2020-2021", "number": "2079"}
    assert meta["kamervragen"] == "2021Z03661"
    assert meta["date"] == "2021-03-22"
    assert meta["ministers"] == [{"name": "Blok", "role": "minister van Buitenlandse Zaken"}]
    assert meta["members"] == [{"name": "Koopmans", "party": "VVD"}]
    qa = yaml.safe_load((content / "qa.yaml").read_text(encoding="utf-8"))["qa"]
    assert [(q["number"], q["answer_locator"]) for q in qa] == [
        (1, "Antwoord vragen 1 en 2"), (2, "Antwoord vragen 1 en 2"), (3, "Antwoord"),
    ]
    assert qa[0]["question"].endswith("nieuwe potentiële massavernietigingswapens”?")  # no footnote marker
    assert qa[0]["answer"] == qa[1]["answer"]
    assert qa[0]["answer"].endswith("Er is geen ‘one size fits all’.")  # both paragraphs
    assert qa[2]["answer"].startswith("Het kabinet zal uw Kamer over de conferentie informeren.")
    cite = cite_short(load_content(content).sources[sid])
    assert cite == "Aanhangsel Handelingen II 2020/21, nr. 2079"
    checks_clean(content, capsys)


def test_a_reference_to_another_aanhangsel_is_never_the_own_number(content, tmp_path, capsys):
    body = tmp_path / "antwoord.xml"
    shutil.copy(DATA / "antwoorden" / "ah-tk-20202021-2079.xml", body)
    assert "Aanhangsel Handelingen II 2018/19, nr. 2345" in body.read_text(encoding="utf-8")
    assert run(content, body) == 0
    meta = meta_of(content, "ah-tk-20202021-2079")
    assert meta["aanhangsel"] == {"year": "2020-2021", "number": "2079"}
    assert meta["detected"]["aanhangsel"].startswith("XML <kamervraagnummer>: «2079»")


KV = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <kamervragen>
    <kamervraagkop>
      <tekstregel inhoud="kamer">Tweede Kamer der Staten-Generaal</tekstregel>
      <tekstregel inhoud="vergaderjaar">Vergaderjaar 2020–2021</tekstregel>
    </kamervraagkop>
    <kamervraagomschrijving type="vraag">Vragen van de leden <naam><achternaam>Koopmans</achternaam></naam> (VVD) en <naam><achternaam>Sjoerdsma</achternaam></naam> (D66) aan de minister van Buitenlandse Zaken over <kamervraagonderwerp>nieuwe technologieën</kamervraagonderwerp> (ingezonden <datum isodatum="2021-03-01">1 maart 2021</datum>).</kamervraagomschrijving>
    <vraag><nr>Vraag 1</nr><al>Deelt het Kabinet de overtuiging dat regelgeving niet alleen moet zien op ‘wat wij offensief mogen doen’?</al></vraag>
  </kamervragen>
</officiele-publicatie>
"""


def test_questions_without_answers_are_vragen(content, tmp_path, capsys):
    path = tmp_path / "kv-tk-2021Z03661.xml"
    path.write_text(KV, encoding="utf-8")
    assert run(content, path) == 0
    (sid,) = [p.stem for p in (content / "sources").glob("*.yaml")]
    meta = meta_of(content, sid)
    assert meta["kind"] == "vragen"
    assert meta["date"] == "2021-03-01"
    assert meta["members"] == [{"name": "Koopmans", "party": "VVD"}, {"name": "Sjoerdsma", "party": "D66"}]
    assert not (content / "qa.yaml").exists()


# --- bad input: one message, nothing written -------------------------------------------------

BAD = {
    "malformed.xml": b'<?xml version="1.0"?>\n<officiele-publicatie><kamerstuk><al>tekst</kamerstuk>',
    "other.xml": b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Nieuws</title></channel></rss>',
    "entities.xml": b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                    b"<officiele-publicatie><kamerstuk><al>&e;</al></kamerstuk></officiele-publicatie>",
    "empty-body.xml": b'<?xml version="1.0"?>\n<officiele-publicatie><kamerstuk/></officiele-publicatie>',
}


@pytest.mark.parametrize(
    "name, message",
    [
        ("malformed.xml", "beschadigde XML (regel 2"),
        ("other.xml", "XML van een andere soort (<rss>)"),
        ("entities.xml", "declareert entiteiten"),
        ("empty-body.xml", "bevat geen tekst"),
    ],
)
def test_bad_xml_gets_one_message_and_changes_nothing(content, tmp_path, capsys, name, message):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    before = files_in(content)
    assert run(content, path) == 1
    err = capsys.readouterr().err
    assert message in err and "er is niets geschreven" in err
    assert "Traceback" not in err
    assert files_in(content) == before


def test_metadata_alone_says_what_is_missing(content, capsys):
    assert run(content, DATA / "motie" / "metadata.xml") == 1
    err = capsys.readouterr().err
    assert "alleen metadata, geen tekst" in err


def test_a_zip_with_other_files_is_refused(content, tmp_path, capsys):
    archive = zipped(DATA / "motie", tmp_path / "motie.zip", {"kst-33694-43.pdf": b"%PDF-1.4"})
    before = files_in(content)
    assert run(content, archive) == 1
    err = capsys.readouterr().err
    assert "het zip-bestand bevat ook kst-33694-43.pdf" in err
    assert files_in(content) == before


def test_a_folder_with_two_publications_is_refused(content, tmp_path, capsys):
    folder = tmp_path / "twee"
    folder.mkdir()
    shutil.copy(DATA / "motie" / "kst-33694-43.xml", folder / "a.xml")
    shutil.copy(DATA / "kabinetsreactie" / "kst-35925-X-90.xml", folder / "b.xml")
    assert run(content, folder) == 1
    assert "een tweede publicatie-XML" in capsys.readouterr().err


def test_the_same_publication_twice_names_the_existing_source(content, tmp_path, capsys):
    assert run(content, DATA / "motie") == 0
    capsys.readouterr()
    before = files_in(content)
    assert run(content, zipped(DATA / "motie", tmp_path / "motie.zip")) == 1
    err = capsys.readouterr().err
    assert "'kst-33694-43'" in err
    assert files_in(content) == before


# --- a publication that is already a source: matched on official ids, updated on request ----

def test_official_data_for_a_source_imported_from_text_offers_and_does_update(content, tmp_path, capsys):
    motie_txt = Path(__file__).parent / "data" / "import" / "motie.txt"
    assert run(content, motie_txt, "--date", "2019") == 0  # the text import, with a coarser date
    capsys.readouterr()
    before = files_in(content)
    text_before = (content / "sources" / "kst-33694-43.txt").read_bytes()

    assert run(content, DATA / "motie") == 1
    err = capsys.readouterr().err
    assert "al geïmporteerd als bron 'kst-33694-43'" in err
    assert "geef --update" in err and "datum" in err
    assert files_in(content) == before

    assert run(content, DATA / "motie", "--update") == 0
    out = capsys.readouterr().out
    assert "Bijgewerkt:" in out and "kst-33694-43.yaml" in out
    meta = meta_of(content, "kst-33694-43")
    assert meta["date"] == "2019-04-24"
    assert meta["detected"]["date"] == "metadata.xml OVERHEIDop.datumIndiening: «2019-04-24»"
    assert "Bijgewerkt met officiële gegevens uit motie" in meta["notes"]
    assert (content / "sources" / "kst-33694-43.txt").read_bytes() == text_before  # the text stays
    assert sorted(p.name for p in (content / "sources").iterdir()) == ["kst-33694-43.txt", "kst-33694-43.yaml"]
    checks_clean(content, capsys)

    # once more: nothing left to update
    assert run(content, DATA / "motie", "--update") == 1
    assert "heeft de officiële gegevens al" in capsys.readouterr().err


def test_a_source_under_another_id_is_matched_on_its_kamerstuk_number(content, tmp_path, capsys):
    motie_txt = Path(__file__).parent / "data" / "import" / "motie.txt"
    assert run(content, motie_txt, "--id", "motie-koopmans", "--date", "2019") == 0
    capsys.readouterr()
    assert run(content, DATA / "motie", "--update") == 0
    assert sorted(p.stem for p in (content / "sources").glob("*.yaml")) == ["motie-koopmans"]
    assert meta_of(content, "motie-koopmans")["date"] == "2019-04-24"


def test_update_needs_official_data_and_an_existing_source(content, tmp_path, capsys):
    motie_txt = Path(__file__).parent / "data" / "import" / "motie.txt"
    assert run(content, motie_txt, "--update") == 1
    assert "--update werkt met officiële gegevens" in capsys.readouterr().err
    assert run(content, DATA / "motie", "--update") == 1
    assert "is er nog niet; importeer zonder --update" in capsys.readouterr().err


# --- a saved web page ----------------------------------------------------------------------------

def test_a_saved_web_page_reads_its_text_and_head_metadata(content, capsys):
    assert run(content, DATA / "web" / "kst-33694-43.html") == 0
    assert "(webpagina)" in capsys.readouterr().out
    meta = meta_of(content, "kst-33694-43")
    assert meta["kind"] == "motie"
    assert meta["title"] == "Motie van het lid Koopmans c.s."
    assert meta["kamerstuk"] == {"dossier": "33694", "number": "43", "year": "2018-2019"}
    assert meta["detected"]["kamerstuk"].startswith("HTML <meta> OVERHEIDop.dossiernummer: «33694»")
    assert [m["name"] for m in meta["members"]] == ["Koopmans", "Sjoerdsma", "Van Helvert"]
    text = (content / "sources" / "kst-33694-43.txt").read_text(encoding="utf-8")
    assert "verzoekt de regering, om met gelijkgezinde landen" in text
    for furniture in ("Naar boven", "Direct naar inhoud", "Zoeken", "window.dataLayer", "officiële publicatie van"):
        assert furniture not in text
    checks_clean(content, capsys)


def test_a_web_page_without_head_metadata_is_read_like_its_text(content, tmp_path, capsys):
    page = (DATA / "web" / "kst-33694-43.html").read_text(encoding="utf-8")
    page = "\n".join(line for line in page.split("\n") if "<meta name=" not in line)
    path = tmp_path / "motie.html"
    path.write_text(page, encoding="utf-8")
    assert run(content, path) == 0
    meta = meta_of(content, "kst-33694-43")
    assert meta["kamerstuk"]["dossier"] == "33694" and meta["date"] == "2019-04-24"
    assert meta["detected"]["date"].startswith("regel ")


def test_a_budget_chapter_in_its_own_element_is_part_of_the_dossier(content, tmp_path, capsys):
    xml = (DATA / "kabinetsreactie" / "kst-35925-X-90.xml").read_text(encoding="utf-8")
    xml = xml.replace("<dossiernr>35 925 X</dossiernr>", "<dossiernr>35 925</dossiernr><begrotingshoofdstuk>X</begrotingshoofdstuk>")
    xml = xml.replace('<meta name="OVERHEIDop.dossiernummer" content="35925-X"/>', "")
    path = tmp_path / "brief.xml"
    path.write_text(xml, encoding="utf-8")
    assert run(content, path) == 0
    assert meta_of(content, "kst-35925-x-90")["kamerstuk"]["dossier"] == "35925-X"
    text = (content / "sources" / "kst-35925-x-90.txt").read_text(encoding="utf-8")
    assert "\n35 925 X Vaststelling van de begrotingsstaten" in text


def test_metadata_xml_alone_updates_the_source_it_describes(content, tmp_path, capsys):
    motie_txt = Path(__file__).parent / "data" / "import" / "motie.txt"
    assert run(content, motie_txt, "--date", "2019") == 0
    capsys.readouterr()
    assert run(content, DATA / "motie" / "metadata.xml") == 1
    assert "geef --update" in capsys.readouterr().err
    assert run(content, DATA / "motie" / "metadata.xml", "--update") == 0
    meta = meta_of(content, "kst-33694-43")
    assert meta["date"] == "2019-04-24"
    assert meta["detected"]["date"] == "metadata.xml OVERHEIDop.datumIndiening: «2019-04-24»"
    checks_clean(content, capsys)


def test_answers_by_two_ministers_in_xml(content, tmp_path, capsys):
    xml = (DATA / "antwoorden" / "ah-tk-20202021-2079.xml").read_text(encoding="utf-8")
    xml = xml.replace(
        "Antwoord van minister <naam><achternaam>Blok</achternaam></naam> (Buitenlandse Zaken)",
        "Antwoord van de Ministers <naam><achternaam>Blok</achternaam></naam> (Buitenlandse Zaken) en "
        "<naam><achternaam>Bijleveld-Schouten</achternaam></naam> (Defensie)",
    )
    path = tmp_path / "antwoord.xml"
    path.write_text(xml, encoding="utf-8")
    assert run(content, path) == 0
    meta = meta_of(content, "ah-tk-20202021-2079")
    assert meta["ministers"] == [
        {"name": "Blok", "role": "minister van Buitenlandse Zaken"},
        {"name": "Bijleveld-Schouten", "role": "minister van Defensie"},
    ]
    assert meta["ministry"] == "Buitenlandse Zaken en Defensie"


SEPARATE_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <aanhangsel>
    <kamervragen>
      <kamervraagkop>
        <tekstregel inhoud="vergaderjaar">Vergaderjaar 2020–2021</tekstregel>
        <kamervraagnummer>2079</kamervraagnummer>
        <kamervraagomschrijving type="antwoord">Antwoord van minister <naam><achternaam>Blok</achternaam></naam> (Buitenlandse Zaken) (ontvangen <datum isodatum="2021-03-22">22 maart 2021</datum>).</kamervraagomschrijving>
      </kamervraagkop>
      <vraag><nr>Vraag 1</nr><al>Bent u bekend met de motie Koopmans c.s.?<nootref refid="n1"/></al></vraag>
      <antwoord><nr>Antwoord 1</nr><al>Ja. Het kabinet voert de motie uit.<nootref refid="n2"/></al></antwoord>
      <noot id="n2" type="voet"><noot.nr>2</noot.nr><noot.al>Kamerstuk 33 694, nr. 45</noot.al></noot>
      <noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Kamerstuk 33 694, nr. 43</noot.al></noot>
    </kamervragen>
  </aanhangsel>
</officiele-publicatie>
"""


def test_notes_kept_apart_and_a_number_inside_the_kop(content, tmp_path, capsys):
    path = tmp_path / "antwoord.xml"
    path.write_text(SEPARATE_NOTES, encoding="utf-8")
    assert run(content, path) == 0
    meta = meta_of(content, "ah-tk-20202021-2079")
    assert meta["aanhangsel"] == {"year": "2020-2021", "number": "2079"} and meta["date"] == "2021-03-22"
    text = (content / "sources" / "ah-tk-20202021-2079.txt").read_text(encoding="utf-8")
    assert "motie Koopmans c.s.?1\n" in text and "uit.2\n" in text
    assert text.endswith("\n\n1 Kamerstuk 33 694, nr. 43\n2 Kamerstuk 33 694, nr. 45\n")
    split = split_source(text)
    assert split.footnotes == {1: "Kamerstuk 33 694, nr. 43", 2: "Kamerstuk 33 694, nr. 45"}
    qa = yaml.safe_load((content / "qa.yaml").read_text(encoding="utf-8"))["qa"]
    assert qa[0]["question"] == "Bent u bekend met de motie Koopmans c.s.?"
    assert qa[0]["answer"] == "Ja. Het kabinet voert de motie uit."
    checks_clean(content, capsys)
