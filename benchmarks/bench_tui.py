"""Benchmark of the app: start-up, keystroke-to-results, peak memory.

    .venv/bin/python benchmarks/bench_tui.py [--runs 7] [--statements 100000] [--sources 1000]
                                             [--keep DIR] [--json benchmarks/results/tui.json]

1. Start-up to a usable search field: a fresh process (`python -c`, so every import counts)
   runs the app headless on the repository's content until the search field is focused and
   enabled after the first paint (Textual's auto-pilot starts when the app is ready), and
   reports the time since the parent started the process. The same for a bare Textual app with
   the same widgets (Header, Input, OptionList, Footer, the Input focused). Runs alternate
   between the two; medians are compared. Target: the app within 25% of the bare app.
   The time until the index is open (in a worker, after the first paint) is reported apart.
2. Keystroke-to-results on a synthetic corpus from `benchmarks/corpus.py` (100,000 statements
   by default; generated once under `--keep DIR`, reused when there): the app runs under the
   Pilot at 120x40; each query of QUERIES is typed one key at a time, and for every key the
   time from the key being sent to the end of the first screen update that shows that key's
   results is measured (the search runs in a worker thread; the list is painted from the
   result message). The app searches with `exact_total=False`: the hits come with their count,
   or "meer dan 1.000" for a broad query, whose exact count the app fetches only once the keys
   have rested for `COUNT_DELAY` (so never between these keys; its cost is in bench_search's
   `count` figure). Target: median and p95 under 50 ms. Then each query is typed at a fast
   typist's pace (a key every 100 ms, not waiting for results) and the time from its last key
   to its results on screen is reported.
3. Peak memory: a fresh process runs the app headless on the synthetic corpus, waits for the
   knowledge base to load (previews, browsing and briefings need it), types and searches, opens
   a preview, and reports `resource.getrusage(RUSAGE_SELF).ru_maxrss`. Target: < 200 MB. The
   same with the knowledge base never loaded (searching only) is reported beside it, and on a
   cold start (the snapshot removed: the app has the knowledge base parsed by a child process,
   whose memory is its own and is not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # last: PYTHONPATH (another checkout's code, to compare) comes first
sys.path.insert(0, str(ROOT))

TYPING_INTERVAL = 0.1  # seconds between keys when typing a whole query (about 120 words a minute)

QUERIES = [
    "autonome wapensystemen",
    "betekenisvolle menselijke controle",
    "drones",
    "kunstmatige intelligentie",
    "exportcontrole",
    "verbod",
    "internationaal recht",
]

STARTUP_APP = """
import sys, time, json, asyncio
t_spawn = float(sys.argv[1])
from briefing_tui.workspace import Workspace
from briefing_tui.tui.app import create_app  # as on the command line: the app before Textual
from textual.screen import Screen
ws = Workspace.resolve(content=sys.argv[2], briefings=sys.argv[3], cache=sys.argv[4])
app = create_app(ws)
out = {}
def usable():
    field = app.focused
    return field is not None and field.id == "search-input" and not field.disabled
paint = Screen._compositor_refresh
def first_paint(self):
    paint(self)
    if "usable_s" not in out and usable():
        out["usable_s"] = time.time() - t_spawn  # the first frame with the field focused
Screen._compositor_refresh = first_paint
async def auto(pilot):
    while "usable_s" not in out:
        await asyncio.sleep(0.001)
    while app.index_state == "loading":
        await asyncio.sleep(0.002)
    out["index_ready_s"] = time.time() - t_spawn
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=auto)
print(json.dumps(out))
"""

STARTUP_BARE = """
import sys, time, json, asyncio
t_spawn = float(sys.argv[1])
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList
class Bare(App):
    def compose(self):
        yield Header()
        yield Input(placeholder="Zoek")
        yield OptionList()
        yield Footer()
    def on_mount(self):
        self.query_one(Input).focus()
app = Bare()
out = {}
def usable():
    return isinstance(app.focused, Input) and not app.focused.disabled
