"""Forms and the briefing editor as an officer uses them all day: errors, undo, keys, footnotes."""

from __future__ import annotations

import yaml
from textual.widgets import Input, Markdown, Static, TextArea

from briefing_tui.briefing import Item, create_briefing, load_briefing, new_briefing
from briefing_tui.tui.screens.briefing_editor import BriefingItems, BriefingScreen
from briefing_tui.tui.screens.briefing_form import BriefingFormScreen
from briefing_tui.tui.screens.item_edit import ItemEditScreen
from briefing_tui.tui.screens.open_briefing import OpenBriefingScreen

from tui_helpers import index_ready, settle, text_of, wait_until


def saved(app) -> bool:
    s = app.session
    return s is not None and not s.unsaved and not s.saving


async def open_editor(pilot, app, briefings_dir, name="dagelijks", items=3):
    corpus = app.corpus
    b = new_briefing(name, title="Commissiedebat Wapenbeheersing")
    current = sorted(s for s in corpus.statements if corpus.is_current(s))
    for sid in current[:items]:
        b.add("standpunten", Item("statement", sid))
    create_briefing(b, briefings_dir)
    assert app.open_briefing_file(briefings_dir / f"{name}.yaml")
    await settle(pilot, app)
    assert isinstance(app.screen, BriefingScreen)
    return current[:items]


def error_text(screen, field: str) -> str:
    widget = screen.query_one(f"#{field}-error", Static)
    return text_of(widget) if widget.display else ""


async def test_every_field_error_shows_at_once_and_goes_when_fixed(app, briefings_dir):
    (briefings_dir / "bestaat-al.yaml").write_text("title: Bestaat al\nkind: Commissiedebat\n", encoding="utf-8")
    app._existing_names = lambda: {"bestaat-al"}
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, BriefingFormScreen)
        form.query_one("#date", Input).value = "12-03-2024"
        form.query_one("#name", Input).value = "bestaat-al"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        # all three problems at once, each under its field
        assert "titel" in error_text(form, "title")
        assert "geen datum" in error_text(form, "date")
        assert "Er is al een briefing 'bestaat-al'" in error_text(form, "name")
        assert app.focused is form.query_one("#title")
        # fixing one clears its message at once, the others stay
        await pilot.press(*"Debat")
        await settle(pilot, app)
        assert error_text(form, "title") == ""
        assert "geen datum" in error_text(form, "date")
        form.query_one("#date", Input).value = "2024-03-12"
        await settle(pilot, app)
        assert error_text(form, "date") == ""
        # the taken name offers an action that works: a free name
        assert form.query_one("#name-actions").display
        await pilot.click("#free-name")
        await settle(pilot, app)
        assert form.query_one("#name", Input).value == "bestaat-al-2"
        assert error_text(form, "name") == ""
        assert not form.query_one("#name-actions").display
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert (briefings_dir / "bestaat-al-2.yaml").is_file()


async def test_a_taken_name_can_open_that_briefing_from_the_form(app, briefings_dir):
    b = new_briefing("cd-ai", title="Commissiedebat AI")
    create_briefing(b, briefings_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        form = app.screen
        form.query_one("#title", Input).value = "cd ai"  # its file name would be cd-ai
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "Er is al een briefing 'cd-ai'" in error_text(form, "name")
        await pilot.click("#open-existing")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)
        assert app.session.briefing.title == "Commissiedebat AI"


