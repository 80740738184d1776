"""Search quality on the five real sources: labelled Dutch queries, measured over passages.

`tests/data/labelled_queries.yaml` names, per query, passages a user means to find and passages
that would be noise, each by a verbatim fragment of its text. The search runs over passages only
(`kinds=("passage",)`), so the labels do not depend on the statements content authors write.

Every query is its own test case; `test_precision_and_recall` prints the totals:
precision = found wanted / (found wanted + found unwanted), recall = found wanted / wanted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefing_tui.search import SearchQuery

REPO = Path(__file__).resolve().parents[1]
LABELS = yaml.safe_load((REPO / "tests" / "data" / "labelled_queries.yaml").read_text(encoding="utf-8"))["queries"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


@pytest.fixture(scope="module")
def passages(engine) -> dict[str, str]:
    """passage id -> text, as the index holds it."""
    found = engine.search(SearchQuery("", kinds=("passage",), limit=100_000))
    return {h.id: _norm(h.text) for h in found.hits}


def resolve(passages: dict[str, str], fragment: str) -> str:
    ids = [pid for pid, text in passages.items() if _norm(fragment) in text]
    assert len(ids) == 1, f"fragment must name exactly one passage, names {ids}: {fragment!r}"
    return ids[0]


def run(engine, case) -> set[str]:
    query = SearchQuery(case["query"], kinds=("passage",), since=case.get("since"), until=case.get("until"), limit=10_000)
    result = engine.search(query)
    assert result.total == len(result.hits)  # nothing capped at this limit
    return {h.id for h in result.hits}


@pytest.mark.parametrize("case", LABELS, ids=[c["query"] + (f" since {c['since']}" if c.get("since") else "")
                                               + (f" until {c['until']}" if c.get("until") else "") for c in LABELS])
def test_labelled_query(engine, passages, case):
    found = run(engine, case)
    missing = [f for f in case.get("must_find") or () if resolve(passages, f) not in found]
    noise = [f for f in case.get("must_not_find") or () if resolve(passages, f) in found]
    assert not missing and not noise, f"{case['why']}\nmissing: {missing}\nnoise: {noise}"


def test_there_are_at_least_thirty_labelled_queries():
    assert len(LABELS) >= 30
    assert sum(len(c.get("must_find") or ()) for c in LABELS) >= 60


def test_precision_and_recall(engine, passages, capsys):
    wanted = found_wanted = found_unwanted = 0
    for case in LABELS:
        found = run(engine, case)
        for f in case.get("must_find") or ():
            wanted += 1
            found_wanted += resolve(passages, f) in found
        for f in case.get("must_not_find") or ():
            found_unwanted += resolve(passages, f) in found
    precision = found_wanted / max(1, found_wanted + found_unwanted)
    recall = found_wanted / max(1, wanted)
    with capsys.disabled():
        print(f"\nlabelled search set: {len(LABELS)} queries, {wanted} wanted passages: "
              f"precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95
