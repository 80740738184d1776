"""`briefing new NAME`: create an empty briefing file in briefings/.

The file gets the debate metadata given on the command line (title, kind, committee, date,
`--member "Koopmans (VVD)"` and `--agenda ID`, each repeatable) and the six (empty) sections, so
it can be filled in the app or in an editor. An agenda ID is resolved against the content when
there is one: a source id, an official number, or else free text. An existing briefing is never overwritten.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAAM", help="bestandsnaam zonder extensie, bijv. cd-wapenbeheersing-2024")
    parser.add_argument("--title", metavar="TITEL", help="titel van het debat (standaard: NAAM)")
    parser.add_argument("--kind", metavar="SOORT", default="Commissiedebat", help="soort debat (standaard: Commissiedebat)")
    parser.add_argument("--committee", metavar="COMMISSIE", help="bijv. 'vaste commissie voor Buitenlandse Zaken'")
    parser.add_argument("--date", "--debate-date", dest="date", metavar="JJJJ-MM-DD", help="datum van het debat")
    parser.add_argument("--member", action="append", default=[], metavar='"NAAM (PARTIJ)"',
                        help='een deelnemend Kamerlid, bijv. "Koopmans (VVD)" (mag vaker)')
    parser.add_argument("--agenda", action="append", default=[], metavar="ID",
                        help="een stuk op de agenda: een bron-id, een officieel nummer ('33 694, nr. 45', "
                             "'kst-33694-45') of vrije tekst; 'ID=Kop' geeft het een eigen kop (mag vaker)")


def run(args: argparse.Namespace) -> int:
    from briefing_tui.agenda import agenda_entry, parse_member
    from briefing_tui.briefing import BriefingError, create_briefing, new_briefing
    from briefing_tui.commands.knowledge import content_problem, open_knowledge_base, workspace
    from briefing_tui.wording import say

    ws = workspace(args)
    try:
        members = [parse_member(m) for m in args.member]
    except ValueError:
        print("briefing new: " + say("debate.member_needs_name"), file=sys.stderr)
        return 1
    corpus = None
    if args.agenda and content_problem(ws) is None:
        # Resolve agenda ids against the knowledge base (source ids, official numbers).
        kb = open_knowledge_base(args, "new")
        if kb is None:
            return 1
        with kb:
            corpus = kb.corpus
    agenda = [agenda_entry(a, corpus) for a in args.agenda if a.strip()]
    try:
        briefing = new_briefing(
            args.name, title=args.title, kind=args.kind, committee=args.committee, date=args.date,
            members=members, agenda=agenda,
        )
        path = create_briefing(briefing, ws.briefings)
    except BriefingError as exc:
        print(f"briefing new: {exc}", file=sys.stderr)
        return 1
    if corpus is not None:
        from briefing_tui.briefing import check_references

        for p in check_references(briefing, corpus, str(path)):
            print(str(p), file=sys.stderr)
    print(path)
    return 0
