"""`briefing` without a command: open the app.

Only argparse-level work happens here until `run` has resolved the workspace; Textual and the
app are imported after that, so a mistyped option costs no Textual import.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from briefing_tui.workspace import Workspace

    workspace = Workspace.resolve(
        content=getattr(args, "content", None),
        briefings=getattr(args, "briefings", None),
    )
    if not workspace.content.is_dir():
        print(
            f"briefing: geen content-map gevonden op {workspace.content} "
            "(geef --content DIR of zet BRIEFING_CONTENT)",
            file=sys.stderr,
        )
        return 2

    from briefing_tui.atomic import clean_stale

    clean_stale(workspace.briefings)  # what a save killed last time left behind

    from briefing_tui.tui.app import create_app

    app = create_app(workspace)
    app.run()
    return int(app.return_code or 0)
