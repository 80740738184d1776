"""Loading pauses the cyclic garbage collector and leaves it as it found it."""

from __future__ import annotations

import gc
import threading

from briefing_tui.content import load_content
from briefing_tui.gcpause import paused_gc


def test_load_leaves_the_collector_as_it_was(content_dir):
    assert gc.isenabled()
    corpus = load_content(content_dir)
    assert corpus.statements and gc.isenabled()
    gc.disable()
    try:
        load_content(content_dir)
        assert not gc.isenabled()  # not switched on by a load
    finally:
        gc.enable()


def test_nested_and_concurrent_pauses_share_one():
    inside = threading.Event()
    release = threading.Event()

    def other():
        with paused_gc():
            inside.set()
            release.wait(5)

    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
        worker = threading.Thread(target=other)
        worker.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread still loads
    release.set()
    worker.join(5)
    assert gc.isenabled()
