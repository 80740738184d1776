"""Long queries found through their rarest words (`search.selective`) and the faster checks that
came with them (`ranking._Counts`, `quotes.HeldQuotes`): each is held to the simple path it
stands for, on the real content and on generated text."""

from __future__ import annotations

import ast
import gc
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import briefing_tui.search as search_module
import briefing_tui.search.selective as selective
from briefing_tui.quotes import HeldQuote, HeldQuotes, QuoteIndex
from briefing_tui.search.query import Alt, Unit, Vocabulary
from briefing_tui.search.ranking import Concept, Forms, _Counts, concepts
from briefing_tui.store import SearchQuery
from kbhelpers import query_texts

REPO = Path(__file__).resolve().parents[1]


def _bench_questions() -> list[str]:
    tree = ast.parse((REPO / "benchmarks" / "bench_long.py").read_text(encoding="utf-8"))
    return next(ast.literal_eval(n.value) for n in tree.body
                if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "LONG_QUESTIONS")


def _queries(engine) -> list[str]:
    out = query_texts() + _bench_questions()
    # Questions made of the content's own words, four to nine of them: many have full matches.
    rng = random.Random(7)
    for st_ in list(engine.corpus.statements.values())[:120]:
        words = re.findall(r"\w{4,}", st_.position)
        if len(words) >= 9:
            out.append(" ".join(rng.sample(words, rng.randint(4, 9))))
    return out


@pytest.fixture
def reference(monkeypatch):
    """Switch the long-query plan off: every query asked as FTS5's AND of all its units (a phrase
    too: no relaxed read is within its budget)."""
    def off():
        monkeypatch.setattr(search_module, "SELECTIVE_UNITS", 10**6)
        monkeypatch.setattr(selective, "PHRASE_WORK", float("inf"))
    return off


def _full(result) -> set[str]:
    return {i for h in result.hits if not h.partial for i in (h.id, *h.also)}


def test_long_queries_find_the_matches_fts5_finds(real_engine, reference, monkeypatch):
    queries = _queries(real_engine)
    asked: list[int] = []
    real = selective.candidates

    def spy(*args, **kw):
        found = real(*args, **kw)
        if found is not None:
            asked.append(len(found))
        return found

    monkeypatch.setattr(selective, "candidates", spy)
    mine = [(real_engine.count(SearchQuery(q)), _full(real_engine.search(SearchQuery(q, limit=1000)))) for q in queries]
    assert len(asked) > 100 and sum(n > 0 for n in asked) > 50  # the plan ran, and found candidates
    reference()
    theirs = [(real_engine.count(SearchQuery(q)), _full(real_engine.search(SearchQuery(q, limit=1000)))) for q in queries]
    differ = [(q, a, b) for q, a, b in zip(queries, mine, theirs) if a != b]
    assert differ == []


def test_the_candidates_come_from_the_units_with_the_fewest_records():
    # "wapen"* has the lowest document count of its most common word (the weight's), but begins
    # three words: together more records than "vragen" or "kamer". The AND of the candidates is
    # asked with the units of the fewest records; the weights order them without a vocabulary.
    vocab = Vocabulary([("wapens", 50), ("wapensystemen", 40), ("wapenexport", 40), ("vragen", 60), ("kamer", 70)])
    units = [Unit("wapen", [Alt(("wapen",), prefix=True)]), Unit("vragen", [Alt(("vragen",))]),
             Unit("kamer", [Alt(("kamer",)), Alt(("kamer", "vragen"))]), Unit("zelfde", [Alt(("vragen",))])]
    cs = [Concept(u.label, w, None, None) for u, w in zip(units, (3.0, 2.5, 2.0, 2.6))]
    assert [selective.unit_records(u, vocab) for u in units] == [130, 60, 130, 60]  # a phrase: its rarest word
    assert selective.by_selectivity(cs) == [0, 3, 1, 2]
    assert selective.by_selectivity(cs, units, vocab) == [3, 1, 0, 2]  # a tie: the higher weight first


