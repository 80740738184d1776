"""`briefing debate BRIEFING [--json] [--ics FILE]`: the debate view on the command line.

Per agenda item: the current positions on its topics with their date, the open and overdue
commitments with their due range, the motions with their status, earlier questions, and what is
missing, superseded or stale in the briefing. Then the members with their motions, amendments,
questions and the commitments that name them, and every overdue commitment. `--json` prints the
contract of docs/briefing-format.md ("The debate"); `--ics FILE` writes the due dates of the
open commitments as a calendar (atomically). Never imports Textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("briefing", metavar="BRIEFING", help="a briefing name (briefings/NAME.yaml) or the path of a briefing file")
    parser.add_argument("--json", action="store_true", help="print the debate view as JSON")
    parser.add_argument("--ics", metavar="FILE", help="write the due dates of the open commitments as an iCalendar file")


def _err(message: str) -> None:
    print(f"briefing debate: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from briefing_tui.atomic import atomic_write_bytes
    from briefing_tui.briefing import BriefingError, load_briefing
    from briefing_tui.commands.export import briefing_path
    from briefing_tui.commands.knowledge import open_knowledge_base, workspace
    from briefing_tui.debate import readiness, to_json
    from briefing_tui.ics import calendar
    from briefing_tui.wording import say

    ws = workspace(args)
    source = briefing_path(args.briefing, ws.briefings)
    if not source.is_file():
        _err(say("debate.no_briefing", path=str(source)))
        return 1
    kb = open_knowledge_base(args, "debate")
    if kb is None:
        return 1
    with kb:
        corpus = kb.corpus
    if corpus.errors():
        print(say("debate.content_problems", n=len(corpus.errors())), file=sys.stderr)
    try:
        briefing, problems = load_briefing(source, corpus)
    except BriefingError as exc:
        _err(str(exc))
        return 1
    for p in problems:
        print(str(p), file=sys.stderr)
    debate = readiness(briefing, corpus)
    if args.ics:
        target = Path(args.ics)
        try:
            atomic_write_bytes(target, calendar(debate, corpus).encode("utf-8"))
        except OSError as exc:
            _err(say("debate.cannot_write", path=str(target), reason=exc.strerror or str(exc)))
            return 1
        print(say("debate.ics_written", path=str(target)), file=sys.stderr)
    if args.json:
        json.dump(to_json(debate), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not args.ics:
        sys.stdout.write(render_text(briefing, debate, corpus))
    return 0


def render_text(briefing, debate, corpus) -> str:
    """The debate view as plain Dutch text: agenda items, members, overdue commitments."""
    from briefing_tui.dates import format_nl
    from briefing_tui.deadlines import describe_range
    from briefing_tui.wording import say
    from briefing_tui.export.pack import STATUS_NL

    def one_line(text: str, width: int = 90) -> str:
        text = " ".join((text or "").split())
        return text if len(text) <= width else text[: width - 1] + "…"

    def has(flag: bool) -> str:
        return "✓" if flag else "·"

    def commitment(s) -> str:
        flag = "VERLOPEN " if s.overdue else ""
        due = describe_range(s.due)
        evidence = f" (‘{s.due.evidence}’)" if s.due is not None and not s.due.none and s.due.evidence else ""
        return f"{has(s.in_briefing)} {flag}{s.commitment.id} · {STATUS_NL.get(s.commitment.status, s.commitment.status)} · termijn {due}{evidence}"

    out: list[str] = []
    head = f"{briefing.title or briefing.name}"
    out.append(head)
    meta = [briefing.kind, format_nl(briefing.date) if briefing.date else "datum debat niet gezet", briefing.committee]
    out.append(" · ".join(m for m in meta if m))
    out.append(f"Termijnen gemeten op {format_nl(debate.on.isoformat())}" + ("" if briefing.date else " (vandaag)"))
    out.append("✓ = staat in de briefing, · = ontbreekt")
    if not debate.agenda:
        out += ["", "Geen agenda: voeg stukken toe met `briefing new … --agenda ID` of in de app."]
    for n, a in enumerate(debate.agenda, 1):
        out += ["", f"Agendapunt {n}: {a.heading}"]
        if a.resolved.entry.heading:
            out.append(f"  Stuk: {a.resolved.label}")
        held = sum(p.in_briefing for p in a.positions)
        out.append(f"  Huidige standpunten ({len(a.positions)}, waarvan {held} in de briefing):")
        for p in a.positions:
            when = format_nl(p.date) if p.date else "datum onbekend"
            out.append(f"    {has(p.in_briefing)} {p.statement.id} · {when} · {one_line(p.statement.position, 70)}")
        out.append(f"  Open toezeggingen ({len(a.commitments)}):")
        out += [f"    {commitment(s)}" for s in a.commitments] or ["    geen"]
        out.append(f"  Moties en amendementen ({len(a.motions)}):")
        out += [f"    {m.id} · {one_line(m.title, 70)}" for m in a.motions] or ["    geen"]
        out.append(f"  Eerdere vragen ({len(a.questions)}): " + (", ".join(a.questions) or "geen"))
        if a.warnings:
            out.append("  Let op:")
            out += [f"    - {say(w.code, **w.data)}" for w in a.warnings]
    out += ["", "Leden"]
    if not debate.members:
        out.append("  geen leden opgegeven (`--member \"Koopmans (VVD)\"`)")
    for r in debate.members:
        who = f"{r.member.name} ({r.member.party})" if r.member.party else r.member.name
        out.append(f"  {who}")
        out.append("    Moties: " + (", ".join(f"{m.id} ({one_line(m.title, 60)})" for m in r.motions) or "geen in de kennisbank"))
        out.append("    Amendementen: " + (", ".join(f"{m.id} ({one_line(m.title, 60)})" for m in r.amendments) or "geen in de kennisbank"))
        out.append("    Vragen en antwoorden: " + (", ".join(r.questions) or "geen in de kennisbank"))
        out.append("    Toezeggingen aan dit lid: " + (", ".join(r.commitments) or "geen"))
        out.append("    Stemgedrag partij: " + (", ".join(f"{v.motion}: {v.vote}" for v in r.votes) or "niet vastgelegd in de kennisbank"))
    overdue = debate.overdue
    out += ["", f"Verlopen toezeggingen ({len(overdue)})"]
    out += [f"  {commitment(s)}" for s in overdue] or ["  geen"]
    return "\n".join(out) + "\n"
