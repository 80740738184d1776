"""Safe YAML with line numbers, and guards for the files we read.

Content files are plain data. They are read with a safe loader (libyaml's `CSafeLoader` where
PyYAML has it, about ten times faster to parse; `SafeLoader` otherwise) subclassed so that it:

- never constructs Python objects: a tag such as `!!python/object/apply:os.system` is an error
  (with its line), never executed;
- records where every mapping and list starts and on which line each key and item stands, so a
  problem with a field points at the field's line (`LineDict.key_line`, `LineList.item_line`);
- keeps dates as strings (`date: 2021-03-22` is the string "2021-03-22", as in YAML 1.2 and the
  editor's YAML language server) and reads only true/false as booleans (not yes/no/on/off);
- reports a key given twice in one mapping;
- refuses documents that expand many aliases (a "billion laughs" file).

Before parsing, a file is checked: not larger than the limit (5 MB for YAML, 20 MB for a text),
not empty, no NUL bytes (binary), valid UTF-8 (the first bad byte's offset is reported).
Only regular files are read (a FIFO or a device such as /dev/zero is refused before it is
opened). Every failure is a `Problem(path, line, code, data)` (codes `yaml.*` and `file.*`,
worded in `briefing_tui.wording.content`); nothing here raises on a bad file.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from briefing_tui.model import Problem

MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_ALIASES = 100

__all__ = [
    "LineDict",
    "LineList",
    "MAX_TEXT_BYTES",
    "MAX_YAML_BYTES",
    "key_line",
    "load_yaml",
    "parse_yaml",
    "read_guarded",
    "read_text",
]


class LineDict(dict):
    """A mapping that knows the line it starts on and the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def key_line(self, key: str, default: int | None = None) -> int:
        return self.key_lines.get(key, self.line if default is None else default)