def test_the_candidates_are_every_match_of_the_units_with_the_fewest_records_newest_first(real_engine, monkeypatch):
    checked: list[bool] = []
    real = selective.candidates

    def spy(conn, parsed, cs, filt, params, vocab, **kw):
        found = real(conn, parsed, cs, filt, params, vocab, **kw)
        if found:
            order = selective.by_selectivity(cs, parsed.units, vocab)
            parts = [f"({selective.relaxed(u, parsed.plan, vocab)})" for u in parsed.units]
            for k in range(selective.SELECTIVE_AND, len(parts)):
                every = [rid for (rid,) in conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH ?",
                                                        [" AND ".join(parts[i] for i in sorted(order[:k]))])]
                if len(every) <= selective.SELECTIVE_CAP:
                    checked.append(found == sorted(every, reverse=True))
                    break
        return found

    monkeypatch.setattr(selective, "candidates", spy)
    for q in _queries(real_engine):
        real_engine.search(SearchQuery(q))
    assert len(checked) > 50 and all(checked)


def test_a_pasted_question_counts_what_it_shows(real_engine):
    q = "Wat is de inzet van het kabinet in de GGE LAWS over betekenisvolle menselijke controle bij autonome wapens?"
    assert len(real_engine.parse(q).units) >= selective.SELECTIVE_UNITS
    typed = real_engine.search(SearchQuery(q, exact_total=False))
    full = [h for h in typed.hits if not h.partial]
    assert full, "the question has full matches in the shipped content"
    assert real_engine.count(SearchQuery(q)) == len(full) + sum(len(h.also) for h in full)


# --- words looked up instead of patterns -------------------------------------------------------

WORDS = ["wapen", "wapens", "kernwapens", "verbod", "verboden", "ai", "drone", "drones", "é", "x1", "navo",
         "autonome", "autonoom"]


@settings(max_examples=300, deadline=None)
@given(
    alts=st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), min_size=1, max_size=5),
    text=st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "-", "_", ".", "\n", "9", "é", "'"])),
                  max_size=30).map("".join),
)
def test_word_forms_count_as_their_patterns(alts, text):
    forms = Forms([Alt((w,), prefix=p) for w, p in alts])
    assert forms.exact  # one word each: looked up
    cs = [type("C", (), {"direct": forms, "compound": None})()]
    direct, _ = _Counts(cs).of(text)  # type: ignore[arg-type]
    assert direct[0] == len(forms.pattern.findall(text))


@settings(max_examples=400, deadline=None)
@given(
    alts=st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), st.booleans()),
                  min_size=1, max_size=4),
    data=st.data(),
    compound=st.booleans(),
)
def test_forms_with_phrases_count_as_their_patterns(alts, data, compound):
    # The text is made of the forms themselves (their words joined by any separator, a letter
    # added at either end), other words and separators, so that forms stand in it often.
    sep = st.sampled_from([" ", " ", "-", "_", ". ", "\n", "'"])
    form = st.tuples(st.sampled_from(alts), sep, st.sampled_from(["", "s", "x"]), st.sampled_from(["", "", "x"])).map(
        lambda f: f[3] + f[1].join(f[0][0]) + f[2])
    text = "".join(data.draw(st.lists(st.one_of(form, st.sampled_from(WORDS), sep), max_size=20)))
    forms = Forms([Alt(tuple(ws), prefix=p) for ws, p in alts])
    c = type("C", (), {"direct": None if compound else forms, "compound": forms if compound else None})()
    counts = _Counts([c]).of(text)  # type: ignore[list-item]
    assert counts[1 if compound else 0][0] == len(forms.pattern.findall(text))


