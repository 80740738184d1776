"""SearchEngine and the `briefing search` / `briefing index` commands on a small content folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing_tui.store import KnowledgeBase, SearchQuery
from briefing_tui.textnorm import searchable, words
from briefing_tui.wording import say
from briefing_tui.workspace import Workspace
from kbhelpers import index_path

REPO = Path(__file__).resolve().parents[1]


def _index_tests():
    """tests/test_index.py, for its small content folder (loaded by path: works in any import mode)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_briefing_index_test_helpers", Path(__file__).with_name("test_index.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _index_tests()
make_content, edit = _helpers.make_content, _helpers.edit

HIT_KEYS = {"kind", "id", "text", "quote", "snippet", "date", "domains", "forums", "topic", "current",
            "superseded_by", "locator", "score", "source"}
SOURCE_KEYS = {"id", "kind", "title", "date", "citation", "url", "inferred"}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(make_content(tmp_path), tmp_path / "briefings", tmp_path / "cache")


@pytest.fixture
def engine(ws):
    with KnowledgeBase.open(ws) as eng:
        yield eng


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def test_json_hit_has_the_design_contract(engine):
    result = engine.search(SearchQuery("verbod autonome wapensystemen", kinds=("statement",)))
    hit = next(h for h in result.hits if h.id == "laws-verbod-2022")
    data = hit.to_json()
    assert HIT_KEYS <= data.keys()
    assert SOURCE_KEYS <= data["source"].keys()
    assert data["kind"] == "statement"
    assert data["text"] == "Het kabinet streeft actief naar een verbod op volledig autonome wapensystemen."
    assert data["quote"].startswith("Het kabinet neemt aanbeveling 2 volledig over")
    assert data["topic"] == "laws/verbod"
    assert data["domains"] == ["laws"] and data["forums"] == ["ccw"]
    assert data["date"] == "2022-06-17"  # the source's date
    assert data["current"] is True and data["superseded_by"] is None
    assert data["locator"] == "Aanbeveling 2"
    assert isinstance(data["score"], float) and data["score"] > 0
    src = data["source"]
    assert src["id"] == "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen"
    assert src["citation"].endswith(", Aanbeveling 2")
    # the source's date is established from the official publication: not shown as inferred
    assert "date" not in src["inferred"] and "date" in src["established"]
    json.dumps(data)  # serialisable as is


def test_passage_hits_carry_page_locator_and_source_citation(engine):
    result = engine.search(SearchQuery("wapenbeheersing Berlijn", kinds=("passage",)))
    hit = result.hits[0]
    assert re.fullmatch(r"2019-normkader-nieuwe-technologieen#\d+", hit.id)
    assert hit.locator == f"p. {hit.page}"
    data = hit.to_json()
    assert data["quote"] is None and data["topic"] is None and data["current"] is True
    assert data["source"]["citation"] == f"Kamerstuk 33 694, nr. 45 (afgeleid), p. {hit.page}"
    assert data["source"]["url"] == "https://zoek.officielebekendmakingen.nl/kst-33694-45.html"


def test_current_statement_ranks_before_the_one_it_superseded(engine):
    result = engine.search(SearchQuery("verbod autonome wapensystemen", kinds=("statement",)))
    order = ids(result)
    assert order.index("laws-verbod-2022") < order.index("laws-geen-verbod-2019")
    old = result.hits[order.index("laws-geen-verbod-2019")]
    assert old.current is False and old.superseded_by == "laws-verbod-2022"


def test_a_superseded_statement_is_demoted_not_hidden(engine):
    result = engine.search(SearchQuery("moratorium", kinds=("statement",)))
    assert ids(result) == ["laws-geen-verbod-2019"]


