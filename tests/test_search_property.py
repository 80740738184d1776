"""Any string is a valid query: results or nothing, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing_tui.search import SearchQuery

FTS_SYNTAX = ['"', "'", "(", ")", "*", "-", "+", ":", "^", "AND", "OR", "NOT", "NEAR(", "NEAR", "col:val",
              "text:", "{", "}", "[", "]", ",", "\\", "\x00", "\x1b", "\u200b", "\ufeff", "\ud800", "Al",
              "AI", "technologieén", "wapenbe-\nheersing", "“", "”", "’", "\t", "\n", " "]

queries = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(blacklist_categories=())),
    st.lists(st.sampled_from(FTS_SYNTAX + ["wapens", "killer", "robots", "ai", "drones", "x"]), max_size=12).map(" ".join),
    # Intents, typos, unknown compounds and filler (issue 12): every way a query is read.
    st.lists(st.sampled_from(["toezeggingen", "open", "moties", "kamervragen", "vragen", "2019", "sinds", "maart",
                              "11", "exportcontorle", "biowapenverdrag", "wat", "standpunt", "kabinet", "verbod",
                              "drone-export", "ban", "?", "2021", "vanaf"]), max_size=8).map(" ".join),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=20).map("".join),
)


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries)
def test_any_text_is_a_valid_query(engine, text):
    result = engine.search(SearchQuery(text, limit=20))
    assert isinstance(result.hits, list)
    assert result.total >= len(result.hits)
    assert result.capped == (result.total > len(result.hits))
    for hit in result.hits:
        assert hit.to_json()["id"] == hit.id


@pytest.mark.parametrize("text", [
    "", " ", '"', '""', '"""', "(", ")", "()", "*", "-", "-x", "col:val", "AND", "OR", "NOT", "NEAR(",
    "NEAR(a b)", "a OR", "OR a", "\x00", "\x1f\x7f", "a" * 10_000, "wapens " * 2_000, "“killer robots",
    "\ud800", "^a", "a:b:c", "'", "a'b", "{a}", "[a]",
])
def test_awkward_queries(engine, text):
    result = engine.search(SearchQuery(text))
    assert isinstance(result.hits, list)
