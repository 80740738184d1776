"""`briefing index [--rebuild]`: bring the search index up to date and say what was done.

    $ briefing index
    index is bijgewerkt (5 bronnen, 187 standpunten, 134 passages, ...; 0 bestanden gewijzigd) in 3 ms
    $ briefing index
    1 bestand opnieuw geïndexeerd (gewijzigd: domains/laws.yaml): 80 records geschreven; nu 5 bronnen, ...

Only files whose content changed are read again (see `briefing_tui.store`). `--rebuild` builds
the index and every derived cache from scratch. The index lives in the cache folder
($BRIEFING_CACHE, else ~/.cache/briefing-tui), never in the repository. A damaged index is
found and rebuilt. When content files have problems, they are indexed as far as they load, and
a one-line warning on stderr points at `briefing check`. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true",
                        help="de index en alle afgeleide gegevens weggooien en opnieuw opbouwen uit content/")


def problems_warning(n: int | None) -> str | None:
    from briefing_tui.wording import say

    return say("index.content_problems", n=n) if n else None


def run(args: argparse.Namespace) -> int:
    from briefing_tui.commands.knowledge import open_knowledge_base
    from briefing_tui.wording.index import report_text

    rebuild = bool(getattr(args, "rebuild", False))
    # Every file checked, whatever the folder's size; with --rebuild, built once from scratch.
    kb = open_knowledge_base(args, "index", thorough=True, rebuild=rebuild)
    if kb is None:
        return 1
    from briefing_tui.commands.progress import progress_bar

    with kb, progress_bar("index opbouwen") as progress:
        kb.progress = progress
        if rebuild:
            report = kb.report
        elif kb.check_index() is not None:  # damaged although its header reads: build it again
            report = kb.rebuild()
            report.reason = "damaged"
        else:
            report = kb.report
    print(report_text(report))
    warning = problems_warning(report.problems)
    if warning:
        print(warning, file=sys.stderr)
    return 0
