"""Broad queries (more than RANK_ALL matches) and the prefix plans that keep them fast.

At 100,000 statements a query like "autonome" matches tens of thousands of records; scoring
them all with bm25 costs more than a keystroke may (benchmarks/RESULTS.md). Such a query is
listed from its first RANK_ALL matches in the index's order, in passes (see the search module
doc). Here RANK_ALL is made small so that the shipped content has broad queries.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing_tui.search as search_module
from briefing_tui.dates import bounds
from briefing_tui.search import SearchQuery
from briefing_tui.search.query import ParsedQuery, Vocabulary
from kbhelpers import query_texts
from briefing_tui.search.snippets import _pieces, framed, window


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


@pytest.fixture
def rank_all(monkeypatch):
    def set_to(n: int) -> None:
        monkeypatch.setattr(search_module, "RANK_ALL", n)

    return set_to


def marked(hit) -> bool:
    return any(matched for _, matched in hit.snippet_spans)


def first_day(hit) -> str:
    return bounds(hit.date)[0].isoformat()


def test_a_broad_query_says_so_and_lists_current_records_before_superseded_ones(engine, rank_all):
    rank_all(170)  # all but one of its matches: superseded statements are in the window
    result = engine.search(SearchQuery("autonome wapens", limit=170))
    assert result.ranked_among == 170 and result.total > 170
    hits = result.hits
    old = [n for n, h in enumerate(hits) if h.kind == "statement" and not h.current]
    assert old, "the window should hold a superseded statement"
    for n in range(old[0], len(hits)):
        hit = hits[n]
        if hit.current:  # only the replacement of the superseded statement right below it
            below = hits[n + 1]
            assert not below.current and engine.corpus.latest_in_chain(below.id) == hit.id


def test_a_broad_query_lists_records_that_say_the_words_before_those_only_filed_under_them(engine, rank_all):
    rank_all(40)
    hits = engine.search(SearchQuery("drones", limit=40)).hits
    first_pass = [h for h in hits if h.score == hits[0].score]
    assert len(first_pass) < len(hits)
    assert all(marked(h) for h in first_pass)
    unmarked = [n for n, h in enumerate(hits) if not marked(h)]
    assert unmarked and unmarked[0] >= len(first_pass)
    # "laws-verdediging-2022" is filed under drones but speaks of "onbemande ... wapensystemen".
    ids = [h.id for h in hits]
    assert "laws-verdediging-2022" in ids and ids.index("laws-verdediging-2022") >= len(first_pass)


def test_a_broad_query_is_newest_first_within_a_pass(engine, rank_all):
    rank_all(40)
    for text in ("kabinet", "drones", "autonome wapens"):
        hits = [h for h in engine.search(SearchQuery(text, limit=40)).hits if not h.key]  # key positions come first
        statements = [h for h in hits if h.score == hits[0].score and h.kind == "statement" and h.current]
        days = [first_day(h) for h in statements]
        assert len(days) > 3 and days == sorted(days, reverse=True), text


def test_a_narrower_query_is_ranked_again(engine, rank_all):
    ranked = [h.id for h in engine.search(SearchQuery("autonome verbod")).hits]
    rank_all(40)
    broad = engine.search(SearchQuery("autonome"))
    narrow = engine.search(SearchQuery("autonome verbod"))
    assert broad.ranked_among == 40 and narrow.ranked_among is None and narrow.total <= 40
    assert [h.id for h in narrow.hits] == ranked


def test_as_you_type_and_the_command_line_list_a_broad_query_alike(engine, rank_all):
    rank_all(25)
    for text in ("kabinet", "wapens", "drones", "kunstmatige intelligentie"):
        exact = engine.search(SearchQuery(text))
        typed = engine.search(SearchQuery(text, exact_total=False))
        assert [h.id for h in typed.hits] == [h.id for h in exact.hits]
        assert typed.total == 25 and not typed.total_exact and exact.total_exact and exact.total > 25


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(['"', "(", ")", "*", ":", "-", "NEAR(", "OR", "NOT", "{text}", "wapens", "killer",
                              "robots", "ai", "drones", "kabinet", "verbod", "x", "technolo"]),
             max_size=8).map(" ".join),
))
def test_any_text_is_a_valid_broad_query(engine, text):
    saved = search_module.RANK_ALL
    search_module.RANK_ALL = 2  # every query with three matches or more is broad
    try:
        for exact in (True, False):
            result = engine.search(SearchQuery(text, limit=10, exact_total=exact))
            assert result.total >= len(result.hits) and len(result.hits) <= 10
            assert result.capped == (not result.total_exact or result.total > len(result.hits))
            assert len({h.id for h in result.hits}) == len(result.hits)
    finally:
        search_module.RANK_ALL = saved


# --- prefix plans ---------------------------------------------------------------------------------

def test_a_prefix_plan_uses_a_shorter_indexed_prefix_or_spells_the_words_out():
    words = ["techniek", "technologie", "technologieen", "technologisch", "technologische"]
    words += [f"technologie{n:03d}" for n in range(20)]
    vocab = Vocabulary([(w, 1) for w in words], prefix_lengths=(4, 5, 6, 7, 8))
    assert vocab.prefix_plan("technolo") is None  # indexed itself
    assert vocab.prefix_plan("technolog") == "technolo"  # begins the same words as "technolo"
    assert vocab.prefix_plan("technologis") == ("technologisch", "technologische")
    assert vocab.prefix_plan("technologie") is None  # 22 words: merged by FTS5 as it is
    assert vocab.prefix_plan("xyzxyzxyz") is None  # begins no word
    assert Vocabulary([(w, 1) for w in words]).prefix_plan("technologis") is None  # no prefix indexes known


def test_every_prefix_plan_finds_exactly_what_the_prefix_finds(engine):
    """The plan is only a faster spelling: over the real index, the rows are the same."""
    conn = engine.engine._connection()  # the SearchEngine behind the KnowledgeBase
    vocab = engine.vocabulary()
    rng = random.Random(7)
    words = sorted(w for w in vocab.df if len(w) >= 9 and w.isalpha())
    checked = 0
    for word in rng.sample(words, 120):
        for n in range(6, len(word) + 1):
            text = word[:n]
            parsed = engine.parse(text)
            if not parsed.plan:
                continue
            plain = ParsedQuery(parsed.units, parsed.dropped, {})
            planned_rows = {r[0] for r in conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH ?",
                                                       (parsed.fts(),))}
            plain_rows = {r[0] for r in conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH ?",
                                                     (plain.fts(),))}
            assert planned_rows == plain_rows, (text, parsed.fts(), plain.fts())
            checked += 1
    assert checked > 50


# --- snippet windows ----------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")


def reference_spans(display: str, hits: list[tuple[int, int]], width: int):
    """The snippet as first written: slide a window over every word start and keep the one
    with the most matched words, the earliest of equals (quadratic, plainly right)."""
    spans = [m.span() for m in WORD.finditer(display.lower())] if len(display) > width else []
    if not spans:
        return _pieces(display, 0, len(display), hits)
    hit_set = set(hits)
    flags = [span in hit_set for span in spans]
    best_a, best_b, best_n = 0, 0, -1
    b = 0
    count = 0
    for a in range(len(spans)):
        if b < a:
            b, count = a, 0
        while b < len(spans) and spans[b][1] - spans[a][0] <= width:
            count += flags[b]
            b += 1
        if count > best_n:
            best_a, best_b, best_n = a, b, count
        count -= flags[a]
    if best_b <= best_a:
        best_b = best_a + 1
    return framed(display, spans[best_a][0], spans[best_b - 1][1], hits)


@settings(max_examples=500, deadline=None)
@given(
    tokens=st.lists(st.sampled_from(["wapen", "kabinet", "de", "verbod", "autonome", "x", "technologieën", "ab_cd",
                                     "zeer-lange-samengestelde-woordvorm", ",", ".", "?", " ", "  ", "\u00a0"]),
                    min_size=1, max_size=80),
    width=st.integers(min_value=8, max_value=120),
)
def test_the_snippet_window_is_the_stretch_with_the_most_matched_words(tokens, width):
    display = " ".join(tokens)
    folded = display.lower()
    hits = [m.span() for m in re.finditer(r"(?<![^\W_])(?:wapen|verbod)(?![^\W_])", folded)]
    assert window(display, folded, hits, width) == reference_spans(display, hits, width)


def reference_matches(parsed: ParsedQuery, folded: str) -> list[tuple[int, int]]:
    """The matched words by the plain definition: lookarounds for word edges, one alternative
    after another, phrases at every start."""
    singles, phrases = [], []
    for unit in parsed.units:
        for alt in unit.alts:
            body = r"[\W_]+".join(map(re.escape, alt.words)) + (r"[^\W_]*" if alt.prefix else "")
            (singles if len(alt.words) == 1 else phrases).append((len(alt.words), body))
    found = []
    if singles:
        pattern = "|".join(body for _, body in singles)
        found += [m.span() for m in re.finditer(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", folded)]
    if phrases:
        pattern = "|".join(body for _, body in sorted(phrases, key=lambda p: -p[0]))
        for m in re.finditer(rf"(?<![^\W_])(?=((?:{pattern})(?![^\W_])))", folded):
            start = m.start(1)
            found += [(start + a.start(), start + a.end()) for a in WORD.finditer(m.group(1))]
    return sorted(set(found))


SNIPPET_WORDS = ["wapen", "wapens", "kernwapens", "wapenbeheersing", "drones", "drone", "uav", "uavs", "ai",
                 "autonome", "killer", "robots", "de", "x_wapen", "wapen_x", "onbemande", "luchtvaartuigen",
                 "ontwapening", "qqdrones", "xai", "aix"]


@settings(max_examples=400, deadline=None)
@given(
    query=st.lists(st.sampled_from(SNIPPET_WORDS + ['"killer robots"', "wape", "auton"]), min_size=1, max_size=4)
    .map(" ".join),
    text=st.lists(st.sampled_from(SNIPPET_WORDS + [",", ".", "-", "'s", "_", "2022"]), max_size=60).map(" ".join),
)
def test_the_snippet_matcher_marks_exactly_the_matched_words(engine, query, text):
    parsed = engine.parse(query)
    folded = text.lower()
    assert parsed.matcher()(folded) == reference_matches(parsed, folded)


def test_an_edited_file_does_not_jump_ahead_of_newer_statements(tmp_path, rank_all):
    """Row ids keep the prior order through updates: after an edit of laws.yaml (2019 and 2022
    statements) its 2019 statements stay below the 2021 ones of other files in a broad query's
    newest-first list."""
    import shutil

    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace
    from conftest import CONTENT

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    ws = Workspace(content, tmp_path / "briefings", tmp_path / "cache")
    with KnowledgeBase.open(ws) as engine:
        engine.search("x")
    laws = content / "domains" / "laws.yaml"
    text = laws.read_text(encoding="utf-8")
    assert "geen voorstander van een verbod" in text
    laws.write_text(text.replace("geen voorstander van een verbod", "geen voorstander van enig verbod", 1),
                    encoding="utf-8")
    rank_all(40)
    with KnowledgeBase.open(ws) as engine:
        assert engine.report.files_changed == 1
        hits = engine.search(SearchQuery("kabinet", limit=40)).hits
    current = [h for h in hits if h.kind == "statement" and h.current]
    days = [first_day(h) for h in current]
    assert days[0].startswith("2022") and days == sorted(days, reverse=True)


def test_the_passes_sorted_from_the_window_list_what_fts5_lists(engine, monkeypatch):
    # `search.broad` sorts the window's rows into the passes; FTS5 asking each pass again is the
    # reference. With a small RANK_ALL most queries are broad here.
    queries = query_texts() + ["technolo", "autonome wapensystemen", "killer", "kabinet", "verbod 2019", "moties", "wape", "ai navo"]
    import briefing_tui.search.broad as broad_module

    for n, checked in ((15, 200), (60, 200), (60, 3)):  # 3: most pages are then left to FTS5
        monkeypatch.setattr(search_module, "RANK_ALL", n)
        monkeypatch.setattr(broad_module, "CHECKED_AT_MOST", checked)
        broad = 0
        for q in queries:
            pages = []
            for from_window in (True, False):
                monkeypatch.setattr(search_module, "BROAD_FROM_WINDOW_MS", 0.0 if from_window else float("inf"))
                result = engine.search(SearchQuery(q, limit=25, exact_total=False))
                pages.append([(h.id, h.score) for h in result.hits])
                broad += from_window and result.ranked_among is not None
            assert pages[0] == pages[1], q
        assert broad > 30 or checked < 10
