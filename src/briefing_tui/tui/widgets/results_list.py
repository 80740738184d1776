"""The list of search hits: kind, date, citation, tags and the highlighted snippet."""

from __future__ import annotations

from typing import Any, Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui.labels import kind_label


def hit_prompt(hit: Any) -> Content:
    """Up to four lines per hit; a superseded statement carries the VERVANGEN badge, a record that
    repeats a superseded statement's quote the BEVAT VERVANGEN STANDPUNT badge."""
    # Imported on first use: the citations and the model are not needed for the first paint.
    from briefing_tui.tui.render import DIM, HEADING, LABEL, dated, repeats_badge, spans_content, superseded_badge, tags_line

    source = hit.source
    inferred = bool(source and "date" in source.inferred and hit.date == source.date)
    label = "Amendement" if hit.kind == "motion" and hit.text.lower().startswith("amendement") else kind_label(hit.kind)
    head: list[Any] = [(label, HEADING), "  ", (dated(hit.date, inferred), LABEL)]
    if hit.kind == "statement" and not hit.current:
        head += ["  ", superseded_badge()]
    if getattr(hit, "superseded_statements", ()):
        head += ["  ", repeats_badge()]
    if getattr(hit, "key", False) or getattr(hit, "partial", False):
        from briefing_tui.wording import say

        if hit.key:
            head += ["  ", (say("search.key"), "bold $success")]
        if hit.partial:
            head += ["  ", (say("search.partial_hit"), DIM)]
    lines = [Content.assemble(*head)]
    citation = (source.citation or source.title) if source else None
    if citation:
        lines.append(Content.styled(citation, DIM))
    tags = tags_line(hit.domains, hit.forums)
    if tags:
        lines.append(tags)
    lines.append(spans_content(hit.snippet_spans) if hit.snippet_spans else Content(hit.snippet or hit.text))
    if getattr(hit, "also", ()):
        from briefing_tui.wording.search import also_line

        lines.append(Content.styled(also_line(hit), DIM))
    lines.append(Content(""))  # a blank line between hits
    return Content("\n").join(lines)


class ResultsList(OptionList):
    """Search hits, best first. Enter opens the preview.

    Laying out an option costs about a millisecond (its lines are wrapped to the list's width),
    so the first screenful is shown at once and the rest is added once typing pauses, a few at
    a time: a keystroke in between is handled (and its results painted) before the next few.
    """

    BINDINGS = [
        Binding("enter", "select", "Voorbeeld", id="results.preview", show=False),
    ]

    # New hits change the list's virtual size; Textual then lays out the whole screen again
    # (a third of the time to paint a keystroke's results). The list's own region does not move
    # and its scroll bar is always there (`overflow-y: scroll` in search.tcss), so a repaint of the
    # list and its scroll bar is enough.
    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    FIRST_BATCH = 8  # more than fit in the list at 40 rows
    REST_DELAY = 0.12  # seconds; a newer result before then replaces the list instead
    REST_CHUNK = 6  # options added at a time after that (a few milliseconds each time)
    CHUNK_DELAY = 0.01  # seconds between those

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hits: list[Any] = []
        self._rest_timer: Any = None
        # Which list of hits a batch still to add belongs to: a timer stopped after it fired has
        # its call queued already, and that call must not add another list's hits.
        self._shown = 0

    def show_hits(self, hits: Sequence[Any]) -> None:
        keep = self.highlighted_hit
        self._shown += 1
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None
        self.hits = list(hits)
        index = 0
        if keep is not None:
            index = next((i for i, h in enumerate(self.hits) if (h.kind, h.id) == (keep.kind, keep.id)), 0)
        first = max(self.FIRST_BATCH, index + 1)
        self.set_options(Option(hit_prompt(h), id=f"{i}") for i, h in enumerate(self.hits[:first]))
        if self.hits:
            self.highlighted = index
        if len(self.hits) > first:
            self._add_later(self.REST_DELAY)

    def _add_later(self, delay: float) -> None:
        shown = self._shown
        self._rest_timer = self.set_timer(delay, lambda: self._add_rest(shown))

    def _add_rest(self, shown: int) -> None:
        """The next few hits after those in the list, unless other hits were shown since."""
        if shown != self._shown:
            return
        self._rest_timer = None
        start = self.option_count
        end = min(len(self.hits), start + self.REST_CHUNK)
        self.add_options(Option(hit_prompt(h), id=f"{i}") for i, h in enumerate(self.hits[start:end], start))
        if end < len(self.hits):
            self._add_later(self.CHUNK_DELAY)

    def on_key(self, event: events.Key) -> None:
        """A printable key goes to the search field (appended), and focus with it.

        Alt+letter counts as a letter: a terminal sends Esc followed quickly by a letter as
        Alt+letter, and Esc here means "back to the search field" anyway.
        """
        if event.is_printable and event.character and not event.key.startswith("ctrl+"):
            event.stop()
            event.prevent_default()
            type_in = getattr(self.screen, "type_in_search", None)
            if type_in is not None:
                type_in(event.character)

    async def _on_click(self, event: events.Click) -> None:
        """A click shows the hit in the preview beside the list; a double click opens it."""
        event.prevent_default()  # instead of OptionList's click, which opens at once
        clicked = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()

    @property
    def complete(self) -> bool:
        """Every hit is in the list."""
        return self.option_count == len(self.hits)

    @property
    def highlighted_hit(self) -> Any | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]
