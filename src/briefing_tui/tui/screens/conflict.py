"""The briefing file changed on disk since it was opened: the user decides, nothing is overwritten."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from briefing_tui.tui.widgets.key_footer import KeyFooter


class ConflictScreen(ModalScreen[str | None]):
    """Returns "reload", "copy", or None (decide later: autosave stays paused)."""

    # Focused when the screen becomes active. Not in on_mount: a key that dismisses the dialog at
    # once can remove its buttons before a Mount handler runs, and a query there would raise.
    AUTO_FOCUS = "#copy"

    BINDINGS = [
        Binding("r", "choose('reload')", "Herladen van schijf", id="conflict.reload"),
        Binding("k", "choose('copy')", "Mijn versie als kopie", id="conflict.copy"),
        Binding("escape", "choose(None)", "Later beslissen", id="conflict.later"),
    ]

    def __init__(self, path: str, detail: str, copy_name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path
        self.detail = detail
        self.copy_name = copy_name

    def compose(self) -> ComposeResult:
        body = Content.assemble(
            "Het bestand\n  ",
            (self.path, "bold"),
            "\nis buiten deze app gewijzigd sinds het werd geopend. Uw wijzigingen zijn ",
            ("niet", "bold"),
            " opgeslagen, zodat de andere wijziging niet verloren gaat.\n\n",
            ("Herladen (r)", "bold"),
            ": de versie van schijf openen; uw niet-opgeslagen wijzigingen vervallen.\n",
            ("Als kopie (k)", "bold"),
            f": uw versie opslaan als {self.copy_name}; het bestand op schijf blijft ongemoeid.\n",
            ("Later (esc)", "bold"),
            ": niets doen; automatisch opslaan staat stil tot u kiest (ctrl+b, dan F8).",
        )
        with Vertical(classes="dialog dialog-wide dialog-alert"):
            yield Static("Conflict: briefing op schijf gewijzigd", classes="dialog-title")
            with VerticalScroll(classes="dialog-context"):
                yield Static(body, classes="dialog-body")
            yield Static(f"Wat er gebeurde: {self.detail}.", classes="dialog-note", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Herladen (r)", variant="warning", id="reload")
                yield Button("Als kopie opslaan (k)", variant="primary", id="copy")
                yield Button("Later (esc)", id="later")
        yield KeyFooter()


    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
