"""The JSON Schemas in `schemas/` as the one description of every content and briefing file,
checked at run time.

    problems = validate(data, "domain", "content/domains/laws.yaml")

`data` is what `yamlio` read (a tree of `LineDict`/`LineList`), so every error points at the
line of the field concerned. Validation runs in compiled code (jsonschema-rs), fast enough for
the largest content files (figures in benchmarks/RESULTS.md); only an invalid file is walked
error by error.
Each error becomes a `Problem` with a `schema.*` code (worded in `wording/schema.py`), or a
`content.bad_id` for an id of the wrong form.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from briefing_tui.model import Problem
from briefing_tui.yamlio import LineDict, LineList

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
NAMES = ("source", "domain", "forum", "commitments", "motions", "qa", "synonyms", "briefing")

__all__ = ["NAMES", "SCHEMA_DIR", "schema", "validate"]

# What a record in a list is called in a message, by the key of the list it stands in.
_ITEM_NOUNS = {
    "statements": "standpunt", "commitments": "toezegging", "motions": "motie", "qa": "vraag",
    "sections": "sectie", "items": "item", "members": "lid", "agenda": "agendapunt",
}
_TOP_NOUNS = {"source": "bron", "domain": "domein", "forum": "forum", "briefing": "briefing"}
_TYPE_NOUNS = {
    "string": "tekst", "integer": "een geheel getal", "number": "een getal", "array": "een lijst",
    "object": "een mapping van velden", "boolean": "true of false", "null": "leeg",
}


def schema(name: str) -> dict:
    """The parsed JSON Schema of one kind of file."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str):
    return jsonschema_rs.validator_for(schema(name))


def kind_of(value: Any) -> str:
    """How a value is called after "geen" in a message ("lijst", "geheel getal")."""
    if value is None:
        return "lege waarde"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "geheel getal"
    if isinstance(value, float):
        return "decimaal getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _line(data: Any, path: list) -> int:
    """The line of the value at `path` (the line of its key or list item), else of the nearest
    enclosing mapping or list."""
    line = getattr(data, "line", 1) or 1
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_line(step) or line
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_line(step) or line
            node = node[step]
        else:
            break
    return line


def _where(data: Any, name: str, path: list) -> str:
    """The value at `path` as a reader names it: "standpunt 'laws-x': quote"."""
    top = _TOP_NOUNS.get(name)
    parts: list[str] = []
    if top is not None:
        rid = data.get("id") if isinstance(data, dict) else None
        parts.append(f"{top} '{rid}'" if isinstance(rid, str) and rid else top)
    node = data
    for i, step in enumerate(path):
        child = None
        if isinstance(node, dict):
            child = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            child = node[step]
        if isinstance(step, int):
            parent_key = path[i - 1] if i else ""
            noun = _ITEM_NOUNS.get(str(parent_key))
            rid = child.get("id") if isinstance(child, dict) else None
            if noun and isinstance(rid, str) and rid:
                parts = [f"{noun} '{rid}'"]  # a record with an id is named by it alone
            else:
                if parts and parts[-1] == str(parent_key):
                    parts[-1] = f"{parent_key}[{step}]"
                else:
                    parts.append(f"[{step}]")
        else:
            parts.append(str(step))
        node = child
    return ": ".join(parts) if parts else "het bestand"


def _problem(data: Any, name: str, display: str, error) -> Problem:
    kind = error.kind
    kind_name = type(kind).__name__
    path = list(error.instance_path)
    line = _line(data, path)
    where = _where(data, name, path)
    if kind_name == "AdditionalProperties":
        unexpected = list(getattr(kind, "unexpected", ()) or ())
        node = _value_at(data, path)
        field = unexpected[0] if unexpected else "?"
        if isinstance(node, LineDict) and field in node:
            line = node.key_line(field)
        known = list(_properties(name, path))
        return Problem(display, line, "schema.unknown_field", {"where": where, "field": field, "known": known})
    if kind_name == "Required":
        return Problem(display, line, "schema.required", {"where": where, "field": getattr(kind, "property", "?")})
    value = _value_at(data, path)
    if kind_name == "Type":
        expected = [t for t in (getattr(kind, "types", None) or []) if t != "null"]
        words = " of ".join(_TYPE_NOUNS.get(t, t) for t in expected) or "iets anders"
        hint = " (zet het tussen aanhalingstekens)" if "string" in expected and isinstance(value, (int, float, bool)) else ""
        if not path:
            return Problem(display, line, "schema.not_a_mapping", {"where": where, "got": kind_of(value)})
        return Problem(display, line, "schema.type", {"where": where, "expected": words, "got": kind_of(value), "advice": hint})
    if kind_name == "MinLength" and value == "":
        field = path[-1] if path else "?"
        return Problem(display, line, "schema.empty", {"where": _where(data, name, path[:-1]), "field": field})
    if kind_name == "Pattern":
        if path and path[-1] == "id":
            noun = where.split(" '", 1)[0]
            return Problem(display, line, "content.bad_id", {"kind": noun, "id": value})
        return Problem(display, line, "schema.pattern", {"where": where, "value": value, "pattern": getattr(kind, "pattern", "?")})
    if kind_name == "Enum":
        options = [o for o in (getattr(kind, "options", []) or []) if o is not None]  # null: the field may be left empty
        return Problem(display, line, "schema.enum", {"where": where, "value": value, "options": options})
    if kind_name == "Minimum":
        return Problem(display, line, "schema.minimum", {"where": where, "minimum": getattr(kind, "limit", "?")})
    if kind_name == "MinItems":
        return Problem(display, line, "schema.min_items", {"where": where, "minimum": getattr(kind, "limit", "?")})
    return Problem(display, line, "schema.other", {"where": where, "detail": error.message})


def _value_at(data: Any, path: list) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _properties(name: str, path: list) -> list[str]:
    """The fields the schema knows at `path` (for "known fields: …")."""
    root = schema(name)
    node = root
    for step in path:
        node = _resolve(root, node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    node = _resolve(root, node)
    return list(node.get("properties", {}))


def _resolve(root: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {})
        node = target
    return node if isinstance(node, dict) else {}


def validate(data: Any, name: str, display: str) -> list[Problem]:
    """Problems of `data` (a file read by yamlio) against schema `name`; [] when it is valid.
    Errors are given in file order."""
    validator = _validator(name)
    if validator.is_valid(data):
        return []
    unique: dict[tuple, Problem] = {}  # one problem per line, code and data, the first kept
    for error in validator.iter_errors(data):
        problem = _problem(data, name, display, error)
        unique.setdefault((problem.line, problem.code, repr(sorted(problem.data.items()))), problem)
    return sorted(unique.values(), key=lambda p: p.line)
