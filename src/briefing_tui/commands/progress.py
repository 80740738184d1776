"""Progress of long work on the command line: a rich progress bar on stderr (records done, rate,
time left) once the work has taken a second, and nothing at all when stderr is not a terminal
(piped, in scripts)."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

SHOW_AFTER = 1.0  # seconds: quick work shows nothing
REDRAW = 0.1  # seconds between two drawings of the bar


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress(done, total) callback, or None when there is no terminal to show it on."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True, auto_refresh=False)
    # Redrawn from `update` rather than by rich's refresh thread: a build forks worker processes
    # only while it is the process's single thread (see index.records.PassageSplitter).
    started = time.monotonic()
    task = None
    drawn = 0.0

    def update(done: int, total: int) -> None:
        nonlocal task, drawn
        elapsed = time.monotonic() - started
        if elapsed < SHOW_AFTER:
            return
        rate = f"{done / elapsed:,.0f}/s".replace(",", ".") if elapsed else ""
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total, rate=rate)
        bar.update(task, completed=done, total=total, rate=rate)
        if elapsed - drawn >= REDRAW or done >= total:
            drawn = elapsed
            bar.refresh()

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
