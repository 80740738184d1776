"""File staged statements into their home domain/forum files.

Content authors write statements into content/_staging/*.yaml with a `file:` key naming the
home file (`domains/laws`, `forums/ccw`). This moves them into those files, sorted by topic and
date, replacing each file's `statements:` list, and leaves the header of each file untouched.

Usage: python tools/merge_staging.py [--keep]   (without --keep the staging files are removed)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1] / "content"
ORDER = ("id", "topic", "position", "quote", "source", "locator", "domains", "forums", "supersedes", "date", "note")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


def _list(dumper: yaml.SafeDumper, value: list):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump_statement(st: dict) -> str:
    ordered = {k: st[k] for k in ORDER if st.get(k) not in (None, [], "")}
    extra = sorted(set(st) - set(ORDER) - {"file"})
    if extra:
        raise SystemExit(f"statement {st.get('id')}: unknown keys {extra}")
    lines = []
    for key, value in ordered.items():
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10_000, default_flow_style=None)
        text = text.rstrip("\n").removesuffix("\n...")
        lines.append(f"{key}: {text}")
    body = "\n".join(lines)
    return "  - " + body.replace("\n", "\n    ")


def main() -> int:
    keep = "--keep" in sys.argv
    staged: dict[str, list[dict]] = {}
    staging_files = sorted((ROOT / "_staging").glob("*.yaml"))
    for f in staging_files:
        for st in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("statements") or []:
            home = st.get("file")
            if not home or not re.fullmatch(r"(domains|forums)/[a-z0-9-]+", home):
                raise SystemExit(f"{f}: statement {st.get('id')}: bad or missing file: {home!r}")
            staged.setdefault(home, []).append(st)
    for home, statements in sorted(staged.items()):
        path = ROOT / f"{home}.yaml"
        if not path.exists():
            raise SystemExit(f"{path} does not exist (statements: {[s['id'] for s in statements]})")
        text = path.read_text(encoding="utf-8")
        existing = (yaml.safe_load(text) or {}).get("statements") or []
        ids = {s["id"] for s in existing}
        merged = existing + [s for s in statements if s["id"] not in ids]
        merged.sort(key=lambda s: (s["topic"], str(s.get("date") or ""), s["id"]))
        block = "statements:\n" + "\n".join(dump_statement(s) for s in merged) + "\n"
        head = re.split(r"^statements:.*$", text, maxsplit=1, flags=re.M)[0]
        path.write_text(head.rstrip("\n") + "\n" + block, encoding="utf-8")
        print(f"{home}: {len(merged)} statements")
    if not keep:
        for f in staging_files:
            f.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
