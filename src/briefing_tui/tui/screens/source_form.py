"""The form that completes a source's metadata from its official publication (`ctrl+e` in the
preview): the same as `briefing source set` (briefing_tui.sourcemeta)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from briefing_tui.tui.widgets.key_footer import KeyFooter


@dataclass
class SourceDetails:
    source_id: str
    number: str | None
    year: str | None
    date: str | None
    evidence: str


class SourceFormScreen(ModalScreen[SourceDetails | None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Opslaan", id="source_form.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="source_form.cancel"),
    ]

    def __init__(self, source_id: str, citation: str, gaps: tuple[str, ...]) -> None:
        super().__init__(classes="dialog-screen")
        self.source_id = source_id
        self.citation = citation
        self.gaps = gaps

    def compose(self) -> ComposeResult:
        missing = {"number": "Kamerstuk- of Aanhangselnummer", "date": "exacte datum"}
        lacks = " en ".join(missing[g] for g in self.gaps)
        with Vertical(classes="dialog dialog-wide", id="source-form"):
            yield Static("Bron aanvullen uit de officiële publicatie", classes="dialog-title")
            yield Static(f"{self.citation}\n" + (f"Ontbreekt: {lacks}." if lacks else "De bronvermelding is volledig."))
            with VerticalScroll(classes="form-fields"):
                yield Label("Nummer (bijv. Kamerstuk 35 925 X, nr. 90 of kst-35925-X-90)")
                yield Input(placeholder="Kamerstuk 35 925 X, nr. 90", id="number", compact=True)
                yield Label("Vergaderjaar (bijv. 2021-2022)")
                yield Input(placeholder="2021-2022", id="year", compact=True)
                yield Label("Datum (JJJJ-MM-DD)")
                yield Input(placeholder="2022-06-17", id="date", compact=True)
                yield Label("Bewijs: de officiële publicatie (URL of id)")
                yield Input(placeholder="https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html", id="evidence", compact=True)
            yield Static("", id="form-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (ctrl+s)", variant="primary", id="submit")
                yield Button("Annuleren (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#number", Input).focus()

    def _value(self, field: str) -> str | None:
        return self.query_one(f"#{field}", Input).value.strip() or None

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        from briefing_tui.dates import is_valid
        from briefing_tui.sourcemeta import SourceMetaError, parse_number

        number, year, date, evidence = (self._value(f) for f in ("number", "year", "date", "evidence"))
        error = None
        if not (number or year or date):
            error = "Vul een nummer, vergaderjaar of datum in."
        elif not evidence:
            error = "Noem de officiële publicatie (URL of id) waaruit de gegevens komen."
        elif date and not is_valid(date):
            error = f"'{date}' is geen datum: schrijf JJJJ-MM-DD."
        elif number:
            try:
                parse_number(number)
            except SourceMetaError as exc:
                error = f"{exc}."
        if error:
            self.query_one("#form-error", Static).update(error)
            return
        self.dismiss(SourceDetails(self.source_id, number, year, date, evidence or ""))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
