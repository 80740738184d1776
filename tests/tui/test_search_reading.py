"""What the search read from the query, on screen: intent chips the user can take back, the
correction it searched for, partial matches, and why a hit ranks where it does (issue 12)."""

from __future__ import annotations

from textual.widgets import Button, Static

from briefing_tui.tui.widgets.intent_chips import IntentChips
from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle, text_of


def chip_labels(app) -> list[str]:
    return [str(b.label) for b in app.search_screen.query_one(IntentChips).query(Button)]


async def test_intents_show_as_chips_and_f7_takes_the_last_back(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "open toezeggingen conferentie ")
        results = app.search_screen.query_one(ResultsList)
        assert chip_labels(app) == ["soort: toezeggingen ✕", "status: open ✕"]
        assert results.hits and {h.kind for h in results.hits} == {"commitment"}
        await pilot.press("f7")  # takes back "status: open"
        await settle(pilot, app)
        assert chip_labels(app) == ["soort: toezeggingen ✕"]
        await pilot.click("#intent-chips .chip")  # takes back "soort: toezeggingen"
        await settle(pilot, app)
        assert not app.search_screen.query_one(IntentChips).display
        assert {h.kind for h in results.hits} - {"commitment"}


async def test_a_correction_and_partial_matches_are_said(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "exportcontorle ")
        note = text_of(app.search_screen.query_one("#query-note", Static))
        assert note == "gezocht op: exportcontrole"
        assert app.search_screen.query_one(ResultsList).hits
        field = app.search_screen.query_one("#search-input")
        field.value = ""
        await search(pilot, app, "dronezwermen Goalkeeper ")
        note = text_of(app.search_screen.query_one("#query-note", Static))
        assert "ook gedeeltelijke treffers" in note
        first = app.search_screen.query_one(ResultsList).get_option_at_index(0).prompt.plain
        assert "gedeeltelijk" in first.split("\n")[0]


async def test_f2_says_why_the_highlighted_hit_ranks_there(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "verbod volledig autonome wapensystemen")
        results = app.search_screen.query_one(ResultsList)
        first = results.get_option_at_index(0).prompt.plain
        assert "kernpositie" in first and "ook in: " in first
        await pilot.press("f2")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("waarom: score") and "kernpositie x" in m for m in shown), shown
