"""Issue 3: a search for each domain's and forum's name finds its own statements first."""

import pytest

from briefing_tui.content import load_content
from briefing_tui.search import SearchQuery


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


def _areas(content_dir):
    corpus = load_content(content_dir)
    return [(a.id, a.name) for a in (*corpus.domains.values(), *corpus.forums.values()) if corpus.statements_in(a.id)]


def test_every_domain_and_forum_has_statements(content_dir):
    corpus = load_content(content_dir)
    empty = [a for a in (*corpus.domains, *corpus.forums) if not corpus.statements_in(a)]
    assert empty == []


@pytest.mark.parametrize(("area_id", "name"), _areas(__import__("pathlib").Path(__file__).parents[1] / "content"))
def test_area_name_finds_its_statements_first(engine, area_id, name):
    n = len(engine.corpus.statements_in(area_id))
    hits = engine.search(SearchQuery(name, limit=10)).hits
    assert hits and hits[0].kind == "statement", name
    assert area_id in hits[0].domains or area_id in hits[0].forums, hits[0].id
    # The source passages themselves may stand between them; other statements may not.
    statements = [h for h in hits if h.kind == "statement"][: min(n, 3)]
    assert all(area_id in h.domains or area_id in h.forums for h in statements), [h.id for h in statements]
