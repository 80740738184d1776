"""A second process that scores rows while the search does the rest (speed machinery, switched
on by size).

Scoring a row (`ranking.score_rows`: fold its texts, cut them into words, count every concept)
costs 20-60 microseconds of Python, and a long question at a million records scores 500-1,000
rows at first sight. Python runs one thread at a time, so a thread would not help; a child
process does. On an index of `HELPER_RECORDS` records or more, on two cores or more, a search
scores through a `Scorer` with the knowledge base's `ScoringHelper`:

- `score(rows)`: the child scores every other row of a list with `SPLIT_ROWS` rows or more to
  score whole while this process scores the rest;
- `begin(rows)`: the child scores them all while this process goes on (a long question's near
  misses, scored while the partial matches are read); `finish`, or the end of the next `score`,
  waits, scoring the child's rows here from the end of the list while the answer has not come.

A job sent while the child still has one waits in the pipe behind it (a long question's partial
matches, split, behind its near misses), so neither process waits for the other halfway through a
search; while answers are late, this process scores the last job's rows first, which the child
reaches last. The pipes hold the jobs: when they could not be widened, or the jobs waiting would
fill half of one, a job is sent only once the answers before it are read.

The child is a plain interpreter (`python -P -c`: not `multiprocessing`, which would run the
caller's own `__main__` again in the child; nothing is imported from the working folder) that
imports the scoring code and answers over its stdin and stdout: each message a pickle with its
length in front. It is started by the first list long enough, and used once it has said it is
ready (its imports take about a tenth of a second); until then, whenever it fails (ends, answers
garbage, stops halfway through an answer for `ANSWER_SECONDS`), and while another thread's
search is using it, rows are scored in this process. That is the reference: the child runs the
same function on the same rows with the same scale (`avgdl`), so the scores are the same; tests
compare both ways. The child ends when its stdin closes (`close`, or this process
ends); it runs in its own session, so the terminal's Ctrl+C does not reach it.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
import weakref
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from briefing_tui.forkpool import usable_cpus
from briefing_tui.search.ranking import Boosts, Concept, Row, average_length, quick_passes, score_rows
from briefing_tui.textnorm import Folded, index_text

if TYPE_CHECKING:
    import subprocess

__all__ = ["HELPER_RECORDS", "SPLIT_ROWS", "Scorer", "ScoringHelper", "scoring", "serve", "worth_helping"]

HELPER_RECORDS = 200_000  # an index this large: its long questions score hundreds of rows
SPLIT_ROWS = 150  # a list with fewer rows to score whole is scored here alone: splitting it costs about what it saves
BEGIN_ROWS = 60  # a list with fewer is not worth sending while this process goes on
SAMPLE_EVERY = 8  # the rows of a list tried with the quick test to judge whether to send it (`Scorer._read_whole`)
STEAL_ROWS = 16  # rows the search scores at a time of a job whose answer is late (`Scorer.finish`)
ANSWER_SECONDS = 5.0  # an answer later than this: the child is taken for broken
PIPE_BYTES = 1 << 20  # a job of a few hundred rows is 50-300 KB; a pipe holds 64 KB by default
QUEUED_BYTES = PIPE_BYTES // 2  # jobs waiting for their answers at most (`ScoringHelper._send`), in a widened pipe
FOLDED_CHARS = 50_000_000  # the child's memo of folded texts is emptied at this size

_HEADER = struct.Struct("<I")
# The fields of a row that scoring reads (`Row`'s first ten), sent to the child in this order.
_sent = attrgetter("rid", "kind", "id", "text", "quote", "context", "date_lo", "date_hi", "current", "key")
_Job = tuple[list[Row], list[Concept], Boosts, "float | None", int]


def worth_helping(records: int) -> bool:
    """Is an index of this many records large enough for the helper, on this machine?"""
    # Not in a frozen application: its executable is the application, not an interpreter.
    return (records >= HELPER_RECORDS and usable_cpus() >= 2 and os.name == "posix"
            and not getattr(sys, "frozen", False) and bool(sys.executable))


class ScoringHelper:
    """The child process and the way to it, shared by a knowledge base's engines: one search
    uses it at a time (`scoring`), the others score alone."""

    def __init__(self, split_rows: int = SPLIT_ROWS, begin_rows: int = BEGIN_ROWS) -> None:
        self.split_rows = split_rows
        self.begin_rows = begin_rows
        self._proc: subprocess.Popen | None = None
        self._ready = False
        self._broken = False
        self._forget = False  # the child empties its memo of folded texts with the next job
        self.answered = 0  # rows the child has scored
        self._stale: list[int] = []  # answers still to come of jobs this process scored itself (their lengths)
        self._queued: list[int] = []  # the sizes of the jobs sent whose answers are not read yet, oldest first
        self._queue_bytes = 0  # what the pipes hold of jobs waiting (`QUEUED_BYTES` once they are widened)
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize | None = None

    @property
    def running(self) -> bool:
        """Is the child started, ready and not known to be broken?"""
        return self._proc is not None and self._ready and not self._broken

    def forget(self) -> None:
        """The child folds every text again (`SearchEngine.forget`: a search at first sight)."""
        self._forget = True

    def close(self) -> None:
        """Stop the child (its stdin closed; killed if it does not end at once); not started again."""
        with self._lock:
            self._fail()

    def _usable(self) -> bool:
        """Start the child on first use; True once it has said it is ready."""
        if self._broken:
            return False
        if self._proc is None:
            self._start()
            return False
        if not self._ready and self._readable(0.0):
            self._ready = self._read_message() == "ready"
            if not self._ready:
                self._fail()
        while self._ready and self._stale and self._readable(0.0):  # answers of jobs scored here meanwhile
            self._receive(self._stale.pop(0))
        return self._ready and not self._broken and not self._stale

    def _start(self) -> None:
        import subprocess

        root = str(Path(__file__).resolve().parents[2])  # the folder that holds briefing_tui
        code = f"import sys; sys.path.insert(0, {root!r}); from briefing_tui.search.helper import serve; serve()"
        try:
            self._proc = subprocess.Popen(
                # -P: the working folder is not put on sys.path (a pickle.py there is not imported)
                [sys.executable, "-P", "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, bufsize=0, close_fds=True, start_new_session=True)
        except (OSError, ValueError):  # no interpreter to start, no processes here
            self._broken = True
            return
        self._finalizer = weakref.finalize(self, _stop, self._proc)
        widened = [_widen(stream) for stream in (self._proc.stdin, self._proc.stdout)]
        self._queue_bytes = QUEUED_BYTES if all(widened) else 0

    def _send(self, job: _Job, known: Mapping[str, str] | None = None,
              make_room: Callable[[], None] | None = None) -> bool:
        """Send a job to the child; False when it was not sent (it does not pickle, the child is
        gone, or making room left answers to drop). When jobs sent before it are still waiting for
        their answers and this one would not fit behind them in the pipe (`QUEUED_BYTES`),
        `make_room()` reads those answers first."""
        assert self._proc is not None and self._proc.stdin is not None
        rows, cs, boosts, avgdl, need = job
        # The texts this search has folded already go with their folds: the child would fold them again
        # (a long question's near misses were folded for the candidates' test; at 27,500 sources the
        # child then took 20 ms for 219 of them, this process 12).
        folds: dict[str, str] = {}
        if known is not None:
            for r in rows:
                for text in (r.text, r.quote, r.context):
                    if text and text not in folds and (f := known.get(text)) is not None:
                        folds[text] = f
        try:
            view = memoryview(_frame((self._forget, cs, boosts, avgdl, need, list(map(_sent, rows)), list(folds.items()))))
        except Exception:  # noqa: BLE001 - something that does not pickle: scored here
            return False
        if self._queued and make_room is not None and sum(self._queued) + len(view) > self._queue_bytes:
            make_room()
            # Answers still to come of jobs scored here meanwhile would be read as this job's: as
            # `_usable` does, no job is sent before they are dropped.
            if self._broken or self._stale:
                return False
        self._queued.append(len(view))
        try:
            while view:
                view = view[os.write(self._proc.stdin.fileno(), view):]
        except OSError:
            self._fail()
            return False
        self._forget = False
        return True

    def _receive(self, n: int) -> list | None:
        """The answer to the job sent, of `n` rows; None when there is none (the child is then
        taken for broken)."""
        answer = self._read_message() if self._readable(ANSWER_SECONDS) else None
        if not isinstance(answer, list) or len(answer) != n:
            self._fail()
            return None
        self.answered += n
        if self._queued:
            self._queued.pop(0)
        return answer

    def _readable(self, timeout: float) -> bool:
        import select

        assert self._proc is not None and self._proc.stdout is not None
        try:
            return bool(select.select([self._proc.stdout], [], [], timeout)[0])
        except (OSError, ValueError):
            return False

    def _read_message(self) -> object:
        import pickle

        assert self._proc is not None and self._proc.stdout is not None
        body = _read_frame(self._proc.stdout.fileno(), lambda: self._readable(ANSWER_SECONDS))
        try:
            return pickle.loads(body) if body is not None else None
        except Exception:  # noqa: BLE001 - a garbled answer: the rows are scored here
            return None

    def _fail(self) -> None:
        """The child is of no use any more: stopped, and not started again."""
        self._broken = True
        if self._finalizer is not None:
            self._finalizer()


class Scorer:
    """Scores the rows of one search (`ranking.score_rows`), with the helper's child when it has
    one (`scoring`), else alone. `fold` as in score_rows."""

    def __init__(self, fold: Callable[[str], str] = index_text, helper: ScoringHelper | None = None,
                 known: Mapping[str, str] | None = None) -> None:
        self.fold = fold
        self._helper = helper
        self._known = known  # texts folded already (`fold`'s memo), sent with their folds
        self._pending: list[_Job] = []  # sent to the child, their answers not read yet, oldest first

    def score(self, rows: list[Row], cs: list[Concept], boosts: Boosts, avgdl: float | None = None,
              need: int = 0) -> float | None:
        """score_rows of the rows, every other one by the child for a long list; returns the
        scale (`avgdl`) as score_rows does. The rows of earlier jobs (`begin`) are scored too
        when it returns."""
        helper = self._helper
        if helper is None or len(rows) < helper.split_rows or not helper._usable():
            return self._here(rows, cs, boosts, avgdl, need)
        if avgdl is None:
            avgdl = average_length(rows, self.fold)  # the scale of the whole list, as score_rows sets it
        if self._read_whole(rows, cs, need) < helper.split_rows:
            return self._here(rows, cs, boosts, avgdl, need)
        theirs: _Job = (rows[1::2], cs, boosts, avgdl, need)
        if not helper._send(theirs, self._known, self.finish):
            return self._here(rows, cs, boosts, avgdl, need)
        self._pending.append(theirs)  # before anything here may raise: its answer is read whatever happens
        score_rows(rows[0::2], cs, boosts, avgdl, need, self.fold)
        self.finish()
        return avgdl

    def _here(self, rows: list[Row], cs: list[Concept], boosts: Boosts, avgdl: float | None, need: int) -> float | None:
        """score_rows of the rows in this process, while the child scores the jobs it has; then those."""
        scale = score_rows(rows, cs, boosts, avgdl, need, self.fold)
        self.finish()
        return scale

    def begin(self, rows: list[Row], cs: list[Concept], boosts: Boosts, avgdl: float | None, need: int = 0) -> None:
        """score_rows of the rows, by the child while this process goes on when the list is long
        enough: they are scored once `finish` (or the next `score`) returns."""
        job: _Job = (rows, cs, boosts, avgdl, need)
        helper = self._helper
        if (helper is not None and len(rows) >= helper.begin_rows and helper._usable()
                and self._read_whole(rows, cs, need) >= helper.begin_rows and helper._send(job, self._known, self.finish)):
            self._pending.append(job)
        else:
            score_rows(*job, self.fold)

    def _read_whole(self, rows: list[Row], cs: list[Concept], need: int) -> int:
        """About how many of the rows scoring will read whole: with `need`, most rows of a list
        may fail score_rows' quick test (a long question's partial matches: 41 of 447 passages at
        27,500 sources), and such a list costs less to score than to send. Judged from every
        `SAMPLE_EVERY`th row."""
        if not need:
            return len(rows)
        return quick_passes(rows[::SAMPLE_EVERY], cs, need, self.fold) * SAMPLE_EVERY

    def finish(self) -> None:
        """The rows of the jobs sent, scored: while the next answer has not come, this process
        scores the child's rows itself, `STEAL_ROWS` at a time from the end of the last job (which
        the child reaches last), and takes each answer for the rows it has not reached (a child
        slowed down by another process on its core then costs at most what scoring here costs).
        Scored here when the child fails."""
        jobs, self._pending = self._pending, []
        if not jobs:
            return
        helper = self._helper
        assert helper is not None
        left = [len(job[0]) for job in jobs]  # jobs[i]'s rows[:left[i]] still to come from the child; the rest scored here
        first = 0  # the job whose answer comes next
        try:
            while first < len(jobs):
                last = len(jobs) - 1
                while not helper._readable(0.0):
                    while last >= first and not left[last]:
                        last -= 1
                    if last < first:
                        break
                    rows, cs, boosts, avgdl, need = jobs[last]
                    start = max(0, left[last] - STEAL_ROWS)
                    score_rows(rows[start:left[last]], cs, boosts, avgdl, need, self.fold)
                    left[last] = start
                if not left[first]:  # every row left scored here: the answers are dropped when they come
                    break
                answer = helper._receive(len(jobs[first][0]))
                if answer is None:  # the child failed: the rest is scored here
                    for (rows, cs, boosts, avgdl, need), n in zip(jobs[first:], left[first:]):
                        score_rows(rows[:n], cs, boosts, avgdl, need, self.fold)
                    return
                self._take(jobs[first][0][:left[first]], answer)
                first += 1
        except BaseException:
            helper._stale.extend(len(job[0]) for job in jobs[first:])  # the search fails; the answers are dropped when they come
            raise
        helper._stale.extend(len(job[0]) for job in jobs[first:])  # read and dropped before the next job

    def _take(self, rows: list[Row], answer: list) -> None:
        """The child's scores of the rows (the first rows of its answer), set as score_rows sets them."""
        fold = self.fold
        for r, (score, matched, share, found, factors) in zip(rows, answer):
            r.score, r.matched, r.share, r.found, r.factors = score, matched, share, found, factors
            r.folded_text = fold(r.text or "")  # as score_rows sets them
            r.folded_quote = fold(r.quote) if r.quote else ""


