"""The debate view: agenda readiness, members, commitments; `briefing new` and `briefing debate`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from briefing_tui.agenda import agenda_entry, parse_member, parse_number, same_person
from briefing_tui.briefing import AgendaEntry, Item, Member, load_briefing, new_briefing, save_briefing
from briefing_tui.cli import main
from briefing_tui.content import load_content
from briefing_tui.debate import readiness, to_json


@pytest.fixture(scope="module")
def corpus(content_dir):
    return load_content(content_dir)


def _debate(corpus, **kw):
    b = new_briefing("cd-2026", date="2026-03-12", **kw)
    return b, readiness(b, corpus)


def test_members_by_name_and_party_tolerant_of_initials_and_cs():
    assert parse_member("Koopmans (VVD)") == Member("Koopmans", "VVD")
    assert parse_member("  J.A.  Koopmans ( VVD ) ") == Member("J.A. Koopmans", "VVD")
    assert same_person(Member("Koopmans", "VVD"), "J.A. Koopmans c.s.", None)
    assert same_person(Member("koopmans", "vvd"), "Koopmans", "VVD")
    assert not same_person(Member("Koopmans", "CDA"), "Koopmans", "VVD")
    assert same_person(Member("Dijkstra", "VVD"), "Remco Dijkstra", "VVD")
    assert same_person(Member("Van der Lee", "GL"), "T. van der Lee", None)
    assert not same_person(Member("Koopman", "VVD"), "Koopmans", "VVD")


def test_official_numbers_resolve_to_the_source_with_that_kamerstuk(corpus):
    assert parse_number("33 694, nr. 45").label == "Kamerstuk 33 694, nr. 45"
    assert parse_number("kst-33694-45").dossier == "33694"
    assert parse_number("Geannoteerde agenda") is None
    e = agenda_entry("33 694, nr. 45=Normkader", corpus)
    assert (e.number, e.heading) == ("33 694, nr. 45", "Normkader")
    assert agenda_entry("2021-voortgang-motie-koopmans", corpus).source == "2021-voortgang-motie-koopmans"
    assert agenda_entry("Geannoteerde agenda NAVO-top", corpus).citation == "Geannoteerde agenda NAVO-top"
    _, d = _debate(corpus, agenda=[e])
    assert d.agenda[0].resolved.source == "2019-normkader-nieuwe-technologieen"
    assert d.agenda[0].heading == "Normkader"


def test_member_koopmans_has_the_motion_and_the_amendment(corpus):
    _, d = _debate(corpus, members=[parse_member("Koopmans (VVD)"), parse_member("Boswijk (CDA)")])
    koopmans, boswijk = d.members
    assert [m.id for m in koopmans.motions] == ["motie-33694-43"]
    assert [m.id for m in koopmans.amendments] == ["amendement-koopmans-begroting-2021"]
    # the commitments that name him: the follow-up of his motion
    assert "tz-2021-07-08-voortgang-motie-koopmans" in koopmans.commitments
    assert not boswijk.motions and not boswijk.amendments and not boswijk.commitments
    # a member of another party with the same name is someone else
    _, d2 = _debate(corpus, members=[Member("Koopmans", "PVV")])
    assert not d2.members[0].motions and not d2.members[0].amendments


def test_questions_of_a_member_whose_asker_the_knowledge_base_records(tmp_path, content_dir):
    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    src = root / "sources" / "2021-03-22-antwoorden-motie-koopmans.yaml"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("ministry: ", 'members:\n  - {name: "S. Dassen", party: "Volt"}\nministry: ', 1),
                   encoding="utf-8")
    corpus = load_content(root)
    assert not corpus.errors()
    b = new_briefing("x", date="2026-03-12", members=[Member("Dassen", "Volt"), Member("Koopmans", "VVD")])
    dassen, koopmans = readiness(b, corpus).members
    assert dassen.questions == [f"qa-2021-03-22-vraag-{n}" for n in range(1, 6)]
    assert "tz-2021-03-22-internationale-conferentie" in dassen.commitments  # made in the answers to them
    assert koopmans.questions == []


def test_agenda_item_readiness_says_what_is_missing_and_what_is_overdue(corpus):
    b, _ = _debate(corpus, agenda=[AgendaEntry(source="2021-voortgang-motie-koopmans")])
    b.add(None, Item("statement", "wapenbeheersing-conferentie-2022"))
    b.add(None, Item("commitment", "tz-2021-07-08-voortgang-motie-koopmans"))  # kept by this very letter
    b.add(None, Item("qa", "qa-2021-03-22-vraag-1"))  # its answer holds positions replaced since
    d = readiness(b, corpus)
    item = d.agenda[0]
    ids = {p.statement.id for p in item.positions}
    assert all(corpus.is_current(i) for i in ids)
    held = [p.statement.id for p in item.positions if p.in_briefing]
    assert "wapenbeheersing-conferentie-2022" in held
    commitments = {s.commitment.id: s for s in item.commitments}
    assert commitments["tz-2021-03-22-internationale-conferentie"].overdue
    assert all(s.commitment.status != "fulfilled" for s in item.commitments)
    assert [m.id for m in item.motions][:1] == ["motie-33694-43"]
    codes = [n.code for n in item.warnings]
    assert "debate.positions_missing" in codes
    assert "debate.overdue_not_in_briefing" in codes
    assert "debate.stale_positions" in codes
    notices = {n.code: n.data for n in item.warnings}
    assert notices["debate.kept_in_briefing"]["id"] == "tz-2021-07-08-voortgang-motie-koopmans"
    assert notices["debate.superseded_in_answer"]["id"] == "qa-2021-03-22-vraag-1"


def test_superseded_statement_in_the_briefing_is_a_warning_on_its_agenda_item(corpus):
    b, _ = _debate(corpus, agenda=[AgendaEntry(source="2019-normkader-nieuwe-technologieen")])
    old = next(s for s in corpus.statements.values()
               if s.source == "2019-normkader-nieuwe-technologieen" and not corpus.is_current(s.id))
    b.add(None, Item("statement", old.id))
    d = readiness(b, corpus)
    found = [n for n in d.agenda[0].warnings if n.code == "debate.superseded_in_briefing"]
    assert found and found[0].data["id"] == old.id
    assert found[0].data["by"] == corpus.latest_in_chain(old.id)


def test_an_agenda_item_outside_the_knowledge_base_gets_topics_from_its_heading(corpus):
    _, d = _debate(corpus, agenda=[AgendaEntry(citation="Geannoteerde agenda NAVO-top")])
    item = d.agenda[0]
    assert "navo" in item.areas
    assert item.positions and "debate.agenda_not_in_kb" in [n.code for n in item.warnings]


def test_json_contract(corpus):
    b, d = _debate(corpus, members=[parse_member("Koopmans (VVD)")],
                   agenda=[AgendaEntry(source="2021-voortgang-motie-koopmans", heading="Voortgang")])
    data = to_json(d)
    assert set(data) == {"date", "agenda", "members", "commitments"}
    assert data["date"] == "2026-03-12"
    item = data["agenda"][0]
    assert {"item", "positions", "commitments", "motions", "questions", "warnings"} <= set(item)
    assert item["item"]["heading"] == "Voortgang"
    member = data["members"][0]
    assert {"name", "party", "motions", "amendments", "questions", "commitments", "votes"} == set(member)
    assert member["motions"][0]["id"] == "motie-33694-43"
    # what the cabinet did with it, with the source that says so
    assert {f["source"] for f in member["motions"][0]["follow_up"]} >= {"2021-voortgang-motie-koopmans"}
    entry = next(c for c in data["commitments"] if c["id"] == "tz-2021-03-22-internationale-conferentie")
    assert set(entry) == {"id", "status", "due", "overdue"}
    assert entry["due"] == {"from": "2021-03-22", "to": "2021-12-31", "evidence": "in 2021"} and entry["overdue"]
    unparsed = next(c for c in data["commitments"] if c["id"] == "tz-2020-10-28-blijven-informeren")
    assert unparsed["due"] is None and unparsed["overdue"] is False
    json.dumps(data)  # plain values only


def test_without_a_debate_date_overdue_is_measured_today(corpus):
    b = new_briefing("x")
    d = readiness(b, corpus, today=date(2021, 6, 1))
    states = {s.commitment.id: s for s in d.commitments}
    assert not states["tz-2021-03-22-internationale-conferentie"].overdue
    assert states["tz-2019-05-13-visie-ai-en-ethiek"].overdue


# --- the command line -------------------------------------------------------------------------


def _run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_briefing_new_with_debate_and_briefing_debate_json(tmp_path, content_dir, capsys):
    common = ["--content", str(content_dir), "--briefings", str(tmp_path)]
    code, out, err = _run([*common, "new", "cd-2026", "--debate-date", "2026-03-12", "--committee",
                           "vaste commissie voor Buitenlandse Zaken", "--member", "Koopmans (VVD)",
                           "--member", "Boswijk (CDA)", "--agenda", "2021-voortgang-motie-koopmans",
                           "--agenda", "33 694, nr. 45=Normkader", "--agenda", "Geannoteerde agenda NAVO-top"],
                          capsys)
    assert code == 0, err
    b, problems = load_briefing(tmp_path / "cd-2026.yaml", load_content(content_dir))
    assert not [p for p in problems if p.severity == "error"]
    assert b.date == "2026-03-12"
    assert b.members == [Member("Koopmans", "VVD"), Member("Boswijk", "CDA")]
    assert [(a.source, a.number, a.citation, a.heading) for a in b.agenda] == [
        ("2021-voortgang-motie-koopmans", None, None, None),
        (None, "33 694, nr. 45", None, "Normkader"),
        (None, None, "Geannoteerde agenda NAVO-top", None),
    ]
    code, out, err = _run([*common, "debate", "cd-2026", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert [a["item"]["label"] for a in data["agenda"]][1].startswith("Kamerstuk 33 694, nr. 45")
    koopmans = data["members"][0]
    assert [m["id"] for m in koopmans["motions"]] == ["motie-33694-43"]
    assert [m["id"] for m in koopmans["amendments"]] == ["amendement-koopmans-begroting-2021"]
    overdue = {c["id"] for c in data["commitments"] if c["overdue"]}
    assert "tz-2021-03-22-internationale-conferentie" in overdue


def test_briefing_debate_text_and_ics(tmp_path, content_dir, capsys):
    common = ["--content", str(content_dir), "--briefings", str(tmp_path)]
    assert _run([*common, "new", "cd", "--debate-date", "2026-03-12", "--member", "Koopmans (VVD)",
                 "--agenda", "2021-voortgang-motie-koopmans"], capsys)[0] == 0
    ics = tmp_path / "termijnen.ics"
    code, out, err = _run([*common, "debate", "cd", "--ics", str(ics)], capsys)
    assert code == 0, err
    raw = ics.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    text = raw.decode("utf-8").replace("\r\n ", "")
    assert "UID:tz-2021-03-22-internationale-conferentie@briefing-tui" in text
    assert "DTSTART;VALUE=DATE:20211231" in text
    assert "SUMMARY:VERLOPEN: Toezegging:" in text
    assert "tz-2018-10-04-normkader" not in text  # kept, so not in the calendar
    code, out, err = _run([*common, "debate", "cd"], capsys)
    assert code == 0
    assert "Agendapunt 1:" in out and "Koopmans (VVD)" in out
    assert "motie-33694-43" in out and "amendement-koopmans-begroting-2021" in out
    assert "VERLOPEN tz-2021-03-22-internationale-conferentie" in out


def test_briefing_debate_of_a_missing_briefing_is_a_message_not_a_traceback(tmp_path, content_dir, capsys):
    code, out, err = _run(["--content", str(content_dir), "--briefings", str(tmp_path), "debate", "nope"], capsys)
    assert code == 1 and "briefing debate:" in err and "Traceback" not in err


def test_debate_command_does_not_import_textual(tmp_path, content_dir):
    code = (
        "import sys; from briefing_tui.cli import main; "
        f"main(['--content', {str(content_dir)!r}, '--briefings', {str(tmp_path)!r}, 'new', 'x', '--member', 'A (B)']); "
        f"main(['--content', {str(content_dir)!r}, '--briefings', {str(tmp_path)!r}, 'debate', 'x', '--json']); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_agenda_heading_and_number_survive_a_save(tmp_path, corpus):
    b = new_briefing("rt", agenda=[AgendaEntry(number="33 694, nr. 45", heading="Normkader"),
                                   AgendaEntry(citation="Brief = vrije tekst")])
    path = tmp_path / "rt.yaml"
    save_briefing(b, path)
    again, problems = load_briefing(path, corpus)
    assert not problems
    assert again.agenda == b.agenda
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nagenda:\n  - number: 'geen nummer'\n  - {source: a, number: '33 694, nr. 45'}\n", encoding="utf-8")
    _, problems = load_briefing(bad, corpus)
    assert any(p.line == 3 and p.code == "briefing.agenda_bad_number" and "geen officieel documentnummer" in p.message
               for p in problems)
    assert any(p.line == 4 and p.code == "briefing.agenda_entry" and "precies één" in p.message for p in problems)


def test_the_schema_accepts_the_debate_fields_and_rejects_two_kinds(tmp_path):
    import jsonschema
    import yaml

    schema = json.loads((Path(__file__).resolve().parents[1] / "src/briefing_tui/schemas/briefing.schema.json").read_text())
    b = new_briefing("s", date="2026-03-12", members=[Member("Koopmans", "VVD")],
                     agenda=[AgendaEntry(source="a-b", heading="Kop"), AgendaEntry(number="33 694, nr. 45"),
                             AgendaEntry(citation="vrij", heading="Kop 2")])
    jsonschema.validate(yaml.safe_load(b.to_yaml()), schema)
    bad = yaml.safe_load(b.to_yaml())
    bad["agenda"][0]["number"] = "33 694, nr. 45"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# --- the pack ---------------------------------------------------------------------------------


def test_pack_sections_agenda_commitments_and_members(corpus):
    from briefing_tui.export.markdown import render_markdown

    b = new_briefing("cd", title="Commissiedebat", date="2026-03-12", members=[parse_member("Koopmans (VVD)")],
                     agenda=[AgendaEntry(source="2021-voortgang-motie-koopmans", heading="Motie Koopmans")])
    b.add(None, Item("statement", "wapenbeheersing-conferentie-2022"))
    md = render_markdown(b, corpus).replace("\\", "")
    agenda = md[md.index("## Agenda en kabinetslijn"):md.index("## Open en verlopen toezeggingen")]
    assert "### 1. Motie Koopmans" in agenda and "Kabinetslijn:" in agenda
    assert "[^" in agenda  # cited like the rest
    due = md[md.index("## Open en verlopen toezeggingen"):md.index("## Leden en eerdere inbreng")]
    conf = next(line for line in due.splitlines() if "aanvankelijk voorzien in 2021" in line)
    assert conf.startswith("- **VERLOPEN**") and "22 maart 2021 t/m 31 december 2021" in conf and "‘in 2021’" in conf
    assert "verlopen op 12 maart 2026" in due
    members = md[md.index("## Leden en eerdere inbreng"):md.index("## Bronnen")]
    assert "### Koopmans (VVD)" in members
    assert "Motie Koopmans c.s. over nieuwe potentiële massavernietigingswapens" in members
    assert "Amendement Koopmans op de begroting 2021" in members
    # no ids for the minister
    assert "tz-2021" not in md and "motie-33694-43" not in md


def test_pack_without_a_debate_date_does_not_mark_overdue(corpus):
    from briefing_tui.export.markdown import render_markdown

    b = new_briefing("cd", agenda=[AgendaEntry(source="2021-voortgang-motie-koopmans")])
    md = render_markdown(b, corpus).replace("\\", "")
    assert "VERLOPEN" not in md and "geen debatdatum" in md
    assert "Leden en eerdere inbreng" not in md  # no members, no section


def test_briefing_new_with_an_empty_member_says_how_in_dutch(tmp_path, content_dir, capsys):
    code, out, err = _run(["--content", str(content_dir), "--briefings", str(tmp_path), "new", "x", "--member", " "], capsys)
    assert code == 1 and "Koopmans (VVD)" in err and "Traceback" not in err
    assert not (tmp_path / "x.yaml").exists()


def test_votes_per_party_and_commitments_made_to_a_member_where_the_open_data_records_them(corpus):
    """The open data's Stemming (votes per fractie on a motion) and Toezegging (toegezegd aan), as
    `briefing import` of the official formats writes them into the knowledge base."""
    import dataclasses

    from briefing_tui.model import Vote

    motie = corpus.motions["motie-33694-43"]
    with_votes = dataclasses.replace(motie, votes=(Vote("VVD", "Voor", 33), Vote("PVV", "Tegen", 20),
                                                   Vote("D66", "Voor", 24, mistake=True)))
    tz = corpus.commitments["tz-2022-aircw-wettelijke-verankering"]
    made_to = dataclasses.replace(tz, official={"toegezegd_aan": "Sjoerdsma (D66), Boswijk (CDA)"})
    kb = dataclasses.replace(corpus, motions={**corpus.motions, motie.id: with_votes},
                             commitments={**corpus.commitments, tz.id: made_to})
    kb.link()
    b = new_briefing("x", date="2026-03-12", members=[Member("Koopmans", "VVD"), Member("Sjoerdsma", "D66")])
    koopmans, sjoerdsma = readiness(b, kb).members
    assert [(v.motion, v.party, v.vote) for v in koopmans.votes] == [("motie-33694-43", "VVD", "Voor")]
    assert [v.vote for v in sjoerdsma.votes] == ["Voor (vergissing)"]
    assert "tz-2022-aircw-wettelijke-verankering" in sjoerdsma.commitments
    assert "tz-2022-aircw-wettelijke-verankering" not in koopmans.commitments
    member = to_json(readiness(b, kb))["members"][0]
    assert member["votes"] == [{"motion": "motie-33694-43", "party": "VVD", "vote": "Voor"}]


def test_an_agenda_entry_as_one_line_reads_back_to_the_same_entry(corpus):
    from briefing_tui.agenda import entry_line

    entries = [AgendaEntry(source="2021-voortgang-motie-koopmans", heading="Motie Koopmans"),
               AgendaEntry(source="2019-normkader-nieuwe-technologieen"),
               AgendaEntry(number="33 694, nr. 45", heading="Normkader"),
               AgendaEntry(citation="Geannoteerde agenda NAVO-top")]
    for e in entries:
        line = entry_line(e, corpus)
        assert "\n" not in line
        assert agenda_entry(line, corpus) == e, line
    assert entry_line(entries[1], corpus).startswith("Kamerstuk 33 694, nr. 45")


def test_the_kamers_decision_on_a_motion_is_in_the_json(corpus):
    import dataclasses

    motie = corpus.motions["motie-33694-43"]
    kb = dataclasses.replace(corpus, motions={**corpus.motions,
                                              motie.id: dataclasses.replace(motie, official={"besluit": "Aangenomen."})})
    kb.link()
    b = new_briefing("x", members=[Member("Koopmans", "VVD")])
    data = to_json(readiness(b, kb))
    assert data["members"][0]["motions"][0]["decision"] == "Aangenomen."
    assert data["members"][0]["amendments"][0]["decision"] is None


def test_pack_shows_the_kamers_decision_and_the_party_vote_for_a_member(corpus):
    import dataclasses

    from briefing_tui.export.markdown import render_markdown
    from briefing_tui.model import Vote

    motie = corpus.motions["motie-33694-43"]
    voted = dataclasses.replace(motie, official={"besluit": "Aangenomen."}, votes=(Vote("VVD", "Voor", 33),))
    kb = dataclasses.replace(corpus, motions={**corpus.motions, motie.id: voted})
    kb.link()
    md = render_markdown(new_briefing("x", members=[Member("Koopmans", "VVD")]), kb).replace("\\", "")
    members = md[md.index("## Leden en eerdere inbreng"):]
    assert "Besluit van de Kamer: Aangenomen." in members.replace("**", "")
    assert "Stemming: VVD stemde voor" in members.replace("**", "")
