"""Exact counts of a large index cut in two halves, each on its own connection (`search.counting`):
switched on by size, so here forced on small content and checked against the count on one
connection, the reference."""

from __future__ import annotations

import sqlite3

import pytest

import briefing_tui.search.counting as counting
from briefing_tui.store import SearchQuery
from kbhelpers import query_texts


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
