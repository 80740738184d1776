"""Choose a briefing from briefings/ to open."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.dates import format_nl
from briefing_tui.tui.widgets.key_footer import KeyFooter


def briefing_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:  # not there, not a folder, not readable: nothing to open
        return []


def describe_file(path: Path) -> Content:
    """One option: name, title, kind and date, or why the file cannot be read."""
    from briefing_tui.briefing import BriefingError, load_briefing

    try:
        b, problems = load_briefing(path)
    except BriefingError as exc:
        return Content.assemble((path.stem, "bold"), "\n", (f"  onleesbaar: {exc}", "$text-error"))
    from briefing_tui.labels import plural

    meta = " · ".join(x for x in (b.kind, format_nl(b.date), plural(len(b), "item", "items")) if x)
    parts: list = [(path.stem, "bold"), "  ", b.title, "\n", (f"  {meta}", "$text-muted")]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        parts.append((f"  · {plural(len(errors), 'probleem', 'problemen')}", "$text-warning"))
    return Content.assemble(*parts)


class OpenBriefingScreen(ModalScreen[Path | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="open.cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.folder = folder
        self.paths = briefing_files(folder)

    def compose(self) -> ComposeResult:
        from briefing_tui.tui.app import shown_path

        with Vertical(classes="dialog dialog-wide"):
            yield Static("Briefing openen", classes="dialog-title")
            yield Static(shown_path(self.folder), classes="dialog-note", markup=False)
            if self.paths:
                yield OptionList(*(Option(describe_file(p), id=str(i)) for i, p in enumerate(self.paths)), id="briefing-files")
                yield Static("Enter opent · Esc annuleert", classes="dialog-hint")
            else:
                yield Static("Er staan nog geen briefings in deze map. Maak er een met ctrl+n.", classes="dialog-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.paths:
            self.query_one("#briefing-files", OptionList).focus()

    @on(OptionList.OptionSelected, "#briefing-files")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