def test_snippet_marks_words_as_the_source_spells_them(engine):
    result = engine.search(SearchQuery("AI", kinds=("statement",)))
    hit = next(h for h in result.hits if h.id == "ai-militair-2021")
    # The quote is OCR'd: "Al kent vele militaire toepassingen"; the position says "Kunstmatige intelligentie".
    assert "**Kunstmatige** **intelligentie**" in hit.snippet or "**Al**" in hit.snippet
    assert all(text in hit.snippet for text, marked in hit.snippet_spans)
    assert "".join(t for t, _ in hit.snippet_spans) == hit.snippet.replace("**", "")
    quote_hit = engine.search(SearchQuery("sleutelonderwerp AI", kinds=("statement",))).hits[0]
    assert quote_hit.id == "ai-militair-2021"


def test_snippet_of_a_passage_shows_ocr_spelling_marked(engine):
    result = engine.search(SearchQuery("technologieën militaire domein", kinds=("passage",)))
    assert any("**technologieén**" in h.snippet for h in result.hits)


def test_short_words_match_whole_words_only(engine):
    for query in ("rol", "ai", "eu"):
        result = engine.search(SearchQuery(query, kinds=("passage",), limit=500))
        assert result.hits, query
        for hit in result.hits:
            folded = words(searchable(hit.text + " " + (hit.section or "")))
            # "rol" never finds "controle" or "rollen"; "ai" never "militaire"; "eu" never "europese".
            assert query in folded or {"kunstmatige", "europese", "unie"} & set(folded), (query, hit.text[:120])


def test_filters_domains_forums_kinds_dates(engine):
    assert set(ids(engine.search(SearchQuery("militaire", domains=("ai",))))) == {"ai-militair-2021"}
    assert set(ids(engine.search(SearchQuery("verbod", forums=("ccw",))))) == {"laws-verbod-2022", "laws-geen-verbod-2019"}
    assert {h.kind for h in engine.search(SearchQuery("autonome", kinds=("passage",), limit=500)).hits} == {"passage"}
    since = engine.search(SearchQuery("verbod", since="2020", kinds=("statement",)))
    assert ids(since) == ["laws-verbod-2022"]
    until = engine.search(SearchQuery("verbod", until="2021", kinds=("statement",)))
    assert ids(until) == ["laws-geen-verbod-2019"]
    # A year may mean any day in it: "2021" is in since "2021-06".
    partial = engine.search(SearchQuery("sleutelonderwerp", since="2021-06"))
    assert "ai-militair-2021" in ids(partial)
    assert engine.search(SearchQuery("sleutelonderwerp", since="2022")).total == 0


def test_bad_filter_dates_are_refused_clearly(engine):
    with pytest.raises(ValueError, match="2021-13"):
        engine.search(SearchQuery("verbod", since="2021-13"))


def test_total_counts_everything_and_capped_says_so(engine):
    full = engine.search(SearchQuery("kabinet", limit=10_000))
    capped = engine.search(SearchQuery("kabinet", limit=3))
    assert full.total == len(full.hits) > 3 and not full.capped
    assert capped.total == full.total and len(capped.hits) == 3 and capped.capped
    assert ids(capped) == ids(full)[:3]


def test_as_you_type_counting_stops_past_rank_all_and_says_so(engine, monkeypatch):
    monkeypatch.setattr("briefing_tui.search.RANK_ALL", 2)
    exact = engine.search(SearchQuery("kabinet"))
    fast = engine.search(SearchQuery("kabinet", exact_total=False))
    assert exact.total > 2 and exact.total_exact and exact.ranked_among == 2
    assert fast.total == 2 and not fast.total_exact and fast.capped and fast.ranked_among == 2
    assert ids(fast) == ids(exact)  # the same hits, ranked the same way
    assert engine.count(SearchQuery("kabinet")) == exact.total
    listed = engine.search(SearchQuery("", kinds=("statement",), exact_total=False))
    assert listed.total == 2 and not listed.total_exact and len(listed.hits) == 4
    assert engine.count(SearchQuery("", kinds=("statement",))) == 4
    few = engine.search(SearchQuery("sleutelonderwerp", exact_total=False))
    assert few.total_exact and few.total == len(few.hits)
    # `count` counts matching records; the search shows a passage that quotes a statement in it.
    assert engine.count("sleutelonderwerp") == few.total + sum(len(h.also) for h in few.hits)


