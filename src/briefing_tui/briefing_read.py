"""Reading a briefing file: yamlio's safe line-aware reader, the JSON Schema, then the model.

The text is parsed by `yamlio.parse_yaml` (the reader content files use: no Python objects, a
wrong tag or a tagged value of the wrong type is a problem with its line, an alias budget, a
depth limit), checked against `schemas/briefing.schema.json` at run time, and carried over
into a `Briefing` as far as it is sound. Whatever cannot be carried over is reported as
`path:line: message` and marks the briefing incomplete (so saving does not drop it). Where the
walk below says precisely what is wrong with a line, the schema's more general message for the
same line is left out.
"""

from __future__ import annotations

from typing import Any

from briefing_tui.briefing import (
    ITEM_KINDS,
    SECTION_KEYS,
    SECTIONS,
    AgendaEntry,
    Briefing,
    Item,
    Member,
    _ITEM_EXTRA,
    _TOP_KEYS,
)
from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.model import Problem
from briefing_tui.yamlio import LineDict, LineList, parse_yaml

__all__ = ["read_briefing_text"]

# Lone surrogates ("\udcff" in a double-quoted YAML string) cannot be written to any file.
_SURROGATES = range(0xD800, 0xE000)


class _Walk:
    """Carries a yamlio tree over into a Briefing, collecting problems."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.incomplete = False

    def problem(self, line: int, code: str, *, severity: str = "error", loses_data: bool = False, **data: Any) -> None:
        self.problems.append(Problem(self.shown, line or 1, code, data, severity))
        if loses_data:
            self.incomplete = True

    def text(self, value: Any, line: int, what: str, *, optional: bool = True, one_line: bool = False) -> str | None:
        """A text field. A number or true/false where text is expected is taken as written
        (`kind: 2024` is the text "2024"; the schema warns that it should be quoted)."""
        if isinstance(value, (LineDict, LineList, dict, list)):
            kind = "een lijst" if isinstance(value, list) else "een mapping"
            self.problem(line, "briefing.not_single", what=what, kind=kind, loses_data=True)
            return None
        if value is None:
            if not optional:
                self.problem(line, "briefing.empty_field", what=what)
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif not isinstance(value, str):
            value = str(value)
        bad = next((ch for ch in value if ord(ch) in _SURROGATES), None)
        if bad is not None:
            self.problem(line, "briefing.surrogate", what=what, char=f"U+{ord(bad):04X}", loses_data=True)
            return None
        return " ".join(value.split()) if one_line else value

    def date(self, value: Any, line: int, what: str) -> str | None:
        text = self.text(value, line, what)
        if text is None:
            return None
        if not is_valid_date(text):
            self.problem(line, "briefing.bad_date", what=what, value=text, loses_data=True)
            return None
        return text

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        if isinstance(value, dict):
            return value  # type: ignore[return-value]
        kind = "leeg" if value is None else "een lijst" if isinstance(value, list) else "één waarde"
        self.problem(line, "briefing.not_mapping", what=what, kind=kind, loses_data=True)
        return None

    def sequence(self, value: Any, line: int, what: str) -> list[tuple[Any, int]]:
        """The items of a list with their lines; [] (and a problem) for anything else."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(line, "briefing.not_list", what=what, loses_data=True)
            return []
        lines = value.item_lines if isinstance(value, LineList) else []
        return [(item, lines[i] if i < len(lines) else line) for i, item in enumerate(value)]


def _key_line(mapping: Any, key: str, default: int) -> int:
    return mapping.key_line(key, default) if isinstance(mapping, LineDict) else default


def _line(value: Any, default: int) -> int:
    return getattr(value, "line", 0) or default


def _fill(b: Briefing, root: LineDict, w: _Walk) -> None:
    if "title" not in root:
        w.problem(root.line, "briefing.no_title")
    for key, value in root.items():
        line = _key_line(root, key, root.line)
        if not isinstance(key, str):
            w.problem(line, "briefing.key_not_text", key=repr(key), loses_data=True)
        elif key == "title":
            b.title = w.text(value, line, "titel", optional=False, one_line=True) or ""
        elif key == "kind":
            b.kind = w.text(value, line, "soort debat", one_line=True) or ""
        elif key == "committee":
            b.committee = w.text(value, line, "commissie", one_line=True)
        elif key == "date":
            b.date = w.date(value, line, "datum")
        elif key == "members":
            b.members = _members(value, line, w)
        elif key == "agenda":
            b.agenda = _agenda(value, line, w)
        elif key == "sections":
            _sections(b, value, line, w)
        else:
            w.problem(line, "briefing.unknown_field", field=key, where="", expected=list(_TOP_KEYS), loses_data=True)


def _members(value: Any, line: int, w: _Walk) -> list[Member]:
    out: list[Member] = []
    for entry, at in w.sequence(value, line, "members"):
        pairs = w.mapping(entry, at, "een lid")
        if pairs is None:
            continue
        name = party = None
        for key, v in pairs.items():
            kl = _key_line(pairs, key, at)
            if key == "name":
                name = w.text(v, kl, "naam van een lid", optional=False, one_line=True)
            elif key == "party":
                party = w.text(v, kl, "partij van een lid", one_line=True)
            else:
                w.problem(kl, "briefing.unknown_field", field=key, where=" in een lid", expected=["name", "party"], loses_data=True)
        if name:
            out.append(Member(name, party))
        else:
            w.problem(at, "briefing.member_no_name", loses_data=True)
    return out


_AGENDA_KINDS = ("source", "number", "citation")


