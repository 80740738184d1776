"""A banner with content problems (`path:line: message`), shown while the rest stays usable."""

from __future__ import annotations

from typing import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

BADGE = "bold $text-error on $error-muted"


class ProblemsBanner(VerticalScroll, can_focus=False):
    """Hidden when there is nothing to report."""

    def compose(self):
        yield Static(id="problems-text")

    def show_problems(
        self,
        problems: Sequence[object],
        title: str = "Problemen in de content",
        note: str = "De rest van de content is gewoon bruikbaar.",
    ) -> None:
        if not problems:
            self.display = False
            return
        head = Content.assemble((f" {title}: {len(problems)} ", BADGE), (f"  {note}", "$text-muted"))
        lines = [Content(str(p)) for p in problems]
        self.query_one("#problems-text", Static).update(Content("\n").join([head, *lines]))
        self.display = True

    def show_message(self, title: str, message: str) -> None:
        head = Content.styled(f" {title} ", BADGE)
        self.query_one("#problems-text", Static).update(Content("\n").join([head, Content(message)]))
        self.display = True
