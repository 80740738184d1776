"""Issue 14, tracebacks: each of these was a Python traceback; each is now a `path:line: message`
or a one-line error with exit 1, and the rest keeps working (12, 14, 15, 16, 18, 19, 20, 21, 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.briefing import BriefingError, Item, create_briefing, load_briefing, new_briefing, save_briefing
from briefing_tui.cli import main
from briefing_tui.dates import bounds, is_valid

DATA = Path(__file__).parent / "data" / "import"
TAGGED = ["!!int abc", "!!float x", "!!bool maybe", "!!timestamp 2021-02-30"]


@pytest.fixture
def ws(tmp_path, monkeypatch, mini_content):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    for var in ("BRIEFING_CONTENT", "BRIEFING_BRIEFINGS"):
        monkeypatch.delenv(var, raising=False)
    briefings = tmp_path / "briefings"
    b = new_briefing("debat", title="Commissiedebat")
    b.add(None, Item("statement", "laws-verbod-2022"))
    create_briefing(b, briefings)
    return mini_content, briefings


def cli(ws, *args: str) -> int:
    content, briefings = ws
    return main(["--content", str(content), "--briefings", str(briefings), *args])


def no_traceback(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return captured.err


# --- 12: tagged scalars of the wrong type ----------------------------------------------------------------


@pytest.mark.parametrize("tagged", TAGGED)
def test_a_wrongly_tagged_value_in_a_briefing_is_a_problem_on_its_line(tmp_path, tagged):
    path = tmp_path / "debat.yaml"
    path.write_text(f"title: Debat\nsections:\n  - key: notities\n    items:\n      - note: {tagged}\n", encoding="utf-8")
    b, problems = load_briefing(path)
    assert [p.line for p in problems] == [5]
    assert tagged.split()[0] in problems[0].message
    assert b.incomplete
    with pytest.raises(BriefingError):
        save_briefing(b, expected=b.fingerprint)  # the file is never overwritten with less


@pytest.mark.parametrize("tagged", TAGGED)
def test_a_wrongly_tagged_value_in_content_is_a_problem_and_search_keeps_working(ws, capsys, tagged):
    content, _ = ws
    path = content / "domains" / "laws.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('name: "Autonome wapensystemen"', f"name: {tagged}"), encoding="utf-8")
    assert cli(ws, "check") == 1
    out = capsys.readouterr().out
    assert "domains/laws.yaml:2:" in out
    assert cli(ws, "search", "menselijke", "controle") == 0  # the forum's statement is still found
    assert "ccw-mhc-2022" in capsys.readouterr().out
    assert cli(ws, "export", "debat") == 1  # laws-verbod-2022 is in the file that cannot be read
    no_traceback(capsys)


@pytest.mark.parametrize("tagged", TAGGED)
def test_a_wrongly_tagged_value_in_qa_yaml_refuses_an_import_that_adds_questions(ws, capsys, tagged):
    content, _ = ws
    qa = content / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8").replace("number: 1", f"number: {tagged}"), encoding="utf-8")
    before = qa.read_bytes()
    assert cli(ws, "import", str(DATA / "antwoorden.txt")) == 1
    err = no_traceback(capsys)
    assert "qa.yaml:4:" in err
    assert qa.read_bytes() == before


def test_a_python_tag_in_a_briefing_says_that_the_tag_is_not_allowed(tmp_path):
    """27: it said "must be a single value, not a list"."""
    path = tmp_path / "debat.yaml"
    path.write_text(
        'title: Debat\nsections:\n  - key: notities\n    items:\n      - !!python/object/apply:os.system ["echo gehackt"]\n',
        encoding="utf-8",
    )
    b, problems = load_briefing(path)
    assert len(problems) == 1 and problems[0].line == 5
    assert "python/object/apply:os.system" in problems[0].message and "list" not in problems[0].message
    assert b.incomplete and len(b) == 0


# --- 14: dates at the edge -------------------------------------------------------------------------------


def test_dates_at_the_edge_of_the_calendar():
    assert not is_valid("0000") and not is_valid("0000-01-01")
    assert bounds("9999-12") == (bounds("9999-12-01")[0], bounds("9999-12-31")[0])
    assert bounds("9999")[1].isoformat() == "9999-12-31"
    assert bounds("0001")[0].isoformat() == "0001-01-01"


def test_search_with_edge_dates(ws, capsys):
    assert cli(ws, "search", "verbod", "--until", "9999-12") == 0
    assert "laws-verbod-2022" in capsys.readouterr().out
    assert cli(ws, "search", "verbod", "--since", "0001") == 0
    with pytest.raises(SystemExit) as exc:
        cli(ws, "search", "verbod", "--since", "0000")
    assert exc.value.code == 2  # argparse: "geen datum", no traceback
    assert "geen datum" in no_traceback(capsys)


def test_a_source_dated_0000_is_a_check_error_and_search_keeps_working(ws, capsys):
    content, _ = ws
    path = content / "sources" / "2019-oud.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2019"', 'date: "0000"'), encoding="utf-8")
    assert cli(ws, "check") == 1
    assert "sources/2019-oud.yaml:" in capsys.readouterr().out
    assert cli(ws, "search", "verbod") == 0
    no_traceback(capsys)


# --- 15: integers beyond 64 bits -----------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["9223372036854775808", "1" + "0" * 30])
def test_a_limit_beyond_64_bits_means_all_hits(ws, capsys, limit):
    assert cli(ws, "search", "verbod", "--limit", limit) == 0
    out = no_traceback(capsys) + capsys.readouterr().out
    assert "Traceback" not in out


# --- 16: a briefing nested 500 deep ----------------------------------------------------------------------------


def test_a_briefing_nested_500_deep_is_a_problem_not_a_recursion_error(ws, capsys):
    _, briefings = ws
    path = briefings / "diep.yaml"
    path.write_text("title: Diep\nsections:\n  - key: notities\n    items:\n      - note: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    b, problems = load_briefing(path)
    assert problems and all(p.line >= 1 for p in problems)
    assert b.incomplete
    assert cli(ws, "export", "diep") == 1
    assert "diep.yaml:" in no_traceback(capsys)


# --- 18, 19: names and folders -------------------------------------------------------------------------------------


def test_a_briefing_name_over_the_file_system_limit_is_refused(ws, capsys):
    assert cli(ws, "new", "a" * 300) == 1
    assert "te lang" in no_traceback(capsys)
    assert cli(ws, "new", "b" * 250) == 0


def test_an_import_id_over_the_file_system_limit_is_refused(ws, capsys):
    content, _ = ws
    before = sorted(p.name for p in (content / "sources").iterdir())
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "a" * 300) == 1
    assert "te lang" in no_traceback(capsys)
    assert sorted(p.name for p in (content / "sources").iterdir()) == before


def test_a_briefings_path_that_is_a_file_or_cannot_be_made(ws, tmp_path, capsys):
    content, _ = ws
    a_file = tmp_path / "bestand"
    a_file.write_text("x", encoding="utf-8")
    assert main(["--content", str(content), "--briefings", str(a_file), "new", "debat"]) == 1
    assert "geen map" in no_traceback(capsys)
    assert main(["--content", str(content), "--briefings", str(a_file / "sub"), "new", "debat"]) == 1
    assert "kan niet worden gemaakt" in no_traceback(capsys)
    assert main(["--content", str(content), "--briefings", "/proc/geen-map", "new", "debat"]) == 1
    no_traceback(capsys)


# --- 20: a lone surrogate in a note ---------------------------------------------------------------------------------


def test_a_lone_surrogate_in_a_note_is_a_problem_and_export_says_so(ws, capsys):
    """It crashed the CLI export with a UnicodeEncodeError."""
    _, briefings = ws
    path = briefings / "debat.yaml"
    path.write_text('title: Debat\nsections:\n  - key: notities\n    items:\n      - note: "tekst \\udcff"\n', encoding="utf-8")
    b, problems = load_briefing(path)
    # libyaml refuses the escape itself; a loader that takes it gets "U+DCFF ... losse surrogaat".
    assert [p.line for p in problems] == [5] and b.incomplete
    assert cli(ws, "export", "debat") == 1
    assert "debat.yaml:5:" in no_traceback(capsys)


# --- 21: qa.yaml that is not UTF-8 --------------------------------------------------------------------------------------


def test_an_import_into_a_qa_yaml_that_is_not_utf8_is_refused(ws, capsys):
    content, _ = ws
    qa = content / "qa.yaml"
    qa.write_bytes(qa.read_bytes().replace(b"Geachte voorzitter,", "Geachte voorzitter, café".encode("latin-1")))
    before = qa.read_bytes()
    assert cli(ws, "import", str(DATA / "antwoorden.txt")) == 1
    err = no_traceback(capsys)
    assert "qa.yaml:5:" in err and "UTF-8" in err
    assert qa.read_bytes() == before
    assert not any(p.name.startswith(".") for p in (content / "sources").iterdir())


# --- 22: import with an index that cannot be written -------------------------------------------------------------------


def _failing_open(monkeypatch, fail_on: int) -> None:
    """KnowledgeBase.open fails on its `fail_on`-th call (as an index that cannot be written)."""
    import sqlite3

    from briefing_tui.store import KnowledgeBase

    real = KnowledgeBase.open.__func__
    calls = {"n": 0}

    def open_(cls, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == fail_on:
            raise sqlite3.OperationalError("database or disk is full")
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(KnowledgeBase, "open", classmethod(open_))


def test_an_import_writes_nothing_when_the_index_cannot_be_written(ws, monkeypatch, capsys):
    content, _ = ws
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    _failing_open(monkeypatch, fail_on=1)
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "nieuwe-brief") == 1
    assert "niets geschreven" in no_traceback(capsys)
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    monkeypatch.undo()
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "nieuwe-brief") == 0  # not "bestaat al"


def test_an_import_is_taken_back_when_the_index_update_after_writing_fails(ws, monkeypatch, capsys):
    import sqlite3

    from briefing_tui.store import KnowledgeBase

    content, _ = ws
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}

    def full(self, paths):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(KnowledgeBase, "after_writing", full)
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "nieuwe-brief") == 1
    assert "teruggedraaid" in no_traceback(capsys)
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_an_import_with_a_cache_that_cannot_be_made_is_complete(ws, tmp_path, monkeypatch, capsys):
    """The knowledge base then keeps its index in a private fallback: the import still lands whole."""
    content, _ = ws
    blocked = tmp_path / "geen-cache"
    blocked.write_text("een bestand, geen map", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE", str(blocked / "cache"))
    code = cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "nieuwe-brief")
    no_traceback(capsys)
    written = (content / "sources" / "nieuwe-brief.yaml").exists()
    assert (code, written) in ((0, True), (1, False))


def test_a_lone_surrogate_that_reaches_the_model_is_refused_on_its_line():
    from briefing_tui.briefing_read import _Walk

    w = _Walk("debat.yaml")
    assert w.text("tekst \udcff", 7, "note") is None
    assert [(p.line, "U+DCFF" in p.message) for p in w.problems] == [(7, True)] and w.incomplete


def test_a_question_number_beyond_64_bits_does_not_break_the_index(ws, capsys):
    content, _ = ws
    qa = content / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8").replace("number: 1", "number: 12345678901234567890123"), encoding="utf-8")
    assert cli(ws, "index") == 0
    assert cli(ws, "search", "Geachte", "--kind", "qa") == 0
    assert "qa-1" in capsys.readouterr().out
    assert cli(ws, "check") == 1  # it passed check before
    assert "qa.yaml:4:" in capsys.readouterr().out
    no_traceback(capsys)
