"""F1: every key of the app, read from the bindings the screens and widgets declare."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from briefing_tui.tui.widgets.key_footer import KeyFooter

# Keys that Textual itself gives every screen and list.
NAVIGATION = [
    ("tab / shift+tab", "Volgend / vorig veld of paneel"),
    ("↑ ↓ pgup pgdn", "Door lijsten en tekst bewegen"),
    ("enter", "Kiezen, openen, bevestigen"),
    ("muis", "Klikken kiest, scrollen scrolt; toetsen in de voettekst zijn klikbaar"),
]


def _groups() -> list[tuple[str, list[type]]]:
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.screens.briefing_editor import BriefingItems, BriefingScreen
    from briefing_tui.tui.screens.briefing_form import BriefingFormScreen
    from briefing_tui.tui.screens.browse import BrowseScreen
    from briefing_tui.tui.screens.confirm import ConfirmScreen
    from briefing_tui.tui.screens.debate import DebateDetail, DebateList, DebateScreen
    from briefing_tui.tui.screens.conflict import ConflictScreen
    from briefing_tui.tui.screens.filters import FilterScreen
    from briefing_tui.tui.screens.item_edit import ItemEditScreen
    from briefing_tui.tui.screens.lists import ListsScreen
    from briefing_tui.tui.screens.open_briefing import OpenBriefingScreen
    from briefing_tui.tui.screens.preview import PreviewScreen
    from briefing_tui.tui.screens.proposals import ProposalsScreen
    from briefing_tui.tui.screens.search import SearchInput, SearchScreen
    from briefing_tui.tui.screens.section_picker import SectionPickerScreen
    from briefing_tui.tui.screens.text_edit import TextEditScreen
    from briefing_tui.tui.widgets.results_list import ResultsList

    return [
        ("Overal", [BriefingApp]),
        ("Zoeken", [SearchScreen, SearchInput, ResultsList]),
        ("Voorbeeld", [PreviewScreen]),
        ("Bladeren per domein en forum (F3)", [BrowseScreen]),
        ("Toezeggingen en moties (F4)", [ListsScreen]),
        ("Voorstellen beoordelen (^p)", [ProposalsScreen]),
        ("Briefing (ctrl+b)", [BriefingScreen, BriefingItems]),
        ("Debat: agenda, leden, termijnen (F5)", [DebateScreen, DebateList, DebateDetail]),
        ("Filters (ctrl+f)", [FilterScreen]),
        ("Sectie kiezen", [SectionPickerScreen]),
        ("Nieuwe briefing / debatgegevens", [BriefingFormScreen]),
        ("Briefing openen (ctrl+o)", [OpenBriefingScreen]),
        ("Item bewerken (positie, opmerking)", [ItemEditScreen]),
        ("Notitie bewerken", [TextEditScreen]),
        ("Bevestigen", [ConfirmScreen]),
        ("Conflict met bestand op schijf", [ConflictScreen]),
    ]


def declared_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself (not inherited ones)."""
    raw = cls.__dict__.get("BINDINGS", [])
    return [b for b in Binding.make_bindings(raw) if b.description]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,f1", "app.pop_screen", "Sluiten", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("Sneltoetsen", "bold $accent"), id="help-title")
            yield Static(
                "Toetsen met ^ (ctrl) of F werken ook terwijl u in het zoekveld typt. "
                "^p opent alle opdrachten; Esc sluit een dialoog of gaat terug.",
                id="help-intro",
            )
            for title, classes in _groups():
                yield Static(self._table(title, (b for cls in classes for b in declared_bindings(cls))), classes="help-group")
            yield Static(self._rows("Navigatie", NAVIGATION), classes="help-group")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def _table(self, title: str, bindings: Iterable[Binding]) -> Content:
        merged: dict[tuple[str, str], list[str]] = {}
        for b in bindings:
            merged.setdefault((b.action, b.description), []).append(self.app.get_key_display(b))
        rows = [(" / ".join(dict.fromkeys(keys)), description) for (_, description), keys in merged.items()]
        return self._rows(title, rows)

    @staticmethod
    def _rows(title: str, rows: list[tuple[str, str]]) -> Content:
        lines = [Content.styled(title, "bold $accent")]
        lines += [Content.assemble((f"  {keys:<22}", "bold"), description) for keys, description in rows]
        return Content("\n").join(lines)
