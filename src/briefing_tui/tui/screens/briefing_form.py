"""The form for a new briefing, and for changing the debate details of the open one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.labels import DEBATE_KINDS
from briefing_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from briefing_tui.briefing import AgendaEntry
    from briefing_tui.model import Corpus


@dataclass
class BriefingDetails:
    name: str
    title: str
    kind: str
    committee: str | None
    date: str | None
    members: list[tuple[str, str | None]]
    agenda: list["AgendaEntry"] = field(default_factory=list)


@dataclass(frozen=True)
class OpenExisting:
    """The form's answer when the user chose to open the briefing that has the name already."""

    name: str


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


def agenda_text(agenda: list["AgendaEntry"], corpus: "Corpus | None") -> str:
    """One stuk per line, as `agenda.entry_line` writes it (a source by its citation, a number or
    citation as written, "=Kop" for its heading): read back by `parse_agenda` to the same entries,
    so saving the form never drops an entry's number or heading."""
    from briefing_tui.agenda import entry_line

    return "\n".join(entry_line(entry, corpus) for entry in agenda)


def parse_agenda(text: str, corpus: "Corpus | None") -> list["AgendaEntry"]:
    """Lines back to entries (`agenda.agenda_entry`): a source by its citation or id, an official
    number, else a citation in free text; "=Kop" gives the entry its heading."""
    from briefing_tui.agenda import agenda_entry

    return [agenda_entry(line, corpus) for line in text.splitlines() if line.strip()]


def free_name(name: str, existing: set[str]) -> str:
    """`name-2`, `name-3` … : the first that is not taken."""
    n = 2
    while f"{name}-{n}" in existing:
        n += 1
    return f"{name}-{n}"


FIELDS = ("title", "name", "committee", "date", "members", "agenda")


class BriefingFormScreen(ModalScreen["BriefingDetails | OpenExisting | None"]):
    """Every field's problem is shown under it at once, and goes away as soon as it is fixed."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Opslaan", id="form.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="form.cancel"),
    ]

    def __init__(
        self,
        details: BriefingDetails | None = None,
        *,
        existing_names: set[str] | None = None,
        corpus: "Corpus | None" = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.editing = details is not None
        self.details = details or BriefingDetails("", "", DEBATE_KINDS[0], None, None, [])
        self.existing = existing_names or set()
        self.corpus = corpus
        self._tried = False  # after the first Opslaan, fields are checked as they change

    def compose(self) -> ComposeResult:
        d = self.details
        kinds = list(DEBATE_KINDS) + ([d.kind] if d.kind and d.kind not in DEBATE_KINDS else [])
        with Vertical(classes="dialog dialog-wide", id="briefing-form"):
            yield Static("Debatgegevens wijzigen" if self.editing else "Nieuwe briefing", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield Label("Soort debat")
                yield Select([(k, k) for k in kinds], value=d.kind or DEBATE_KINDS[0], allow_blank=False, id="kind", compact=True)
                yield Label("Titel")
                yield Input(d.title, placeholder="verplicht: de titel van het debat", id="title", compact=True)
                yield Static("", id="title-error", classes="field-error")
                if not self.editing:  # next to the title it is derived from
                    yield Label("Bestandsnaam in briefings/")
                    yield Input(d.name, placeholder="leeg: afgeleid van de titel", id="name", compact=True)
                    yield Static("", id="name-error", classes="field-error")
                    with Horizontal(id="name-actions", classes="field-actions"):
                        yield Button("Die briefing openen", id="open-existing", compact=True)
                        yield Button("Vrije naam kiezen", id="free-name", compact=True)
                yield Label("Commissie")
                yield Input(d.committee or "", placeholder="leeg: geen commissie", id="committee", compact=True)
                yield Label("Datum (JJJJ-MM-DD, JJJJ-MM of JJJJ)")
                yield Input(d.date or "", placeholder="leeg: nog onbekend", id="date", compact=True)
                yield Static("", id="date-error", classes="field-error")
                yield Label("Leden (komma's ertussen, partij tussen haakjes)")
                yield Input(format_members(d.members), placeholder="leeg: nog geen leden", id="members", compact=True)
                yield Label("Geagendeerde stukken (één per regel: Kamerstuk of titel)")
                yield TextArea(agenda_text(d.agenda, self.corpus), id="agenda", soft_wrap=True, show_line_numbers=False, compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (^s)", variant="primary", id="submit")
                yield Button("Annuleren (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_problems({})
        self.query_one("#title", Input).focus()

    # --- checking ------------------------------------------------------------------------------
    def _value(self, field_id: str) -> str:
        widget = self.query_one(f"#{field_id}")
        return (widget.text if isinstance(widget, TextArea) else widget.value).strip()

    def _file_name(self) -> str:
        return self._value("name") or slug(self._value("title"))

    def _problems(self) -> dict[str, str]:
        """field id -> what is wrong with it (Dutch)."""
        from briefing_tui.wording import say

        problems: dict[str, str] = {}
        if not self._value("title"):
            problems["title"] = say("app.form.title_missing")
        date = self._value("date")
        if date and not is_valid_date(date):
            problems["date"] = say("app.form.bad_date", value=date)
        if not self.editing:
            from briefing_tui.briefing import BriefingError, validate_name

            name = self._file_name()
            if name:
                try:
                    validate_name(name)
                except BriefingError:
                    problems["name"] = say("app.form.bad_name", name=name)
                else:
                    if name in self.existing:
                        problems["name"] = say("app.form.name_taken", name=name)
        return problems

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field_id in ("title", "date", "name"):
            try:
                error = self.query_one(f"#{field_id}-error", Static)
            except Exception:  # no name field when editing
                continue
            error.update(problems.get(field_id, ""))
            error.display = field_id in problems
            self.query_one(f"#{field_id}", Input).set_class(field_id in problems, "-invalid")
        if not self.editing:
            duplicate = "name" in problems and self._file_name() in self.existing
            self.query_one("#name-actions").display = duplicate

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, _event: Any) -> None:
        if self._tried:
            self._show_problems(self._problems())

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        self._tried = True
        problems = self._problems()
        self._show_problems(problems)
        if problems:
            self.query_one(f"#{next(f for f in FIELDS if f in problems)}").focus()
            return
        self.dismiss(
            BriefingDetails(
                self._file_name() if not self.editing else self.details.name,
                self._value("title"),
                str(self.query_one("#kind", Select).value),
                self._value("committee") or None,
                self._value("date") or None,
                parse_members(self._value("members")),
                parse_agenda(self._value("agenda"), self.corpus),
            )
        )

    @on(Button.Pressed, "#open-existing")
    def _open_existing(self) -> None:
        self.dismiss(OpenExisting(self._file_name()))

    @on(Button.Pressed, "#free-name")
    def _free_name(self) -> None:
        field = self.query_one("#name", Input)
        field.value = free_name(self._file_name(), self.existing)
        field.focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
