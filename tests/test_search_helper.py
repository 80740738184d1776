"""A long list of matches scored half in a child process (`search.helper`): switched on by size,
so here forced on for the shipped content and held to scoring in this process, the reference."""

from __future__ import annotations

import os
import time

import pytest

import briefing_tui.search.helper as helper_module
from briefing_tui.search.helper import ScoringHelper
from briefing_tui.store import SearchQuery
from kbhelpers import query_texts


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    """The helper works on a machine of two cores or more: this one counts as such."""
    monkeypatch.setattr(helper_module, "usable_cpus", lambda: 2)


def _questions(real_engine) -> list[str]:
    from test_search_counting import _long_questions

    return query_texts() + _long_questions(real_engine)


def _pages(kb, questions: list[str]) -> list:
    """Every question's page (ids, scores, partial matches, why, folded duplicates) and its
    counts, each at first sight (`SearchEngine.forget`)."""
    out = []
    for q in questions:
        kb.engine.forget()
        result = kb.search(SearchQuery(q, limit=50))
        out.append((q, result.total, kb.count(SearchQuery(q)),
                    [(h.id, h.score, h.partial, h.why, h.also, h.superseded_statements) for h in result.hits]))
    return out


def _usable(helper: ScoringHelper, seconds: float, pause: float) -> None:
    """Wait until the helper's child is ready for a job (started, late answers dropped)."""
    deadline = time.monotonic() + seconds
    while not helper._usable():
        assert time.monotonic() < deadline, "the helper did not become usable"
        time.sleep(pause)


@pytest.fixture
def forced(real_engine, monkeypatch):
    """A helper of its own for the engine, used for every list of two rows or more, ready."""
    monkeypatch.setattr(helper_module, "HELPER_RECORDS", 0)
    helper = ScoringHelper(split_rows=2, begin_rows=2)
    monkeypatch.setattr(real_engine.engine, "_helper", helper)
    _usable(helper, 60, 0.05)
    yield helper
    helper.close()


def test_rows_scored_by_the_helper_score_as_in_this_process(real_engine, monkeypatch):
    questions = _questions(real_engine)
    reference = _pages(real_engine, questions)
    monkeypatch.setattr(helper_module, "HELPER_RECORDS", 0)
    helper = ScoringHelper(split_rows=2, begin_rows=2)
    monkeypatch.setattr(real_engine.engine, "_helper", helper)
    sent: list[int] = []
    real_send = ScoringHelper._send

    def spy(self, job, known=None, make_room=None):
        ok = real_send(self, job, known, make_room)
        sent.append(len(job[0]) if ok else -1)
        return ok

    monkeypatch.setattr(ScoringHelper, "_send", spy)
    _usable(helper, 60, 0.05)
    try:
        assert _pages(real_engine, questions) == reference
        assert len(sent) > 100 and -1 not in sent  # the child scored lists of every kind ...
        assert helper.answered + sum(helper._stale) == sum(sent) and helper.running  # ... and answered every one
    finally:
        helper.close()
    assert sum(len(page) for *_, page in reference) > 500


def _sending(monkeypatch) -> list[tuple[int, bool]]:
    """Each job sent: (jobs waiting for their answers when it was sent, whether the answers
    before it were read first to make room in the pipe)."""
    sent: list[tuple[int, bool]] = []
    real_send = ScoringHelper._send

    def send(self, job, known=None, make_room=None):
        waiting, emptied = len(self._queued), []

        def room():
            emptied.append(True)
            make_room()

        ok = real_send(self, job, known, room if make_room is not None else None)
        if ok:
            sent.append((waiting, bool(emptied)))
        return ok

    monkeypatch.setattr(ScoringHelper, "_send", send)
    return sent


def test_a_job_sent_while_the_child_has_one_waits_in_the_pipe(real_engine, forced, monkeypatch):
    # A long question's partial matches, split, go to the child behind its near misses.
    questions = _questions(real_engine)
    reference = _pages(real_engine, questions)
    sent = _sending(monkeypatch)
    assert _pages(real_engine, questions) == reference
    assert any(waiting for waiting, _ in sent)
    assert not any(emptied for _, emptied in sent)  # the pipe holds them