@settings(max_examples=400, deadline=None)
@given(
    alts=st.lists(st.tuples(st.lists(st.sampled_from(WORDS + ["wapensystemen", "ccw", "c", "x"]), min_size=1,
                                     max_size=3), st.booleans()), min_size=1, max_size=5),
    text=st.lists(st.one_of(st.sampled_from(WORDS + ["xwapens", "wapensx", "ccwx", "c"]),
                            st.sampled_from([" ", "-", "_", ".", "\n", "9", "é", "'"])), max_size=40).map("".join),
)
def test_a_pattern_led_by_plain_text_finds_what_the_word_boundary_first_finds(alts, text):
    # Forms with few first letters are written with each form's first word first (faster);
    # every match, where it stands, is that of the pattern with the boundary check first.
    import briefing_tui.search.ranking as ranking

    forms = [Alt(tuple(ws), prefix=p) for ws, p in alts]
    old = ranking.LITERAL_FIRST
    try:
        ranking.LITERAL_FIRST = 10**6
        led = Forms(forms).pattern
        ranking.LITERAL_FIRST = -1
        checked_first = Forms(forms).pattern
    finally:
        ranking.LITERAL_FIRST = old
    assert led.pattern != checked_first.pattern
    assert [m.span() for m in led.finditer(text)] == [m.span() for m in checked_first.finditer(text)]


def test_phrases_are_counted_by_their_pattern_where_a_word_may_begin_one():
    forms = Forms([Alt(("autonome", "wapens")), Alt(("wapens",))])
    assert not forms.exact
    cs = [type("C", (), {"direct": forms, "compound": None})()]
    assert _Counts(cs).of("autonome wapens en wapens")[0] == [2]  # type: ignore[arg-type]
    assert _Counts(cs).of("autonomie en wapentuig")[0] == [0]  # type: ignore[arg-type]


def test_scores_are_the_same_through_words_and_through_patterns(real_engine):
    from briefing_tui.search.ranking import Boosts, Row, score_rows

    eng = real_engine.engine
    rows = [Row(n, "statement", s.id, s.position, s.quote, s.topic, None, None, True, False)
            for n, s in enumerate(real_engine.corpus.statements.values())]
    for q in _bench_questions() + ["drones export", "killer robots verbod", "ai navo kunstmatige"]:
        cs = concepts(eng.parse(q), eng.vocabulary(), len(rows))
        score_rows(rows, cs, Boosts())
        by_words = [(r.score, r.matched, r.why) for r in rows]
        for c in cs:
            for f in (c.direct, c.compound):
                if f is not None:
                    f.words, f.exact = None, False  # the pattern alone
        score_rows(rows, cs, Boosts())
        assert [(r.score, r.matched, r.why) for r in rows] == by_words


def test_a_row_that_cannot_say_enough_concepts_is_left_unscored_and_no_other(real_engine):
    # `score_rows(..., need=k)` skips a row whose words show it cannot say k concepts; every other
    # row scores as without it. The rows: every statement, with its topic as context.
    from briefing_tui.search.ranking import Boosts, Row, score_rows

    eng = real_engine.engine
    rows = [Row(n, "statement", s.id, s.position, s.quote, s.topic, None, None, True, False)
            for n, s in enumerate(real_engine.corpus.statements.values())]
    skipped = 0
    for q in _bench_questions() + random.Random(5).sample(query_texts(), 40):
        cs = concepts(eng.parse(q), eng.vocabulary(), len(rows))
        score_rows(rows, cs, Boosts())
        plain = [(r.score, r.matched, r.share, r.why) for r in rows]
        for need in sorted({1, 2, 3, len(cs)}):
            score_rows(rows, cs, Boosts(), need=need)
            for r, (score, matched, share, why) in zip(rows, plain):
                if (r.score, r.matched, r.share) == (0.0, 0, 0.0) and matched < need:
                    skipped += matched > 0  # left out, though it says some concepts
                    continue
                assert (r.score, r.matched, r.share, r.why) == (score, matched, share, why), (q, need, r.id)
    assert skipped > 1000


