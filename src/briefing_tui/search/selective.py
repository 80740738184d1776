"""Long queries found through their most selective words (speed machinery, switched on by length).

A question pasted whole has many units, and some of them are in most of a dossier's records
("internationale", "wapens", "kunstmatige intelligentie"). FTS5 answers their AND by opening every
form and compound of every unit, and a prefix it keeps no index for is first merged whole: at a
million records 50-200 ms for one question, whatever it finds; the partial matches then asked
with each unit left out in turn cost as much again per unit.

A record that has every unit has the `SELECTIVE_AND` units with the fewest records
(`unit_records`: not the weights of `ranking.concepts`, which come from a unit's most common form
alone) too. So from `SELECTIVE_UNITS` units on, the engine first asks FTS5 for the AND of those
few (they are cheap: few records each), newest first. When that finds at
most `SELECTIVE_CAP` records, those are every candidate there is: each is read and scored
(`ranking.score_rows`), and the ones that say every concept are the full matches; the others are
the strongest partial matches (they have the query's rarest words). When it finds more, the next
rarest unit is added to the AND, up to all units but one; when even that finds too many, the query
is broad enough that FTS5's own AND of every unit costs no more than reading the candidates: the
engine asks FTS5 as before.

A phrase is asked as its rarest word only (`relaxed`). FTS5 answers a phrase by reading the
positions of each of its words in every record that has them all: with common words ("menselijke
controle"), 20-40 ms at a million records, also inside an AND with rare words. Its rarest word is
one list read lazily, and finds every record with the phrase, and some more: in the candidates the
scoring checks them; elsewhere each row read is checked (`newest_exact`, `all_exact`). Switched
on by cost: a unit whose phrases' words have `PHRASE_WORK` records together, and as many rows
checked as cost less than FTS5's reading of those positions (`ROW_WORK`); past that, FTS5's AND.

Whether a record says a concept is then decided by `ranking` (the unit's forms as patterns over
the text as the index folds it) instead of FTS5's MATCH. The two read the same folded text and
the same forms, and a test holds them to the same answers on the labelled queries and on
generated records: the FTS5 AND (the simple path) is the reference. `SearchEngine.count` asks the
same way, so the app's count once the keys rest is the total the search showed.
"""

from __future__ import annotations

import re
import sqlite3
from itertools import islice
from typing import Callable, Iterator

from briefing_tui.search.counting import rows_in_halves
from briefing_tui.search.kept import KeptMatches
from briefing_tui.search.grouped import any_of, one_of
from briefing_tui.search.query import Alt, ParsedQuery, Unit, Vocabulary, form_records
from briefing_tui.search.ranking import Concept, Forms
from briefing_tui.search.records import by_rid, newest_sql
from briefing_tui.textnorm import index_text

__all__ = ["HALVES_WORK", "PHRASE_WORK", "ROW_WORK", "SELECTIVE_AND", "SELECTIVE_CAP", "SELECTIVE_UNITS", "all_exact", "by_selectivity",
           "candidates", "having_all", "is_relaxed", "newest_exact", "phrase_work", "relaxed"]

SELECTIVE_UNITS = 4  # a query of this many units or more is first asked through its rarest ones
SELECTIVE_AND = 3  # the AND of this many of them (the highest weights)
SELECTIVE_CAP = 500  # candidates read and scored at most; more: one rare unit more, up to all but one
CHECK_BATCH = 64  # rows of a relaxed query checked at once (`newest_exact`)
# A unit is asked relaxed (`relaxed`) when the words of its phrases have this many records
# together (a million-record index: FTS5 reads their positions in about 6 ms).
PHRASE_WORK = 500_000
# Reading and checking one row of a relaxed query costs about as much as FTS5 reading the
# positions of this many records of a phrase's words (a million records: 18 µs against 13 ns).
ROW_WORK = 1_400
# An AND of a long query's candidates whose units have this many records together (each form's,
# `unit_records`) is read in two halves at once on a large index (`counting.rows_in_halves`):
# FTS5 reads such an AND of common words in 10-25 ms at 1.2 million passages; a thread costs 0.3 ms.
HALVES_WORK = 300_000
# A short query's window is read relaxed only when the relaxed AND would find at most this many
# times the window's rows, had its words stood in records independently (`_expected`). Words of
# one question stand together more often than that: the relaxed ANDs of the benchmark's questions
# found 2.3-2.4 times the estimate (7,915 for 3,484 at 1.2 million passages; 832 for 348 at a
# million statements), and a relaxed read of more rows than the window is wasted (8-64 ms each).
EXPECTED_OVER = 0.5


