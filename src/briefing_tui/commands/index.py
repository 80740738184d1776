"""`briefing index [--rebuild]`: bring the search index up to date and say what was done.

    $ briefing index
    index up to date (5 sources, 187 statements, 134 passages, ...; 0 files changed) in 3 ms
    $ briefing index
    re-indexed 1 file (changed: domains/laws.yaml): 80 records written; now 5 sources, ...; in 90 ms

Only files whose content changed are read again (see `briefing_tui.index`). The index lives in
the cache folder ($BRIEFING_CACHE, else ~/.cache/briefing-tui), never in the repository. When
content files have problems, they are indexed as far as they load, and a one-line warning on
stderr points at `briefing check`. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="throw the index away and build it from content/ again")


def problems_warning(n: int | None) -> str | None:
    if not n:
        return None
    what = "problem" if n == 1 else "problems"
    return f"warning: {n} content {what}; the rest is indexed (run `briefing check` for details)"


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from briefing_tui.index import rebuild_index, update_index
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))
    try:
        report = rebuild_index(ws) if getattr(args, "rebuild", False) else update_index(ws)
    except (OSError, sqlite3.Error) as exc:
        print(f"briefing index: cannot write the index at {ws.index_path}: {exc}", file=sys.stderr)
        return 1
    print(report)
    warning = problems_warning(report.problems)
    if warning:
        print(warning, file=sys.stderr)
    return 0