class LineList(list):
    """A list that knows the line it starts on and the line of each item."""

    line: int = 0
    item_lines: list

    def item_line(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


def key_line(obj: Any, key: str | None = None, default: int = 0) -> int:
    """Line of a key in a LineDict (or of the mapping itself); `default` for plain values."""
    if isinstance(obj, LineDict):
        return obj.key_line(key) if key is not None else obj.line
    if isinstance(obj, LineList):
        return obj.line
    return default


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _count_aliases(root: Any) -> int:
    """How many times a node is reached again (an alias) in a composed document."""
    seen: set[int] = set()
    aliases = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                break
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return aliases


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
# Other scalar tags the direct construction hands to the loader's own constructors (plain
# functions of one node); any other tag takes the general path, which also reports errors.
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float"))
_TREE_DEPTH = 64  # deeper documents take the general path (and its "nested too deeply")


class _NotATree(Exception):
    """The document needs the general constructor: an alias, a merge key, another tag, depth."""


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe loader with line numbers, YAML-1.2-like scalars and an alias budget."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []  # (line, key)
        # An alias can only come from a '*' in the text; without one the nodes form a tree.
        self._maybe_aliases = not isinstance(stream, str) or "*" in stream

    def get_single_data(self):  # type: ignore[override]
        # Compose first (in C with libyaml), count aliases on the node graph, then construct:
        # the budget holds whichever parser composed the document.
        node = self.get_single_node()
        if node is None:
            return None
        # Content files are trees of plain maps, lists and scalars: those are built directly,
        # with the same result as the general constructor below and about three times faster.
        # Anything else (an alias, a merge key, another tag) takes the general path.
        reported = len(self.duplicates)
        try:
            return self._tree(node, 0, set() if self._maybe_aliases else None)
        except _NotATree:
            del self.duplicates[reported:]
        if _count_aliases(node) > MAX_ALIASES:
            raise ComposerError(
                None, None, f"too many aliases (more than {MAX_ALIASES}); content files need none", node.start_mark
            )
        return self.construct_document(node)

    def _tree(self, node, depth: int, seen: set | None):
        """`node` built like `construct_document` would, or _NotATree."""
        if seen is not None:
            if id(node) in seen:
                raise _NotATree  # reached twice: an alias
            seen.add(id(node))
        cls = node.__class__
        tag = node.tag
        if cls is ScalarNode:
            if tag == _STR_TAG:
                return node.value
            if tag in _SCALAR_TAGS:
                return self.yaml_constructors[tag](self, node)
            raise _NotATree
        if depth > _TREE_DEPTH:
            raise _NotATree
        if cls is MappingNode and tag == _MAP_TAG:
            data = LineDict()
            data.line = node.start_mark.line + 1
            data.key_lines = key_lines = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not ScalarNode:
                    raise _NotATree
                key_tag = key_node.tag
                if key_tag == _STR_TAG:
                    key = key_node.value
                elif key_tag in _SCALAR_TAGS:  # not merge ("<<") or value ("=") keys
                    key = self.yaml_constructors[key_tag](self, key_node)
                else:
                    raise _NotATree
                if seen is not None:
                    if id(key_node) in seen:
                        raise _NotATree
                    seen.add(id(key_node))
                line = key_node.start_mark.line + 1
                if key in data:
                    self.duplicates.append((line, str(key)))
                data[key] = self._tree(value_node, depth + 1, seen)
                key_lines[key] = line
            return data
        if cls is SequenceNode and tag == _SEQ_TAG:
            items = LineList()
            items.line = node.start_mark.line + 1
            children = node.value
            items.item_lines = [child.start_mark.line + 1 for child in children]
            items.extend([self._tree(child, depth + 1, seen) for child in children])
            return items
        raise _NotATree

    def resolve(self, kind, value, implicit):  # type: ignore[override]
        # BaseResolver.resolve without its per-call list building (called for every node).
        if kind is ScalarNode and not self.yaml_path_resolvers:
            if implicit[0]:
                for tag, regexp in _PLAIN_RESOLVERS.get(value[:1]) or _WILDCARD_RESOLVERS:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)

    def construct_yaml_map(self, node: MappingNode):  # type: ignore[override]
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
                ) from None
            if key in data:
                self.duplicates.append((key_node.start_mark.line + 1, str(key)))
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = key_node.start_mark.line + 1

    def construct_yaml_seq(self, node: SequenceNode):  # type: ignore[override]
        data = LineList()
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)

    def construct_undefined(self, node):  # type: ignore[override]
        raise ConstructorError(
            None,
            None,
            _TAG_NOT_ALLOWED + node.tag.replace("tag:yaml.org,2002:", "!!"),
            node.start_mark,
        )


