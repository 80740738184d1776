"""Exact counts of a large index cut in two halves, each on its own connection (`search.counting`):
switched on by size, so here forced on small content and checked against the count on one
connection, the reference."""

from __future__ import annotations

import sqlite3

import pytest

import briefing_tui.search.counting as counting
from briefing_tui.store import SearchQuery
from kbhelpers import query_texts


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    """The halves are read on a machine of two cores or more: this one counts as such."""
    monkeypatch.setattr(counting, "usable_cpus", lambda: 2)


def _queries() -> list[str]:
    return query_texts() + ["", "wape", "kabinet", '"niet af', "*)(\x00"]


def test_counts_in_halves_equal_the_count_on_one_connection(real_engine, monkeypatch):
    queries = _queries()
    monkeypatch.setattr(counting, "SPLIT_MIN", 10**12)
    reference = [real_engine.count(SearchQuery(q)) for q in queries]
    monkeypatch.setattr(counting, "SPLIT_MIN", 0)  # every count cut in two
    halves: list[tuple] = []
    real = counting.count_in_halves

    def recorded(*args):
        n = real(*args)
        halves.append((args[2], n))
        return n

    monkeypatch.setattr("briefing_tui.search.count_in_halves", recorded)
    assert [real_engine.count(SearchQuery(q)) for q in queries] == reference
    assert len(halves) > 100 and all(n is not None for _, n in halves)  # the halves did count
    assert sum(reference) > 0


def test_a_change_to_the_index_while_counting_falls_back_to_one_connection(real_engine, monkeypatch):
    monkeypatch.setattr(counting, "SPLIT_MIN", 0)
    expected = real_engine.count(SearchQuery("autonome wapens"))
    versions = iter(range(1000))
    monkeypatch.setattr(counting, "_versions", lambda *conns: (next(versions),))  # another process committed
    assert counting.count_in_halves(real_engine.engine._connection(), real_engine.engine._connection(),
                                    "SELECT 1 FROM records_fts WHERE records_fts MATCH ?", ['"wapens"'], 0) is None
    assert real_engine.count(SearchQuery("autonome wapens")) == expected


def test_an_error_in_the_upper_half_reaches_the_caller(real_engine):
    conn = real_engine.engine._connection()
    with pytest.raises(sqlite3.OperationalError):
        counting.count_in_halves(conn, conn, "SELECT 1 FROM records_fts WHERE records_fts MATCH ?", ['"wapens" AND ('], 0)


def test_the_count_is_cut_at_the_middle_record(real_engine):
    """The cut is read from FTS5's table of document sizes, or from the records when an index has
    none: the same row id, the middle record's."""
    engine = real_engine.engine
    conn = engine._connection()
    n = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    middle = conn.execute("SELECT rid FROM records ORDER BY rid LIMIT 1 OFFSET ?", [n // 2]).fetchone()[0]
    engine._kept.pop("middle", None)  # worked out again, not kept from a count before
    assert engine._middle_rid(conn) == middle

    class WithoutSizes:
        def execute(self, sql, *args):
            if "records_fts_docsize" in sql:
                raise sqlite3.OperationalError("no such table: records_fts_docsize")
            return conn.execute(sql, *args)

    engine._kept.pop("middle", None)
    assert engine._middle_rid(WithoutSizes()) == middle
    below = conn.execute("SELECT count(*) FROM records WHERE rid <= ?", [middle]).fetchone()[0]
    assert below - 1 == n // 2


# --- a long question's candidates read in halves -------------------------------------------------

def _long_questions(real_engine) -> list[str]:
    from test_search_selective import _queries as long_queries

    return [q for q in long_queries(real_engine) if len(real_engine.engine.parse(q).units) >= 4]


def _candidates(real_engine, questions: list[str], monkeypatch, kinds: tuple[str, ...] = ()) -> list:
    """Each question's candidates (`selective.candidates`), its page and its count, with nothing
    kept from before (`SearchEngine.forget`), with the kinds asked as a filter."""
    import briefing_tui.search.selective as selective

    found: list = []
    real = selective.candidates

    def spy(*args, **kw):
        found.append(real(*args, **kw))
        return found[-1]

    monkeypatch.setattr(selective, "candidates", spy)
    out = []
    for q in questions:
        real_engine.engine.forget()
        page = [(h.id, h.partial) for h in real_engine.search(SearchQuery(q, limit=50, kinds=kinds)).hits]
        out.append((q, found[-1], page, real_engine.count(SearchQuery(q, kinds=kinds))))
    monkeypatch.setattr(selective, "candidates", real)
    return out


@pytest.mark.parametrize("cap, kinds", [(500, ()), (1, ()), (500, ("statement", "passage"))])
def test_candidates_read_in_halves_are_those_read_on_one_connection(real_engine, monkeypatch, cap, kinds):
    # With a cap of 1, many ANDs find too many: the halves then stand for the AND's first rows.
    # With kinds, the halves' bound stands between the expression and the filters' parameters.
    import briefing_tui.search.selective as selective

    monkeypatch.setattr(selective, "SELECTIVE_CAP", cap)
    questions = _long_questions(real_engine)
    monkeypatch.setattr(counting, "SPLIT_MIN", 10**12)
    reference = _candidates(real_engine, questions, monkeypatch, kinds)
    monkeypatch.setattr(counting, "SPLIT_MIN", 0)
    monkeypatch.setattr(selective, "HALVES_WORK", 0)  # every AND read in halves
    halves: list = []
    real = counting.rows_in_halves

    def recorded(*args):
        halves.append(real(*args))
        return halves[-1]

    monkeypatch.setattr(selective, "rows_in_halves", recorded)
    assert _candidates(real_engine, questions, monkeypatch, kinds) == reference
    assert len(halves) > 50 and all(h is not None for h in halves)
    if cap == 500:
        assert sum(found is not None and len(found) > 0 for _, found, _, _ in reference) > 20
    else:
        assert sum(h is not None and len(h) > cap for h in halves) > 10  # too many: the first cap + 1


def test_a_change_to_the_index_while_reading_halves_reads_on_one_connection(real_engine, monkeypatch):
    import briefing_tui.search.selective as selective

    questions = _long_questions(real_engine)[:40]
    reference = _candidates(real_engine, questions, monkeypatch)
    monkeypatch.setattr(counting, "SPLIT_MIN", 0)
    monkeypatch.setattr(selective, "HALVES_WORK", 0)
    versions = iter(range(10**6))
    monkeypatch.setattr(counting, "_versions", lambda *conns: (next(versions),))  # another process committed
    halves: list = []
    real = counting.rows_in_halves
    monkeypatch.setattr(selective, "rows_in_halves", lambda *args: halves.append(real(*args)) or halves[-1])
    assert _candidates(real_engine, questions, monkeypatch) == reference
    assert halves and all(h is None for h in halves)  # dropped: read again on one connection


def test_an_error_in_the_upper_half_of_rows_reaches_the_caller(real_engine):
    conn = real_engine.engine._connection()
    sql = "SELECT rowid FROM records_fts WHERE records_fts MATCH ? AND rowid {} ? ORDER BY rowid LIMIT 5"
    with pytest.raises(sqlite3.OperationalError):
        counting.rows_in_halves(conn, conn, sql.format("<="), sql.format(">"), ['"wapens" AND (', 0], 5)
