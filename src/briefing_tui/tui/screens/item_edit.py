"""Edit an item of the briefing: the officer's adapted position line and a comment. The quote is shown, never edited."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea
from briefing_tui.tui.widgets.key_footer import KeyFooter


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
            yield TextArea(self.position or "", id="position", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Label("Opmerking voor de lezer")
            yield TextArea(self.comment or "", id="comment", soft_wrap=True, show_line_numbers=False, compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (^s)", variant="primary", id="save")
                yield Button("Annuleren (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        field = self.query_one(f"#{self._focus}", TextArea)
        field.focus()
        field.move_cursor(field.document.end)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        # A position is one line in the pack: line breaks typed here become spaces.
        position = " ".join(self.query_one("#position", TextArea).text.split()) or None
        comment = self.query_one("#comment", TextArea).text.strip() or None
        self.dismiss(ItemEdit(position, comment))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
