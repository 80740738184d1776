"""`briefing new NAME`: create an empty briefing file in briefings/.

The file gets the debate metadata given on the command line and the six (empty) sections, so
it can be filled in the app or in an editor. An existing briefing is never overwritten.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="file name without extension, e.g. cd-wapenbeheersing-2024")
    parser.add_argument("--title", help="title of the debate (default: NAME)")
    parser.add_argument("--kind", default="Commissiedebat", help="kind of debate (default: Commissiedebat)")
    parser.add_argument("--committee", help="e.g. 'vaste commissie voor Buitenlandse Zaken'")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="date of the debate")


def run(args: argparse.Namespace) -> int:
    from briefing_tui.briefing import BriefingError, create_briefing, new_briefing
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))
    try:
        briefing = new_briefing(
            args.name, title=args.title, kind=args.kind, committee=args.committee, date=args.date
        )
        path = create_briefing(briefing, ws.briefings)
    except BriefingError as exc:
        print(f"briefing new: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0
