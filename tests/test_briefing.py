"""Briefing files: round trip, problems with line numbers, safe YAML, atomic save, conflicts, editing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing_tui.briefing import (
    SECTIONS,
    AgendaEntry,
    BriefingConflict,
    BriefingError,
    Item,
    Member,
    create_briefing,
    fingerprint,
    load_briefing,
    new_briefing,
    save_briefing,
)
from test_export_markdown import fixture_corpus

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "src" / "briefing_tui" / "schemas" / "briefing.schema.json").read_text(encoding="utf-8")
)


def sample():
    b = new_briefing(
        "cd-2024",
        title="Commissiedebat Wapenbeheersing",
        committee="vaste commissie voor Buitenlandse Zaken",
        date="2024-06-12",
        members=[Member("Boswijk", "CDA"), Member("Dassen")],
        agenda=[AgendaEntry(source="kst-33694-45"), AgendaEntry(citation="Geannoteerde agenda")],
    )
    b.add(None, Item("statement", "laws-verbod-2022", position="Wij willen een verbod", comment="Let op"))
    b.add(None, Item("passage", "kst-33694-45#3"))
    b.add(None, Item("commitment", "tz-gge"))
    b.add(None, Item("motion", "motie-33694-43"))
    b.add(None, Item("qa", "qa-1"))
    b.add(None, Item.note("Eerste regel\n- tweede regel\n\nNa een witregel: ja"))
    return b


def test_sections_are_the_six_dutch_sections_in_order():
    assert list(SECTIONS.items()) == [
        ("kernboodschappen", "Kernboodschappen"),
        ("standpunten", "Standpunten per onderwerp"),
        ("toezeggingen", "Toezeggingen"),
        ("moties", "Moties"),
        ("vragen", "Vragen en antwoorden"),
        ("notities", "Notities"),
    ]
    assert [s.key for s in new_briefing("x").sections] == list(SECTIONS)


def test_items_go_to_their_kinds_default_section():
    b = sample()
    assert [(k, it.kind) for k, _, it in b.items()] == [
        ("standpunten", "statement"),
        ("standpunten", "passage"),
        ("toezeggingen", "commitment"),
        ("moties", "motion"),
        ("vragen", "qa"),
        ("notities", "note"),
    ]


def test_save_and_load_round_trip(tmp_path):
    b = sample()
    path = create_briefing(b, tmp_path)
    assert path == tmp_path / "cd-2024.yaml"
    loaded, problems = load_briefing(path)
    assert problems == []
    assert loaded == b
    assert loaded.section("notities").items[0].ref == "Eerste regel\n- tweede regel\n\nNa een witregel: ja"
    assert loaded.fingerprint == fingerprint(path)
    # Saving what was loaded writes the same bytes.
    before = path.read_bytes()
    save_briefing(loaded, expected=loaded.fingerprint)
    assert path.read_bytes() == before


def test_saved_file_validates_against_the_schema(tmp_path):
    path = create_briefing(sample(), tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)) == []
    data["sections"][0]["items"] = [{"statement": "a", "qa": "b"}]
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


def test_conflict_when_the_file_changed_on_disk(tmp_path):
    path = create_briefing(sample(), tmp_path)
    mine, _ = load_briefing(path)
    theirs, _ = load_briefing(path)
    theirs.add("kernboodschappen", Item.note("Van een collega"))
    save_briefing(theirs, expected=theirs.fingerprint)
    after_theirs = path.read_bytes()
    mine.remove("standpunten", 0)
    with pytest.raises(BriefingConflict) as info:
        save_briefing(mine, expected=mine.fingerprint)
    assert info.value.path == str(path)
    assert "op schijf gewijzigd" in info.value.message
    assert path.read_bytes() == after_theirs  # the colleague's work is still there
    assert [p.name for p in tmp_path.iterdir()] == ["cd-2024.yaml"]  # no temp file left


def test_conflict_when_the_file_was_deleted(tmp_path):
    path = create_briefing(sample(), tmp_path)
    b, _ = load_briefing(path)
    path.unlink()
    with pytest.raises(BriefingConflict):
        save_briefing(b, expected=b.fingerprint)
    assert not path.exists()


def test_touch_without_change_is_not_a_conflict(tmp_path):
    path = create_briefing(sample(), tmp_path)
    b, _ = load_briefing(path)
    os.utime(path, ns=(b.fingerprint.mtime_ns + 10**9, b.fingerprint.mtime_ns + 10**9))
    b.set_comment("standpunten", 0, "Nieuw")
    fp = save_briefing(b, expected=b.fingerprint)
    assert fp == fingerprint(path) == b.fingerprint


def test_save_is_atomic_when_the_rename_fails(tmp_path, monkeypatch):
    path = create_briefing(sample(), tmp_path)
    b, _ = load_briefing(path)
    before = path.read_bytes()
    b.remove("standpunten", 0)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(BriefingError, match="No space left"):
        save_briefing(b, expected=b.fingerprint)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["cd-2024.yaml"]


def test_saved_file_keeps_its_permissions(tmp_path):
    path = create_briefing(sample(), tmp_path)
    path.chmod(0o640)
    b, _ = load_briefing(path)
    b.set_position("standpunten", 0, "Anders")
    save_briefing(b, expected=b.fingerprint)
    assert path.stat().st_mode & 0o777 == 0o640


def test_new_refuses_to_overwrite_and_bad_names(tmp_path):
    create_briefing(new_briefing("a"), tmp_path)
    with pytest.raises(BriefingError, match="bestaat al"):
        create_briefing(new_briefing("a"), tmp_path)
    for bad in ("../a", "a/b", "", ".verborgen", "a.yaml", "a b"):
        with pytest.raises(BriefingError):
            new_briefing(bad)
    with pytest.raises(BriefingError):
        new_briefing("x", date="12-06-2024")


def test_unknown_ids_are_reported_with_their_lines(tmp_path):
    corpus = fixture_corpus(tmp_path)
    path = tmp_path / "b.yaml"
    path.write_text(
        """title: Debat