def by_selectivity(cs: list[Concept], units: list[Unit] | None = None, vocab: Vocabulary | None = None, *,
                   records: list[int] | None = None) -> list[int]:
    """The units' positions, the most selective first: with the units and the vocabulary (or their
    `records`, worked out already), those whose forms have the fewest records (`unit_records`),
    else the highest weight; ties by weight, then in query order."""
    if records is None and units is not None and vocab is not None:
        records = [unit_records(u, vocab) for u in units]
    if records is None:
        return sorted(range(len(cs)), key=lambda i: -cs[i].weight)
    return sorted(range(len(cs)), key=lambda i: (records[i], -cs[i].weight))


def unit_records(unit: Unit, vocab: Vocabulary) -> int:
    """How many records the unit may find, to order units by (`by_selectivity`): the records of
    each of its forms, summed; of a prefix, those of every word it begins (a record with two of
    them counts twice); of a phrase, its word with the fewest. At least what the unit finds asked
    exactly. Asked relaxed, a phrase ending in a prefix may be another of its words (`_rarest`
    judges a prefix by its most common word), which may find more."""
    return sum(form_records(alt, vocab) for alt in unit.alts)


def _rarest(alt: Alt, vocab: Vocabulary) -> Alt:
    """A phrase's word in the fewest records, as a one-word form (a prefix when it is the phrase's
    last word and the phrase ends in one)."""
    last = len(alt.words) - 1
    i = min(range(len(alt.words)), key=lambda i: vocab.records(alt.words[i], alt.prefix and i == last))
    return Alt((alt.words[i],), prefix=alt.prefix and i == last, compound=alt.compound)


def phrase_work(unit: Unit, vocab: Vocabulary) -> int:
    """The records FTS5 reads the positions of for the unit's phrases: the records of every word
    of every phrase, summed (the vocabulary's counts)."""
    total = 0
    for alt in unit.alts:
        if len(alt.words) > 1:
            last = len(alt.words) - 1
            total += sum(vocab.records(w, alt.prefix and i == last) for i, w in enumerate(alt.words))
    return total


def is_relaxed(unit: Unit, vocab: Vocabulary | None) -> bool:
    """Is the unit asked `relaxed`? When its phrases cost FTS5 `PHRASE_WORK` or more."""
    return vocab is not None and phrase_work(unit, vocab) >= PHRASE_WORK


def relaxed(unit: Unit, plan: dict, vocab: Vocabulary | None, grouped: bool = False) -> str:
    """The unit as FTS5, with each phrase asked as its rarest word when that pays (`is_relaxed`):
    every record the unit matches, and some that have the word without the phrase (see the
    module doc). `grouped`: its rare forms grouped (`search.grouped`), with the vocabulary."""
    group = vocab if grouped else None
    if not is_relaxed(unit, vocab):
        return unit.fts(plan=plan, vocab=group)
    assert vocab is not None
    forms = [a if len(a.words) == 1 else _rarest(a, vocab) for a in unit.alts]
    if group is not None:
        return any_of((a.fts(plan), form_records(a, vocab)) for a in forms)
    return one_of(a.fts(plan) for a in forms)


