"""The debate's sections of the pack, built with the pack's own builder (citations, flags).

After the six sections of the briefing, before the source list:

- **Agenda en kabinetslijn** (when the briefing has an agenda): per
  agenda item its heading and stuk, the cabinet's line on its topics as the briefing holds it
  (the officer's adapted line where given, each cited, superseded ones flagged), and how many
  open and overdue commitments and current positions there are on its topics;
- **Open en verlopen toezeggingen** (when the briefing has an agenda): the commitments still to
  be kept on the agenda's topics or in the briefing, overdue ones first and flagged, each with
  its due range and the phrase it was read from, cited;
- **Leden en eerdere inbreng** (when the briefing names members): per member the motions,
  amendments and questions in the knowledge base, with their status and citation, the
  commitments that name them, and their party's votes where recorded.

The measure of "overdue" is the debate date. Without one the pack does not judge overdue (it
would depend on the day of the export) and says so; the app and `briefing debate` use today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui import citations
from briefing_tui.dates import format_nl
from briefing_tui.debate import Debate, readiness
from briefing_tui.deadlines import describe_range

if TYPE_CHECKING:  # pragma: no cover
    from briefing_tui.export.pack import Inline, _Builder

OVERDUE_FLAG = "VERLOPEN"


def debate_of(builder: "_Builder") -> Debate | None:
    b = builder.b
    if not (b.agenda or b.members):
        return None
    cached = getattr(builder, "_debate", None)
    if cached is None:
        cached = readiness(b, builder.c)
        builder._debate = cached  # type: ignore[attr-defined]
    return cached


def agenda_section(builder: "_Builder") -> None:
    from briefing_tui.export.pack import Text

    debate = debate_of(builder)
    if debate is None or not debate.agenda:
        return
    c = builder.c
    builder.add("heading", Text("Agenda en kabinetslijn"), level=1)
    held = [(item, c.statements[item.ref]) for _, _, item in builder.b.items()
            if item.kind == "statement" and item.ref in c.statements]
    for n, a in enumerate(debate.agenda, 1):
        builder.add("heading", Text(f"{n}. {a.heading}"), level=2)
        if a.resolved.source is not None:
            src = c.sources[a.resolved.source]
            builder.add("para", Text("Stuk: ", bold=True), Text(citations.source_list_entry(src)), builder.cite(src.id))
        else:
            builder.add("para", Text("Stuk: ", bold=True), Text(a.resolved.label),
                        Text(" (niet in de kennisbank)", italic=True))
        topics = {p.statement.topic for p in a.positions}
        lines = [(item, st) for item, st in held if st.topic in topics]
        seen: set[str] = set()
        if lines:
            builder.add("para", Text("Kabinetslijn:", italic=True))
        for item, st in lines:
            if st.id in seen:
                continue
            seen.add(st.id)
            inl: list[Inline] = [Text(f"{builder.statement_date(st)}: ", bold=True)]
            inl += [Text(item.position)] if item.position else builder.prose(st.position)
            inl.append(builder.cite(st.source, st.locator))
            if item.position:
                inl.append(Text(" (aangepaste standpuntlijn)", italic=True))
            inl += builder.superseded_inline(st)
            builder.add("bullet", *inl)
        if not lines:
            builder.add("warning", Text("LET OP: ", bold=True),
                        Text(f"de briefing bevat nog geen standpunt bij dit agendapunt "
                             f"({len(a.positions)} huidige standpunten in de kennisbank)."))
        overdue = sum(s.overdue for s in a.commitments) if debate.dated else 0
        facts = [f"{len(a.positions)} huidige standpunten", f"{len(a.commitments)} open toezeggingen"]
        if overdue:
            facts.append(f"waarvan {overdue} verlopen")
        facts.append(f"{len(a.motions)} moties en amendementen")
        facts.append(f"{len(a.questions)} eerdere vragen")
        builder.add("para", Text("In de kennisbank: ", italic=True), Text(", ".join(facts) + "."))


def commitments_section(builder: "_Builder") -> None:
    from briefing_tui.export.pack import STATUS_NL, Text

    debate = debate_of(builder)
    if debate is None or not debate.agenda:
        return
    wanted: dict[str, object] = {}
    for a in debate.agenda:
        for s in a.commitments:
            wanted.setdefault(s.commitment.id, s)
    for s in debate.commitments:
        if s.in_briefing and s.commitment.status != "fulfilled":
            wanted.setdefault(s.commitment.id, s)
    states = [s for s in debate.commitments if s.commitment.id in wanted]
    # Overdue first (only with a debate date: the order must not depend on the day of export),
    # then by the end of the due range, then by id.
    states.sort(key=lambda s: (not (s.overdue and debate.dated), s.due.end if s.due and s.due.end else "9999",
                               s.commitment.id))
    if not states:
        return
    builder.add("heading", Text("Open en verlopen toezeggingen"), level=1)
    lead = f"{len(states)} toezeggingen op de onderwerpen van de agenda zijn nog niet (geheel) nagekomen"
    if debate.dated:
        overdue = sum(s.overdue for s in states)
        lead += f"; {overdue} daarvan {'is' if overdue == 1 else 'zijn'} verlopen op {format_nl(debate.date)}."
    else:
        lead += "; de briefing heeft geen debatdatum, dus verlopen termijnen zijn niet gemarkeerd."
    builder.add("para", Text(lead + " De termijn is afgeleid uit de tekst van de toezegging, tenzij anders vermeld."))
    for s in states:
        cm = s.commitment
        inl: list[Inline] = []
        if s.overdue and debate.dated:
            inl += [Text(OVERDUE_FLAG, bold=True, flag=True), Text(": ")]
        inl += builder.prose(" ".join(cm.text.split()))
        inl.append(builder.cite(cm.source, cm.locator or None))
        inl += [Text(" — "), Text("Termijn: ", bold=True), Text(describe_range(s.due))]
        if s.due is not None and s.due.evidence and not s.due.none:
            origin = "volgens de kennisbank" if s.due.origin == "content" else "uit de tekst"
            inl.append(Text(f" (‘{s.due.evidence}’, {origin})"))
        inl += [Text("; "), Text("status: ", bold=True), Text(STATUS_NL.get(cm.status, cm.status))]
        if cm.made_on:
            inl.append(Text(f"; toegezegd {citations.mark_inferred(format_nl(cm.made_on), 'made_on' in cm.inferred)}"))
        builder.add("bullet", *inl)


def members_section(builder: "_Builder") -> None:
    from briefing_tui.export.pack import STATUS_NL, Text

    debate = debate_of(builder)
    if debate is None or not debate.members:
        return
    c = builder.c
    builder.add("heading", Text("Leden en eerdere inbreng"), level=1)
    for r in debate.members:
        who = f"{r.member.name} ({r.member.party})" if r.member.party else r.member.name
        builder.add("heading", Text(who), level=2)
        if not (r.motions or r.amendments or r.questions or r.commitments):
            builder.add("para", Text("Geen moties, amendementen of vragen van dit lid in de kennisbank.", italic=True))
            continue
        for label, records in (("Motie", r.motions), ("Amendement", r.amendments)):
            for mo in records:
                inl: list[Inline] = [Text(f"{label}: ", bold=True), Text(mo.title)]
                if mo.request_source and mo.request_source in c.sources:
                    inl.append(builder.cite(mo.request_source, mo.request_locator or None))
                elif mo.follow_up:
                    inl.append(builder.cite(mo.follow_up[0].source, mo.follow_up[0].locator or None))
                if mo.date:
                    inl.append(Text(f" ({citations.mark_inferred(format_nl(mo.date), 'date' in mo.inferred)})"))
                if "submitters" in mo.inferred:
                    inl.append(Text(" (indiener afgeleid)", italic=True))
                builder.add("bullet", *inl)
                if mo.official.get("besluit"):
                    builder.add("bullet", Text("Besluit van de Kamer: ", bold=True), Text(mo.official["besluit"]))
                if mo.status:
                    status = builder.prose(" ".join(mo.status.split()))
                    builder.add("bullet", Text("Status: ", bold=True), *status)
                for v in r.votes:
                    if v.motion == mo.id:
                        builder.add("bullet", Text("Stemming: ", bold=True), Text(f"{v.party} stemde {v.vote.lower()}"))
        for qid in r.questions:
            qa = c.qa[qid]
            builder.add("bullet", Text(f"Vraag {qa.number}: ", bold=True), Text(" ".join(qa.question.split())),
                        builder.cite(qa.source, f"Vraag {qa.number}"))
            if qa.answer:
                builder.add("bullet", Text("Antwoord: ", bold=True), Text(" ".join(qa.answer.split())),
                            builder.cite(qa.source, qa.answer_locator))
        for cid in r.commitments:
            cm = c.commitments[cid]
            builder.add("bullet", Text("Toezegging: ", bold=True), *builder.prose(" ".join(cm.text.split())),
                        builder.cite(cm.source, cm.locator or None),
                        Text(f" (status: {STATUS_NL.get(cm.status, cm.status)})"))
