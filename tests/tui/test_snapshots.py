"""Snapshots of every screen at 120x40 and at 80x24 (and the dialogs with buttons at 70x20), on
a frozen subset of the content (snapshot_content/).

The subset is a copy of three sources with their statements, commitments, motions and
questions, so that edits to content/ do not change these pictures. Update the pictures after an
intended change of the UI with `pytest tests/tui/test_snapshots.py --snapshot-update`, and look
at each changed one first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.workspace import Workspace

from conftest import SNAPSHOT_CONTENT, copy_content
from tui_helpers import index_ready, search, settle, wait_until

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}
SMALL = (70, 20)


@pytest.fixture
def snapshot_app(tmp_path, monkeypatch):
    """The app in a folder of its own (paths are shown relative to it), on the frozen content."""
    copy_content(SNAPSHOT_CONTENT, tmp_path / "content")
    (tmp_path / "briefings").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    from briefing_tui.tui.app import create_app

    return create_app(Workspace.resolve(content="content", briefings="briefings", cache=tmp_path / "cache"))


async def ready(pilot) -> None:
    app = pilot.app
    await index_ready(pilot, app)
    app.search_screen.query_one("#search-input").cursor_blink = False


async def with_results(pilot) -> None:
    await ready(pilot)
    await search(pilot, pilot.app, "motie koopmans")
    pilot.app.search_screen.query_one("#search-input").cursor_blink = False
    await settle(pilot, pilot.app)


def no_blink(app) -> None:
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    app.search_screen.query_one("#search-input").cursor_blink = False


async def done(pilot) -> None:
    await settle(pilot, pilot.app)
    no_blink(pilot.app)
    pilot.app.clear_notifications()
    await settle(pilot, pilot.app)


async def open_example_briefing(pilot) -> None:
    from briefing_tui.briefing import Item, Member, create_briefing, new_briefing

    app = pilot.app
    await ready(pilot)
    corpus = app.corpus
    b = new_briefing(
        "cd-wapenbeheersing",
        title="Commissiedebat Wapenbeheersing en nieuwe technologieën",
        committee="vaste commissie voor Buitenlandse Zaken",
        date="2024-03-12",
        members=[Member("Boswijk", "CDA"), Member("Dassen", "Volt")],
    )
    current = sorted(s for s in corpus.statements if corpus.is_current(s))
    superseded = sorted(s for s in corpus.statements if not corpus.is_current(s))
    b.add("kernboodschappen", Item("statement", current[0], position="Het kabinet wil een voortrekkersrol spelen."))
    b.add(None, Item("statement", current[1]))
    b.add(None, Item("statement", superseded[0], comment="Ouder standpunt, ter vergelijking."))
    b.add(None, Item("commitment", sorted(corpus.commitments)[0]))
    b.add(None, Item("motion", sorted(corpus.motions)[0]))
    b.add(None, Item.note("Verwacht vragen over de conferentie over militaire AI."))
    create_briefing(b, Path("briefings"))
    app.open_briefing_file(Path("briefings") / "cd-wapenbeheersing.yaml")
    await settle(pilot, app)
    await pilot.pause(0.4)  # the pack preview is rendered a moment after the last change
    await settle(pilot, app)
    app.clear_notifications()
    await settle(pilot, app)


# --- the scenarios: one per screen ---------------------------------------------------------------

async def search_with_results(pilot) -> None:
    await with_results(pilot)


async def superseded_statement_in_preview(pilot) -> None:
    await ready(pilot)
    await search(pilot, pilot.app, "juridische expertmeeting")
    results = pilot.app.search_screen.query_one("#results")
    results.focus()
    results.highlighted = next(i for i, h in enumerate(results.hits) if h.kind == "statement" and not h.current)


async def changed_statement_in_preview(pilot) -> None:
    await ready(pilot)
    await search(pilot, pilot.app, "juridische expertmeeting")
    corpus = pilot.app.corpus
    results = pilot.app.search_screen.query_one("#results")
    results.focus()
    results.highlighted = next(
        i for i, h in enumerate(results.hits) if h.kind == "statement" and h.current and corpus.statements[h.id].supersedes
    )


async def filtered_search(pilot) -> None:
    from briefing_tui.tui.filters import SearchFilters

    await ready(pilot)
    pilot.app.search_screen.set_filters(SearchFilters(domain="wapenbeheersing", forum="ccw", since="2020", until="2021"))
    await settle(pilot, pilot.app)  # the filters' own search (empty query: everything that matches) first
    await search(pilot, pilot.app, "motie")


async def preview_screen(pilot) -> None:
    await with_results(pilot)
    await pilot.press("down", "enter")


async def briefing_editor(pilot) -> None:
    await open_example_briefing(pilot)


async def help_screen(pilot) -> None:
    await ready(pilot)
    await pilot.press("f1")


async def filters_dialog(pilot) -> None:
    await ready(pilot)
    await pilot.press("ctrl+f")


async def new_briefing_form_with_errors(pilot) -> None:
    await ready(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot, pilot.app)
    pilot.app.screen.query_one("#date").value = "12-03"
    await pilot.press("ctrl+s")


async def browse_screen(pilot) -> None:
    await ready(pilot)
    await pilot.press("f3")
    await settle(pilot, pilot.app)
    await pilot.pause(0.2)  # the first domain is chosen once the tree has its lines


async def lists_screen(pilot) -> None:
    await ready(pilot)
    await pilot.press("f4")


async def open_briefing_dialog(pilot) -> None:
    await open_example_briefing(pilot)
    await pilot.press("ctrl+o")


async def section_picker(pilot) -> None:
    await with_results(pilot)
    await open_example_briefing(pilot)
    await pilot.press("escape")
    await settle(pilot, pilot.app)
    await pilot.press("ctrl+t")


async def item_edit_dialog(pilot) -> None:
    await open_example_briefing(pilot)
    await pilot.press("e")


async def note_dialog(pilot) -> None:
    await open_example_briefing(pilot)
    await pilot.press("n")


async def export_confirmation(pilot) -> None:
    await open_example_briefing(pilot)
    await pilot.press("f6")


async def conflict_dialog(pilot) -> None:
    await open_example_briefing(pilot)
    app = pilot.app
    path = Path("briefings") / "cd-wapenbeheersing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# een collega\n", encoding="utf-8")
    app.session.conflict = "het bestand is op schijf gewijzigd sinds het werd geopend"
    app.action_resolve_conflict()


async def debate_screen(pilot) -> None:
    from briefing_tui.briefing import AgendaEntry, Item, Member, create_briefing, new_briefing

    app = pilot.app
    await ready(pilot)
    corpus = app.corpus
    source = sorted(corpus.sources)[-1]
    b = new_briefing(
        "cd-debat",
        title="Commissiedebat Wapenbeheersing en nieuwe technologieën",
        date="2026-03-12",
        members=[Member("Koopmans", "VVD")],
        agenda=[AgendaEntry(source=source, heading="Het stuk op de agenda"),
                AgendaEntry(citation="Geannoteerde agenda NAVO-top")],
    )
    b.add(None, Item("statement", sorted(s for s in corpus.statements if corpus.is_current(s))[0]))
    create_briefing(b, Path("briefings"))
    app.open_briefing_file(Path("briefings") / "cd-debat.yaml")
    await settle(pilot, app)
    await pilot.press("f5")
    await settle(pilot, app)
    # the readiness is computed in a worker and shown from the UI thread: wait for it, not a time
    await wait_until(pilot, lambda: getattr(app.screen, "debate", None) is not None, what="the readiness")
    await settle(pilot, app)
    await pilot.pause(0.2)


SCREENS = {
    "search": search_with_results,
    "search_superseded": superseded_statement_in_preview,
    "search_changed": changed_statement_in_preview,
    "search_filtered": filtered_search,
    "preview": preview_screen,
    "briefing_editor": briefing_editor,
    "help": help_screen,
    "filters": filters_dialog,
    "new_briefing_errors": new_briefing_form_with_errors,
    "browse": browse_screen,
    "lists": lists_screen,
    "open_briefing": open_briefing_dialog,
    "section_picker": section_picker,
    "item_edit": item_edit_dialog,
    "note": note_dialog,
    "export_confirmation": export_confirmation,
    "conflict": conflict_dialog,
    "debate": debate_screen,
}

@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, snapshot_app, screen, size):
    async def run_before(pilot) -> None:
        await SCREENS[screen](pilot)
        await done(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZES[size], run_before=run_before)


# Dialogs with buttons: all of their buttons on screen at 70x20 too (one picture; the others are
# checked without pictures in test_all_day.py).
@pytest.mark.parametrize("screen", ["export_confirmation"])
def test_dialog_at_70x20(snap_compare, snapshot_app, screen):
    async def run_before(pilot) -> None:
        await SCREENS[screen](pilot)
        await done(pilot)

    assert snap_compare(snapshot_app, terminal_size=SMALL, run_before=run_before)


def test_broad_query_count_says_newest_first(snap_compare, snapshot_app, monkeypatch):
    """A broad query's count with its order, whole in the filter line at 120 columns."""
    monkeypatch.setattr("briefing_tui.search.RANK_ALL", 5)  # as if "kabinet" matched more than 1.000

    async def run_before(pilot) -> None:
        from textual.widgets import Static

        from tui_helpers import text_of

        await ready(pilot)
        await search(pilot, pilot.app, "kabinet")
        count = pilot.app.search_screen.query_one("#hit-count", Static)
        for _ in range(100):  # the exact count follows when the keys rest
            await pilot.pause(0.02)
            if "meer dan" not in text_of(count):
                break
        assert text_of(count).endswith("getoond · nieuwste eerst")
        await done(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZES["120x40"], run_before=run_before)
