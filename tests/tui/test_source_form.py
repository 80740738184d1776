"""Completing a source's metadata in the app (ctrl+e in the preview), as `briefing source set`."""

from __future__ import annotations

from textual.widgets import Input, Static

from briefing_tui.tui.screens.preview import PreviewScreen
from briefing_tui.tui.screens.source_form import SourceFormScreen

from tui_helpers import index_ready, settle, wait_until

VOORTGANG = "2021-voortgang-motie-koopmans"


async def test_ctrl_e_completes_the_cited_source_and_refuses_a_bad_date(own_workspace):
    from briefing_tui.tui.app import create_app

    app = create_app(own_workspace)
    path = own_workspace.content / "sources" / f"{VOORTGANG}.yaml"
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        app.push_screen(PreviewScreen("statement", "wapenbeheersing-conferentie-2021"))
        await settle(pilot, app)
        await pilot.press("ctrl+e")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceFormScreen)
        intro = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Ontbreekt: Kamerstuk- of Aanhangselnummer en exacte datum" in intro
        before = path.read_bytes()
        app.screen.query_one("#date", Input).value = "2021-13-40"
        app.screen.query_one("#evidence", Input).value = "https://zoek.officielebekendmakingen.nl/kst-33694-99.html"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceFormScreen)  # refused, with the reason
        assert "is geen datum" in str(app.screen.query_one("#form-error", Static).render())
        assert path.read_bytes() == before
        app.screen.query_one("#date", Input).value = "2021-11-02"
        app.screen.query_one("#number", Input).value = "kst-33694-99"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.read_bytes() != before, what="the source file written")
        await settle(pilot, app)
        text = path.read_text(encoding="utf-8")
        assert 'date: "2021-11-02"' in text and 'number: "99"' in text and "established:" in text
        messages = [n.message for n in app._notifications]
        assert any("kamerstuk, date vastgesteld uit" in m for m in messages)
        await wait_until(pilot, lambda: app.corpus is not None and app.corpus.sources[VOORTGANG].date == "2021-11-02",
                         what="the knowledge base refreshed")