def test_a_form_not_made_of_words_never_leaves_a_row_unscored():
    # A form with a character no word has ("uav's") cannot be looked up by words: any text may say it.
    from briefing_tui.search.ranking import Boosts, Concept, Row, score_rows

    cs = [Concept("uav's", 1.0, Forms([Alt(("uav's",))]), None), Concept("drones", 1.0, Forms([Alt(("drones",))]), None)]
    assert cs[0].direct is not None and cs[0].direct.words is None
    row = Row(1, "statement", "s", "inzet van uav's en drones", "", "", None, None, True, False)
    score_rows([row], cs, Boosts(), need=2)
    assert row.matched == 2 and row.score > 0


@settings(max_examples=400, deadline=None)
@given(
    units=st.lists(st.lists(st.tuples(st.lists(st.sampled_from(WORDS + ["uav's"]), min_size=1, max_size=2),
                                      st.booleans(), st.booleans()), min_size=1, max_size=3),
                   min_size=1, max_size=5),
    own=st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "-", ".", "\n", "'"])), max_size=25).map("".join),
    context=st.lists(st.one_of(st.sampled_from(WORDS), st.just(" ")), max_size=8).map("".join),
    need=st.integers(1, 5),
)
def test_the_quick_test_of_substrings_never_rules_out_what_the_words_allow(units, own, context, need):
    # `_Counts.may_reach` (first words as substrings) may keep a row `maybe` (the words) rules
    # out, never the other way round: a row it skips could not have said `need` concepts.
    from briefing_tui.search.ranking import Concept

    cs = []
    for alts in units:
        forms = [Alt(tuple(ws), prefix=p, compound=c) for ws, p, c in alts]
        direct = [a for a in forms if not a.compound]
        compound = [a for a in forms if a.compound]
        cs.append(Concept("c", 1.0, Forms(direct) if direct else None, Forms(compound) if compound else None))
    counts = _Counts(cs)
    allowed = len(counts.maybe(counts.words_of(own), counts.words_of(context))) >= need
    assert counts.may_reach(need, f"{own}\n{context}") or not allowed


# --- superseded quotes looked up by a word -----------------------------------------------------

def _held_plainly(quote: str, index: QuoteIndex, key) -> bool:
    """`HeldQuote.held_by` without any shortcut: every part looked for in the text, and the text
    in the quote (the reference both shortcuts are held to)."""
    parts = HeldQuote(quote).parts
    return any(index.has(p) for p in parts) or (key is not None and QuoteIndex.for_text(quote).has(key.text))


@pytest.mark.parametrize("runs_from", [0, 10**9])  # looked up by runs of words; by one word
def test_held_quotes_find_what_comparing_every_quote_finds(real_engine, source_text, monkeypatch, runs_from):
    import briefing_tui.quotes as quotes_module

    monkeypatch.setattr(quotes_module, "RUNS_FROM", runs_from)
    corpus = real_engine.corpus
    quotes = [(s.id, s.quote) for s in corpus.statements.values() if s.quote]
    held = HeldQuotes(quotes)
    assert bool(held._by_run) == (runs_from == 0)
    texts = [s.position for s in corpus.statements.values()][:200] + [q for _, q in quotes][:200]
    texts += [s.quote[5:-5] for s in corpus.statements.values() if len(s.quote or "") > 80][:100]
    found = 0
    for t in texts:
        index, key = QuoteIndex.for_text(t), HeldQuote.text_key(t)
        expected = [i for i, q in quotes if _held_plainly(q, index, key)]
        assert [i for i, q in quotes if HeldQuote(q).held_by(index, key)] == expected
        assert held.held_by(index, key) == expected
        found += bool(expected)
    assert found > 100
    # An engine keeps up to CARRIED_KEPT quotes: their tables are tuples of strings and numbers,
    # which a full collection of the garbage collector stops visiting (only prepared quotes stay).
    gc.collect()
    tables = [held.items, held._quotes, held._always, held._lengths, held._by_length, held._by_run, held._by_probe,
              *held._by_run.values(), *held._by_probe.values()]
    assert not any(gc.is_tracked(t) for t in tables)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_held_quotes_on_generated_text(data):
    vocab = ["Het", "kabinet", "steunt", "een", "verbod", "op", "wapens.", "Nederland", "zet-", "\n", "in", "1", "“",
             "”", "(…)", "  "]
    sentence = st.lists(st.sampled_from(vocab), min_size=1, max_size=14).map(" ".join)
    quotes = data.draw(st.lists(sentence, max_size=8))
    glue = st.sampled_from(["Voorts {} aldus", "Voorts kern{}aldus", "{}", "{}-\n{}"])
    text = data.draw(st.one_of(sentence, st.tuples(glue, st.sampled_from(quotes or ["x"])).map(
        lambda g: g[0].replace("{}", g[1], 1).replace("{}", g[1][:9]))))
    index, key = QuoteIndex.for_text(text), HeldQuote.text_key(text)
    pairs = [(str(n), q) for n, q in enumerate(quotes)]
    expected = [i for i, q in pairs if q and _held_plainly(q, index, key)]
    assert [i for i, q in pairs if q and HeldQuote(q).held_by(index, key)] == expected
    assert HeldQuotes(pairs).held_by(index, key) == expected
    import briefing_tui.quotes as quotes_module

    default = quotes_module.RUNS_FROM
    quotes_module.RUNS_FROM = 0  # looked up by runs of words, whatever their number
    try:
        assert HeldQuotes(pairs).held_by(index, key) == expected
    finally:
        quotes_module.RUNS_FROM = default


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Het", "kabinet", "steunt", "een", "verbod.", "op", "wapens;", "Nederland?",
                                          "zet-", "\n", "(…)", "(...)", "“in”", "1", "\u00a0", "\u2009", "\x00", "  ",
                                          "Dat!", "klopt:", "\t"]),
                         max_size=20).map(" ".join), max_size=6))