def _checked(tag: str):
    """The loader's constructor for a scalar tag, with a value of the wrong type (`!!int abc`,
    `!!bool maybe`, `!!timestamp 2021-02-30`) reported at its line instead of raising."""
    construct = _Loader.yaml_constructors[tag]
    short = tag.replace("tag:yaml.org,2002:", "!!")

    def checked(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            raise ConstructorError(
                None, None, f"{short} {node.value!r} is geen geldige {short[2:]}-waarde", node.start_mark
            ) from None

    return checked


for _tag in ("int", "float", "bool", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _checked(f"tag:yaml.org,2002:{_tag}"))
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor(None, _Loader.construct_undefined)
# Timestamps stay strings; only true/false are booleans (YAML 1.2 core schema behaviour).
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# The resolvers a plain scalar is tried against, by its first character ('' for an empty one),
# the wildcard ones last: what BaseResolver.resolve builds on every call.
_WILDCARD_RESOLVERS = list(_Loader.yaml_implicit_resolvers.get(None, []))
_PLAIN_RESOLVERS = {
    first: list(resolvers) + _WILDCARD_RESOLVERS
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


def _mark_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


_TAG_NOT_ALLOWED = "tag not allowed: "


def _problem_of(exc: yaml.YAMLError, display: str) -> Problem:
    line = _mark_line(exc)
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None)
    if isinstance(exc, ConstructorError) and problem.startswith(_TAG_NOT_ALLOWED):
        return Problem(display, line, "yaml.tag_not_allowed", {"tag": problem[len(_TAG_NOT_ALLOWED):]})
    if isinstance(exc, ConstructorError) and "could not determine a constructor" in problem:
        return Problem(display, line, "yaml.tag_not_allowed", {"tag": problem.rsplit(" ", 1)[-1]})
    if isinstance(exc, ConstructorError):  # a tagged scalar of the wrong type: !!int abc, !!timestamp 2021-02-30
        return Problem(display, line, "yaml.bad_tagged_value", {"detail": problem or str(exc).splitlines()[0]})
    if isinstance(exc, ComposerError) and "too many aliases" in problem:
        return Problem(display, line, "yaml.too_many_aliases", {"max": MAX_ALIASES})
    parts = [p for p in (context, problem) if p]
    return Problem(display, line, "yaml.invalid", {"detail": "; ".join(parts) if parts else str(exc).splitlines()[0]})


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text safely; (data or None, problems)."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        return None, [_problem_of(exc, display)]
    except RecursionError:
        return None, [Problem(display, 1, "yaml.too_deep")]
    except (ValueError, TypeError, OverflowError) as exc:  # a constructor that fails on its value
        return None, [Problem(display, 1, "yaml.bad_tagged_value", {"detail": str(exc)})]
    finally:
        loader.dispose()
    problems = [Problem(display, line, "yaml.duplicate_key", {"key": key}) for line, key in loader.duplicates]
    return data, problems


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_guarded(path: Path, display: str, *, max_bytes: int, what: str = "file") -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 regular file with guards: kind of file, size, empty, binary, encoding.
    (text or None, problems). `what` names the file for the message: "yaml", "text", "file"."""
    try:
        st = path.stat()
    except OSError as exc:
        return None, [Problem(display, 1, "file.unreadable", {"what": what, "reason": exc.strerror or str(exc)})]
    if not stat.S_ISREG(st.st_mode):
        return None, [Problem(display, 1, "file.not_regular", {"what": what})]
    if st.st_size > max_bytes:
        return None, [Problem(display, 1, "file.too_large", {"what": what, "size": st.st_size, "limit": max_bytes})]
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return None, [Problem(display, 1, "file.unreadable", {"what": what, "reason": exc.strerror or str(exc)})]
    if len(data) > max_bytes:  # grew since the stat
        return None, [Problem(display, 1, "file.too_large", {"what": what, "size": len(data), "limit": max_bytes})]
    if not data.strip():
        return None, [Problem(display, 1, "file.empty", {"what": what})]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [Problem(display, _line_of_offset(data, nul), "file.binary", {"what": what, "offset": nul})]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        return None, [Problem(display, _line_of_offset(data, start), "file.not_utf8",
                              {"what": what, "byte": f"0x{data[start]:02x}", "offset": start})]
    return text, []


def load_yaml(path: Path, display: str, *, max_bytes: int = MAX_YAML_BYTES,
              parse: Callable[[str, str], tuple[Any, list[Problem]]] = parse_yaml) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML file with all guards; (data or None, problems). `parse`: what
    gives `parse_yaml`'s answer for the text (the kept parses of large area files: `yamlitems`)."""
    text, problems = read_guarded(path, display, max_bytes=max_bytes, what="yaml")
    if text is None:
        return None, problems
    data, problems = parse(text, display)
    if data is None and not problems:
        problems = [Problem(display, 1, "yaml.no_content")]
    return data, problems


def read_text(path: Path, display: str, *, max_bytes: int = MAX_TEXT_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a source text with all guards; (text or None, problems)."""
    return read_guarded(path, display, max_bytes=max_bytes, what="text")
