"""Waiting for the app the way a user waits: until the screen shows what they asked for."""

from __future__ import annotations

import asyncio
import time


async def settle(pilot, app) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await app_pause(pilot)


async def app_pause(pilot) -> None:
    await pilot.pause(0.02)
    await asyncio.sleep(0)


async def index_ready(pilot, app) -> None:
    """The index is open and the knowledge base loaded (searching, previews, briefings)."""
    await wait_until(pilot, lambda: app.index_state != "loading", what="the index")
    assert app.index_state == "ready", app.index_error
    await wait_until(pilot, lambda: app.corpus is not None, what="the knowledge base")
    await settle(pilot, app)


async def search(pilot, app, text: str, *, every_key: bool = False, all_workers: bool = True) -> None:
    """Type a query in the search field and wait for its results.

    The last character (or, with every_key, every character) is a real keystroke; the rest is
    put in the field at once, which keeps the suite fast. With all_workers=False it waits for
    the search only, not for other background work.
    """
    screen = app.search_screen
    field = screen.query_one("#search-input")
    field.focus()
    keys = text if every_key else text[-1:]
    if not every_key:
        field.value += text[:-1]
        field.cursor_position = len(field.value)
    await pilot.press(*("space" if ch == " " else ch for ch in keys))
    results = screen.query_one("#results")
    await wait_until(
        pilot,
        lambda: screen.shown_generation == screen.generation and results.complete,
        what=f"results for {text!r}",
    )
    if all_workers:
        await settle(pilot, app)
    else:
        await pilot.pause()


def text_of(widget) -> str:
    """The plain text a Static shows."""
    content = widget.render()
    return getattr(content, "plain", str(content))
