"""A list of records in a content file (commitments.yaml, motions.yaml), edited as text.

`YamlList(path, key, header)` reads the file; `append(item)` adds an item at the end,
`set_keys(item, changes)` sets some keys of an existing item in place (their old lines go, the
new ones follow the item's other lines); every other line of the file — comments, blank lines,
the hand-written layout of other items and keys — stays as it was. `result()` returns the new
text after checking that it parses to exactly the expected list (else ImportRefused, nothing
written).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefing_tui.importer.extract import ImportRefused

__all__ = ["YamlList", "dump_yaml"]


def dump_yaml(data, width: int = 100) -> str:
    """YAML as the importer writes it (values quoted like the hand-written files)."""
    from briefing_tui.importer.write import _dump_yaml

    return _dump_yaml(data, width=width)


def _dump(item: dict) -> str:
    return dump_yaml([item], width=10**6)


class YamlList:
    """commitments.yaml / motions.yaml: append items, replace items; comments kept."""

    def __init__(self, path: Path, key: str, header: str):
        self.path, self.key, self.header = path, key, header
        self.raw = path.read_bytes() if path.exists() else None
        self.text = self.raw.decode("utf-8") if self.raw is not None else header
        try:
            data = yaml.safe_load(self.text) if self.text.strip() else None
        except yaml.YAMLError as exc:
            raise ImportRefused.of("import.yaml_invalid", name=str(path), reason=str(exc)) from exc
        items = (data or {}).get(key) if isinstance(data, dict) else None
        if data is not None and not isinstance(data, dict) or items is not None and not isinstance(items, list):
            raise ImportRefused.of("import.yaml_not_a_list", name=str(path), key=key)
        self.items: list[dict] = [i for i in (items or []) if isinstance(i, dict)]
        self.expected = list(self.items)
        m = re.search(r"(?m)^([ \t]*)- ", self.text[self.text.find(f"{key}:"):]) if f"{key}:" in self.text else None
        self.indent = m.group(1) if m else "  "
        if f"{key}:" not in self.text:
            self.text = self.text.rstrip("\n") + f"\n{key}:\n" if self.text.strip() else header

    def find(self, pred) -> dict | None:
        return next((i for i in self.items if pred(i)), None)

    def _block(self, text: str) -> str:
        return "".join(self.indent + ln if ln.strip() else ln for ln in text.splitlines(keepends=True))

    def append(self, item: dict) -> None:
        if not self.text.endswith("\n"):
            self.text += "\n"
        self.text += "\n" + self._block(_dump(item))
        self.expected.append(item)
        self.items.append(item)

    def set_keys(self, old: dict, changes: dict) -> None:
        """Set some keys of an item in place: their old lines go, the new ones are written at the
        end of the item; every other line of the item (comments, layout) stays as it is."""
        rid = re.escape(str(old["id"]))
        start = re.search(rf"(?m)^{re.escape(self.indent)}- id:[ \t]*[\"']?{rid}[\"']?[ \t]*(?:#.*)?\n", self.text)
        if not start:
            raise ImportRefused.of("import.yaml_item_missing", name=str(self.path), id=old["id"])
        nxt = re.compile(rf"(?m)^(?:{re.escape(self.indent)}- |{re.escape(self.indent)}#|\S)")
        m = nxt.search(self.text, start.end())
        end = m.start() if m else len(self.text)
        key_indent = self.indent + "  "
        lines = self.text[start.end() : end].splitlines(keepends=True)
        kept: list[str] = []
        dropping = False
        for line in lines:
            km = re.match(rf"^{re.escape(key_indent)}([A-Za-z_][\w-]*):", line)
            if km:
                dropping = km.group(1) in changes
            elif line.strip() and not line.startswith(key_indent + " ") and not line.startswith(key_indent + "-"):
                dropping = False
            if not dropping:
                kept.append(line)
        body = "".join(kept)
        trailing = body[len(body.rstrip("\n")) :]
        body = body.rstrip("\n") + "\n"
        dumped = dump_yaml({k: v for k, v in changes.items() if v is not None}, width=10**6)
        body += "".join(key_indent + ln if ln.strip() else ln for ln in dumped.splitlines(keepends=True))
        self.text = self.text[: start.end()] + body + (trailing[1:] if trailing.startswith("\n") else trailing) + self.text[end:]
        new = {**old, **changes}
        new = {k: v for k, v in new.items() if v is not None}
        self.expected[self.expected.index(old)] = new
        self.items[self.items.index(old)] = new

    def result(self) -> str:
        check = yaml.safe_load(self.text)
        if not isinstance(check, dict) or (check.get(self.key) or []) != self.expected:
            raise ImportRefused.of("import.yaml_unsafe", name=str(self.path))
        return self.text
