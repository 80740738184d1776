"""A large area file parsed again only where it changed gives what parsing it whole gives.

`ItemCache.parse` is compared with `yamlio.parse_yaml` (the reference path) on every shipped
domain and forum file and on files laid out otherwise, through chains of random edits: typing
in a value, lines added and removed, items added, removed and copied, and the characters that
change how YAML reads what follows (quotes, brackets, block scalars, anchors, tabs, comments,
document markers). Everything a loaded value carries is compared: types, values, order, the
line of every map, list, key and item, and the problems.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from briefing_tui import yamlitems
from briefing_tui.yamlio import parse_yaml
from briefing_tui.yamlitems import ItemCache, layout
from test_yamlio_tree import _shape as shape  # everything a loaded value carries

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "content" / "domains").glob("*.yaml")) + sorted((ROOT / "content" / "forums").glob("*.yaml"))

# Items at column 0 and keys after the list (their lines move with the list's).
INDENTLESS = """id: x
name: "X"
statements:
- id: a
  position: "Een."
  domains: [ai, laws]
  updates:
    2024: "bijgewerkt"
# a comment between items
- id: b
  position: >-
    Twee regels
    tekst.
-
  id: c
  quote: 'met '' en "'
aliases:
  - "X"
description: |
  Na de lijst.
