"""Ranking for what an officer types, on the real content (issue 12).

The figures of the ranking set (`tests/data/ranking_queries.yaml`, scored by
`benchmarks/eval_search.py`) are guarded for both halves; the other tests show each behaviour
the way a user meets it: the first hits, the words the search read, what it says about them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.search import SearchQuery
from briefing_tui.wording.search import intent_label

REPO = Path(__file__).resolve().parents[1]


def _eval_module():
    spec = importlib.util.spec_from_file_location("_eval_search", REPO / "benchmarks" / "eval_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()
QUERIES = EVAL.load_queries()


@pytest.fixture(scope="module")
def engine(real_engine):
    return real_engine


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def top(engine, text: str, n: int = 10, **kw) -> list[str]:
    return ids(engine.search(SearchQuery(text, limit=n, **kw)))


# --- the figures ---------------------------------------------------------------------------------

def test_the_ranking_set_is_large_split_and_names_real_records(engine):
    assert len(QUERIES) >= 150
    halves = {c["split"] for c in QUERIES}
    assert halves == {"tune", "held"}
    assert abs(sum(c["split"] == "held" for c in QUERIES) - len(QUERIES) / 2) <= 5
    assert len({c["cat"] for c in QUERIES}) >= 9
    assert EVAL.check_targets(engine.corpus, QUERIES) == []


# Long questions (a Member's written question pasted whole) were added in session 8: they are
# scored on their own (below), not in these.
LONG = "long"


@pytest.mark.parametrize("split, recall, mrr, ndcg", [("held", 0.95, 0.85, 0.82), ("tune", 0.95, 0.85, 0.82)])
def test_the_figures_hold(engine, split, recall, mrr, ndcg, capsys):
    subset = [c for c in QUERIES if c["split"] == split and c["cat"] != LONG]
    got = EVAL.evaluate(EVAL.engine_ranking(engine), subset)["overall"]
    base = EVAL.evaluate(EVAL.baseline_ranking(engine.corpus, engine), subset)["overall"]
    with capsys.disabled():
        print(f"\nranking set, {split} half ({len(subset)}): recall@10 {got['recall@10']:.3f}, MRR {got['mrr']:.3f}, "
              f"nDCG@10 {got['ndcg@10']:.3f}; substring baseline {base['recall@10']:.3f} / {base['mrr']:.3f}")
    assert got["recall@10"] >= recall and got["mrr"] >= mrr and got["ndcg@10"] >= ndcg
    assert got["mrr"] > base["mrr"] + 0.3


@pytest.mark.parametrize("split, recall, mrr", [("held", 0.70, 0.60), ("tune", 0.95, 0.75)])
def test_long_questions_find_what_the_question_is_about(engine, split, recall, mrr, capsys):
    """Before session 8 read them as long questions: recall@10 0.143 (held) and 0.286 (tune), most
    of them no result at all (docs/design.md, "Long questions")."""
    subset = [c for c in QUERIES if c["split"] == split and c["cat"] == LONG]
    assert len(subset) >= 7 and all(len(c["q"].split()) >= 13 for c in subset)
    got = EVAL.evaluate(EVAL.engine_ranking(engine), subset)["overall"]
    with capsys.disabled():
        print(f"\nlong questions, {split} half ({len(subset)}): recall@10 {got['recall@10']:.3f}, MRR {got['mrr']:.3f}, "
              f"nDCG@10 {got['ndcg@10']:.3f}")
    assert got["recall@10"] >= recall and got["mrr"] >= mrr


def test_a_pasted_written_question_finds_the_position_it_asks_about(engine):
    """A long question whose words never stand together in one statement still finds it."""
    text = ("Welke afspraken over de export van bewapende drones en onbemande luchtvaartuigen maakt "
            "Nederland in het MTCR en met de Verenigde Staten?")
    result = engine.search(SearchQuery(text, limit=10))
    assert {"uav-mtcr-2019", "uav-export-standaarden-2019"} <= set(ids(result)[:3])
    assert result.partial


def test_the_measures_count_what_they_say():
    assert EVAL.score([["a"], ["b"]], {"b"}) == (1.0, 0.5, pytest.approx(0.6309, abs=1e-3))
    assert EVAL.score([["x", "b"]], {"b"})[1] == 1.0  # a folded duplicate counts for its hit
    assert EVAL.score([["x"]] * 10 + [["b"]], {"b"}) == (0.0, 0.0, 0.0)  # rank 11 is not in the top 10


# --- ranking -------------------------------------------------------------------------------------

def test_a_topic_puts_its_key_current_position_first(engine):
    for text in ("killer robots", "autonome wapens", "LAWS"):
        hit = engine.search(SearchQuery(text, limit=1)).hits[0]
        assert hit.id == "laws-verbod-2022" and hit.key and hit.current, text


def test_filing_context_alone_is_only_a_tie_breaker(engine):
    hits = engine.search(SearchQuery("voortrekkersrol", limit=20)).hits
    said = [n for n, h in enumerate(hits) if "voortrekkersrol" in (h.text + (h.quote or "")).lower()]
    filed = [n for n, h in enumerate(hits) if n not in said]
    assert said and filed and max(said) < min(filed)


def test_a_named_year_ranks_that_years_lines_up(engine):
    order = top(engine, "verbod 2019", 20)
    assert order.index("laws-verbod-2019") < order.index("laws-verbod-2022")
    assert top(engine, "verbod", 20).index("laws-verbod-2022") < top(engine, "verbod", 20).index("laws-verbod-2019")
    assert top(engine, "menselijke controle 2020", 1) == ["laws-mhc-2020"]


def test_a_passage_quoting_a_statement_is_shown_once_with_ook_in(engine):
    text = "verbod volledig autonome wapensystemen"
    first = engine.search(SearchQuery(text, limit=10)).hits[0]
    assert first.id == "laws-verbod-2022" and first.also == ("2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen#21",)
    assert not set(first.also) & set(top(engine, text, 500))
    assert not set(first.also) & set(top(engine, "killer robots", 500))  # also past the best-scored matches
    # A passage still shows on its own when no statement quotes it.
    assert top(engine, "Ondertekenaar", 1)[0].startswith("2020-10-28-nieuwe-massavernietigingswapens#")


# --- forgiving queries ----------------------------------------------------------------------------

def test_question_words_and_filler_never_make_a_query_fail(engine):
    result = engine.search(SearchQuery("wat is het standpunt van het kabinet over drones", limit=5))
    assert result.hits and result.hits[0].id.startswith("uav-")
    assert {"standpunt", "kabinet"} <= set(result.dropped)
    assert engine.search(SearchQuery("standpunt van het kabinet")).hits  # nothing else: searched as typed


def test_when_every_word_finds_too_little_partial_matches_follow(engine):
    full = engine.search(SearchQuery("hoe staat het kabinet tegenover een verbod op autonome wapensystemen?"))
    assert full.hits[0].id == "laws-verbod-2022" and not full.hits[0].partial
    result = engine.search(SearchQuery("dronezwermen verbod Goalkeeper"))
    assert result.partial and result.hits and all(h.partial for h in result.hits)
    matched = [len(h.why["concepts"]) for h in result.hits]
    assert matched == sorted(matched, reverse=True) or matched[0] >= 2  # most words first


# --- typos and compounds ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed, meant, target", [
    ("exportcontorle", "exportcontrole", "exportcontrole-autonome-wapensystemen-2022"),
    ("staatsaansprakelijkhied", "staatsaansprakelijkheid", "laws-staatsaansprakelijkheid-2022"),
    ("killer robtos", "killer robots", "laws-verbod-2022"),
])
def test_a_typo_is_corrected_and_said(engine, typed, meant, target):
    result = engine.search(SearchQuery(typed, limit=10))
    assert result.searched_for == meant and target in ids(result)


def test_a_known_word_is_never_corrected(engine):
    assert engine.search(SearchQuery("exportcontrole")).searched_for == ""
    assert engine.search(SearchQuery("xqzv")).hits == []  # nothing near: nothing found, no crash


def test_an_unknown_compound_is_split_into_known_parts(engine):
    result = engine.search(SearchQuery("biowapenverdrag", limit=5))
    assert result.searched_for == "biowapens verdrag" and "bio-bwc-versterking-2021" in ids(result)
    assert "laws-verbod-2022" in top(engine, "autonomewapensverbod", 3)


# --- intents ---------------------------------------------------------------------------------------

def test_toezeggingen_reads_as_the_kind(engine):
    result = engine.search(SearchQuery("toezeggingen cyber"))
    assert [intent_label(i) for i in result.intents] == ["soort: toezeggingen"]
    assert result.hits and {h.kind for h in result.hits} == {"commitment"}
    assert ids(result)[0] == "tz-2018-12-20-internationaal-recht-digitaal-domein"


def test_open_toezeggingen_lists_exactly_the_open_commitments(engine):
    result = engine.search(SearchQuery("open toezeggingen", limit=100))
    open_ids = {c.id for c in engine.corpus.commitments.values() if c.status == "open"}
    assert set(ids(result)) == open_ids and result.total == len(open_ids)
    assert engine.count(SearchQuery("open toezeggingen")) == len(open_ids)  # the app's exact count agrees
    assert {intent_label(i) for i in result.intents} == {"soort: toezeggingen", "status: open"}


def test_moties_kamervragen_and_sinds(engine):
    assert {h.kind for h in engine.search(SearchQuery("moties")).hits} == {"motion"}
    assert top(engine, "kamervragen drones", 1) == ["qa-2021-03-22-vraag-5"]
    since = engine.search(SearchQuery("verbod sinds 2021", limit=100))
    assert since.hits and all(h.date >= "2021" for h in since.hits)
    assert [intent_label(i) for i in since.intents] == ["sinds: 2021"]


def test_a_chip_taken_back_reads_its_word_as_text_again(engine):
    result = engine.search(SearchQuery("toezeggingen cyber", keep_words=("toezeggingen",)))
    assert result.intents == [] and {h.kind for h in result.hits} - {"commitment"}
    explicit = engine.search(SearchQuery("toezegging", kinds=("passage",)))  # an explicit filter wins
    assert explicit.intents == [] and explicit.hits and {h.kind for h in explicit.hits} == {"passage"}


def test_an_intent_that_leaves_nothing_falls_back_to_the_words(engine):
    result = engine.search(SearchQuery("moties Goalkeeper"))
    assert result.intents == [] and top(engine, "moties Goalkeeper", 1) == ["laws-verbod-definitie-2022"]


# --- English and inflections ------------------------------------------------------------------------

def test_english_and_verbs_find_the_dutch_noun(engine):
    assert "laws-verbod-2022" in top(engine, "ban on autonomous weapons", 3)
    assert "laws-verbod-2022" in top(engine, "verbieden autonome wapens", 3)
    assert "ai-onderzoek-verificatie-2022" in top(engine, "onderzoeksprogramma autonoom systeem", 10)


# --- explain -------------------------------------------------------------------------------------------

def test_briefing_search_explain_says_why(tmp_path):
    env = {"BRIEFING_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "briefing_tui", "search", "--content", str(REPO / "content"),
                          "--briefings", str(tmp_path), "--explain", "--limit", "2", "verbod volledig autonome wapensytemen"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("gezocht op: verbod volledig autonome wapensystemen\n")
    assert "kernpositie" in out.stdout and "waarom: score" in out.stdout and "in de eigen tekst" in out.stdout
    assert "ook in: 2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen#" in out.stdout


def test_open_never_finds_afgelopen(engine):
    assert "afgelopen" not in engine.vocabulary().compounds("open")
    for hit in engine.search(SearchQuery("open ", limit=500)).hits:
        said = (hit.text + " " + (hit.quote or "")).lower().replace("afgelopen", "")
        assert any(c["where"] != "own" for c in hit.why["concepts"]) or "open" in said, hit.id


def test_key_is_read_from_the_content_and_checked(tmp_path):
    import shutil

    from briefing_tui.content import load_content

    corpus = load_content(REPO / "content")
    assert corpus.statements["laws-verbod-2022"].key and not corpus.statements["laws-verbod-2019"].key
    copy = tmp_path / "content"
    shutil.copytree(REPO / "content", copy)
    laws = copy / "domains" / "laws.yaml"
    laws.write_text(laws.read_text(encoding="utf-8").replace("key: true", 'key: "ja"', 1), encoding="utf-8")
    problems = [str(p) for p in load_content(copy).problems if p.severity == "error"]
    assert len(problems) == 1 and "laws.yaml:" in problems[0] and "key moet true of false zijn" in problems[0]
