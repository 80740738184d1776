"""Keys that never lose input: typing in the hit list, Esc+letter sent as Alt+letter, fast arrows."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle


def field_of(app) -> Input:
    return app.search_screen.query_one("#search-input", Input)


async def test_letters_typed_in_the_hit_list_go_to_the_search_field(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "kwantum")
        await pilot.press("down")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("space", *"navo")
        await settle(pilot, app)
        assert field_of(app).value == "kwantum navo"
        assert app.focused is field_of(app)


async def test_alt_letter_in_the_list_acts_as_escape_then_the_letter(app):
    """A terminal sends Esc followed quickly by a letter as Alt+letter: the query is kept."""
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "drones")
        await pilot.press("down", "down")
        assert isinstance(app.focused, ResultsList)
        # what the terminal sends for Esc and "e" 60 ms apart, then the next letter
        app.post_message(events.Key("alt+e", "e"))
        app.post_message(events.Key("u", "u"))
        await settle(pilot, app)
        assert field_of(app).value == "droneseu"
        assert app.focused is field_of(app)


async def test_escape_then_a_letter_appends_to_the_query(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "cyber")
        await pilot.press("down", "escape", "space", "e", "u")
        await settle(pilot, app)
        assert field_of(app).value == "cyber eu"


async def test_fast_arrows_from_the_field_are_all_handled_in_order(app):
    """Three ↓ arriving before the screen repaints reach the third hit, not only the first."""
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "verbod")
        results = app.search_screen.query_one(ResultsList)
        assert results.option_count >= 3
        for _ in range(3):  # queued at once, as a terminal delivers fast key repeats
            app.post_message(events.Key("down", None))
        await settle(pilot, app)
        assert app.focused is results
        assert results.highlighted == 2
        # and letters typed fast after them still land in the field, in order
        for ch in " eu":
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        await settle(pilot, app)
        assert field_of(app).value == "verbod eu"
