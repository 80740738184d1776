"""Superseded content flagged wherever it is repeated (issue 13, point 1): a passage, a Q&A
answer, a motion follow-up or a commitment quote that holds the quote of a superseded statement
says so in search JSON, in the briefing checks (and so `export --strict`), and in the pack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.briefing import Item, check_references, new_briefing
from briefing_tui.carried import CarriedStatements
from briefing_tui.content import load_content
from briefing_tui.export import render_markdown
from briefing_tui.quotes import QuoteIndex, holds_quote

REPO = Path(__file__).resolve().parents[1]
# The 2019 letter's passage on p. 4 that holds "geen voorstander van een verbod of moratorium".
MORATORIUM_PASSAGE = "2019-normkader-nieuwe-technologieen#16"


@pytest.fixture(scope="module")
def corpus(content_dir):
    return load_content(content_dir)


def test_a_text_holds_a_quote_when_it_holds_one_of_its_sentences():
    quote = ("Het kabinet is geen voorstander van een verbod of moratorium op autonome wapens. "
             "Een discussie met beperkende maatregelen zou nu schaden.")
    index = QuoteIndex.for_text("Inleiding. Het kabinet is geen voor-\nstander van een verbod of moratorium op autonome wapens. Verder.")
    assert holds_quote(index, quote)
    assert not holds_quote(QuoteIndex.for_text("Het kabinet is voorstander van een verbod."), quote)
    # A short text standing inside the quote repeats it too; a single common word does not.
    assert holds_quote(QuoteIndex.for_text("x"), quote, "een verbod of moratorium op autonome wapens")
    assert not holds_quote(QuoteIndex.for_text("x"), quote, "een verbod")


def test_the_moratorium_passage_carries_the_superseded_2019_line(corpus):
    carried = CarriedStatements(corpus).in_item("passage", MORATORIUM_PASSAGE)
    assert "laws-verbod-2019" in carried
    assert all(not corpus.is_current(s) for s in carried)
    # A passage of the 2022 letter repeats nothing superseded.
    assert CarriedStatements(corpus).in_item("passage", "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen#5") == ()


def test_motion_follow_up_repeating_the_2020_line_is_caught(corpus):
    carried = CarriedStatements(corpus).in_item("motion", "motie-33694-43")
    # "Vooralsnog is het kabinet van mening dat het bestaande internationaal recht volstaat ..."
    assert "wapenbeheersing-internationaal-recht-2020" in carried
    # and the 2021 plan for a conference that year, replaced since
    assert "wapenbeheersing-conferentie-2021-03" in carried


def test_search_json_lists_the_superseded_statements_a_hit_repeats(real_engine):
    hits = [h.to_json() for h in real_engine.search("moratorium").hits]
    passage = next(h for h in hits if h["id"] == MORATORIUM_PASSAGE)
    assert "laws-verbod-2019" in passage["superseded_statements"]
    statement = next(h for h in hits if h["kind"] == "statement")
    assert statement["superseded_statements"] == []
    motion = [h.to_json() for h in real_engine.search("bestaande internationaal recht volstaat").hits
              if h.kind == "motion"]
    assert motion and "wapenbeheersing-internationaal-recht-2020" in motion[0]["superseded_statements"]


def _briefing(*items):
    b = new_briefing("herhaalt", title="Herhaalt oude lijnen")
    for item in items:
        b.add(None, item)
    return b


def test_briefing_check_warns_for_each_repeating_item(corpus):
    b = _briefing(Item("passage", MORATORIUM_PASSAGE), Item("motion", "motie-33694-43"),
                  Item("commitment", "tz-2021-03-22-internationale-conferentie"))
    repeats = [p for p in check_references(b, corpus) if p.code == "briefing.repeats_superseded"]
    assert all(p.severity == "warning" for p in repeats)
    found = {(p.data["ref"], p.data["statement"], p.data["latest"]) for p in repeats}
    assert (MORATORIUM_PASSAGE, "laws-verbod-2019", "laws-verbod-2022") in found
    assert any(ref == "motie-33694-43" and sid == "wapenbeheersing-internationaal-recht-2020" for ref, sid, _ in found)
    assert any(ref == "tz-2021-03-22-internationale-conferentie" for ref, _, _ in found)
    passage = next(p for p in repeats if p.data["ref"] == MORATORIUM_PASSAGE and p.data["statement"] == "laws-verbod-2019")
    assert passage.message == (f"Standpunten per onderwerp: passage '{MORATORIUM_PASSAGE}' herhaalt het citaat van "
                               "standpunt 'laws-verbod-2019', dat vervangen is door 'laws-verbod-2022'")


def test_pack_marks_a_repeating_passage_with_what_replaced_it(corpus):
    md = render_markdown(_briefing(Item("passage", MORATORIUM_PASSAGE)), corpus)
    body = md.split("## Standpunten per onderwerp", 1)[1]
    assert "LET OP: vervangen standpunt." in body
    assert "Deze passage herhaalt het standpunt van 13 mei 2019" in body
    assert "dat is vervangen door het standpunt van" in body
    # and the title block says so before anything else
    assert "1 onderdeel herhaalt" not in md  # Dutch agreement: "een onderdeel herhaalt"
    assert "een onderdeel herhaalt letterlijk een inmiddels vervangen standpunt" in md.split("## ", 1)[0]


def test_pack_flags_the_motion_follow_up_where_it_stands(corpus):
    md = render_markdown(_briefing(Item("motion", "motie-33694-43")), corpus)
    follow_up = md.split("bestaande internationaal recht volstaat", 1)[1].split("\n\n", 2)
    assert "Deze opvolging herhaalt het standpunt van 28 oktober 2020" in follow_up[1]


def test_export_strict_refuses_a_repeating_passage(tmp_path):
    briefings = tmp_path / "briefings"
    briefings.mkdir()
    (briefings / "b.yaml").write_text(
        f"title: Test\nsections:\n- key: standpunten\n  items:\n  - passage: '{MORATORIUM_PASSAGE}'\n", encoding="utf-8")
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "briefing_tui", "export", "b", "--content", str(REPO / "content"),
         "--briefings", str(briefings), *extra], capture_output=True, text=True, cwd=tmp_path)
    strict = run("--strict")
    assert strict.returncode == 1
    assert "herhaalt het citaat van standpunt 'laws-verbod-2019'" in strict.stderr
    assert not (briefings / "b.md").exists()
    loose = run()
    assert loose.returncode == 0, loose.stderr
    assert "Deze passage herhaalt" in (briefings / "b.md").read_text(encoding="utf-8")


def _reference_holds_quote(index: QuoteIndex, quote: str, text: str | None) -> bool:
    """`holds_quote` as it was written before quotes were prepared once per page of hits."""
    from briefing_tui.quotes import MIN_PART_WORDS, normalise_quote, quote_parts

    if any(index.contains(part) for part in quote_parts(quote)):
        return True
    if text is not None:
        t = normalise_quote(text)
        if len(t.split(" ")) >= MIN_PART_WORDS:
            return QuoteIndex.for_text(quote).contains(t)
    return False


_WORDS = ["(…)", "(...)", "Het", "kabinet", "neemt", "aanbeveling", "2", "volledig", "over.", "(…)", "“verbod”", "wapen-\n",
          "systemen", "\u00a0", "Dat", "klopt;", "1)", "de", "AIV"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.lists(st.sampled_from(_WORDS), max_size=14),
       st.booleans())
def test_a_prepared_quote_is_held_by_the_texts_that_held_it(quote_words, text_words, with_text):
    """The superseded statements a page of hits repeats are matched with their quotes prepared
    once (`HeldQuote`): the same answers as matching each quote against each hit anew."""
    from briefing_tui.quotes import HeldQuote

    quote, text = " ".join(quote_words), " ".join(text_words)
    index = QuoteIndex.for_text(text)
    given_text = text if with_text else None
    assert HeldQuote(quote).held_by(index, HeldQuote.text_key(given_text)) == _reference_holds_quote(index, quote, given_text)
    assert holds_quote(index, quote, given_text) == _reference_holds_quote(index, quote, given_text)


def test_the_warnings_of_hits_follow_another_process_writing_the_index(content_dir, tmp_path):
    # The engine keeps each source's superseded quotes prepared between searches; when another
    # process updates the index (here: one connection of its own), they are read again.
    import sqlite3

    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    with KnowledgeBase.open(Workspace(content_dir, tmp_path / "b", tmp_path / "c")) as kb:
        def warned() -> tuple[str, ...]:
            return next(h for h in kb.search("moratorium").hits if h.id == MORATORIUM_PASSAGE).superseded_statements

        assert "laws-verbod-2019" in warned()
        other = sqlite3.connect(kb.index_path)
        with other:
            other.execute("UPDATE records SET superseded_by = NULL WHERE kind = 'statement' AND id = 'laws-verbod-2019'")
        other.close()
        assert "laws-verbod-2019" not in warned()


def test_a_hits_warnings_stand_when_its_sources_quotes_have_left_the_store(real_engine, monkeypatch):
    # The answer for a hit's text is kept while the index is unchanged, also when the store of
    # prepared quotes (at most CARRIED_KEPT) has let its source's quotes go since.
    import briefing_tui.search as search_module

    def warned() -> tuple[str, ...]:
        return next(h for h in real_engine.search("moratorium").hits if h.id == MORATORIUM_PASSAGE).superseded_statements

    monkeypatch.setattr(search_module, "CARRIED_KEPT", 1)
    real_engine.engine.forget()
    first = warned()
    assert "laws-verbod-2019" in first
    for q in ("exportcontrole drones", "kwantum", "cyber normen", "killer robots"):
        real_engine.search(q)  # other sources' quotes take the store's one place
    assert warned() == first
    real_engine.engine.forget()
    assert warned() == first
