"""Phrases asked as their rarest word and checked in Python (`search.selective.relaxed`,
`newest_exact`, `all_exact`): FTS5 reads a phrase's positions in every record with all its words,
so a query with a phrase of common words costs 20-40 ms at a million records whatever else it
asks. FTS5's own AND is the reference: on generated texts, and through the engine on the shipped
content, every row, window, page and count must be what it gives. The shipped content and the
generated texts are far below the sizes at which relaxing pays, so it is forced on here, with
budgets that make the reads fall back to FTS5 part of the way too."""

from __future__ import annotations

import random
import sqlite3

import pytest

import briefing_tui.search.selective as selective
from briefing_tui.search import SearchQuery
from briefing_tui.search.query import Alt, Unit, Vocabulary
from briefing_tui.textnorm import index_text
from kbhelpers import query_texts
from test_search_selective import _bench_questions


def has_phrase(unit: Unit) -> bool:
    return any(len(a.words) > 1 for a in unit.alts)


WORDS = ["kunstmatige", "intelligentie", "intelligente", "Intelligentie", "menselijke", "controle", "contróle",
         "betekenisvolle", "zinvolle", "wapens", "autonome", "wapensystemen", "AI", "Al", "ccw", "verbod", "kabinet",
         "onzinvolle", "controles", "intelligenties", "xkunstmatige"]  # a phrase's words inside longer words

GLUE = [" ", ", ", " - ", "_", "\n", ". ", "'", "’", " (", ") "]
# Whole phrases too (as FTS5 reads them: anything that is not a word may stand between the words).
PHRASES = ["betekenisvolle menselijke controle", "zinvolle menselijke - contróle", "autonome wapensystemen",
           "autonome, wapens", "Kunstmatige Intelligentie", "menselijke betekenisvolle controle",
           "onzinvolle menselijke controle", "zinvolle menselijke controles", "kunstmatige intelligenties"]

