"""Snapshots of the main screens at 120x40, on a frozen subset of the content (snapshot_content/).

The subset is a copy of three sources with their statements, commitments, motions and
questions, so that edits to content/ do not change these pictures. Update the pictures after an
intended change of the UI with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.workspace import Workspace

from conftest import SNAPSHOT_CONTENT, copy_content
from tui_helpers import index_ready, search, settle

SIZE = (120, 40)


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


def test_search_with_results(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=with_results)


def test_search_superseded_statement_in_preview(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await search(pilot, pilot.app, "juridische expertmeeting")
        results = pilot.app.search_screen.query_one("#results")
        results.focus()
        results.highlighted = next(i for i, h in enumerate(results.hits) if h.kind == "statement" and not h.current)
        await settle(pilot, pilot.app)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_preview_screen(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await with_results(pilot)
        await pilot.press("down", "enter")
        await settle(pilot, pilot.app)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_briefing_editor(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
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

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("f1")
        await settle(pilot, pilot.app)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


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
        pilot.app.search_screen.query_one("#search-input").cursor_blink = False
        await settle(pilot, pilot.app)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_debate_screen(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
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
        await pilot.pause(0.2)
        await settle(pilot, app)
        app.clear_notifications()

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)
