"""Quality of `briefing propose`, measured on the knowledge base itself (docs/proposals.md).

For each source: hide its statements and commitments, propose, compare (see
`briefing_tui.proposals.evaluate`). Prints a table per source and the supersession links
found, and writes `benchmarks/results/proposals.json`.

    .venv/bin/python benchmarks/proposals_eval.py [--content content] [--source ID] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    from briefing_tui.content import load_content
    from briefing_tui.proposals.evaluate import evaluate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--source", action="append", default=[])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "proposals.json")
    parser.add_argument("--verbose", action="store_true", help="list every proposal and what it matched")
    args = parser.parse_args(argv)
    sources = args.source or sorted(load_content(args.content, parts=("sources",)).sources)
    rows = []
    print(f"{'source':<55} {'prop.':>5} {'real':>5} {'found':>5} {'prec.':>6} {'recall':>6} {'toez.':>7} {'voice':>7}  links (rank)")
    for sid in sources:
        ev = evaluate(args.content, sid)
        rows.append(ev.to_json())
        links = ", ".join(f"{lk.new}→{lk.old}: {lk.rank if lk.rank else '-'}" for lk in ev.links) or "none"
        print(f"{sid:<55} {ev.proposals:>5} {ev.statements:>5} {len(ev.matched_statements):>5} "
              f"{ev.precision:>6.0%} {ev.recall:>6.0%} {len(ev.matched_commitments):>3}/{ev.commitments:<3} "
              f"{ev.attribution[0]:>3}/{ev.attribution[1]:<3}  {links}")
        if args.verbose:
            for c in ev.candidates:
                mark = " " if c.n not in ev.noise else "x"
                rel = ", ".join(f"{r.kind} {r.id} {r.score}" for r in c.relations)
                print(f"   {mark} {c.n:>3} {c.kind:<10} {c.attribution:<10} {c.score:>4} {c.topic:<40} {c.quote[:90]}")
                if rel:
                    print(f"          → {rel}")
    total_p = sum(r["proposals"] for r in rows)
    total_noise = sum(len(r["noise"]) for r in rows)
    total_real = sum(r["statements"] for r in rows)
    total_found = sum(len(r["matched_statements"]) for r in rows)
    agree = sum(r["attribution_agrees"] for r in rows)
    checked = sum(r["attribution_checked"] for r in rows)
    print(f"{'all':<55} {total_p:>5} {total_real:>5} {total_found:>5} "
          f"{(total_p - total_noise) / total_p if total_p else 0:>6.0%} {total_found / total_real if total_real else 0:>6.0%} "
          f"{'':>7} {agree:>3}/{checked:<3}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
