"""The review screen: the 2022 letter's proposals, accepted, edited and rejected by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_tui.proposals.evaluate import hide_source
from briefing_tui.tui.app import create_app
from briefing_tui.workspace import Workspace

from tui_helpers import index_ready, settle, text_of, wait_until

LETTER = "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def hidden_workspace(tmp_path, briefings_dir, monkeypatch) -> Workspace:
    hide_source(REPO / "content", tmp_path / "content", LETTER)
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    return Workspace.resolve(content=tmp_path / "content", briefings=briefings_dir, cache=cache)


async def _open_review(pilot, app):
    from briefing_tui.tui.screens.proposals import ProposalsScreen

    await index_ready(pilot, app)
    await pilot.press("ctrl+p")
    await pilot.press(*"voorstellen")
    await wait_until(pilot, lambda: "Voorstellen beoordelen" in str(app.screen.query("OptionList").first().get_option_at_index(0).prompt), what="the palette command")
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen.query("#source-list"), what="the source picker")
    # The newest source comes first: the 2022 letter.
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ProposalsScreen) and app.screen.reviews, what="the proposals")
    return app.screen


async def _go_to(pilot, screen, text: str):
    target = next(i for i, r in enumerate(screen.reviews) if text in r.cand.quote)
    options = screen.query_one("#proposals")
    while options.highlighted < target:
        await pilot.press("down")
    return screen.reviews[target]


async def test_accepting_the_adoption_writes_it_superseding_the_2019_line(hidden_workspace):
    app = create_app(hidden_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_review(pilot, app)
        review = await _go_to(pilot, screen, "neemt aanbeveling 2 volledig over")
        detail = text_of(screen.query_one("#proposal-text"))
        assert "Aanbeveling 2, p. 3" in detail and "laws/verbod" in detail
        assert "▶ 1. laws-verbod-2019" in detail and "«geen» vervalt" in detail
        # Edit the line, then accept.
        await pilot.press("l")
        field = app.screen.query_one("#edit-text")
        field.value = ""
        await pilot.press(*"Het kabinet zet zich in voor een verbod.")
        await pilot.press("ctrl+s")
        await pilot.press("a")
        await wait_until(pilot, lambda: review.status == "accepted", what="the statement written")
        await settle(pilot, app)
        data = yaml.safe_load((hidden_workspace.content / "domains" / "laws.yaml").read_text(encoding="utf-8"))
        st = next(s for s in data["statements"] if s["id"] == review.written)
        assert st["position"] == "Het kabinet zet zich in voor een verbod."
        assert st["supersedes"] == ["laws-verbod-2019"] and st["topic"] == "laws/verbod"
        assert "✓" in str(screen.query_one("#proposals").get_option_at_index(screen.reviews.index(review)).prompt)
        await wait_until(pilot, lambda: app.corpus is not None and review.written in app.corpus.statements,
                         what="the index and knowledge base updated")
        assert app.corpus.superseded_by("laws-verbod-2019") == review.written


async def test_rejecting_is_remembered_and_v_chooses_no_relation(hidden_workspace):
    app = create_app(hidden_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_review(pilot, app)
        first = screen.reviews[0]
        await pilot.press("r")
        await wait_until(pilot, lambda: first.status == "rejected", what="the rejection")
        saved = yaml.safe_load((hidden_workspace.content / "rejections.yaml").read_text(encoding="utf-8"))
        assert saved["rejections"][0]["quote"] == first.cand.quote
        # Skipping moves on without writing.
        before = screen.query_one("#proposals").highlighted
        await pilot.press("s")
        assert screen.query_one("#proposals").highlighted == before + 1
        review = await _go_to(pilot, screen, "neemt aanbeveling 2 volledig over")
        for _ in review.cand.relations:
            await pilot.press("v")
        assert review.relation_id() is None
        assert "Vervangt  niets" in text_of(screen.query_one("#proposal-text"))
        await pilot.press("escape")
        await settle(pilot, app)
    # A new review does not propose the rejected sentence again.
    app = create_app(hidden_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_review(pilot, app)
        assert first.cand.quote not in [r.cand.quote for r in screen.reviews]
        assert "1 eerder afgewezen" in screen.summary


async def test_an_imported_letter_without_statements_is_offered_for_review(hidden_workspace):
    from briefing_tui.tui.screens.proposals import ProposalsScreen

    sources = hidden_workspace.content / "sources"
    text = (sources / f"{LETTER}.txt").read_text(encoding="utf-8")
    (sources / "2023-geimporteerde-brief.txt").write_text(text, encoding="utf-8")
    (sources / "2023-geimporteerde-brief.yaml").write_text(
        'id: 2023-geimporteerde-brief\nkind: kamerbrief\ntitle: "Geïmporteerde brief"\ndate: "2023-01-10"\n'
        'detected:\n  kind: "regel 1: «Geachte voorzitter,»"\n', encoding="utf-8")
    app = create_app(hidden_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        offers = [n for n in app._notifications if n.title == "Nieuwe bron zonder standpunten"]
        # The 2022 letter's statements are hidden too, but it was not imported: only the new one is offered.
        assert [n.message for n in offers] == [
            "«Geïmporteerde brief»: ^p → Voorstellen beoordelen stelt de standpunten en wat ze vervangen voor."]
        app.action_review_proposals("2023-geimporteerde-brief")
        await wait_until(pilot, lambda: isinstance(app.screen, ProposalsScreen) and app.screen.reviews,
                         what="the proposals of the imported letter")


async def test_w_writes_the_relation_as_updates_with_what_still_holds(hidden_workspace):
    """`w` asks what of the older line still holds (an empty answer changes nothing); accepting
    then writes `updates: {old: text}` instead of `supersedes`, and `briefing check` accepts it."""
    from briefing_tui.cli import main
    from briefing_tui.tui.screens.text_edit import TextEditScreen

    holds = "Dat het humanitair oorlogsrecht van toepassing is op alle wapensystemen, ook autonome."
    app = create_app(hidden_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_review(pilot, app)
        review = await _go_to(pilot, screen, "volgt de lijn van de AIV en CAVV dat het bij betekenisvolle")
        assert review.relation_id() == "laws-mhc-2019"
        # An empty answer: nothing is made up, the relation stays "vervangt".
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, TextEditScreen), what="the question what still holds")
        assert text_of(app.screen.query_one(".dialog-title")) == "Wat blijft gelden van laws-mhc-2019?"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, what="back on the review")
        assert review.holds is None and "Vervangt  laws-mhc-2019" in text_of(screen.query_one("#proposal-text"))
        # Now with an answer.
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, TextEditScreen), what="the question again")
        await pilot.press(*holds)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: review.holds == holds, what="what still holds kept")
        detail = text_of(screen.query_one("#proposal-text"))
        assert "Werkt bij laws-mhc-2019" in detail and f"Blijft gelden  {holds}" in detail
        await pilot.press("a")
        await wait_until(pilot, lambda: review.status == "accepted", what="the statement written")
        await settle(pilot, app)
        data = yaml.safe_load((hidden_workspace.content / "domains" / "laws.yaml").read_text(encoding="utf-8"))
        st = next(s for s in data["statements"] if s["id"] == review.written)
        assert st["updates"] == {"laws-mhc-2019": holds} and "supersedes" not in st
        await wait_until(pilot, lambda: app.corpus is not None and review.written in app.corpus.statements,
                         what="the index and knowledge base updated")
        assert app.corpus.is_current("laws-mhc-2019")
    assert main(["--content", str(hidden_workspace.content), "check"]) == 0
