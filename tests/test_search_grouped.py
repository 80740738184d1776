"""A unit's rare forms grouped in its OR (`search.grouped`): switched on by size, so here forced
on for the shipped content and held to the flat OR, the reference, on the records it finds."""

from __future__ import annotations

import pytest

import briefing_tui.search.grouped as grouped
from briefing_tui.search.grouped import any_of, one_of
from briefing_tui.store import SearchQuery
from kbhelpers import query_texts


def test_rare_forms_stand_in_a_group_anded_with_itself():
    forms = [('"autonom"*', 600_000), ('"strategischautonome"', 8), ('"genomenautonome"', 10),
             ('"aanpakautonoom"', 7), ('"laws"', 180_000)]
    rare = '("strategischautonome" OR "genomenautonome" OR "aanpakautonoom")'
    assert any_of(forms) == f'("autonom"* OR "laws" OR ({rare} AND {rare}))'


@pytest.mark.parametrize("forms, why", [
    ([('"a"', 30_000), ('"b"', 10), ('"c"', 10), ('"d"', 10)], "too few records together"),
    ([('"a"', 600_000), ('"b"', 10), ('"c"', 10)], "too few rare forms"),
    ([('"a"', 600_000), ('"b"', 300_000), ('"c"', 200_000), ('"d"', 100_000)], "no rare form"),
])
def test_an_or_not_worth_a_group_stays_flat(forms, why):
    assert any_of(forms) == "(" + " OR ".join(f for f, _ in forms) + ")", why


def test_a_form_given_twice_is_asked_once_and_one_form_alone():
    assert any_of([('"a"', 5), ('"b"', 3), ('"a"', 7)]) == one_of(['"a"', '"b"', '"a"']) == '("a" OR "b")'
    assert any_of([('"a"*', 5)]) == one_of(['"a"*']) == '"a"*'
    assert any_of([]) == one_of([]) == ""


def _questions(real_engine) -> list[str]:
    from test_search_counting import _long_questions

    texts = query_texts() + _long_questions(real_engine)
    # ... and as typed: every prefix of each, cut at a letter (the last word a prefix)
    return list(dict.fromkeys(texts + [t[:n] for t in texts for n in range(3, len(t), 4)]))


@pytest.fixture
def forced(monkeypatch):
    """Grouping on the shipped content's few records: a form under half the unit's records is rare."""
    monkeypatch.setattr(grouped, "GROUP_RECORDS", 0)
    monkeypatch.setattr(grouped, "GROUP_SHARE", 0.5)
    monkeypatch.setattr(grouped, "GROUP_FORMS", 2)


def test_a_grouped_expression_finds_the_records_of_the_flat_one(real_engine, forced):
    engine = real_engine.engine
    conn = engine._connection()
    vocab = engine.vocabulary()
    differ = 0
    for q in _questions(real_engine):
        parsed = engine.parse(q)
        flat, fast = parsed.fts(), parsed.fts(vocab=vocab)
        if not flat:
            assert not fast
            continue
        differ += fast != flat
        sql = "SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid"
        assert [r for (r,) in conn.execute(sql, [fast])] == [r for (r,) in conn.execute(sql, [flat])], q
    assert differ > 100  # the expressions were grouped


def test_counts_and_pages_are_those_of_the_flat_or(real_engine, monkeypatch):
    # The exact counts (the app's, once the keys rest) and the long questions' candidates (their
    # ANDs are asked grouped), with grouping on and off.
    questions = _questions(real_engine)

    def answers() -> list:
        out = []
        for q in questions:
            real_engine.engine.forget()
            result = real_engine.search(SearchQuery(q, limit=50))
            out.append((q, real_engine.count(SearchQuery(q)), result.total, result.query_used,
                        [(h.id, h.score, h.partial) for h in result.hits]))
        return out

    monkeypatch.setattr(grouped, "GROUP_RECORDS", 10**12)
    reference = answers()
    monkeypatch.setattr(grouped, "GROUP_RECORDS", 0)
    monkeypatch.setattr(grouped, "GROUP_SHARE", 0.5)
    monkeypatch.setattr(grouped, "GROUP_FORMS", 2)
    counted: list[tuple[str, str]] = []  # (flat, as counted)
    real_counted = type(real_engine.engine)._counted

    def spy(self, parsed):
        counted.append((parsed.fts(), real_counted(self, parsed)))
        return counted[-1][1]

    monkeypatch.setattr(type(real_engine.engine), "_counted", spy)
    assert answers() == reference  # query_used among them: what a search reports it asked stays flat
    assert sum(flat != fast for flat, fast in counted) > 100  # counted grouped
    assert sum(n > 0 for _, n, *_ in reference) > 200
