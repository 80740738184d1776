"""Work done ahead by forked worker processes, for the large loads and builds only.

`Ahead(fn)` computes `fn(*args)` for jobs given in the order the caller will take them, a
window of jobs ahead (`per_worker` per worker in flight), so a load of tens of thousands of files
never holds every result at once. `take(key)` waits for that job's result; it answers
`(False, None)` when the job was not done ahead (no pool, the job was skipped, the pool broke,
`fn` raised), and the caller then does the work itself, in-process: the reference every result
from a worker equals.

A pool is started only when it can help and is safe (`fork_pool`): two cores or more, and this
process has a single thread, because forking while another thread holds a lock is unsafe (so the
app, which loads and builds from worker threads, always works in-process). It forks rather than
spawns: a spawned worker would re-run an unguarded `__main__` and import everything again.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Hashable, Iterable

__all__ = ["Ahead", "fork_pool", "usable_cpus"]

MAX_WORKERS = 4


def usable_cpus() -> int:
    """The cores this process may run on (its affinity: a container or `taskset` may allow fewer
    than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def fork_pool(max_workers: int = MAX_WORKERS) -> Any:
    """A ProcessPoolExecutor of forked workers, or None when there cannot or should not be one."""
    workers = min(max_workers, usable_cpus())
    if workers < 2 or threading.active_count() != 1 or threading.current_thread() is not threading.main_thread():
        return None
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    except Exception:  # no processes here (sandbox, resources): the caller works in-process
        return None


class Ahead:
    """`fn(*args)` of jobs (key, make_args) computed ahead by a fork pool, taken in order."""

    def __init__(self, fn: Callable[..., Any], per_worker: int = 8) -> None:
        self.fn = fn
        self.per_worker = per_worker
        self._pool: Any = None
        self._futures: dict[Hashable, Any] = {}
        self._pending: list[tuple[Hashable, Callable[[], tuple]]] = []  # the next job last
        self._window = 0

    def start(self, jobs: Iterable[tuple[Hashable, Callable[[], tuple]]]) -> bool:
        """Start a pool on `jobs` (key, a function giving fn's arguments, called when the job is
        sent: an error it raises skips the job); False when no pool could be started."""
        self._pool = fork_pool()
        if self._pool is None:
            return False
        self._pending = list(reversed(list(jobs)))
        self._window = self._pool._max_workers * self.per_worker
        self._fill()
        return True

    def _fill(self) -> None:
        while self._pool is not None and self._pending and len(self._futures) < self._window:
            key, make_args = self._pending.pop()
            try:
                args = make_args()
            except Exception:  # the caller meets the same problem in-process and reports it
                continue
            try:
                self._futures[key] = self._pool.submit(self.fn, *args)
            except Exception:  # the pool broke: the rest is done in-process
                self.close()

    def take(self, key: Hashable) -> tuple[bool, Any]:
        """(True, result) of the job `key`, or (False, None): do it in-process."""
        future = self._futures.pop(key, None)
        self._fill()
        if future is None:
            return False, None
        try:
            return True, future.result()
        except Exception:
            return False, None

    def close(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._futures = {}
        self._pending = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