def candidates(conn: sqlite3.Connection, parsed: ParsedQuery, cs: list[Concept], filt: str,
               params: list, vocab: Vocabulary | None = None, kept: KeptMatches | None = None,
               halves: tuple[sqlite3.Connection, int] | None = None) -> list[int] | None:
    """The row ids (newest first) of the records with the `SELECTIVE_AND` most selective units,
    with the filters (`filt`: " AND ..." over records_fts joined with records r), phrases asked
    as their rarest word (`relaxed`, with the vocabulary): a superset of the full matches. None
    when the plan does not apply: fewer than `SELECTIVE_UNITS` units, a unit with nothing to
    match, or more than `SELECTIVE_CAP` candidates. With `kept`, each AND is asked of FTS5 once
    per state of the index (`search.kept`). With `halves` (a second connection and the row id
    of the middle record), an AND whose units have `HALVES_WORK` records together is read in two
    halves at once (`counting.rows_in_halves`)."""
    n = len(parsed.units)
    if n < SELECTIVE_UNITS:
        return None
    parts = [relaxed(u, parsed.plan, vocab, grouped=True) for u in parsed.units]
    if not all(parts):
        return None
    work = [unit_records(u, vocab) for u in parsed.units] if vocab is not None else None
    order = by_selectivity(cs, records=work)
    # Every candidate or too many: read oldest first (faster), given newest first.
    cap = SELECTIVE_CAP + 1
    sql = newest_sql(filt, cap, oldest=True)
    for k in range(SELECTIVE_AND, n):  # one rare unit more while there are too many (all n: FTS5's own AND)
        args = [" AND ".join(f"({parts[i]})" for i in sorted(order[:k])), *params]
        rids: list[int] | tuple[int, ...] | None = kept.get(sql, args) if kept is not None else None
        if rids is None:
            if halves is not None and work is not None and sum(work[i] for i in order[:k]) >= HALVES_WORK:
                second, middle = halves
                rids = rows_in_halves(conn, second, newest_sql(filt, cap, oldest=True, upto=True),
                                      newest_sql(filt, cap, oldest=True, above=True), [args[0], middle, *args[1:]], cap)
            if rids is None:  # a small AND, one connection, or the index changed while the halves were read
                rids = [rid for (rid,) in conn.execute(sql, args)]
            if kept is not None:
                kept.put(sql, args, rids)
        if len(rids) <= SELECTIVE_CAP:
            return list(rids[::-1])
    return None


class _Checked:
    """The AND of some units read relaxed, and the check of its rows: every relaxed unit stands in
    one of the row's columns, folded as the index folds it (`_patterns`), as FTS5 reads a phrase."""

    def __init__(self, units: list[Unit], plan: dict, vocab: Vocabulary | None, fold: Callable[[str], str]) -> None:
        self.exact = " AND ".join(f"({u.fts(plan=plan)})" for u in units)
        loose = [u for u in units if is_relaxed(u, vocab)]
        assert vocab is not None or not loose
        self.loose = " AND ".join(f"({relaxed(u, plan, vocab)})" for u in units) if loose else None
        self.work = sum(phrase_work(u, vocab) for u in loose) if vocab is not None else 0
        self._loose_units = loose
        self._patterns: list[list[re.Pattern]] | None = None  # made when first needed
        self._fold = fold

    def passing(self, conn: sqlite3.Connection, rids: list[int]) -> Iterator[int]:
        """Those of `rids` (relaxed matches) that match exactly, in their order."""
        if self._patterns is None:
            self._patterns = [_patterns(u) for u in self._loose_units]
        for n in range(0, len(rids), CHECK_BATCH):
            yield from _having(conn, self._patterns, rids[n:n + CHECK_BATCH], self._fold)


def having_all(conn: sqlite3.Connection, units: list[Unit], rids: list[int],
               fold: Callable[[str], str] = index_text) -> list[int]:
    """Those of `rids` whose records have every one of `units`, as FTS5's AND of them finds
    them (`_patterns`), in their order: a few records checked without FTS5, which would read
    every record of the units' words to answer for one row (a superseded statement's
    replacement, `SearchEngine._matching_statement`: 10-90 ms at a million records)."""
    return list(_having(conn, [_patterns(u) for u in units], rids, fold))


