"""The preview of one record: position, quote, passage, citation with link, timeline."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from briefing_tui.model import Corpus

EMPTY = "Kies een resultaat om het hier te zien."


class Preview(VerticalScroll):
    """Scrollable; shows a statement, passage, commitment, motion, question or note."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target: tuple[str, str] | None = None

    def compose(self):
        yield Static(EMPTY, id="preview-body")

    def clear(self, message: "str | Content" = EMPTY) -> None:
        self.target = None
        self.query_one("#preview-body", Static).update(message)

    def show(self, corpus: "Corpus | None", kind: str, item_id: str) -> None:
        body = self.query_one("#preview-body", Static)
        if corpus is None:
            body.update("De kennisbank wordt geladen; de details volgen zo.")
            return
        if self.target != (kind, item_id):
            self.scroll_home(animate=False)
        self.target = (kind, item_id)
        body.update(describe(corpus, kind, item_id))


def describe(corpus: "Corpus", kind: str, item_id: str) -> Content:
    from briefing_tui.tui import render  # on first use: not needed for the first paint

    if kind == "statement":
        st = corpus.statements.get(item_id)
        passage = quote_passage(corpus, st.source, st.quote) if st else None
        return render.statement_preview(corpus, item_id, passage)
    if kind in ("passage", "commitment", "motion", "qa"):
        from briefing_tui.carried import for_corpus

        if kind == "passage":
            body = render.passage_preview(corpus, item_id, source_passages(corpus, item_id.rpartition("#")[0]))
        else:
            body = getattr(render, f"{kind}_preview")(corpus, item_id)
        flags = render.carried_block(corpus, for_corpus(corpus).in_item(kind, item_id))
        return Content("\n").join([*flags, Content(""), body]) if flags else body
    if kind == "note":
        return Content.assemble(("Notitie\n\n", render.HEADING), item_id)
    return Content(f"{kind} {item_id}")


def source_passages(corpus: "Corpus", source_id: str) -> tuple | None:
    if source_id not in corpus.sources:
        return None
    try:
        from briefing_tui.passages import passage_input

        source = corpus.sources[source_id]
        return _passages(source.text_path, passage_input(source, corpus.source_text(source_id)))
    except OSError:
        return None


@lru_cache(maxsize=32)
def _passages(_path: str, text: str) -> tuple:
    from briefing_tui.passages import split_passages

    return tuple(split_passages(text))


def quote_passage(corpus: "Corpus", source_id: str, quote: str) -> str | None:
    """The text of the passage the quote stands in (None when it spans passages)."""
    passages = source_passages(corpus, source_id)
    return _quote_passage(tuple(passages), quote) if passages else None


@lru_cache(maxsize=256)
def _quote_passage(passages: tuple, quote: str) -> str | None:
    from briefing_tui.quotes import quote_in_text

    for p in passages:
        if quote_in_text(quote, p.text):
            return p.text
    return None
