"""Benchmark: long questions and exact counts on a large knowledge base (issue: scale).

    .venv/bin/python benchmarks/bench_long.py CORPUS_DIR [CORPUS_DIR ...] [--passes 5]

Each CORPUS_DIR is a folder that `benchmarks/run.py --corpus-dir` made (content/ and cache/,
the index current). For each, in one process as the app has it (`KnowledgeBase.open`, one
warm-up pass):

- a question of about fifteen words as an officer types or pastes it (`LONG_QUESTIONS`),
  searched as the app searches while typing (limit 50, `exact_total=False`);
- the exact count of the same questions and of the as-you-type prefix mix of
  `bench_search.QUERIES` (what the app asks once the keys rest: `KnowledgeBase.count`);
- each question first at first sight: with nothing the engine keeps between searches of the
  records' texts and FTS5's answers (folded texts, also those of the scoring helper's child on a
  large index, the warnings of each hit's text, the row ids of its ANDs: `SearchEngine.forget`
  before it; the superseded quotes of the sources it met stay prepared), then asked again at
  once, as typing
  word by word or a filter changed asks it again ("long question, search");
- after those passes, each question typed word by word: every prefix of whole words searched as
  the app searches it after each word (a question's intermediate states may cost more than the
  whole: a unit of many forms in a short AND, a page from many sources whose superseded quotes are
  prepared the first time).

Prints median, p95 and max per measure (milliseconds); target p95 < 50 ms at a million passages.
Then, per question, the median at first sight and asked again: with five passes the p95 of thirty
searches is the slowest question's, and these lines say which one it is.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_search import QUERIES, pct, prefixes  # noqa: E402

LONG_QUESTIONS = [
    "wat is het standpunt van het kabinet over een verbod op volledig autonome wapensystemen in de CCW",
    "welke toezeggingen heeft de minister gedaan over exportcontrole van drones en onbemande luchtvaartuigen aan derde landen",
    "hoe kijkt Nederland aan tegen internationale afspraken over militaire toepassingen van kunstmatige intelligentie binnen de NAVO",
    "is het kabinet bereid zich in te zetten voor normen over verantwoord gebruik van AI in het militaire domein",
    "wat heeft het kabinet de Kamer geantwoord op vragen over killer robots en betekenisvolle menselijke controle over wapens",
    "welke positie neemt Nederland in bij de onderhandelingen over een juridisch bindend instrument voor autonome wapens",
]


def measure(base: Path, passes: int) -> dict:
    from briefing_tui.store import KnowledgeBase, SearchQuery
    from briefing_tui.workspace import Workspace

    ws = Workspace(base / "content", base / "briefings", base / "cache")
    kb = KnowledgeBase.open(ws)
    mix = prefixes(QUERIES)
    for q in LONG_QUESTIONS + mix:  # warm-up: vocabulary, page cache
        kb.search(SearchQuery(q, limit=50, exact_total=False))
    long_search: list[float] = []
    long_count: list[float] = []
    mix_count: list[float] = []
    first_sight: list[float] = []
    typed: list[float] = []
    per_question: dict[int, tuple[list[float], list[float]]] = {i: ([], []) for i in range(len(LONG_QUESTIONS))}
    for _ in range(passes):
        for i, q in enumerate(LONG_QUESTIONS):
            kb.engine.forget()
            t0 = time.perf_counter()
            kb.search(SearchQuery(q, limit=50, exact_total=False))
            first_sight.append((time.perf_counter() - t0) * 1000)
            per_question[i][0].append(first_sight[-1])
            t0 = time.perf_counter()
            kb.search(SearchQuery(q, limit=50, exact_total=False))
            long_search.append((time.perf_counter() - t0) * 1000)
            per_question[i][1].append(long_search[-1])
            t0 = time.perf_counter()
            kb.count(SearchQuery(q))
            long_count.append((time.perf_counter() - t0) * 1000)
        for q in mix:
            t0 = time.perf_counter()
            kb.count(SearchQuery(q))
            mix_count.append((time.perf_counter() - t0) * 1000)
    # Typed word by word last: its pages bring other sources' superseded quotes into the engine's
    # bounded store (`search.CARRIED_KEPT`), which the passes above then found prepared less often.
    for _ in range(passes):
        for q in LONG_QUESTIONS:
            words = q.split()
            for n in range(1, len(words) + 1):
                t0 = time.perf_counter()
                kb.search(SearchQuery(" ".join(words[:n]), limit=50, exact_total=False))
                typed.append((time.perf_counter() - t0) * 1000)
    kb.close()

    def figures(values: list[float]) -> str:
        return f"median {pct(values, 50):.1f} / p95 {pct(values, 95):.1f} / max {max(values):.1f} ms"

    out = {"long question, search": figures(long_search),
           "long question, search at first sight": figures(first_sight),
           "long question, typed word by word": figures(typed),
           "long question, exact count": figures(long_count),
           "exact count of the as-you-type mix": figures(mix_count)}
    for i, (first, again) in per_question.items():
        out[f"question {i + 1} ({' '.join(LONG_QUESTIONS[i].split()[:4])} ...)"] = (
            f"median at first sight {pct(first, 50):.1f} / asked again {pct(again, 50):.1f} ms")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args(argv)
    for base in args.corpora:
        print(base.name)
        for label, value in measure(base, args.passes).items():
            print(f"  {label}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
