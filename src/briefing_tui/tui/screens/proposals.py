"""Review the statements a source proposes (docs/proposals.md): accept, edit, reject, skip.

The proposals are computed in a worker (`briefing_tui.proposals.propose`); accepting and
rejecting write in a worker too, then the index is brought up to date. Keyboard only:

    a  accept (writes the statement, with the chosen relation, into its content file)
    r  reject (remembered in content/rejections.yaml; not proposed again)
    s  skip (to the next proposal; nothing written)
    l / t / g  edit the line / the topic / the tags (domains and forums)
    v  the next relation to keep (the proposed ones in rank order, then none)
    w  the chosen relation "werkt bij" (updates: asks what of the older line still holds) or,
       pressed again, "vervangt" (supersedes) again
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.dates import date_sort_key, format_nl
from briefing_tui.tui.render import DIM, LABEL
from briefing_tui.tui.widgets.key_footer import KeyFooter
from briefing_tui.wording import say

KIND_NL = {"statement": "standpunt", "commitment": "toezegging"}
STATUS = {"open": ("·", DIM), "accepted": ("✓", "bold $text-success"), "rejected": ("✗", "bold $text-error"),
          "skipped": ("→", "$text-warning")}


@dataclass
class Review:
    """A proposal as the reviewer has it now: the edits, the chosen relation, the outcome."""

    cand: Any
    relation: int = 0  # index into cand.relations; len(relations) means none
    holds: str | None = None  # what of the chosen relation still holds: it is updated, not superseded
    line: str | None = None
    topic: str | None = None
    domains: list[str] | None = None
    forums: list[str] | None = None
    status: str = "open"
    written: str = ""  # the new id, once accepted
    edited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.cand.default_relation() is None:
            self.relation = len(self.cand.relations)  # none, unless the reviewer chooses one (v)

    def relation_id(self) -> str | None:
        rels = self.cand.relations
        return rels[self.relation].id if self.relation < len(rels) else None


def diff_content(pieces) -> Content:
    """The word diff: removed words struck through in red, added ones in green, polarity words
    bold and reversed."""
    parts: list = []
    for p in pieces:
        style = {"same": "", "old": "strike $text-error", "new": "underline $text-success"}[p.op]
        if p.polar and p.op != "same":
            style += " bold reverse"
        elif p.polar:
            style = "bold"
        if parts:
            parts.append(" ")
        parts.append((p.text, style.strip()))
    return Content.assemble(*parts)


class ProposalsScreen(Screen):
    CSS_PATH = "proposals.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="proposals.back"),
        Binding("a", "accept", "Aanvaarden", id="proposals.accept"),
        Binding("r", "reject", "Afwijzen", id="proposals.reject"),
        Binding("s", "skip", "Overslaan", id="proposals.skip"),
        Binding("l", "edit_line", "Regel", id="proposals.line"),
        Binding("t", "edit_topic", "Onderwerp", id="proposals.topic"),
        Binding("g", "edit_tags", "Tags", id="proposals.tags"),
        Binding("v", "next_relation", "Relatie", id="proposals.relation"),
        Binding("w", "toggle_updates", "Werkt bij", id="proposals.updates"),
    ]

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.reviews: list[Review] = []
        self.written_ids: set[str] = set()
        self.busy = False
        self.summary = ""

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Horizontal(id="proposals-body"):
            yield OptionList(id="proposals")
            with VerticalScroll(id="proposal-detail"):
                yield Static(say("review.computing"), id="proposal-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        src = self.app.corpus.sources.get(self.source_id) if self.app.corpus else None
        self.query_one("#proposals", OptionList).border_title = f"Voorstellen: {src.title if src else self.source_id}"
        self.query_one("#proposals", OptionList).focus()
        self.compute()

    # --- computing ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="proposals", exit_on_error=False)
    def compute(self) -> None:
        from briefing_tui.proposals import propose
        from briefing_tui.proposals.rejections import rejected_keys

        try:
            engine = self.app.engine
            result = propose(engine, self.source_id, corpus=engine.corpus,
                             rejected=rejected_keys(self.app.workspace.content, self.source_id))
        except Exception as exc:  # shown; the app stays usable
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._computed, result)

    def _failed(self, error: str) -> None:
        self.query_one("#proposal-text", Static).update(say("review.failed", error=error))

    def _computed(self, result: Any) -> None:
        self.reviews = [Review(c) for c in result.candidates]
        skipped = []
        if result.known:
            skipped.append(say("propose.skipped.known", n=result.known))
        if result.rejected:
            skipped.append(say("propose.skipped.rejected", n=result.rejected))
        self.summary = say("review.count", count=len(self.reviews)) + (f" ({'; '.join(skipped)})" if skipped else "")
        options = self.query_one("#proposals", OptionList)
        options.border_subtitle = self.summary
        options.set_options(self._option(r) for r in self.reviews)
        if self.reviews:
            options.highlighted = 0
            self._show()
        else:
            self.query_one("#proposal-text", Static).update(say("review.none"))

    # --- showing --------------------------------------------------------------------------------
    def _option(self, r: Review) -> Option:
        c = r.cand
        mark, style = STATUS[r.status]
        head = Content.assemble((f"{mark} {c.n:>3} ", style), (KIND_NL.get(c.kind, c.kind), LABEL),
                                (f" · {c.attribution} · {c.locator}", DIM))
        extra = f"  {r.written}" if r.written else ""
        text = " ".join(c.quote.split())
        text = text if len(text) <= 150 else text[:149].rstrip() + "…"
        return Option(Content("\n").join([head + Content(extra), Content("   " + text)]), id=str(c.n))

    def current(self) -> Review | None:
        index = self.query_one("#proposals", OptionList).highlighted
        return self.reviews[index] if index is not None and 0 <= index < len(self.reviews) else None

    @on(OptionList.OptionHighlighted, "#proposals")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show()

    def _show(self) -> None:
        r = self.current()
        if r is None:
            return
        c = r.cand
        corpus = self.app.corpus
        mark, style = STATUS[r.status]
        status = {"open": "nog niet beoordeeld", "accepted": f"aanvaard: {r.written}", "rejected": "afgewezen",
                  "skipped": "overgeslagen"}[r.status]
        lines: list[Content] = [
            Content.assemble((f"Voorstel {c.n}", "bold"), (f" · {KIND_NL.get(c.kind, c.kind)} · ", DIM),
                             ("standpunt van het kabinet" if c.attribution == "kabinet" else f"standpunt van {c.attribution}",
                              "bold" if c.attribution == "kabinet" else "bold $text-warning"),
                             (f" · score {c.score}", DIM), "  ", (f"{mark} {status}", style)),
            Content(""),
            Content.assemble(("Citaat  ", LABEL), (f"{c.locator}", DIM)),
            Content(c.quote),
            Content(""),
            Content.assemble(("Regel", LABEL), (" (bewerkt)" if "line" in r.edited else "", DIM)),
            Content(r.line if r.line is not None else c.line),
            Content(""),
            Content.assemble(("Onderwerp  ", LABEL), self._topic(r) or "(geen; t om er een te geven)"),
            Content.assemble(("Domeinen   ", LABEL), ", ".join(self._domains(r)) or "-"),
            Content.assemble(("Fora       ", LABEL), ", ".join(self._forums(r)) or "-"),
            Content(""),
        ]
        rid = r.relation_id()
        if c.kind == "commitment":
            lines.append(Content.assemble(("Toezegging: ", LABEL), "wordt geschreven in commitments.yaml (status open)."))
        if not c.relations:
            lines.append(Content.assemble(("Vervangt  ", LABEL), (say("propose.nothing_close"), DIM)))
        elif rid and r.holds is not None:
            lines += [Content.assemble(("Werkt bij ", LABEL), rid, ("   (w: vervangt in plaats van werkt bij)", DIM)),
                      Content.assemble(("Blijft gelden  ", LABEL), r.holds)]
        else:
            lines.append(Content.assemble(("Vervangt  ", LABEL), rid or "niets (v kiest een relatie)",
                                          (f"   ({len(c.relations)} voorgesteld, v wisselt; w: werkt bij)", DIM)))
        for i, rel in enumerate(c.relations):
            chosen = i == r.relation
            older = corpus.statements.get(rel.id) if corpus else None
            what = "voorstel: vervangt" if rel.kind == "supersedes" else "voorstel: werkt bij"
            lines += [
                Content(""),
                Content.assemble(("▶ " if chosen else "  ", "bold $accent"), (f"{i + 1}. {rel.id}", "bold" if chosen else ""),
                                 (f" · {format_nl(rel.date) or 'z.d.'} · {what} · {rel.score}", DIM)),
                Content.assemble(("   waarom  ", DIM), rel.to_json()["reason"]),
                Content.assemble(("   oud     ", LABEL), older.position if older else rel.line),
                Content.assemble(("   nieuw   ", LABEL), r.line if r.line is not None else c.line),
                Content.assemble(("   citaten ", DIM), diff_content(rel.diff)),
            ]
        self.query_one("#proposal-text", Static).update(Content("\n").join(lines))

    def _topic(self, r: Review) -> str:
        rid = r.relation_id()
        corpus = self.app.corpus
        if r.topic is None and rid and corpus and rid in corpus.statements:
            return corpus.statements[rid].topic
        return r.topic if r.topic is not None else r.cand.topic

    def _domains(self, r: Review) -> list[str]:
        return r.domains if r.domains is not None else list(r.cand.domains)

    def _forums(self, r: Review) -> list[str]:
        return r.forums if r.forums is not None else list(r.cand.forums)

    def _refresh_option(self, r: Review) -> None:
        options = self.query_one("#proposals", OptionList)
        index = self.reviews.index(r)
        options.replace_option_prompt_at_index(index, self._option(r).prompt)
        self._show()

    def _next(self) -> None:
        options = self.query_one("#proposals", OptionList)
        if options.highlighted is not None and options.highlighted < len(self.reviews) - 1:
            options.highlighted += 1

    # --- deciding -------------------------------------------------------------------------------
    def _open(self) -> Review | None:
        r = self.current()
        if r is None:
            return None
        if self.busy:
            self.app.notify(say("review.busy"), severity="warning")
            return None
        if r.status in ("accepted", "rejected"):
            self.app.notify(say(f"review.already_{r.status}", n=r.cand.n), severity="warning")
            return None
        return r

    def action_accept(self) -> None:
        from briefing_tui.proposals.write import Choice

        r = self._open()
        if r is None:
            return
        choice = Choice(relation=r.relation_id(), line=r.line, topic=r.topic, domains=r.domains, forums=r.forums,
                        holds=r.holds if r.relation_id() else None)
        self.busy = True
        self._write(r, "accept", choice)

    def action_reject(self) -> None:
        r = self._open()
        if r is None:
            return
        self.busy = True
        self._write(r, "reject", None)

    def action_skip(self) -> None:
        r = self.current()
        if r is not None and r.status == "open":
            r.status = "skipped"
            self._refresh_option(r)
        self._next()

    @work(thread=True, group="proposals-write", exit_on_error=False)
    def _write(self, r: Review, what: str, choice: Any) -> None:
        from briefing_tui.proposals.rejections import RejectionRefused, add_rejection
        from briefing_tui.proposals.write import Refused, accept

        content = self.app.workspace.content
        try:
            if what == "accept":
                path, new_id = accept(content, self.app.engine.corpus, r.cand, choice, self.written_ids)
                done = (new_id, path)
            else:
                path = add_rejection(content, self.source_id, r.cand.quote)
                done = ("", path)
        except (Refused, RejectionRefused, OSError) as exc:
            self.app.call_from_thread(self._write_failed, r, str(exc))
            return
        self.app.call_from_thread(self._written, r, what, *done)

    def _write_failed(self, r: Review, error: str) -> None:
        self.busy = False
        self.app.notify(error, title=say("review.not_written", n=r.cand.n), severity="error", markup=False, timeout=10)

    def _written(self, r: Review, what: str, new_id: str, path: Any) -> None:
        from briefing_tui.tui.app import shown_path

        self.busy = False
        if what == "accept":
            r.status, r.written = "accepted", new_id
            self.written_ids.add(new_id)
            self.app.notify(say("review.accepted_body", id=new_id, path=shown_path(path)),
                            title=say("review.accepted", n=r.cand.n), markup=False)
        else:
            r.status = "rejected"
            self.app.notify(say("review.rejected_body", path=shown_path(path)), title=say("review.rejected", n=r.cand.n),
                            markup=False)
        self._refresh_option(r)
        self._next()
        self.app.action_refresh_index()

    # --- editing --------------------------------------------------------------------------------
    def _edit(self, title: str, value: str, note: str, apply) -> None:
        from briefing_tui.tui.screens.text_edit import TextEditScreen

        r = self._open()
        if r is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                apply(r, text.strip())
                self._refresh_option(r)

        self.app.push_screen(TextEditScreen(title, value, single_line=True, context=note), done)

    def action_edit_line(self) -> None:
        r = self.current()
        if r is None:
            return

        def apply(rv: Review, text: str) -> None:
            rv.line = text
            rv.edited.add("line")

        self._edit(f"Regel van voorstel {r.cand.n}", r.line if r.line is not None else r.cand.line,
                   "De regel in eigen woorden (het citaat blijft letterlijk).", apply)

    def action_edit_topic(self) -> None:
        r = self.current()
        if r is None:
            return

        def apply(rv: Review, text: str) -> None:
            rv.topic = text
            rv.edited.add("topic")
            rid = rv.relation_id()
            corpus = self.app.corpus
            if rid and corpus and rid in corpus.statements and corpus.statements[rid].topic != text:
                rv.relation = len(rv.cand.relations)  # a statement of another topic cannot be replaced
                self.app.notify(say("review.relation_dropped", id=rid), severity="warning", markup=False)

        self._edit(f"Onderwerp van voorstel {r.cand.n}", self._topic(r),
                   "domein/vraag, bijvoorbeeld laws/verbod (een vervangen standpunt moet hetzelfde onderwerp hebben).", apply)

    def action_edit_tags(self) -> None:
        r = self.current()
        if r is None:
            return

        def apply(rv: Review, text: str) -> None:
            left, _, right = text.partition("/")
            rv.domains = [x.strip() for x in left.replace(",", " ").split() if x.strip()]
            rv.forums = [x.strip() for x in right.replace(",", " ").split() if x.strip()]
            rv.edited.add("tags")

        value = f"{', '.join(self._domains(r))} / {', '.join(self._forums(r))}"
        self._edit(f"Domeinen en fora van voorstel {r.cand.n}", value,
                   "domeinen / fora, bijvoorbeeld: laws, ai / ccw, gge-laws (het eerste domein bepaalt het bestand).", apply)

    def action_next_relation(self) -> None:
        r = self._open()
        if r is None:
            return
        if not r.cand.relations:
            self.app.notify(say("review.no_relation"), markup=False)
            return
        r.relation = (r.relation + 1) % (len(r.cand.relations) + 1)
        r.topic = None if "topic" not in r.edited else r.topic
        r.holds = None  # what still holds was said of the other statement
        self._refresh_option(r)

    def action_toggle_updates(self) -> None:
        """The chosen relation as "werkt bij" (`updates`: the older line still holds in part, and
        the reviewer says what) or back to "vervangt" (`supersedes`)."""
        r = self._open()
        if r is None:
            return
        rid = r.relation_id()
        if r.cand.kind != "statement" or rid is None:
            self.app.notify(say("review.updates_needs_relation"), severity="warning", markup=False)
            return
        if r.holds is not None:
            r.holds = None
            self._refresh_option(r)
            self.app.notify(say("review.superseding", id=rid), markup=False)
            return
        older = self.app.corpus.statements.get(rid) if self.app.corpus else None
        line = older.position if older is not None else r.cand.relations[r.relation].line

        def done(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                self.app.notify(say("review.updates_without_holds", id=rid), severity="warning", markup=False)
                return
            r.holds = " ".join(text.split())
            self._refresh_option(r)

        from briefing_tui.tui.screens.text_edit import TextEditScreen

        self.app.push_screen(TextEditScreen(say("review.updates_title", id=rid), "", single_line=True,
                                            context=say("review.updates_note", line=line)), done)


class SourcePickerScreen(ModalScreen[str | None]):
    """Choose the source whose proposals to review; newest first, with its statement count."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="sources.cancel")]

    def __init__(self, corpus: Any) -> None:
        super().__init__(classes="dialog-screen")
        counts: dict[str, int] = {}
        for st in corpus.statements.values():
            counts[st.source] = counts.get(st.source, 0) + 1
        self.sources = sorted(corpus.sources.values(), key=lambda s: (date_sort_key(s.date), s.id), reverse=True)
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static("Voorstellen beoordelen: kies een bron", classes="dialog-title")
            yield OptionList(*(Option(Content.assemble((format_nl(s.date) or "z.d.", LABEL), "  ", s.title, "\n",
                                                       (f"  {s.id} · {self.counts.get(s.id, 0)} standpunten", DIM)),
                                      id=s.id) for s in self.sources), id="source-list")
            yield Static("Enter kiest · Esc annuleert", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#source-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#source-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
