"""Issue 14, data loss: `export -o` over someone else's file (8), `import --id` taking an id in
use (9), saving a briefing dropping the officer's comments and layout (10), temporaries of a
killed save left behind (11)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing_tui.atomic import STALE_AFTER, atomic_write_bytes, clean_stale
from briefing_tui.briefing import Item, create_briefing, load_briefing, new_briefing, save_briefing
from briefing_tui.cli import main

DATA = Path(__file__).parent / "data" / "import"


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


# --- 8: export -o over an existing file --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_export_o_refuses_to_overwrite_a_file_that_is_not_its_pack(ws, tmp_path, capsys, fmt):
    other = tmp_path / f"ander.{fmt}"
    other.write_bytes(b"een ander document\n")
    assert cli(ws, "export", "debat", "-o", str(other)) == 1
    err = capsys.readouterr().err
    assert "bestaat al" in err and "--force" in err
    assert other.read_bytes() == b"een ander document\n"


def test_export_o_refuses_a_content_file_and_another_briefings_pack(ws, tmp_path, capsys):
    content, briefings = ws
    qa = content / "qa.yaml"
    before = qa.read_bytes()
    assert cli(ws, "export", "debat", "-o", str(qa), "--format", "md") == 1
    assert qa.read_bytes() == before
    create_briefing(new_briefing("ander"), briefings)
    assert cli(ws, "export", "ander") == 0
    theirs = (briefings / "ander.md").read_bytes()
    assert cli(ws, "export", "debat", "-o", str(briefings / "ander.md")) == 1
    assert (briefings / "ander.md").read_bytes() == theirs


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_export_o_overwrites_an_earlier_pack_of_the_same_briefing(ws, tmp_path, capsys, fmt):
    out = tmp_path / f"pakket.{fmt}"
    assert cli(ws, "export", "debat", "-o", str(out)) == 0
    first = out.read_bytes()
    assert cli(ws, "export", "debat", "-o", str(out)) == 0
    assert out.read_bytes() == first


def test_export_force_overwrites_another_file(ws, tmp_path):
    other = tmp_path / "ander.md"
    other.write_text("oud\n", encoding="utf-8")
    assert cli(ws, "export", "debat", "-o", str(other), "--force") == 0
    assert other.read_text(encoding="utf-8").startswith("# Commissiedebat")


def test_export_beside_the_briefing_replaces_the_file_there(ws):
    """The default place is the briefing's own pack, also one exported before packs named
    their briefing."""
    _, briefings = ws
    (briefings / "debat.md").write_text("# Commissiedebat\n\nmet de hand bijgewerkt\n", encoding="utf-8")
    assert cli(ws, "export", "debat") == 0
    assert "met de hand" not in (briefings / "debat.md").read_text(encoding="utf-8")


# --- 9: import --id with an id in use ----------------------------------------------------------------


@pytest.mark.parametrize(
    "used",
    ["laws-verbod-2022", "ccw-mhc-2022", "laws", "ccw", "gge-laws", "tz-verbod", "motie-33694-43", "qa-1"],
)
def test_import_refuses_an_id_used_by_any_record(ws, capsys, used):
    content, _ = ws
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", used) == 1
    err = capsys.readouterr().err
    assert "al in gebruik" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_import_takes_an_id_that_is_only_mentioned_elsewhere(ws):
    content, _ = ws
    # "laws-geen-verbod-2019" is used; "laws-geen" only appears inside other values.
    assert cli(ws, "import", str(DATA / "kamerbrief.txt"), "--id", "laws-geen") == 0
    assert (content / "sources" / "laws-geen.yaml").is_file()


# --- 10: saving keeps comments, order and style ----------------------------------------------------------

OFFICER = """\
# Briefing voor het commissiedebat; bijgehouden door DVB.
title: "Commissiedebat Wapenbeheersing"   # titel zoals op de agenda
committee: 'vaste commissie voor Buitenlandse Zaken'
members:
  - {name: Boswijk, party: CDA}
sections:
  # eerst de standpunten
  - key: standpunten
    items:
      - statement: laws-verbod-2022   # kernpunt
        position: "Wij willen een verbod"
      # oud standpunt, ter vergelijking
      - statement: laws-geen-verbod-2019
  - key: notities
    items:
      - note: |
          Navragen bij DVB.
          Tweede regel.