async def test_placeholders_cannot_pass_for_data(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        for field in app.screen.query(Input):
            placeholder = field.placeholder
            assert not any(ch.isdigit() for ch in placeholder), placeholder
            assert "(" not in placeholder, placeholder  # no "Naam (Partij)" that looks filled in


async def test_agenda_field_links_known_sources_and_keeps_free_citations(app, briefings_dir):
    from briefing_tui.citations import cite_short

    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        source_id, src = sorted(app.corpus.sources.items())[0]
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        form = app.screen
        form.query_one("#title", Input).value = "Debat met agenda"
        form.query_one("#agenda", TextArea).text = (f"{cite_short(src)}\nKamerstuk 99 999, nr. 1\n"
                                                    "Geannoteerde agenda Raad Buitenlandse Zaken=Raad BZ")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await wait_until(pilot, lambda: saved(app), what="the save")
        data = yaml.safe_load((briefings_dir / "debat-met-agenda.yaml").read_text(encoding="utf-8"))
        # a known stuk links to its source, an official number stays a number, anything else a
        # citation; "=Kop" gives an entry its heading (read and written as agenda.entry_line)
        assert data["agenda"] == [{"source": source_id}, {"number": "Kamerstuk 99 999, nr. 1"},
                                  {"citation": "Geannoteerde agenda Raad Buitenlandse Zaken", "heading": "Raad BZ"}]
        # shown back by its citation in the details form (F2), never by its id
        await pilot.press("ctrl+b")
        await settle(pilot, app)
        await pilot.press("f2")
        await settle(pilot, app)
        shown = app.screen.query_one("#agenda", TextArea).text
        assert shown.splitlines()[0] == cite_short(src)
        assert shown.splitlines()[2] == "Geannoteerde agenda Raad Buitenlandse Zaken=Raad BZ"  # the heading kept


async def test_undo_brings_back_a_removed_moved_and_edited_item(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        ids = await open_editor(pilot, app, briefings_dir)
        b = app.session.briefing
        refs = lambda: [it.ref for it in b.section("standpunten").items]  # noqa: E731
        items = app.screen.query_one(BriefingItems)
        items.focus()
        app.screen.select(("standpunten", 0))
        await pilot.press("x")
        await settle(pilot, app)
        assert refs() == ids[1:]
        toast = [n.message for n in app._notifications][-1]
        assert ids[0] not in toast and "ctrl+z" in toast  # a readable name, not the id
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert refs() == ids
        await pilot.press("shift+down")
        await settle(pilot, app)
        assert refs() == [ids[1], ids[0], ids[2]]
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert refs() == ids
        # edit: an adapted position, then undone
        app.screen.select(("standpunten", 0))
        await pilot.press("e")
        await settle(pilot, app)
        assert isinstance(app.screen, ItemEditScreen)
        await pilot.press(*"Eigen woorden")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert b.section("standpunten").items[0].position == "Eigen woorden"
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert b.section("standpunten").items[0].position is None
        # and the undone state is what is saved
        await wait_until(pilot, lambda: saved(app), what="the save")
        on_disk, _ = load_briefing(briefings_dir / "dagelijks.yaml")
        assert [it.ref for it in on_disk.section("standpunten").items] == ids
        assert on_disk.section("standpunten").items[0].position is None
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert "niets om ongedaan te maken" in [n.message for n in app._notifications][-1]


async def test_adapted_position_is_a_multi_line_field(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await open_editor(pilot, app, briefings_dir, items=1)
        await pilot.press("e")
        await settle(pilot, app)
        field = app.screen.query_one("#position")
        assert isinstance(field, TextArea) and field.soft_wrap
        await pilot.press(*"Eerste deel", "enter", *"tweede deel")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.session.briefing.section("standpunten").items[0].position == "Eerste deel tweede deel"


async def test_ctrl_o_works_from_the_editor(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await open_editor(pilot, app, briefings_dir, items=1)
        create_briefing(new_briefing("tweede", title="Tweede briefing"), briefings_dir)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, OpenBriefingScreen)


async def test_pack_preview_shows_footnotes_as_the_pack_prints_them(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await open_editor(pilot, app, briefings_dir, items=2)
        await pilot.pause(0.5)
        await settle(pilot, app)
        markdown = app.screen.query_one("#pack-preview", Markdown)
        source = markdown.source
        assert "[^1]" not in source and "¹" in source
        assert "Voetnoten" in source
        assert app.sub_title == "Commissiedebat Wapenbeheersing"  # the title bar names the briefing


async def test_last_briefing_reopens_on_start_and_the_theme_is_kept(workspace, briefings_dir, own_settings):
    from briefing_tui.tui.app import create_app
    from briefing_tui.tui.screens.search import SearchScreen

    create_briefing(new_briefing("gisteren", title="Commissiedebat van gisteren"), briefings_dir)
    first = create_app(workspace)
    async with first.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, first)
        assert first.open_briefing_file(briefings_dir / "gisteren.yaml")
        first.theme = "nord"
        await settle(pilot, first)
    assert (own_settings / "settings.json").is_file()

    second = create_app(workspace)
    async with second.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, second)
        assert second.theme == "nord"
        assert second.session is not None and second.session.briefing.title == "Commissiedebat van gisteren"
        assert isinstance(second.screen, SearchScreen)  # the search field stays in front
        assert second.focused is second.search_screen.query_one("#search-input")
        messages = [n.message for n in second._notifications]
        assert any("Commissiedebat van gisteren is weer geopend" in m for m in messages), messages
        assert second.sub_title == "Commissiedebat van gisteren"

    (briefings_dir / "gisteren.yaml").unlink()  # gone since: the app starts without it, quietly
    third = create_app(workspace)
    async with third.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, third)
        assert third.session is None


async def test_a_damaged_settings_file_is_no_reason_not_to_start(app, own_settings):
    own_settings.mkdir(parents=True, exist_ok=True)
    (own_settings / "settings.json").write_text("{ kapot", encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        assert app.session is None
