"""A broad query's page from the window of matches it has already read (speed machinery).

A broad query (more than `RANK_ALL` matches) is listed from its first `RANK_ALL` matches in prior
order, in the passes of `BROAD_PASSES`: current key positions whose own words match, current
records whose own words match, those that match without compounds, any; then superseded
statements alike (see the engine's module doc). Asked of FTS5, each pass evaluates the query again
with a column filter; for a word that begins thousands of words ("technologi", which no prefix
index holds) or a synonym group of phrases, that is as costly as the window itself (100 ms at
27,500 sources, twice per keystroke).

Here the window's row ids (`SearchEngine._window` read them) are sorted into the passes instead:
their kind, key flag and currency from the records table, and, for the few rows a page needs,
whether each unit stands in the record's own words (text or quote, each on its own: a phrase never
spans the two) or anywhere (the filing context too), by `ranking._Counts` over the text as the
index folds it, with the unit's direct forms (all its forms when a unit has nothing but compounds:
then the FTS5 passes fall back to the whole query as well). A page that would need the words of
more than `CHECKED_AT_MOST` rows (few rows have the query in their own words) is asked of FTS5
after all, whose column filter finds those faster; so is a window that was quick to read (the
engine's `BROAD_FROM_WINDOW_MS`): FTS5 reads its passes lazily. The FTS5 passes are the
reference: a test lists every labelled query both ways with a small `RANK_ALL`.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterable

from briefing_tui.search.ranking import Concept, _Counts
from briefing_tui.search.records import by_rid
from briefing_tui.textnorm import index_text

__all__ = ["page_from_window"]

TEXTS_READ = 64  # rows whose texts are read at once, in the window's order
CHECKED_AT_MOST = 200  # rows whose words are looked at; a page that needs more is asked of FTS5


def page_from_window(conn: sqlite3.Connection, cs: list[Concept], direct_only: bool, window: list[int],
                     passes: Iterable[tuple[str, int, bool]], limit: int, key_number: int,
                     fold: Callable[[str], str] = index_text) -> list[tuple[int, float]] | None:
    """The page: (rid, score) with the score the pass (higher for an earlier one), as the FTS5
    passes give it. `passes`: (level, current, key) in order, deduplicated as the FTS5 ones are,
    level one of "own", "direct", "all"; `direct_only`: the units are asked by their direct forms
    (else by all of them). None when the page would need the words of more than
    `CHECKED_AT_MOST` rows (few of the window's rows have the query in their own words): FTS5's
    column filter finds those faster. `fold` as in `ranking.score_rows`."""
    passes = list(passes)
    flags = {rid: (int(current or 0), kind == "statement" and number == key_number)
             for rid, kind, number, current in by_rid(conn, "kind, number, current", window)}
    counts = _Counts(cs)
    levels: dict[int, int] = {}  # rid -> 2: own words, 1: anywhere (directly), 0: only as the query has it
    texts: dict[int, tuple[str, str, str]] = {}
    at = {rid: n for n, rid in enumerate(window)}

    def said(folded: str) -> list[bool]:
        direct, compound = counts.of(folded)
        return [bool(d or (not direct_only and c)) for d, c in zip(direct, compound)]

    class TooMany(Exception):
        pass

    def level(rid: int) -> int:
        got = levels.get(rid)
        if got is None:
            if len(levels) == CHECKED_AT_MOST:
                raise TooMany
            if rid not in texts:  # this row and the next ones of the window, read together
                for r, *values in by_rid(conn, "text, quote, context", window[at[rid]:at[rid] + TEXTS_READ]):
                    texts[r] = tuple(values)  # type: ignore[assignment]
            text, quote, context = (fold(v or "") for v in texts.get(rid, ("", "", "")))
            own = [a or b for a, b in zip(said(text), said(quote))]
            if all(own):
                got = 2
            else:
                anywhere = [a or b for a, b in zip(own, said(context))]
                got = 1 if all(anywhere) else 0
            levels[rid] = got
        return got

    need = {"own": 2, "direct": 1, "all": 0}
    rows: list[tuple[int, float]] = []
    taken: set[int] = set()
    try:
        for n, (name, current, key) in enumerate(passes):
            score = float(len(passes) - n)
            for rid in window:
                if len(rows) == limit:
                    return rows
                if rid in taken or rid not in flags:
                    continue
                is_current, is_key = flags[rid]
                if is_current != current or (key and not is_key):
                    continue
                if need[name] and level(rid) < need[name]:
                    continue
                taken.add(rid)
                rows.append((rid, score))
    except TooMany:
        return None
    return rows
