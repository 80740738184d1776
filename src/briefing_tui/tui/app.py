"""The briefing app: search the knowledge base, preview, and assemble a debate briefing.

`create_app(workspace)` is the one factory used by the CLI, the tests and the benchmarks.
Heavy things are imported where they are needed: the search engine (and sqlite-utils) inside the
worker that opens the index, screens other than the search screen when they are first shown,
the briefing and export modules when a briefing is opened or exported.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from briefing_tui.tui import messages as msg
from briefing_tui.labels import kind_label, plural

AUTOSAVE_DELAY = 0.8  # seconds after the last edit
# A large knowledge base is loaded (for previews, browsing, briefings) once the index is open and
# the keys have rested this long: loading holds Python's lock for seconds, and typing meanwhile
# would wait for it (searching needs only the index).
CORPUS_IDLE = 1.0

if TYPE_CHECKING:
    from briefing_tui.model import Corpus
    from briefing_tui.tui.screens.search import SearchScreen
    from briefing_tui.tui.session import BriefingSession
    from briefing_tui.workspace import Workspace


class BriefingApp(App[None]):
    """Search, preview and assemble briefings. All labels are Dutch."""

    # The default screen's own CSS_PATH is not read by Textual 8 (only pushed screens' are), so
    # the app loads the search screen's stylesheet itself.
    CSS_PATH = ["app.tcss", "screens/search.tcss"]
    TITLE = "Briefing"
    # Classes on every screen for small terminals (80x24, a split laptop screen): see app.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("f5", "debate", "Debat", id="app.debate", show=False),
        Binding("ctrl+p", "command_palette", "Opdrachten", id="app.palette", priority=True, show=False),
        Binding("ctrl+q", "quit", "Sluiten", id="app.quit", priority=True),
    ]

    # "loading" until the engine is open (searching works), then "ready"; "failed" when it could
    # not be opened.
    index_state: reactive[str] = reactive("loading")
    # Bumped whenever the engine is (re)opened: a search may give other results now.
    engine_version: reactive[int] = reactive(0)
    # Bumped whenever the full corpus (for previews, browsing, briefings) is loaded or replaced.
    corpus_version: reactive[int] = reactive(0)
    # Bumped whenever the open briefing changes (another briefing, an item, metadata).
    briefing_version: reactive[int] = reactive(0)

    def __init__(self, workspace: "Workspace") -> None:
        super().__init__()
        self.workspace = workspace
        self.engine: Any = None
        self.index_error: str | None = None
        self.session: "BriefingSession | None" = None
        self.exports: dict[str, Path] = {}  # format -> where the last export of it went
        self._autosave_timer: Any = None
        self._quit_when_saved = False
        self._proposals_offered = False
        self.last_typed = 0.0  # time.monotonic() of the last key in the search field
        self._index_opened_at = 0.0
        from briefing_tui.settings import Settings

        self.settings = Settings.load()  # theme and last briefing (a small JSON file)
        self.sub_title = self._title_line()

    # --- screens ------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from briefing_tui.tui.screens.search import SearchScreen

        return SearchScreen()

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._theme_applied = True  # from now on a change of theme is the user's, and kept
        # Open the index after the first frames (the search field shown, then focused): opening
        # reads files and imports the core in a thread, which would hold up those frames.
        self.call_after_refresh(lambda: self.call_after_refresh(self.open_index))
        self.call_after_refresh(self._reopen_last_briefing)

    # --- remembered between runs -----------------------------------------------------------------
    def _reopen_last_briefing(self) -> None:
        """The briefing that was open when the app last closed is open again (the search screen
        stays in front; ctrl+b shows it)."""
        path = self.settings.last_briefing_in(self.workspace.briefings)
        if path is None or self.session is not None:
            return
        if self.open_briefing_file(path, show=False):
            from briefing_tui.wording import say

            b = self.session.briefing
            self.notify(say("app.reopened", title=b.title or b.name), title=say("app.reopened.title"), markup=False)

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "_theme_applied", False) and theme != self.settings.theme:
            self.settings.theme = theme
            self._save_settings()

    def _remember_briefing(self, path: "Path | None") -> None:
        self.settings.remember_briefing(self.workspace.briefings, path)
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            from briefing_tui.wording import say

            self.notify(f"{shown_path(self.settings.path)}: {exc.strerror or exc}", title=say("app.settings_not_saved.title"),
                        severity="warning", markup=False)

    @property
    def search_screen(self) -> "SearchScreen":
        """The main screen (always at the bottom of the stack)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    @property
    def corpus(self) -> "Corpus | None":
        """The whole knowledge base, once loaded (in a worker after the index opens), else None.

        Searching needs only the index; previews, browsing and briefings need the corpus, which
        for a large knowledge base takes a while to load, so it is never loaded on the UI thread.
        """
        engine = self.engine
        return engine.corpus if engine is not None and engine.corpus_loaded else None

    # --- index --------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_index(self) -> None:
        try:
            from briefing_tui.store import KnowledgeBase, prepare

            # When opening means parsing a large knowledge base whole or building its index, a
            # child process does it (else searching can start at once; see load_corpus).
            prepare(self.workspace, corpus=False)  # the corpus is loaded after the index opens
            engine = KnowledgeBase.open(self.workspace, progress=self._post_progress)
            engine.progress = None
        except Exception as exc:  # shown in the UI; the app stays usable
            self.post_message(msg.IndexFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(msg.IndexReady(engine))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_index(self, rebuild: bool = False) -> None:
        engine = self.engine
        if engine is None:
            return
        try:
            from briefing_tui.store import prepare

            if rebuild:
                engine.progress = self._post_progress
                try:
                    report = engine.rebuild()
                finally:
                    engine.progress = None
            else:
                prepare(self.workspace)  # many files changed: parsed in a child process, as at start
                report = engine.refresh()
        except Exception as exc:
            self.post_message(msg.IndexFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(msg.IndexReady(engine, report))

    def typed(self) -> None:
        """A key went to the search field (see CORPUS_IDLE)."""
        self.last_typed = time.monotonic()

    def _load_corpus_when_idle(self, engine: Any) -> None:
        if engine is not self.engine or engine.corpus_loaded:
            return
        quiet = time.monotonic() - max(self.last_typed, self._index_opened_at)
        if quiet >= CORPUS_IDLE:
            self.load_corpus(engine)
        else:
            self.set_timer(CORPUS_IDLE - quiet, lambda: self._load_corpus_when_idle(engine))

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_corpus(self, engine: Any) -> None:
        try:
            if not engine.corpus_loaded:
                from briefing_tui.store import prepare

                prepare(self.workspace)  # a large knowledge base to parse whole: in a child process
            corpus = engine.corpus  # loads it (from the snapshot when the content is unchanged)
        except Exception as exc:
            self.post_message(msg.CorpusFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(msg.CorpusReady(engine, corpus))

    def _post_progress(self, done: int, total: int) -> None:
        """From the worker that builds the index: how far it is (shown in the title bar)."""
        self.post_message(msg.IndexProgress(done, total))

    @on(msg.IndexProgress)
    def _index_progress(self, event: msg.IndexProgress) -> None:
        if event.done >= event.total:
            self.sub_title = self._title_line()
            return
        shown = f"{event.done:,} van {event.total:,}".replace(",", ".")
        self.sub_title = f"index opbouwen: {shown} records"

    @on(msg.IndexReady)
    def _index_ready(self, event: msg.IndexReady) -> None:
        self.sub_title = self._title_line()
        self.engine = event.engine
        self.index_error = None
        self.index_state = "ready"
        self.engine_version += 1
        if event.engine.corpus_loaded:
            self._corpus_ready(msg.CorpusReady(event.engine, event.engine.corpus))
        else:
            self._index_opened_at = time.monotonic()
            self._load_corpus_when_idle(event.engine)
        if event.report is not None:
            from briefing_tui.wording.index import report_text

            self.notify(report_text(event.report), title="Index bijgewerkt", markup=False)

    @on(msg.CorpusReady)
    def _corpus_ready(self, event: msg.CorpusReady) -> None:
        if event.engine is not self.engine:
            return
        # At 100,000 statements the corpus is millions of long-lived objects; left to the garbage
        # collector, every full collection would walk them all and stall typing.
        gc.freeze()
        session = self.session
        if session is not None and not session.checked:
            from briefing_tui.briefing import check_references

            from briefing_tui.currency import currency_problems

            session.problems += check_references(session.briefing, event.corpus)
            session.problems += currency_problems(session.briefing, event.corpus)
            session.checked = True
            self.briefing_version += 1
        self.corpus_version += 1
        self._offer_proposals(event.corpus)

    def _offer_proposals(self, corpus: Any) -> None:
        """Once per session: an imported letter without statements is offered for review
        (docs/proposals.md)."""
        if self._proposals_offered:
            return
        self._proposals_offered = True
        imported = [s for s in corpus.sources.values()
                    if s.detected and s.kind in ("kamerbrief", "kabinetsreactie", "antwoorden")]
        if not imported:
            return
        quoted = {st.source for st in corpus.statements.values()}
        waiting = [s for s in imported if s.id not in quoted]
        if waiting:
            from briefing_tui.dates import date_sort_key
            from briefing_tui.wording import say

            newest = max(waiting, key=lambda s: (date_sort_key(s.date), s.id))
            more = len(waiting) - 1
            self.notify(say("review.offer_more" if more else "review.offer", title=newest.title, more=more),
                        title=say("review.offer_title"), markup=False, timeout=15)

    @on(msg.CorpusFailed)
    def _corpus_failed(self, event: msg.CorpusFailed) -> None:
        self.notify(event.error, title="Kennisbank niet geladen", severity="error", markup=False, timeout=15)

    @on(msg.IndexFailed)
    def _index_failed(self, event: msg.IndexFailed) -> None:
        self.index_error = event.error
        self.index_state = "failed" if self.engine is None else "ready"
        self.notify(event.error, title="Index niet beschikbaar", severity="error", markup=False, timeout=10)

    def action_refresh_index(self, rebuild: bool = False) -> None:
        if self.engine is None:
            self.notify("De index wordt nog geopend.", severity="warning")
            return
        self.index_state = "loading"
        self.refresh_index(rebuild)

    def action_rebuild_index(self) -> None:
        self.action_refresh_index(rebuild=True)

    def get_key_display(self, binding: Binding) -> str:
        """F-keys as on the keyboard (F1, not f1)."""
        display = super().get_key_display(binding)
        if not binding.key_display and len(display) <= 3 and display[:1] == "f" and display[1:].isdigit():
            return display.upper()
        return display

    # --- actions ------------------------------------------------------------------------------
    def action_help(self) -> None:
        from briefing_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Zoek een opdracht…"))

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's hint, in Dutch (ctrl+c copies in a text field; ctrl+q quits)."""
        from briefing_tui.wording import say

        self.notify(say("app.quit_hint"), title=say("app.quit_hint.title"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Kies een thema…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Nieuwe briefing", "Maak een nieuwe briefing aan (ctrl+n)", self.action_new_briefing)
        yield SystemCommand("Briefing openen", "Open een briefing uit briefings/ (ctrl+o)", self.action_open_briefing)
        yield SystemCommand("Briefing bewerken", "Toon de geopende briefing (ctrl+b)", self.action_show_briefing)
        yield SystemCommand("Exporteren (Markdown en Word)", "Schrijf het briefingpakket als .md en .docx (F6 in de briefing)",
                            lambda: self.action_export("md,docx"))
        yield SystemCommand("Exporteren naar Markdown", "Schrijf alleen het .md-pakket", lambda: self.action_export("md"))
        yield SystemCommand("Exporteren naar Word", "Schrijf alleen het .docx-pakket", lambda: self.action_export("docx"))
        yield SystemCommand("Index bijwerken", "Lees gewijzigde bestanden in content/ opnieuw in", self.action_refresh_index)
        yield SystemCommand("Index opnieuw opbouwen", "Gooi de zoekindex weg en bouw hem op uit content/", self.action_rebuild_index)
        yield SystemCommand("Bladeren per domein en forum", "Standpunten per domein of forum (F3)", self.action_browse)
        yield SystemCommand("Toezeggingen en moties", "Open toezeggingen en moties (F4)", self.action_lists)
        yield SystemCommand("Voorstellen beoordelen", "Standpunten die een bron voorstelt, en wat ze vervangen", self.action_review_proposals)
        yield SystemCommand("Debatoverzicht", "Agenda, leden en verlopen toezeggingen van de briefing (F5)", self.action_debate)
        yield SystemCommand("Thema wisselen", "Kies een ander kleurenthema", self.action_change_theme)
        yield SystemCommand("Sneltoetsen", "Alle toetsen op een rij (F1)", self.action_help)
        yield SystemCommand("Afsluiten", "Sluit de app (ctrl+q)", self.action_quit)

    def action_browse(self) -> None:
        from briefing_tui.tui.screens.browse import BrowseScreen

        if not isinstance(self.screen, BrowseScreen):
            self.push_screen(BrowseScreen())

    def action_lists(self) -> None:
        from briefing_tui.tui.screens.lists import ListsScreen

        if not isinstance(self.screen, ListsScreen):
            self.push_screen(ListsScreen())

    def action_review_proposals(self, source_id: str | None = None) -> None:
        """Review what a source proposes (docs/proposals.md); without a source, choose one."""
        from briefing_tui.tui.screens.proposals import ProposalsScreen, SourcePickerScreen

        corpus = self.corpus
        if corpus is None:
            from briefing_tui.wording import say

            self.notify(say("review.corpus_loading"), severity="warning")
            return

        def chosen(sid: str | None) -> None:
            if sid:
                self.push_screen(ProposalsScreen(sid))

        if source_id is not None:
            chosen(source_id if source_id in corpus.sources else None)
        else:
            self.push_screen(SourcePickerScreen(corpus), chosen)

    def action_debate(self) -> None:
        from briefing_tui.tui.screens.debate import DebateScreen

        if self.session is None:
            self.notify("Nog geen briefing geopend: ctrl+n maakt een nieuwe, ctrl+o opent er een.", severity="warning")
            return
        if not isinstance(self.screen, DebateScreen):
            self.push_screen(DebateScreen())


    # --- the open briefing ---------------------------------------------------------------------
    def _existing_names(self) -> set[str]:
        folder = self.workspace.briefings
        return {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()

    def action_new_briefing(self, then: Callable[[], None] | None = None) -> None:
        from briefing_tui.tui.screens.briefing_form import BriefingFormScreen, OpenExisting

        def created(details: Any) -> None:
            if details is None:
                return
            if isinstance(details, OpenExisting):  # the name was taken: the user opens that one
                if self.open_briefing_file(self.workspace.briefings / f"{details.name}.yaml") and then is not None:
                    then()
                return
            if self._create_briefing(details) and then is not None:
                then()

        self.push_screen(BriefingFormScreen(existing_names=self._existing_names(), corpus=self.corpus), created)

    def _create_briefing(self, details: Any) -> bool:
        from briefing_tui.briefing import BriefingError, Member, create_briefing, new_briefing
        from briefing_tui.tui.session import BriefingSession

        try:
            briefing = new_briefing(
                details.name,
                title=details.title,
                kind=details.kind,
                committee=details.committee,
                date=details.date,
                members=[Member(n, p) for n, p in details.members],
                agenda=details.agenda,
            )
            path = create_briefing(briefing, self.workspace.briefings)
        except BriefingError as exc:
            self.notify(str(exc), title="Briefing niet aangemaakt", severity="error", markup=False, timeout=10)
            return False
        self._set_session(BriefingSession(briefing, checked=True))
        self.notify(f"Aangemaakt: {shown_path(path)}", title="Nieuwe briefing", markup=False)
        return True

    def action_open_briefing(self) -> None:
        from briefing_tui.tui.screens.open_briefing import OpenBriefingScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_briefing_file(path)

        self.push_screen(OpenBriefingScreen(self.workspace.briefings), chosen)

    def open_briefing_file(self, path: Path, show: bool = True) -> bool:
        from briefing_tui.briefing import BriefingError, load_briefing
        from briefing_tui.tui.session import BriefingSession

        try:
            briefing, problems = load_briefing(path, self.corpus)
            if self.corpus is not None:
                from briefing_tui.currency import currency_problems

                problems += currency_problems(briefing, self.corpus)
        except BriefingError as exc:
            self.notify(str(exc), title="Briefing kan niet worden geopend", severity="error", markup=False, timeout=15)
            return False
        self._set_session(BriefingSession(briefing, problems, checked=self.corpus is not None))
        errors = [p for p in problems if p.severity == "error"]
        if briefing.incomplete:
            self.notify(
                "Een deel van het bestand kon niet worden gelezen; het wordt niet overschreven "
                "tot het is hersteld. De meldingen staan bovenaan de briefing.",
                title="Briefing met fouten",
                severity="error",
                markup=False,
                timeout=15,
            )
        elif problems:
            self.notify(
                ", ".join(
                    part for part in (
                        plural(len(errors), "fout", "fouten") if errors else "",
                        plural(len(problems) - len(errors), "waarschuwing", "waarschuwingen") if len(problems) > len(errors) else "",
                    ) if part
                ) + "; ze staan bovenaan de briefing.",
                title="Let op bij deze briefing",
                severity="error" if errors else "warning",
                markup=False,
                timeout=8,
            )
        if show:
            self.action_show_briefing()
        return True

    def _set_session(self, session: "BriefingSession") -> None:
        self.session = session
        self.briefing_version += 1
        self._remember_briefing(session.briefing.path)

    def _title_line(self) -> str:
        """The title bar: the open briefing's title, else the knowledge base's folder."""
        if self.session is not None:
            b = self.session.briefing
            return b.title or b.name
        return f"kennisbank {shown_path(self.workspace.content)}"

    def watch_briefing_version(self, _version: int) -> None:
        self.sub_title = self._title_line()

    def action_show_briefing(self) -> None:
        from briefing_tui.tui.screens.briefing_editor import BriefingScreen

        if self.session is None:
            self.notify("Nog geen briefing geopend: ctrl+n maakt een nieuwe, ctrl+o opent er een.", severity="warning")
            return
        if not isinstance(self.screen, BriefingScreen):
            self.push_screen(BriefingScreen())

    def add_to_briefing(self, kind: str, ref: str) -> None:
        """Add a record to the open briefing (creating one first if none is open)."""
        if self.session is None:
            self.notify("Maak eerst een briefing aan; daarna wordt het item toegevoegd.")
            self.action_new_briefing(then=lambda: self.add_to_briefing(kind, ref))
            return
        from briefing_tui.briefing import DEFAULT_SECTION, SECTIONS, Item
        from briefing_tui.tui.screens.section_picker import SectionPickerScreen

        briefing = self.session.briefing
        already = briefing.find(kind, ref)
        note = ""
        if already:
            note = "Staat al in: " + ", ".join(SECTIONS[k] for k, _ in already)
        corpus = self.corpus
        superseded = kind == "statement" and corpus is not None and ref in corpus.statements and not corpus.is_current(ref)
        if superseded:
            note = (note + "\n" if note else "") + "Let op: dit standpunt is VERVANGEN."
        elif corpus is not None and kind != "statement":
            from briefing_tui.carried import for_corpus

            if for_corpus(corpus).in_item(kind, ref):
                superseded = True
                note = (note + "\n" if note else "") + "Let op: dit herhaalt letterlijk een VERVANGEN standpunt."

        def chosen(section: str | None) -> None:
            if section is None:
                return
            self.remember_for_undo(f"Toegevoegd aan {SECTIONS[section]}")
            briefing.add(section, Item(kind, ref))
            self.briefing_edited()
            self.notify(
                f"{kind_label(kind)} toegevoegd aan {SECTIONS[section]}",
                title=briefing.title or briefing.name,
                severity="warning" if superseded else "information",
                markup=False,
            )

        self.push_screen(
            SectionPickerScreen(SECTIONS, DEFAULT_SECTION.get(kind, "notities"), f"{kind_label(kind)} toevoegen aan sectie", note),
            chosen,
        )

    def edit_briefing_details(self) -> None:
        if self.session is None:
            return
        from briefing_tui.briefing import Member
        from briefing_tui.tui.screens.briefing_form import BriefingDetails, BriefingFormScreen

        b = self.session.briefing
        current = BriefingDetails(
            b.name, b.title, b.kind, b.committee, b.date, [(m.name, m.party) for m in b.members], list(b.agenda)
        )

        def done(details: Any) -> None:
            if details is None:
                return
            self.remember_for_undo("Debatgegevens gewijzigd")
            b.title, b.kind, b.committee, b.date = details.title, details.kind, details.committee, details.date
            b.members = [Member(n, p) for n, p in details.members]
            b.agenda = details.agenda
            self.briefing_edited()

        self.push_screen(BriefingFormScreen(current, corpus=self.corpus), done)

    def remember_for_undo(self, what: str, where: Any = None) -> None:
        if self.session is not None:
            self.session.remember(what, where)

    # --- saving --------------------------------------------------------------------------------
    def briefing_edited(self) -> None:
        """Called after every edit: refresh the screens and save soon (debounced)."""
        if self.session is None:
            return
        self.session.touch()
        self.briefing_version += 1
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        session = self.session
        if session is None or session.conflict or not session.unsaved:
            return
        if session.saving:  # a save is under way; save again when it is done
            self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)
            return
        session.saving = True
        snapshot, revision = session.snapshot()
        self.briefing_version += 1
        self._save(snapshot, revision, session.briefing.fingerprint)

    def save_briefing_now(self) -> None:
        session = self.session
        if session is None:
            return
        if session.conflict:
            self.action_resolve_conflict()
            return
        if not session.unsaved:
            self.notify("Alles is al opgeslagen.")
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave()

    def action_quit(self) -> None:
        """Quit; edits not yet on disk are saved first, and never dropped without asking."""
        session = self.session
        if session is None or not (session.unsaved or session.saving):
            self.exit()
            return
        if session.conflict:
            self._confirm_quit(session)
            return
        self._quit_when_saved = True
        if not session.saving:
            if self._autosave_timer is not None:
                self._autosave_timer.stop()
            self._autosave()
        # else: the save under way ends in _saved, which saves again or quits

    def _confirm_quit(self, session: "BriefingSession") -> None:
        from briefing_tui.tui.screens.confirm import ConfirmScreen

        self._quit_when_saved = False
        reason = session.conflict or session.error or "opslaan lukte niet"
        body = (
            f"Uw laatste wijzigingen aan deze briefing staan niet op schijf:\n  {reason}\n\n"
            "Toch afsluiten? Dan gaan die wijzigingen verloren."
        )

        def decided(ok: bool | None) -> None:
            if ok:
                self.exit()

        self.push_screen(ConfirmScreen("Niet opgeslagen", body, yes="Afsluiten", no="Terug"), decided)

    @work(thread=True, group="save", exit_on_error=False)
    def _save(self, snapshot: Any, revision: int, expected: Any) -> None:
        from briefing_tui.briefing import BriefingConflict, BriefingError, save_briefing

        try:
            fp = save_briefing(snapshot, expected=expected)
        except BriefingConflict as exc:
            self.post_message(msg.BriefingSaveConflict(exc.path, exc.message))
            return
        except (BriefingError, OSError) as exc:
            self.post_message(msg.BriefingSaveFailed(snapshot.path, str(exc)))
            return
        self.post_message(msg.BriefingSaved(snapshot.path, fp, revision))

    @on(msg.BriefingSaved)
    def _saved(self, event: msg.BriefingSaved) -> None:
        session = self.session
        if session is None or session.briefing.path != event.path:
            return
        session.saving = False
        session.error = None
        session.briefing.fingerprint = event.fingerprint
        session.saved_revision = max(session.saved_revision, event.revision)
        if not session.unsaved:
            session.briefing.dirty = False
            session.briefing.incomplete = False
        self.briefing_version += 1
        if self._quit_when_saved:
            if session.unsaved:
                self._autosave()
            else:
                self.exit()

    @on(msg.BriefingSaveFailed)
    def _save_failed(self, event: msg.BriefingSaveFailed) -> None:
        session = self.session
        if session is None:
            return
        session.saving = False
        session.error = event.error
        self.briefing_version += 1
        self.notify(event.error, title="Briefing niet opgeslagen", severity="error", markup=False, timeout=15)
        if self._quit_when_saved:
            self._confirm_quit(session)

    @on(msg.BriefingSaveConflict)
    def _save_conflict(self, event: msg.BriefingSaveConflict) -> None:
        session = self.session
        if session is None:
            return
        session.saving = False
        # Said in Dutch from what is on disk now (the core's detail is for the log).
        from briefing_tui.wording import say

        session.conflict = say("app.conflict.changed" if Path(event.path).exists() else "app.conflict.gone")
        self._quit_when_saved = False  # the user decides first; quitting can wait
        self.briefing_version += 1
        self.action_resolve_conflict()

    def action_resolve_conflict(self) -> None:
        session = self.session
        if session is None or not session.conflict:
            return
        from briefing_tui.tui.screens.conflict import ConflictScreen

        path = session.briefing.path
        copy_path = self._copy_path(path)

        def decided(choice: str | None) -> None:
            if choice == "reload":
                session.conflict = None
                self.open_briefing_file(path)
            elif choice == "copy":
                self._save_as_copy(copy_path)
            else:
                self.notify("Automatisch opslaan staat stil tot het conflict is opgelost (F8 in de briefing).", severity="warning", timeout=8)

        self.push_screen(ConflictScreen(shown_path(path), session.conflict, copy_path.name), decided)

    def _copy_path(self, path: Path) -> Path:
        n = 1
        while True:
            candidate = path.with_name(f"{path.stem}-kopie{'' if n == 1 else f'-{n}'}{path.suffix}")
            if not candidate.exists():
                return candidate
            n += 1

    def _save_as_copy(self, target: Path) -> None:
        from briefing_tui.briefing import BriefingError, create_briefing

        session = self.session
        if session is None:
            return
        b = session.briefing
        old_name, old_path, old_fp = b.name, b.path, b.fingerprint
        b.name = target.stem
        try:
            create_briefing(b, target.parent)
        except BriefingError as exc:
            b.name, b.path, b.fingerprint = old_name, old_path, old_fp
            self.notify(str(exc), title="Kopie niet opgeslagen", severity="error", markup=False, timeout=15)
            return
        session.conflict = None
        session.error = None
        session.saved_revision = session.revision
        self.briefing_version += 1
        self._remember_briefing(b.path)
        self.notify(f"Uw versie staat nu in {shown_path(b.path)}; {old_path.name} is niet aangeraakt.",
                    title="Opgeslagen als kopie", markup=False, timeout=10)

    # --- export --------------------------------------------------------------------------------
    def action_export(self, formats: str = "md,docx") -> None:
        """Write the pack beside the briefing, in each of `formats` ("md", "docx", "md,docx")."""
        fmts = tuple(f for f in formats.split(",") if f)
        session = self.session
        corpus = self.corpus
        if session is None:
            self.notify("Geen briefing geopend om te exporteren.", severity="warning")
            return
        if corpus is None:
            self.notify("De kennisbank wordt nog geladen; exporteer zo meteen opnieuw.", severity="warning")
            return
        from briefing_tui.export import collect_warnings

        b = session.briefing
        problems = collect_warnings(b, corpus)
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity != "error"]
        if errors:
            self.notify(
                "\n".join(str(p) for p in errors[:6]),
                title="Export niet mogelijk: verwijzingen kloppen niet",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        if not warnings:
            self._export(b, corpus, fmts)
            return
        from briefing_tui.export.pack import superseded_in_answers
        from briefing_tui.tui.screens.confirm import ConfirmScreen

        # Built from the knowledge base, not from the warnings' wording: dates and positions, no ids.
        direct = list(dict.fromkeys(
            item.ref for _, _, item in b.items()
            if item.kind == "statement" and item.ref in corpus.statements and not corpus.is_current(item.ref)
        ))
        in_answers = superseded_in_answers(b, corpus)
        from briefing_tui.carried import for_corpus

        finder = for_corpus(corpus)
        repeating = [(item, ids) for _, _, item in b.items() if (ids := finder.in_item(item.kind, item.ref))]
        from briefing_tui.tui.export_check import superseded_summary
        from briefing_tui.wording import say

        body = say("app.export.confirm", summary=superseded_summary(corpus, direct, in_answers, repeating))

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._export(b, corpus, fmts)

        self.push_screen(ConfirmScreen("Vervangen standpunten", body, yes="Exporteren", no="Niet exporteren"), confirmed)

    def export_path(self, fmt: str) -> Path:
        b = self.session.briefing
        folder = b.path.parent if b.path else self.workspace.briefings
        return folder / f"{b.name}.{fmt}"

    def _export(self, briefing: Any, corpus: Any, formats: tuple[str, ...]) -> None:
        import copy

        for fmt in formats:
            self._write_pack(copy.deepcopy(briefing), corpus, self.export_path(fmt), fmt)

    @work(thread=True, group="export", exit_on_error=False)
    def _write_pack(self, briefing: Any, corpus: Any, target: Path, fmt: str) -> None:
        try:
            from briefing_tui.export import write_pack

            write_pack(briefing, corpus, target, fmt=fmt)
        except Exception as exc:  # ExportError, OSError: the file on disk is untouched
            detail = "\n".join(str(p) for p in getattr(exc, "problems", [])[:6])
            self.post_message(msg.ExportDone(target, fmt, f"{exc}" + (f"\n{detail}" if detail else "")))
            return
        self.post_message(msg.ExportDone(target, fmt))

    @on(msg.ExportDone)
    def _exported(self, event: msg.ExportDone) -> None:
        label = "Word" if event.fmt == "docx" else "Markdown"
        if event.error:
            self.notify(event.error, title=f"Export naar {label} mislukt", severity="error", markup=False, timeout=15)
            return
        self.exports[event.fmt] = Path(event.path)
        self.notify(f"Geschreven naar {shown_path(event.path)}", title=f"Export naar {label}", markup=False, timeout=10)


    # --- completing a source (ctrl+e in the preview) ----------------------------------------
    def complete_source(self, kind: str, ref: str) -> None:
        """Open the form that completes the metadata of the source this record cites."""
        corpus = self.corpus
        if corpus is None:
            self.notify("De kennisbank wordt nog geladen.", severity="warning")
            return
        record = corpus.get(kind, ref) if kind != "passage" else None
        source_id = (ref.rpartition("#")[0] if kind == "passage"
                     else getattr(record, "request_source", None) if kind == "motion"
                     else getattr(record, "source", None))
        src = corpus.sources.get(source_id or "")
        if src is None:
            self.notify("Dit onderdeel noemt geen bron uit de kennisbank.", severity="warning")
            return
        from briefing_tui.citations import cite_formal
        from briefing_tui.tui.screens.source_form import SourceFormScreen

        def chosen(details) -> None:
            if details is not None:
                self._save_source(details)

        self.push_screen(SourceFormScreen(src.id, cite_formal(src), src.citation_gaps()), chosen)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_source(self, details: Any) -> None:
        from briefing_tui.sourcemeta import SourceMetaError, set_source_metadata

        try:
            path, fields = set_source_metadata(self.workspace.content, details.source_id, evidence=details.evidence,
                                               number=details.number, year=details.year, date=details.date)
        except (SourceMetaError, OSError) as exc:
            self.call_from_thread(self.notify, f"{exc}; niets geschreven", title="Bron niet aangevuld",
                                  severity="error", markup=False, timeout=15)
            return
        from briefing_tui.wording import say

        self.call_from_thread(self.notify, say("source.set_done", path=shown_path(path), fields=", ".join(fields),
                                               evidence=details.evidence), title="Bron aangevuld", markup=False)
        self.call_from_thread(self.action_refresh_index)


def shown_path(path: "Path | str") -> str:
    """A path as the user thinks of it: relative to the folder the app was started in, if inside it."""
    from briefing_tui.paths import display_path

    return display_path(path, Path.cwd())


def create_app(workspace: "Workspace") -> BriefingApp:
    """The app on a workspace (content, briefings and cache folders)."""
    return BriefingApp(workspace)
