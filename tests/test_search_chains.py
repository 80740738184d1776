"""A superseded statement never comes before the statement that replaced it (docs/design.md: current
statements before superseded ones), on the real content.

The real case: for "betekenisvolle menselijke controle" the 2020 line (superseded) scored above
its 2022 replacement, whose longer text bm25 weighs down; an officer scanning the list met the old
line first.
"""

from pathlib import Path

import pytest
import yaml

from briefing_tui.search import SearchQuery

REPO = Path(__file__).resolve().parents[1]
LABELLED = yaml.safe_load((REPO / "tests" / "data" / "labelled_queries.yaml").read_text(encoding="utf-8"))["queries"]


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


def ids(result):
    return [h.id for h in result.hits]


def test_the_current_line_comes_before_the_line_it_replaced(engine):
    order = ids(engine.search(SearchQuery("betekenisvolle menselijke controle")))
    assert order[0] == "laws-mhc-2022" and order.index("laws-mhc-2022") < order.index("laws-mhc-2020")


def test_the_replacement_is_brought_onto_a_short_page(engine):
    # "2020" ranks the 2020 line up; on a page of one the superseded line still never stands alone
    # above the line that replaced it when that one matches too.
    assert ids(engine.search(SearchQuery("menselijke controle 2020", limit=1)))[0] == "laws-mhc-2020"
    for text in ("betekenisvolle menselijke controle GGE", "guiding principles", "internationaal recht volstaat"):
        matching = {h.id for h in engine.search(SearchQuery(text, limit=200)).hits if not h.partial}
        for limit in range(1, 8):
            page = engine.search(SearchQuery(text, limit=limit))
            position = {h.id: n for n, h in enumerate(page.hits)}
            for hit in page.hits:
                if hit.kind == "statement" and not hit.current:
                    head = engine.corpus.latest_in_chain(hit.id)
                    if head in matching:
                        assert head in position and position[head] < position[hit.id], (text, limit, hit.id)


def test_filters_still_hold(engine):
    # Until 2020 the 2022 line did not exist: the 2020 line is shown without it.
    order = ids(engine.search(SearchQuery("betekenisvolle menselijke controle", until="2020")))
    assert "laws-mhc-2020" in order and "laws-mhc-2022" not in order


def test_a_replacement_that_does_not_match_is_not_brought_in(engine):
    # "moratorium" is only in the 2019 line; the 2022 line speaks of a ban, not a moratorium.
    assert ids(engine.search(SearchQuery("moratorium", kinds=("statement",)))) == ["laws-verbod-2019"]


# A pasted written question is answered by partial matches: among them too, the current line
# comes first when both it and the line it replaced are partial matches.
LONG = [case["q"] for case in yaml.safe_load((REPO / "tests" / "data" / "ranking_queries.yaml").read_text(
    encoding="utf-8"))["queries"] if case["cat"] == "long"]

QUERIES = sorted({case["query"] for case in LABELLED} | set(LONG) | {
    "killer robots", "verbod", "internationaal recht", "conferentie", "motie Koopmans", "GGE",
    "menselijke controle", "AIV/CAVV", "NAVO", "wapenbeheersing", "Guiding Principles",
})


@pytest.mark.parametrize("query", QUERIES)
def test_no_superseded_statement_before_its_current_replacement(engine, query):
    result = engine.search(SearchQuery(query, limit=100))
    position = {h.id: n for n, h in enumerate(result.hits) if h.kind == "statement"}
    corpus = engine.corpus
    for hit in result.hits:
        if hit.kind == "statement" and not hit.current:
            head = corpus.latest_in_chain(hit.id)
            if head in position:
                assert position[head] < position[hit.id], (query, hit.id, head)
