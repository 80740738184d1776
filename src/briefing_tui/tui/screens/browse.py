"""Browse by domain and by forum: areas with their number of statements, then the statements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Tree
from textual.widgets.option_list import Option

from briefing_tui.dates import date_sort_key
from briefing_tui.labels import topic_label
from briefing_tui.tui.render import DIM, LABEL, dated, statement_date, superseded_badge
from briefing_tui.tui.widgets.preview import Preview
from briefing_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from briefing_tui.model import Area, Corpus


def statement_option(corpus: "Corpus", st: Any) -> Option:
    date, inferred = statement_date(corpus, st)
    head: list[Any] = [(dated(date, inferred), LABEL), "  ", (topic_label(st.topic), DIM)]
    if not corpus.is_current(st.id):
        head += ["  ", superseded_badge()]
    return Option(Content("\n").join([Content.assemble(*head), Content(st.position), Content("")]), id=st.id)


class BrowseScreen(Screen):
    CSS_PATH = "browse.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="browse.back"),
        Binding("ctrl+t", "add_to_briefing", "Toevoegen", id="browse.add"),
        Binding("ctrl+f", "use_as_filter", "Als zoekfilter", id="browse.filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.area: Area | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="browse-body"):
            tree: Tree[Any] = Tree("Kennisbank", id="areas")
            tree.show_root = False
            yield tree
            yield OptionList(id="area-statements")
            yield Preview(id="browse-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "corpus_version", self._fill, init=True)
        self.query_one("#areas", Tree).focus()

    def _fill(self, _version: int = 0) -> None:
        corpus = self.app.corpus
        tree = self.query_one("#areas", Tree)
        tree.clear()
        if corpus is None:
            tree.root.add_leaf("kennisbank wordt geladen…")
            return
        domains = tree.root.add(f"Domeinen ({len(corpus.domains)})", expand=True)
        for area in sorted(corpus.domains.values(), key=lambda a: a.name.lower()):
            domains.add_leaf(self._label(corpus, area), data=area)
        forums = tree.root.add(f"Fora ({len(corpus.forums)})", expand=True)
        children: dict[str | None, list[Area]] = {}
        for area in corpus.forums.values():
            parent = area.parent if area.parent in corpus.forums else None
            children.setdefault(parent, []).append(area)

        def add(node: Any, parent: str | None, depth: int = 0) -> None:
            for area in sorted(children.get(parent, []), key=lambda a: a.name.lower()):
                if children.get(area.id) and depth < 10:
                    sub = node.add(self._label(corpus, area), data=area, expand=True)
                    add(sub, area.id, depth + 1)
                else:
                    node.add_leaf(self._label(corpus, area), data=area)

        add(forums, None)
        if corpus.domains:  # once the tree has its lines: the first domain, with its statements
            self.call_after_refresh(tree.move_cursor, domains.children[0])

    @staticmethod
    def _label(corpus: "Corpus", area: "Area") -> Text:
        count = len(corpus.statements_in(area.id))
        return Text.assemble((f"{count:>3} ", "bold"), area.name)

    @on(Tree.NodeHighlighted, "#areas")
    def _area_highlighted(self, event: Tree.NodeHighlighted) -> None:
        area = event.node.data
        corpus = self.app.corpus
        if area is None or corpus is None:
            return
        self.area = area
        statements = sorted(
            corpus.statements_in(area.id),
            key=lambda s: (s.topic, date_sort_key(statement_date(corpus, s)[0])),
        )
        options = self.query_one("#area-statements", OptionList)
        options.border_title = f"{area.name}: {len(statements)} standpunten"
        options.set_options(statement_option(corpus, s) for s in statements)
        if statements:
            options.highlighted = 0
        else:
            self.query_one(Preview).clear("Geen standpunten in dit domein of forum.")

    @on(Tree.NodeSelected, "#areas")
    def _area_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None and self.query_one("#area-statements", OptionList).option_count:
            self.query_one("#area-statements", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#area-statements")
    def _statement_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.query_one(Preview).show(self.app.corpus, "statement", event.option.id)

    @on(OptionList.OptionSelected, "#area-statements")
    def _statement_selected(self, event: OptionList.OptionSelected) -> None:
        from briefing_tui.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen("statement", event.option.id))

    def action_add_to_briefing(self) -> None:
        options = self.query_one("#area-statements", OptionList)
        option = options.highlighted_option
        if option is None or not option.id:
            self.app.notify("Kies eerst een standpunt.", severity="warning")
            return
        self.app.add_to_briefing("statement", option.id)

    def action_use_as_filter(self) -> None:
        area = self.area
        if area is None:
            self.app.notify("Kies eerst een domein of forum.", severity="warning")
            return
        from dataclasses import replace

        screen = self.app.search_screen
        self.app.pop_screen()
        if area.kind == "domain":
            screen.set_filters(replace(screen.filters, domain=area.id))
        else:
            screen.set_filters(replace(screen.filters, forum=area.id))
        self.app.notify(f"Zoekfilter: {area.name}", markup=False)