"""


def test_saving_keeps_the_officers_comments_quoting_order_and_indentation(tmp_path):
    path = tmp_path / "debat.yaml"
    path.write_text(OFFICER, encoding="utf-8")
    b, problems = load_briefing(path)
    assert problems == []
    b.add("notities", Item.note("Nieuw punt"))
    save_briefing(b, expected=b.fingerprint)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(OFFICER)  # every line as it was, the new note after it
    assert text[len(OFFICER):] == "      - note: Nieuw punt\n"
    again, problems = load_briefing(path)
    assert problems == [] and again.to_data() == b.to_data()


def test_an_item_keeps_its_comment_when_it_moves_and_a_removed_field_leaves_the_rest(tmp_path):
    path = tmp_path / "debat.yaml"
    path.write_text(OFFICER, encoding="utf-8")
    b, _ = load_briefing(path)
    b.move("standpunten", 0, 1)
    b.set_position("standpunten", 1, None)
    save_briefing(b, expected=b.fingerprint)
    text = path.read_text(encoding="utf-8")
    assert "# Briefing voor het commissiedebat; bijgehouden door DVB." in text
    assert "# titel zoals op de agenda" in text and "# eerst de standpunten" in text
    assert text.index("laws-geen-verbod-2019") < text.index("laws-verbod-2022   # kernpunt")
    assert "Wij willen een verbod" not in text
    assert "{name: Boswijk, party: CDA}" in text
    again, _ = load_briefing(path)
    assert again.to_data() == b.to_data()


def test_repeated_saves_after_edits_keep_working(tmp_path):
    """After a save the items point at their lines in the new text, so the next edit still
    finds each item's own place."""
    path = tmp_path / "debat.yaml"
    path.write_text(OFFICER, encoding="utf-8")
    b, _ = load_briefing(path)
    for i in range(3):
        b.add("standpunten", Item("statement", f"extra-{i}"), index=0)
        b.set_comment("standpunten", 2, f"opmerking {i}")
        save_briefing(b, expected=b.fingerprint)
        again, problems = load_briefing(path)
        assert problems == [] and again.to_data() == b.to_data()
    assert "# kernpunt" in path.read_text(encoding="utf-8")


def test_crlf_briefing_keeps_its_line_endings(tmp_path):
    path = tmp_path / "debat.yaml"
    path.write_bytes(OFFICER.replace("\n", "\r\n").encode("utf-8"))
    b, _ = load_briefing(path)
    b.set_comment("standpunten", 0, "let op")
    save_briefing(b, expected=b.fingerprint)
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert b"# kernpunt" in data


# --- 11: temporaries of a killed save ------------------------------------------------------------------


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_killed_saves_temporaries_are_cleaned_on_the_next_save(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    stale = folder / f"debat.yaml.tmp-{_dead_pid()}-abcd1234"  # killed between write and rename
    stale.write_bytes(b"half")
    older = folder / ".debat.yaml.zyxw9876.tmp"  # as saves named them before: no pid in the name
    older.write_bytes(b"half")
    os.utime(older, (time.time() - STALE_AFTER - 10,) * 2)
    recent_older = folder / ".ander.yaml.abcd5678.tmp"  # that naming, but recent: could be a save under way
    recent_older.write_bytes(b"bezig")
    live = folder / f"ander.yaml.tmp-{os.getpid()}-0000aaaa"  # a save under way in this process
    live.write_bytes(b"bezig")
    mine = folder / ".notities.tmp"  # not ours: never touched
    mine.write_bytes(b"van de gebruiker")
    atomic_write_bytes(folder / "debat.yaml", b"title: x\n")
    assert not stale.exists() and not older.exists()
    assert live.exists() and recent_older.exists() and mine.exists()
    assert (folder / "debat.yaml").read_bytes() == b"title: x\n"


def test_a_write_in_chunks_that_fails_halfway_leaves_the_old_file(tmp_path):
    """A large cache file is written from chunks; an error while they are made replaces nothing
    and leaves no temporary behind."""
    target = tmp_path / "snapshot.json"
    target.write_bytes(b"oud\n")

    def chunks():
        yield b"nieuw, deel 1\n"
        raise ValueError("record past JSON")

    with pytest.raises(ValueError):
        atomic_write_bytes(target, chunks(), durable=False)
    assert target.read_bytes() == b"oud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot.json"]
    atomic_write_bytes(target, iter([b"nieuw, ", b"deel 1\n"]), durable=False)
    assert target.read_bytes() == b"nieuw, deel 1\n"


def test_a_temporary_of_a_running_process_is_kept(tmp_path):
    tmp = tmp_path / f"x.yaml.tmp-{os.getppid()}-abcd1234"
    tmp.write_bytes(b"bezig")
    assert clean_stale(tmp_path) == []
    assert tmp.exists()


def test_a_briefing_name_near_the_file_system_limit_can_be_saved(tmp_path):
    """18: the temporary file's name is cut, so a 240-character name saves."""
    b = new_briefing("b" * 240)
    path = create_briefing(b, tmp_path)
    b.add(None, Item.note("tekst"))
    save_briefing(b, expected=b.fingerprint)
    assert load_briefing(path)[0].to_data() == b.to_data()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_change_to_the_example_briefing_touches_only_its_own_lines(tmp_path):
    import difflib
    import shutil

    src = Path(__file__).resolve().parents[1] / "briefings" / "commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml"
    path = tmp_path / src.name
    shutil.copy(src, path)
    before = path.read_text(encoding="utf-8").splitlines()
    b, _ = load_briefing(path)
    b.set_comment("kernboodschappen", 1, "Nieuwe opmerking")
    save_briefing(b, expected=b.fingerprint)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [d for d in difflib.unified_diff(before, after, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    assert changed == ["+    comment: Nieuwe opmerking"]
