"""The main screen: search as you type, the hits, and a preview of the highlighted hit."""

from __future__ import annotations

import threading
import time
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import get_current_worker

from briefing_tui.tui import messages as msg
from briefing_tui.tui.filters import SearchFilters
from briefing_tui.tui.widgets.intent_chips import IntentChips
from briefing_tui.tui.widgets.preview import Preview
from briefing_tui.tui.widgets.problems_banner import ProblemsBanner
from briefing_tui.tui.widgets.results_list import ResultsList
from briefing_tui.tui.widgets.key_footer import KeyFooter

RESULT_LIMIT = 50
PREVIEW_DELAY = 0.08  # seconds the highlight must rest before the preview is rendered
COUNT_DELAY = 0.3  # seconds the keys must rest before all matches of a broad query are counted
LOADING = "index wordt bijgewerkt…"
PLACEHOLDER = "Zoek in standpunten, passages, toezeggingen, moties en vragen…"


class SearchInput(Input):
    """The search field. Down and Enter move to the results.

    Focus coming back to the field never selects the query (the next letter would replace it):
    the cursor goes to the end, so typing goes on where it stopped.
    """

    BINDINGS = [
        Binding("down", "screen.focus_results", "Naar resultaten", id="search.to_results", show=False),
    ]

    # Every keystroke sets the field's virtual size, and Textual would lay out the whole screen
    # for it; the field's region never depends on it (it scrolls its text itself).
    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(select_on_focus=False, **kwargs)

    def append(self, text: str) -> None:
        """Type `text` at the end of the query (keys pressed while the list had focus)."""
        self.cursor_position = len(self.value)
        self.insert_text_at_cursor(text)


