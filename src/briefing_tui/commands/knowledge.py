"""Opening the knowledge base for a command: the workspace from the arguments (and the
environment), a content folder that exists, and one Dutch line on stderr when it cannot open."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace


def workspace(args: argparse.Namespace) -> "Workspace":
    from briefing_tui.workspace import Workspace

    return Workspace.resolve(getattr(args, "content", None), getattr(args, "briefings", None))


def content_problem(ws: "Workspace") -> str | None:
    """Why the content folder cannot be a knowledge base (missing, not a folder, unreadable), or
    None. One stat: a folder of 30,000 sources is not walked for it."""
    from briefing_tui.files import root_problem
    from briefing_tui.wording import describe

    problem = root_problem(ws.content)
    return f"{ws.content}: {describe(problem)}" if problem is not None else None


def open_knowledge_base(args: argparse.Namespace, command: str, *, thorough: bool = False,
                        rebuild: bool = False) -> "KnowledgeBase | None":
    """The knowledge base, up to date; None after printing why it cannot be opened. A build that
    takes more than a second shows its progress on a terminal."""
    from briefing_tui.commands.progress import progress_bar
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.wording import say

    ws = workspace(args)
    problem = content_problem(ws)
    if problem is not None:
        print(f"briefing {command}: {problem}", file=sys.stderr)
        return None
    try:
        with progress_bar("index opbouwen") as progress:
            # A command searches once: no child process to score long lists (`search.helper`).
            kb = KnowledgeBase.open(ws, progress=progress, thorough=thorough, rebuild=rebuild, scoring_helper=False)
        kb.progress = None
        return kb
    except (OSError, sqlite3.Error) as exc:
        print(f"briefing {command}: " + say("index.cannot_write", path=str(ws.cache), reason=str(exc)), file=sys.stderr)
        return None


def update_after_writing(kb: "KnowledgeBase", written, command: str) -> bool:
    """Bring the index up to date after this command wrote these content files; False after
    printing why it could not (`KnowledgeBase.after_writing`)."""
    from briefing_tui.commands.progress import progress_bar
    from briefing_tui.wording import say

    try:
        with progress_bar("index opbouwen") as progress:  # should the update turn into a build
            kb.progress = progress
            kb.after_writing(written)
        return True
    except (OSError, sqlite3.Error) as exc:
        print(f"briefing {command}: " + say("index.cannot_write", path=str(kb.ws.cache), reason=str(exc)), file=sys.stderr)
        return False
    finally:
        kb.progress = None