def _having(conn: sqlite3.Connection, patterns: list[list[re.Pattern]], rids: list[int],
            fold: Callable[[str], str]) -> Iterator[int]:
    """Those of `rids` with, for each unit's patterns, one that stands in one of the record's
    columns (text, quote, context: FTS5's), folded as the index folds them; in their order."""
    texts = {rid: [fold(v) for v in values if v] for rid, *values in by_rid(conn, "text, quote, context", rids)}
    for rid in rids:
        columns = texts.get(rid, ())
        if all(any(p.search(c) for c in columns for p in ps) for ps in patterns):
            yield rid


def newest_exact(conn: sqlite3.Connection, units: list[Unit], plan: dict, vocab: Vocabulary | None, filt: str,
                 params: list, fold: Callable[[str], str] = index_text) -> Iterator[int]:
    """The row ids of the records with every one of `units` (with the filters `filt`, as in
    `candidates`), newest first, read lazily: FTS5's AND of the units. With a unit worth relaxing
    (`is_relaxed`), the AND is asked relaxed and each row checked (`_Checked`), for as many rows
    as cost less than FTS5's reading of the phrases (`ROW_WORK`); the rest from FTS5's AND, past
    the rows given. `fold` as in `ranking.score_rows`."""
    asked = _Checked(units, plan, vocab, fold)
    if asked.loose is None:
        yield from (rid for (rid,) in conn.execute(newest_sql(filt, -1), [asked.exact, *params]))
        return
    budget = asked.work // ROW_WORK
    rows = conn.execute(newest_sql(filt, budget + 1), [asked.loose, *params])
    given = read = 0
    while chunk := [rid for (rid,) in rows.fetchmany(CHECK_BATCH)]:
        read += len(chunk)
        if read > budget:
            break
        for rid in asked.passing(conn, chunk):
            given += 1
            yield rid
    else:
        return  # every relaxed row read and checked
    yield from islice((rid for (rid,) in conn.execute(newest_sql(filt, -1), [asked.exact, *params])), given, None)


def all_exact(conn: sqlite3.Connection, units: list[Unit], plan: dict, vocab: Vocabulary | None, filt: str,
              params: list, limit: int, records: int, fold: Callable[[str], str] = index_text) -> list[int] | None:
    """Every row id of `newest_exact` when there are at most `limit`, read relaxed and checked; None
    when FTS5's AND costs less: no unit worth relaxing; more matches than `limit` (FTS5 stops
    there: its phrases are not read whole), judged first from the words' records (the index has
    `records`) and then from the relaxed AND's row ids, read without their texts; more relaxed
    rows than checking costs less than FTS5's reading of the phrases (`ROW_WORK`)."""
    asked = _Checked(units, plan, vocab, fold)
    if asked.loose is None or vocab is None or _expected(units, vocab, records) > EXPECTED_OVER * limit:
        return None
    budget = min(asked.work // ROW_WORK, limit)
    rids = [rid for (rid,) in conn.execute(newest_sql(filt, budget + 1), [asked.loose, *params])]
    if len(rids) > budget:
        return None
    return list(islice(asked.passing(conn, rids), limit))


def _expected(units: list[Unit], vocab: Vocabulary, records: int) -> float:
    """The records the relaxed AND of the units would find if their words stood in records
    independently of each other (words of one subject stand together more often: more)."""
    share = 1.0
    for u in units:
        asked = [a if len(a.words) == 1 else _rarest(a, vocab) for a in u.alts]
        found = sum(vocab.records(a.words[0], a.prefix) for a in asked)
        share *= min(1.0, found / max(1, records))
    return share * records


def _patterns(unit: Unit) -> list[re.Pattern]:
    """Patterns that find the unit's forms in folded text as FTS5 reads them: whole words one after
    the other, the last one begun for a prefix (`ranking.Forms`). One pattern when the forms start
    with few letters (`Forms.text_led`: the regex engine looks for its plain text first), else
    one per form."""
    alts = list(dict.fromkeys(unit.alts))
    return [Forms(alts).pattern] if Forms.text_led(alts) else [Forms([alt]).pattern for alt in alts]
