"""Edit an item of the briefing: the officer's adapted position line and a comment. The quote is shown, never edited."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea


@dataclass
class ItemEdit:
    position: str | None  # None or blank: the position from the content
    comment: str | None


class ItemEditScreen(ModalScreen[ItemEdit | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="item.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="item.cancel"),
    ]

    def __init__(self, title: str, original: str, quote: str, position: str | None, comment: str | None, *, focus: str = "position") -> None:
        super().__init__(classes="dialog-screen")
        self._dialog_title = title
        self.original = original
        self.quote = quote
        self.position = position
        self.comment = comment
        self._focus = focus

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(self._dialog_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-context"):
                yield Static(
                    Content.assemble(
                        ("Citaat (blijft letterlijk staan)\n", "bold"),
                        (f"“{self.quote}”" if self.quote else "(geen citaat)", "italic"),
                        ("\n\nPositie volgens de kennisbank\n", "bold"),
                        self.original or "—",
                    ),
                    classes="dialog-note",
                )
            yield Label("Aangepaste positie (leeg: die van de kennisbank)")
            yield Input(self.position or "", placeholder=self.original[:90], id="position", compact=True)
            yield Label("Opmerking voor de lezer")
            yield TextArea(self.comment or "", id="comment", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (ctrl+s)", variant="primary", id="save")
                yield Button("Annuleren (esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self._focus}").focus()

    @on(Input.Submitted, "#position")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        position = self.query_one("#position", Input).value.strip() or None
        comment = self.query_one("#comment", TextArea).text.strip() or None
        self.dismiss(ItemEdit(position, comment))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
