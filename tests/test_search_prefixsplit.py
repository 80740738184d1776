"""A broad prefix read split into its common words and the rest (`search.prefixsplit`).

FTS5 merges the lists of every word a prefix begins when no prefix index holds it; the split
reads the common words lazily and the rare rest in chunks. The prefix as FTS5 reads it is the
reference: here the split is forced onto every prefix it could take (the shipped content is far
below the sizes it is chosen at), with one common word and chunks of two, and every window,
page and total must be what the prefix itself gives.
"""

from __future__ import annotations

import random

import pytest

import briefing_tui.search as search_module
import briefing_tui.search.broad as broad_module
import briefing_tui.search.prefixsplit as prefixsplit
import briefing_tui.search.query as query_module
from briefing_tui.search import SearchQuery
from kbhelpers import query_texts

EXTRA = ["technologi", "technologie", "kunstmatige intelligent", "kunstmatige intelligentie", "autonome wapensystemen",
         "autonome wapensysteme", "internationaal rech", "wapensystemen", "killer robo", "onbemande luchtv", "ai", "dr",
         "exportcontrole", "verantwoord gebr", "betekenisvolle menselijke cont", "biologisch", "ccw verdr"]


def _typed() -> list[str]:
    """The labelled queries, and the first letters of some of them as typed."""
    texts = query_texts() + EXTRA
    rnd = random.Random(7)
    cut = [t[:rnd.randrange(3, len(t) + 1)] for t in rnd.sample(texts, 60) if len(t) > 3]
    return list(dict.fromkeys(texts + cut))


@pytest.fixture
def forced(monkeypatch):
    """set(True): the split on every prefix it could take; set(False): never (the reference)."""
    monkeypatch.setattr(query_module, "SPELL_OUT", 0)  # else a prefix of few words is spelled out
    monkeypatch.setattr(prefixsplit, "HEAD_WORDS", 1)
    monkeypatch.setattr(prefixsplit, "TAIL_CHUNK", 2)
    monkeypatch.setattr(prefixsplit, "PER_TAIL_WORD", 0)

    def set_to(on: bool) -> None:
        monkeypatch.setattr(prefixsplit, "MIN_RECORDS", 0 if on else float("inf"))

    return set_to


def test_a_split_prefix_finds_the_window_pages_and_totals_the_prefix_finds(real_engine, monkeypatch, forced):
    eng = real_engine.engine
    conn = eng._connection()
    split_used = tail_rows = phrases = 0
    for rank_all, checked in ((15, 200), (60, 3), (1000, 200)):  # 3: most broad pages are read from FTS5
        monkeypatch.setattr(search_module, "RANK_ALL", rank_all)
        monkeypatch.setattr(broad_module, "CHECKED_AT_MOST", checked)
        for q in _typed():
            seen = []
            for on in (True, False):
                forced(on)
                parsed, expr, where, params = eng._prepare(SearchQuery(q))
                window = None
                if expr:
                    eng._window(conn, parsed, expr, where, params)
                    window = list(eng._matched)
                    if on and eng._split is not None:
                        split_used += 1
                        phrases += len(eng._split.alt.words) > 1
                        head, _ = eng._split.asked(parsed)
                        sql = ("SELECT rowid FROM records_fts WHERE records_fts MATCH ? "
                               f"ORDER BY rowid DESC LIMIT {rank_all + 1}")
                        tail_rows += len(set(window) - {r for (r,) in conn.execute(sql, [head])})
                result = real_engine.search(SearchQuery(q, limit=25, exact_total=False))
                seen.append((window, result.total, result.ranked_among, [(h.id, h.score) for h in result.hits]))
            assert seen[0] == seen[1], q
    # The split was taken, its tail found rows the head did not, phrases among them.
    assert split_used > 60 and tail_rows > 50 and phrases >= 3, (split_used, tail_rows, phrases)


def test_the_split_is_switched_on_by_size_only(real_engine):
    # The shipped content's prefixes have a few hundred records at most: the prefix as FTS5 reads it.
    eng = real_engine.engine
    assert not [q for q in _typed() if prefixsplit.choose(eng.parse(q), eng.vocabulary()) is not None]


WORDS = ["kunstmatige", "Kunstmatige", "intelligent", "intelligente", "intelligentie", "Intelligéntie",
         "intelligenter", "onkunstmatige", "autonome", "x"]
GLUE = [" ", ", ", " - ", "_", "\n", ". ", "'"]


def test_a_tail_phrase_is_kept_where_fts5_finds_the_phrase(tmp_path):
    # `Split.check` against FTS5 itself, on texts made of the phrase's words and what may stand
    # between them, in three columns (a phrase never spans two).
    import sqlite3

    from briefing_tui.search.query import Alt
    from briefing_tui.textnorm import index_text

    rnd = random.Random(3)
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    conn.execute("CREATE TABLE records (rid INTEGER PRIMARY KEY, text TEXT, quote TEXT, context TEXT)")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(text, quote, context, tokenize='unicode61 remove_diacritics 2')")

    def column() -> str:
        n = rnd.randrange(0, 5)
        return "".join(rnd.choice(WORDS) + rnd.choice(GLUE) for _ in range(n)).strip()

    for rid in range(1, 600):
        values = [column() for _ in range(3)]
        conn.execute("INSERT INTO records VALUES (?, ?, ?, ?)", [rid, *values])
        conn.execute("INSERT INTO fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
                     [rid, *(index_text(v) for v in values)])
    split = prefixsplit.Split(0, Alt(("kunstmatige", "intelligent"), prefix=True), ("intelligent",),
                              ("intelligente", "intelligentie", "intelligenter"))
    for columns, filt in ((("text", "quote", "context"), ""), (("text", "quote"), "{text quote} : ")):
        with_tail = [r for (r,) in conn.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ?", [filt + "(intelligente OR intelligentie OR intelligenter)"])]
        want = {r for (r,) in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?",
                                           [filt + '("kunstmatige intelligent"*)'])}
        got = split.check(conn, with_tail, columns)
        assert set(got) == want & set(with_tail) and 20 < len(got) < len(with_tail), columns


def test_a_prefix_in_two_places_is_not_split(real_engine, forced):
    # A record could match with the prefix's head in one place and a tail word in the other: the
    # head query and the tail queries would each miss it. Such a prefix is read whole.
    from briefing_tui.search.query import Alt, ParsedQuery, Unit

    forced(True)
    vocab = real_engine.engine.vocabulary()
    word = "technolog"  # begins more than one word of the shipped content, and no prefix index holds 9 letters
    lo, hi = vocab.df.begun(word)
    assert hi - lo > 1 and len(word) not in vocab.prefix_lengths
    once = ParsedQuery([Unit(word, [Alt((word,), prefix=True)]), Unit("drones", [Alt(("drones",))])])
    split = prefixsplit.choose(once, vocab)
    assert split is not None and split.alt.words == (word,)  # in one place: split
    twice = ParsedQuery([Unit(word, [Alt((word,), prefix=True)]),
                         Unit("nieuwe " + word, [Alt(("nieuwe", word), prefix=True)])])
    assert prefixsplit.choose(twice, vocab) is None
