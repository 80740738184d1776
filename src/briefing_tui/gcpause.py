"""Pause Python's cyclic garbage collector while a large graph of objects is built."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

__all__ = ["paused_gc"]

_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while a large graph of objects is built.

    Loading a knowledge base creates millions of objects that all stay alive; every automatic
    collection walks them all again, which makes loading several times slower (figures in
    benchmarks/RESULTS.md). Reference
    counting still frees everything that is dropped; cycles made meanwhile are collected once
    the collector runs again. Nested and concurrent pauses (threads) share one pause: the
    collector is re-enabled when the last one ends, and only when it was enabled before.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()
