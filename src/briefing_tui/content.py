"""Load a content folder into a `Corpus`, never raising on bad files.

    corpus = load_content("content")
    corpus.problems      # Problem(path, line, message) for every file-level and field-level error

What is read (see docs/content-format.md):

    sources/<id>.yaml (+ sources/<id>.txt), domains/*.yaml, forums/*.yaml (with their
    statements), commitments.yaml, motions.yaml, qa.yaml, synonyms.yaml

`content/_staging/` and hidden files are ignored. Paths in problems are relative to the content
folder's parent ("content/domains/laws.yaml"), or to `report_root` when given.

The loader checks the *shape* of every file: unknown keys, missing required fields, wrong
types, ids that do not match `[a-z0-9][a-z0-9._-]*`, ids defined twice anywhere in the content
(both places are reported; the first definition is kept). A record with a problem in a required
field is still loaded (with an empty value) when it has a usable id, so references to it
resolve and one mistake is reported once. Cross-references, dates, statuses and quotes are
checked by `briefing_tui.validate.check`.

Every record gets `loc = Loc(path, line)`; the line of each field is kept as well
(`field_line(corpus, kind, id, field)`), so a problem can point at the field itself. What the
model has no field for is kept in `load_info(corpus)` (field lines for precise messages); the
`inferred` mappings and a source's import keys are also on the records themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from briefing_tui.model import (
    QA,
    Aanhangsel,
    Area,
    Commitment,
    Corpus,
    FollowUp,
    Kamerstuk,
    Loc,
    Motion,
    Person,
    Problem,
    Source,
    Statement,
    unique,
)
from briefing_tui.yamlio import LineDict, LineList, load_yaml, read_text

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TOP_LEVEL_FILES = ("commitments.yaml", "motions.yaml", "qa.yaml", "synonyms.yaml")
IGNORED_DIRS = ("_staging",)

__all__ = ["ID_RE", "LoadInfo", "Only", "field_line", "load_content", "load_info", "load_only"]


# --- field specifications ----------------------------------------------------------------------
# A spec maps key -> (type, required). Types: "str", "int", "strlist", "strmap",
# ("obj", spec), ("list", spec). `None` values count as absent.

Spec = dict[str, tuple[Any, bool]]

PERSON: Spec = {"name": ("str", True), "role": ("str", False), "party": ("str", False)}
KAMERSTUK: Spec = {"dossier": ("str", True), "number": ("str", True), "year": ("str", False)}
AANHANGSEL: Spec = {"year": ("str", True), "number": ("str", True)}

SOURCE: Spec = {
    "id": ("str", True),
    "kind": ("str", True),
    "title": ("str", True),
    "date": ("str", False),
    "ministers": (("list", PERSON), False),
    "ministry": ("str", False),
    "members": (("list", PERSON), False),
    "kamerstuk": (("obj", KAMERSTUK), False),
    "aanhangsel": (("obj", AANHANGSEL), False),
    "url": ("str", False),
    "seed_file": ("str", False),
    "summary": ("str", False),
    "inferred": ("strmap", False),
    "notes": ("str", False),
    # Written by `briefing import` (docs/content-format.md, "Imported sources"):
    "kamervragen": ("str", False),  # the Kamervragen number the text states, "2019Z04567"
    "answers": ("str", False),  # antwoorden: source id of the questions answered
    "answered_by": ("str", False),  # vragen: source id of the answers
    "detected": ("strmap", False),  # field -> evidence line, like `inferred`
}
# Source keys the model has no field for; kept in `LoadInfo.extra`.
SOURCE_EXTRA = ("kamervragen", "answers", "answered_by", "detected")

STATEMENT: Spec = {
    "id": ("str", True),
    "topic": ("str", True),
    "position": ("str", True),
    "quote": ("str", True),
    "source": ("str", True),
    "locator": ("str", True),
    "domains": ("strlist", False),
    "forums": ("strlist", False),
    "supersedes": ("strlist", False),
    "date": ("str", False),
    "note": ("str", False),
    "inferred": ("strmap", False),
}

AREA: Spec = {
    "id": ("str", True),
    "name": ("str", True),
    "description": ("str", False),
    "aliases": ("strlist", False),
    "inferred": ("strmap", False),
    "statements": (("list", STATEMENT, "statement"), False),
}
FORUM: Spec = {**AREA, "parent": ("str", False)}

COMMITMENT: Spec = {
    "id": ("str", True),
    "text": ("str", True),
    "quote": ("str", True),
    "source": ("str", True),
    "locator": ("str", False),
    "made_by": ("str", False),
    "made_at": ("str", False),
    "made_on": ("str", False),
    "status": ("str", False),
    "fulfilled_by": ("str", False),
    "evidence": ("str", False),
    "domains": ("strlist", False),
    "forums": ("strlist", False),
    "inferred": ("strmap", False),
}

FOLLOW_UP: Spec = {
    "source": ("str", True),
    "quote": ("str", True),
    "locator": ("str", False),
    "summary": ("str", False),
}

MOTION: Spec = {
    "id": ("str", True),
    "title": ("str", True),
    "request": ("str", False),  # verbatim; optional (an amendment may be known only by name)
    "request_source": ("str", False),  # required with `request` (checked by validate)
    "request_locator": ("str", False),  # where request_source quotes it ("Vraag 1")
    "kamerstuk": (("obj", KAMERSTUK), False),
    "submitters": (("list", PERSON), False),
    "date": ("str", False),
    "status": ("str", False),
    "follow_up": (("list", FOLLOW_UP), False),
    "domains": ("strlist", False),
    "forums": ("strlist", False),
    "inferred": ("strmap", False),
}

QA_SPEC: Spec = {
    "id": ("str", True),
    "source": ("str", True),
    "number": ("int", True),
    "question": ("str", True),
    "answer_locator": ("str", True),
    "answer": ("str", False),
    "statements": ("strlist", False),
    "domains": ("strlist", False),
    "forums": ("strlist", False),
    "inferred": ("strmap", False),
}

TYPE_NAMES = {"str": "a string", "int": "a whole number", "strlist": "a list of strings", "strmap": "a mapping of field names to strings"}


@dataclass
class LoadInfo:
    """What the loader knows beyond the records: field lines, unreadable texts, inferred maps."""

    field_lines: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    bad_texts: set[str] = field(default_factory=set)  # source ids whose .txt could not be read
    inferred: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (kind, id) -> inferred
    # (kind, id) -> fields the model has no place for (a source's kamervragen, answers,
    # answered_by, detected)
    extra: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # every content file read (display paths)


def load_info(corpus: Corpus) -> LoadInfo:
    """The loader's side information for a corpus (empty for a corpus built by hand)."""
    info = corpus.__dict__.get("_load_info")
    if info is None:
        info = LoadInfo()
        corpus.__dict__["_load_info"] = info
    return info


