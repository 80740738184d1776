"""Open commitments (toezeggingen) and motions, each with its status, and a preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from briefing_tui.dates import date_sort_key
from briefing_tui.tui.labels import COMMITMENT_STATUS_LABELS, OPEN_COMMITMENT_STATUSES
from briefing_tui.tui.render import DIM, LABEL, dated
from briefing_tui.tui.widgets.preview import Preview

if TYPE_CHECKING:
    from briefing_tui.model import Corpus


def commitment_option(c: Any) -> Option:
    status = COMMITMENT_STATUS_LABELS.get(c.status, c.status)
    style = "bold $text-error" if c.status == "open" else "bold $text-warning" if c.status != "fulfilled" else "bold $text-success"
    head = Content.assemble((dated(c.made_on, "made_on" in c.inferred), LABEL), "  ", (status, style), ("  " + (c.made_at or ""), DIM))
    return Option(Content("\n").join([head, Content(c.text), Content("")]), id=c.id)


def first_sentence(text: str, limit: int = 110) -> str:
    """The start of a long text for a list line; the preview shows all of it."""
    text = " ".join(text.split())
    end = text.find(". ")
    cut = text[: end + 1] if 0 < end < limit else text[:limit]
    return cut if len(cut) == len(text) or cut.endswith(".") else cut.rstrip() + " …"


def motion_option(m: Any) -> Option:
    head = Content.assemble((dated(m.date, "date" in m.inferred), LABEL), "  ", (m.title, "bold"))
    status = Content.assemble(("Status: ", DIM), first_sentence(m.status) if m.status else "onbekend")
    return Option(Content("\n").join([head, status, Content(m.request or ""), Content("")]), id=m.id)


class ListsScreen(Screen):
    CSS_PATH = "lists.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="lists.back"),
        Binding("ctrl+t", "add_to_briefing", "Toevoegen", id="lists.add"),
        Binding("ctrl+a", "toggle_all", "Alle/open toezeggingen", id="lists.all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="lists-body"):
            with Vertical(id="lists-left"):
                yield OptionList(id="commitments")
                yield OptionList(id="motions")
            yield Preview(id="lists-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "corpus_version", self._fill, init=True)
        self.query_one("#commitments", OptionList).focus()

    def _fill(self, _version: int = 0) -> None:
        corpus: Corpus | None = self.app.corpus
        commitments = self.query_one("#commitments", OptionList)
        motions = self.query_one("#motions", OptionList)
        if corpus is None:
            commitments.border_title = "Toezeggingen: kennisbank wordt geladen…"
            return
        shown = [c for c in corpus.commitments.values() if self.show_all or c.status in OPEN_COMMITMENT_STATUSES]
        shown.sort(key=lambda c: date_sort_key(c.made_on), reverse=True)
        what = "Alle toezeggingen" if self.show_all else "Open toezeggingen"
        commitments.border_title = f"{what} ({len(shown)} van {len(corpus.commitments)})"
        commitments.set_options(commitment_option(c) for c in shown)
        ms = sorted(corpus.motions.values(), key=lambda m: date_sort_key(m.date), reverse=True)
        motions.border_title = f"Moties ({len(ms)})"
        motions.set_options(motion_option(m) for m in ms)
        if shown:
            commitments.highlighted = 0
        if ms:
            motions.highlighted = 0

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
