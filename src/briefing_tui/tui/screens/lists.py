"""Open commitments (toezeggingen) and motions, each with its status, and a preview.

Above the lists: filters by domain, forum and topic (words in the text), so that an officer
preparing a debate on one subject sees only its commitments and motions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Select
from textual.widgets.option_list import Option

from briefing_tui.dates import date_sort_key
from briefing_tui.labels import COMMITMENT_STATUS_LABELS, OPEN_COMMITMENT_STATUSES
from briefing_tui.tui.render import DIM, LABEL, dated, first_sentence
from briefing_tui.tui.widgets.preview import Preview
from briefing_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from briefing_tui.model import Corpus


def commitment_option(c: Any) -> Option:
    status = COMMITMENT_STATUS_LABELS.get(c.status, c.status)
    style = "bold $text-error" if c.status == "open" else "bold $text-warning" if c.status != "fulfilled" else "bold $text-success"
    head = Content.assemble((dated(c.made_on, "made_on" in c.inferred), LABEL), "  ", (status, style), ("  " + (c.made_at or ""), DIM))
    return Option(Content("\n").join([head, Content(c.text), Content("")]), id=c.id)


def motion_option(m: Any) -> Option:
    # The title names it ("Motie Koopmans c.s. …", "Amendement Koopmans …").
    head = Content.assemble((dated(m.date, "date" in m.inferred), LABEL), "  ", (m.title, "bold"))
    status = Content.assemble(("Status: ", DIM), first_sentence(m.status) if m.status else "onbekend")
    return Option(Content("\n").join([head, status, Content(m.request or ""), Content("")]), id=m.id)


class ListsScreen(Screen):
    CSS_PATH = "lists.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="lists.back"),
        Binding("ctrl+t", "add_to_briefing", "Toevoegen", id="lists.add"),
        Binding("ctrl+a", "toggle_all", "Alle/open toezeggingen", id="lists.all"),
        Binding("ctrl+f", "focus_filters", "Filteren", id="lists.filters"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="lists-filters"):
            yield Select([], prompt="alle domeinen", id="lists-domain", compact=True)
            yield Select([], prompt="alle fora", id="lists-forum", compact=True)
            yield Input(placeholder="onderwerp: woorden in de tekst", id="lists-topic", compact=True)
        with Horizontal(id="lists-body"):
            with Vertical(id="lists-left"):
                yield OptionList(id="commitments")
                yield OptionList(id="motions")
            yield Preview(id="lists-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "corpus_version", self._corpus_changed, init=True)
        self.query_one("#commitments", OptionList).focus()

    def _corpus_changed(self, _version: int = 0) -> None:
        corpus: Corpus | None = self.app.corpus
        if corpus is not None:
            used = {a for r in (*corpus.commitments.values(), *corpus.motions.values()) for a in (*r.domains, *r.forums)}
            for select_id, areas in (("#lists-domain", corpus.domains), ("#lists-forum", corpus.forums)):
                options = sorted(((a.name, a.id) for a in areas.values() if a.id in used), key=lambda o: o[0].lower())
                self.query_one(select_id, Select).set_options(options)
        self._fill()

    def _filter_value(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return None if value is Select.NULL else str(value)

    def _matches(self, record: Any, texts: tuple[str, ...]) -> bool:
        from briefing_tui.textnorm import fold

        domain, forum = self._filter_value("#lists-domain"), self._filter_value("#lists-forum")
        if domain and domain not in record.domains:
            return False
        if forum and forum not in record.forums:
            return False
        words = fold(self.query_one("#lists-topic", Input).value).split()
        haystack = fold(" ".join(t for t in texts if t))
        return all(w in haystack for w in words)

    def _fill(self, _version: int = 0) -> None:
        corpus: Corpus | None = self.app.corpus
        commitments = self.query_one("#commitments", OptionList)
        motions = self.query_one("#motions", OptionList)
        if corpus is None:
            commitments.border_title = "Toezeggingen: kennisbank wordt geladen…"
            return
        pool = [c for c in corpus.commitments.values() if self.show_all or c.status in OPEN_COMMITMENT_STATUSES]
        shown = [c for c in pool if self._matches(c, (c.text, c.quote, c.made_at or ""))]
        shown.sort(key=lambda c: date_sort_key(c.made_on), reverse=True)
        what = "Alle toezeggingen" if self.show_all else "Open toezeggingen"
        commitments.border_title = f"{what} ({len(shown)} van {len(corpus.commitments)})"
        commitments.set_options(commitment_option(c) for c in shown)
        ms = [m for m in corpus.motions.values() if self._matches(m, (m.title, m.request, m.status or ""))]
        ms.sort(key=lambda m: date_sort_key(m.date), reverse=True)
        motions.border_title = f"Moties en amendementen ({len(ms)} van {len(corpus.motions)})"
        motions.set_options(motion_option(m) for m in ms)
        if shown:
            commitments.highlighted = 0
        if ms:
            motions.highlighted = 0
        if not shown and not ms:
            self.query_one(Preview).clear("Niets gevonden met deze filters. Wis ze om alles te zien.")

    @on(Select.Changed)
    @on(Input.Changed, "#lists-topic")
    def _filters_changed(self, _event: Any) -> None:
        self._fill()

    @on(Input.Submitted, "#lists-topic")
    def _topic_done(self, _event: Input.Submitted) -> None:
        self.query_one("#commitments", OptionList).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#lists-domain", Select).focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus:
            self._preview(event.option_list)

    def on_descendant_focus(self, event: Any) -> None:
        if isinstance(event.widget, OptionList):
            self._preview(event.widget)

    def _preview(self, options: OptionList) -> None:
        option = options.highlighted_option
        if option is not None and option.id:
            kind = "commitment" if options.id == "commitments" else "motion"
            self.query_one(Preview).show(self.app.corpus, kind, option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        from briefing_tui.tui.screens.preview import PreviewScreen

        kind = "commitment" if event.option_list.id == "commitments" else "motion"
        self.app.push_screen(PreviewScreen(kind, event.option.id))

    def action_add_to_briefing(self) -> None:
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted_option is None:
            self.app.notify("Kies eerst een toezegging of motie.", severity="warning")
            return
        kind = "commitment" if focused.id == "commitments" else "motion"
        self.app.add_to_briefing(kind, focused.highlighted_option.id)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._fill()
