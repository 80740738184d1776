"""Check content staging files while the knowledge base is being written.

Usage: python tools/check_staging.py content/_staging/*.yaml
Verifies every quote (statements, and question/answer/request fields) against its source text
and that ids are unique. The full `briefing check` supersedes this once the loader exists.
"""
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from briefing_tui.quotes import QuoteIndex, closest_fragment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / "content" / "sources"
indexes: dict[str, QuoteIndex] = {}
texts: dict[str, str] = {}


def check(source: str, quote: str, where: str) -> int:
    path = ROOT / f"{source}.txt"
    if not path.exists():
        print(f"{where}: unknown source {source!r}")
        return 1
    if source not in indexes:
        texts[source] = path.read_text(encoding="utf-8")
        indexes[source] = QuoteIndex.for_text(texts[source])
    if not indexes[source].contains(quote):
        print(f"{where}: quote not verbatim in {source}; matches up to: {closest_fragment(quote, texts[source])!r}")
        return 1
    return 0


bad = 0
seen: set[str] = set()
for name in sys.argv[1:]:
    data = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or {}
    for key in ("statements", "qa", "commitments", "motions"):
        for i, item in enumerate(data.get(key) or []):
            where = f"{name}:{key}[{i}] {item.get('id')}"
            if item.get("id") in seen:
                print(f"{where}: duplicate id"); bad += 1
            seen.add(item.get("id"))
            for field in ("quote", "question", "answer"):
                if item.get(field):
                    bad += check(item["source"], item[field], f"{where}.{field}")
            if item.get("request"):
                bad += check(item["request_source"], item["request"], f"{where}.request")
            for j, f in enumerate(item.get("follow_up") or []):
                bad += check(f["source"], f["quote"], f"{where}.follow_up[{j}]")
print(f"{len(seen)} items, {bad} problems")
sys.exit(1 if bad else 0)