def test_a_job_that_would_overfill_the_pipe_waits_for_the_answers_before_it(real_engine, forced, monkeypatch):
    questions = _questions(real_engine)
    reference = _pages(real_engine, questions)
    monkeypatch.setattr(forced, "_queue_bytes", 1)  # as a pipe that could not be widened
    sent = _sending(monkeypatch)
    assert _pages(real_engine, questions) == reference
    assert any(emptied for waiting, emptied in sent if waiting)


def test_a_child_stopped_and_started_at_any_moment_changes_no_result(real_engine, forced):
    # Answers late by any amount: the search scores the child's rows from the end of its last
    # job, takes each answer for the rows it has not reached, and drops the answers it no longer needs.
    import random
    import signal
    import threading

    questions = _questions(real_engine)
    reference = _pages(real_engine, questions)
    done = threading.Event()
    pid = forced._proc.pid
    rng = random.Random(7)

    def jitter():
        while not done.is_set():
            os.kill(pid, signal.SIGSTOP)
            time.sleep(rng.uniform(0, 0.004))
            os.kill(pid, signal.SIGCONT)
            time.sleep(rng.uniform(0, 0.004))

    thread = threading.Thread(target=jitter, daemon=True)
    thread.start()
    try:
        assert _pages(real_engine, questions) == reference
    finally:
        done.set()
        thread.join()
        os.kill(pid, signal.SIGCONT)
    _usable(forced, 30, 0.01)
    before = forced.answered
    assert _pages(real_engine, questions) == reference
    assert forced.running and forced.answered > before


def test_a_helper_that_ends_leaves_the_rows_to_this_process(real_engine, forced):
    questions = _questions(real_engine)[:40]
    reference = _pages(real_engine, questions)
    assert forced.answered > 0
    os.kill(forced._proc.pid, 9)
    forced._proc.wait()
    assert _pages(real_engine, questions) == reference
    assert not forced.running


def test_a_child_that_answers_late_leaves_the_rows_to_this_process(real_engine, forced):
    import signal

    questions = _questions(real_engine)[:40]
    reference = _pages(real_engine, questions)
    os.kill(forced._proc.pid, signal.SIGSTOP)  # another process has its core
    try:
        assert _pages(real_engine, questions) == reference
        assert forced._stale  # a job it had was scored here; no job sent since
    finally:
        os.kill(forced._proc.pid, signal.SIGCONT)
    _usable(forced, 30, 0.01)  # the late answers read and dropped
    before = forced.answered
    assert _pages(real_engine, questions) == reference
    assert forced.answered > before and forced.running


def test_a_garbled_answer_leaves_the_rows_to_this_process(real_engine, forced, monkeypatch):
    questions = _questions(real_engine)[:40]
    reference = _pages(real_engine, questions)
    monkeypatch.setattr(ScoringHelper, "_read_message", lambda self: [("not", "an", "answer")])
    assert _pages(real_engine, questions) == reference
    assert not forced.running
    assert forced._proc.poll() is not None  # stopped, not left behind


def test_an_error_while_the_child_scores_leaves_no_answer_behind(real_engine, forced, monkeypatch):
    # The search fails (here: scoring its own half raises) while the child has a job: the child's
    # answer is still read, so the next list does not take it for its own.
    questions = _questions(real_engine)[:40]
    reference = _pages(real_engine, questions)
    in_flight: list[bool] = []
    real_send, real_score = ScoringHelper._send, helper_module.score_rows

    def send(self, job, known=None, make_room=None):
        ok = real_send(self, job, known, make_room)
        in_flight.append(ok)
        return ok

    def score(rows, *args):
        if in_flight and in_flight.pop():
            in_flight.clear()
            raise RuntimeError("interrupted")
        return real_score(rows, *args)

    monkeypatch.setattr(ScoringHelper, "_send", send)
    monkeypatch.setattr(helper_module, "score_rows", score)
    failed = 0
    for q in questions:
        try:
            real_engine.search(SearchQuery(q, limit=50))
        except RuntimeError:
            failed += 1
    assert failed > 0
    monkeypatch.setattr(helper_module, "score_rows", real_score)
    monkeypatch.setattr(ScoringHelper, "_send", real_send)
    before = forced.answered
    assert _pages(real_engine, questions) == reference
    assert forced.running and forced.answered > before


