"""`briefing import FILE`: a real-looking document of each kind, as text and as PDF, lands in
content/sources/ with its detected metadata, is found by search at once, and bad input writes
nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from briefing_tui.cli import main
from briefing_tui.importer import write as write_mod
from briefing_tui.importer.clean import mask_furniture
from briefing_tui.importer.extract import ImportRefused
from briefing_tui.importer.write import plan_import, write_import
from briefing_tui.passages import split_passages
from briefing_tui.store import KnowledgeBase, SearchQuery
from briefing_tui.workspace import Workspace

DATA = Path(__file__).parent / "data" / "import"
REPO_CONTENT = Path(__file__).resolve().parents[1] / "content"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

QA_YAML = """\
# Questions put by the Kamer and the answers given.
qa:
  - id: qa-bestaand-vraag-1
    source: bestaand
    number: 1
    question: "Bestaat deze vraag al?"   # a comment that must survive
    answer_locator: "Antwoord 1"
    answer: "Ja."
"""


@pytest.fixture
def content(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    return root


def run(content: Path, *args: str) -> int:
    return main(["--content", str(content), "import", *map(str, args)])


def search_ids(content: Path, text: str) -> list[str]:
    ws = Workspace.resolve(content=content)
    with KnowledgeBase.open(ws) as engine:
        return [hit.source.id if hit.source else hit.id for hit in engine.search(SearchQuery(text=text)).hits]


def files_in(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def make_pdf(text: str, tmp_path: Path, name: str, lines_per_page: int = 40, footer: str | None = None) -> Path:
    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=10)
    else:
        pdf.set_font("Helvetica", size=10)
        text = text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")
    pdf.set_auto_page_break(False)
    lines = text.split("\n")
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for number, page in enumerate(pages, 1):
        pdf.add_page()
        for line in page:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        if footer:
            pdf.set_y(-20)
            pdf.cell(0, 5, f"{footer} {number}", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / name
    path.write_bytes(bytes(pdf.output()))
    return path


# --- each kind of document, as text ----------------------------------------------------------

def test_motion_as_text(content, capsys):
    assert run(content, DATA / "motie.txt") == 0
    out = capsys.readouterr().out
    meta = yaml.safe_load((content / "sources" / "kst-33694-43.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "motie"
    assert meta["date"] == "2019-04-24"
    assert [m["name"] for m in meta["members"]] == ["Koopmans", "Sjoerdsma", "Van Helvert"]
    assert meta["kamerstuk"] == {"dossier": "33694", "number": "43", "year": "2018-2019"}
    assert meta["url"] == "https://zoek.officielebekendmakingen.nl/kst-33694-43.html"
    assert meta["detected"]["date"] == "regel 7: «Voorgesteld 24 april 2019»"
    # The text is stored exactly as received.
    assert (content / "sources" / "kst-33694-43.txt").read_bytes() == (DATA / "motie.txt").read_bytes()
    # The user sees each field with how it was found, and the index report.
    assert "gedetecteerd" in out and "Voorgesteld 24 april 2019" in out
    assert "Niet gevonden" in out and "partij" in out
    assert "Index:" in out
    assert "kst-33694-43" in search_ids(content, "massavernietigingswapens")


def test_letter_as_text_found_by_search_at_once(content, capsys):
    assert run(content, DATA / "kamerbrief.txt") == 0
    sid = "2019-05-13-internationaal-normkader-voor-nieuwe-technologieen-in"
    meta = yaml.safe_load((content / "sources" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "kamerbrief"
    assert meta["title"] == "Internationaal normkader voor nieuwe technologieën in wapensystemen"
    assert meta["ministers"] == [{"name": "S.A. Blok", "role": "minister van Buitenlandse Zaken"}]
    assert "kamerstuk" not in meta  # a reference in the text is not the letter's own number
    assert sid in search_ids(content, "hypersone raketten")


def test_questions_then_answers_are_linked_both_ways_and_become_qa(content, capsys):
    (content / "qa.yaml").write_text(QA_YAML, encoding="utf-8")
    assert run(content, DATA / "vragen.txt") == 0
    assert run(content, DATA / "antwoorden.txt") == 0
    out = capsys.readouterr().out
    q = yaml.safe_load((content / "sources" / "kv-tk-2019z04567.yaml").read_text(encoding="utf-8"))
    a = yaml.safe_load((content / "sources" / "ah-tk-20182019-2345.yaml").read_text(encoding="utf-8"))
    assert q["kind"] == "vragen" and q["members"] == [{"name": "Sjoerdsma", "party": "D66"}]
    assert q["kamervragen"] == "2019Z04567"
    assert q["url"] == "https://zoek.officielebekendmakingen.nl/kv-tk-2019Z04567.html"
    assert a["kind"] == "antwoorden" and a["date"] == "2019-04-10"
    assert a["aanhangsel"] == {"year": "2018-2019", "number": "2345"}
    assert a["answers"] == "kv-tk-2019z04567"
    assert q["answered_by"] == "ah-tk-20182019-2345"
    assert "Gekoppeld" in out

    qa_text = (content / "qa.yaml").read_text(encoding="utf-8")
    assert "# a comment that must survive" in qa_text
    items = {i["id"]: i for i in yaml.safe_load(qa_text)["qa"]}
    assert "qa-bestaand-vraag-1" in items
    v1 = items["qa-ah-tk-20182019-2345-vraag-1"]
    assert v1["source"] == "ah-tk-20182019-2345" and v1["number"] == 1
    assert v1["question"] == "Bent u bekend met het bericht «Gesprekken over killer robots in Genève lopen vast»1?"
    assert v1["answer"] == "Ja." and v1["answer_locator"] == "Antwoord 1"
    v3 = items["qa-ah-tk-20182019-2345-vraag-3"]
    assert v3["answer_locator"] == "Antwoord vragen 2 en 3"
    assert v3["answer"].startswith("Het kabinet is van mening")
    assert "internationaal humanitair recht" in v3["answer"]  # wrap hyphen joined
    assert "NRC" not in v3["answer"]  # the footnote is not part of the answer

    hits = search_ids(content, "politieke verklaring als tussenstap")
    assert "ah-tk-20182019-2345" in hits


def test_answers_imported_before_the_questions_are_linked_when_the_questions_arrive(content):
    assert run(content, DATA / "antwoorden.txt") == 0
    assert run(content, DATA / "vragen.txt") == 0
    q = yaml.safe_load((content / "sources" / "kv-tk-2019z04567.yaml").read_text(encoding="utf-8"))
    a = yaml.safe_load((content / "sources" / "ah-tk-20182019-2345.yaml").read_text(encoding="utf-8"))
    assert q["answered_by"] == "ah-tk-20182019-2345"
    assert a["answers"] == "kv-tk-2019z04567"


def test_answers_linked_by_members_and_subject_without_a_number(content):
    questions = (DATA / "vragen.txt").read_text(encoding="utf-8").replace("2019Z04567\n", "")
    answers = (DATA / "antwoorden.txt").read_text(encoding="utf-8").replace("2019Z04567\n", "")
    (content.parent / "v.txt").write_text(questions, encoding="utf-8")
    (content.parent / "a.txt").write_text(answers, encoding="utf-8")
    assert run(content, content.parent / "v.txt", "--id", "vragen-sjoerdsma-2019") == 0
    assert run(content, content.parent / "a.txt") == 0
    a = yaml.safe_load((content / "sources" / "ah-tk-20182019-2345.yaml").read_text(encoding="utf-8"))
    assert a["answers"] == "vragen-sjoerdsma-2019"


def test_kabinetsreactie_as_text(content):
    assert run(content, DATA / "kabinetsreactie.txt") == 0
    [yaml_path] = (content / "sources").glob("*.yaml")
    meta = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    assert meta["kind"] == "kabinetsreactie"
    assert meta["date"] == "2022-03-03"
    assert [p["name"] for p in meta["ministers"]] == ["W.B. Hoekstra", "K.H. Ollongren"]
    assert meta["ministry"] == "Buitenlandse Zaken en Defensie"


# --- the same documents as PDF ---------------------------------------------------------------

@pytest.mark.parametrize(
    "name, kind, date, sid",
    [
        ("motie.txt", "motie", "2019-04-24", "kst-33694-43"),
        ("vragen.txt", "vragen", "2019-03-12", "kv-tk-2019z04567"),
        ("antwoorden.txt", "antwoorden", "2019-04-10", "ah-tk-20182019-2345"),
        ("kamerbrief.txt", "kamerbrief", "2019-05-13", "2019-05-13-internationaal-normkader-voor-nieuwe-technologieen-in"),
    ],
)
def test_each_kind_as_pdf(content, tmp_path, name, kind, date, sid):
    pdf = make_pdf((DATA / name).read_text(encoding="utf-8"), tmp_path, name.replace(".txt", ".pdf"), lines_per_page=18)
    assert run(content, pdf) == 0
    meta = yaml.safe_load((content / "sources" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == kind
    assert meta["date"] == date
    assert "PDF" in meta["notes"]
    text = (content / "sources" / f"{sid}.txt").read_text(encoding="utf-8")
    assert "\f" in text  # more than one page
    word = {"motie": "massavernietigingswapens", "vragen": "bindend instrument", "antwoorden": "tussenstap",
            "kamerbrief": "hypersone"}[kind]
    assert sid in search_ids(content, word)


def test_pdf_running_footer_and_page_numbers_are_not_searched_but_kept(content, tmp_path):
    body = "\n".join(
        [
            "Geachte voorzitter,",
            "",
            *[f"Alinea {i} over de wapenbeheersing van dronezwermen en hun inzet." for i in range(1, 60)],
            "",
            "De minister van Buitenlandse Zaken,",
            "",
            "S.A. Blok",
        ]
    )
    pdf = make_pdf(body, tmp_path, "brief.pdf", lines_per_page=20, footer="Tweede Kamer, vergaderjaar 2018–2019, 33 694, nr. 45")
    assert run(content, pdf) == 0
    sid = "kst-33694-45"  # the running footer states the number
    text = (content / "sources" / f"{sid}.txt").read_text(encoding="utf-8")
    assert text.count("Tweede Kamer, vergaderjaar 2018–2019, 33 694, nr. 45") == 4  # stored as received
    assert sid in search_ids(content, "dronezwermen")
    # For search, the footer and page numbers are furniture: the clean-up hook blanks them.
    passages = split_passages(mask_furniture(text))
    assert passages and not any("vergaderjaar" in p.text for p in passages)
    assert any("Alinea 59 over de wapenbeheersing" in p.text for p in passages)
    # ... and the index, the briefing pack and the preview split it that way: search does not
    # find the footer, and every place numbers the passages alike.
    assert sid not in search_ids(content, "vergaderjaar 2018")
    from briefing_tui.briefing import passages_of
    from briefing_tui.content import load_content

    numbered = passages_of(load_content(content), sid)
    assert [p.text for p in numbered] == [p.text for p in passages]


# --- command-line options override detection --------------------------------------------------

def test_options_override_detection(content, capsys):
    assert run(content, DATA / "kamerbrief.txt", "--kind", "kabinetsreactie", "--date", "2019-05",
               "--title", "Normkader nieuwe technologieën", "--dossier", "33694", "--number", "45") == 0
    out = capsys.readouterr().out
    meta = yaml.safe_load((content / "sources" / "kst-33694-45.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "kabinetsreactie"
    assert meta["date"] == "2019-05"
    assert meta["title"] == "Normkader nieuwe technologieën"
    assert meta["kamerstuk"] == {"dossier": "33694", "number": "45"}
    for name in ("kind", "date", "title", "kamerstuk"):
        assert name not in meta["detected"]  # given, not detected
    assert "ministers" in meta["detected"]
    assert "opgegeven (--date)" in out


def test_id_option(content):
    assert run(content, DATA / "motie.txt", "--id", "motie-koopmans") == 0
    assert (content / "sources" / "motie-koopmans.yaml").is_file()


@pytest.mark.parametrize(
    "args, says",
    [
        (["--kind", "brief"], "--kind"),
        (["--date", "13 mei 2019"], "--date"),
        (["--id", "Hoofdletters"], "--id"),
        (["--dossier", "33694"], "--number"),
    ],
)
def test_bad_options_write_nothing(content, capsys, args, says):
    assert run(content, DATA / "motie.txt", *args) == 1
    assert says in capsys.readouterr().err
    assert files_in(content) == {}


def test_dry_run_writes_nothing(content, capsys):
    assert run(content, DATA / "antwoorden.txt", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "ah-tk-20182019-2345" in out and "niets geschreven" in out
    assert files_in(content) == {}


# --- bad input: a clear message, nothing written ----------------------------------------------

def _encrypted(tmp_path: Path) -> Path:
    src = make_pdf((DATA / "kamerbrief.txt").read_text(encoding="utf-8"), tmp_path, "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password="geheim")
    path = tmp_path / "geheim.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _image_only(tmp_path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 150, 200, style="F")
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    return path


def _damaged(tmp_path: Path) -> Path:
    src = make_pdf((DATA / "kamerbrief.txt").read_text(encoding="utf-8"), tmp_path, "heel.pdf")
    path = tmp_path / "kapot.pdf"
    data = src.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "leeg.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(4096))
    return path


@pytest.mark.parametrize(
    "make, says",
    [
        (_encrypted, "versleutelde PDF"),
        (_image_only, "geen tekstlaag"),
        (_damaged, "beschadigde PDF"),
        (_empty, "leeg"),
        (_binary, "binair"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(content, tmp_path, capsys, make, says):
    (content / "qa.yaml").write_text(QA_YAML, encoding="utf-8")
    before = files_in(content)
    assert run(content, make(tmp_path)) == 1
    err = capsys.readouterr().err
    assert says in err and "niets geschreven" in err
    assert files_in(content) == before


def test_duplicate_of_an_imported_source_is_refused(content, tmp_path, capsys):
    assert run(content, DATA / "motie.txt") == 0
    # The same text in another encoding, with other line ends and under another id.
    copy = tmp_path / "kopie.txt"
    copy.write_bytes((DATA / "motie.txt").read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16"))
    before = files_in(content)
    assert run(content, copy, "--id", "andere-motie") == 1
    err = capsys.readouterr().err
    assert "al geïmporteerd als bron 'kst-33694-43'" in err
    assert files_in(content) == before


def test_duplicate_of_a_real_source_is_refused(tmp_path, monkeypatch, capsys):
    root = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, root)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    before = files_in(root)
    seed = REPO_CONTENT / "sources" / "2021-voortgang-motie-koopmans.txt"
    assert run(root, seed) == 1
    assert "2021-voortgang-motie-koopmans" in capsys.readouterr().err
    assert files_in(root) == before


def test_an_id_that_exists_is_refused(content, capsys):
    assert run(content, DATA / "motie.txt") == 0
    before = files_in(content)
    assert run(content, DATA / "web-motie.txt", "--id", "kst-33694-43") == 1
    assert "bestaat al" in capsys.readouterr().err
    assert files_in(content) == before


def test_a_crash_midway_leaves_no_half_written_source(content, monkeypatch):
    (content / "qa.yaml").write_text(QA_YAML, encoding="utf-8")
    assert run(content, DATA / "vragen.txt") == 0
    before = files_in(content)
    plan = plan_import(DATA / "antwoorden.txt", content)
    assert len(plan.files) == 4  # .txt, .yaml, qa.yaml, the questions' .yaml

    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if str(dst).endswith("kv-tk-2019z04567.yaml"):  # the last step fails
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(write_mod.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_import(plan)
    monkeypatch.setattr(write_mod.os, "replace", real_replace)
    assert files_in(content) == before  # new files removed, qa.yaml restored, no temp files left


def test_a_file_created_meanwhile_is_not_overwritten(content):
    plan = plan_import(DATA / "motie.txt", content)
    (content / "sources" / "kst-33694-43.yaml").write_text("id: kst-33694-43\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="intussen"):
        write_import(plan)
    assert not (content / "sources" / "kst-33694-43.txt").exists()
    assert (content / "sources" / "kst-33694-43.yaml").read_text(encoding="utf-8") == "id: kst-33694-43\n"


def test_imported_sources_load_without_problems(content):
    from briefing_tui.content import load_content
    from briefing_tui.schema import schema

    # The source schema knows the keys the importer writes.
    assert {"detected", "kamervragen", "answers", "answered_by"} <= set(schema("source")["properties"])
    for name in ("motie.txt", "vragen.txt", "antwoorden.txt", "kamerbrief.txt", "kabinetsreactie.txt"):
        assert run(content, DATA / name) == 0
    corpus = load_content(content)
    assert [str(p) for p in corpus.problems] == []
    assert len(corpus.sources) == 5