def _agenda(value: Any, line: int, w: _Walk) -> list[AgendaEntry]:
    out: list[AgendaEntry] = []
    for entry, at in w.sequence(value, line, "agenda"):
        pairs = w.mapping(entry, at, "een agendapunt")
        if pairs is None:
            continue
        found: dict[str, str] = {}
        heading = None
        for key, v in pairs.items():
            kl = _key_line(pairs, key, at)
            if key in _AGENDA_KINDS:
                text = w.text(v, kl, f"agendapunt ({key})", optional=False, one_line=True)
                if text:
                    found[key] = text
            elif key == "heading":
                heading = w.text(v, kl, "agendapunt (heading)", one_line=True)
            else:
                w.problem(kl, "briefing.unknown_field", field=key, where=" in een agendapunt",
                          expected=[*_AGENDA_KINDS, "heading"], loses_data=True)
        if len(found) != 1:
            w.problem(at, "briefing.agenda_entry", loses_data=True)
            continue
        out.append(AgendaEntry(source=found.get("source"), citation=found.get("citation"), number=found.get("number"),
                               heading=heading, line=at))
    return out


def _sections(b: Briefing, value: Any, line: int, w: _Walk) -> None:
    seen: dict[str, int] = {}
    for entry, at in w.sequence(value, line, "sections"):
        fields = w.mapping(entry, at, "een sectie")
        if fields is None:
            continue
        for k in fields:
            if k not in ("key", "items"):
                w.problem(_key_line(fields, k, at), "briefing.unknown_field", field=k, where=" in een sectie",
                          expected=["key", "items"], loses_data=True)
        if "key" not in fields:
            w.problem(at, "briefing.section_no_key", keys=list(SECTION_KEYS), loses_data=True)
            continue
        kl = _key_line(fields, "key", at)
        key = w.text(fields["key"], kl, "sectiesleutel", optional=False)
        if key is None:
            w.incomplete = True
            continue
        if key not in SECTIONS:
            w.problem(kl, "briefing.unknown_section", key=key, keys=list(SECTION_KEYS), loses_data=True)
            continue
        if key in seen:
            # Both lists are kept (appended), so nothing is lost; the file is tidied on save.
            w.problem(at, "briefing.section_twice", key=key, first=seen[key], severity="warning")
        seen.setdefault(key, at)
        if "items" in fields:
            b.section(key).items.extend(_items(fields["items"], _key_line(fields, "items", at), w))


def _items(value: Any, line: int, w: _Walk) -> list[Item]:
    out: list[Item] = []
    for entry, at in w.sequence(value, line, "items"):
        pairs = w.mapping(entry, at, "een item")
        if pairs is None:
            continue
        kinds = [k for k in pairs if k in ITEM_KINDS]
        for k in pairs:
            if k not in ITEM_KINDS and k not in _ITEM_EXTRA:
                w.problem(_key_line(pairs, k, at), "briefing.unknown_field", field=k, where=" in een item",
                          expected=list(ITEM_KINDS + _ITEM_EXTRA), loses_data=True)
        if len(kinds) != 1:
            w.problem(at, "briefing.item_kinds", how="geen" if not kinds else "meer dan één", kinds=list(ITEM_KINDS), loses_data=True)
            continue
        kind = kinds[0]
        kl = _key_line(pairs, kind, at)
        ref = w.text(pairs[kind], kl, kind, optional=(kind == "note"))
        if ref is None:
            if kind == "note" and pairs[kind] is None:
                ref = ""
            else:
                w.incomplete = True
                continue
        if kind != "note":
            ref = ref.strip()
            if not ref:
                w.problem(kl, "briefing.empty_field", what=kind, loses_data=True)
                continue
        item = Item(kind, ref, line=at)
        if kind == "passage" and item.passage_ref is None:
            w.problem(kl, "briefing.passage_form", ref=ref)
        if "position" in pairs:
            pl = _key_line(pairs, "position", at)
            if kind == "note":
                w.problem(pl, "briefing.note_position", loses_data=True)
            else:
                item.position = w.text(pairs["position"], pl, "position", one_line=True)
        if "comment" in pairs:
            item.comment = w.text(pairs["comment"], _key_line(pairs, "comment", at), "comment")
        out.append(item)
    return out


def _schema_problems(data: Any, shown: str, reported: set[int]) -> list[Problem]:
    """The JSON Schema's verdict, for the lines the walk did not already explain."""
    from briefing_tui.schema import validate

    out = []
    for p in validate(data, "briefing", shown):
        if p.line in reported:
            continue
        if p.code == "schema.type" and p.data.get("got") in _SCALAR_KINDS and "tekst" in str(p.data.get("expected")):
            # `kind: 2024` is read as the text "2024": nothing is lost, but it should be quoted
            p = Problem(p.path, p.line, p.code, p.data, "warning")
        out.append(p)
    return out


_SCALAR_KINDS = ("geheel getal", "decimaal getal", "true/false")


def read_briefing_text(text: str, shown: str, briefing: Briefing) -> tuple[Briefing, list[Problem]]:
    """Fill `briefing` from the file's text; (briefing, problems). Raises ValueError with a
    message when the text is not a briefing at all (empty, not a mapping at the top)."""
    data, problems = parse_yaml(text, shown)
    if data is None:
        if problems:
            briefing.incomplete = True
            return briefing, problems
        raise ValueError("het bestand is leeg; een briefing is een YAML-mapping (zie docs/briefing-format.md)")
    if not isinstance(data, LineDict):
        raise ValueError("geen briefing: het bestand moet bovenaan een mapping zijn (title:, sections: ...)")
    w = _Walk(shown)
    w.problems.extend(problems)
    w.incomplete = bool(problems)  # a key given twice: the first value is not kept
    _fill(briefing, data, w)
    reported = {p.line for p in w.problems}
    w.problems.extend(_schema_problems(data, shown, reported))
    w.problems.sort(key=lambda p: p.line)
    briefing.incomplete = w.incomplete
    return briefing, w.problems
