"""Benchmark: index build, incremental update, no-change check and as-you-type search.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000:10000,1000:100000] [--keep DIR]
                                                [--json benchmarks/results/search.json]

For each size (sources:statements) a synthetic content folder is generated with
`benchmarks/corpus.py` (in a temporary folder, or under `--keep DIR` and reused when there), then:

- content load: `load_content` (the content loader's cost, reported apart from the index);
- full build: `KnowledgeBase.rebuild` into an empty cache folder;
- no-change check: `KnowledgeBase.open` with nothing changed (median of 20);
- one-file update: a statement's position edited in one domain file, and one source text
  edited; the corpus is patched in memory the way a reload would show it, then
  `KnowledgeBase.open(ws, corpus=corpus)` (median of 3 each);
- the as-you-type query mix: every prefix of each of the queries in `QUERIES`, through
  `KnowledgeBase.search` as the app calls it while the user types (limit 50, snippets included,
  `exact_total=False`: matches are counted up to `RANK_ALL` + 1, so a broad query reports "more
  than 1,000" with its hits), one warm-up pass, then timed. This is what a user waits for: the
  ranked hits and their count or its bound, on screen together;
- the exact count the app asks for after the keys rest (`KnowledgeBase.count`, same prefixes),
  reported apart as `count` (no target; the user sees the hits meanwhile);
- the floor: the same prefixes as raw FTS5 (words quoted, AND, the last word a prefix) with
  bm25 ranking and snippet(), LIMIT 50, on the same database;
- `rg -i -F PREFIX content/` for each prefix (what one would type to grep the content; the
  matching lines are read from a pipe), when `rg` is on PATH.

Prints a table and writes the figures as JSON. Targets at 100,000 statements: p95 < 30 ms,
median within 3x of raw FTS5 and >= 10x faster than rg; full build < 20 s; one-file update
< 0.5 s; no-change check < 50 ms (also measured at 10,000 files: `--files-check`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # last: PYTHONPATH (another checkout's code, to compare) comes first
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402
from briefing_tui.content import load_content  # noqa: E402
from benchmarks.door import index_path, rebuild_index, update_index  # noqa: E402
from briefing_tui.store import KnowledgeBase, SearchQuery  # noqa: E402
from briefing_tui.textnorm import searchable, words  # noqa: E402
from briefing_tui.workspace import Workspace  # noqa: E402

QUERIES = [
    "autonome wapensystemen",
    "betekenisvolle menselijke controle",
    "killer robots",
    "drones",
    "kunstmatige intelligentie",
    "AI",
    "wapenbeheersing",
    "exportcontrole",
    "verbod",
    "technologieën",
    "CCW",
    "kernwapens",
    "internationaal recht",
    "quantum",
    "dual-use",
]


def prefixes(queries: list[str]) -> list[str]:
    return [q[:n] for q in queries for n in range(1, len(q) + 1)]


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 2) if values else None,
        "p95_ms": round(pct(values, 95), 2),
        "max_ms": round(max(values), 2) if values else None,
    }


def raw_fts(prefix: str) -> str | None:
    """The plain FTS5 query a minimal search box would send: words quoted, AND, last one a prefix."""
    ws = words(searchable(prefix))
    if not ws:
        return None
    parts = [f'"{w}"' for w in ws]
    if not prefix[-1].isspace():
        parts[-1] += "*"
    return " AND ".join(parts)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return (time.perf_counter() - t0) * 1000, out


def bench_size(n_sources: int, n_statements: int, base: Path, queries: list[str], rg: str | None) -> dict:
    content = base / "content"
    out: dict = {"sources": n_sources, "statements": n_statements}
    if not (content / "domains").is_dir():
        ms, stats = timed(generate_corpus, content, n_sources, n_statements, 0)
        out["generate_s"] = round(ms / 1000, 1)
    cache = base / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    ws = Workspace(content.resolve(), (base / "briefings").resolve(), cache.resolve())
    files = sum(1 for p in content.rglob("*") if p.is_file())
    out["files"] = files
    out["content_mb"] = round(sum(p.stat().st_size for p in content.rglob("*") if p.is_file()) / 1e6, 1)

    ms, corpus = timed(load_content, content)
    out["content_load_s"] = round(ms / 1000, 1)
    out["content_problems"] = len(corpus.errors())
    print(f"  content: {files} files, {out['content_mb']} MB, load_content {out['content_load_s']} s", flush=True)

    ms, report = timed(rebuild_index, ws, corpus)
    out["build_s"] = round(ms / 1000, 2)
    out["records"] = report.records
    out["index_mb"] = round(index_path(ws).stat().st_size / 1e6, 1)
    print(f"  full build {out['build_s']} s: {report.records} records", flush=True)

    nochange = []
    for _ in range(20):
        ms, r = timed(update_index, ws)
        assert r.files_changed == 0 and not r.rebuilt, str(r)
        nochange.append(ms)
    out["no_change"] = summary(nochange)
    print(f"  no-change check: median {out['no_change']['median_ms']} ms", flush=True)

    # One domain file changed: a statement's position edited.
    domain_file = sorted((content / "domains").glob("*.yaml"))[0]
    st = next(s for s in corpus.statements.values() if s.home == f"domains/{domain_file.stem}")
    n_in_file = sum(1 for s in corpus.statements.values() if s.home == st.home)
    times = []
    original = domain_file.read_text(encoding="utf-8")
    for k in range(3):
        new_position = f"{st.position} (bewerkt {k})"
        text = original.replace(json.dumps(st.position, ensure_ascii=False), json.dumps(new_position, ensure_ascii=False), 1)
        domain_file.write_text(text, encoding="utf-8")
        corpus.statements[st.id] = dataclasses.replace(st, position=new_position)
        ms, r = timed(update_index, ws, corpus)
        assert r.changed == [f"domains/{domain_file.name}"], str(r)
        times.append(ms)
    domain_file.write_text(original, encoding="utf-8")
    corpus.statements[st.id] = st
    update_index(ws, corpus)  # back to the generated content (not timed)
    out["one_domain_file_update"] = {**summary(times), "statements_in_file": n_in_file}
    # One source text changed: a paragraph appended.
    src = sorted(corpus.sources.values(), key=lambda s: s.id)[len(corpus.sources) // 2]
    txt = Path(src.text_path)
    original_txt = txt.read_text(encoding="utf-8")
    times = []
    for k in range(3):
        new_text = original_txt + f"\nHet kabinet voegt hier alinea {k} aan toe over wapenbeheersing.\n"
        txt.write_text(new_text, encoding="utf-8")
        corpus.set_text(src.id, new_text)
        ms, r = timed(update_index, ws, corpus)
        assert r.changed == [f"sources/{txt.name}"], str(r)
        times.append(ms)
    txt.write_text(original_txt, encoding="utf-8")
    corpus.set_text(src.id, original_txt)
    update_index(ws, corpus)
    out["one_source_update"] = summary(times)
    print(f"  one-file update: domain file ({n_in_file} statements) median "
          f"{out['one_domain_file_update']['median_ms']} ms; source text median {out['one_source_update']['median_ms']} ms",
          flush=True)

    engine = KnowledgeBase.open(ws, corpus=corpus)
    mix = prefixes(queries)
    for q in mix:  # warm-up: vocabulary load, caches
        engine.search(SearchQuery(q, limit=50, exact_total=False))
    ms_open, _ = timed(lambda: KnowledgeBase.open(ws, corpus=corpus).vocabulary())
    out["vocabulary_load_ms"] = round(ms_open, 1)
    times, totals = [], []
    for q in mix:
        ms, res = timed(engine.search, SearchQuery(q, limit=50, exact_total=False))
        times.append(ms)
        totals.append(res.total)
    out["search"] = summary(times)
    out["count"] = summary([timed(engine.count, q)[0] for q in mix])
    slow = sorted(zip(times, mix), reverse=True)[:5]
    out["slowest"] = [{"query": q, "ms": round(t, 1)} for t, q in slow]

    conn = sqlite3.connect(str(index_path(ws)))
    raw = []
    for q in mix:
        expr = raw_fts(q)
        if expr is None:
            continue
        ms, _ = timed(lambda expr=expr: conn.execute(
            "SELECT rowid, bm25(records_fts), snippet(records_fts, -1, '**', '**', '…', 12) FROM records_fts "
            "WHERE records_fts MATCH ? ORDER BY bm25(records_fts) LIMIT 50", (expr,)).fetchall())
        raw.append(ms)
    conn.close()
    out["raw_fts5"] = summary(raw)
    if rg:
        rg_times = []
        for q in mix:
            ms, _ = timed(subprocess.run, [rg, "-i", "-F", "--", q, str(content)], capture_output=True)
            rg_times.append(ms)
        out["rg"] = summary(rg_times)
    else:
        out["rg"] = {"skipped": "rg not on PATH"}
    med = out["search"]["median_ms"]
    out["ratio_to_raw_fts5"] = round(med / out["raw_fts5"]["median_ms"], 2) if out["raw_fts5"]["median_ms"] else None
    if rg:
        out["speedup_vs_rg"] = round(out["rg"]["median_ms"] / med, 1) if med else None
    engine.close()
    return out


def files_check(base: Path, n_files: int = 10_000) -> dict:
    """The no-change check over a content folder of about `n_files` files."""
    content = base / "content"
    sources = n_files // 2
    if not (content / "domains").is_dir():
        generate_corpus(content, sources, 1000, seed=1, paragraphs=(2, 4))
    cache = base / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    ws = Workspace(content.resolve(), (base / "briefings").resolve(), cache.resolve())
    corpus = load_content(content)
    rebuild_index(ws, corpus)
    files = sum(1 for p in content.rglob("*") if p.is_file())
    times = []
    for _ in range(20):
        ms, r = timed(update_index, ws)
        assert r.files_changed == 0
        times.append(ms)
    return {"files": files, **summary(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000:10000,1000:100000", help="sources:statements,...")
    parser.add_argument("--keep", type=Path, help="generate corpora here and reuse them on later runs")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "search.json")
    parser.add_argument("--files-check", type=int, default=10_000, metavar="N",
                        help="also time the no-change check at about N files (0: skip)")
    args = parser.parse_args(argv)
    rg = shutil.which("rg")
    results = {
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "queries": QUERIES,
        "sizes": [],
    }
    tmp = None
    root = args.keep
    if root is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-search-")
        root = Path(tmp.name)
    try:
        for spec in args.sizes.split(","):
            n_sources, n_statements = (int(x) for x in spec.split(":"))
            print(f"{n_sources} sources, {n_statements} statements", flush=True)
            results["sizes"].append(bench_size(n_sources, n_statements, root / f"s{n_sources}-{n_statements}", QUERIES, rg))
        if args.files_check:
            print(f"no-change check at ~{args.files_check} files", flush=True)
            results["no_change_at_files"] = files_check(root / f"files-{args.files_check}", args.files_check)
    finally:
        if tmp is not None:
            tmp.cleanup()

    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print()
    header = (f"{'size':>16} {'build s':>8} {'1-file ms':>10} {'no-chg ms':>9} {'search med':>10} {'p95':>6} {'max':>6} "
              f"{'fts5 med':>8} {'rg med':>7} {'x fts5':>6} {'x rg':>5}")
    print(header)
    for r in results["sizes"]:
        one = max(r["one_domain_file_update"]["median_ms"], r["one_source_update"]["median_ms"])
        rg_med = r["rg"].get("median_ms", float("nan"))
        print(f"{r['sources']:>6}/{r['statements']:>9} {r['build_s']:>8} {one:>10.0f} {r['no_change']['median_ms']:>9} "
              f"{r['search']['median_ms']:>10} {r['search']['p95_ms']:>6} {r['search']['max_ms']:>6} "
              f"{r['raw_fts5']['median_ms']:>8} {rg_med:>7} {r['ratio_to_raw_fts5']:>6} {r.get('speedup_vs_rg', '-'):>5}")
    if "no_change_at_files" in results:
        nc = results["no_change_at_files"]
        print(f"no-change check at {nc['files']} files: median {nc['median_ms']} ms, p95 {nc['p95_ms']} ms")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
