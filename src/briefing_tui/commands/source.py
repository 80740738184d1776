"""`briefing source set ID [--number …] [--year …] [--date …] [--title …] [--minister …] --evidence URL`:
complete a source's metadata from its official publication.

Each field given is written to `content/sources/ID.yaml` and recorded under `established` with
the evidence (the officielebekendmakingen URL or id), and its `inferred` entry is dropped; the
citation then shows it without "afgeleid". Nothing is written when a value is not valid.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser("set", help="set metadata established from the official publication",
                       description="set metadata established from the official publication")
    for name, meta in (("--content", "DIR"), ("--briefings", "DIR")):  # also after `set`
        p.add_argument(name, metavar=meta, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("source_id", metavar="ID", help="the source id (content/sources/ID.yaml)")
    p.add_argument("--number", help="'Kamerstuk 35 925 X, nr. 90', 'kst-35925-X-90' or an Aanhangsel number")
    p.add_argument("--year", metavar="VERGADERJAAR", help="vergaderjaar of the Kamerstuk, e.g. 2021-2022 or 2021/22")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the document")
    p.add_argument("--title", help="the title of the official publication")
    p.add_argument("--minister", action="append", default=[], metavar="'NAME, ROLE'",
                   help="a signing minister, e.g. 'W.B. Hoekstra, minister van Buitenlandse Zaken' (repeatable)")
    p.add_argument("--evidence", required=True, metavar="URL",
                   help="the official publication the values come from (URL or id)")


def run(args: argparse.Namespace) -> int:
    from briefing_tui.sourcemeta import SourceMetaError, set_source_metadata
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))
    ministers = []
    for text in args.minister:
        name, _, role = text.partition(",")
        ministers.append({"name": name.strip(), **({"role": role.strip()} if role.strip() else {})})
    try:
        path, fields = set_source_metadata(
            ws.content, args.source_id, evidence=args.evidence, number=args.number, year=args.year,
            date=args.date, title=args.title, ministers=ministers or None)
    except SourceMetaError as exc:
        print(f"briefing source set: {exc}; niets geschreven", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"briefing source set: kan niet schrijven: {exc.strerror or exc}; niets geschreven", file=sys.stderr)
        return 1
    from briefing_tui.wording import say

    print(say("source.set_done", path=str(path), fields=", ".join(fields), evidence=args.evidence))
    return 0
