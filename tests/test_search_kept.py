"""A long question's candidates are asked of FTS5 once per state of the index (`search.kept`)."""

from __future__ import annotations

import sqlite3

from briefing_tui.index import _fts_values
from briefing_tui.search import selective
from briefing_tui.store import KnowledgeBase, SearchQuery
from briefing_tui.workspace import Workspace

PASTED = "Wat is de inzet van het kabinet in de GGE LAWS over betekenisvolle menselijke controle bij autonome wapens?"


def _full(result) -> list[str]:
    return [h.id for h in result.hits if not h.partial]


def test_a_question_asked_again_and_counted_asks_fts5_for_its_candidates_once(real_engine):
    engine = real_engine.engine
    assert len(engine.parse(PASTED).units) >= selective.SELECTIVE_UNITS
    engine.forget()
    asked: list[str] = []
    conn = engine._connection()
    # The candidates' AND is the one query read oldest first (`selective.candidates`).
    conn.set_trace_callback(lambda sql: asked.append(sql) if "ASC LIMIT" in sql else None)
    try:
        first = real_engine.search(SearchQuery(PASTED, exact_total=False))
        once = len(asked)
        assert once >= 1 and _full(first)
        again = real_engine.search(SearchQuery(PASTED, exact_total=False))
        counted = real_engine.count(SearchQuery(PASTED))
        assert len(asked) == once
        assert _full(again) == _full(first) and counted == len(_full(first)) + sum(
            len(h.also) for h in first.hits if not h.partial)
        engine.forget()  # nothing kept: asked of FTS5 again
        assert _full(real_engine.search(SearchQuery(PASTED, exact_total=False))) == _full(first)
        assert len(asked) == 2 * once
    finally:
        conn.set_trace_callback(None)


def test_a_record_another_process_adds_is_found_by_a_question_asked_before(content_dir, tmp_path):
    with KnowledgeBase.open(Workspace(content_dir, tmp_path / "b", tmp_path / "c")) as kb:
        before = kb.search(SearchQuery(PASTED, exact_total=False))
        full = _full(before)
        assert full
        other = sqlite3.connect(kb.index_path)
        with other:  # a copy of the first full match, under a row id and an id of its own
            kind, rid = other.execute("SELECT kind, max(rid) FROM records WHERE id = ?", [full[0]]).fetchone()
            new = other.execute("SELECT max(rid) FROM records").fetchone()[0] + 1
            columns = [c for (_, c, *_) in other.execute("PRAGMA table_info(records)") if c not in ("rid", "id")]
            other.execute(f"INSERT INTO records (rid, id, {', '.join(columns)}) "
                          f"SELECT ?, ?, {', '.join(columns)} FROM records WHERE rid = ?", [new, "kopie-" + full[0], rid])
            text, quote, context = other.execute("SELECT text, quote, context FROM records WHERE rid = ?", [new]).fetchone()
            other.execute("INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
                          _fts_values(new, text, quote, context))
        other.close()
        after = kb.search(SearchQuery(PASTED, exact_total=False))
        assert "kopie-" + full[0] in _full(after)
        assert kb.count(SearchQuery(PASTED)) == kb.engine.count(SearchQuery(PASTED))
        assert len(_full(after)) == len(full) + 1