def test_the_runs_of_many_quotes_are_those_of_each_prepared_quote(quotes):
    # A source's superseded quotes are keyed by the runs of their parts without being prepared
    # (`_part_runs`): the same runs `HeldQuote` gives each, or None where a part has none (that
    # quote is then prepared whole). NUL, and layout of every sort. A quote's parts are its
    # sentences as the pattern cuts them, also when no sentence mark stands before a space.
    from briefing_tui.quotes import _SENTENCE_END, MIN_PART_WORDS, _part_runs, normalise_quote, quote_parts

    for quote in quotes:
        q = normalise_quote(quote)
        cut = [q] + [s for s in _SENTENCE_END.split(q) if s.count(" ") + 1 >= MIN_PART_WORDS] if q else []
        assert quote_parts(quote) == tuple(dict.fromkeys(cut))
    got = _part_runs(quotes)
    assert len(got) == len(quotes)
    for quote, runs in zip(quotes, got):
        prepared = HeldQuote(quote).runs
        if any(r is None for r in prepared):
            assert runs is None
        else:
            assert runs is not None and set(runs) == set(prepared)


def test_a_query_of_three_words_ranks_all_its_matches(real_engine, monkeypatch):
    # Three units, 127 matches in the shipped content: more than SCORE_ALL (60), which a shorter
    # query would first cut by bm25. With the cut made to bite (2), the page stays the page of
    # scoring every match, also past the cap of a long question's candidates (every match the
    # window reads, up to RANK_ALL, is scored).
    q = "internationale wapens controle"
    assert len(real_engine.parse(q).units) == 3
    everything = real_engine.search(SearchQuery(q, limit=10))
    assert search_module.SCORE_ALL < everything.total <= search_module.RANK_ALL
    monkeypatch.setattr(search_module, "SCORE_ALL", 2)
    monkeypatch.setattr(selective, "SELECTIVE_CAP", everything.total - 1)
    assert [h.id for h in real_engine.search(SearchQuery(q, limit=10)).hits] == [h.id for h in everything.hits]
    two = "verbod wapens"  # two units: still cut, so the cut does bite
    assert len(real_engine.parse(two).units) == 2
    cut = [h.id for h in real_engine.search(SearchQuery(two, limit=10)).hits]
    monkeypatch.setattr(search_module, "SCORE_ALL", 60)
    assert cut != [h.id for h in real_engine.search(SearchQuery(two, limit=10)).hits]


