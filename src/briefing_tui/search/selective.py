"""Long queries found through their most selective words (speed machinery, switched on by length).

A question pasted whole has many units, and some of them are in most of a dossier's records
("internationale", "wapens", "kunstmatige intelligentie"). FTS5 answers their AND by opening every
form and compound of every unit, and a prefix it keeps no index for is first merged whole: at a
million records 50-200 ms for one question, whatever it finds; the partial matches then asked
with each unit left out in turn cost as much again per unit.

A record that has every unit has the `SELECTIVE_AND` units with the fewest records (the highest
weights in `ranking.concepts`) too. So from `SELECTIVE_UNITS` units on, the engine first asks FTS5
for the AND of those few (they are cheap: few records each), newest first. When that finds at
most `SELECTIVE_CAP` records, those are every candidate there is: each is read and scored
(`ranking.score_rows`), and the ones that say every concept are the full matches; the others are
the strongest partial matches (they have the query's rarest words). When it finds more, the next
rarest unit is added to the AND, up to all units but one; when even that finds too many, the query
is broad enough that FTS5's own AND of every unit costs no more than reading the candidates: the
engine asks FTS5 as before.

Whether a record says a concept is then decided by `ranking` (the unit's forms as patterns over
the text as the index folds it) instead of FTS5's MATCH. The two read the same folded text and
the same forms, and a test holds them to the same answers on the labelled queries and on
generated records: the FTS5 AND (the simple path) is the reference. `SearchEngine.count` asks the
same way, so the app's count once the keys rest is the total the search showed.
"""

from __future__ import annotations

import sqlite3

from briefing_tui.search.query import ParsedQuery
from briefing_tui.search.ranking import Concept
from briefing_tui.search.records import newest_sql

__all__ = ["SELECTIVE_AND", "SELECTIVE_CAP", "SELECTIVE_UNITS", "by_selectivity", "candidates"]

SELECTIVE_UNITS = 4  # a query of this many units or more is first asked through its rarest ones
SELECTIVE_AND = 3  # the AND of this many of them (the highest weights)
SELECTIVE_CAP = 500  # candidates read and scored at most; more: one rare unit more, up to all but one


def by_selectivity(cs: list[Concept]) -> list[int]:
    """The units' positions, the most selective (highest weight) first; ties in query order."""
    return sorted(range(len(cs)), key=lambda i: -cs[i].weight)


def candidates(conn: sqlite3.Connection, parsed: ParsedQuery, cs: list[Concept], filt: str,
               params: list) -> list[int] | None:
    """The row ids (newest first) of the records with the `SELECTIVE_AND` most selective units,
    with the filters (`filt`: " AND ..." over records_fts joined with records r): a superset of the
    full matches. None when the plan does not apply: fewer than `SELECTIVE_UNITS` units, a unit
    with nothing to match, or more than `SELECTIVE_CAP` candidates."""
    n = len(parsed.units)
    if n < SELECTIVE_UNITS:
        return None
    parts = [u.fts(plan=parsed.plan) for u in parsed.units]
    if not all(parts):
        return None
    order = by_selectivity(cs)
    sql = newest_sql(filt, SELECTIVE_CAP + 1)
    for k in range(SELECTIVE_AND, n):  # one rare unit more while there are too many (all n: FTS5's own AND)
        match = " AND ".join(f"({parts[i]})" for i in sorted(order[:k]))
        rids = [rid for (rid,) in conn.execute(sql, [match, *params])]
        if len(rids) <= SELECTIVE_CAP:
            return rids
    return None
