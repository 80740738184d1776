"""Assembling a briefing as an officer would: search, preview, add, reorder, note, export."""

from __future__ import annotations

import yaml
from textual.widgets import Input, Markdown, TextArea

from briefing_tui.briefing import load_briefing
from briefing_tui.tui.screens.briefing_editor import BriefingItems, BriefingScreen
from briefing_tui.tui.screens.briefing_form import BriefingFormScreen
from briefing_tui.tui.screens.confirm import ConfirmScreen
from briefing_tui.tui.screens.item_edit import ItemEditScreen
from briefing_tui.tui.screens.preview import PreviewScreen
from briefing_tui.tui.screens.search import SearchScreen
from briefing_tui.tui.screens.section_picker import SectionPickerScreen
from briefing_tui.tui.screens.text_edit import TextEditScreen
from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle, text_of, wait_until


async def clear_search(pilot, app) -> None:
    field = app.search_screen.query_one("#search-input", Input)
    field.focus()
    await pilot.press("ctrl+u")  # clear the field: Input's own key
    await settle(pilot, app)


async def highlight(pilot, app, predicate) -> object:
    """Move down the result list (with the arrow key) to the first hit that satisfies predicate."""
    results = app.search_screen.query_one(ResultsList)
    target = next(i for i, h in enumerate(results.hits) if predicate(h))
    results.focus()
    await pilot.pause()
    if results.highlighted is None:
        results.highlighted = 0
    while results.highlighted < target:
        await pilot.press("down")
    await settle(pilot, app)
    return results.hits[target]


def saved(app) -> bool:
    s = app.session
    return s is not None and not s.unsaved and not s.saving


async def test_search_preview_add_reorder_note_export(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)

        # Search, and look at the first statement in its own preview screen.
        await search(pilot, app, "verbod")
        current = lambda h: h.kind == "statement" and h.current  # noqa: E731
        first = await highlight(pilot, app, current)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)

        # ctrl+t without a briefing: the form for a new one comes first.
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingFormScreen)
        app.screen.query_one("#title", Input).value = "Commissiedebat wapenbeheersin"
        await pilot.press("g")
        app.screen.query_one("#committee", Input).value = "vaste commissie voor Buitenlandse Zaken"
        app.screen.query_one("#date", Input).value = "2024-03-12"
        app.screen.query_one("#members", Input).value = "Boswijk (CDA), Dassen (Volt)"
        app.screen.query_one("#name", Input).value = "cd-wapenbeheersing"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        # ... then the section, with the default for a statement preselected.
        assert isinstance(app.screen, SectionPickerScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        path = briefings_dir / "cd-wapenbeheersing.yaml"
        assert path.exists()

        # A second statement, to the same section.
        second = await highlight(pilot, app, lambda h: current(h) and h.id != first.id)
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)

        # A commitment: its default section is Toezeggingen.
        await clear_search(pilot, app)
        await search(pilot, app, "informeren")
        # (one that repeats no superseded line: the export below runs without a confirmation)
        commitment = await highlight(pilot, app, lambda h: h.kind == "commitment" and not h.superseded_statements)
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert isinstance(app.screen, SectionPickerScreen)
        assert app.screen.query_one("#section-list").highlighted_option.id == "toezeggingen"
        await pilot.press("enter")
        await settle(pilot, app)

        # The editor: reorder the two statements.
        await pilot.press("ctrl+b")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)
        editor = app.screen
        assert editor.selected == ("standpunten", 0)
        await pilot.press("down")
        assert editor.selected == ("standpunten", 1)
        await pilot.press("shift+up")
        assert editor.selected == ("standpunten", 0)
        refs = [it.ref for it in app.session.briefing.section("standpunten").items]
        assert refs == [second.id, first.id]

        # Adapt the position line of the first; the quote is shown but not editable.
        await pilot.press("e")
        await settle(pilot, app)
        assert isinstance(app.screen, ItemEditScreen)
        field = app.screen.query_one("#position", TextArea)
        field.text = "Het kabinet zet in op een verbod op volledig autonome wapens"
        field.move_cursor(field.document.end)
        await pilot.press(".")
        await pilot.press("ctrl+s")
        await settle(pilot, app)

        # An own note, typed in a text field: printable keys type, they do not act.
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, TextEditScreen)
        await pilot.press(*"s x p n e")  # letters bound in the list are typed here
        assert app.screen.query_one(TextArea).text == "s x p n e"
        app.screen.query_one(TextArea).text = "Vragen over de GGE verwacht: s, x en p zijn gewoon letters."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)

        # Autosave, in the background.
        await wait_until(pilot, lambda: saved(app), what="autosave")
        on_disk, problems = load_briefing(path, app.corpus)
        assert [p for p in problems if p.severity == "error"] == []
        assert on_disk.title == "Commissiedebat wapenbeheersing"
        assert on_disk.committee == "vaste commissie voor Buitenlandse Zaken"
        assert [(m.name, m.party) for m in on_disk.members] == [("Boswijk", "CDA"), ("Dassen", "Volt")]
        note = "Vragen over de GGE verwacht: s, x en p zijn gewoon letters."
        standpunten = on_disk.section("standpunten").items
        # the note went in right after the highlighted item
        assert [it.ref for it in standpunten] == [second.id, note, first.id]
        assert standpunten[1].is_note
        assert standpunten[0].position == "Het kabinet zet in op een verbod op volledig autonome wapens."
        assert [it.ref for it in on_disk.section("toezeggingen").items] == [commitment.id]

        # The pack preview is the rendered Markdown of the briefing.
        await wait_until(pilot, lambda: "Commissiedebat wapenbeheersing" in editor.query_one(Markdown).source, what="pack preview")

        # Export: Markdown and Word beside the briefing, with a notification saying where.
        await pilot.press("f6")
        await settle(pilot, app)
        md, docx = briefings_dir / "cd-wapenbeheersing.md", briefings_dir / "cd-wapenbeheersing.docx"
        await wait_until(pilot, lambda: md.exists() and docx.exists(), what="export")
        text = md.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes punctuation
        assert "Het kabinet zet in op een verbod op volledig autonome wapens." in text
        quote_words = app.corpus.statements[second.id].quote.split()[:6]
        assert " ".join(quote_words) in " ".join(text.split())
        assert "s, x en p zijn gewoon letters" in text
        assert docx.read_bytes()[:2] == b"PK"  # a Word file is a zip
        messages = [n.message for n in app._notifications]
        assert any(str(md) in m for m in messages) and any(str(docx) in m for m in messages)


