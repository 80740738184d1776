"""Search filters: domain, forum, kind and period, each a Select."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.tui.filters import SearchFilters
from briefing_tui.tui.labels import KIND_FILTER_LABELS

if TYPE_CHECKING:
    from briefing_tui.model import Corpus


class FilterScreen(ModalScreen[SearchFilters | None]):
    BINDINGS = [
        Binding("ctrl+s", "apply", "Toepassen", id="filters.apply", priority=True),
        Binding("ctrl+r", "reset", "Alles wissen", id="filters.reset", priority=True),
        Binding("escape", "cancel", "Annuleren", id="filters.cancel"),
    ]

    def __init__(self, current: SearchFilters, corpus: "Corpus | None") -> None:
        super().__init__(classes="dialog-screen")
        self.current = current
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        c = self.current
        domains = sorted(self.corpus.domains.values(), key=lambda a: a.name.lower()) if self.corpus else []
        forums = sorted(self.corpus.forums.values(), key=lambda a: a.name.lower()) if self.corpus else []
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Static("Filters", classes="dialog-title")
            yield Label("Domein")
            yield Select([(f"{a.name} ({a.id})", a.id) for a in domains], prompt="alle domeinen", value=c.domain or Select.NULL, id="domain", compact=True)
            yield Label("Forum")
            yield Select([(f"{a.name} ({a.id})", a.id) for a in forums], prompt="alle fora", value=c.forum or Select.NULL, id="forum", compact=True)
            yield Label("Soort")
            yield Select([(label, kind) for kind, label in KIND_FILTER_LABELS.items()], prompt="alle soorten", value=c.kind or Select.NULL, id="kind", compact=True)
            yield Label("Sinds (JJJJ, JJJJ-MM of JJJJ-MM-DD)")
            yield Input(c.since or "", placeholder="bijv. 2021", id="since", compact=True)
            yield Static("", id="filter-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Toepassen (ctrl+s)", variant="primary", id="apply")
                yield Button("Wissen (ctrl+r)", id="reset")
                yield Button("Annuleren (esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#domain", Select).focus()

    @staticmethod
    def _value(select: Select) -> str | None:
        value = select.value
        return None if value is Select.NULL else str(value)

    @on(Input.Submitted, "#since")
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        since = self.query_one("#since", Input).value.strip() or None
        if since is not None and not is_valid_date(since):
            self.query_one("#filter-error", Static).update(f"'{since}' is geen datum: schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD.")
            self.query_one("#since", Input).focus()
            return
        self.dismiss(
            SearchFilters(
                domain=self._value(self.query_one("#domain", Select)),
                forum=self._value(self.query_one("#forum", Select)),
                kind=self._value(self.query_one("#kind", Select)),
                since=since,
            )
        )

    @on(Button.Pressed, "#reset")
    def action_reset(self) -> None:
        self.dismiss(SearchFilters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
