"""Search filters: domain, forum and kind, each a Select, and the period (sinds, tot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.tui.filters import SearchFilters
from briefing_tui.labels import KIND_FILTER_LABELS
from briefing_tui.tui.widgets.key_footer import KeyFooter

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
        with Vertical(classes="dialog dialog-wide", id="filter-dialog"):
            yield Static("Filters", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield Label("Domein")
                yield Select([(a.name, a.id) for a in domains], prompt="alle domeinen", value=c.domain or Select.NULL, id="domain", compact=True)
                yield Label("Forum")
                yield Select([(a.name, a.id) for a in forums], prompt="alle fora", value=c.forum or Select.NULL, id="forum", compact=True)
                yield Label("Soort")
                yield Select([(label, kind) for kind, label in KIND_FILTER_LABELS.items()], prompt="alle soorten",
                             value=c.kind or Select.NULL, id="kind", compact=True)
                yield Label("Periode (JJJJ, JJJJ-MM of JJJJ-MM-DD; leeg: geen grens)")
                with Horizontal(classes="date-range"):
                    yield Label("sinds", classes="inline-label")
                    yield Input(c.since or "", placeholder="leeg", id="since", compact=True)
                    yield Label("tot en met", classes="inline-label")
                    yield Input(c.until or "", placeholder="leeg", id="until", compact=True)
            yield Static("", id="filter-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Toepassen (^s)", variant="primary", id="apply")
                yield Button("Wissen (^r)", id="reset")
                yield Button("Annuleren (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#domain", Select).focus()

    @staticmethod
    def _value(select: Select) -> str | None:
        value = select.value
        return None if value is Select.NULL else str(value)

    def _date(self, field: str) -> tuple[str | None, str | None]:
        """(the date, or None) and the error message for the field, if any."""
        value = self.query_one(f"#{field}", Input).value.strip() or None
        if value is not None and not is_valid_date(value):
            from briefing_tui.wording import say

            return None, say("app.filters.bad_date", value=value)
        return value, None

    @on(Input.Submitted, "#since, #until")
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        since, since_error = self._date("since")
        until, until_error = self._date("until")
        errors = [f"Sinds: {since_error}" if since_error else "", f"Tot en met: {until_error}" if until_error else ""]
        if since and until and not (since_error or until_error) and since[: len(until)] > until[: len(since)]:
            from briefing_tui.wording import say

            errors.append(say("app.filters.backwards"))
        errors = [e for e in errors if e]
        for field, error in (("since", since_error), ("until", until_error)):
            self.query_one(f"#{field}", Input).set_class(bool(error), "-invalid")
        self.query_one("#filter-error", Static).update("\n".join(errors))
        if errors:
            self.query_one("#since" if since_error or not until_error else "#until", Input).focus()
            return
        self.dismiss(
            SearchFilters(
                domain=self._value(self.query_one("#domain", Select)),
                forum=self._value(self.query_one("#forum", Select)),
                kind=self._value(self.query_one("#kind", Select)),
                since=since,
                until=until,
            )
        )

    @on(Button.Pressed, "#reset")
    def action_reset(self) -> None:
        self.dismiss(SearchFilters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
