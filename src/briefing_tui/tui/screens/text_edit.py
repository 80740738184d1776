"""Edit a piece of the officer's own text (a note, a comment, an adapted position line)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea
from briefing_tui.tui.widgets.key_footer import KeyFooter


class TextEditScreen(ModalScreen[str | None]):
    """Returns the new text, or None when cancelled. `single_line` uses an Input."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="edit.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="edit.cancel"),
    ]

    def __init__(self, title: str, text: str = "", *, single_line: bool = False, context: Content | str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._dialog_title = title
        self._text = text
        self._single = single_line
        self._context_text = context

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(self._dialog_title, classes="dialog-title", markup=False)
            if self._context_text:
                yield Static(self._context_text, classes="dialog-note", markup=False)
            if self._single:
                yield Input(self._text, id="edit-text")
            else:
                yield TextArea(self._text, id="edit-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (^s)", variant="primary", id="save")
                yield Button("Annuleren (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        widget = self.query_one("#edit-text")
        widget.focus()
        if isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def _value(self) -> str:
        widget = self.query_one("#edit-text")
        return widget.value if isinstance(widget, Input) else widget.text

    @on(Input.Submitted, "#edit-text")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self._value())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
