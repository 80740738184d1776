"""Keyboard first: F1 lists every key, the palette offers the actions, Esc backs out, keys work as shown."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Static

from briefing_tui.tui.screens.browse import BrowseScreen
from briefing_tui.tui.screens.help import HelpScreen, _groups, declared_bindings
from briefing_tui.tui.screens.lists import ListsScreen
from briefing_tui.tui.screens.search import SearchScreen

from tui_helpers import index_ready, settle, text_of

DOCS = Path(__file__).resolve().parents[2] / "docs" / "tui.md"


def all_bindings() -> list[tuple[str, type, Binding]]:
    return [(title, cls, b) for title, classes in _groups() for cls in classes for b in declared_bindings(cls)]


async def test_f1_lists_every_declared_key_and_esc_closes_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(text_of(w) for w in app.screen.query(".help-group").results(Static))
        for _title, _cls, binding in all_bindings():
            assert binding.description in text, binding
            assert app.get_key_display(binding) in text, binding
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        await index_ready(pilot, app)


def test_every_binding_has_an_id_and_a_label():
    for _title, cls, binding in all_bindings():
        assert binding.id, f"{cls.__name__}: {binding.key} has no id"
    actions: dict[str, tuple[type, str]] = {}
    for _t, cls, b in all_bindings():  # one id per binding (a binding may have several keys)
        assert actions.setdefault(b.id, (cls, b.action)) == (cls, b.action), f"id {b.id} used twice"


def test_printable_keys_are_bound_only_where_nothing_is_typed():
    """A letter bound on a screen with a text field would never fire (it is typed instead)."""
    from briefing_tui.tui.screens.briefing_editor import BriefingItems
    from briefing_tui.tui.screens.conflict import ConflictScreen
    from briefing_tui.tui.screens.confirm import ConfirmScreen
    from briefing_tui.tui.screens.proposals import ProposalsScreen
    from briefing_tui.tui.screens.section_picker import SectionPickerScreen

    from briefing_tui.tui.screens.debate import DebateList

    # The proposals screen is a list and a panel; its edits open a dialog of their own. The debate
    # list has no text field either.
    without_text_fields = {BriefingItems, ConflictScreen, ConfirmScreen, SectionPickerScreen, ProposalsScreen, DebateList}
    for _title, cls, binding in all_bindings():
        if len(binding.key) == 1:
            assert cls in without_text_fields, f"{cls.__name__} binds the printable key {binding.key!r}"


def test_docs_list_every_key():
    docs = DOCS.read_text(encoding="utf-8")
    for _title, cls, binding in all_bindings():
        assert re.search(rf"`{re.escape(binding.key)}`", docs), f"docs/tui.md does not mention `{binding.key}` ({cls.__name__})"


async def test_palette_offers_the_actions(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Nieuwe briefing", "Briefing openen", "Exporteren (Markdown en Word)", "Index opnieuw opbouwen", "Thema wisselen"):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Index op")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await index_ready(pilot, app)
        assert any(n.title == "Index bijgewerkt" for n in app._notifications)


async def test_browse_by_domain_lists_its_statements_and_sets_a_filter(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("f3")
        await settle(pilot, app)
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one("#areas")
        first = app.screen.area  # the first domain is highlighted at once
        assert first is not None and first.kind == "domain"
        await pilot.press("down")
        await settle(pilot, app)
        area = app.screen.area
        assert area is not first
        assert area is not None and area.kind == "domain"
        assert f"{len(app.corpus.statements_in(area.id))}" in str(tree.cursor_node.label)
        listed = app.screen.query_one("#area-statements")
        assert listed.option_count == len(app.corpus.statements_in(area.id))
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.filters.domain == area.id
        assert app.screen.result is not None and app.screen.result.total == len(
            [s for s in app.corpus.statements_in(area.id)]
        ) + sum(1 for c in [*app.corpus.commitments.values(), *app.corpus.motions.values(), *app.corpus.qa.values()] if area.id in c.domains)


async def test_open_commitments_and_motions(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("f4")
        await settle(pilot, app)
        assert isinstance(app.screen, ListsScreen)
        commitments = app.screen.query_one("#commitments")
        open_ones = [c for c in app.corpus.commitments.values() if c.status != "fulfilled"]
        assert commitments.option_count == len(open_ones)
        assert app.screen.query_one("#motions").option_count == len(app.corpus.motions)
        await pilot.press("ctrl+a")  # all commitments
        await settle(pilot, app)
        assert commitments.option_count == len(app.corpus.commitments)
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)


async def test_the_mouse_works_too(app):
    from textual.widgets._footer import FooterKey

    from briefing_tui.tui.widgets.results_list import ResultsList

    from tui_helpers import search, wait_until

    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "verbod")
        results = app.search_screen.query_one(ResultsList)
        # a click lower in the list shows that hit beside the list
        await pilot.click(results, offset=(5, 25))
        await settle(pilot, app)
        index = results.highlighted
        assert index and index > 0
        assert isinstance(app.screen, SearchScreen)
        preview = app.search_screen.query_one("#preview")
        hit = results.hits[index]
        await wait_until(pilot, lambda: preview.target == (hit.kind, hit.id), what="preview")
        # a double click opens it
        await pilot.click(results, offset=(5, 25), times=2)
        await settle(pilot, app)
        from briefing_tui.tui.screens.preview import PreviewScreen

        assert isinstance(app.screen, PreviewScreen) and app.screen.item_id == hit.id
        await pilot.press("escape")
        help_key = next(k for k in app.search_screen.query(FooterKey) if k.key == "f1")
        await pilot.click(help_key)
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
