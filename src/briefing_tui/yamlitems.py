"""A large domain or forum file parsed again only where it changed.

libyaml takes 100-200 ms to parse a domain file of 2,500 statements (1.1 MB), and a one-line
edit changes one statement of it. `ItemCache` keeps, for each such file, in a folder of the
cache: how its text was laid out the last time it was parsed (the digest of the part before
the `statements:` list, of each item of the list, and of the part after it) and each item's
parsed data (JSON, its lines counted from the item's first line). When the file is read again
only the items whose text differs from the kept ones are parsed, each on its own by the same
loader; the other items are taken from the cache, their lines moved by the lines added or
removed above them.

That gives exactly what parsing the whole file gives (`yamlio.parse_yaml`), the reference
path, which tests/test_yamlitems.py compares it with on random edits. It is taken only when
nothing can make it differ, and otherwise the file is parsed whole:

- the file has at least `ITEMS_FROM` characters and is read by a loader given the cache (the
  knowledge base's loads; `briefing check` parses every file whole);
- the text is laid out as block YAML: one `statements:` key at column 0 with a block list
  whose items start with "- " at one indent, and no alias ("*"), no directive ("%" at a line's
  start), no tab and no line break but "\\n" anywhere (lines are counted by "\\n"; without
  tabs every item of the list starts a line the split finds);
- the kept layout was checked against a parse of the whole file: as many items as the split
  found (so no line the split took for an item lies within a quoted value), each starting
  within its part, the key and the list where the split put them, a top-level key on the first
  line after the list, and no problem at all;
- the text before and after the list is the kept one, byte for byte;
- each changed item, parsed on its own, is one item without a problem. An item on its own
  closes every quote and bracket it opens (else it fails alone), so the parser meets every
  next item just as it met it before.

The cache files are JSON (never pickles), written atomically; a damaged or stale file (another
format or code stamp, another path) is parsed whole and written again.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.model import Problem
from briefing_tui.yamlio import LineDict, LineList, parse_yaml

__all__ = ["ITEMS_FROM", "ItemCache", "Layout", "layout"]

ITEMS_FROM = 512 * 1024  # a file of this many characters or more is parsed an item at a time
FORMAT = 1
_KEY = "statements"
_KEY_LINE = re.compile(r"statements:[ \t]*(?:#[^\n]*)?\n")
_DIRECTIVE = re.compile(r"^%", re.M)
_FIRST = re.compile(r"\n *(?=[^ \n#])")  # the first line that is not blank or a comment

# An alias; a tab; line breaks libyaml counts that "\n" does not (and a byte order mark).
_UNFIT_CHARS = ("*", "\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")


def _lines_at(indent: int) -> re.Pattern:
    return re.compile(r"\n {0,%d}(?=[^ \n#])" % indent)


class _Unfit(Exception):
    """A value the cache cannot hold (only the loader's maps, lists and plain scalars)."""


# --- where the items are --------------------------------------------------------------------------

class Layout:
    """Where the `statements:` list and its items are in a text."""

    __slots__ = ("key_line", "indent", "starts", "end", "lines", "first_line")

    def __init__(self, key_line: int, indent: int, starts: list[int], end: int, lines: list[int],
                 first_line: int) -> None:
        self.key_line = key_line  # the line of `statements:` (1-based)
        self.indent = indent  # the column of the items' "-"
        self.starts = starts  # the offset of each item's first line
        self.end = end  # the offset of the first line after the list (len(text) when none)
        self.lines = lines  # the line of each item's first line (1-based)
        self.first_line = first_line  # the first line after the list

    def parts(self, text: str) -> list[str]:
        bounds = [*self.starts[1:], self.end]
        return [text[a:b] for a, b in zip(self.starts, bounds)]


def layout(text: str) -> Layout | None:
    """The layout of the list of statements in `text`, or None when it is not laid out as the
    module doc says (the caller then parses the whole file)."""
    if any(ch in text for ch in _UNFIT_CHARS):
        return None
    at = 0 if text.startswith("statements:") else text.find("\nstatements:") + 1
    if not at and not text.startswith("statements:") or text.find("\nstatements:", at) >= 0:
        return None  # none, or more than one (a scan for the key: "^" with re.M costs 5 ms)
    key = _KEY_LINE.match(text, at)
    if key is None:
        return None
    head_end = key.end()
    if _DIRECTIVE.search(text, 0, head_end):
        return None
    first = _FIRST.search(text, head_end - 1)
    if first is None or not text.startswith(("- ", "-\n"), first.end()):
        return None  # an empty or flow list, or no list
    indent = first.end() - first.start() - 1
    # Every line after the key's at the items' indent or less that is not blank or a comment,
    # found from the newline before it (a scan for "\n": 1.4 ms in 1.1 MB; "^" with re.M tries
    # every character): an item, or the first line after the list.
    starts: list[int] = []
    end = len(text)
    for m in _lines_at(indent).finditer(text, head_end - 1):
        at = m.end()
        if at - m.start() - 1 == indent and text.startswith(("- ", "-\n"), at):
            starts.append(m.start() + 1)
        else:
            end = m.start() + 1
            break
    line = text.count("\n", 0, starts[0]) + 1
    lines = [line]
    for a, b in zip(starts, starts[1:]):
        line += text.count("\n", a, b)
        lines.append(line)
    first_line = line + text.count("\n", starts[-1], end)
    return Layout(text.count("\n", 0, key.start()) + 1, indent, starts, end, lines, first_line)


def _digest(part: str) -> str:
    return hashlib.blake2b(part.encode("utf-8"), digest_size=16).hexdigest()


# --- parsed values as JSON, lines counted from a base -----------------------------------------------

def _encode(value: Any, base: int) -> Any:
    """A LineDict as ["d", line, key, key line, value, ...], a LineList as ["l", line, [item
    lines], item, ...], lines less `base`; plain scalars as they are."""
    cls = value.__class__
    if cls is str or cls is int or cls is bool or cls is float or value is None:
        return value
    if cls is LineDict:
        out: list = ["d", value.line - base]
        key_lines = value.key_lines
        for key, item in value.items():
            if not (key is None or key.__class__ in (str, int, bool, float)):
                raise _Unfit
            out += (key, key_lines[key] - base, _encode(item, base))
        return out
    if cls is LineList:
        return ["l", value.line - base, [n - base for n in value.item_lines], *[_encode(v, base) for v in value]]
    raise _Unfit


def _decode(value: Any, base: int) -> Any:
    if value.__class__ is not list:
        return value
    tag = value[0]
    if tag == "d":
        out = LineDict()
        out.line = value[1] + base
        out.key_lines = key_lines = {}
        for i in range(2, len(value), 3):
            key = value[i]
            key_lines[key] = value[i + 1] + base
            out[key] = _decode(value[i + 2], base)
        return out
    if tag != "l":
        raise ValueError(tag)
    items = LineList()
    items.line = value[1] + base
    items.item_lines = [n + base for n in value[2]]
    items.extend([_decode(v, base) for v in value[3:]])
    return items


# --- the kept parse of one file ---------------------------------------------------------------------

class _Entry:
    """What is kept of a file's last parse (see the module doc)."""

    def __init__(self, meta: dict, items: list[str]) -> None:
        self.meta = meta  # key_line, indent, head, foot (digests), digests, top (entries), top_line
        self.items = items  # each item as JSON: [its line, its value], lines from the item's first line

    @classmethod
    def of(cls, text: str, lay: Layout, data: Any) -> "_Entry | None":
        """The entry of a whole-file parse, when it agrees with the layout (else None)."""
        if data.__class__ is not LineDict or data.key_line(_KEY) != lay.key_line:
            return None
        items = data.get(_KEY)
        if items.__class__ is not LineList or len(items) != len(lay.starts) or items.line != lay.lines[0]:
            return None
        bounds = [*lay.lines[1:], lay.first_line]
        for n, (at, below) in enumerate(zip(lay.lines, bounds)):
            if not at <= items.item_lines[n] < below:
                return None
        if lay.end < len(text) and lay.first_line not in data.key_lines.values():
            return None  # the line that ended the split's list is not where the parser left it
        try:
            top = [[key, *_place(data.key_lines[key], lay), _encode(value, _base(data.key_lines[key], lay))]
                   for key, value in data.items() if key != _KEY]
            encoded = [_dumps([items.item_lines[n] - at, _encode(item, at)]) for n, (item, at) in
                       enumerate(zip(items, lay.lines))]
        except (_Unfit, KeyError, TypeError):
            return None
        meta = {"key_line": lay.key_line, "indent": lay.indent, "top_line": data.line,
                "key_at": list(data).index(_KEY), "top": top,
                "head": _digest(text[:lay.starts[0]]), "foot": _digest(text[lay.end:]),
                "digests": [_digest(part) for part in lay.parts(text)]}
        return cls(meta, encoded)

    def data(self, lay: Layout) -> LineDict:
        """The file's data for a text with this entry's head and foot and with `lay`."""
        items = LineList()
        items.line = lay.lines[0]
        decoded = json.loads(f"[{','.join(self.items)}]")  # one call: 2,500 calls cost twice as much
        items.item_lines = [rel + at for (rel, _), at in zip(decoded, lay.lines)]
        items.extend([_decode(value, at) for (_, value), at in zip(decoded, lay.lines)])
        data = LineDict()
        data.line = self.meta["top_line"]
        data.key_lines = {}
        entries = self.meta["top"]
        key_at = self.meta["key_at"]
        for n in range(len(entries) + 1):
            if n == key_at:
                data[_KEY], data.key_lines[_KEY] = items, lay.key_line
            if n < len(entries):
                key, after, line, value = entries[n]
                base = lay.first_line if after else 0
                data[key], data.key_lines[key] = _decode(value, base), line + base
        return data


def _place(line: int, lay: Layout) -> list:
    """[after the list?, the line counted from where its part starts] of a top-level key."""
    return [True, line - lay.first_line] if line >= lay.first_line else [False, line]


def _base(line: int, lay: Layout) -> int:
    return lay.first_line if line >= lay.first_line else 0


def _checksum(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _reparse(entry: _Entry, text: str, lay: Layout, display: str) -> tuple[LineDict, _Entry] | None:
    """The data of `text` from `entry`, its changed items parsed alone; None when that is not
    certain to be what a whole parse gives (see the module doc)."""
    meta = entry.meta
    if (lay.key_line, lay.indent) != (meta["key_line"], meta["indent"]) \
            or _digest(text[:lay.starts[0]]) != meta["head"] or _digest(text[lay.end:]) != meta["foot"]:
        return None
    parts = lay.parts(text)
    digests = [_digest(part) for part in parts]
    old = meta["digests"]
    if len(old) != len(entry.items):
        return None
    same_before = 0
    most = min(len(old), len(digests))
    while same_before < most and old[same_before] == digests[same_before]:
        same_before += 1
    same_after = 0
    while same_after < most - same_before and old[-1 - same_after] == digests[-1 - same_after]:
        same_after += 1
    fresh: list[str] = []
    for n in range(same_before, len(parts) - same_after):
        value, problems = parse_yaml(parts[n], display)
        if problems or value.__class__ is not LineList or len(value) != 1:
            return None
        try:
            fresh.append(_dumps([value.item_lines[0] - 1, _encode(value[0], 1)]))
        except _Unfit:
            return None
    items = [*entry.items[:same_before], *fresh, *entry.items[len(old) - same_after:]]
    new = _Entry({**meta, "digests": digests}, items) if fresh or len(old) != len(digests) else entry
    return new.data(lay), new


class ItemCache:
    """The kept parses of large area files (a folder of the cache), made by the code `stamp`.
    A plain value (a folder and a string): the read-ahead worker processes get a copy."""

    def __init__(self, folder: Path, stamp: str) -> None:
        self.folder = Path(folder)
        self.stamp = stamp

    def _path(self, rel: str) -> Path:
        return self.folder / f"{hashlib.sha256(rel.encode('utf-8')).hexdigest()[:24]}.json"

    def _head(self, rel: str) -> str:
        return hashlib.sha256(repr((FORMAT, self.stamp, rel)).encode("utf-8")).hexdigest()

    def parse(self, rel: str, text: str, display: str) -> tuple[Any, list[Problem]]:
        """`parse_yaml(text, display)` of the content file `rel` ("domains/ai.yaml"), from its
        kept parse where that certainly gives the same (see the module doc)."""
        lay = layout(text) if len(text) >= ITEMS_FROM else None
        if lay is None:
            return parse_yaml(text, display)
        entry = self._read(rel)
        if entry is not None:
            try:
                found = _reparse(entry, text, lay, display)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                found = None  # a damaged cache file: parsed whole and written again
            if found is not None:
                data, new = found
                if new is not entry:
                    self._write(rel, new)
                return data, []
        data, problems = parse_yaml(text, display)
        made = _Entry.of(text, lay, data) if not problems else None
        if made is not None:
            self._write(rel, made)
        # (Else a kept parse stays: it still holds for the items it has, and the file saved
        # again without its mistake is parsed from it.)
        return data, problems

    def keep_only(self, rels) -> None:
        """Remove the kept parses of every file but these (paths in the content folder): after a
        full load, those of area files removed or renamed since."""
        keep = {self._path(rel).name for rel in rels}
        try:
            found = list(self.folder.iterdir())
        except OSError:
            return
        for path in found:
            if path.name not in keep and path.suffix == ".json":
                try:
                    path.unlink()
                except OSError:
                    pass  # gone already, or not ours to remove: only disk

    def _read(self, rel: str) -> _Entry | None:
        """The kept parse of `rel`; None when there is none, or it is stale or damaged (the first
        line holds the key's digest and the rest's checksum: 2 ms for 1.4 MB)."""
        try:
            with open(self._path(rel), "rb") as fh:
                head, _, checksum = fh.readline().rstrip(b"\n").decode("ascii", "replace").partition(" ")
                if head != self._head(rel):
                    return None
                body = fh.read()
            if _checksum(body) != checksum:
                return None
            meta_line, _, rest = body.partition(b"\n")
            meta = json.loads(meta_line)
            items = rest.decode("utf-8").split("\n") if rest else []
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(meta, dict) or not isinstance(meta.get("digests"), list) \
                or not isinstance(meta.get("key_at"), int) or not 0 <= meta["key_at"] <= len(meta.get("top", ())):
            return None
        return _Entry(meta, items)

    def _write(self, rel: str, entry: _Entry) -> None:
        try:
            body = "\n".join([_dumps(entry.meta), *entry.items]).encode("utf-8")  # (a lone surrogate: ValueError)
            body = f"{self._head(rel)} {_checksum(body)}\n".encode("ascii") + body
            self.folder.mkdir(mode=0o700, exist_ok=True)
            atomic_write_bytes(self._path(rel), body, durable=False)
        except (OSError, ValueError):
            pass  # no kept parse: the file is parsed whole next time
