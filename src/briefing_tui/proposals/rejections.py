"""Rejected proposals: `content/rejections.yaml`, kept in git so a team shares them.

    rejections:
      - source: 2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen
        quote: "Het kabinet merkte in de introductie van deze brief al op dat ..."
        rejected_on: "2026-12-06"
        note: "geen standpunt: verwijst naar de introductie"    # optional

A sentence that was rejected for a source is not proposed again for it (compared as
`quote_key`: folded words, so layout and case do not matter). Rejecting appends an item to the
file as text (its comments and layout are kept) and replaces the file atomically; the file is
created with a header comment when it does not exist. Schema:
`src/briefing_tui/schemas/rejections.schema.json`.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.model import Problem
from briefing_tui.proposals.propose import quote_key

__all__ = ["FILE_NAME", "Rejection", "load_rejections", "rejected_keys", "add_rejection", "RejectionRefused"]

FILE_NAME = "rejections.yaml"
HEADER = ("# Sentences that `briefing propose` proposed and a reviewer rejected (docs/proposals.md):\n"
          "# they are not proposed again for their source.\n"
          "rejections:\n")


class RejectionRefused(Exception):
    """The rejection could not be written; nothing was changed. A code with data; `str()` is Dutch."""

    def __init__(self, code: str, **data) -> None:
        from briefing_tui.wording import say

        super().__init__(say(code, **data))
        self.code, self.data = code, data


@dataclass(frozen=True)
class Rejection:
    source: str
    quote: str
    rejected_on: str | None = None
    note: str | None = None
    line: int = 0


def load_rejections(content: Path) -> tuple[list[Rejection], list[Problem]]:
    """The rejections of a content folder (none when the file does not exist), with the
    problems of a malformed file (checked against `schemas/rejections.schema.json`; a bad item
    is left out, the others count)."""
    path = Path(content) / FILE_NAME
    if not path.is_file():
        return [], []
    from briefing_tui.schema import validate  # only with a file: `briefing propose` starts without YAML
    from briefing_tui.yamlio import LineList, load_yaml

    display = f"{Path(content).name}/{FILE_NAME}"
    data, problems = load_yaml(path, display)
    if data is None:
        return [], problems
    problems = problems + validate(data, "rejections", display)
    items = data.get("rejections") if isinstance(data, dict) else None
    out: list[Rejection] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("source"), str) and isinstance(item.get("quote"), str) \
                and item["source"] and item["quote"]:
            line = items.item_line(i) if isinstance(items, LineList) else 0
            out.append(Rejection(item["source"], item["quote"], _opt(item.get("rejected_on")), _opt(item.get("note")), line))
    return out, problems


def _opt(value) -> str | None:
    return value if isinstance(value, str) and value else None


def rejected_keys(content: Path, source_id: str) -> frozenset[str]:
    items, _ = load_rejections(content)
    return frozenset(quote_key(r.quote) for r in items if r.source == source_id)


def _item(source: str, quote: str, on: str, note: str | None) -> str:
    lines = [f"  - source: {json.dumps(source, ensure_ascii=False)}",
             f"    quote: {json.dumps(quote, ensure_ascii=False)}",
             f"    rejected_on: {json.dumps(on)}"]
    if note:
        lines.append(f"    note: {json.dumps(note, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def add_rejection(content: Path, source: str, quote: str, *, note: str | None = None,
                  today: _dt.date | None = None) -> Path:
    """Append a rejection to `content/rejections.yaml` (created when missing); atomic."""
    path = Path(content) / FILE_NAME
    from briefing_tui.yamlio import parse_yaml

    old = path.read_text(encoding="utf-8") if path.is_file() else None
    on = (today or _dt.date.today()).isoformat()
    if old is None or not old.strip():
        new = HEADER + _item(source, quote, on, note)
        before: list = []
    else:
        data, problems = parse_yaml(old, FILE_NAME)
        if problems or not isinstance(data, dict) or "rejections" not in data:
            raise RejectionRefused("proposal.rejection.invalid_file", path=FILE_NAME)
        before = list(data.get("rejections") or [])
        base = old if old.endswith("\n") else old + "\n"
        if data.get("rejections") is None or not before:
            import re

            base = re.sub(r"(?m)^rejections:.*$", "rejections:", base, count=1)
        new = base + _item(source, quote, on, note)
    data, problems = parse_yaml(new, FILE_NAME)
    if problems or not isinstance(data, dict) or list(data.get("rejections") or []) != before + [
            {"source": source, "quote": quote, "rejected_on": on, **({"note": note} if note else {})}]:
        raise RejectionRefused("proposal.rejection.unsafe", path=FILE_NAME)

    def unchanged() -> None:
        now = path.read_text(encoding="utf-8") if path.is_file() else None
        if now != old:
            raise RejectionRefused("proposal.rejection.changed", path=FILE_NAME)

    atomic_write_bytes(path, new.encode("utf-8"), before_replace=unchanged)
    return path