agenda:
  - source: kst-onbekend
sections:
  - key: standpunten
    items:
      - statement: laws-verbod-2022
      - statement: bestaat-niet
      - passage: kst-33694-45#999
      - passage: geen-bron#1
  - key: vragen
    items:
      - qa: qa-1
      - qa: qa-7
  - key: standpunten
    items:
      - statement: laws-geen-verbod-2019
""",
        encoding="utf-8",
    )
    b, problems = load_briefing(path, corpus, display="briefings/b.yaml")
    shown = [str(p) for p in problems]
    assert "briefings/b.yaml:3: agenda: onbekende bron 'kst-onbekend'" in shown
    assert "briefings/b.yaml:8: Standpunten per onderwerp: standpunt 'bestaat-niet' bestaat niet" in shown
    assert any(s.startswith("briefings/b.yaml:9: Standpunten per onderwerp: passage 'kst-33694-45#999': bron 'kst-33694-45' heeft ") for s in shown)
    assert "briefings/b.yaml:10: Standpunten per onderwerp: passage 'geen-bron#1': onbekende bron 'geen-bron'" in shown
    assert "briefings/b.yaml:14: Vragen en antwoorden: vraag 'qa-7' bestaat niet" in shown
    assert (
        "briefings/b.yaml:17: waarschuwing: Standpunten per onderwerp: standpunt 'laws-geen-verbod-2019' "
        "is vervangen door 'laws-verbod-2022'"
    ) in shown
    assert "briefings/b.yaml:15: waarschuwing: sectie 'standpunten' staat er twee keer (eerst op regel 5); de items worden samengevoegd" in shown
    assert sorted((p.line, p.code, p.severity) for p in problems) == [
        (3, "briefing.agenda_unknown_source", "error"),
        (8, "briefing.unknown_record", "error"),
        (9, "briefing.passage_out_of_range", "error"),
        (10, "briefing.passage_unknown_source", "error"),
        (14, "briefing.unknown_record", "error"),
        (15, "briefing.section_twice", "warning"),
        (17, "briefing.superseded", "warning"),
    ]
    unknown = [p.data for p in problems if p.code == "briefing.unknown_record"]
    assert [(d["kind"], d["ref"]) for d in unknown] == [("statement", "bestaat-niet"), ("qa", "qa-7")]
    # Unknown ids stay in the briefing: saving never drops what the officer put there.
    assert [it.ref for it in b.section("standpunten").items] == [
        "laws-verbod-2022", "bestaat-niet", "kst-33694-45#999", "geen-bron#1", "laws-geen-verbod-2019",
    ]
    assert not b.incomplete


def test_superseded_statements_drawn_from_an_answer_are_warnings_naming_qa_and_statement(tmp_path):
    import dataclasses

    corpus = fixture_corpus(tmp_path)
    corpus.qa["qa-1"] = dataclasses.replace(corpus.qa["qa-1"], statements=("laws-controle-2019", "laws-geen-verbod-2019"))
    path = tmp_path / "b.yaml"
    path.write_text("title: Debat\nsections:\n  - key: vragen\n    items:\n      - qa: qa-1\n", encoding="utf-8")
    _, problems = load_briefing(path, corpus, display="briefings/b.yaml")
    assert [str(p) for p in problems] == [
        "briefings/b.yaml:5: waarschuwing: Vragen en antwoorden: vraag 'qa-1' steunt op standpunt 'laws-geen-verbod-2019', "
        "dat vervangen is door 'laws-verbod-2022'"
    ]
    assert [(p.code, p.data["ref"], p.data["statement"], p.data["latest"]) for p in problems] == [
        ("briefing.qa_superseded", "qa-1", "laws-geen-verbod-2019", "laws-verbod-2022")
    ]


def test_bad_yaml_and_wrong_types_are_problems_not_exceptions(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(
        """title: Debat
