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
    sub = parser.add_subparsers(dest="action", metavar="ACTIE", required=True)
    p = sub.add_parser("set", help="metadata vastleggen zoals de officiële publicatie ze vermeldt",
                       description="metadata vastleggen zoals de officiële publicatie ze vermeldt")
    for name, meta in (("--content", "DIR"), ("--briefings", "DIR")):  # also after `set`
        p.add_argument(name, metavar=meta, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("source_id", metavar="ID", help="het id van de bron (content/sources/ID.yaml)")
    p.add_argument("--number", metavar="NUMMER", help="'Kamerstuk 35 925 X, nr. 90', 'kst-35925-X-90' of een Aanhangselnummer")
    p.add_argument("--year", metavar="VERGADERJAAR", help="vergaderjaar van het Kamerstuk, bijv. 2021-2022 of 2021/22")
    p.add_argument("--date", metavar="JJJJ-MM-DD", help="de datum van het document")
    p.add_argument("--title", metavar="TITEL", help="de titel van de officiële publicatie")
    p.add_argument("--minister", action="append", default=[], metavar="'NAAM, FUNCTIE'",
                   help="een ondertekenende minister, bijv. 'W.B. Hoekstra, minister van Buitenlandse Zaken' (mag vaker)")
    p.add_argument("--evidence", required=True, metavar="URL",
                   help="de officiële publicatie waar de waarden uit komen (URL of id)")


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