def test_an_error_while_the_search_scores_the_childs_rows_drops_the_late_answer(real_engine, forced, monkeypatch):
    import signal

    from briefing_tui.search.helper import Scorer
    from briefing_tui.search.ranking import Boosts, concepts

    engine = real_engine.engine
    conn = engine._connection()
    parsed = engine.parse("autonome wapensystemen menselijke controle")
    cs = concepts(parsed, engine.vocabulary(), engine._record_count(conn))
    rows = engine._rows(conn, [rid for (rid,) in conn.execute("SELECT rid FROM records ORDER BY rid LIMIT 40")])
    scorer = Scorer(helper=forced)
    os.kill(forced._proc.pid, signal.SIGSTOP)  # its answer will be late
    try:
        scorer.begin(rows, cs, Boosts(), 30.0)
        real = helper_module.score_rows
        monkeypatch.setattr(helper_module, "score_rows", lambda *a: (_ for _ in ()).throw(RuntimeError("interrupted")))
        with pytest.raises(RuntimeError):
            scorer.finish()  # scoring the child's rows here fails
        assert forced._stale == [len(rows)]  # its answer is still to come, to be dropped
    finally:
        os.kill(forced._proc.pid, signal.SIGCONT)
    monkeypatch.setattr(helper_module, "score_rows", real)
    _usable(forced, 30, 0.01)
    assert forced.running


def _passages(real_engine, n: int) -> tuple:
    """The concepts of a question, and the rows of the first `n` passages twice: as read, and
    scored in this process as two lists (the first 40 rows, the rest) on the scale 30."""
    from briefing_tui.search.ranking import Boosts, concepts, score_rows

    engine = real_engine.engine
    conn = engine._connection()
    parsed = engine.parse("autonome wapensystemen menselijke controle")
    cs = concepts(parsed, engine.vocabulary(), engine._record_count(conn))
    rids = [rid for (rid,) in conn.execute(f"SELECT rid FROM records WHERE kind = 'passage' ORDER BY rid LIMIT {n}")]
    expected = engine._rows(conn, rids)
    score_rows(expected[:40], cs, Boosts(), 30.0)
    score_rows(expected[40:], cs, Boosts(), 30.0)
    return cs, engine._rows(conn, rids), expected


def _child_let_go_after(helper: ScoringHelper, monkeypatch, n: int) -> list[int]:
    """The row ids this process scores from now on; once it has scored `n` rows, the stopped
    child goes on (SIGCONT) and the search waits until it has answered."""
    import signal

    real = helper_module.score_rows
    scored_here: list[int] = []

    def score(some, *args):
        out = real(some, *args)
        scored_here.extend(r.rid for r in some)
        if len(scored_here) == n:
            os.kill(helper._proc.pid, signal.SIGCONT)
            assert helper._readable(10.0)
        return out

    monkeypatch.setattr(helper_module, "score_rows", score)
    return scored_here


def _begin_then_score(helper: ScoringHelper, cs, sent: list, split: list) -> None:
    """With the child stopped: `sent` given to it (`Scorer.begin`), then `split` scored
    (`Scorer.score`, half of it for the child); the child goes on at the end."""
    import signal

    from briefing_tui.search.helper import Scorer
    from briefing_tui.search.ranking import Boosts

    scorer = Scorer(helper=helper)
    os.kill(helper._proc.pid, signal.SIGSTOP)
    try:
        scorer.begin(sent, cs, Boosts(), 30.0)
        scorer.score(split, cs, Boosts(), 30.0)
    finally:
        os.kill(helper._proc.pid, signal.SIGCONT)