def field_line(corpus: Corpus, kind: str, record_id: str, name: str, default: int = 0) -> int:
    """Line of a record's field (falls back to the record's line, then `default`)."""
    lines = load_info(corpus).field_lines.get((kind, record_id))
    if lines:
        return lines.get(name, lines.get("", default))
    return default


class _Reader:
    """Converts parsed YAML into records, collecting problems."""

    def __init__(self, corpus: Corpus, info: LoadInfo, *, field_lines: bool = True) -> None:
        self.corpus = corpus
        self.info = info
        self.problems = corpus.problems
        self.ids: dict[str, tuple[str, Loc]] = {}  # id -> (kind, where)
        self.field_lines = field_lines
        # Equal values (source ids, topics, locators, tag tuples, repeated quotes) are stored once:
        # at 100,000 statements that is most of the corpus's memory.
        self._shared: dict[Any, Any] = {}

    def share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def error(self, path: str, line: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(path, line, message, severity))

    # -- generic conversion --
    def convert(self, data: Any, spec: Spec, path: str, what: str) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            line = data.line if isinstance(data, (LineDict, LineList)) else 0
            self.error(path, line, f"{what} must be a mapping of fields, not {_kind_of(data)}")
            return None
        line = data.line if isinstance(data, LineDict) else 0
        if isinstance(data.get("id"), str) and data["id"]:
            what = f"{what} {data['id']!r}"
        out: dict[str, Any] = {"__line__": line, "__lines__": {}}
        for key, value in data.items():
            kline = data.key_line(key) if isinstance(data, LineDict) else line
            if key not in spec:
                known = ", ".join(spec)
                self.error(path, kline, f"{what}: unknown field {key!r} (known fields: {known})")
                continue
            out["__lines__"][key] = kline
            if value is None:
                continue
            typ = spec[key][0]
            converted = self.convert_value(value, typ, path, kline, f"{what}: {key}")
            if converted is not _BAD:
                out[key] = converted
        for key, (_typ, required) in spec.items():
            if not required:
                continue
            if key not in data or data[key] is None:
                self.error(path, out["__lines__"].get(key, line), f"{what}: required field {key!r} is missing")
            elif key in out and out[key] == "":
                self.error(path, out["__lines__"][key], f"{what}: required field {key!r} is empty")
        return out

    def convert_value(self, value: Any, typ: Any, path: str, line: int, what: str) -> Any:
        if typ == "str":
            if isinstance(value, str):
                return value.strip()
            hint = " (quote it)" if isinstance(value, (int, float, bool)) else ""
            self.error(path, line, f"{what} must be {TYPE_NAMES['str']}, not {_kind_of(value)}{hint}")
            return _BAD
        if typ == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.error(path, line, f"{what} must be {TYPE_NAMES['int']}, not {_kind_of(value)}")
            return _BAD
        if typ == "strlist":
            if not isinstance(value, list):
                self.error(path, line, f"{what} must be {TYPE_NAMES['strlist']}, not {_kind_of(value)}")
                return _BAD
            items = []
            for i, item in enumerate(value):
                iline = value.item_line(i) if isinstance(value, LineList) else line
                if isinstance(item, str) and item.strip():
                    items.append(item.strip())
                else:
                    self.error(path, iline, f"{what}[{i}] must be a non-empty string, not {_kind_of(item)}")
            return items
        if typ == "strmap":
            if not isinstance(value, dict):
                self.error(path, line, f"{what} must be {TYPE_NAMES['strmap']}, not {_kind_of(value)}")
                return _BAD
            items = {}
            for k, v in value.items():
                kline = value.key_line(k) if isinstance(value, LineDict) else line
                if isinstance(k, str) and isinstance(v, str):
                    items[k] = v.strip()
                else:
                    self.error(path, kline, f"{what}: {k!r} must map to a string, not {_kind_of(v)}")
            return items
        kind, spec = typ[0], typ[1]
        if kind == "obj":
            got = self.convert(value, spec, path, what)
            return _BAD if got is None else got
        if kind == "list":
            if not isinstance(value, list):
                self.error(path, line, f"{what} must be a list, not {_kind_of(value)}")
                return _BAD
            items = []
            for i, item in enumerate(value):
                # Items with an id are named by it ("statement 'laws-a'"), others by position.
                named = len(typ) > 2 and isinstance(item, dict) and isinstance(item.get("id"), str)
                got = self.convert(item, spec, path, typ[2] if named else f"{what}[{i}]")
                if got is not None:
                    items.append(got)
            return items
        raise AssertionError(typ)

    # -- ids --
    def register(self, kind: str, record: dict[str, Any], path: str, what: str) -> str | None:
        """Check and register a record's id; None when the record cannot be kept."""
        rid = record.get("id")
        line = record["__lines__"].get("id", record["__line__"])
        if not isinstance(rid, str) or not rid:
            return None  # already reported as missing / wrong type
        if not ID_RE.match(rid):
            self.error(path, line, f"{what} {rid!r}: id must be lowercase letters, digits, '.', '_' or '-' ([a-z0-9][a-z0-9._-]*)")
        loc = Loc(path, line)
        if rid in self.ids:
            other_kind, other = self.ids[rid]
            self.error(path, line, f"duplicate id {rid!r}: already defined as a {other_kind} at {other.path}:{other.line}")
            self.error(other.path, other.line, f"duplicate id {rid!r}: defined again as a {kind} at {path}:{line}")
            return None
        self.ids[rid] = (kind, loc)
        if self.field_lines:
            self.info.field_lines[(kind, rid)] = {"": record["__line__"], **record["__lines__"]}
        if record.get("inferred"):
            self.info.inferred[(kind, rid)] = dict(record["inferred"])
        return rid


