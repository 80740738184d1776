"""Saving a briefing into the text it was loaded from: comments, order and style are kept.

The officer's file is edited, not rewritten: the text the briefing was loaded from is read with
ruamel.yaml's round-trip mode, only what changed in the model is changed in that document
(a field set or cleared, items added, removed or moved; an item keeps its comments wherever
it goes, recognised by the line it was loaded from), and the document is written back with the
file's own indentation. Unchanged values keep their quoting and comments.

The result must read back as exactly the briefing in memory; if it does not (or the old text
cannot be read round-trip), `render` returns None and the caller writes the plain layout.
"""

from __future__ import annotations

import io
from typing import Any

from briefing_tui.briefing import DEFAULT_KIND, SECTION_KEYS, Briefing, Item, Section

__all__ = ["relink_lines", "render"]

_SCALAR_KEYS = ("title", "kind", "committee", "date")
_TOP_ORDER = ("title", "kind", "committee", "date", "members", "agenda", "sections")
_WIDTH = 4096  # never wrap: a wrapped plain value would be re-wrapped differently on every save


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = _WIDTH
    y.allow_duplicate_keys = False
    return y


def _text_value(value: str) -> Any:
    """A string as the plain layout writes it: multi-line text as a literal block."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if "\n" in value and not any(ch in value for ch in "\r\t") and value == value.rstrip(" "):
        return LiteralScalarString(value)
    return value


def _same(old: Any, new: str | None, *, one_line: bool = False) -> bool:
    if new is None:
        return old is None
    if old is None or isinstance(old, (dict, list)):
        return False
    text = "true" if old is True else "false" if old is False else str(old)
    return (" ".join(text.split()) if one_line else text) == new


def _set(mapping: Any, key: str, value: str | None, order: tuple[str, ...], *, one_line: bool = False) -> None:
    """Set, keep or remove one field, keeping its place (a new field goes where `order` says)."""
    if key in mapping and _same(mapping[key], value, one_line=one_line):
        return
    if value is None:
        if key in mapping:
            _drop(mapping, key)
        return
    if key in mapping:
        mapping[key] = _text_value(value)
        return
    pos = _position(mapping, key, order)
    last = list(mapping)[-1] if mapping and pos == len(mapping) else None
    mapping.insert(pos, key, _text_value(value))
    if last is not None:
        _carry_comment(mapping, last, key)


def _drop(mapping: Any, key: str) -> None:
    """Remove a field; comment lines below it, when it was the last one, stay below the mapping."""
    import copy

    keys = list(mapping)
    slots = getattr(mapping, "ca", None) and mapping.ca.items.get(key)
    token = slots[2] if slots and len(slots) > 2 else None
    if len(keys) > 1 and keys[-1] == key and token is not None and "\n" in token.value.rstrip("\n"):
        rest = token.value.split("\n", 1)[1]
        prev = mapping.ca.items.setdefault(keys[-2], [None, None, None, None])
        if prev[2] is None:
            moved = copy.copy(token)
            moved.value = "\n" + rest
            prev[2] = moved
        else:
            prev[2].value = prev[2].value.rstrip("\n") + "\n" + rest
    del mapping[key]


def _carry_comment(mapping: Any, last: str, new: str) -> None:
    """Comment lines below the old last field belong below the mapping: they go below `new`.
    (An end-of-line comment stays where it is.)"""
    import copy

    slots = getattr(mapping, "ca", None) and mapping.ca.items.get(last)
    if not slots or len(slots) <= 2:
        return
    token = slots[2]
    if token is None or "\n" not in token.value.rstrip("\n"):
        return
    eol, rest = token.value.split("\n", 1)
    moved = copy.copy(token)
    moved.value = "\n" + rest
    mapping.ca.items[new] = [None, None, moved, None]
    if eol.strip():
        token.value = eol + "\n"
    else:
        slots[2] = None


def _block_seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def _new_map(data: dict) -> Any:
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for k, v in data.items():
        m[k] = _text_value(v) if isinstance(v, str) else v
    return m


def _update_item(m: Any, item: Item) -> None:
    order = (item.kind, "position", "comment")
    for k in list(m):
        if k not in order:
            del m[k]
    _set(m, item.kind, item.ref, order, one_line=item.kind != "note")
    _set(m, "position", item.position, order, one_line=True)
    _set(m, "comment", item.comment, order)


def _replace_list(mapping: Any, key: str, new: list, order: tuple[str, ...]) -> None:
    """Make mapping[key] hold exactly `new` (objects), editing the file's list in place."""
    old = mapping.get(key)
    if isinstance(old, list):
        if len(old) == len(new) and all(a is b for a, b in zip(old, new)):
            return
        fmt = getattr(old, "fa", None)  # ruamel's CommentedSeq keeps its flow/block style there
        flow = fmt.flow_style() if fmt is not None else False
        del old[:]
        old.extend(new)
        if new and flow and fmt is not None:
            fmt.set_block_style()
        return
    if not new and old is None and key not in mapping:
        return
    if key in mapping:
        mapping[key] = _block_seq(new)
    else:
        mapping.insert(_position(mapping, key, order), key, _block_seq(new))


