"""The shipped example briefing: it loads cleanly against the real content and its packs are fresh.

briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml is the example a new user
opens first, and the .md / .docx beside it are what they read. These tests make sure that

- the briefing loads against the real knowledge base without an error, and its only warnings
  are the superseded positions in the answers of March 2021 it includes on purpose (the pack
  flags each one under "Vragen en antwoorden");
- it holds no superseded statement itself (the history shows through "Ontwikkeling van het
  standpunt");
- it is what it claims to be: an example, with no invented debate date or members;
- the pack is for the minister: no internal ids, no English editor's notes;
- the committed packs equal a fresh export byte for byte, so the shipped pack never goes stale
  when the content or the export changes (the .docx is reproducible: fixed zip timestamps).

When a content or export change makes these fail on purpose, regenerate the packs:

    briefing export briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml
    briefing export briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml --format docx
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_tui.briefing import load_briefing
from briefing_tui.content import load_content
from briefing_tui.export.write import render_bytes

REPO = Path(__file__).resolve().parents[1]
NAME = "commissiedebat-wapenbeheersing-nieuwe-technologieen"
BRIEFING = REPO / "briefings" / f"{NAME}.yaml"
PACK_MD = BRIEFING.with_suffix(".md")
PACK_DOCX = BRIEFING.with_suffix(".docx")
REGENERATE = f"regenerate with: briefing export briefings/{NAME}.yaml (and --format docx)"


@pytest.fixture(scope="module")
def corpus():
    return load_content(REPO / "content")


@pytest.fixture(scope="module")
def loaded(corpus):
    return load_briefing(BRIEFING, corpus)


def statement_ids(briefing) -> list[str]:
    return [item.ref for _, _, item in briefing.items() if item.kind == "statement"]


def test_loads_without_errors_and_warns_only_about_old_answers_and_lines_they_repeat(loaded, corpus):
    briefing, problems = loaded
    assert not briefing.incomplete
    assert [str(p) for p in problems if p.severity == "error"] == []
    qa_items = [it.ref for it in briefing.section("vragen").items]
    warned = set()
    for p in problems:
        # a commitment or motion of 2020-2021 that repeats a line replaced since (issue 13)
        if p.code == "briefing.repeats_superseded":
            assert p.data["kind"] in ("commitment", "motion") and p.severity == "warning"
            assert not corpus.is_current(p.data["statement"]) and corpus.is_current(p.data["latest"])
            continue
        assert p.code == "briefing.qa_superseded" and p.severity == "warning", f"unexpected problem: {p}"
        m = re.fullmatch(r"Vragen en antwoorden: vraag '([^']+)' steunt op standpunt '([^']+)', dat vervangen is door '([^']+)'", p.message)
        assert m, f"unexpected problem: {p}"
        qa_id, sid, latest = m.groups()
        assert (p.data["ref"], p.data["statement"], p.data["latest"]) == (qa_id, sid, latest)
        assert qa_id in qa_items and sid in corpus.qa[qa_id].statements
        assert not corpus.is_current(sid) and corpus.is_current(latest)
        warned.add(sid)
    expected = {s for q in qa_items for s in corpus.qa[q].statements if not corpus.is_current(s)}
    assert warned == expected and warned, "the March 2021 answers hold positions replaced since"


def test_no_superseded_statement(loaded, corpus):
    briefing, _ = loaded
    ids = statement_ids(briefing)
    assert ids, "the example has statements"
    superseded = {sid: corpus.superseded_by(sid) for sid in ids if not corpus.is_current(sid)}
    assert superseded == {}, f"superseded statements in the example (replace by the newer one): {superseded}"


def test_is_an_example_with_nothing_invented(loaded, corpus):
    briefing, _ = loaded
    assert "voorbeeld" in briefing.title.lower()
    assert briefing.date is None, "no real debate date is set for the example; leave `date` out"
    # members only as the knowledge base names them (a submitter of a motion or amendment)
    from briefing_tui.agenda import same_person

    assert briefing.members, "the example has its debate: who takes part"
    for m in briefing.members:
        assert any(same_person(m, p.name, p.party) for mo in corpus.motions.values() for p in mo.submitters), m
    assert all(a.heading for a in briefing.agenda), "each agenda item has its own heading"


def test_shows_what_the_example_is_for(loaded, corpus):
    briefing, _ = loaded
    filled = {sec.key for sec in briefing.sections if sec.items}
    assert filled == {"kernboodschappen", "standpunten", "toezeggingen", "moties", "vragen", "notities"}
    assert 4 <= len(briefing.section("kernboodschappen").items) <= 6
    # the key positions of today
    for sid in ("laws-verbod-2022", "laws-mhc-2022"):
        assert sid in [it.ref for it in briefing.section("kernboodschappen").items]
    # one adapted position line, on a statement
    adapted = [it for _, _, it in briefing.items() if it.position]
    assert adapted and all(it.kind == "statement" for it in adapted)
    # the 2019 -> 2022 shift on a ban shows through the development of a topic in the briefing
    topics = {corpus.statements[sid].topic for sid in statement_ids(briefing)}
    assert "laws/verbod" in topics
    assert any(not corpus.is_current(st.id) for st in corpus.timeline("laws/verbod"))
    # the stukken on the agenda are sources in the knowledge base
    assert [a.source for a in briefing.agenda] == [
        "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen",
        "2021-voortgang-motie-koopmans",
    ]
    # the commitments are the ones not (known to be fully) kept
    statuses = {corpus.commitments[it.ref].status for it in briefing.section("toezeggingen").items}
    assert statuses <= {"open", "partially-fulfilled", "unknown"}


def test_markdown_pack_is_fresh(loaded, corpus):
    briefing, _ = loaded
    fresh = render_bytes(briefing, corpus, "md")[0].decode("utf-8")  # the file, with its last line naming the briefing
    committed = PACK_MD.read_text(encoding="utf-8")
    assert committed == fresh, f"{PACK_MD.name} is stale; {REGENERATE}"


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end != -1 else len(text)]


def test_markdown_pack_flags_only_the_old_answers_and_cites_its_sources(corpus, loaded):
    text = PACK_MD.read_text(encoding="utf-8")
    flag = "LET OP: vervangen standpunt"
    # nothing superseded among the positions to use ...
    for heading in ("Kernboodschappen", "Standpunten per onderwerp", "Notities"):
        assert flag not in _section(text, heading), heading
    # ... a commitment or motion follow-up that repeats a replaced line says so where it stands ...
    briefing, problems = loaded
    repeats = [p for p in problems if p.code == "briefing.repeats_superseded"]
    assert repeats and "Deze opvolging herhaalt het standpunt van 28 oktober 2020" in _section(text, "Moties")
    assert "Dit citaat herhaalt het standpunt van" in _section(text, "Toezeggingen")
    assert (_section(text, "Toezeggingen") + _section(text, "Moties")).count(flag) >= len(repeats)
    # ... and every replaced position drawn from an old answer is flagged there, and announced on top
    drawn = [p for p in problems if p.code == "briefing.qa_superseded"]
    assert _section(text, "Vragen en antwoorden").count(flag) == len(drawn)
    assert flag in text[: text.index("\n## ")]
    assert "Ontwikkeling van het standpunt" in text
    assert "aangepaste standpuntlijn" in text
    assert "## Bronnen" in text
    # every footnote used is defined and every definition is used
    body, _, _ = text.partition("\n[^1]:")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", body))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert used and used == defined


# Content ids as the knowledge base spells them: statements (<domain>-...-<year>), sources
# (2019-normkader-..., kst-..., ah-tk-...), commitments (tz-...), motions (motie-...), qa (qa-...).
_CONTENT_ID = re.compile(
    r"\b(?:laws|ai|uav|cyber|ruimte|bio|kwantum|hypersoon|exportcontrole|wapenbeheersing)-[a-z0-9-]+-20\d\d\b"
    r"|\b(?:19|20)\d\d-(?:\d\d-\d\d-)?[a-z][a-z0-9-]+"
    r"|\b(?:tz|qa|motie|kst|ah-tk|kv-tk)-[a-z0-9-]+"
)


def test_pack_holds_no_content_ids_and_no_english_editors_notes(corpus):
    text = PACK_MD.read_text(encoding="utf-8").replace("\\", "")  # undo Markdown escapes
    visible = re.sub(r"<https?://[^>]+>", "", text)  # the officielebekendmakingen links hold an identifier
    assert _CONTENT_ID.findall(visible) == []
    for english in ("Judged by", "source", "inferred", "Own words", "superseded", "Still open", "Ongoing"):
        assert english.lower() not in visible.lower(), english
    assert "Onderbouwing" not in visible and "Noot kennisbank" not in visible
    # the ids the content really has are none of them in the text either
    ids = set(corpus.statements) | set(corpus.sources) | set(corpus.commitments) | set(corpus.motions) | set(corpus.qa)
    assert [i for i in ids if i in visible] == []


def test_docx_pack_is_fresh(loaded, corpus):
    briefing, problems = loaded
    fresh, warnings = render_bytes(briefing, corpus, "docx")
    assert [p.message for p in warnings] == [p.message for p in problems]
    assert PACK_DOCX.read_bytes() == fresh, f"{PACK_DOCX.name} is stale; {REGENERATE}"