def test_the_answer_to_a_job_is_taken_after_the_job_behind_it_was_scored_here(real_engine, forced, monkeypatch):
    # Near misses sent (a first job), then partial matches split (the second, behind it) while the
    # child is held up: this process scores its own half, then the second job's rows, the last the
    # child would reach; the child then answers the first job, whose rows are taken from it.
    cs, rows, expected = _passages(real_engine, 80)
    first, second = rows[:40], rows[40:]
    forced.split_rows = forced.begin_rows = 2
    # the second job's rows all scored here: the child answers the first
    scored_here = _child_let_go_after(forced, monkeypatch, len(second))
    _begin_then_score(forced, cs, first, second)
    assert sorted(scored_here) == sorted(r.rid for r in second)  # the first job: all the child's
    assert [(r.score, r.matched, r.why) for r in rows] == [(r.score, r.matched, r.why) for r in expected]
    assert any(r.score for r in first)
    assert forced._stale == [len(second) // 2]  # the second job's answer, dropped when it comes
    _usable(forced, 30, 0.01)
    assert forced.running


def test_no_job_is_sent_while_answers_to_drop_are_still_to_come(real_engine, forced, monkeypatch):
    # A full pipe: the next job waits for the answers before it, and the child is late, so this
    # process scores the waiting job's rows itself and its answer is left to be dropped. The next
    # job is then scored here: sent, the dropped answer (of the same length) would be read as its.
    cs, rows, expected = _passages(real_engine, 120)
    waiting, split = rows[:40], rows[40:]  # the split list's half for the child: 40 rows too
    forced.split_rows = forced.begin_rows = 2
    monkeypatch.setattr(forced, "_queue_bytes", 1)  # no room for a second job
    scored_here = _child_let_go_after(forced, monkeypatch, len(waiting))  # the waiting job scored here
    _begin_then_score(forced, cs, waiting, split)
    assert [(r.score, r.matched, r.why) for r in rows] == [(r.score, r.matched, r.why) for r in expected]
    assert sorted(scored_here) == sorted(r.rid for r in rows)  # every row scored here
    _usable(forced, 30, 0.01)  # the late answer dropped
    assert forced.running and not forced._queued


def test_another_search_using_the_helper_scores_alone(real_engine, forced):
    questions = _questions(real_engine)[:20]
    reference = _pages(real_engine, questions)
    before = forced.answered
    with forced._lock:  # another thread's search holds it
        assert _pages(real_engine, questions) == reference
    assert forced.answered == before


def test_closing_the_knowledge_base_ends_the_child(tmp_path, monkeypatch):
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace
    from conftest import CONTENT

    monkeypatch.setattr(helper_module, "HELPER_RECORDS", 0)
    kb = KnowledgeBase.open(Workspace(CONTENT, tmp_path / "briefings", tmp_path / "cache"))
    helper = kb._helper
    assert helper is not None
    helper.split_rows = helper.begin_rows = 2
    deadline = time.monotonic() + 60
    while not helper.running:
        kb.search(SearchQuery("autonome wapensystemen verbod CCW menselijke controle"))
        assert time.monotonic() < deadline, "the helper did not start"
        time.sleep(0.05)
    proc = helper._proc
    kb.close()
    assert proc.poll() is not None


def test_a_command_starts_no_helper(tmp_path, monkeypatch):
    import argparse

    from briefing_tui.commands.knowledge import open_knowledge_base
    from conftest import CONTENT

    monkeypatch.setattr(helper_module, "HELPER_RECORDS", 0)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    kb = open_knowledge_base(argparse.Namespace(content=str(CONTENT), briefings=str(tmp_path / "b")), "search")
    assert kb is not None
    with kb:
        kb.search(SearchQuery("autonome wapensystemen verbod CCW menselijke controle"))
        assert kb._helper is None


def test_no_helper_on_one_core_on_a_small_index_or_in_a_frozen_application(monkeypatch):
    import sys

    from briefing_tui.search.helper import HELPER_RECORDS, worth_helping

    assert worth_helping(HELPER_RECORDS)
    assert not worth_helping(HELPER_RECORDS - 1)
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # its executable is the application
    assert not worth_helping(HELPER_RECORDS)
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setattr(helper_module, "usable_cpus", lambda: 1)
    assert not worth_helping(HELPER_RECORDS)
