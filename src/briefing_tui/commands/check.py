"""`briefing check`: validate all content.

Prints one `path:line: message` line per problem (errors first, then warnings; each sorted by
path and line; paths relative to the content folder's parent) and exits 1 when there is any
error. When the content is clean it prints a one-line summary and exits 0, e.g.

    content OK: 5 sources, 142 statements, 12 commitments, 2 motions, 5 questions, 10 domains, 21 forums (2 warnings)

Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warnings",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also print warnings (default: yes); warnings never make the check fail",
    )


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def run(args: argparse.Namespace) -> int:
    from briefing_tui.content import load_content
    from briefing_tui.validate import check
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))
    from briefing_tui.proposals.rejections import load_rejections

    corpus = load_content(ws.content)
    problems = check(corpus) + load_rejections(ws.content)[1]  # rejections.yaml: docs/proposals.md
    errors = sorted((p for p in problems if p.severity == "error"), key=lambda p: (p.path, p.line, p.message))
    warnings = sorted((p for p in problems if p.severity != "error"), key=lambda p: (p.path, p.line, p.message))
    shown = errors + (warnings if getattr(args, "warnings", True) else [])
    out = sys.stdout
    for problem in shown:
        out.write(f"{problem}\n")
    if errors:
        print(
            f"content check failed: {_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}",
            file=sys.stderr,
        )
        return 1
    counts = ", ".join(
        (
            _plural(len(corpus.sources), "source"),
            _plural(len(corpus.statements), "statement"),
            _plural(len(corpus.commitments), "commitment"),
            _plural(len(corpus.motions), "motion"),
            _plural(len(corpus.qa), "question"),
            _plural(len(corpus.domains), "domain"),
            _plural(len(corpus.forums), "forum"),
        )
    )
    note = f" ({_plural(len(warnings), 'warning')})" if warnings else ""
    out.write(f"content OK: {counts}{note}\n")
    return 0
