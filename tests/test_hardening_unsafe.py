"""Issue 14, unsafe: a pack is never written through a symlink (2), and control characters from
files never reach the terminal raw (4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_tui.briefing import create_briefing, load_briefing, new_briefing
from briefing_tui.cli import main
from briefing_tui.export import TargetRefused, write_pack
from briefing_tui.terminal import printable

DATA = Path(__file__).parent / "data" / "import"
ESCAPES = "\x1b]52;c;ZWNobyBnZWhhY2t0\x07\x1b[2J\x1b]0;titel\x07\x9b31m\u202e"


@pytest.fixture
def ws(tmp_path, monkeypatch, mini_content):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    for var in ("BRIEFING_CONTENT", "BRIEFING_BRIEFINGS"):
        monkeypatch.delenv(var, raising=False)
    briefings = tmp_path / "briefings"
    create_briefing(new_briefing("debat"), briefings)
    return mini_content, briefings


def cli(ws, *args: str) -> int:
    content, briefings = ws
    return main(["--content", str(content), "--briefings", str(briefings), *args])


# --- 2: export through a symlink -----------------------------------------------------------------


def test_export_refuses_a_pack_path_that_is_a_symlink(ws, tmp_path, capsys):
    _, briefings = ws
    dotfile = tmp_path / ".bashrc"
    dotfile.write_text("export PATH=/usr/bin\n", encoding="utf-8")
    (briefings / "debat.md").symlink_to(dotfile)  # as if committed to git
    assert cli(ws, "export", "debat") == 1
    err = capsys.readouterr().err
    assert "symbolische link" in err and "Traceback" not in err
    assert dotfile.read_text(encoding="utf-8") == "export PATH=/usr/bin\n"
    assert (briefings / "debat.md").is_symlink()


def test_export_refuses_a_symlink_given_with_o_even_with_force(ws, tmp_path, capsys):
    target = tmp_path / "elders.md"
    target.write_text("van iemand anders\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert cli(ws, "export", "debat", "-o", str(link), "--force") == 1
    assert "symbolische link" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "van iemand anders\n"


def test_write_pack_refuses_a_symlink(ws, tmp_path):
    from briefing_tui.content import load_content

    content, briefings = ws
    briefing, _ = load_briefing(briefings / "debat.yaml")
    target = tmp_path / "doel.docx"
    target.write_bytes(b"doel")
    link = tmp_path / "pack.docx"
    link.symlink_to(target)
    with pytest.raises(TargetRefused):
        write_pack(briefing, load_content(content), link, "docx", force=True)
    assert target.read_bytes() == b"doel"


# --- 4: terminal escapes ---------------------------------------------------------------------------


def test_printable_escapes_every_control_character_and_keeps_the_rest():
    assert printable("a\x1b]0;x\x07b") == "a\\u001b]0;x\\u0007b"
    assert printable("\x9b31m") == "\\u009b31m"
    assert printable("regel\n\tingesprongen é ï €") == "regel\n\tingesprongen é ï €"
    assert printable("\r\x7f\u202e\udcff") == "\\u000d\\u007f\\u202e\\udcff"


def test_search_output_shows_escapes_from_a_source_text_escaped(ws, capsys):
    content, _ = ws
    text = content / "sources" / "kst-33694-99.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Daarnaast", f"Daarnaast{ESCAPES}"), encoding="utf-8")
    assert cli(ws, "search", "betekenisvolle", "controle") == 0
    out = capsys.readouterr().out
    assert "betekenisvolle" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    assert "\\u001b]52;c;" in out


def test_search_json_output_stays_valid_json_without_raw_controls(ws, capsys):
    import json

    content, _ = ws
    text = content / "sources" / "kst-33694-99.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Daarnaast", f"Daarnaast{ESCAPES}"), encoding="utf-8")
    assert cli(ws, "search", "betekenisvolle", "controle", "--json") == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    hits = json.loads(out)
    assert any("\x1b]52" in (h["text"] or "") + (h["quote"] or "") + h["snippet"] for h in hits)


def test_import_output_shows_escapes_from_the_document_escaped(ws, tmp_path, capsys):
    doc = tmp_path / "brief.txt"
    doc.write_text(
        (DATA / "kamerbrief.txt").read_text(encoding="utf-8").replace("\n", f"\n{ESCAPES}", 1), encoding="utf-8"
    )
    cli(ws, "import", str(doc), "--title", f"Brief {ESCAPES}", "--dry-run")
    captured = capsys.readouterr()
    assert "Brief" in captured.out
    for stream in (captured.out, captured.err):
        assert not any(ch in stream for ch in "\x1b\x07\x9b\u202e")


def test_check_output_shows_escapes_from_content_escaped(ws, capsys):
    content, _ = ws
    path = content / "domains" / "laws.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'x-\x1b[2J: "\x1b]0;titel\x07"\n', encoding="utf-8")
    cli(ws, "check")
    captured = capsys.readouterr()
    assert not any("\x1b" in s or "\x07" in s for s in (captured.out, captured.err))


def test_the_streams_are_given_back_after_a_command(ws):
    import sys

    before = sys.stdout, sys.stderr
    cli(ws, "check")
    assert (sys.stdout, sys.stderr) == before
    assert os.environ.get("BRIEFING_CACHE")