class _Bad:
    pass


_BAD = _Bad()


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _s(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _opt(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value else None


_NO_INFERRED: dict[str, str] = {}  # shared by every record without inferred fields; never mutated


def _inferred(record: dict[str, Any]) -> dict[str, str]:
    value = record.get("inferred")
    return dict(value) if value else _NO_INFERRED


def _t(record: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(record.get(key) or ())


def _people(items: list[dict[str, Any]] | None) -> tuple[Person, ...]:
    return tuple(Person(_s(p, "name"), _opt(p, "role"), _opt(p, "party")) for p in items or () if _s(p, "name"))


def _kamerstuk(value: dict[str, Any] | None) -> Kamerstuk | None:
    if not value or not _s(value, "dossier") or not _s(value, "number"):
        return None
    return Kamerstuk(_s(value, "dossier"), _s(value, "number"), _opt(value, "year"))


def _aanhangsel(value: dict[str, Any] | None) -> Aanhangsel | None:
    if not value or not _s(value, "year") or not _s(value, "number"):
        return None
    return Aanhangsel(_s(value, "year"), _s(value, "number"))


# --- the loader ------------------------------------------------------------------------------

PARTS = ("sources", "domains", "forums", "commitments", "motions", "qa", "synonyms")


def load_content(
    root: Path | str,
    *,
    report_root: Path | str | None = None,
    parts: tuple[str, ...] | None = None,
    field_lines: bool = True,
) -> Corpus:
    """Read a content folder into a linked Corpus; problems are collected, never raised.

    `parts` loads only some kinds of files (e.g. ("sources", "synonyms") for what search needs
    beside its index); source texts are then not read up front (`Corpus.source_text` reads them
    when asked). None loads and checks everything. `field_lines=False` skips the table of each
    field's line (only `briefing check` needs it to point at a field rather than its record).
    """
    from briefing_tui.snapshot import paused_gc

    with paused_gc():  # everything loaded stays alive: collections would only re-walk it
        return _load_content(Path(root), report_root, parts, field_lines)


@dataclass(frozen=True)
class Only:
    """Some of the content's files, for `load_only`: sources by file stem (the `.yaml` and the
    `.txt`), domain and forum files by path relative to the content folder ("domains/ai.yaml"),
    top-level files by name ("qa.yaml")."""

    sources: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    top: frozenset[str] = frozenset()


def load_only(root: Path | str, only: Only, *, field_lines: bool = False) -> Corpus:
    """Load some files exactly as `load_content` loads them within the whole folder, except for
    what depends on other files: ids are checked for duplicates among these files only, and
    unknown top-level files are not reported. For `snapshot.load_corpus`, which puts them
    together with the unchanged rest of a corpus (and checks the ids across)."""
    from briefing_tui.snapshot import paused_gc

    with paused_gc():
        return _load_content(Path(root), None, None, field_lines, only)


def _load_content(
    root: Path, report_root: Path | str | None, parts: tuple[str, ...] | None, field_lines: bool,
    only: Only | None = None,
) -> Corpus:
    root = root.resolve()
    wanted = set(PARTS if parts is None else parts)
    unknown_parts = wanted - set(PARTS)
    if unknown_parts:
        raise ValueError(f"unknown content parts: {sorted(unknown_parts)}")
    base = Path(report_root).resolve() if report_root is not None else root.parent
    corpus = Corpus(root=str(root))
    info = load_info(corpus)
    reader = _Reader(corpus, info, field_lines=field_lines)

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(base))
        except ValueError:
            return str(path)

    if not root.is_dir():
        corpus.problems.append(Problem(str(root), 1, "content folder does not exist"))
        return corpus.link()

    def read(path: Path) -> Any:
        display = shown(path)
        info.files.append(display)
        data, problems = load_yaml(path, display)
        corpus.problems.extend(problems)
        return data, display

    if "sources" in wanted and (only is None or only.sources):
        _load_sources(root / "sources", reader, read, shown, read_texts=parts is None,
                      stems=only.sources if only is not None else None)
    for kind, folder in (("domain", "domains"), ("forum", "forums")):
        if folder not in wanted:
            continue
        for path in _yaml_files(root / folder):
            if only is not None and f"{folder}/{path.name}" not in only.areas:
                continue
            data, display = read(path)
            if data is not None:
                _load_area(kind, folder, path.stem, data, display, reader)
    loaders: dict[str, Callable[[Any, str, _Reader], None]] = {
        "commitments.yaml": _load_commitments,
        "motions.yaml": _load_motions,
        "qa.yaml": _load_qa,
        "synonyms.yaml": _load_synonyms,
    }
    for name in TOP_LEVEL_FILES:
        path = root / name
        if only is not None and name not in only.top:
            continue
        if name.removesuffix(".yaml") in wanted and path.is_file():
            data, display = read(path)
            if data is not None:
                loaders[name](data, display, reader)
    for path in _yaml_files(root) if parts is None and only is None else ():
        if path.name not in TOP_LEVEL_FILES:
            reader.error(
                shown(path), 1,
                f"unknown content file {path.name!r}: expected one of {', '.join(TOP_LEVEL_FILES)} "
                "or a file under sources/, domains/ or forums/",
                "warning",
            )
    return corpus.link()


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
    )


def _top_mapping(data: Any, display: str, reader: _Reader, key: str) -> list | None:
    """The list under `key` of a top-level file such as commitments.yaml."""
    if not isinstance(data, dict):
        reader.error(display, 1, f"the file must be a mapping with a {key!r} list, not {_kind_of(data)}")
        return None
    for extra in data:
        if extra != key:
            line = data.key_line(extra) if isinstance(data, LineDict) else 1
            reader.error(display, line, f"unknown top-level key {extra!r} (expected only {key!r})")
    if key not in data:
        reader.error(display, getattr(data, "line", 1), f"the file has no {key!r} list")
        return None
    items = data[key]
    if items is None:
        return []
    if not isinstance(items, list):
        line = data.key_line(key) if isinstance(data, LineDict) else 1
        reader.error(display, line, f"{key!r} must be a list, not {_kind_of(items)}")
        return None
    return items


def _load_sources(
    folder: Path, reader: _Reader, read: Callable, shown: Callable[[Path], str], *, read_texts: bool = True,
    stems: frozenset[str] | None = None,
) -> None:
    """The sources in `folder`; with `stems`, only those (see `load_only`)."""
    corpus = reader.corpus
    yaml_paths = _yaml_files(folder)
    have_yaml = {p.stem for p in yaml_paths}
    if folder.is_dir():
        for txt in sorted(folder.glob("*.txt")):
            if txt.stem not in have_yaml and (stems is None or txt.stem in stems):
                reader.error(shown(txt), 1, f"source text without metadata: add sources/{txt.stem}.yaml", "warning")
    for path in yaml_paths:
        if stems is not None and path.stem not in stems:
            continue
        data, display = read(path)
        if data is None:
            continue
        rec = reader.convert(data, SOURCE, display, "source")
        if rec is None:
            continue
        rid = reader.register("source", rec, display, "source")
        if rid is None:
            continue
        extra = {key: rec[key] for key in SOURCE_EXTRA if rec.get(key)}
        if extra:
            reader.info.extra[("source", rid)] = extra
        if rid != path.stem:
            reader.error(display, rec["__lines__"].get("id", 1), f"source id {rid!r} differs from its file name {path.stem!r}")
        txt = path.with_suffix(".txt")
        if not read_texts:
            pass  # read on demand by Corpus.source_text
        elif not txt.is_file():
            reader.error(display, rec["__lines__"].get("id", 1), f"source has no text file: sources/{path.stem}.txt is missing", "warning")
            reader.info.bad_texts.add(rid)
            corpus._texts[rid] = ""
        else:
            text, problems = read_text(txt, shown(txt))
            corpus.problems.extend(problems)
            if text is None:
                reader.info.bad_texts.add(rid)
                corpus._texts[rid] = ""
            else:
                corpus._texts[rid] = text
        corpus.sources[rid] = Source(
            id=rid,
            kind=_s(rec, "kind"),
            title=_s(rec, "title"),
            date=_opt(rec, "date"),
            ministers=_people(rec.get("ministers")),
            ministry=_opt(rec, "ministry"),
            members=_people(rec.get("members")),
            kamerstuk=_kamerstuk(rec.get("kamerstuk")),
            aanhangsel=_aanhangsel(rec.get("aanhangsel")),
            url=_opt(rec, "url"),
            summary=_opt(rec, "summary"),
            notes=_opt(rec, "notes"),
            seed_file=_opt(rec, "seed_file"),
            inferred=_inferred(rec),
            kamervragen=_opt(rec, "kamervragen"),
            answers=_opt(rec, "answers"),
            answered_by=_opt(rec, "answered_by"),
            detected=dict(rec.get("detected") or {}),
            text_path=str(txt),
            loc=Loc(display, rec["__line__"]),
        )


def _load_area(kind: str, folder: str, stem: str, data: Any, display: str, reader: _Reader) -> None:
    spec = FORUM if kind == "forum" else AREA
    rec = reader.convert(data, spec, display, kind)
    if rec is None:
        return
    rid = reader.register(kind, rec, display, kind)
    if rid is not None:
        if rid != stem:
            reader.error(display, rec["__lines__"].get("id", 1), f"{kind} id {rid!r} differs from its file name {stem!r}")
        table = reader.corpus.forums if kind == "forum" else reader.corpus.domains
        table[rid] = Area(
            id=rid,
            kind=kind,
            name=_s(rec, "name"),
            description=_s(rec, "description"),
            aliases=_t(rec, "aliases"),
            parent=_opt(rec, "parent"),
            inferred=_inferred(rec),
            loc=Loc(display, rec["__line__"]),
        )
    home_id = stem  # the file is the statement's home, whatever its id field says
    home = f"{folder}/{home_id}"
    share = reader.share
    for st in rec.get("statements") or ():
        sid = reader.register("statement", st, display, "statement")
        if sid is None:
            continue
        domains = _t(st, "domains")
        forums = _t(st, "forums")
        if kind == "domain":
            domains = unique((home_id, *domains))
        else:
            forums = unique((home_id, *forums))
        reader.corpus.statements[sid] = Statement(
            id=sid,
            topic=share(_s(st, "topic")),
            position=_s(st, "position"),
            quote=share(_s(st, "quote")),
            source=share(_s(st, "source")),
            locator=share(_s(st, "locator")),
            domains=share(domains),
            forums=share(forums),
            supersedes=share(_t(st, "supersedes")),
            date=share(_opt(st, "date")),
            note=_opt(st, "note"),
            home=home,
            inferred=_inferred(st),
            loc=Loc(display, st["__line__"]),
        )


def _load_commitments(data: Any, display: str, reader: _Reader) -> None:
    items = _top_mapping(data, display, reader, "commitments")
    for item in items or ():
        rec = reader.convert(item, COMMITMENT, display, "commitment")
        if rec is None or (rid := reader.register("commitment", rec, display, "commitment")) is None:
            continue
        reader.corpus.commitments[rid] = Commitment(
            id=rid,
            text=_s(rec, "text"),
            quote=_s(rec, "quote"),
            source=_s(rec, "source"),
            locator=_s(rec, "locator"),
            made_by=_opt(rec, "made_by"),
            made_at=_opt(rec, "made_at"),
            made_on=_opt(rec, "made_on"),
            status=_opt(rec, "status") or "unknown",
            fulfilled_by=_opt(rec, "fulfilled_by"),
            evidence=_opt(rec, "evidence"),
            domains=_t(rec, "domains"),
            forums=_t(rec, "forums"),
            inferred=_inferred(rec),
            loc=Loc(display, rec["__line__"]),
        )


def _load_motions(data: Any, display: str, reader: _Reader) -> None:
    items = _top_mapping(data, display, reader, "motions")
    for item in items or ():
        rec = reader.convert(item, MOTION, display, "motion")
        if rec is None or (rid := reader.register("motion", rec, display, "motion")) is None:
            continue
        follow_ups = []
        for i, fu in enumerate(rec.get("follow_up") or ()):
            if reader.field_lines:
                reader.info.field_lines[("follow_up", f"{rid}#{i}")] = {"": fu["__line__"], **fu["__lines__"]}
            follow_ups.append(
                FollowUp(
                    source=_s(fu, "source"),
                    quote=_s(fu, "quote"),
                    locator=_s(fu, "locator"),
                    summary=_s(fu, "summary"),
                    loc=Loc(display, fu["__line__"]),
                )
            )
        reader.corpus.motions[rid] = Motion(
            id=rid,
            title=_s(rec, "title"),
            request=_s(rec, "request"),
            request_source=_opt(rec, "request_source"),
            request_locator=_s(rec, "request_locator"),
            kamerstuk=_kamerstuk(rec.get("kamerstuk")),
            submitters=_people(rec.get("submitters")),
            date=_opt(rec, "date"),
            status=_opt(rec, "status"),
            follow_up=tuple(follow_ups),
            domains=_t(rec, "domains"),
            forums=_t(rec, "forums"),
            inferred=_inferred(rec),
            loc=Loc(display, rec["__line__"]),
        )


def _load_qa(data: Any, display: str, reader: _Reader) -> None:
    items = _top_mapping(data, display, reader, "qa")
    for item in items or ():
        rec = reader.convert(item, QA_SPEC, display, "qa")
        if rec is None or (rid := reader.register("qa", rec, display, "qa")) is None:
            continue
        number = rec.get("number")
        if isinstance(number, int) and number < 1:
            reader.error(display, rec["__lines__"].get("number", rec["__line__"]), f"qa {rid!r}: number must be 1 or more")
        reader.corpus.qa[rid] = QA(
            id=rid,
            source=_s(rec, "source"),
            number=number if isinstance(number, int) else 0,
            question=_s(rec, "question"),
            answer_locator=_s(rec, "answer_locator"),
            answer=_s(rec, "answer"),
            statements=_t(rec, "statements"),
            domains=_t(rec, "domains"),
            forums=_t(rec, "forums"),
            inferred=_inferred(rec),
            loc=Loc(display, rec["__line__"]),
        )


def _load_synonyms(data: Any, display: str, reader: _Reader) -> None:
    groups = _top_mapping(data, display, reader, "groups")
    for i, group in enumerate(groups or ()):
        line = groups.item_line(i) if isinstance(groups, LineList) else 1
        if not isinstance(group, list):
            reader.error(display, line, f"groups[{i}] must be a list of terms, not {_kind_of(group)}")
            continue
        terms = []
        for j, term in enumerate(group):
            if isinstance(term, str) and term.strip():
                terms.append(" ".join(term.lower().split()))
            else:
                tline = group.item_line(j) if isinstance(group, LineList) else line
                hint = " (quote it)" if isinstance(term, (bool, int, float)) else ""
                reader.error(display, tline, f"groups[{i}][{j}] must be a non-empty string, not {_kind_of(term)}{hint}")
        terms = list(dict.fromkeys(terms))
        if len(terms) < 2:
            reader.error(display, line, f"groups[{i}] needs at least two terms", "warning")
        if terms:
            reader.info.field_lines[("synonyms", str(len(reader.corpus.synonyms)))] = {"": line}
            reader.corpus.synonyms.append(tuple(terms))

