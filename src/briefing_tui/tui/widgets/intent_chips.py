"""What the search read from the query's words beside the text: kinds, statuses, periods.

Each intent is a chip in the filter line ("soort: toezeggingen ✕"); pressing it (click, or
Enter when focused) or `f7` on the search screen (the last chip) takes it back: its words are
then searched as text. Hidden while there is none.
"""

from __future__ import annotations

from typing import Any, Sequence

from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button


class IntentChips(Horizontal):
    class Removed(Message):
        """The user took back the intent read from `words`."""

        def __init__(self, words: str) -> None:
            super().__init__()
            self.words = words

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.intents: list[Any] = []

    def show(self, intents: Sequence[Any]) -> None:
        intents = list(intents)
        if [(i.kind, i.value, i.words) for i in intents] == [(i.kind, i.value, i.words) for i in self.intents]:
            return
        self.intents = intents
        self.remove_children()
        from briefing_tui.wording.search import intent_label

        self.mount_all(Button(f"{intent_label(i)} ✕", compact=True, classes="chip", name=str(n))
                       for n, i in enumerate(intents))
        self.display = bool(intents)

    def remove_last(self) -> bool:
        if not self.intents:
            return False
        self.post_message(self.Removed(self.intents[-1].words))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        n = int(event.button.name or 0)
        if 0 <= n < len(self.intents):
            self.post_message(self.Removed(self.intents[n].words))
