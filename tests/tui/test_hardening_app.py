"""Issue 14 in the app: a briefing with a wrongly tagged value or nested 500 deep opens with its
problems (it crashed the app on ctrl+o), and the app keeps working; a content file with such a
value leaves search available."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from briefing_tui.tui.screens.briefing_editor import BriefingScreen
from briefing_tui.tui.screens.open_briefing import OpenBriefingScreen
from briefing_tui.tui.widgets.problems_banner import ProblemsBanner
from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle, text_of

BROKEN = {
    "getagd": "title: Debat\nsections:\n  - key: notities\n    items:\n      - note: !!int abc\n",
    "diep": "title: Diep\nsections:\n  - key: notities\n    items:\n      - note: " + "[" * 500 + "]" * 500 + "\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
async def test_a_broken_briefing_opens_with_its_problems_and_the_app_keeps_working(app, briefings_dir, name):
    path = briefings_dir / f"{name}.yaml"
    path.write_text(BROKEN[name], encoding="utf-8")
    before = path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, OpenBriefingScreen)
        assert app.screen.query_one("#briefing-files", OptionList).option_count == 1
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)
        assert app.session is not None and app.session.briefing.incomplete
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "kon niet worden gelezen" in messages
        await pilot.press("escape")
        await settle(pilot, app)
        await search(pilot, app, "drones")
        assert app.search_screen.query_one(ResultsList).hits
    assert path.read_bytes() == before


async def test_a_wrongly_tagged_value_in_content_leaves_search_available(own_workspace):
    from briefing_tui.tui.app import create_app

    path = own_workspace.content / "domains" / "laws.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nname:", "\nname: !!int abc\nx-oud:", 1), encoding="utf-8")
    app = create_app(own_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "drones")
        assert app.search_screen.query_one(ResultsList).hits
        banner = app.search_screen.query_one(ProblemsBanner)
        assert banner.display
        assert "content/domains/laws.yaml:2: " in text_of(banner.query_one("#problems-text", Static))


async def test_an_edit_in_the_app_keeps_the_officers_comments_in_the_file(app, briefings_dir):
    """10: the app's autosave edits the file round-trip; it dropped every comment."""
    from test_errors import add_note
    from tui_helpers import wait_until

    path = briefings_dir / "met-commentaar.yaml"
    path.write_text(
        "# Voorbereiding door DVB; niet verwijderen.\n"
        "title: Debat   # titel zoals op de agenda\n"
        "sections:\n"
        "  - key: notities\n"
        "    items:\n"
        "      - note: Eerste punt   # van de directeur\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        assert app.open_briefing_file(path)
        await settle(pilot, app)
        await add_note(pilot, app, "Tweede punt")
        await wait_until(pilot, lambda: "Tweede punt" in path.read_text(encoding="utf-8"), what="the autosave")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Voorbereiding door DVB; niet verwijderen.\ntitle: Debat   # titel zoals op de agenda\n")
    assert "      - note: Eerste punt   # van de directeur\n" in text
