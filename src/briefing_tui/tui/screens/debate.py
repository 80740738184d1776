"""The debate view (f5): per agenda item what is current, promised and due; the members; overdue.

The left list holds the agenda items, the members and the commitments; the right list shows the
highlighted one in full (`tab` moves there; `enter` previews a record, `ctrl+t` adds it to the
briefing, so what is missing is added from here): for an agenda item its current positions (✓ in the briefing, · not),
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
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.citations import cite_short
from briefing_tui.dates import format_nl
from briefing_tui.labels import COMMITMENT_STATUS_LABELS
from briefing_tui.tui.widgets.key_footer import KeyFooter
from briefing_tui.tui.render import DIM, HEADING, LABEL, SUPERSEDED_STYLE, dated

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
    c = s.commitment
    parts += [(HELD if s.in_briefing else MISSING) + " ", (f"toegezegd {dated(c.made_on, 'made_on' in c.inferred)}", LABEL),
              "  ", (COMMITMENT_STATUS_LABELS.get(c.status, c.status), DIM)]
    parts += ["\n    termijn: ", describe_range(s.due)]
    if s.due is not None and s.due.evidence and not s.due.none:
        origin = "kennisbank" if s.due.origin == "content" else "uit de tekst"
        parts += [(f"  (‘{s.due.evidence}’, {origin})", DIM)]
    parts += ["\n    ", " ".join(s.commitment.text.split())]
    return Content.assemble(*parts)


# A row of the detail list: its text, and the record it shows as (kind, id), or None.
Row = tuple[Content, "tuple[str, str] | None"]


def _head(text: str, style: str = HEADING) -> Row:
    return Content.styled(text, style), None


def _note(text: str) -> Row:
    return Content.styled(text, DIM), None


def _motion_rows(m: Any, corpus: Any) -> list[Row]:
    parts: list[Any] = [(m.title, LABEL)]
    if m.official.get("besluit"):
        parts += ["\n    ", ("Besluit: ", DIM), m.official["besluit"]]
    parts += ["\n    ", ("Status: ", DIM), " ".join((m.status or "onbekend").split())]
    rows: list[Row] = [(Content.assemble(*parts), ("motion", m.id))]
    for f in m.follow_up:
        if f.summary:
            src = corpus.sources.get(f.source)
            where = cite_short(src, f.locator or None) if src else f.source
            rows.append((Content.assemble("    ↳ ", " ".join(f.summary.split()), (f"  ({where})", DIM)), ("motion", m.id)))
    return rows


def agenda_rows(a: "AgendaReadiness", corpus: Any) -> list[Row]:
    from briefing_tui.wording import say

    rows: list[Row] = [_head(a.heading)]
    if a.resolved.entry.heading:
        rows.append((Content.assemble(("Stuk: ", DIM), a.resolved.label), None))
    if a.warnings:
        rows.append(_head("Let op", "bold $text-warning"))
        rows += [(Content.assemble(("! ", "bold $text-warning"), say(w.code, **w.data)), None) for w in a.warnings]
    held = sum(p.in_briefing for p in a.positions)
    rows.append(_head(f"Huidige standpunten ({len(a.positions)}, {held} in de briefing)"))
    for p in a.positions:
        rows.append((Content.assemble(
            (HELD if p.in_briefing else MISSING) + " ", (format_nl(p.date) or "datum onbekend", DIM), "  ",
            (p.statement.topic, DIM), "\n    ", " ".join(p.statement.position.split())), ("statement", p.statement.id)))
    rows.append(_head(f"Open toezeggingen ({len(a.commitments)})"))
    rows += [(_due_line(s), ("commitment", s.commitment.id)) for s in a.commitments] or [_note("geen")]
    rows.append(_head(f"Moties en amendementen ({len(a.motions)})"))
    for m in a.motions:
        rows += _motion_rows(m, corpus)
    if not a.motions:
        rows.append(_note("geen"))
    rows.append(_head(f"Eerdere vragen ({len(a.questions)})"))
    for qid in a.questions:
        qa = corpus.qa.get(qid)
        if qa is not None:
            rows.append((Content.assemble((f"Vraag {qa.number}: ", LABEL), " ".join(qa.question.split())), ("qa", qid)))
    if not a.questions:
        rows.append(_note("geen"))
    return rows


def member_rows(r: "MemberRecord", corpus: Any) -> list[Row]:
    who = f"{r.member.name} ({r.member.party})" if r.member.party else r.member.name
    rows: list[Row] = [_head(who)]
    for label, records in (("Moties", r.motions), ("Amendementen", r.amendments)):
        rows.append(_head(f"{label} ({len(records)})"))
        for m in records:
            rows += _motion_rows(m, corpus)
        if not records:
            rows.append(_note("geen in de kennisbank"))
    rows.append(_head(f"Vragen en antwoorden ({len(r.questions)})"))
    for qid in r.questions:
        qa = corpus.qa[qid]
        rows.append((Content.assemble((f"Vraag {qa.number}: ", LABEL), " ".join(qa.question.split()),
                                      "\n    ", ("Antwoord: ", DIM), " ".join((qa.answer or "").split())), ("qa", qid)))
    if not r.questions:
        rows.append(_note("geen vragen van dit lid in de kennisbank"))
    rows.append(_head(f"Toezeggingen aan of over dit lid ({len(r.commitments)})"))
    for cid in r.commitments:
        c = corpus.commitments[cid]
        rows.append((Content.assemble((f"toegezegd {dated(c.made_on, 'made_on' in c.inferred)}", LABEL), "  ",
                                      (COMMITMENT_STATUS_LABELS.get(c.status, c.status), DIM),
                                      "\n    ", " ".join(c.text.split())), ("commitment", cid)))
    rows.append(_head("Stemgedrag van de partij"))
    titles = {m.id: m.title for m in (*r.motions, *r.amendments)}
    rows += [(Content(f"{titles.get(v.motion) or corpus.motions[v.motion].title}: {v.party} stemde {v.vote.lower()}"),
              ("motion", v.motion)) for v in r.votes] or [
        _note("niet vastgelegd in de kennisbank")]
    return rows


def commitments_rows(debate: "Debate") -> list[Row]:
    rows: list[Row] = [_head("Toezeggingen met hun termijn")]
    rows.append(_note(f"verlopen gemeten op {format_nl(debate.on.isoformat())}"
                      + ("" if debate.dated else " (vandaag: de briefing heeft geen debatdatum)")))
    rows += [(_due_line(s), ("commitment", s.commitment.id)) for s in debate.commitments]
    return rows


class DebateDetail(OptionList):
    """The highlighted entry in full; a record in it is previewed with enter and added with ctrl+t."""

    BINDINGS = [
        Binding("ctrl+t", "screen.add_record", "Toevoegen", id="debate.add"),
    ]

    _top_for: int | None = None  # the highlight a new entry opened with, shown from the entry's top

    def open_at_top(self) -> None:
        """Show the entry from its top (heading, warnings) with its first record highlighted: the
        option list would otherwise scroll that record into view whenever it is shown or laid out
        (when depends on timing), until the officer moves the highlight."""
        self._top_for = self.highlighted
        self.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self.scroll_home, animate=False, immediate=True)

    def scroll_to_highlight(self, top: bool = False) -> None:
        if self._top_for is not None and self.highlighted == self._top_for:
            return
        self._top_for = None
        super().scroll_to_highlight(top)


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
        self._records: list[tuple[str, str] | None] = []  # detail row -> (kind, id) of its record
        self._shown: tuple[str, int] | None = None  # the entry the detail shows

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="debate-meta")
        with Horizontal(id="debate-body"):
            yield DebateList(id="debate-list")
            yield DebateDetail(id="debate-detail")
        yield KeyFooter()

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
        if debate is None or corpus is None:
            return
        kind, i = self._current()
        if kind == "agenda" and i < len(debate.agenda):
            rows = agenda_rows(debate.agenda[i], corpus)
        elif kind == "member" and i < len(debate.members):
            rows = member_rows(debate.members[i], corpus)
        elif kind == "commitments":
            rows = commitments_rows(debate)
        else:
            return
        detail = self.query_one("#debate-detail", DebateDetail)
        same = self._shown == (kind, i)
        before = detail.highlighted if same else None
        self._shown = (kind, i)
        self._records = [record for _, record in rows]
        detail.set_options(Option(text, disabled=record is None) for text, record in rows)
        if before is not None and before < len(self._records) and self._records[before] is not None:
            detail.highlighted = before  # the same entry again (after an edit): stay where the officer was
            return
        detail.highlighted = next((n for n, record in enumerate(self._records) if record is not None), None)
        detail.open_at_top()  # a new entry opens at its top (heading, warnings), not at its first record

    def _record(self) -> "tuple[str, str] | None":
        detail = self.query_one("#debate-detail", DebateDetail)
        n = detail.highlighted
        return self._records[n] if n is not None and 0 <= n < len(self._records) else None

    @on(OptionList.OptionSelected, "#debate-detail")
    def _open_record(self, _event: OptionList.OptionSelected) -> None:
        from briefing_tui.tui.screens.preview import PreviewScreen

        record = self._record()
        if record is not None:
            self.app.push_screen(PreviewScreen(*record))

    def action_add_record(self) -> None:
        record = self._record()
        if record is None:
            self.app.notify("Kies eerst een standpunt, toezegging, motie of vraag.", severity="warning")
            return
        self.app.add_to_briefing(*record)

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