datum: 2024
date: 12 juni
members:
  - name: Boswijk
    fractie: CDA
sections:
  - key: standpunten
    items:
      - statement: laws-verbod-2022
        position: [een, lijst]
      - note: null
      - statement: a
        qa: b
      - {}
  - key: onbekend
    items: []
""",
        encoding="utf-8",
    )
    b, problems = load_briefing(path)
    by_line = {p.line: p.message for p in problems}
    assert by_line[2].startswith("onbekend veld 'datum'")
    assert "geen datum" in by_line[3]
    assert by_line[6].startswith("onbekend veld 'fractie' in een lid")
    assert by_line[11] == "position moet één waarde zijn, niet een lijst"
    assert by_line[13].startswith("een item heeft meer dan één soort")
    assert by_line[15].startswith("een item heeft geen soort")
    assert by_line[16].startswith("onbekende sectie 'onbekend'")
    assert all(p.severity == "error" for p in problems)
    # What could be read is there; the file is marked incomplete, so it is not saved over.
    assert [it.ref for it in b.section("standpunten").items] == ["laws-verbod-2022", ""]
    assert b.incomplete
    before = path.read_bytes()
    with pytest.raises(BriefingError, match="niet opgeslagen"):
        save_briefing(b, expected=b.fingerprint)
    assert path.read_bytes() == before


def test_syntax_error_is_a_problem_with_a_line(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("title: Debat\nsections:\n  - key: standpunten\n    items: [\n", encoding="utf-8")
    b, problems = load_briefing(path)
    assert len(problems) == 1 and problems[0].line == 5 and "YAML" in problems[0].message
    assert b.incomplete and len(b) == 0


def test_text_fields_are_read_as_written(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("title: no\nkind: 2024\ndate: 2024-06-12\nmembers:\n  - name: Yes\n    party: ~\n", encoding="utf-8")
    b, problems = load_briefing(path)
    # Nothing is lost; the schema (as the editor's language server) asks to quote the number.
    assert [(p.line, p.code, p.severity) for p in problems] == [(2, "schema.type", "warning")]
    assert "aanhalingstekens" in problems[0].message
    assert (b.title, b.kind, b.date, b.members) == ("no", "2024", "2024-06-12", [Member("Yes", None)])
    assert not b.incomplete


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01\x02binary", "binair"),
        ("title: caf\u00e9\n".encode("latin-1"), "geen UTF-8"),
        (b"- a\n- b\n", "moet bovenaan een mapping"),
        (b"", "leeg"),
    ],
)
def test_unreadable_files_raise_a_clear_error(tmp_path, content, message):
    path = tmp_path / "b.yaml"
    path.write_bytes(content)
    with pytest.raises(BriefingError, match=message):
        load_briefing(path)


def test_missing_file_raises(tmp_path):
    with pytest.raises(BriefingError, match="bestaat niet"):
        load_briefing(tmp_path / "nope.yaml")


def test_editing_operations():
    b = sample()
    b.add("kernboodschappen", Item.note("A"))
    b.add("kernboodschappen", Item.note("B"))
    b.add("kernboodschappen", Item.note("C"))
    assert b.move("kernboodschappen", 2, -1) == 1
    assert [i.ref for i in b.section("kernboodschappen").items] == ["A", "C", "B"]
    assert b.move("kernboodschappen", 0, -5) == 0  # clamped at the top
    assert b.move("kernboodschappen", 0, +9) == 2  # and at the bottom
    assert [i.ref for i in b.section("kernboodschappen").items] == ["C", "B", "A"]
    removed = b.remove("kernboodschappen", 1)
    assert removed.ref == "B"
    b.set_note("kernboodschappen", 0, "C2")
    assert b.section("kernboodschappen").items[0].ref == "C2"
    with pytest.raises(BriefingError):
        b.set_note("standpunten", 0, "x")  # a statement is not a note
    with pytest.raises(BriefingError):
        b.set_position("kernboodschappen", 0, "x")  # a note has no position line
    b.set_position("standpunten", 0, "  Nieuwe   lijn ")
    assert b.section("standpunten").items[0].position == "Nieuwe lijn"
    b.set_position("standpunten", 0, "")
    assert b.section("standpunten").items[0].position is None
    at = b.move_to("standpunten", 0, "kernboodschappen", 0)
    assert at == 0 and b.section("kernboodschappen").items[0].kind == "statement"
    assert b.find("statement", "laws-verbod-2022") == [("kernboodschappen", 0)]
    with pytest.raises(IndexError):
        b.remove("moties", 5)
    with pytest.raises(KeyError):
        b.section("onbekend")
    with pytest.raises(ValueError):
        Item("tabel", "x")


def test_briefing_new_command(tmp_path, monkeypatch, capsys):
    from briefing_tui.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_BRIEFINGS", raising=False)
    code = main(["new", "cd-2024", "--title", "Commissiedebat Wapenbeheersing", "--committee",
                 "vaste commissie voor Buitenlandse Zaken", "--date", "2024-06-12"])
    assert code == 0
    path = tmp_path / "briefings" / "cd-2024.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    b, problems = load_briefing(path)
    assert problems == []
    assert (b.title, b.kind, b.committee, b.date) == (
        "Commissiedebat Wapenbeheersing", "Commissiedebat", "vaste commissie voor Buitenlandse Zaken", "2024-06-12",
    )
    before = path.read_bytes()
    assert main(["new", "cd-2024"]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["new", "../elders"]) == 1
    assert "geen geldige naam" in capsys.readouterr().err
    assert not (tmp_path / "elders.yaml").exists()
    assert main(["new", "x", "--date", "morgen"]) == 1


def test_save_through_a_symlink_keeps_the_link(tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    real = create_briefing(sample(), shared)
    link = tmp_path / "cd-2024.yaml"
    link.symlink_to(real)
    b, _ = load_briefing(link)
    b.set_comment("standpunten", 0, "Via de link")
    save_briefing(b, expected=b.fingerprint)
    assert link.is_symlink()
    assert "Via de link" in real.read_text(encoding="utf-8")