UNITS = [
    Unit("kunstmatige intelligentie", [Alt(("kunstmatige", "intelligentie")), Alt(("ai",))], "synonym"),
    Unit("betekenisvolle menselijke controle", [Alt(("betekenisvolle", "menselijke", "controle")),
                                                Alt(("zinvolle", "menselijke", "controle"))], "synonym"),
    Unit("autonome wapens", [Alt(("autonome", "wapen"), prefix=True)], "phrase"),
    Unit("verbod", [Alt(("verbod",))]),
    Unit("kabinet", [Alt(("kabinet",), prefix=True)]),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Records of the words above and what may stand between them, in three columns: phrases
    whole, apart, across two columns, with diacritics and OCR's "Al"."""
    rnd = random.Random(11)
    conn = sqlite3.connect(tmp_path_factory.mktemp("relaxed") / "t.sqlite")
    conn.execute("CREATE TABLE records (rid INTEGER PRIMARY KEY, text TEXT, quote TEXT, context TEXT)")
    conn.execute("CREATE VIRTUAL TABLE records_fts USING fts5(text, quote, context, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(records_fts, 'row')")

    def column() -> str:
        return "".join(rnd.choice(PHRASES if rnd.random() < 0.1 else WORDS) + rnd.choice(GLUE)
                       for _ in range(rnd.randrange(0, 12))).strip()

    for rid in range(1, 3000):
        values = [column() for _ in range(3)]
        conn.execute("INSERT INTO records VALUES (?, ?, ?, ?)", [rid, *values])
        conn.execute("INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
                     [rid, *(index_text(v) for v in values)])
    vocab = Vocabulary(conn.execute("SELECT term, doc FROM vocab").fetchall())
    return conn, vocab


def _fts5_and(conn, units: list[Unit]) -> list[int]:
    match = " AND ".join(f"({u.fts()})" for u in units)
    return [r for (r,) in conn.execute(
        "SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid DESC", [match])]


@pytest.fixture
def relax(monkeypatch):
    """relax(rows): every unit with a phrase relaxed, and a relaxed read checks about `rows` rows
    before it asks FTS5's AND for the rest (None: all of them)."""
    def set_to(rows: int | None) -> None:
        monkeypatch.setattr(selective, "PHRASE_WORK", 0)
        monkeypatch.setattr(selective, "ROW_WORK", 10**-9 if rows is None else 10**9)
        if rows is not None:  # the budget is the phrases' work over ROW_WORK
            monkeypatch.setattr(selective, "phrase_work", lambda unit, vocab: rows * 10**9 if has_phrase(unit) else 0)
    return set_to


@pytest.mark.parametrize("rows", [None, 0, 50, 200])
@pytest.mark.parametrize("picked", [(0,), (1,), (2,), (0, 3), (1, 3), (0, 1), (1, 2, 4), (0, 1, 2, 3, 4), (3, 4)])
def test_a_relaxed_and_checked_read_finds_the_rows_fts5_finds(generated, relax, picked, rows):
    conn, vocab = generated
    relax(rows)
    units = [UNITS[i] for i in picked]
    want = _fts5_and(conn, units)
    got = list(selective.newest_exact(conn, units, {}, vocab, "", []))
    assert got == want and want, picked
    if any(map(has_phrase, units)):
        loose = " AND ".join(f"({selective.relaxed(u, {}, vocab)})" for u in units)
        read = conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", [loose]).fetchone()[0]
        assert read > len(want)  # the relaxed query read rows the check left out
        # A window of 6,000 rows over 3,000 records: never judged too many from the words' records
        # (`EXPECTED_OVER`), so the relaxed read and its budget decide.
        window = selective.all_exact(conn, units, {}, vocab, "", [], 6000, 3000)
        assert window == (want if rows is None or read <= rows * len([u for u in units if has_phrase(u)])
                          else None)
        if len(want) > 3:  # more matches than the window: FTS5 stops at the window, its phrases unread
            assert selective.all_exact(conn, units, {}, vocab, "", [], len(want) - 1, 3000) is None


def test_a_phrase_is_asked_as_its_rarest_word(generated, relax):
    conn, vocab = generated
    relax(None)
    df = dict(conn.execute("SELECT term, doc FROM vocab").fetchall())
    asked = selective.relaxed(UNITS[1], {}, vocab)
    rarest = min(("betekenisvolle", "menselijke", "controle"), key=df.__getitem__)
    assert f'"{rarest}"' in asked and '"zinvolle"' in asked and " " not in asked.replace(" OR ", "")
    assert selective.relaxed(UNITS[2], {}, vocab) in ('"autonome"', '"wapen"*')  # the prefix stays one
    assert selective.relaxed(UNITS[3], {}, vocab) == UNITS[3].fts()  # no phrase: as it is


def test_relaxing_is_switched_on_by_the_work_of_the_phrases(generated, real_engine):
    # The generated texts and the shipped content are far below it: FTS5 reads their phrases.
    conn, vocab = generated
    assert not any(selective.is_relaxed(u, vocab) for u in UNITS)
    assert selective.all_exact(conn, UNITS[:2], {}, vocab, "", [], 5000, 3000) is None
    eng = real_engine.engine
    parsed = eng.parse("betekenisvolle menselijke controle killer robots kunstmatige intelligentie")
    assert not any(selective.is_relaxed(u, eng.vocabulary()) for u in parsed.units)


def _queries(engine) -> list[str]:
    phrased = ["kunstmatige intelligentie navo", "betekenisvolle menselijke controle ccw", "killer robots verbod",
               "autonome wapensystemen kabinet", "verantwoord gebruik ai militair", "onbemande luchtvaartuigen export",
               "internationaal humanitair recht autonome wapens", '"menselijke controle" wapens']
    return [q for q in query_texts() + _bench_questions() + phrased
            if len(engine.parse(q).units) >= 2 and any(map(has_phrase, engine.parse(q).units))]


FILTERS = [{}, {"kinds": ("statement",)}, {"kinds": ("passage", "qa")}, {"forums": ("ccw", "gge-laws")},
           {"since": "2021-01-01"}]


def test_windows_pages_and_counts_are_those_of_fts5s_and(real_engine, monkeypatch, relax):
    eng = real_engine.engine
    conn = eng._connection()
    queries = _queries(eng)
    assert len(queries) > 30
    seen: dict[int | bool | None, list] = {}
    checked: list[int] = []
    real_passing = selective._Checked.passing

    def passing(self, conn, rids):
        checked.append(len(rids))
        return real_passing(self, conn, rids)

    monkeypatch.setattr(selective._Checked, "passing", passing)
    for relaxing in (None, 3, False):  # every row checked; three rows a read, then FTS5; the reference
        if relaxing is False:  # FTS5's AND everywhere
            monkeypatch.setattr(selective, "PHRASE_WORK", float("inf"))
        else:
            relax(relaxing)
        out = []
        for q in queries:
            for filters in FILTERS:  # the relaxed reads carry the filters as FTS5's AND does
                parsed, expr, where, params = eng._prepare(SearchQuery(q, **filters))
                window = None
                if expr and len(parsed.units) < selective.SELECTIVE_UNITS:
                    eng._window(conn, parsed, expr, where, params)
                    window = list(eng._matched)
                result = real_engine.search(SearchQuery(q, limit=1000, **filters))
                out.append((window, result.total, real_engine.count(SearchQuery(q, **filters)),
                            sorted((h.id, h.partial, h.also) for h in result.hits)))
        seen[relaxing] = out
        assert (sum(checked) > 1000) == (relaxing is None), relaxing  # relaxed rows were read and checked
        checked.clear()
    for relaxing in (None, 3):
        asked = [(q, f) for q in queries for f in FILTERS]
        differ = [q for q, a, b in zip(asked, seen[relaxing], seen[False]) if a != b]
        assert differ == [], relaxing



@pytest.mark.parametrize("picked", [(0,), (1,), (2,), (3,), (4,), (0, 3), (1, 2, 4), (0, 1, 2, 3, 4), (3, 4)])
def test_a_records_units_are_checked_as_fts5s_and_finds_them(generated, picked):
    # `having_all` stands for FTS5's MATCH of one row (a superseded statement's replacement).
    conn, _ = generated
    units = [UNITS[i] for i in picked]
    every = [r for (r,) in conn.execute("SELECT rid FROM records ORDER BY rid DESC")]
    assert selective.having_all(conn, units, every) == _fts5_and(conn, units)


def test_the_shipped_records_are_checked_as_fts5s_and_finds_them(real_engine):
    engine = real_engine.engine
    conn = engine._connection()
    every = [r for (r,) in conn.execute("SELECT rid FROM records ORDER BY rid DESC")]
    asked = 0
    for q in dict.fromkeys(query_texts() + _bench_questions()):
        parsed = engine.parse(q)
        expr = parsed.fts()
        if not expr:
            continue
        want = [r for (r,) in conn.execute(
            "SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid DESC", [expr])]
        assert selective.having_all(conn, parsed.units, every) == want, q
        asked += bool(want)
    assert asked > 50