def test_candidates_scored_as_full_matches_first_give_the_page_of_scoring_each_as_a_partial_match(
        real_engine, monkeypatch):
    # A long question's candidates are first scored as full matches (a record that cannot say
    # every concept is left unscored); the others are scored as partial matches only when there
    # are fewer than a screenful of full matches. The reference scores every candidate as a
    # partial match at once (the count's check of every concept stays as it is).
    def pages() -> list:
        out = []
        for q in queries:
            real_engine.engine.forget()
            result = real_engine.search(SearchQuery(q, limit=50, exact_total=False))
            out.append((q, result.total, [(h.id, h.score, h.partial) for h in result.hits]))
        return out

    # Four of the index's common words: many full matches.
    common = [w for (w,) in real_engine.engine._connection().execute(
        "SELECT term FROM records_vocab ORDER BY doc DESC, term LIMIT 60 OFFSET 10")]
    rng = random.Random(1)
    queries = [q for q in _queries(real_engine) + [" ".join(rng.sample(common, 4)) for _ in range(60)]
               if len(real_engine.parse(q).units) >= selective.SELECTIVE_UNITS]
    mine = pages()
    real = search_module.score_rows

    def at_once(rows, cs, boosts, avgdl=None, need=0, fold=None):
        n = len(cs)
        if need == n and n >= selective.SELECTIVE_UNITS:  # the partial matches' threshold instead
            need = (n + 1) // 2 if n < search_module.LONG_UNITS else max(3, (n + 2) // 3)
        return real(rows, cs, boosts, avgdl, need, fold or real_engine.engine._fold)

    monkeypatch.setattr(search_module, "score_rows", at_once)
    monkeypatch.setattr("briefing_tui.search.helper.score_rows", at_once)  # the engine's scorer
    theirs = pages()
    assert [m for m, t in zip(mine, theirs) if m != t] == []
    few = [m for m in mine if sum(not p for _, _, p in m[2]) < search_module.SCREENFUL and any(p for _, _, p in m[2])]
    many = [m for m in mine if sum(not p for _, _, p in m[2]) >= search_module.SCREENFUL]
    assert len(few) > 20 and len(many) > 5  # both ways were taken


def test_the_rows_of_one_query_are_scored_on_one_scale(real_engine, monkeypatch):
    # Partial candidates are read after a query's first rows; they are scored with the first
    # rows' average length (bm25's), so that a record's score does not depend on which batch
    # brought it in.
    from briefing_tui.search import ranking

    scales: list[float] = []
    real = ranking.score_rows

    def recorded(rows, cs, boosts, avgdl=None, need=0, fold=None):
        used = real(rows, cs, boosts, avgdl, need, *([fold] if fold else []))
        if rows:
            scales.append(used)
        return used

    monkeypatch.setattr(search_module, "score_rows", recorded)
    monkeypatch.setattr("briefing_tui.search.helper.score_rows", recorded)  # the engine's scorer
    q = "welke rol speelt de NAVO bij afspraken over kunstmatige intelligentie"  # 2 candidates, 52 partial
    result = real_engine.search(SearchQuery(q))
    assert result.partial and len(scales) >= 2
    assert len(set(scales)) == 1


@settings(max_examples=500, deadline=None)
@given(alts=st.lists(st.tuples(st.lists(st.sampled_from(["wapen", "wapens", "kern", "kernwapens", "autonome", "a", "ab"]),
                                        min_size=1, max_size=3), st.booleans()), min_size=1, max_size=8))
def test_pruning_with_the_quick_test_leaves_what_comparing_every_pair_leaves(alts):
    # `query._may_cover` is only a shortcut: without it every pair is compared (`_covers`).
    import briefing_tui.search.query as query

    given_alts = [Alt(tuple(ws), prefix=p) for ws, p in alts]
    quick = query.prune(list(given_alts), None)
    real = query._may_cover
    query._may_cover = lambda b, a: True
    try:
        slow = query.prune(list(given_alts), None)
    finally:
        query._may_cover = real
    assert quick == slow


