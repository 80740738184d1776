"""The shipped example briefing: it loads cleanly against the real content and its packs are fresh.

briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml is the example a new user
opens first, and the .md / .docx beside it are what they read. These tests make sure that

- the briefing loads against the real knowledge base without a single problem (no unknown ids,
  no superseded statements, nothing the loader could not read);
- it holds no superseded statement (the history shows through "Ontwikkeling van het standpunt");
- it is what it claims to be: an example, with no invented debate date or members;
- the committed packs equal a fresh export, so the shipped pack never goes stale when the
  content or the export changes. The Markdown is compared byte for byte (it has no date stamp).
  The .docx is compared part by part: the zip's entry timestamps change on every export, the
  parts (document, footnotes, styles ...) do not.

When a content or export change makes these fail on purpose, regenerate the packs:

    briefing export briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml
    briefing export briefings/commissiedebat-wapenbeheersing-nieuwe-technologieen.yaml --format docx
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from briefing_tui.briefing import load_briefing
from briefing_tui.content import load_content
from briefing_tui.export import render_markdown
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


def test_loads_without_problems(loaded):
    briefing, problems = loaded
    assert [str(p) for p in problems] == []
    assert not briefing.incomplete


def test_no_superseded_statement(loaded, corpus):
    briefing, _ = loaded
    ids = statement_ids(briefing)
    assert ids, "the example has statements"
    superseded = {sid: corpus.superseded_by(sid) for sid in ids if not corpus.is_current(sid)}
    assert superseded == {}, f"superseded statements in the example (replace by the newer one): {superseded}"


def test_is_an_example_with_nothing_invented(loaded):
    briefing, _ = loaded
    assert "voorbeeld" in briefing.title.lower()
    assert briefing.date is None, "no real debate date is set for the example; leave `date` out"
    assert briefing.members == [], "do not name members for the example"


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
    # the commitments are the ones not (fully) kept
    statuses = {corpus.commitments[it.ref].status for it in briefing.section("toezeggingen").items}
    assert statuses <= {"open", "partially-fulfilled"}


def test_markdown_pack_is_fresh(loaded, corpus):
    briefing, _ = loaded
    fresh = render_markdown(briefing, corpus)
    committed = PACK_MD.read_text(encoding="utf-8")
    assert committed == fresh, f"{PACK_MD.name} is stale; {REGENERATE}"


def test_markdown_pack_flags_nothing_and_cites_its_sources(corpus, loaded):
    text = PACK_MD.read_text(encoding="utf-8")
    assert "LET OP: vervangen standpunt" not in text
    assert "Ontwikkeling van het standpunt" in text
    assert "aangepaste standpuntlijn" in text
    assert "## Bronnen" in text
    # every footnote used is defined and every definition is used
    body, _, _ = text.partition("\n[^1]:")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", body))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert used and used == defined


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_docx_pack_is_fresh(loaded, corpus):
    briefing, _ = loaded
    fresh, warnings = render_bytes(briefing, corpus, "docx")
    assert warnings == []
    committed = _parts(PACK_DOCX.read_bytes())
    new = _parts(fresh)
    assert sorted(committed) == sorted(new), f"{PACK_DOCX.name} is stale; {REGENERATE}"
    stale = [name for name in new if committed[name] != new[name]]
    assert stale == [], f"{PACK_DOCX.name} is stale in {stale}; {REGENERATE}"