def test_empty_query_finds_nothing_unless_filters_list_records(engine):
    assert engine.search(SearchQuery("")).total == 0
    assert engine.search(SearchQuery("   ")).hits == []
    listed = engine.search(SearchQuery("", kinds=("statement",)))
    assert listed.total == 4
    # Current statements first, newest first.
    assert ids(listed)[0] == "laws-verbod-2022" and ids(listed)[-1] == "laws-geen-verbod-2019"


def test_trailing_word_is_a_prefix_while_typing(engine):
    assert "laws-mhc-2019" in ids(engine.search(SearchQuery("betekenisvolle mens")))
    # A finished four-letter word (a space typed after it) is no longer a prefix: the line that
    # says "menselijke" but not "mens" only comes as a partial match.
    finished = engine.search(SearchQuery("betekenisvolle mens "))
    assert all(h.partial for h in finished.hits if h.id == "laws-mhc-2019") and finished.partial
    # A fragment of three letters or fewer that is no word yet is left out, not searched for.
    typing = engine.search(SearchQuery("betekenisvolle mxz"))
    assert "laws-mhc-2019" in ids(typing) and typing.dropped == ["mxz"]


def test_quotes_make_a_phrase(engine):
    phrase = engine.search(SearchQuery('"controle moeten staan"', kinds=("passage",)))
    loose = engine.search(SearchQuery("controle moeten staan", kinds=("passage",)))
    assert phrase.total >= 1 and loose.total > phrase.total


def test_two_names_of_one_concept_are_one_unit(engine):
    # "drones en onbemande luchtvaartuigen" names the drones group twice; the last name also as
    # typed (a prefix). One unit, with both names; the matches are the AND of the two.
    for typed in ("drones en onbemande luchtvaartuigen", "drones en onbemande luchtvaartuigen "):
        parsed = engine.parse(typed)
        assert [u.label for u in parsed.units] == ["drones / onbemande luchtvaartuigen"], typed
        conn = engine.engine._connection()
        apart = [engine.parse(t).units[0].fts(plan=engine.parse(t).plan)
                 for t in ("drones ", "onbemande luchtvaartuigen" + typed[len("drones en onbemande luchtvaartuigen"):])]
        want = conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH ?",
                            [" AND ".join(f"({a})" for a in apart)]).fetchone()[0]
        result = engine.search(SearchQuery(typed, limit=500))
        full = [h for h in result.hits if not h.partial]
        assert want > 0 and len(full) == want == result.total, typed


def test_a_unit_that_holds_another_is_left_to_the_narrower_one():
    from briefing_tui.search.query import Alt, Unit, _one_per_concept

    word, typed = Alt(("drones",)), Alt(("drones",), prefix=True)
    group = [Alt(("uav",)), word]
    for units in ([Unit("drones", [*group], "synonym"), Unit("uav", [Alt(("uav",)), typed], "synonym")],
                  [Unit("uav", [Alt(("uav",)), typed], "synonym"), Unit("drones", [*group], "synonym")]):
        (one,) = _one_per_concept(units)
        assert one.alts == group and set(one.label.split(" / ")) == {"drones", "uav"}
    other = [Unit("drones", [word]), Unit("cyber", [Alt(("cyber",))])]
    assert [u.label for u in _one_per_concept(other)] == ["drones", "cyber"]
    assert [u.label for u in _one_per_concept([Unit("a", [word]), Unit("b", [Alt(("uav",)), word])])] == ["a / b"]


def test_query_used_is_the_fts_expression(engine):
    result = engine.search(SearchQuery("killer robots"))
    assert "autonome wapensystemen" in result.query_used
    assert engine.search(SearchQuery("")).query_used == ""


def test_searches_from_many_threads_agree(engine):
    queries = ["verbod", "AI", "killer robots", "wapenbeh", "drones", '"menselijke controle"', "technologieën"]
    expected = {q: ids(engine.search(SearchQuery(q, limit=30))) for q in queries}
    errors: list[BaseException] = []
    got: list[tuple[str, list[str]]] = []

    def worker(n: int) -> None:
        try:
            for i in range(20):
                q = queries[(n + i) % len(queries)]
                got.append((q, ids(engine.search(SearchQuery(q, limit=30)))))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(got) == 160 and all(expected[q] == r for q, r in got)


