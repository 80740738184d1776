"""`briefing import` of the Tweede Kamer's open data: a SyncFeed page of Toezeggingen becomes
commitments (with a source holding the register's text, so the quote is verified), an OData
download of a Motie (Zaak + Besluit + Stemming) updates the motion with the kabinetsappreciatie,
the decision and the votes per fractie; a second import updates, never duplicates; the
hand-written layout of the content files stays; bad input writes nothing."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from briefing_tui.cli import main
from briefing_tui.content import load_content
from briefing_tui.importer.opendata import read_open_data

DATA = Path(__file__).parent / "data" / "opendata"
CONTENT = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture
def content(tmp_path, monkeypatch):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    return root


def run(content: Path, *args) -> int:
    return main(["--content", str(content), "import", *map(str, args)])


def files_in(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def checks_clean(content: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--content", str(content), "check"]) == 0, capsys.readouterr().out


def test_both_formats_read_to_the_same_records():
    feed = read_open_data(DATA / "toezeggingen.xml")
    assert feed.format == "SyncFeed (Atom)"
    (first, second, deleted) = feed.of("Toezegging")
    assert first.get("nummer") == "TZ201810-045" and first.get("status") == "Voldaan"
    assert first.refs["toegezegdAanPersoon"] == ["5e2d9c10-8a77-4f0e-b3c2-1d4e6f708a91"]
    assert first.updated == "2019-05-20T08:12:00Z" and not first.deleted
    assert deleted.deleted
    odata = read_open_data(DATA / "moties.json")
    assert odata.format == "OData (JSON)"
    (zaak,) = odata.of("Zaak")
    assert zaak.get("volgnummer") == "43" and zaak.get("kabinetsappreciatie") == "Oordeel Kamer"
    assert [s.get("soort") for s in odata.of("Stemming")][:2] == ["Voor", "Voor"]
    assert odata.of("Stemming")[0].get("fractieGrootte") == "33"


def test_toezeggingen_become_commitments_with_a_verified_quote(content, capsys):
    assert run(content, DATA / "toezeggingen.xml") == 0
    out = capsys.readouterr().out
    assert "SyncFeed (Atom)" in out and "nieuw: toezegging TZ201810-045 → tz201810-045" in out
    corpus = load_content(content)
    done, open_ = corpus.commitments["tz201810-045"], corpus.commitments["tz202107-031"]
    assert done.status == "fulfilled" and open_.status == "open"
    assert done.official["status"] == "Voldaan"
    assert done.official["kamerbrief_nakoming"] == "2019D19283"
    assert done.official["datum_nakoming"] == "2019-05-13"
    assert done.made_by == "minister van Buitenlandse Zaken (S.A. Blok)"
    assert done.made_on == "2018-10-05" and "made_on" in done.inferred
    assert done.quote == done.text and done.source == "toezegging-tz201810-045"
    src = corpus.sources["toezegging-tz201810-045"]
    assert src.kind == "toezegging" and src.title == "Toezegging TZ201810-045"
    assert "c0ffee00" not in (content / "commitments.yaml").read_text(encoding="utf-8")  # deleted record
    checks_clean(content, capsys)


def test_a_second_download_updates_and_never_duplicates(content, tmp_path, capsys):
    assert run(content, DATA / "toezeggingen.xml") == 0
    newer = tmp_path / "toezeggingen.xml"
    newer.write_text((DATA / "toezeggingen.xml").read_text(encoding="utf-8").replace("Openstaand", "Deels voldaan"), encoding="utf-8")
    capsys.readouterr()
    assert run(content, newer) == 0
    out = capsys.readouterr().out
    assert "ongewijzigd: toezegging TZ201810-045" in out
    assert "bijgewerkt: toezegging TZ202107-031 → tz202107-031 (status Deels voldaan)" in out
    items = yaml.safe_load((content / "commitments.yaml").read_text(encoding="utf-8"))["commitments"]
    assert [c["id"] for c in items].count("tz202107-031") == 1
    corpus = load_content(content)
    assert corpus.commitments["tz202107-031"].status == "partially-fulfilled"
    assert run(content, newer) == 0
    assert "Niets te schrijven" in capsys.readouterr().out
    checks_clean(content, capsys)


def test_a_motion_gets_its_appreciation_decision_and_votes(content, capsys):
    before = (content / "motions.yaml").read_text(encoding="utf-8")
    assert run(content, DATA / "moties.json") == 0
    assert "bijgewerkt: motie 2019Z08042 → motie-33694-43: Aangenomen., 76 voor, 20 tegen" in capsys.readouterr().out
    after = (content / "motions.yaml").read_text(encoding="utf-8")
    # everything hand-written stays as it was written: only the new keys are added
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [d for d in diff if d.startswith("- ")]  # no line removed or changed
    added = [d[2:] for d in diff if d.startswith("+ ")]
    assert added[0] == "    official:" and "    votes:" in added
    corpus = load_content(content)
    motion = corpus.motions["motie-33694-43"]
    assert motion.official["zaak"] == "2019Z08042"
    assert motion.official["kabinetsappreciatie"] == "Oordeel Kamer"
    assert motion.official["besluit"] == "Aangenomen."
    assert motion.official["stemmingssoort"] == "Met handopsteken"
    votes = {v.fractie: (v.vote, v.seats, v.mistake) for v in motion.votes}
    assert votes["VVD"] == ("Voor", 33, False) and votes["PVV"] == ("Tegen", 20, False)
    assert votes["FvD"] == ("Tegen", 2, True)  # recorded in error: kept, not counted
    assert (motion.official["voor"], motion.official["tegen"]) == ("76", "20")
    assert motion.status.startswith("In uitvoering")  # the editor's status is not replaced
    assert len(corpus.motions) == 2
    checks_clean(content, capsys)


def test_a_new_motion_is_created_with_its_kamerstuk_and_submitters(content, tmp_path, capsys):
    doc = json.loads((DATA / "moties.json").read_text(encoding="utf-8"))
    zaak = doc["value"][0]
    zaak["Nummer"], zaak["Volgnummer"], zaak["Id"] = "2022Z11111", 2600, "3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6c"
    zaak["Kamerstukdossier"] = [{"Id": "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6f", "Nummer": 21501, "Toevoeging": "02"}]
    path = tmp_path / "motie.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run(content, path) == 0
    motion = load_content(content).motions["motie-21501-02-2600"]
    assert (motion.kamerstuk.dossier, motion.kamerstuk.number) == ("21501-02", "2600")
    assert [(p.name, p.party) for p in motion.submitters] == [("Koopmans", "VVD"), ("Sjoerdsma", "D66")]
    assert motion.status == "Aangenomen." and motion.date == "2019-04-24"
    checks_clean(content, capsys)


def test_feeds_in_a_zip_are_read_together(content, tmp_path, capsys):
    archive = tmp_path / "opendata.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(DATA / "toezeggingen.xml", "toezeggingen.xml")
        z.write(DATA / "moties.json", "moties.json")
    assert run(content, archive) == 0
    corpus = load_content(content)
    assert "tz201810-045" in corpus.commitments and corpus.motions["motie-33694-43"].votes


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("persoon.json", json.dumps({"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Persoon",
                                     "value": [{"Id": "5e2d9c10-8a77-4f0e-b3c2-1d4e6f708a91", "Achternaam": "Sjoerdsma"}]}),
         "geen toezeggingen of moties in de download (wel: Persoon)"),
        ("activiteit.json", json.dumps({"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Activiteit",
                                        "value": []}), "OData van Activiteit"),
        ("vergadering.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/xml">'
                            '<vergadering xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" id="x"/></content></entry></feed>',
         "een SyncFeed van <vergadering>"),
        ("kapot.json", '{"@odata.context": "x", "value": [', "beschadigde JSON"),
        ("geen-odata.json", '{"value": []}', "JSON zonder '@odata.context'"),
    ],
)
def test_bad_open_data_gets_one_message_and_changes_nothing(content, tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    before = files_in(content)
    assert run(content, path) == 1
    err = capsys.readouterr().err
    assert message in err and "er is niets geschreven" in err and "Traceback" not in err
    assert files_in(content) == before


def test_syncfeed_pages_of_zaak_besluit_and_stemming_are_joined_by_their_references(content, capsys):
    folder = DATA / "syncfeed-motie"  # four SyncFeed pages: Kamerstukdossier, Zaak, Besluit, Stemming
    assert run(content, folder) == 0
    assert "bijgewerkt: motie 2019Z08042 → motie-33694-43: Aangenomen., 71 voor, 20 tegen" in capsys.readouterr().out
    motion = load_content(content).motions["motie-33694-43"]
    assert motion.official["kabinetsappreciatie"] == "Oordeel Kamer"
    assert [(v.fractie, v.vote, v.seats) for v in motion.votes] == [
        ("VVD", "Voor", 33), ("D66", "Voor", 19), ("CDA", "Voor", 19), ("PVV", "Tegen", 20),
    ]


def test_an_update_keeps_the_editors_words(content, tmp_path, capsys):
    assert run(content, DATA / "toezeggingen.xml") == 0
    path = content / "commitments.yaml"
    own = "De Kamer informeren over de conferentie over nieuwe technologieën en wapenbeheersing."
    text = path.read_text(encoding="utf-8")
    start = text.index('  - id: "tz202107-031"')
    old_line = next(ln for ln in text[start:].splitlines() if ln.startswith("    text: "))
    path.write_text(text.replace(old_line, f'    text: "{own}"  # in eigen woorden'), encoding="utf-8")
    newer = tmp_path / "toezeggingen.xml"
    newer.write_text((DATA / "toezeggingen.xml").read_text(encoding="utf-8").replace("Openstaand", "Voldaan"), encoding="utf-8")
    capsys.readouterr()
    assert run(content, newer) == 0
    after = path.read_text(encoding="utf-8")
    assert f'    text: "{own}"  # in eigen woorden' in after  # the line, with its comment, as the editor wrote it
    commitment = load_content(content).commitments["tz202107-031"]
    assert commitment.status == "fulfilled" and commitment.official["status"] == "Voldaan"
    checks_clean(content, capsys)