@contextmanager
def scoring(helper: ScoringHelper | None, fold: Callable[[str], str] = index_text,
            known: Mapping[str, str] | None = None) -> Iterator[Scorer]:
    """A `Scorer` for one search: with the helper when there is one and no other search is using
    it; `known`: `fold`'s memo, if it has one. Every row it was given is scored when the block ends."""
    held = helper is not None and helper._lock.acquire(blocking=False)
    scorer = Scorer(fold, helper if held else None, known)
    try:
        yield scorer
    finally:
        try:
            scorer.finish()
        finally:
            if held:
                assert helper is not None
                helper._lock.release()


def _frame(message: object) -> bytes:
    """A message as it goes over a pipe: its pickle, with the pickle's length in front."""
    import pickle  # here: a command, which starts no child, does not import it

    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _read_frame(fd: int, wait: Callable[[], bool] = lambda: True) -> bytes | None:
    """The body of the next message on `fd` (`_frame`); None when the pipe ends first, or when
    `wait()`, asked before each read after the first, says no more is coming in time."""
    header = _read_exactly(fd, _HEADER.size, wait)
    return _read_exactly(fd, _HEADER.unpack(header)[0], wait) if header is not None else None


def _read_exactly(fd: int, n: int, wait: Callable[[], bool]) -> bytes | None:
    parts: list[bytes] = []
    while n:
        if parts and not wait():
            return None
        try:
            chunk = os.read(fd, n)
        except OSError:
            return None
        if not chunk:  # the other side ended
            return None
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _widen(stream: object) -> bool:
    """Let a pipe hold a whole job or answer (Linux: `PIPE_BYTES`), so that neither side waits for
    the other to read before it can go on; elsewhere the pipe keeps its size: False."""
    try:
        import fcntl

        return fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES) >= PIPE_BYTES  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=0.5)
    except Exception:  # noqa: BLE001 - still running: ended
        proc.kill()
        proc.wait()


def serve() -> None:
    """The child: score the rows of each job until stdin closes."""
    import pickle

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the answers' stream
    folded = Folded()

    def send(message: object) -> None:
        out.write(_frame(message))
        out.flush()

    send("ready")
    while (body := _read_frame(0)) is not None:
        forget, cs, boosts, avgdl, need, sent, folds = pickle.loads(body)
        if forget or folded.chars > FOLDED_CHARS:
            folded.clear()
        folded.update(folds)
        rows = [Row(*fields) for fields in sent]
        score_rows(rows, cs, boosts, avgdl, need, folded.__getitem__)
        send([(r.score, r.matched, r.share, r.found, r.factors) for r in rows])