paint = Screen._compositor_refresh
def first_paint(self):
    paint(self)
    if "usable_s" not in out and usable():
        out["usable_s"] = time.time() - t_spawn
Screen._compositor_refresh = first_paint
async def auto(pilot):
    while "usable_s" not in out:
        await asyncio.sleep(0.001)
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=auto)
print(json.dumps(out))
"""

FIRST_SEARCH = """
import sys, time, json, asyncio
t_spawn = float(sys.argv[1])
from briefing_tui.workspace import Workspace
from briefing_tui.tui.app import create_app
from briefing_tui.tui.screens.search import SearchScreen
from textual.screen import Screen
ws = Workspace.resolve(content=sys.argv[2], briefings=sys.argv[3], cache=sys.argv[4])
app = create_app(ws)
out = {}
shown = []
show = SearchScreen.show_result
def show_result(self, generation, result):
    show(self, generation, result)
    if result is not None and result.hits and not shown:
        shown.append(time.time())
SearchScreen.show_result = show_result
paint = Screen._compositor_refresh
def painted(self):
    paint(self)
    if shown and "first_search_s" not in out:
        out["first_search_s"] = time.time() - t_spawn
Screen._compositor_refresh = painted
async def auto(pilot):
    await pilot.press(*sys.argv[5])  # typed at once, as an officer does who knows what to look for
    while "first_search_s" not in out:
        await asyncio.sleep(0.002)
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=auto)
print(json.dumps(out))
"""

MEMORY = """
import sys, json, resource
from briefing_tui.workspace import Workspace
from briefing_tui.tui.app import BriefingApp, create_app
ws = Workspace.resolve(content=sys.argv[1], briefings=sys.argv[2], cache=sys.argv[3])
queries = json.loads(sys.argv[4])
if sys.argv[5] == "search-only":  # the whole knowledge base is never loaded: searching only
    BriefingApp.load_corpus = lambda self, engine: None
app = create_app(ws)
out = {}
async def auto(pilot):
    app = pilot.app
    while app.index_state == "loading":
        await pilot.pause(0.01)
    out["index_state"] = app.index_state
    if sys.argv[5] in ("full", "cold"):
        while app.corpus is None:
            await pilot.pause(0.05)
    screen = app.search_screen
    for q in queries:
        await pilot.press(*("space" if c == " " else c for c in q))
        while screen.shown_generation != screen.generation:
            await pilot.pause(0.005)
        await pilot.press(*["backspace"] * len(q))
    await pilot.press("down", "enter")
    await pilot.pause(0.2)
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=auto)
out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def remove_snapshots(cache: Path) -> None:
    """A cold start: the knowledge base must be parsed whole (as after a new version of the app)."""
    for path in Path(cache).glob("corpus-*.json"):
        path.unlink()


