"""Search quality: recall@10, MRR and nDCG@10 of the ranking set, per category and overall.

    .venv/bin/python benchmarks/eval_search.py [--split tune|held|all] [--misses] [--json PATH]

`tests/data/ranking_queries.yaml` holds queries as an officer types them, each with the records a
good answer shows (see the file's header). Every query runs through `SearchEngine.search` over
the repository's real content (all kinds, limit 10), and through a naive baseline: a plain
substring scan in document order (the content files in the order the loader reads them:
statements, then commitments, motions, questions, then the source passages; a record is found
when every whitespace-separated word of the query, lower-cased, stands somewhere in its text),
the first 10 found.

Measures (a query's relevant set is its `targets`; a hit counts when its id is a target, or
when a target is one of the records it stands for, `Hit.also`):

    recall@10  share of queries with a target in the top 10
    MRR        mean of 1 / rank of the first target (0 when none in the top 10)
    nDCG@10    binary gains, ideal = all targets at the top (capped at 10)

The tuning half may be looked at while changing the engine; the held-out half is only scored.
`tests/test_search_ranking.py` guards both halves' figures against regression.
`benchmarks/eval-before.json` holds the figures of the engine before issue 12 (`--json` output).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "data" / "ranking_queries.yaml"
K = 10


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def score(ranked: list[list[str]], targets: set[str]) -> tuple[float, float, float]:
    """(found in top K, reciprocal rank, nDCG@K) of one query. `ranked`: per hit, the ids it
    stands for (its own first)."""
    gains = [1.0 if targets.intersection(ids) else 0.0 for ids in ranked[:K]]
    first = next((n for n, g in enumerate(gains) if g), None)
    dcg = sum(g / math.log2(n + 2) for n, g in enumerate(gains))
    ideal = sum(1 / math.log2(n + 2) for n in range(min(K, len(targets))))
    return (1.0 if first is not None else 0.0, 1 / (first + 1) if first is not None else 0.0, dcg / ideal if ideal else 0.0)


def engine_ranking(engine):
    from briefing_tui.search import SearchQuery

    def run(q: str) -> list[list[str]]:
        result = engine.search(SearchQuery(q, limit=K))
        return [[h.id, *getattr(h, "also", ())] for h in result.hits]

    return run


def _records_in_document_order(corpus, engine) -> list[tuple[str, str]]:
    """(id, lower-cased text) of every record, in the order of the content files."""
    from briefing_tui.search import SearchQuery

    out: list[tuple[str, str]] = []
    for st in corpus.statements.values():
        out.append((st.id, f"{st.position} {st.quote}".lower()))
    for c in corpus.commitments.values():
        out.append((c.id, f"{c.text} {c.quote}".lower()))
    for m in corpus.motions.values():
        out.append((m.id, f"{m.title} {m.request or ''}".lower()))
    for q in corpus.qa.values():
        out.append((q.id, f"{q.question} {q.answer}".lower()))
    passages = engine.search(SearchQuery("", kinds=("passage",), limit=1_000_000)).hits
    passages.sort(key=lambda h: (h.source.id if h.source else "", h.page or 0, int(h.id.rpartition("#")[2] or 0)))
    out.extend((h.id, h.text.lower()) for h in passages)
    return out


def baseline_ranking(corpus, engine):
    records = _records_in_document_order(corpus, engine)

    def run(q: str) -> list[list[str]]:
        words = q.lower().split()
        found = []
        for rid, text in records:
            if words and all(w in text for w in words):
                found.append([rid])
                if len(found) == K:
                    break
        return found

    return run


def evaluate(run, queries: list[dict]) -> dict:
    """{"overall": {...}, "by_category": {cat: {...}}, "misses": [...]} for one ranking function."""
    per_cat: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    allq: list[tuple[float, float, float]] = []
    misses = []
    for case in queries:
        ranked = run(case["q"])
        s = score(ranked, set(case["targets"]))
        per_cat[case["cat"]].append(s)
        allq.append(s)
        if s[1] < 1.0:
            misses.append({"q": case["q"], "cat": case["cat"], "rr": round(s[1], 3),
                           "top": [ids[0] for ids in ranked[:5]]})

    def summary(rows):
        n = len(rows)
        return {"n": n, "recall@10": sum(r[0] for r in rows) / n, "mrr": sum(r[1] for r in rows) / n,
                "ndcg@10": sum(r[2] for r in rows) / n} if n else {"n": 0}

    return {"overall": summary(allq), "by_category": {c: summary(r) for c, r in sorted(per_cat.items())},
            "misses": misses}


def check_targets(corpus, queries: list[dict]) -> list[str]:
    known = set(corpus.statements) | set(corpus.commitments) | set(corpus.motions) | set(corpus.qa)
    return [f"{c['q']!r}: unknown target {t}" for c in queries for t in c["targets"] if t not in known]


def open_engine(cache: Path):
    from briefing_tui.content import load_content
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    corpus = load_content(REPO / "content")
    ws = Workspace(REPO / "content", cache / "briefings", cache / "cache")
    return corpus, KnowledgeBase.open(ws, corpus=corpus)


def _table(name: str, result: dict) -> list[str]:
    lines = [f"{name}", f"  {'category':<12} {'n':>4} {'recall@10':>10} {'MRR':>7} {'nDCG@10':>8}"]
    rows = [*result["by_category"].items(), ("overall", result["overall"])]
    for cat, m in rows:
        lines.append(f"  {cat:<12} {m['n']:>4} {m['recall@10']:>10.3f} {m['mrr']:>7.3f} {m['ndcg@10']:>8.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("tune", "held", "all"), default="all")
    ap.add_argument("--misses", action="store_true", help="list the queries whose first target is not first (tuning half only)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args(argv)
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, engine = open_engine(Path(tmp))
        with engine:
            bad = check_targets(corpus, queries)
            if bad:
                print("\n".join(bad), file=sys.stderr)
                return 1
            runs = {"engine": engine_ranking(engine), "baseline": baseline_ranking(corpus, engine)}
            splits = ("tune", "held") if args.split == "all" else (args.split,)
            out: dict = {}
            for split in splits:
                subset = [c for c in queries if c["split"] == split]
                for name, run in runs.items():
                    res = evaluate(run, subset)
                    out[f"{split}/{name}"] = res
                    print("\n".join(_table(f"{split} half ({len(subset)} queries): {name}", res)))
                    if args.misses and split == "tune" and name == "engine":
                        for m in res["misses"]:
                            print(f"    miss rr={m['rr']:<5} [{m['cat']}] {m['q']!r}: {', '.join(m['top'])}")
    if args.json:
        args.json.write_text(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in out.items()},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
