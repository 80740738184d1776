"""The debate view (f5): per agenda item what is current, promised and due; the members; overdue.

The left list holds the agenda items, the members and the commitments; the right pane shows the
highlighted one in full: for an agenda item its current positions (✓ in the briefing, · not),
open commitments with their due range (VERLOPEN when overdue at the debate), motions, earlier
questions and warnings; for a member their motions, amendments, questions, the commitments that
name them and their party's votes. The agenda is edited here (`a` add, `k` heading, `x` remove),
the debate's date and members with `f2` (the debate details form). The view is computed by the
core (`briefing_tui.debate.readiness`) in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.citations import cite_short
from briefing_tui.dates import format_nl
from briefing_tui.tui.labels import COMMITMENT_STATUS_LABELS
from briefing_tui.tui.render import DIM, HEADING, LABEL, SUPERSEDED_STYLE

if TYPE_CHECKING:
    from briefing_tui.debate import AgendaReadiness, CommitmentState, Debate, MemberRecord

OVERDUE = "VERLOPEN"
HELD, MISSING = "✓", "·"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _due_line(s: "CommitmentState") -> Content:
    from briefing_tui.deadlines import describe_range

    parts: list[Any] = []
    if s.overdue:
        parts += [(f" {OVERDUE} ", SUPERSEDED_STYLE), " "]
    parts += [(HELD if s.in_briefing else MISSING) + " ", (s.commitment.id, LABEL), "  ",
              (COMMITMENT_STATUS_LABELS.get(s.commitment.status, s.commitment.status), DIM)]
    parts += ["\n    termijn: ", describe_range(s.due)]
    if s.due is not None and s.due.evidence and not s.due.none:
        origin = "kennisbank" if s.due.origin == "content" else "uit de tekst"
        parts += [(f"  (‘{s.due.evidence}’, {origin})", DIM)]
    parts += ["\n    ", " ".join(s.commitment.text.split())]
    return Content.assemble(*parts)


def agenda_detail(a: "AgendaReadiness", corpus: Any) -> Content:
    from briefing_tui.wording import say

    lines: list[Content] = [Content.styled(a.heading, HEADING)]
    if a.resolved.entry.heading:
        lines.append(Content.assemble(("Stuk: ", DIM), a.resolved.label))
    if a.warnings:
        lines.append(Content.styled("Let op", "bold $text-warning"))
        lines += [Content.assemble(("! ", "bold $text-warning"), say(w.code, **w.data)) for w in a.warnings]
    held = sum(p.in_briefing for p in a.positions)
    lines.append(Content.styled(f"Huidige standpunten ({len(a.positions)}, {held} in de briefing)", HEADING))
    for p in a.positions:
        lines.append(Content.assemble(
            (HELD if p.in_briefing else MISSING) + " ", (format_nl(p.date) or "datum onbekend", DIM), "  ",
            (p.statement.topic, DIM), "\n    ", " ".join(p.statement.position.split())))
    lines.append(Content.styled(f"Open toezeggingen ({len(a.commitments)})", HEADING))
    lines += [_due_line(s) for s in a.commitments] or [Content.styled("geen", DIM)]
    lines.append(Content.styled(f"Moties en amendementen ({len(a.motions)})", HEADING))
    for m in a.motions:
        lines.append(Content.assemble((m.title, LABEL), "\n    ", ("Status: ", DIM), " ".join((m.status or "onbekend").split())))
        for f in m.follow_up:
            if f.summary:
                src = corpus.sources.get(f.source)
                where = cite_short(src, f.locator or None) if src else f.source
                lines.append(Content.assemble("    ↳ ", " ".join(f.summary.split()), (f"  ({where})", DIM)))
    if not a.motions:
        lines.append(Content.styled("geen", DIM))
    lines.append(Content.styled(f"Eerdere vragen ({len(a.questions)})", HEADING))
    for qid in a.questions:
        qa = corpus.qa.get(qid)
        if qa is not None:
            lines.append(Content.assemble((f"Vraag {qa.number}: ", LABEL), " ".join(qa.question.split())))
    if not a.questions:
        lines.append(Content.styled("geen", DIM))
    return Content("\n").join(lines)


def member_detail(r: "MemberRecord", corpus: Any) -> Content:
    who = f"{r.member.name} ({r.member.party})" if r.member.party else r.member.name
    lines: list[Content] = [Content.styled(who, HEADING)]
    for label, records in (("Moties", r.motions), ("Amendementen", r.amendments)):
        lines.append(Content.styled(f"{label} ({len(records)})", HEADING))
        for m in records:
            lines.append(Content.assemble((m.title, LABEL), "\n    ", ("Status: ", DIM), " ".join((m.status or "onbekend").split())))
        if not records:
            lines.append(Content.styled("geen in de kennisbank", DIM))
    lines.append(Content.styled(f"Vragen en antwoorden ({len(r.questions)})", HEADING))
    for qid in r.questions:
        qa = corpus.qa[qid]
        lines.append(Content.assemble((f"Vraag {qa.number}: ", LABEL), " ".join(qa.question.split()),
                                      "\n    ", ("Antwoord: ", DIM), " ".join((qa.answer or "").split())))
    if not r.questions:
        lines.append(Content.styled("geen vragen van dit lid in de kennisbank", DIM))
    lines.append(Content.styled(f"Toezeggingen die dit lid noemen ({len(r.commitments)})", HEADING))
    for cid in r.commitments:
        c = corpus.commitments[cid]
        lines.append(Content.assemble((cid, LABEL), "  ", (COMMITMENT_STATUS_LABELS.get(c.status, c.status), DIM),
                                      "\n    ", " ".join(c.text.split())))
    lines.append(Content.styled("Stemgedrag van de partij", HEADING))
    lines += [Content(f"{v.motion}: {v.party} {v.vote}") for v in r.votes] or [
        Content.styled("niet vastgelegd in de kennisbank", DIM)]
    return Content("\n").join(lines)


def commitments_detail(debate: "Debate") -> Content:
    lines: list[Content] = [Content.styled("Toezeggingen met hun termijn", HEADING)]
    lines.append(Content.styled(f"verlopen gemeten op {format_nl(debate.on.isoformat())}"
                                + ("" if debate.dated else " (vandaag: de briefing heeft geen debatdatum)"), DIM))
    lines += [_due_line(s) for s in debate.commitments]
    return Content("\n").join(lines)


class DebateList(OptionList):
    """The agenda items, members and commitments; the letters edit the agenda (no text field here)."""

    BINDINGS = [
        Binding("a", "screen.add_agenda", "Agendapunt", id="debate.agenda_add"),
        Binding("k", "screen.edit_heading", "Kop", id="debate.agenda_heading"),
        Binding("x", "screen.remove", "Verwijderen", id="debate.remove"),
        Binding("delete", "screen.remove", "Verwijderen", id="debate.remove_delete", show=False),
    ]


class DebateScreen(Screen):
    CSS_PATH = "debate.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="debate.back"),
        Binding("f2", "edit_details", "Datum en leden", id="debate.details"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.debate: "Debate | None" = None
        self._rows: list[tuple[str, int]] = []  # option index -> ("agenda" | "member" | "commitments", index)

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="debate-meta")
        with Horizontal(id="debate-body"):
            yield DebateList(id="debate-list")
            with VerticalScroll(id="debate-detail-pane"):
                yield Static(id="debate-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "briefing_version", self._changed, init=True)
        self.watch(self.app, "corpus_version", self._changed, init=False)
        self.query_one("#debate-list", OptionList).focus()

    # --- computing ----------------------------------------------------------------------------
    def _changed(self, _version: int = 0) -> None:
        session, corpus = self.app.session, self.app.corpus
        meta = self.query_one("#debate-meta", Static)
        if session is None:
            meta.update("Geen briefing geopend: ctrl+n maakt een nieuwe, ctrl+o opent er een.")
            return
        if corpus is None:
            meta.update("De kennisbank wordt geladen…")
            return
        self._compute(session.briefing, corpus, self.app.briefing_version)

    @work(thread=True, exclusive=True, group="debate", exit_on_error=False)
    def _compute(self, briefing: Any, corpus: Any, version: int) -> None:
        from briefing_tui.debate import readiness

        debate = readiness(briefing, corpus)
        self.app.call_from_thread(self._show, debate, version)

    def _show(self, debate: "Debate", version: int) -> None:
        if version != self.app.briefing_version:
            return  # an edit came in meanwhile; its own computation follows
        self.debate = debate
        b = self.app.session.briefing
        when = format_nl(b.date) if b.date else "geen datum (f2)"
        overdue = len(debate.overdue)
        self.query_one("#debate-meta", Static).update(Content.assemble(
            (b.title or b.name, LABEL), "  ", (b.kind or "", DIM), "  ", when,
            "  ·  ", (f"{overdue} verlopen toezeggingen", "bold $text-error" if overdue else DIM),
            ("" if debate.dated else "  (gemeten op vandaag)", DIM)))
        options: list[Option | None] = []
        self._rows = []

        def header(text: str) -> None:
            options.append(Option(Content.styled(text, HEADING), disabled=True))
            self._rows.append(("", -1))

        header(f"Agenda ({len(debate.agenda)})")
        for i, a in enumerate(debate.agenda):
            held = sum(p.in_briefing for p in a.positions)
            late = sum(s.overdue for s in a.commitments)
            line2 = Content.assemble(
                (f"{held}/{len(a.positions)} standpunten in de briefing · {len(a.commitments)} open toezeggingen", DIM),
                ((f" · {late} {OVERDUE.lower()}", "bold $text-error") if late else ""),
                ((f" · {len(a.warnings)} let op", "bold $text-warning") if a.warnings else ""))
            options.append(Option(Content("\n").join([Content.assemble((f"{i + 1}. ", LABEL), a.heading), line2]), id=f"agenda-{i}"))
            self._rows.append(("agenda", i))
        if not debate.agenda:
            options.append(Option(Content.styled("geen agendapunten: a voegt er een toe", DIM), disabled=True))
            self._rows.append(("", -1))
        header(f"Leden ({len(debate.members)})")
        for i, r in enumerate(debate.members):
            who = f"{r.member.name} ({r.member.party})" if r.member.party else r.member.name
            facts = " · ".join(_count(n, one, many) for n, one, many in (
                (len(r.motions), "motie", "moties"), (len(r.amendments), "amendement", "amendementen"),
                (len(r.questions), "vraag", "vragen")))
            options.append(Option(Content("\n").join([Content(who), Content.styled(facts, DIM)]), id=f"member-{i}"))
            self._rows.append(("member", i))
        if not debate.members:
            options.append(Option(Content.styled("geen leden: f2 voegt ze toe", DIM), disabled=True))
            self._rows.append(("", -1))
        header("Toezeggingen")
        options.append(Option(Content.assemble("Alle toezeggingen met termijn",
                                               (f" · {overdue} {OVERDUE.lower()}", "bold $text-error") if overdue else ""),
                              id="commitments"))
        self._rows.append(("commitments", 0))
        listing = self.query_one("#debate-list", OptionList)
        before = listing.highlighted
        listing.set_options(options)
        first = next((n for n, (kind, _) in enumerate(self._rows) if kind), None)
        target = before if before is not None and before < len(self._rows) and self._rows[before][0] else first
        if target is not None:
            listing.highlighted = target
        self._detail()

    # --- the detail pane ------------------------------------------------------------------------
    def _current(self) -> tuple[str, int]:
        listing = self.query_one("#debate-list", OptionList)
        n = listing.highlighted
        return self._rows[n] if n is not None and 0 <= n < len(self._rows) else ("", -1)

    @on(OptionList.OptionHighlighted, "#debate-list")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        debate, corpus = self.debate, self.app.corpus
        pane = self.query_one("#debate-detail", Static)
        if debate is None or corpus is None:
            return
        kind, i = self._current()
        if kind == "agenda" and i < len(debate.agenda):
            pane.update(agenda_detail(debate.agenda[i], corpus))
        elif kind == "member" and i < len(debate.members):
            pane.update(member_detail(debate.members[i], corpus))
        elif kind == "commitments":
            pane.update(commitments_detail(debate))
        self.query_one("#debate-detail-pane", VerticalScroll).scroll_home(animate=False)

    # --- editing the agenda ----------------------------------------------------------------------
    def action_edit_details(self) -> None:
        if self._briefing() is not None:
            self.app.edit_briefing_details()

    def _briefing(self) -> Any:
        session = self.app.session
        if session is None:
            self.app.notify("Open eerst een briefing (ctrl+o) of maak er een (ctrl+n).", severity="warning")
            return None
        return session.briefing

    def action_add_agenda(self) -> None:
        from briefing_tui.tui.screens.text_edit import TextEditScreen

        briefing = self._briefing()
        if briefing is None:
            return

        def done(text: str | None) -> None:
            if not text or not text.strip():
                return
            from briefing_tui.agenda import agenda_entry

            briefing.agenda.append(agenda_entry(text, self.app.corpus))
            briefing.dirty = True
            self.app.briefing_edited()
            self.app.notify("Agendapunt toegevoegd", markup=False)

        self.app.push_screen(TextEditScreen(
            "Agendapunt toevoegen", single_line=True,
            context="Een bron uit de kennisbank (id), een Kamerstuknummer ('33 694, nr. 45') of vrije tekst; "
                    "'…=Kop' geeft het een eigen kop."), done)

    def action_edit_heading(self) -> None:
        from briefing_tui.tui.screens.text_edit import TextEditScreen

        briefing = self._briefing()
        kind, i = self._current()
        if briefing is None or kind != "agenda" or i >= len(briefing.agenda):
            self.app.notify("Kies eerst een agendapunt.", severity="warning")
            return
        entry = briefing.agenda[i]

        def done(text: str | None) -> None:
            if text is None:
                return
            entry.heading = " ".join(text.split()) or None
            briefing.dirty = True
            self.app.briefing_edited()

        self.app.push_screen(TextEditScreen("Kop van het agendapunt", entry.heading or "", single_line=True), done)

    def action_remove(self) -> None:
        briefing = self._briefing()
        if briefing is None:
            return
        kind, i = self._current()
        if kind == "agenda" and i < len(briefing.agenda):
            briefing.agenda.pop(i)
            what = "Agendapunt verwijderd"
        elif kind == "member" and i < len(briefing.members):
            briefing.members.pop(i)
            what = "Lid verwijderd"
        else:
            self.app.notify("Kies eerst een agendapunt of lid.", severity="warning")
            return
        briefing.dirty = True
        self.app.briefing_edited()
        self.app.notify(what, markup=False)