def _position(mapping: Any, key: str, order: tuple[str, ...]) -> int:
    before = order[: order.index(key)]
    pos = 0
    for i, k in enumerate(mapping):
        if k in before:
            pos = i + 1
    return pos


def _people(doc: Any, key: str, new: list[dict]) -> None:
    """members / agenda: the file's entries are kept where they equal the model's."""
    old = doc.get(key)
    pool = list(old) if isinstance(old, list) else []
    out = []
    for data in new:
        match = next((m for m in pool if isinstance(m, dict) and _plain(m) == data), None)
        if match is not None:
            pool.remove(match)
            out.append(match)
        else:
            out.append(_new_map(data))
    if not new and key not in doc:
        return
    _replace_list(doc, key, out, _TOP_ORDER)


def _plain(m: dict) -> dict:
    return {k: (" ".join(str(v).split()) if v is not None else None) for k, v in m.items()}


def _line_of(m: Any) -> int:
    lc = getattr(m, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else 0


def _sections(doc: Any, b: Briefing) -> None:
    sections = doc.get("sections")
    file_entries = [e for e in sections if isinstance(e, dict)] if isinstance(sections, list) else []
    # Every item map of the file, by the line it starts on: an item keeps its comments wherever it moves.
    pool: dict[int, Any] = {}
    for entry in file_entries:
        items = entry.get("items")
        if isinstance(items, list):
            for m in items:
                if isinstance(m, dict) and _line_of(m):
                    pool[_line_of(m)] = m
    first: dict[str, Any] = {}
    kept: list[Any] = []
    for entry in file_entries:
        key = entry.get("key")
        if key in SECTION_KEYS and key not in first:
            first[key] = entry
            kept.append(entry)
    for sec in b.sections:
        if sec.key in first or not sec.items:
            continue
        # A section the file did not have: where the pack order puts it among the file's sections.
        later = [i for i, e in enumerate(kept) if SECTION_KEYS.index(e.get("key")) > SECTION_KEYS.index(sec.key)]
        entry = _new_map({"key": sec.key})
        first[sec.key] = entry
        kept.insert(later[0] if later else len(kept), entry)
    for sec in b.sections:
        section_map = first.get(sec.key)
        if section_map is not None:
            _section_items(section_map, sec, pool)
    if isinstance(sections, list):
        if not (len(sections) == len(kept) and all(a is b for a, b in zip(sections, kept))):
            _replace_list(doc, "sections", kept, _TOP_ORDER)
    elif kept:
        _replace_list(doc, "sections", kept, _TOP_ORDER)


def _section_items(entry: Any, sec: Section, pool: dict[int, Any]) -> None:
    out = []
    for item in sec.items:
        m = pool.pop(item.line, None) if item.line else None
        if m is None:
            out.append(_new_map(item.to_data()))
        else:
            _update_item(m, item)
            out.append(m)
    if not out and "items" not in entry:
        return
    _replace_list(entry, "items", out, ("key", "items"))


def render(b: Briefing, old_text: str) -> str | None:
    """`old_text` with the briefing's changes applied, or None when that cannot be done safely."""
    from briefing_tui.briefing_read import read_briefing_text
    from ruamel.yaml.util import load_yaml_guess_indent

    y = _yaml()
    try:
        doc, indent, offset = load_yaml_guess_indent(old_text, yaml=y)
    except Exception:  # noqa: BLE001 - any reason ruamel cannot read it: write the plain layout
        return None
    if not isinstance(doc, dict):
        return None
    indent = indent or 2
    offset = offset or 0
    y.indent(mapping=max(2, indent - offset), sequence=max(indent, offset + 2), offset=offset)
    data = b.to_data()
    for key in _SCALAR_KEYS:
        value = data.get(key)
        if key == "kind" and key not in doc and value in ("", DEFAULT_KIND):
            continue  # the default, as the file leaves it out
        _set(doc, key, value, _TOP_ORDER, one_line=True)
    _people(doc, "members", data["members"])
    _people(doc, "agenda", data["agenda"])
    _sections(doc, b)
    out = io.StringIO()
    try:
        y.dump(doc, out)
    except Exception:  # noqa: BLE001
        return None
    text = out.getvalue()
    check = Briefing(name=b.name, sections=[Section(k) for k in SECTION_KEYS])
    try:
        again, problems = read_briefing_text(text, "check", check)
    except ValueError:
        return None
    if again.incomplete or any(p.severity == "error" for p in problems) or not _equal(again, b):
        return None
    return text


def _equal(a: Briefing, b: Briefing) -> bool:
    return a.to_data() == b.to_data()


def relink_lines(b: Briefing, text: str) -> None:
    """After a save: each item's (and agenda entry's) line in the text just written."""
    from briefing_tui.briefing_read import read_briefing_text

    fresh = Briefing(name=b.name, sections=[Section(k) for k in SECTION_KEYS])
    try:
        fresh, _ = read_briefing_text(text, "", fresh)
    except ValueError:
        return
    for mine, theirs in zip(b.sections, fresh.sections):
        if len(mine.items) == len(theirs.items):
            for a, t in zip(mine.items, theirs.items):
                a.line = t.line
    if len(b.agenda) == len(fresh.agenda):
        for entry, fresh_entry in zip(b.agenda, fresh.agenda):
            entry.line = fresh_entry.line
