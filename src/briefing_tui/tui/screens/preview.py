"""A record on its own screen: position, full quote, passage, citation with link, timeline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from briefing_tui.tui.widgets.preview import Preview
from briefing_tui.tui.widgets.key_footer import KeyFooter


class PreviewScreen(Screen):
    CSS_PATH = "preview.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="preview.back"),
        Binding("ctrl+t", "add_to_briefing", "Toevoegen", id="preview.add"),
        Binding("ctrl+e", "complete_source", "Bron aanvullen", id="preview.complete_source"),
    ]

    def __init__(self, kind: str, item_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Preview(id="full-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        preview = self.query_one(Preview)
        preview.show(self.app.corpus, self.kind, self.item_id)
        preview.focus()

    def action_add_to_briefing(self) -> None:
        self.app.add_to_briefing(self.kind, self.item_id)

    def action_complete_source(self) -> None:
        self.app.complete_source(self.kind, self.item_id)
