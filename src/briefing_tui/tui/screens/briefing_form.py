"""The form for a new briefing, and for changing the debate details of the open one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.tui.labels import DEBATE_KINDS


@dataclass
class BriefingDetails:
    name: str
    title: str
    kind: str
    committee: str | None
    date: str | None
    members: list[tuple[str, str | None]]


def slug(text: str) -> str:
    """A file name from a title: 'Commissiedebat AI 12-3' -> 'commissiedebat-ai-12-3'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def parse_members(text: str) -> list[tuple[str, str | None]]:
    """'Boswijk (CDA), Dassen (Volt)' -> [('Boswijk', 'CDA'), ('Dassen', 'Volt')]."""
    out: list[tuple[str, str | None]] = []
    for part in re.split(r"[;,\n]", text):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(.*?)\s*\(([^()]*)\)$", part)
        out.append((m.group(1).strip(), m.group(2).strip() or None) if m else (part, None))
    return [(n, p) for n, p in out if n]


def format_members(members: list[tuple[str, str | None]]) -> str:
    return ", ".join(f"{n} ({p})" if p else n for n, p in members)


class BriefingFormScreen(ModalScreen[BriefingDetails | None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Opslaan", id="form.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="form.cancel"),
    ]

    def __init__(self, details: BriefingDetails | None = None, *, existing_names: set[str] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.editing = details is not None
        self.details = details or BriefingDetails("", "", DEBATE_KINDS[0], None, None, [])
        self.existing = existing_names or set()

    def compose(self) -> ComposeResult:
        d = self.details
        kinds = list(DEBATE_KINDS) + ([d.kind] if d.kind and d.kind not in DEBATE_KINDS else [])
        with Vertical(classes="dialog dialog-wide", id="briefing-form"):
            yield Static("Debatgegevens wijzigen" if self.editing else "Nieuwe briefing", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield Label("Soort debat")
                yield Select([(k, k) for k in kinds], value=d.kind or DEBATE_KINDS[0], allow_blank=False, id="kind", compact=True)
                yield Label("Titel")
                yield Input(d.title, placeholder="bijv. Commissiedebat Wapenbeheersing en nieuwe technologieën", id="title", compact=True)
                yield Label("Commissie")
                yield Input(d.committee or "", placeholder="bijv. vaste commissie voor Buitenlandse Zaken", id="committee", compact=True)
                yield Label("Datum (JJJJ-MM-DD)")
                yield Input(d.date or "", placeholder="2024-03-12", id="date", compact=True)
                yield Label("Leden (komma's ertussen, partij tussen haakjes)")
                yield Input(format_members(d.members), placeholder="Boswijk (CDA), Dassen (Volt)", id="members", compact=True)
                if not self.editing:
                    yield Label("Bestandsnaam in briefings/ (leeg: afgeleid van de titel)")
                    yield Input(d.name, placeholder="cd-wapenbeheersing-2024-03", id="name", compact=True)
            yield Static("", id="form-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (ctrl+s)", variant="primary", id="submit")
                yield Button("Annuleren (esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(text)

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        committee = self.query_one("#committee", Input).value.strip() or None
        date = self.query_one("#date", Input).value.strip() or None
        kind = self.query_one("#kind", Select).value
        members = parse_members(self.query_one("#members", Input).value)
        if not title:
            self._error("Geef de briefing een titel.")
            self.query_one("#title", Input).focus()
            return
        if date is not None and not is_valid_date(date):
            self._error(f"'{date}' is geen datum: schrijf JJJJ-MM-DD (of JJJJ-MM, JJJJ).")
            self.query_one("#date", Input).focus()
            return
        name = self.details.name
        if not self.editing:
            from briefing_tui.briefing import BriefingError, validate_name

            name = self.query_one("#name", Input).value.strip() or slug(title)
            try:
                validate_name(name)
            except BriefingError:
                self._error(f"'{name}' kan geen bestandsnaam zijn: gebruik letters, cijfers, '-', '_' en '.'.")
                self.query_one("#name", Input).focus()
                return
            if name in self.existing:
                self._error(f"Er is al een briefing '{name}' in briefings/. Kies een andere naam of open die (ctrl+o).")
                self.query_one("#name", Input).focus()
                return
        self.dismiss(BriefingDetails(name, title, str(kind), committee, date, members))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
