"""The list of hits fills in batches after the first screenful; a new list of hits shown while
batches of the old one are still due must not mix the two (or crash the app on a duplicate
option id, as it once did when a timer's call was already queued when the timer was stopped)."""

from __future__ import annotations

from types import SimpleNamespace

from textual.app import App, ComposeResult

from briefing_tui.tui.widgets.results_list import ResultsList


def _hit(n: int, word: str) -> SimpleNamespace:
    return SimpleNamespace(kind="statement", id=f"{word}-{n}", date="2022-05-13", source=None, current=True,
                           text=f"{word} {n}", snippet=f"{word} {n}", snippet_spans=None, domains=(), forums=(),
                           superseded_statements=(), key=False, partial=False, also=())


class _Host(App):
    def compose(self) -> ComposeResult:
        yield ResultsList(id="results")


class _Due:
    """Timers that fire only when the test says so: each call stays queued, as Textual's are once
    a timer has fired, even after `stop()`."""

    def __init__(self) -> None:
        self.calls: list = []

    def set_timer(self, delay, callback):
        self.calls.append(callback)
        return SimpleNamespace(stop=lambda: None)

    def run_all(self) -> None:
        while self.calls:
            self.calls.pop(0)()


def _shown(results: ResultsList) -> list[str]:
    return [str(results.get_option_at_index(i).prompt).splitlines()[1] for i in range(results.option_count)]  # the snippet


async def test_hits_shown_while_a_batch_is_due_replace_the_old_ones_whole():
    app = _Host()
    async with app.run_test(size=(80, 30)) as pilot:
        results = app.query_one(ResultsList)
        due = _Due()
        results.set_timer = due.set_timer  # type: ignore[method-assign]
        drones = [_hit(n, "drones") for n in range(30)]
        results.show_hits(drones)
        due.calls.pop(0)()  # the first batch after the screenful
        results.highlighted = 12  # the officer moved down the list
        stale = list(due.calls)  # the next batch of the drones, already due
        results.show_hits(drones[:3] + drones)  # the same hits again, three ahead: the highlighted one is 15th
        for call in stale:
            call()  # queued before the new hits came: must add nothing
        due.run_all()
        await pilot.pause()
        assert results.complete and results.option_count == 33
        assert _shown(results) == [f"drones {n}" for n in [0, 1, 2, *range(30)]]
        assert results.highlighted_hit is drones[12]

        cyber = [_hit(n, "cyber") for n in range(20)]
        results.show_hits(drones)
        stale = list(due.calls)
        results.show_hits(cyber)
        for call in stale:
            call()
        due.run_all()
        await pilot.pause()
        assert _shown(results) == [f"cyber {n}" for n in range(20)]