async def test_export_warns_before_a_superseded_statement(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        from briefing_tui.briefing import Item, create_briefing, new_briefing

        corpus = app.corpus
        old = next(s for s in corpus.statements if not corpus.is_current(s))
        b = new_briefing("met-vervangen", title="Met een vervangen standpunt")
        b.add(None, Item("statement", old))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "met-vervangen.yaml")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingScreen)
        body = app.screen.query_one(BriefingItems).get_option_at_index(2).prompt.plain  # after two headers
        assert "VERVANGEN" in body

        md = briefings_dir / "met-vervangen.md"
        await pilot.press("f6")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused is not None and app.focused.id == "no"  # enter declines: the safe answer
        shown = app.screen.query_one(".dialog-body").render().plain
        # the statement by its date and position, and what replaced it; never by its id
        assert corpus.statements[old].position[:40] in shown and "vervangen door dat van" in shown
        assert old not in shown and corpus.latest_in_chain(old) not in shown
        await pilot.press("n")  # do not export
        await settle(pilot, app)
        assert not md.exists()

        await pilot.press("f6")
        await settle(pilot, app)
        await pilot.press("j")
        await wait_until(pilot, lambda: md.exists(), what="export after confirming")
        assert "vervangen" in md.read_text(encoding="utf-8").lower()


async def test_new_briefing_from_the_command_palette(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Nieuwe b")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingFormScreen)
        app.screen.query_one("#title", Input).value = "Notaoverleg drone"
        await pilot.press("s", "ctrl+s")
        await settle(pilot, app)
        assert (briefings_dir / "notaoverleg-drones.yaml").exists()
        data = yaml.safe_load((briefings_dir / "notaoverleg-drones.yaml").read_text(encoding="utf-8"))
        assert data["title"] == "Notaoverleg drones"


async def test_form_refuses_a_bad_date_and_says_why(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        await pilot.press(*"Debat")
        app.screen.query_one("#date", Input).value = "12-03-2024"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, BriefingFormScreen)
        assert "geen datum" in app.screen.query_one("#date-error").render().plain
        assert list(briefings_dir.iterdir()) == []
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)


async def test_quitting_right_after_an_edit_saves_it_first(app, briefings_dir):
    from briefing_tui.briefing import Item, create_briefing, new_briefing

    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        corpus = app.corpus
        b = new_briefing("snel-weg", title="Snel afsluiten")
        b.add(None, Item("statement", next(s for s in corpus.statements if corpus.is_current(s))))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "snel-weg.yaml")
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        app.screen.query_one(TextArea).text = "vlak voor het afsluiten"
        await pilot.press("ctrl+s", "ctrl+q")  # well within the autosave delay
        await wait_until(pilot, lambda: app._exit, what="the app to quit")
    saved, _ = load_briefing(briefings_dir / "snel-weg.yaml")
    assert [it.ref for _, _, it in saved.items() if it.is_note] == ["vlak voor het afsluiten"]


async def test_a_repeating_passage_is_marked_in_the_editor_and_listed_before_export(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        from briefing_tui.briefing import Item, create_briefing, new_briefing

        b = new_briefing("met-passage", title="Met een oude passage")
        b.add(None, Item("passage", "2019-normkader-nieuwe-technologieen#16"))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "met-passage.yaml")
        await settle(pilot, app)
        body = app.screen.query_one(BriefingItems).get_option_at_index(2).prompt.plain
        assert "BEVAT VERVANGEN STANDPUNT" in body
        await pilot.press("f6")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        dialog = app.screen.query_one(".dialog-body").render().plain
        assert "1 onderdeel in de briefing herhaalt letterlijk een vervangen standpunt" in dialog
        # the passage by its number and source, the statement by its date and position: no ids
        corpus = app.corpus
        assert "passage 16 uit " in dialog and corpus.statements["laws-verbod-2019"].position[:40] in dialog
        assert "2019-normkader-nieuwe-technologieen#16" not in dialog and "laws-verbod-2019" not in dialog
        await pilot.press("n")


async def test_the_editor_warns_when_the_current_line_is_old_for_the_debate(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        from briefing_tui.briefing import Item, create_briefing, new_briefing
        from briefing_tui.tui.widgets.problems_banner import ProblemsBanner

        b = new_briefing("debat-2026", title="Debat 2026", date="2026-06-12")
        b.add(None, Item("statement", "laws-verbod-2022"))
        create_briefing(b, briefings_dir)
        assert app.open_briefing_file(briefings_dir / "debat-2026.yaml")
        await settle(pilot, app)
        banner = app.screen.query_one("#briefing-problems", ProblemsBanner)
        assert banner.display
        text = " ".join(text_of(banner.query_one("#problems-text")).split())
        assert "laws/verbod" in text and "huidig standpunt, juni 2022" in text and "12 juni 2026" in text
