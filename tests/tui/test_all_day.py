"""What an officer notices over a day: small terminals, Dutch words without ids, F4 filters."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static

from briefing_tui.briefing import Item, create_briefing, new_briefing
from briefing_tui.tui.filters import SearchFilters
from briefing_tui.tui.screens.briefing_editor import BriefingScreen
from briefing_tui.tui.screens.browse import BrowseScreen
from briefing_tui.tui.screens.lists import ListsScreen
from briefing_tui.tui.widgets.key_footer import KeyFooter

from tui_helpers import index_ready, search, settle, text_of


def footer_keys(app) -> list[tuple[str, str]]:
    footer = app.screen.query_one(KeyFooter)
    return [(k.key, k.description) for k in footer.query("FooterKey") if k.display]


def footer_width(app) -> int:
    footer = app.screen.query_one(KeyFooter)
    return sum(k.outer_size.width for k in footer.query("FooterKey"))


async def test_at_80_columns_every_footer_key_fits_and_f6_is_in_the_editor(app, briefings_dir):
    async with app.run_test(size=(80, 24)) as pilot:
        await index_ready(pilot, app)
        assert footer_width(app) <= 80, footer_keys(app)
        keys = dict(footer_keys(app))
        assert "ctrl+f" in keys and "f4" in keys and "f1" in keys
        b = new_briefing("smal", title="Smal scherm")
        b.add(None, Item("statement", next(s for s in app.corpus.statements if app.corpus.is_current(s))))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "smal.yaml")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)
        keys = dict(footer_keys(app))
        assert keys.get("f6") == "Exporteren" and "ctrl+z" in keys
        assert footer_width(app) <= 80, footer_keys(app)
        # the header and banner leave most of the 24 rows to the items and the pack
        assert app.screen.query_one("#briefing-body").region.height >= 16


async def test_the_palette_key_is_shown_whole_at_120_columns(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        palette = [k for k in app.screen.query_one(KeyFooter).query("FooterKey") if k.has_class("-command-palette")]
        assert palette and palette[0].region.right == 120  # flush right: nothing shows after it


async def test_active_filters_come_first_by_name_at_80_columns(app, workspace):
    from briefing_tui.tui.app import create_app

    async with app.run_test(size=(80, 24)) as pilot:
        await index_ready(pilot, app)
        screen = app.search_screen
        screen.set_filters(SearchFilters(forum="ccw", until="2021"))
        await search(pilot, app, "verbod")
        summary = text_of(screen.query_one("#filter-summary", Static))
        assert summary == "forum CCW · tot 2021"  # the name, not the id; only what is active
        screen.set_filters(SearchFilters(domain="wapenbeheersing", forum="ccw", since="2020", until="2021"))
        await settle(pilot, app)
        summary = text_of(screen.query_one("#filter-summary", Static))
        assert summary in ("domein Wapenbeheersing… · forum CCW · 2020–2021", "Wapenbeheersing… · CCW · 2020–2021")
        assert len(summary) <= screen.query_one("#filter-summary", Static).region.width  # all of it in sight
    wide = create_app(workspace)
    async with wide.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, wide)
        screen = wide.search_screen
        screen.set_filters(SearchFilters(forum="ccw", until="2021"))
        await settle(pilot, wide)
        summary = text_of(screen.query_one("#filter-summary", Static))
        assert summary.startswith("Filter: forum: CCW · tot: 2021")  # active first, then the rest
        assert "domein, soort, sinds: alle" in summary


async def test_the_tot_date_limits_the_results(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "verbod")
        everything = {h.id for h in app.search_screen.result.hits}
        app.search_screen.set_filters(SearchFilters(until="2020"))
        await search(pilot, app, " ")
        older = app.search_screen.result.hits
        assert older and {h.id for h in older} < everything
        assert all(h.date and h.date[:4] <= "2020" for h in older)


async def test_the_filter_dialog_says_every_wrong_date_at_once(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        app.screen.query_one("#since", Input).value = "vorig jaar"
        app.screen.query_one("#until", Input).value = "2021-13"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        error = text_of(app.screen.query_one("#filter-error", Static))
        assert "Sinds: 'vorig jaar' is geen datum" in error and "Tot en met: '2021-13' is geen datum" in error
        app.screen.query_one("#since", Input).value = "2022"
        app.screen.query_one("#until", Input).value = "2021"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "achteruit" in text_of(app.screen.query_one("#filter-error", Static))


async def test_f4_filters_by_domain_forum_and_topic(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("f4")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ListsScreen)
        commitments = screen.query_one("#commitments", OptionList)
        before = commitments.option_count
        corpus = app.corpus
        domain = sorted({d for c in corpus.commitments.values() for d in c.domains})[0]
        screen.query_one("#lists-domain", Select).value = domain
        await settle(pilot, app)
        ids = [commitments.get_option_at_index(i).id for i in range(commitments.option_count)]
        assert ids and all(domain in corpus.commitments[i].domains for i in ids)
        screen.query_one("#lists-domain", Select).clear()
        await pilot.press("ctrl+f")  # to the filters, then to the topic field
        await pilot.press("tab", "tab")
        assert app.focused is screen.query_one("#lists-topic")
        await pilot.press(*"conferentie")
        await settle(pilot, app)
        ids = [commitments.get_option_at_index(i).id for i in range(commitments.option_count)]
        assert ids and len(ids) < before
        assert all("conferentie" in (corpus.commitments[i].text + corpus.commitments[i].quote).lower() for i in ids)
        forum = sorted({f for m in corpus.motions.values() for f in m.forums} | {f for c in corpus.commitments.values() for f in c.forums})[0]
        screen.query_one("#lists-forum", Select).value = forum
        await settle(pilot, app)
        motions = screen.query_one("#motions", OptionList)
        for i in range(motions.option_count):
            assert forum in corpus.motions[motions.get_option_at_index(i).id].forums


async def test_an_amendement_is_not_called_a_motie_and_statuses_are_cut_between_words(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        amendment = next(m for m in app.corpus.motions.values() if m.title.startswith("Amendement"))
        await search(pilot, app, amendment.title)
        results = app.search_screen.query_one("#results")
        index = next(i for i, h in enumerate(results.hits) if h.id == amendment.id)
        assert results.get_option_at_index(index).prompt.plain.startswith("Amendement")
        await pilot.press("f4")
        await settle(pilot, app)
        motions = app.screen.query_one("#motions", OptionList)
        assert "amendementen" in str(motions.border_title)
        for i in range(motions.option_count):
            prompt = motions.get_option_at_index(i).prompt.plain
            status_line = next(ln for ln in prompt.split("\n") if ln.startswith("Status: "))[len("Status: "):]
            full = " ".join(app.corpus.motions[motions.get_option_at_index(i).id].status.split())
            if status_line.endswith(" …"):
                shown = status_line[: -len(" …")]
                assert full.startswith(shown) and full[len(shown)] in " ,;:", (shown, full)  # ends on a word


async def test_a_current_statement_says_near_the_top_what_it_replaced(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        corpus = app.corpus
        newer = next(s for s in corpus.statements.values() if s.supersedes and corpus.is_current(s.id))
        from briefing_tui.tui.screens.preview import PreviewScreen

        app.push_screen(PreviewScreen("statement", newer.id))  # the record on its own screen
        await settle(pilot, app)
        lines = text_of(app.screen.query_one("#preview-body", Static)).split("\n")
        changed = next(i for i, ln in enumerate(lines) if "GEWIJZIGD" in ln)
        assert changed <= 3  # right under the heading, before the position
        assert lines.index("Positie") > changed
        assert newer.topic not in lines[0]  # the topic as words, not its slug


async def test_ctrl_c_explains_how_to_quit_in_dutch(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        app.action_help_quit()
        await settle(pilot, app)
        note = list(app._notifications)[-1]
        assert note.title == "Wilt u afsluiten?" and "ctrl+q" in note.message


async def test_counts_say_1_item_and_the_title_bar_names_the_knowledge_base(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        assert app.sub_title.startswith("kennisbank ")
        b = new_briefing("een", title="Eén item")
        b.add(None, Item("statement", next(iter(app.corpus.statements))))
        create_briefing(b, briefings_dir)
        app.open_briefing_file(briefings_dir / "een.yaml", show=False)
        await settle(pilot, app)
        status = text_of(app.search_screen.query_one("#briefing-status", Static))
        assert "(1 item)" in status and "items)" not in status
        assert app.sub_title == "Eén item"


async def test_browse_at_80_columns_gives_the_statements_room(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("f3")
        await settle(pilot, app)
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one("#area-statements").region.width >= 45
        assert not app.screen.query_one("#browse-preview").display


async def test_every_dialog_keeps_its_buttons_on_screen_at_70x20(app, briefings_dir):
    from textual.widgets import Button

    def buttons_visible(name: str) -> None:
        height, width = app.size.height, app.size.width
        shown = [b for b in app.screen.query(Button) if b.display and b.parent.has_class("dialog-buttons")]
        assert shown, name
        for button in shown:
            r = button.region
            assert r.height >= 1 and r.bottom <= height - 1 and r.right <= width, (name, str(button.label), r)

    async with app.run_test(size=(70, 20)) as pilot:
        await index_ready(pilot, app)
        for key, name in (("ctrl+f", "filters"), ("ctrl+n", "new briefing")):
            await pilot.press(key)
            await settle(pilot, app)
            buttons_visible(name)
            await pilot.press("escape")
            await settle(pilot, app)
        corpus = app.corpus
        old = next(s for s in corpus.statements if not corpus.is_current(s))
        b = new_briefing("klein", title="Klein scherm")
        b.add(None, Item("statement", old, comment="Een opmerking"))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "klein.yaml")
        await settle(pilot, app)
        for key, name in (("e", "item"), ("n", "note"), ("f2", "details"), ("f6", "export confirmation")):
            await pilot.press(key)
            await settle(pilot, app)
            buttons_visible(name)
            await pilot.press("escape")
            await settle(pilot, app)
        app.session.conflict = "het bestand is op schijf gewijzigd sinds het werd geopend"
        app.action_resolve_conflict()
        await settle(pilot, app)
        buttons_visible("conflict")
