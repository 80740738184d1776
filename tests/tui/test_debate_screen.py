"""The debate view (f5): agenda readiness, members and overdue commitments, and editing the agenda."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from briefing_tui.briefing import AgendaEntry, Member, create_briefing, load_briefing, new_briefing
from briefing_tui.tui.screens.briefing_editor import BriefingScreen
from briefing_tui.tui.screens.debate import DebateScreen
from briefing_tui.tui.screens.text_edit import TextEditScreen

from tui_helpers import index_ready, settle, text_of, wait_until


def detail_text(screen) -> str:
    detail = screen.query_one("#debate-detail", OptionList)
    return "\n".join(detail.get_option_at_index(i).prompt.plain for i in range(detail.option_count))


def _make(briefings_dir):
    b = new_briefing("cd-2026", title="Commissiedebat 2026", date="2026-03-12",
                     members=[Member("Koopmans", "VVD")],
                     agenda=[AgendaEntry(source="2021-voortgang-motie-koopmans", heading="Motie Koopmans")])
    create_briefing(b, briefings_dir)
    return briefings_dir / "cd-2026.yaml"


async def _open_debate(pilot, app, path):
    await index_ready(pilot, app)
    assert app.open_briefing_file(path)
    await settle(pilot, app)
    assert isinstance(app.screen, BriefingScreen)
    await pilot.press("f5")
    await settle(pilot, app)
    assert isinstance(app.screen, DebateScreen)
    await wait_until(pilot, lambda: app.screen.debate is not None, what="the debate view")
    await settle(pilot, app)


async def test_debate_screen_shows_agenda_members_and_overdue(app, briefings_dir):
    path = _make(briefings_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_debate(pilot, app, path)
        screen = app.screen
        meta = text_of(screen.query_one("#debate-meta"))
        assert "12 maart 2026" in meta and "verlopen toezeggingen" in meta
        listing = screen.query_one("#debate-list", OptionList)
        prompts = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        assert any("1. Motie Koopmans" in p for p in prompts)
        assert any("Koopmans (VVD)" in p for p in prompts)
        # the agenda item is highlighted first: its detail lists positions and overdue commitments
        detail = detail_text(screen)
        assert "Huidige standpunten" in detail
        conference = next(line for line in detail.split("\n") if "aanvankelijk voorzien in 2021" in line or "‘in 2021’" in line)
        assert "VERLOPEN" in detail and "‘in 2021’" in detail and conference
        assert "tz-" not in detail  # no ids in the app
        # down to the member: motion and amendment
        while "Koopmans (VVD)" not in listing.get_option_at_index(listing.highlighted).prompt.plain:
            await pilot.press("down")
        await settle(pilot, app)
        detail = detail_text(screen)
        assert "Motie Koopmans c.s. over nieuwe potentiële massavernietigingswapens" in detail
        assert "Amendement Koopmans op de begroting 2021" in detail


async def test_agenda_items_are_added_and_removed_in_the_app_and_saved(app, briefings_dir):
    path = _make(briefings_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_debate(pilot, app, path)
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, TextEditScreen)
        app.screen.query_one(Input).value = "33 694, nr. 45=Normkader"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, DebateScreen)
        await wait_until(pilot, lambda: len(app.screen.debate.agenda) == 2, what="the new agenda item")
        listing = app.screen.query_one(OptionList)
        prompts = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        assert any("2. Normkader" in p for p in prompts)
        await wait_until(pilot, lambda: not app.session.unsaved and not app.session.saving, timeout=15, what="autosave")
        saved, _ = load_briefing(path)
        assert [(a.number, a.heading) for a in saved.agenda][1] == ("33 694, nr. 45", "Normkader")
        # remove the first agenda item (highlighted after the header)
        listing.highlighted = 1
        await pilot.press("x")
        await wait_until(pilot, lambda: len(app.screen.debate.agenda) == 1, what="the removal")
        await wait_until(pilot, lambda: not app.session.unsaved and not app.session.saving, timeout=15, what="autosave")
        saved, _ = load_briefing(path)
        assert [a.heading for a in saved.agenda] == ["Normkader"]


async def test_debate_from_the_command_palette_and_without_a_briefing(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("f5")
        await settle(pilot, app)
        assert not isinstance(app.screen, DebateScreen)
        assert any("Nog geen briefing" in n.message for n in app._notifications)
        path = _make(briefings_dir)
        assert app.open_briefing_file(path)
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Debatoverz")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, DebateScreen)


async def test_a_missing_position_is_added_to_the_briefing_from_the_debate_view(app, briefings_dir):
    from briefing_tui.tui.screens.section_picker import SectionPickerScreen

    path = _make(briefings_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_debate(pilot, app, path)
        screen = app.screen
        await pilot.press("tab")
        await settle(pilot, app)
        detail = screen.query_one("#debate-detail", OptionList)
        assert detail.has_focus
        # the first selectable row is a current position the briefing lacks
        prompt = detail.get_option_at_index(detail.highlighted).prompt.plain
        assert prompt.startswith("·")
        kind, ref = screen._records[detail.highlighted]
        assert kind == "statement"
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert isinstance(app.screen, SectionPickerScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, DebateScreen)
        assert app.session.briefing.find("statement", ref)
        # the view follows: the position is now held (✓)
        await wait_until(pilot, lambda: any(p.in_briefing and p.statement.id == ref
                                            for p in app.screen.debate.agenda[0].positions), what="the view to follow")
        await wait_until(pilot, lambda: not app.session.unsaved and not app.session.saving, timeout=15, what="autosave")
        saved, _ = load_briefing(path)
        assert saved.find("statement", ref)
        # enter on a record previews it
        await pilot.press("enter")
        await settle(pilot, app)
        from briefing_tui.tui.screens.preview import PreviewScreen

        assert isinstance(app.screen, PreviewScreen)