"""

SNIPPETS = ['"', "'", "\n", "  - ", "- ", "\n  - id: nieuw\n", "\n- id: nieuw\n", ": ", "#", " # opmerking", "[", "]",
            "{", "}", "|\n", ">-\n", "&a ", "*a", "!!str ", "!!python/object:os.system ", "%YAML 1.1\n", "\t",
            "---\n", "...\n", "statements:\n", "x", " ", "\n\n", "\\", "    note: \"erbij\"\n", "é", "\u2028",
            "\r\n", "key: value\n", "    position: \"tweede\"\n"]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> ItemCache:
    monkeypatch.setattr(yamlitems, "ITEMS_FROM", 0)  # the shipped files are small
    return ItemCache(tmp_path / "items", "stamp")


@pytest.fixture
def kept(monkeypatch) -> list[bool]:
    """For each parse: whether it was made from the kept parse."""
    taken: list[bool] = []
    real = yamlitems._reparse

    def counting(*args):
        found = real(*args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(yamlitems, "_reparse", counting)
    return taken


def same_as_whole(cache: ItemCache, rel: str, text: str) -> None:
    got, problems = cache.parse(rel, text, "content/x.yaml")
    want, want_problems = parse_yaml(text, "content/x.yaml")
    assert (shape(got), problems) == (shape(want), want_problems), text


def _items(text: str) -> list[tuple[int, int]]:
    lay = layout(text)
    return list(zip(lay.starts, [*lay.starts[1:], lay.end])) if lay else []


def edit(rng: random.Random, text: str) -> str:
    """One random edit, most of them within the list of statements."""
    items = _items(text)
    kind = rng.randrange(7)
    if items and kind == 0:  # an item copied elsewhere
        a, b = rng.choice(items)
        at = rng.choice(items)[0]
        return text[:at] + text[a:b] + text[at:]
    if items and kind == 1:  # an item removed
        a, b = rng.choice(items)
        return text[:a] + text[b:]
    if kind == 2:  # a few characters removed
        at = rng.randrange(len(text))
        return text[:at] + text[at + rng.randint(1, 12):]
    if items and kind in (3, 4):  # typing inside an item's value
        a, b = rng.choice(items)
        at = rng.randrange(a, b)
        return text[:at] + rng.choice(["Nederland ", "wapen", "\n    ", "a"]) + text[at:]
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(SNIPPETS) + text[at:]


@pytest.mark.parametrize("path", SHIPPED + ["indentless"], ids=lambda p: getattr(p, "name", p))
def test_random_edits_give_what_a_whole_parse_gives(path, cache, kept):
    text = INDENTLESS if path == "indentless" else path.read_text(encoding="utf-8")
    rng = random.Random(getattr(path, "name", path))  # (not the whole path: the same edits in every clone)
    for _chain in range(6):
        current = text
        same_as_whole(cache, "domains/x.yaml", current)
        for _ in range(8):
            current = edit(rng, current)
            same_as_whole(cache, "domains/x.yaml", current)
    if layout(text) is not None:
        assert sum(kept) >= 5, "the kept parse was hardly used: the test compares nothing"


def test_an_edit_parses_only_the_changed_item(cache, monkeypatch):
    text = (ROOT / "content" / "domains" / "laws.yaml").read_text(encoding="utf-8")
    same_as_whole(cache, "domains/laws.yaml", text)
    parsed: list[int] = []
    real = yamlitems.parse_yaml
    monkeypatch.setattr(yamlitems, "parse_yaml", lambda t, d: (parsed.append(len(t)), real(t, d))[1])
    changed = text.replace("Het kabinet onderstreept, met de AIV/CAVV,", "Het kabinet onderstreept\n      nadrukkelijk,", 1)
    assert changed != text
    data, problems = cache.parse("domains/laws.yaml", changed, "content/domains/laws.yaml")
    assert problems == [] and len(parsed) == 1 and parsed[0] < len(text) / 20
    want, _ = real(changed, "x")
    assert shape(data) == shape(want)
    # The statements after it moved down a line, and the kept parse says so.
    assert data["statements"][-1].line == want["statements"][-1].line == layout(changed).lines[-1]


@pytest.mark.parametrize("text", [
    # A quoted value with a line that looks like an item: the split sees two items, the parser one.
    "statements:\n  - id: a\n    quote: \"begin\n  - id: nep\n    einde\"\n  - id: b\n",
    # A quoted value with a line that looks like the end of the list.
    "statements:\n  - id: a\n    quote: \"begin\nnaam: nep\n    einde\"\n",
    "statements:\n  - id: a\n    quote: \"begin\n...\n    einde\"\nnaam: x\n",
])
def test_a_split_the_parser_disagrees_with_is_never_kept(text, cache, kept):
    same_as_whole(cache, "domains/x.yaml", text)
    # Closing the quote early makes the lines after it what they looked like: an item, or the
    # keys after the list.
    for variant in (text.replace('"begin', '"begin"', 1), text.replace('"begin', '"begin"\n    note: "', 1),
                    text.replace("einde", "slot")):
        same_as_whole(cache, "domains/x.yaml", text)
        same_as_whole(cache, "domains/x.yaml", variant)
    assert not any(kept)


def test_a_problem_in_the_changed_item_is_reported_as_a_whole_parse_reports_it(cache, kept):
    text = INDENTLESS
    same_as_whole(cache, "domains/x.yaml", text)
    for broken in (text.replace('  position: "Een."\n', '  position: "Een."\n  position: "Twee."\n'),  # a key twice
                   text.replace("id: c", "id: c\n  q: [open"),
                   text.replace("id: b", "id: b\n  q: !!python/object/apply:os.system ['true']")):
        got, problems = cache.parse("domains/x.yaml", broken, "content/x.yaml")
        assert problems and (shape(got), problems) == tuple(map(shape, [parse_yaml(broken, "content/x.yaml")[0]])) + (
            parse_yaml(broken, "content/x.yaml")[1],)
        same_as_whole(cache, "domains/x.yaml", text)  # and back: a kept parse again
    assert kept[-1]


def test_a_damaged_or_stale_cache_file_is_parsed_whole(cache, tmp_path):
    text = INDENTLESS
    same_as_whole(cache, "domains/x.yaml", text)
    (entry,) = (tmp_path / "items").iterdir()
    good = entry.read_bytes()
    for damaged in (good[: len(good) // 2], good.replace(b'"d"', b'"q"'), good.replace(b"[", b"{"), b"\x00\xff",
                    good.replace(b'"key_at":2', b'"key_at":"x"')):
        entry.write_bytes(damaged)
        same_as_whole(cache, "domains/x.yaml", text.replace("Een.", "Een!"))
    other = ItemCache(cache.folder, "another stamp")  # another version of the loader
    assert other._read("domains/x.yaml") is None
    assert cache._read("domains/y.yaml") is None  # another file


def test_small_files_and_other_layouts_are_parsed_whole(tmp_path, kept):
    cache = ItemCache(tmp_path / "items", "stamp")  # ITEMS_FROM as shipped
    text = (ROOT / "content" / "domains" / "laws.yaml").read_text(encoding="utf-8")
    same_as_whole(cache, "domains/laws.yaml", text)
    assert not (tmp_path / "items").exists() and kept == []
    for other in ("statements: []\n", "id: x\n", "statements:\n  - a\nstatements:\n  - b\n", "- a\n- b\n"):
        assert layout(other) is None
