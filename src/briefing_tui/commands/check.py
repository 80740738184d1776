"""`briefing check`: validate all content.

Prints one `path:line: message` line per problem (errors first, then warnings; each sorted by
path and line; paths relative to the content folder's parent) and exits 1 when there is any
error. When the content is clean it prints a one-line summary and exits 0, e.g.

    content in orde: 5 bronnen, 142 standpunten, 12 toezeggingen, 2 moties, 5 vragen, 10 domeinen, 21 fora (2 waarschuwingen)

Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warnings",
        action=argparse.BooleanOptionalAction,
        default=None,  # None: yes (a default of True would add an English "(default: True)")
        help="ook waarschuwingen tonen (standaard: ja); een waarschuwing laat de controle nooit mislukken",
    )




def run(args: argparse.Namespace) -> int:
    from briefing_tui.content import load_content
    from briefing_tui.labels import plural as _plural
    from briefing_tui.wording import say
    from briefing_tui.validate import check
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))
    from briefing_tui.proposals.rejections import load_rejections

    corpus = load_content(ws.content)
    problems = check(corpus) + load_rejections(ws.content)[1]  # rejections.yaml: docs/proposals.md
    errors = sorted((p for p in problems if p.severity == "error"), key=lambda p: (p.path, p.line, p.message))
    warnings = sorted((p for p in problems if p.severity != "error"), key=lambda p: (p.path, p.line, p.message))
    shown = errors + (warnings if getattr(args, "warnings", None) is not False else [])
    out = sys.stdout
    for problem in shown:
        out.write(f"{problem}\n")
    if errors:
        print(
            say("cli.check.failed", errors=_plural(len(errors), "fout", "fouten"),
                warnings=_plural(len(warnings), "waarschuwing", "waarschuwingen")),
            file=sys.stderr,
        )
        return 1
    counts = ", ".join(
        (
            _plural(len(corpus.sources), "bron", "bronnen"),
            _plural(len(corpus.statements), "standpunt", "standpunten"),
            _plural(len(corpus.commitments), "toezegging", "toezeggingen"),
            _plural(len(corpus.motions), "motie", "moties"),
            _plural(len(corpus.qa), "vraag", "vragen"),
            _plural(len(corpus.domains), "domein", "domeinen"),
            _plural(len(corpus.forums), "forum", "fora"),
        )
    )
    note = f" ({_plural(len(warnings), 'waarschuwing', 'waarschuwingen')})" if warnings else ""
    out.write(say("cli.check.ok", counts=counts, note=note) + "\n")
    return 0