class SearchScreen(Screen):
    CSS_PATH = "search.tcss"

    BINDINGS = [
        Binding("ctrl+f", "filters", "Filters", id="search.filters"),
        Binding("ctrl+t", "add_to_briefing", "Toevoegen", id="search.add"),
        Binding("ctrl+b", "app.show_briefing", "Briefing", id="search.briefing"),
        Binding("ctrl+n", "app.new_briefing", "Nieuw", id="search.new_briefing"),
        Binding("ctrl+o", "app.open_briefing", "Openen", id="search.open_briefing"),
        Binding("f3", "app.browse", "Bladeren", id="search.browse"),
        Binding("f4", "app.lists", "Toezeggingen", id="search.lists"),
        Binding("f2", "explain", "Waarom", id="search.explain", show=False),
        Binding("f7", "remove_intent", "Filter uit zoekvraag weg", id="search.remove_intent", show=False),
        Binding("ctrl+l", "focus_search", "Zoekveld", id="search.focus_input", show=False),
        Binding("escape", "focus_search", "Zoekveld", id="search.escape", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = SearchFilters()
        self.generation = 0  # bumped per search; results of older searches are dropped
        self.shown_generation = 0  # the search whose results are on screen
        self.result: Any = None
        self.search_started: float = 0.0
        self.last_elapsed_ms: float | None = None
        self._preview_timer: Any = None
        self._count_timer: Any = None
        self._search_lock = threading.Lock()
        self._count_flag = threading.Lock()  # guards `_counting`: a count runs on the engine now
        self._counting = False
        self.keep_words: tuple[str, ...] = ()  # intent words the user took back (searched as text)
        self._welcome: tuple[Any, int, Content] | None = None  # corpus, its version, the text shown
        self._previewed: tuple | None = None  # corpus, its version, kind, id of the preview shown

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield ProblemsBanner(id="problems")
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input")
        with Horizontal(id="search-bar"):
            yield Static(self.filters.describe(), id="filter-summary", markup=False)
            yield IntentChips(id="intent-chips")
            yield Static("", id="query-note")
            yield Static(LOADING, id="hit-count")
        with Horizontal(id="search-body"):
            with Vertical(id="results-pane"):
                yield ResultsList(id="results")
            yield Preview(id="preview")
        yield Static(id="briefing-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ProblemsBanner).display = False
        self.query_one(IntentChips).display = False
        self.query_one("#search-input", Input).focus()
        self.watch(self.app, "index_state", self._index_state_changed, init=False)
        self.watch(self.app, "engine_version", self._engine_changed, init=False)
        self.watch(self.app, "corpus_version", self._corpus_changed, init=False)
        self.watch(self.app, "briefing_version", self._briefing_changed, init=True)

    # --- index ---------------------------------------------------------------------------------
    def _index_state_changed(self, state: str) -> None:
        count = self.query_one("#hit-count", Static)
        if state == "loading":
            count.update(LOADING)
        elif state == "failed":
            count.update("zoeken niet beschikbaar")
            self.query_one(ProblemsBanner).show_message("De zoekindex kon niet worden geopend", self.app.index_error or "")

    def _engine_changed(self, _version: int) -> None:
        self.run_search()

    def _corpus_changed(self, _version: int) -> None:
        corpus = self.app.corpus
        if corpus is None:
            return
        self.query_one(ProblemsBanner).show_problems(corpus.problems)
        self._show_filters()
        if self.result is None:
            self.query_one(Preview).clear(self.welcome())
        else:
            self._show_preview()

    def _briefing_changed(self, _version: int) -> None:
        from briefing_tui.labels import plural

        session = self.app.session
        line = self.query_one("#briefing-status", Static)
        if session is None:
            line.update(Content.styled("Geen briefing geopend — ctrl+n nieuw, ctrl+o openen", "$text-muted"))
            return
        b = session.briefing
        style = "bold $text-error" if (session.conflict or session.error) else "$text-muted"
        line.update(
            Content.assemble(
                ("Briefing: ", "bold"),
                b.title or b.name,
                (f"  ({plural(len(b), 'item', 'items')})  ", "$text-muted"),
                (session.status(), style),
            )
        )

    # --- searching -----------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.app.typed()
        if not event.value.strip():
            self.keep_words = ()
        self.run_search()

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self, _event: Input.Submitted) -> None:
        self.action_focus_results()

    def build_query(self) -> Any | None:
        text = self.query_one("#search-input", Input).value
        if not text.strip() and not self.filters.active:
            return None
        from briefing_tui.store import SearchQuery

        f = self.filters
        return SearchQuery(
            text=text,
            domains=(f.domain,) if f.domain else (),
            forums=(f.forum,) if f.forum else (),
            kinds=(f.kind,) if f.kind else (),
            since=f.since,
            keep_words=self.keep_words,
            until=f.until,
            limit=RESULT_LIMIT,
            exact_total=False,  # the hits first; a broad query's exact count follows (COUNT_DELAY)
        )

    def run_search(self) -> None:
        self.generation += 1
        engine = self.app.engine
        if engine is None:
            return  # searched as soon as the index is ready (corpus_version changes)
        query = self.build_query()
        if query is None:
            self.show_result(self.generation, None)
            return
        self.search_started = time.perf_counter()
        with self._count_flag:
            if self._counting:  # an exact count of the last query: no longer wanted, and in the way
                engine.interrupt()
        self._search(self.generation, engine, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, generation: int, engine: Any, query: Any) -> None:
        from briefing_tui.store import Interrupted  # loaded with the engine, not at start-up

        worker = get_current_worker()
        # One search at a time; a search that was overtaken by a newer keystroke while it waited
        # for its turn is skipped, so fast typing never queues up stale searches.
        with self._search_lock:
            if worker.is_cancelled:
                return
            try:
                try:
                    result = engine.search(query)
                except Interrupted:  # meant for the count that just ended: once more
                    result = engine.search(query)
            except Exception as exc:  # shown, never a crash
                self.post_message(msg.SearchDone(generation, None, f"{type(exc).__name__}: {exc}"))
                return
        if not worker.is_cancelled:
            self.post_message(msg.SearchDone(generation, result))

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _count(self, generation: int, engine: Any, query: Any) -> None:
        if generation != self.generation or engine is None or query is None:
            return
        with self._search_lock:  # never holds up a search that is waiting: one at a time
            if generation != self.generation:
                return
            with self._count_flag:
                self._counting = True
            try:
                total = engine.count(query)
            except Exception:  # interrupted by a newer search, or failed: the label keeps "meer dan ..."
                return
            finally:
                with self._count_flag:
                    self._counting = False
        self.post_message(msg.CountDone(generation, total))

    @on(msg.CountDone)
    def _count_done(self, event: msg.CountDone) -> None:
        result = self.result
        if event.generation != self.generation or event.generation != self.shown_generation or result is None:
            return
        self.query_one("#hit-count", Static).update(
            count_label(len(result.hits), event.total, True, newest_first=bool(result.ranked_among), short=self.narrow),
            layout=False,
        )

    @on(msg.SearchDone)
    def _search_done(self, event: msg.SearchDone) -> None:
        if event.generation != self.generation:
            return  # a newer search is under way
        if event.error:
            self.query_one("#hit-count", Static).update(Content.styled("zoeken mislukt", "bold $text-error"))
            self.app.notify(event.error, title="Zoeken mislukt", severity="error", markup=False)
            return
        self.last_elapsed_ms = (time.perf_counter() - self.search_started) * 1000
        self.show_result(event.generation, event.result)

    def show_result(self, generation: int, result: Any) -> None:
        self.result = result
        self.shown_generation = generation
        if self._count_timer is not None:
            self._count_timer.stop()
            self._count_timer = None
        results = self.query_one(ResultsList)
        count = self.query_one("#hit-count", Static)
        self._show_reading(result)
        if result is None:
            results.show_hits([])
            self._later(lambda: self.query_one(Preview).clear(self.welcome()))
            count.update("" if self.app.engine is not None else LOADING, layout=False)
            return
        results.show_hits(result.hits)
        count.update(count_label(len(result.hits), result.total, result.capped, result.total_exact,
                                 newest_first=bool(result.ranked_among), short=self.narrow), layout=False)
        if not result.total_exact:
            engine, query = self.app.engine, self.build_query()
            self._count_timer = self.set_timer(COUNT_DELAY, lambda: self._count(generation, engine, query))
        if not result.hits:
            self._later(
                lambda: self.query_one(Preview).clear(
                    "Geen resultaten. Probeer minder of andere woorden, of wis de filters (ctrl+f)."
                )
            )

    def _show_reading(self, result: Any) -> None:
        """The chips of the intents read from the query, and what else the search did with it."""
        self.query_one(IntentChips).show(result.intents if result is not None else ())
        note = ""
        if result is not None:
            from briefing_tui.wording.search import query_lines

            note = " · ".join(query_lines(result, intents=False))  # the intents are the chips
        self.query_one("#query-note", Static).update(Content(note), layout=False)

    def welcome(self) -> Content:
        """What the knowledge base holds, and how to begin (shown while the query is empty)."""
        corpus = self.app.corpus
        version = self.app.corpus_version
        cached = self._welcome
        if cached is not None and cached[0] is corpus and cached[1] == version:
            return cached[2]  # counting 100,000 statements again on every empty query is felt
        lines: list[Content] = []
        if corpus is not None:
            from briefing_tui.labels import OPEN_COMMITMENT_STATUSES

            current = sum(1 for sid in corpus.statements if corpus.is_current(sid))
            open_commitments = sum(1 for c in corpus.commitments.values() if c.status in OPEN_COMMITMENT_STATUSES)
            lines += [
                Content.styled("De kennisbank", "bold $accent"),
                Content(f"{len(corpus.statements)} standpunten ({current} huidig, {len(corpus.statements) - current} vervangen)"),
                Content(f"{len(corpus.sources)} bronnen, {len(corpus.domains)} domeinen, {len(corpus.forums)} fora"),
                Content(f"{len(corpus.commitments)} toezeggingen ({open_commitments} open), {len(corpus.motions)} moties, {len(corpus.qa)} vragen"),
                Content(""),
            ]
        lines += [
            Content.styled("Beginnen", "bold $accent"),
            Content("Typ een zoekterm, bijv. killer robots, motie Koopmans of exportcontrole."),
            Content("↓ of Enter gaat naar de resultaten; Enter opent een resultaat."),
            Content("ctrl+f filters · F3 bladeren per domein en forum · F4 toezeggingen en moties"),
            Content("F2 waarom een resultaat bovenaan staat · F5 filter uit de zoekvraag weghalen"),
            Content("ctrl+n nieuwe briefing · ctrl+o briefing openen · ctrl+t resultaat toevoegen"),
            Content("F1 alle toetsen · ctrl+p opdrachten"),
        ]
        shown = Content("\n").join(lines)
        self._welcome = (corpus, version, shown)
        return shown

    # --- preview -------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._later(self._show_preview)

    def _later(self, update: Any) -> None:
        """Update the preview when the keys (or arrows) rest: the results are painted first."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, update)

    def _show_preview(self) -> None:
        hit = self.query_one(ResultsList).highlighted_hit
        if hit is None:
            return
        preview = self.query_one(Preview)
        corpus, version = self.app.corpus, self.app.corpus_version
        last = self._previewed
        if (preview.target == (hit.kind, hit.id) and last is not None and last[0] is corpus
                and last[1:] == (version, hit.kind, hit.id)):
            return  # the same record, still on screen: typing on keeps the preview (no new layout)
        self._previewed = (corpus, version, hit.kind, hit.id)
        preview.show(self.app.corpus, hit.kind, hit.id)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.query_one(ResultsList).highlighted_hit
        if hit is not None:
            from briefing_tui.tui.screens.preview import PreviewScreen

            self.app.push_screen(PreviewScreen(hit.kind, hit.id))

    # --- actions -------------------------------------------------------------------------------
    @property
    def narrow(self) -> bool:
        """A small terminal (see BriefingApp.HORIZONTAL_BREAKPOINTS)."""
        return self.app.size.width < 100

    def action_focus_results(self) -> None:
        results = self.query_one(ResultsList)
        if results.option_count:
            # Focus moves at once (not after the queued keys): ↓↓↓ typed fast from the field
            # reaches the third hit, since the second and third ↓ already go to the list.
            self.set_focus(results)
            if results.highlighted is None:
                results.highlighted = 0

    def action_focus_search(self) -> None:
        field = self.query_one("#search-input", Input)
        field.cursor_position = len(field.value)
        self.set_focus(field)

    def type_in_search(self, text: str) -> None:
        """Keys typed while the hit list has focus go to the search field, in order."""
        field = self.query_one("#search-input", SearchInput)
        field.append(text)
        self.set_focus(field)

    def action_explain(self) -> None:
        """Why the highlighted hit ranks where it does (matched words and concepts, boosts)."""
        hit = self.query_one(ResultsList).highlighted_hit
        if hit is None:
            self.app.notify("Kies eerst een resultaat.", severity="warning")
            return
        from briefing_tui.wording.search import also_line, query_lines, why_line

        lines = [*query_lines(self.result), why_line(hit)] if self.result is not None else [why_line(hit)]
        if hit.also:
            lines.append(also_line(hit))
        self.app.notify("\n".join(lines), title=f"Waarom {hit.id}", timeout=12, markup=False)

    def action_remove_intent(self) -> None:
        if not self.query_one(IntentChips).remove_last():
            self.app.notify("Geen filter uit de zoekvraag om weg te halen.", severity="warning")

    @on(IntentChips.Removed)
    def _intent_removed(self, event: IntentChips.Removed) -> None:
        self.keep_words = (*self.keep_words, event.words)
        self.run_search()

    def action_add_to_briefing(self) -> None:
        hit = self.query_one(ResultsList).highlighted_hit
        if hit is None:
            self.app.notify("Kies eerst een resultaat.", severity="warning")
            return
        self.app.add_to_briefing(hit.kind, hit.id)

    def action_filters(self) -> None:
        from briefing_tui.tui.screens.filters import FilterScreen

        def apply(filters: SearchFilters | None) -> None:
            if filters is not None:
                self.set_filters(filters)
            self.action_focus_search()  # typing goes on in the search field

        self.app.push_screen(FilterScreen(self.filters, self.app.corpus), apply)

    def set_filters(self, filters: SearchFilters) -> None:
        self.filters = filters
        self._show_filters()
        self.set_class(filters.active, "-filtered")
        self.run_search()

    def on_resize(self, _event: Any) -> None:
        self._show_filters()  # the summary is shorter below 100 columns

    def _show_filters(self) -> None:
        corpus = self.app.corpus
        # "CCW (Convention on Certain Conventional Weapons)" is "CCW" in a one-line summary
        names = {a.id: a.name.split(" (")[0] or a.name for a in (*corpus.domains.values(), *corpus.forums.values())} if corpus else {}
        # The whole summary when it fits beside the count, else the short one (active filters only).
        room = self.app.size.width - (30 if self.narrow else 48) - 6  # count, padding, query note
        text = self.filters.describe(names)
        if len(text) > room:
            text = self.filters.describe(names, short=True)
        if len(text) > room:  # still too long: the names without their labels
            text = self.filters.describe(names, short=True, labels=False)
        self.query_one("#filter-summary", Static).update(text)


def count_label(shown: int, total: int, capped: bool, exact: bool = True, newest_first: bool = False, short: bool = False) -> str:
    """"50 van 1.234 getoond"; with `newest_first` (a broad query, listed newest first rather
    than scored: see `briefing_tui.search`) the label says so. `short` (a narrow screen) leaves
    out "getoond" and writes "meer dan" as ">": at most 30 columns."""
    shown_word = "" if short else " getoond"
    if not exact:
        more = ">" if short else "meer dan "
        label = f"{shown} van {more}{total:,}{shown_word}".replace(",", ".")
    elif capped or total > shown:
        label = f"{shown} van {total:,}{shown_word}".replace(",", ".")
    elif total == 1:
        label = "1 resultaat"
    else:
        label = f"{total} resultaten"
    return label + " · nieuwste eerst" if newest_first else label
