"""Choose the section of the briefing an item goes to (the default is preselected)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from briefing_tui.tui.widgets.key_footer import KeyFooter


class SectionPickerScreen(ModalScreen[str | None]):
    """Returns the section key, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="section.cancel"),
        *(Binding(str(n), f"pick({n})", f"Sectie {n}", show=False, id=f"section.pick{n}") for n in range(1, 7)),
    ]

    def __init__(self, sections: dict[str, str], default: str, title: str, note: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections
        self.default = default
        self._dialog_title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._dialog_title, classes="dialog-title", markup=False)
            if self._note:
                yield Static(self._note, classes="dialog-note", markup=False)
            yield OptionList(
                *(Option(f"{n}  {title}", id=key) for n, (key, title) in enumerate(self.sections.items(), 1)),
                id="section-list",
            )
            yield Static("Enter kiest · 1–6 direct · Esc annuleert", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one("#section-list", OptionList)
        options.highlighted = list(self.sections).index(self.default) if self.default in self.sections else 0
        options.focus()

    @on(OptionList.OptionSelected, "#section-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, n: int) -> None:
        keys = list(self.sections)
        if 1 <= n <= len(keys):
            self.dismiss(keys[n - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
