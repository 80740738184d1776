"""Issue 14, wrong or missing messages: an unknown --domain/--forum (25), control characters in
"verbatim" quotes shown alike in both packs, and a CRLF qa.yaml kept CRLF by import (28).
(23, the UTF-8 size limit at import, is in test_hardening_hangs.py; 27 in _tracebacks.py.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from briefing_tui.cli import main
from briefing_tui.export.chars import showable

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def content(tmp_path, monkeypatch, mini_content):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    return mini_content


# --- 25 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value, listed",
    [("--domain", "robots", "de domeinen zijn: laws"), ("--forum", "navo", "de fora zijn: ccw, gge-laws")],
)
def test_an_unknown_domain_or_forum_says_which_exist(content, capsys, option, value, listed):
    assert main(["--content", str(content), "search", "verbod", option, value]) == 1
    err = capsys.readouterr().err
    assert f"{option} {value}: onbekend" in err and listed in err


def test_a_known_domain_and_forum_search_as_before(content, capsys):
    assert main(["--content", str(content), "search", "verbod", "--domain", "laws", "--forum", "ccw"]) == 0
    assert "laws-verbod-2022" in capsys.readouterr().out


# --- 28: control characters in quotes, the same in both packs ------------------------------------------------


def test_control_characters_become_the_replacement_character_and_page_breaks_spaces():
    assert showable("a\x00b\x1bc\x7fd") == "a\ufffdb\ufffdc\ufffdd"
    assert showable("pagina\x0cvolgende\x0bregel") == "pagina volgende regel"
    assert showable("tab\tregel\n") == "tab\tregel\n"
    assert showable("\ufffe\udcff") == "\ufffd\ufffd"


def test_markdown_and_word_show_a_control_character_in_a_quote_the_same_way(tmp_path):
    from test_export_markdown import fixture_briefing, fixture_corpus

    from briefing_tui.export.write import render_bytes

    corpus = fixture_corpus(tmp_path)
    st = corpus.statements["laws-verbod-2022"]
    words = st.quote.split(" ")
    dirty = " ".join(words[:2]) + " \x1b\x00 " + " ".join(words[2:])
    corpus.statements["laws-verbod-2022"] = type(st)(**{**{f: getattr(st, f) for f in st.__dataclass_fields__}, "quote": dirty})
    b = fixture_briefing()
    md = render_bytes(b, corpus, "md")[0].decode("utf-8")
    doc = Document(io.BytesIO(render_bytes(b, corpus, "docx")[0]))
    word = "\n".join(p.text for p in doc.paragraphs)
    shown = " ".join(words[:2]) + " \ufffd\ufffd"
    assert shown in md.replace("\\", "")
    assert shown in word
    assert "\x1b" not in md and "\x00" not in md


# --- 28: importing into a CRLF qa.yaml ---------------------------------------------------------------------------


def test_importing_questions_into_a_crlf_qa_yaml_keeps_crlf(content):
    qa = content / "qa.yaml"
    qa.write_bytes(qa.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["--content", str(content), "import", str(DATA / "antwoorden.txt")]) == 0
    data = qa.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 10


def test_linking_into_a_crlf_source_yaml_keeps_crlf(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    assert main(["--content", str(root), "import", str(DATA / "vragen.txt")]) == 0
    questions = root / "sources" / "kv-tk-2019z04567.yaml"
    questions.write_bytes(questions.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["--content", str(root), "import", str(DATA / "antwoorden.txt")]) == 0
    data = questions.read_bytes()
    assert b"answered_by: ah-tk-20182019-2345\r\n" in data
    assert data.count(b"\r\n") == data.count(b"\n")
