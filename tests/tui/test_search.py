"""Search as you type, the hits, the count and the preview, as a user sees them."""

from __future__ import annotations

from textual.widgets import Input, Static

from briefing_tui.tui.filters import SearchFilters
from briefing_tui.tui.screens.preview import PreviewScreen
from briefing_tui.tui.screens.search import SearchScreen
from briefing_tui.tui.widgets.preview import Preview
from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle, text_of, wait_until


def option_texts(results: ResultsList) -> list[str]:
    return [results.get_option_at_index(i).prompt.plain for i in range(results.option_count)]


async def test_search_field_is_focused_and_usable_at_start(app):
    async with app.run_test(size=(120, 40)) as pilot:
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "search-input"
        assert not focused.disabled
        await index_ready(pilot, app)


async def test_typing_shows_hits_with_kind_date_citation_tags_and_snippet(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "verbod")
        results = app.search_screen.query_one(ResultsList)
        assert results.option_count > 0
        first = option_texts(results)[0]
        hit = results.hits[0]
        assert first.startswith("Standpunt")  # kind, in Dutch
        assert hit.source.citation in " ".join(first.split("\n"))
        assert "domein" in first  # the tags line
        # the matched word is highlighted in the snippet
        prompt = results.get_option_at_index(0).prompt
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if "warning" in str(s.style)]
        assert any("verbod" in m.lower() for m in marked), marked
        count = text_of(app.search_screen.query_one("#hit-count", Static))
        assert count == f"{len(results.hits)} resultaten"


async def test_results_follow_the_last_keystroke(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "drones", every_key=True)
        first = list(app.search_screen.query_one(ResultsList).hits)
        await pilot.press(*["backspace"] * 6)
        await search(pilot, app, "cyber", every_key=True)
        hits = app.search_screen.query_one(ResultsList).hits
        assert hits and hits != first
        assert app.search_screen.query_one("#search-input", Input).value == "cyber"


async def test_a_capped_result_says_how_many_there_are(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "de")
        screen = app.search_screen
        result = screen.result
        assert result.capped and result.total > len(result.hits) == 50
        assert text_of(screen.query_one("#hit-count", Static)) == f"50 van {result.total} getoond"


async def test_a_broad_query_shows_its_hits_first_and_the_exact_count_when_the_keys_rest(app, monkeypatch):
    monkeypatch.setattr("briefing_tui.search.RANK_ALL", 5)  # as if "de" matched more than 1.000
    # The keys rest longer than the test takes to look, even on a busy machine (0.3 s is less than
    # the test's own waiting for the screen when other processes share the CPU).
    monkeypatch.setattr("briefing_tui.tui.screens.search.COUNT_DELAY", 3.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "de")
        screen = app.search_screen
        result = screen.result
        assert not result.total_exact and result.total == 5 and result.capped
        assert text_of(screen.query_one("#hit-count", Static)) == "5 van meer dan 5 getoond · nieuwste eerst"
        exact = app.engine.count(screen.build_query())
        assert exact > 5
        await wait_until(
            pilot, lambda: text_of(screen.query_one("#hit-count", Static)).startswith(f"5 van {exact} getoond"),
            timeout=15.0, what="the exact count",
        )
        assert text_of(screen.query_one("#hit-count", Static)) == f"5 van {exact} getoond · nieuwste eerst"


async def test_superseded_statement_is_marked_in_the_list_and_preview(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "betekenisvolle menselijke controle")
        results = app.search_screen.query_one(ResultsList)
        index = next(i for i, h in enumerate(results.hits) if h.kind == "statement" and not h.current)
        assert "VERVANGEN" in option_texts(results)[index]
        results.focus()
        results.highlighted = index
        await settle(pilot, app)
        hit = results.hits[index]
        body = text_of(app.search_screen.query_one("#preview-body", Static))
        assert "VERVANGEN" in body and "Dit standpunt is vervangen" in body
        newer = app.corpus.statements[app.corpus.latest_in_chain(hit.id)]
        assert newer.position in " ".join(body.split())


async def test_enter_opens_the_preview_with_quote_source_link_and_timeline(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "gge")
        results = app.search_screen.query_one(ResultsList)
        index = next(i for i, h in enumerate(results.hits) if h.kind == "statement")
        hit = results.hits[index]
        await pilot.press("down")  # from the search field to the list
        results.highlighted = index
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)
        body = " ".join(text_of(app.screen.query_one("#preview-body", Static)).split())
        st = app.corpus.statements[hit.id]
        assert " ".join(st.quote.split()) in body
        assert "Bron" in body and "Tijdlijn" in body
        for other in app.corpus.timeline(st.topic):
            assert " ".join(other.position.split()) in body
        if hit.source.url:
            assert hit.source.url in body.replace(" ", "")
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)


async def test_passage_preview_shows_the_surrounding_text(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        app.search_screen.set_filters(SearchFilters(kind="passage"))
        await search(pilot, app, "Goalkeeper")
        results = app.search_screen.query_one(ResultsList)
        assert results.hits and all(h.kind == "passage" for h in results.hits)
        body = text_of(app.search_screen.query_one("#preview-body", Static))
        assert "Passage" in body and "Eromheen in de bron" in body


async def test_filters_from_the_keyboard(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "kabinet")
        unfiltered = app.search_screen.result.total
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        # domain select is focused: open it, type to find "Cyber", choose it
        await pilot.press("enter")
        await pilot.press("c", "y", "b")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        screen = app.search_screen
        assert screen.filters.domain == "cyber"
        assert "domein: Cyber" in text_of(screen.query_one("#filter-summary", Static))  # its name, not its id
        assert app.focused is screen.query_one("#search-input")  # typing goes on at once
        assert 0 < screen.result.total < unfiltered
        assert all("cyber" in h.domains for h in screen.result.hits)


async def test_printable_keys_are_typed_not_bound_in_the_search_field(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "xsnep", every_key=True)
        assert app.search_screen.query_one("#search-input", Input).value == "xsnep"
        assert isinstance(app.screen, SearchScreen)


async def test_a_query_that_matches_nothing_says_so(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "qqqzzzxxx")
        assert text_of(app.search_screen.query_one("#hit-count", Static)) == "0 resultaten"
        assert "Geen resultaten" in text_of(app.search_screen.query_one(Preview).query_one("#preview-body", Static))


async def test_a_passage_repeating_a_superseded_line_is_marked_in_the_list_and_preview(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "moratorium")
        results = app.search_screen.query_one(ResultsList)
        index = next(i for i, h in enumerate(results.hits) if h.id == "2019-normkader-nieuwe-technologieen#16")
        assert "BEVAT VERVANGEN STANDPUNT" in option_texts(results)[index]
        results.focus()
        results.highlighted = index
        await settle(pilot, app)
        body = " ".join(text_of(app.search_screen.query_one("#preview-body", Static)).split())
        assert "BEVAT VERVANGEN STANDPUNT Herhaalt het standpunt van 13 mei 2019" in body
        newer = app.corpus.statements["laws-verbod-2022"]
        assert "vervangen door het standpunt van" in body and " ".join(newer.position.split()) in body
