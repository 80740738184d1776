"""Benchmark: import one document into a corpus of 1,000 sources; how long until search finds it.

    .venv/bin/python benchmarks/bench_import.py [--sources 1000] [--statements 10000] [--runs 5]

Builds a synthetic content folder with `benchmarks/corpus.py` (`generate_corpus`), brings the
index up to date once (not timed: that is the state a user is in), then for each run imports a
fresh document (a motion as text, and a set of answers with five questions, which also changes
`qa.yaml`) the way `briefing import` does: plan (extract, detect, the duplicate, id and link
checks asking the index), write (all or nothing), and the index update from the written files.
Prints the median time of each step and checks that search finds the imported text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # last: PYTHONPATH (another checkout's code, to compare) comes first
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402
from briefing_tui.importer.write import plan_import, write_import  # noqa: E402
from benchmarks.door import update_index  # noqa: E402
from briefing_tui.store import KnowledgeBase, SearchQuery  # noqa: E402
from briefing_tui.wording.index import report_text  # noqa: E402
from briefing_tui.workspace import Workspace  # noqa: E402

MOTION = """\
Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2023–2024

36 410 V Vaststelling van de begrotingsstaat van het Ministerie van Buitenlandse Zaken

Nr. {nr} MOTIE VAN HET LID BENCHMARK C.S.
Voorgesteld 14 november 2023

De Kamer,

gehoord de beraadslaging,

constaterende dat zwermen van onbemande systemen steeds vaker worden ingezet;

verzoekt de regering, zich in de CCW in te zetten voor afspraken over {word},

en gaat over tot de orde van de dag.

Benchmark
"""

ANSWERS = """\
Antwoord van minister Bruins Slot (Buitenlandse Zaken) (ontvangen {day} maart 2024).

""" + "\n".join(
    f"Vraag {n}\nWat is de inzet van het kabinet op punt {n} van de {{word}}?\n\nAntwoord {n}\n"
    f"Het kabinet zet zich op punt {n} in voor betekenisvolle menselijke controle.\n"
    for n in range(1, 6)
)


def one_import(ws: Workspace, path: Path) -> dict[str, float]:
    """As `briefing import` does: the knowledge base opened once, the plan asking its index about
    existing sources, the index updated from the written files."""
    t0 = time.perf_counter()
    with KnowledgeBase.open(ws) as kb:
        plan = plan_import(path, ws.content, known=kb.known_sources())
        t1 = time.perf_counter()
        written = write_import(plan)
        t2 = time.perf_counter()
        report = kb.after_writing(written)
        t3 = time.perf_counter()
    assert not report.rebuilt, report
    return {"plan": t1 - t0, "write": t2 - t1, "index": t3 - t2, "total": t3 - t0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--statements", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["BRIEFING_CACHE"] = str(tmp_path / "cache")
        content = tmp_path / "content"
        t = time.perf_counter()
        generate_corpus(content, sources=args.sources, statements=args.statements, seed=0)
        print(f"corpus: {args.sources} sources, {args.statements} statements ({time.perf_counter() - t:.1f} s to generate)")
        ws = Workspace.resolve(content=content, cache=tmp_path / "cache")
        t = time.perf_counter()
        print(f"initial index: {report_text(update_index(ws))} ({time.perf_counter() - t:.1f} s)")

        results: dict[str, list[dict[str, float]]] = {"motion": [], "answers": []}
        for run in range(args.runs):
            word = f"benchmarkwoord{run}"
            motion = tmp_path / f"motie-{run}.txt"
            motion.write_text(MOTION.format(nr=100 + run, word=word), encoding="utf-8")
            results["motion"].append(one_import(ws, motion))
            answers = tmp_path / f"antwoorden-{run}.txt"
            answers.write_text(ANSWERS.format(day=run + 1, word=f"antwoordwoord{run}"), encoding="utf-8")
            results["answers"].append(one_import(ws, answers))
            with KnowledgeBase.open(ws) as engine:
                hits = engine.search(SearchQuery(text=word)).hits
                assert any(h.source and h.source.id == f"kst-36410-v-{100 + run}" for h in hits), word
                assert engine.search(SearchQuery(text=f"antwoordwoord{run}")).hits

        print(f"\nimport of one document into {args.sources} sources, median of {args.runs} runs:")
        for name, rows in results.items():
            med = {k: statistics.median(r[k] for r in rows) * 1000 for k in rows[0]}
            print(
                f"  {name:8s} plan {med['plan']:6.0f} ms   write {med['write']:5.0f} ms   "
                f"index update {med['index']:6.0f} ms   total {med['total']:6.0f} ms"
            )
        worst = max(r["index"] for rows in results.values() for r in rows)
        print(f"  slowest index update: {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
