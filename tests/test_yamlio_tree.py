"""Plain documents are built directly (a fast path); the result is the general constructor's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui import yamlio
from briefing_tui.yamlio import LineDict, LineList, parse_yaml

ROOT = Path(__file__).resolve().parents[1]

DOCUMENTS = [
    "id: x\nstatements:\n  - id: a\n    quote: \"q\"\n    domains: [ai, laws]\n  - id: b\n",
    "a: 1\na: 2\nb: [1, 2]\nb: x\n",
    "a: 2021-03-22\nb: yes\nc: true\nd: ~\ne: 1.5\nf: 0x1F\ng: .inf\nh: ''\ni: null\nj: -3\n",
    "1: a\n1.0: b\ntrue: c\nnull: d\n'': e\n",
    "- !!str 12\n- !!int '12'\n- !!float '1'\n- !!bool 'false'\n- !!null ''\n",
    "x: &a [1, 2]\ny: *a\n",  # an alias: the general path
    "<<: {a: 1}\nb: 2\n",  # a merge key: the general path
    "= : 3\n",  # a value key
    "a: !!binary aGVsbG8=\nb: !!timestamp 2021-01-01\nc: !!set {x, y}\nd: !!omap [{x: 1}]\n",
    "a: !!python/object/apply:os.system ['true']\n",
    "? [1, 2]\n: x\n",
    "a: \"*\"  # a star, no alias\nb: c\n",
    "[" * 70 + "]" * 70,  # deeper than the direct path goes
    "{a: " * 40 + "1" + "}" * 40,
    "!!map {a: 1}\n",
    "plain\n",
    "",
]


def _shape(value):
    """Everything a loaded value carries: types, lines, key and item lines, order."""
    if isinstance(value, dict):
        return ("map", type(value).__name__, getattr(value, "line", None), dict(getattr(value, "key_lines", {})),
                [(type(k).__name__, k, _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", type(value).__name__, getattr(value, "line", None), list(getattr(value, "item_lines", [])),
                [_shape(v) for v in value])
    return (type(value).__name__, repr(value))


def _general(text: str):
    """The same document through the general constructor only."""
    loader = yamlio._Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, list(loader.duplicates)
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", DOCUMENTS)
def test_direct_construction_equals_the_general_constructor(text):
    try:
        expected, duplicates = _general(text)
    except Exception as exc:  # the general path refuses it: parse_yaml must report a problem
        data, problems = parse_yaml(text, "f.yaml")
        assert data is None and problems, exc
        return
    data, problems = parse_yaml(text, "f.yaml")
    assert _shape(data) == _shape(expected)
    assert [(p.line, p.code, p.data["key"]) for p in problems] == [
        (line, "yaml.duplicate_key", key) for line, key in duplicates
    ]


def test_shipped_content_loads_the_same_both_ways():
    files = sorted((ROOT / "content").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected, _ = _general(text)
        data, _ = parse_yaml(text, str(path))
        assert _shape(data) == _shape(expected), path
        assert isinstance(data, LineDict)


def test_a_list_keeps_item_lines():
    data, _ = parse_yaml("items:\n  - a\n  -\n    b: 1\n", "f.yaml")
    assert isinstance(data["items"], LineList) and data["items"].item_lines == [2, 4]
