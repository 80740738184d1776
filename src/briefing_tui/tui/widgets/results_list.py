"""The list of search hits: kind, date, citation, tags and the highlighted snippet."""

from __future__ import annotations

from typing import Any, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui.tui.labels import kind_label
from briefing_tui.tui.render import DIM, HEADING, LABEL, dated, spans_content, superseded_badge, tags_line


def hit_prompt(hit: Any) -> Content:
    """Four lines per hit; a superseded statement carries the VERVANGEN badge."""
    source = hit.source
    head: list[Any] = [(f"{kind_label(hit.kind)}", HEADING), ("  ", ""), (dated(hit.date, _date_inferred(hit)), LABEL)]
    if hit.kind == "statement" and not hit.current:
        head += ["  ", superseded_badge()]
    citation = _get(source, "citation") or _get(source, "title") or ""
    lines = [Content.assemble(*head), Content.styled(citation, DIM)]
    tags = tags_line(hit.domains or (), hit.forums or ())
    if tags:
        lines.append(tags)
    spans = getattr(hit, "snippet_spans", None)
    lines.append(spans_content(spans) if spans else Content(hit.snippet or hit.text or ""))
    return Content("\n").join(lines)


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _date_inferred(hit: Any) -> bool:
    inferred = _get(hit.source, "inferred")
    return bool(inferred) and "date" in inferred and hit.date == _get(hit.source, "date")


class ResultsList(OptionList):
    """Search hits, best first. Enter opens the preview."""

    BINDINGS = [
        Binding("enter", "select", "Voorbeeld", id="results.preview"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hits: list[Any] = []

    def show_hits(self, hits: Sequence[Any]) -> None:
        keep = self.highlighted_hit
        self.hits = list(hits)
        self.set_options(Option(hit_prompt(h), id=f"{i}") for i, h in enumerate(self.hits))
        if self.hits:
            index = 0
            if keep is not None:
                index = next((i for i, h in enumerate(self.hits) if (h.kind, h.id) == (keep.kind, keep.id)), 0)
            self.highlighted = index

    @property
    def highlighted_hit(self) -> Any | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]
