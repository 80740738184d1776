"""Benchmark: `briefing propose` for a 20-page letter in a large knowledge base.

    from benchmarks.bench_proposals import bench_propose
    figures = bench_propose(content, cache, base, runs)     # used by benchmarks/run.py

The letter is made of the real seed letters (`content/sources/*.txt`, the 2022 cabinet response
first), joined with page breaks until it has at least `PAGES` pages as the passage splitter
counts them; it is added to a copy-free view of the corpus: its two files are written into the
content folder, the index brought up to date (not timed), and removed again afterwards (the
index is brought back too). Timed:

- `propose`: in one process with the engine open, from the index alone (what `briefing propose`
  does: no corpus loaded), median of `runs`, wall time and CPU time (on a busy machine the wall
  time is mostly waiting for a core);
- `loaded`: the same with the knowledge base loaded and passed as `corpus=` (the app's review
  screen), median wall time; and what loading it cost once (`corpus_load_s`);
- `cli`: `briefing propose ID --json` in a fresh process (opening the index, proposing from it,
  printing), median wall time and peak memory;
- `accept`: `briefing propose ID --accept N` in a fresh process (proposing, writing one statement
  into its domain file, updating the index from that file), median wall time and peak memory;
  the file is put back after each run.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "sources"
PAGES = 20
SOURCE_ID = "2024-12-01-benchmark-brief-voorstellen"


def letter_text() -> str:
    from briefing_tui.passages import split_source

    order = sorted(SEEDS.glob("*.txt"), key=lambda p: (not p.name.startswith("2022"), p.name))
    parts: list[str] = []
    text = ""
    while True:
        for p in order:
            parts.append(p.read_text(encoding="utf-8"))
            text = "\n\n\n".join(parts)  # two blank lines: a page break for the passage splitter
            if len(split_source(text).page_starts) >= PAGES:
                return text


def bench_propose(content: Path, cache: Path, base: Path, runs: int) -> dict:
    from benchmarks.run import briefing_cmd, child_env, fresh_process_state, run_child
    from briefing_tui.passages import split_source
    from briefing_tui.proposals import propose
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    ws = Workspace(content, base / "briefings", cache)
    text = letter_text()
    txt, meta = content / "sources" / f"{SOURCE_ID}.txt", content / "sources" / f"{SOURCE_ID}.yaml"
    txt.write_text(text, encoding="utf-8")
    meta.write_text(f'id: {SOURCE_ID}\nkind: kamerbrief\ntitle: "Benchmarkbrief voor voorstellen"\n'
                    'date: "2024-12-01"\n', encoding="utf-8")
    try:
        KnowledgeBase.open(ws).close()  # the index up to date with the letter (not timed)
        fresh_process_state()
        engine = KnowledgeBase.open(ws)
        engine.vocabulary()  # what the app has read before (every search needs it)
        times, cpu, loaded, result = [], [], [], None
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            result = propose(engine, SOURCE_ID)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        t0 = time.perf_counter()
        corpus = engine.corpus
        load_s = time.perf_counter() - t0
        for _ in range(runs):
            t0 = time.perf_counter()
            with_corpus = propose(engine, SOURCE_ID, corpus=corpus)
            loaded.append((time.perf_counter() - t0) * 1000)
        assert result is not None and [c.to_json() for c in with_corpus.candidates] == [
            c.to_json() for c in result.candidates], "proposals from the index differ from those of the corpus"
        engine.close()
        env = child_env(BRIEFING_CONTENT=str(content), BRIEFING_CACHE=str(cache))
        walls, rss = [], []
        for _ in range(max(1, runs // 2)):
            r = run_child([*briefing_cmd(), "propose", SOURCE_ID, "--json"], env=env)
            if r.returncode != 0:
                raise RuntimeError(f"briefing propose failed: {r.stdout[-800:]} {r.stderr[-800:]}")
            walls.append(r.wall_s * 1000)
            rss.append(r.maxrss_mb)
        accept_ms, accept_mb = _bench_accept(ws, env, result, max(1, runs // 2))
        return {
            "pages": len(split_source(text).page_starts), "chars": len(text),
            "candidates": len(result.candidates) if result else 0,
            "relations": sum(len(c.relations) for c in result.candidates) if result else 0,
            "runs": runs, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1),
            "loaded_median_ms": round(statistics.median(loaded), 1), "corpus_load_s": round(load_s, 2),
            "cli_median_ms": round(statistics.median(walls), 1), "cli_peak_mb": round(max(rss), 1),
            "accept_median_ms": accept_ms, "accept_peak_mb": accept_mb,
        }
    finally:
        txt.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
        KnowledgeBase.open(ws).close()
        fresh_process_state()


def _bench_accept(ws, env: dict, result, runs: int) -> tuple[float, float]:
    """`briefing propose ID --accept N` in a fresh process, `runs` times: the first proposal that
    can be written, written into its file and indexed; the file is put back after each run and
    the index brought back with it (not timed). (median wall ms, peak MB)"""
    from benchmarks.run import briefing_cmd, run_child
    from briefing_tui.proposals.write import Refused, plan_accept
    from briefing_tui.store import KnowledgeBase

    with KnowledgeBase.open(ws) as kb:
        for cand in result.candidates:
            try:
                path = plan_accept(ws.content, kb, cand)[0]
                break
            except Refused:
                continue
        else:
            raise RuntimeError("no proposal of the benchmark letter can be accepted")
    before = path.read_bytes()
    walls, rss = [], []
    try:
        for _ in range(runs):
            r = run_child([*briefing_cmd(), "propose", SOURCE_ID, "--accept", str(cand.n)], env=env)
            if r.returncode != 0:
                raise RuntimeError(f"briefing propose --accept failed: {r.stdout[-800:]} {r.stderr[-800:]}")
            walls.append(r.wall_s * 1000)
            rss.append(r.maxrss_mb)
            path.write_bytes(before)
            KnowledgeBase.open(ws).close()
    finally:
        path.write_bytes(before)
    return round(statistics.median(walls), 1), round(max(rss), 1)


if __name__ == "__main__":
    import argparse
    import json

    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    a = parser.parse_args()
    print(json.dumps(bench_propose(a.content.resolve(), a.cache.resolve(), a.cache.parent, a.runs), indent=1))