def child(code: str, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", code, str(t), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def bench_startup(runs: int, base: Path, content: Path | None = None, cache: Path | None = None) -> dict:
    """Start-up to a usable search field, the app (on `content`, the repository's by default,
    with its index in `cache`) against the bare Textual app; runs alternate."""
    content = content or ROOT / "content"
    cache = cache or base / "startup-cache"
    briefings = base / "briefings"
    briefings.mkdir(exist_ok=True)
    child(STARTUP_APP, str(content), str(briefings), str(cache))  # builds the index once
    child(STARTUP_BARE)  # warms the file cache for Textual's modules
    app_runs, bare_runs, index_runs = [], [], []
    for _ in range(runs):
        bare_runs.append(child(STARTUP_BARE)["usable_s"] * 1000)
        r = child(STARTUP_APP, str(content), str(briefings), str(cache))
        app_runs.append(r["usable_s"] * 1000)
        index_runs.append(r["index_ready_s"] * 1000)
    app_ms, bare_ms = statistics.median(app_runs), statistics.median(bare_runs)
    return {
        "runs": runs,
        "app_usable_ms": round(app_ms),
        "bare_usable_ms": round(bare_ms),
        "ratio": round(app_ms / bare_ms, 3),
        "app_index_ready_ms": round(statistics.median(index_runs)),
        "app_all_ms": [round(x) for x in app_runs],
        "bare_all_ms": [round(x) for x in bare_runs],
        "target": "app within 25% of the bare app (ratio <= 1.25)",
        "met": app_ms <= 1.25 * bare_ms,
    }


def bench_first_search(content: Path, cache: Path, briefings: Path, runs: int, query: str = "kabinet") -> dict:
    """The app started on `content` (its index up to date in `cache`), `query` typed at once:
    from the process's start to the first results painted (the median of `runs`)."""
    briefings.mkdir(parents=True, exist_ok=True)
    times = [child(FIRST_SEARCH, str(content), str(briefings), str(cache), query)["first_search_s"] * 1000
             for _ in range(runs)]
    return {"runs": runs, "query": query, "median_ms": round(statistics.median(times)), "max_ms": round(max(times)),
            "target": "< 1 s", "met": statistics.median(times) < 1000}


def ensure_corpus(base: Path, sources: int, statements: int) -> Path:
    from benchmarks.corpus import generate_corpus

    content = base / f"content-{sources}-{statements}"
    if not (content / "domains").is_dir():
        print(f"  generating {statements} statements in {sources} sources under {content} …", flush=True)
        generate_corpus(content, sources, statements, 0)
    return content


async def keystrokes(content: Path, cache: Path, briefings: Path) -> dict:
    from briefing_tui.tui.app import create_app  # as on the command line: the app before Textual
    from briefing_tui.tui.screens.search import SearchScreen
    from briefing_tui.workspace import Workspace
    from textual.screen import Screen

    painted: list[float] = []
    shown: dict[int, float] = {}
    original_refresh = Screen._compositor_refresh
    original_show = SearchScreen.show_result

    def compositor_refresh(self):
        original_refresh(self)
        painted.append(time.perf_counter())

    def show_result(self, generation, result):
        original_show(self, generation, result)
        shown[generation] = time.perf_counter()

    async def painted_at(generation: int) -> float:
        """When the results of search `generation` were first on screen."""
        while generation not in shown:
            await asyncio.sleep(0.0005)
        while not painted or painted[-1] < shown[generation]:
            await asyncio.sleep(0.0005)
        return next(t for t in painted if t >= shown[generation])

    Screen._compositor_refresh = compositor_refresh
    SearchScreen.show_result = show_result
    try:
        app = create_app(Workspace.resolve(content=content, briefings=briefings, cache=cache))
        latencies: list[float] = []
        search_ms: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            t0 = time.perf_counter()
            while app.index_state == "loading":
                await pilot.pause(0.01)
            index_s = time.perf_counter() - t0
            assert app.index_state == "ready", app.index_error
            # Typing is measured once the knowledge base has loaded in the background too.
            while app.corpus is None:
                await pilot.pause(0.01)
            corpus_s = time.perf_counter() - t0
            screen = app.search_screen
            statements = len(app.corpus.statements)
            for query in QUERIES + QUERIES:  # the first pass warms SQLite's page cache
                for ch in query:
                    sent = time.perf_counter()
                    await pilot.press("space" if ch == " " else ch)
                    latencies.append((await painted_at(screen.generation) - sent) * 1000)
                    if screen.result is not None:
                        search_ms.append(screen.result.elapsed_ms)
                await pilot.press(*["backspace"] * len(query))
                while screen.shown_generation != screen.generation:
                    await pilot.pause(0.005)
            # Typed at a fast typist's pace, without waiting for results: from the last key of
            # each query to its results on screen.
            from textual import events

            bursts: list[float] = []
            for query in QUERIES:
                for ch in query:
                    sent = time.perf_counter()
                    key = "space" if ch == " " else ch
                    app.post_message(events.Key(key, ch))
                    await asyncio.sleep(TYPING_INTERVAL)
                while screen.query_one("#search-input").value != query:
                    await asyncio.sleep(0.0005)
                bursts.append((await painted_at(screen.generation) - sent) * 1000)
                await pilot.press(*["backspace"] * len(query))
                while screen.shown_generation != screen.generation:
                    await pilot.pause(0.005)
        half = len(latencies) // 2
        warm, warm_search = latencies[half:], search_ms[len(search_ms) // 2 :]
        return {
            "statements": statements,
            "index_open_s": round(index_s, 1),
            "corpus_loaded_s": round(corpus_s, 1),
            "keys": len(warm),
            "median_ms": round(statistics.median(warm), 1),
            "p95_ms": round(pct(warm, 95), 1),
            "max_ms": round(max(warm), 1),
            "search_only_median_ms": round(statistics.median(warm_search), 1),
            "search_only_p95_ms": round(pct(warm_search, 95), 1),
            "typed_interval_ms": TYPING_INTERVAL * 1000,
            "last_key_median_ms": round(statistics.median(bursts), 1),
            "last_key_max_ms": round(max(bursts), 1),
            "last_key_all_ms": [round(b, 1) for b in bursts],
            "target": "results painted within 50 ms of the keystroke",
            "met": pct(warm, 95) <= 50,
        }
    finally:
        Screen._compositor_refresh = original_refresh
        SearchScreen.show_result = original_show


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="folder for the synthetic corpus and its index (reused)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-tui-"))
    base.mkdir(parents=True, exist_ok=True)
    results: dict = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}

    if not args.skip_startup:
        print("start-up to a usable search field …", flush=True)
        results["startup"] = s = bench_startup(args.runs, base)
        print(
            f"  app {s['app_usable_ms']} ms, bare Textual app {s['bare_usable_ms']} ms "
            f"(ratio {s['ratio']}; target <= 1.25: {'met' if s['met'] else 'NOT met'}); "
            f"index open after {s['app_index_ready_ms']} ms",
            flush=True,
        )

    content = ensure_corpus(base, args.sources, args.statements)
    cache = base / f"cache-{args.sources}-{args.statements}"
    briefings = base / "briefings"
    briefings.mkdir(exist_ok=True)
    print("keystroke-to-results …", flush=True)
    results["keystrokes"] = k = asyncio.run(keystrokes(content, cache, briefings))
    print(
        f"  index open after {k['index_open_s']} s, knowledge base loaded after {k['corpus_loaded_s']} s\n"
        f"  {k['statements']} statements, {k['keys']} keys: median {k['median_ms']} ms, p95 {k['p95_ms']} ms, "
        f"max {k['max_ms']} ms (search alone: median {k['search_only_median_ms']} ms, p95 {k['search_only_p95_ms']} ms); "
        f"target p95 <= 50 ms: {'met' if k['met'] else 'NOT met'}\n"
        f"  typed at one key per {k['typed_interval_ms']:.0f} ms: last key to results median {k['last_key_median_ms']} ms, "
        f"max {k['last_key_max_ms']} ms",
        flush=True,
    )

    print("peak memory …", flush=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    memory = {}
    for mode in ("search-only", "full", "cold"):
        if mode == "cold":
            remove_snapshots(cache)
        proc = subprocess.run(
            [sys.executable, "-c", MEMORY, str(content), str(briefings), str(cache), json.dumps(QUERIES[:3]), mode],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=1200,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-3000:])
        memory[mode] = json.loads(proc.stdout.strip().splitlines()[-1])["maxrss_mb"]
    full = memory["full"]
    results["memory"] = {
        "statements": k["statements"],
        "search_only_maxrss_mb": round(memory["search-only"]),
        "full_maxrss_mb": round(full),
        "cold_maxrss_mb": round(memory["cold"]),
        "target": "< 200 MB",
        "met": full < 200,
    }
    print(
        f"  peak RSS {full:.0f} MB with the knowledge base loaded for previews (target < 200 MB: "
        f"{'met' if full < 200 else 'NOT met'}); {memory['search-only']:.0f} MB when only searching; "
        f"{memory['cold']:.0f} MB on a cold start (no snapshot: parsed in a child process)",
        flush=True,
    )

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