def test_refresh_picks_up_a_changed_file(engine, ws):
    assert engine.search(SearchQuery("kernpunt")).total == 0
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp in de discussie", "kernpunt in de discussie")
    report = engine.refresh()
    assert report.changed == ["domains/ai.yaml"]
    assert ids(engine.search(SearchQuery("kernpunt"))) == ["ai-militair-2021"]


def test_engine_recovers_from_a_damaged_index(ws):
    ws.cache.mkdir(parents=True)
    index_path(ws).write_bytes(b"\x00garbage" * 100)
    with KnowledgeBase.open(ws) as eng:
        assert eng.report.rebuilt
        assert "laws-verbod-2022" in ids(eng.search(SearchQuery("verbod")))


# --- the commands -----------------------------------------------------------------------------

def briefing(ws: Workspace, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFING_CACHE": str(ws.cache), "BRIEFING_CONTENT": str(ws.content), "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "briefing_tui", *args], capture_output=True, text=True,
                          env=env, cwd=ws.content.parent, timeout=120)


def test_index_command_says_what_it_did(ws):
    first = briefing(ws, "index")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("index opnieuw opgebouwd (nog geen index): 3 bronnen, 4 standpunten")
    again = briefing(ws, "index")
    assert re.fullmatch(r"index is bijgewerkt \(3 bronnen, 4 standpunten, \d+ passages; 0 bestanden gewijzigd\) in \d+ ms\n",
                        again.stdout)
    edit(ws.content / "domains" / "ai.yaml", "sleutelonderwerp", "kernpunt")
    changed = briefing(ws, "index")
    assert changed.stdout.startswith("1 bestand opnieuw geïndexeerd (gewijzigd: domains/ai.yaml): 1 record geschreven")
    rebuilt = briefing(ws, "index", "--rebuild")
    assert rebuilt.stdout.startswith("index opnieuw opgebouwd (gevraagd)")


def test_search_command_json(ws):
    out = briefing(ws, "search", "verbod", "autonome", "wapensystemen", "--kind", "statement", "--json")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert [h["id"] for h in hits][:1] == ["laws-verbod-2022"]
    assert all(HIT_KEYS <= h.keys() and SOURCE_KEYS <= h["source"].keys() for h in hits)
    limited = briefing(ws, "search", "kabinet", "--limit", "2", "--json")
    assert len(json.loads(limited.stdout)) == 2
    assert "2 van" in limited.stderr and "resultaten getoond" in limited.stderr


def test_search_command_human_output(ws):
    out = briefing(ws, "search", "verbod", "--kind", "statement", "--domain", "laws")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("  1. Standpunt · 2022-06-17 · Kamerstuk 35 925 X, nr. 90")
    assert any("VERVANGEN door laws-verbod-2022" in ln for ln in lines)
    assert any("**verbod**" in ln for ln in lines)
    assert lines[-1] == "2 resultaten"


def test_search_command_filters_and_bad_dates(ws):
    out = briefing(ws, "search", "verbod", "--since", "2022", "--json")
    assert {h["id"] for h in json.loads(out.stdout) if h["kind"] == "statement"} == {"laws-verbod-2022"}
    bad = briefing(ws, "search", "verbod", "--since", "2022-13")
    assert bad.returncode == 2 and "geen datum" in bad.stderr and "fout:" in bad.stderr


def test_search_command_warns_about_bad_content_and_still_searches(ws):
    (ws.content / "domains" / "ai.yaml").write_text("id: ai\nstatements: [\n", encoding="utf-8")
    out = briefing(ws, "search", "verbod", "--json")
    assert out.returncode == 0
    assert say("index.content_problems", n=1) in out.stderr.splitlines()  # the one YAML error of ai.yaml
    assert "laws-verbod-2022" in {h["id"] for h in json.loads(out.stdout)}


