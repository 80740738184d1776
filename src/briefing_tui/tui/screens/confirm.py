"""A yes/no question. Enter or j confirms, Esc or n declines."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from briefing_tui.tui.widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):

    # Focused when the screen becomes active. Not in on_mount: a key that dismisses the dialog at
    # once can remove its buttons before a Mount handler runs, and a query there would raise.
    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("escape", "decline", "Annuleren", id="confirm.cancel"),
        Binding("n", "decline", "Nee", id="confirm.no"),
        Binding("j", "confirm", "Ja", id="confirm.yes"),
    ]

    def __init__(self, title: str, body: Content | str, yes: str = "Ja", no: str = "Nee") -> None:
        super().__init__(classes="dialog-screen")
        self._dialog_title = title
        self._body = body
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(self._dialog_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-context"):
                yield Static(self._body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (j)", variant="warning", id="yes")
                yield Button(f"{self._no} (n)", id="no")
        yield KeyFooter()


    @on(Button.Pressed, "#yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_decline(self) -> None:
        self.dismiss(False)