def _fold_duplicates_plainly(rows):
    """`ranking.fold_duplicates` as first written: every window of a passage's words looked up."""
    from briefing_tui.search.ranking import DUPLICATE_WORDS
    from briefing_tui.textnorm import words

    needles = {}
    for r in rows:
        if r.kind == "statement" and r.current and r.folded_quote:
            head = tuple(words(r.folded_quote)[:DUPLICATE_WORDS])
            if len(head) == DUPLICATE_WORDS:
                needles.setdefault(head, r)
    also, drop = {}, set()
    for r in (r for r in rows if r.kind in ("passage", "qa")):
        body = words(r.folded_quote if r.kind == "qa" else r.folded_text)
        windows = (tuple(body[i:i + DUPLICATE_WORDS]) for i in range(len(body) - DUPLICATE_WORDS + 1))
        st = next((needles[w] for w in windows if w in needles), None)  # the first window that is one
        if st is not None:
            also.setdefault(st.rid, []).append(r.id)
            drop.add(r.rid)
            st.score = max(st.score, r.score)
    rows[:] = [r for r in rows if r.rid not in drop]
    return also if needles else {}


def test_near_duplicates_are_folded_as_looking_up_every_window_folds_them(real_engine):
    # `fold_duplicates` looks a window of a passage's words up only where a quote's first word
    # stands: the same folds as every window, over every record of the shipped content.
    import copy

    from briefing_tui.search.ranking import Row, fold_duplicates
    from briefing_tui.textnorm import index_text

    records = real_engine.engine.read(lambda conn: conn.execute(
        "SELECT rid, kind, id, text, quote, current FROM records").fetchall())
    rows = [Row(rid, kind, id_, text or "", quote or "", "", None, None, bool(current), False,
                score=float(rid % 7), folded_text=index_text(text or ""), folded_quote=index_text(quote or ""))
            for rid, kind, id_, text, quote, current in records]
    plain = copy.deepcopy(rows)
    also = fold_duplicates(rows)
    assert also == _fold_duplicates_plainly(plain)
    assert len(also) >= 5  # the content repeats statements' quotes in passages and answers
    assert [(r.rid, r.score) for r in rows] == [(r.rid, r.score) for r in plain]


def test_what_the_engine_keeps_between_searches_changes_no_result(real_engine):
    # Folded texts and the warnings of hits are kept between searches (a question typed word by
    # word reads the records the search before read): every result is that of an engine that
    # works them out again (`forget`).
    engine = real_engine.engine
    queries = _queries(real_engine)

    def page(q: str) -> list[dict]:
        return [h.to_json(explain=True) for h in real_engine.search(SearchQuery(q, limit=50)).hits]

    for q in queries:  # everything kept that these queries read
        page(q)
    assert engine._folded, "the searches kept nothing"
    warm = {q: (page(q), real_engine.count(SearchQuery(q))) for q in queries}
    for q in queries:
        engine.forget()
        shown = page(q)
        engine.forget()
        assert (shown, real_engine.count(SearchQuery(q))) == warm[q], q


def test_the_folded_texts_kept_are_emptied_past_their_budget(real_engine, monkeypatch):
    engine = real_engine.engine
    engine.forget()
    real_engine.search("exportcontrole drones")
    alone = dict(engine._folded)
    engine.forget()
    real_engine.search("autonome wapens")
    held = engine._folded.chars
    assert held == sum(map(len, engine._folded)) > 0
    monkeypatch.setattr(search_module, "FOLDED_KEPT", held - 1)
    real_engine.search("exportcontrole drones")  # emptied first: holds this search's texts only
    assert dict(engine._folded) == alone
    monkeypatch.setattr(search_module, "FOLDED_KEPT", 10**9)
    real_engine.search("autonome wapens")  # within the budget: added to
    assert len(engine._folded) > len(alone)