def test_commands_do_not_import_textual(ws):
    code = (
        "import sys, argparse\n"
        "from briefing_tui.commands import index, search\n"
        "p = argparse.ArgumentParser(); search.configure(p)\n"
        "args = p.parse_args(['verbod', '--json']); args.content = sys.argv[1]; args.briefings = None\n"
        "search.run(args)\n"
        "q = argparse.ArgumentParser(); index.configure(q); a = q.parse_args([]); a.content = sys.argv[1]; a.briefings = None\n"
        "index.run(a)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'briefing_tui.tui'))]\n"
        "print('TEXTUAL', bad, file=sys.stderr)\n"
    )
    env = {**os.environ, "BRIEFING_CACHE": str(ws.cache)}
    out = subprocess.run([sys.executable, "-c", code, str(ws.content)], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "TEXTUAL []" in out.stderr


def test_an_unwritable_cache_folder_falls_back_to_a_private_temporary_one(tmp_path, monkeypatch):
    content = make_content(tmp_path)
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "tmp").mkdir()  # the system's temporary folder exists (tempfile.gettempdir only returns one that does)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "tmp"))
    ws = Workspace(content, tmp_path / "briefings", blocked)
    with KnowledgeBase.open(ws) as eng:
        assert eng.index_path.is_relative_to(tmp_path / "tmp")
        assert "laws-verbod-2022" in ids(eng.search(SearchQuery("verbod")))


def test_index_rebuild_on_an_empty_cache_builds_once(ws, monkeypatch, capsys):
    """`briefing index --rebuild` with no index yet builds it once from scratch (it used to bring
    the index up to date, which builds it, and then build it again)."""
    import briefing_tui.index as index_module
    from briefing_tui.cli import main

    builds = []
    real = index_module._rebuild

    def counted(*args, **kwargs):
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(index_module, "_rebuild", counted)
    monkeypatch.setenv("BRIEFING_CACHE", str(ws.cache))
    monkeypatch.setenv("BRIEFING_CONTENT", str(ws.content))
    assert main(["index", "--rebuild"]) == 0
    assert capsys.readouterr().out.startswith("index opnieuw opgebouwd (gevraagd)")
    assert len(builds) == 1
    assert main(["index", "--rebuild"]) == 0
    assert len(builds) == 2


def test_search_json_does_not_count_every_match_of_a_broad_query(ws, monkeypatch, capsys):
    """`--json` prints the hits; the exact number of a broad query's matches (a count of every
    match, the slowest part at a million passages) is not needed for it: stderr says "meer dan"."""
    import briefing_tui.search as search_module
    from briefing_tui.cli import main

    monkeypatch.setattr(search_module, "RANK_ALL", 3)  # "kabinet" is a broad query now
    monkeypatch.setenv("BRIEFING_CACHE", str(ws.cache))
    monkeypatch.setenv("BRIEFING_CONTENT", str(ws.content))
    assert main(["search", "kabinet", "--json", "--limit", "2"]) == 0
    out = capsys.readouterr()
    assert len(json.loads(out.out)) == 2
    assert "2 van meer dan 3 resultaten getoond" in out.err
    assert main(["search", "kabinet", "--limit", "2"]) == 0
    assert re.search(r"\b\d+ resultaten\b", capsys.readouterr().out)  # the plain list counts them all


def test_the_text_output_writes_a_large_total_the_dutch_way():
    """A whole dossier has hundreds of thousands of matches: 629.613, as the rest of the CLI and
    the JSON path's stderr write numbers, not 629613."""
    from briefing_tui.commands.search import render
    from briefing_tui.search import SearchResult

    capped = render(SearchResult(hits=[], total=629_613, capped=True, elapsed_ms=1.0, query_used='"x"',
                                 ranked_among=1000), 100)
    assert "0 van 629.613 resultaten getoond" in capped and "629613" not in capped
    assert "de eerste 1.000 treffers" in capped
    whole = render(SearchResult(hits=[], total=12_345, capped=False, elapsed_ms=1.0, query_used='"x"'), 100)
    assert "12.345 resultaten" in whole
