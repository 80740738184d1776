"""The footer with the keys of the focused widget and screen, made to fit narrow terminals.

At 80 columns not every key fits on one line: below `NARROW` columns, keys that are reachable
in another visible way (the status line, F1, the palette) leave the footer and some labels get
shorter, so the keys that matter on each screen (F6 in the briefing editor) stay visible.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 100  # columns

# action (without "app." or "screen.") -> the label below NARROW columns; "" leaves the key out
# of the footer there (it stays in F1, the palette and wherever the screen says it).
SHORT: dict[str, str] = {
    "new_briefing": "",  # the status line says "ctrl+n nieuw, ctrl+o openen"
    "open_briefing": "",
    "quit": "",  # ^q is in F1 and the palette
    "pop_screen": "",  # esc backs out everywhere (F1 says so)
    "toggle_all": "Alle/open",
    "use_as_filter": "Als filter",
    "remove": "Weg",
    "move_section": "",  # the editor keeps F6 Exporteren in sight; s and n are in F1
    "new_note": "",
}


def bare_action(action: str) -> str:
    namespace, _, name = action.partition(".")
    return name if name and namespace in ("app", "screen") else action


class KeyFooter(Footer):
    """A compact footer; below NARROW columns it leaves out or shortens the keys in SHORT."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._narrow = False

    @property
    def narrow(self) -> bool:
        return self.app.size.width < NARROW

    def compose(self) -> ComposeResult:
        self._narrow = narrow = self.narrow
        # Below NARROW columns the palette key (^p, named in F1 and on the start screen) gives
        # its place to the screen's own keys.
        self.set_reactive(Footer.show_command_palette, not narrow)
        for widget in super().compose():
            if narrow and isinstance(widget, FooterKey) and widget.description and bare_action(widget.action) in SHORT:
                short = SHORT[bare_action(widget.action)]
                if not short:
                    continue
                widget.description = short
            yield widget

    def on_resize(self, _event: Resize) -> None:
        if self.narrow != self._narrow:
            self.call_after_refresh(self.recompose)
