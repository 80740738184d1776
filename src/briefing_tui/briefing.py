"""Briefing files: the model, loading with problems, atomic saving with conflict detection.

A briefing is one YAML file in `briefings/` (format: docs/briefing-format.md): debate metadata
and six ordered sections of items. An item refers to the knowledge base (a statement, a passage
of a source, a commitment, a motion, a question and answer) or is the officer's own note. The
officer may give an item an adapted position line (`position`) and a `comment`; neither ever
changes a quote.

Loading never raises for what is wrong *inside* the file: every problem is reported as
`path:line: message`. Only a file that cannot be read as a YAML text at all (binary, not UTF-8,
not a mapping at the top) raises `BriefingError`.

Saving is atomic, and refuses with `BriefingConflict` when the file on disk is no longer what
was loaded (someone else saved it in between), so no change is silently overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from briefing_tui.atomic import MAX_FILE_NAME, atomic_write_bytes, name_fits
from briefing_tui.dates import is_valid as is_valid_date
from briefing_tui.model import Corpus, Problem

# Section keys and their Dutch titles, in the order of the pack.
SECTIONS: dict[str, str] = {
    "kernboodschappen": "Kernboodschappen",
    "standpunten": "Standpunten per onderwerp",
    "toezeggingen": "Toezeggingen",
    "moties": "Moties",
    "vragen": "Vragen en antwoorden",
    "notities": "Notities",
}
SECTION_KEYS: tuple[str, ...] = tuple(SECTIONS)

# Item kinds: the key an item has in the file. All but "note" refer to a record by id.
REF_KINDS: tuple[str, ...] = ("statement", "passage", "commitment", "motion", "qa")
ITEM_KINDS: tuple[str, ...] = REF_KINDS + ("note",)

# The section an item of each kind goes to by default (the TUI's "add to briefing").
DEFAULT_SECTION: dict[str, str] = {
    "statement": "standpunten",
    "passage": "standpunten",
    "commitment": "toezeggingen",
    "motion": "moties",
    "qa": "vragen",
    "note": "notities",
}

DEFAULT_KIND = "Commissiedebat"
MAX_BYTES = 5 * 1024 * 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PASSAGE = re.compile(r"^(?P<source>[a-z0-9][a-z0-9._-]*)#(?P<n>[1-9][0-9]*)$")
_ITEM_EXTRA = ("position", "comment")
_TOP_KEYS = ("title", "kind", "committee", "date", "members", "agenda", "sections")


class BriefingError(Exception):
    """A briefing file that cannot be read at all, or an operation that is not allowed."""


class BriefingConflict(BriefingError):
    """The file on disk changed since it was loaded; saving would overwrite someone's work."""

    def __init__(self, path: str | os.PathLike, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


# --- fingerprints -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like: size, modification time (ns) and sha256 of its bytes."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: "Fingerprint | None") -> bool:
        """Same bytes. A touched file with identical content is not a conflict: nothing is lost."""
        return other is not None and self.size == other.size and self.sha256 == other.sha256


def _fingerprint_of(data: bytes, mtime_ns: int) -> Fingerprint:
    return Fingerprint(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def fingerprint(path: str | os.PathLike) -> Fingerprint | None:
    """The fingerprint of the file at `path`, or None when there is no file."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read()
    except FileNotFoundError:
        return None
    return _fingerprint_of(data, st.st_mtime_ns)


# --- the model --------------------------------------------------------------------------------


@dataclass
class Member:
    """A member of Parliament on the committee / taking part in the debate."""

    name: str
    party: str | None = None


@dataclass
class AgendaEntry:
    """A stuk on the agenda: a source in the knowledge base, an official document number
    ("33 694, nr. 45", "kst-33694-45"), or a citation in free text; with its own heading."""

    source: str | None = None
    citation: str | None = None
    line: int = field(default=0, compare=False)
    number: str | None = None
    heading: str | None = None

    def __post_init__(self) -> None:
        if sum(v is not None for v in (self.source, self.number, self.citation)) != 1:
            raise ValueError("an agenda entry has exactly one of a source id, a document number or a free-text citation")

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.heading is not None:
            data["heading"] = self.heading
        if self.source is not None:
            data["source"] = self.source
        elif self.number is not None:
            data["number"] = self.number
        else:
            data["citation"] = self.citation
        return data


@dataclass
class Item:
    """One entry of a section.

    `kind` is one of ITEM_KINDS; `ref` is the record id ("<source-id>#<n>" for a passage) or,
    for a note, the note's text. `position` is the officer's adapted position line, `comment`
    a remark for the reader; both are the officer's words and never replace a quote.
    """

    kind: str
    ref: str
    position: str | None = None
    comment: str | None = None
    line: int = field(default=0, compare=False)  # where it was loaded from (0: not from a file)

    def __post_init__(self) -> None:
        if self.kind not in ITEM_KINDS:
            raise ValueError(f"unknown item kind {self.kind!r}; expected one of {', '.join(ITEM_KINDS)}")
        if not isinstance(self.ref, str) or (self.kind != "note" and not self.ref):
            raise ValueError(f"a {self.kind} item needs an id")

    @classmethod
    def note(cls, text: str, comment: str | None = None) -> "Item":
        return cls("note", text, comment=comment)

    @property
    def is_note(self) -> bool:
        return self.kind == "note"

    @property
    def passage_ref(self) -> tuple[str, int] | None:
        """(source id, passage number) for a well-formed passage id, else None."""
        if self.kind != "passage":
            return None
        m = _PASSAGE.match(self.ref)
        return (m.group("source"), int(m.group("n"))) if m else None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {self.kind: self.ref}
        if self.position is not None:
            data["position"] = self.position
        if self.comment is not None:
            data["comment"] = self.comment
        return data


@dataclass
class Section:
    key: str
    items: list[Item] = field(default_factory=list)

    @property
    def title(self) -> str:
        return SECTIONS[self.key]


def _empty_sections() -> list[Section]:
    return [Section(key) for key in SECTION_KEYS]


@dataclass
class Briefing:
    """A debate preparation. `sections` always holds the six sections, in SECTIONS order."""

    name: str
    title: str = ""
    kind: str = DEFAULT_KIND
    committee: str | None = None
    date: str | None = None
    members: list[Member] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=_empty_sections)
    # Where it was loaded from / last saved to, and what that file looked like then.
    path: Path | None = field(default=None, compare=False)
    fingerprint: Fingerprint | None = field(default=None, compare=False)
    # True when loading could not carry everything in the file over into the model (bad YAML,
    # a field of the wrong type, an unknown field): saving over that file would lose it.
    incomplete: bool = field(default=False, compare=False)
    # The text it was loaded from: saving edits that text (comments, order and style kept).
    source_text: str | None = field(default=None, compare=False, repr=False)

    # --- reading ----------------------------------------------------------------------------
    def section(self, key: str) -> Section:
        for sec in self.sections:
            if sec.key == key:
                return sec
        raise KeyError(f"unknown section {key!r}; expected one of {', '.join(SECTION_KEYS)}")

    def items(self) -> Iterator[tuple[str, int, Item]]:
        """Every item as (section key, index in section, item), in pack order."""
        for sec in self.sections:
            for i, item in enumerate(sec.items):
                yield sec.key, i, item

    def find(self, kind: str, ref: str) -> list[tuple[str, int]]:
        """Where an item for this record already is: [(section key, index)]."""
        return [(k, i) for k, i, it in self.items() if it.kind == kind and it.ref == ref]

    def __len__(self) -> int:
        return sum(len(sec.items) for sec in self.sections)

    # --- editing (what the TUI calls) -------------------------------------------------------
    def _item(self, section_key: str, index: int) -> Item:
        items = self.section(section_key).items
        if not 0 <= index < len(items):
            raise IndexError(f"no item {index} in section {section_key!r} ({len(items)} items)")
        return items[index]

    def add(self, section_key: str | None, item: Item, index: int | None = None) -> int:
        """Add an item (to its kind's default section when `section_key` is None); its index."""
        items = self.section(section_key or DEFAULT_SECTION[item.kind]).items
        at = len(items) if index is None else max(0, min(index, len(items)))
        items.insert(at, item)
        return at

    def move(self, section_key: str, index: int, delta: int) -> int:
        """Move an item up (delta < 0) or down within its section; returns its new index."""
        items = self.section(section_key).items
        item = self._item(section_key, index)
        new = max(0, min(index + delta, len(items) - 1))
        if new != index:
            items.pop(index)
            items.insert(new, item)
        return new

    def move_to(self, section_key: str, index: int, target_key: str, target_index: int | None = None) -> int:
        """Move an item to another section (at the end unless `target_index`); its new index."""
        target = self.section(target_key).items
        item = self._item(section_key, index)
        self.section(section_key).items.pop(index)
        at = len(target) if target_index is None else max(0, min(target_index, len(target)))
        target.insert(at, item)
        return at

    def remove(self, section_key: str, index: int) -> Item:
        item = self._item(section_key, index)
        self.section(section_key).items.pop(index)
        return item

    def set_position(self, section_key: str, index: int, text: str | None) -> None:
        """Set (or with None / blank, clear) the officer's adapted position line of an item."""
        item = self._item(section_key, index)
        if item.is_note:
            raise BriefingError("a note has no position line; edit the note's text instead")
        item.position = _clean_line(text)

    def set_comment(self, section_key: str, index: int, text: str | None) -> None:
        item = self._item(section_key, index)
        item.comment = text if text and text.strip() else None

    def set_note(self, section_key: str, index: int, text: str) -> None:
        """Replace the text of a note item."""
        item = self._item(section_key, index)
        if not item.is_note:
            raise BriefingError(f"item {index} of {section_key!r} is a {item.kind}, not a note")
        item.ref = text

    # --- serialising ------------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "kind": self.kind}
        if self.committee is not None:
            data["committee"] = self.committee
        if self.date is not None:
            data["date"] = self.date
        data["members"] = [
            {"name": m.name, "party": m.party} if m.party is not None else {"name": m.name} for m in self.members
        ]
        data["agenda"] = [a.to_data() for a in self.agenda]
        data["sections"] = [
            {"key": sec.key, "items": [it.to_data() for it in sec.items]} for sec in self.sections
        ]
        return data

    def to_yaml(self) -> str:
        header = (
            f"# Briefing '{self.name}': debate metadata and the sections of the pack.\n"
            "# Format: docs/briefing-format.md (schema: src/briefing_tui/schemas/briefing.schema.json)\n"
        )
        body = yaml.dump(
            self.to_data(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
        )
        return header + body


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes multi-line text (notes, comments) as readable literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(ch in value for ch in "\r\t") and value == value.rstrip(" "):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def _clean_line(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def validate_name(name: str) -> str:
    """A briefing name is a file name without extension: letters, digits, '.', '_', '-'."""
    if not isinstance(name, str) or not _NAME.match(name) or name.endswith((".yaml", ".yml")):
        raise BriefingError(
            f"geen geldige naam voor een briefing: {name!r} (gebruik letters, cijfers, '-', '_' en '.', "
            "geen mappen en geen extensie; bijv. 'cd-wapenbeheersing-2024')"
        )
    if not name_fits(f"{name}.yaml"):
        raise BriefingError(
            f"naam te lang ({len(name)} tekens): een bestandsnaam mag hoogstens {MAX_FILE_NAME - 5} tekens "
            "hebben plus '.yaml'; kies een kortere naam"
        )
    return name


def new_briefing(
    name: str,
    title: str | None = None,
    kind: str = DEFAULT_KIND,
    committee: str | None = None,
    date: str | None = None,
    members: list[Member] | None = None,
    agenda: list[AgendaEntry] | None = None,
) -> Briefing:
    """A new, empty briefing (not yet saved). The title defaults to the name."""
    validate_name(name)
    if date is not None and not is_valid_date(date):
        raise BriefingError(f"geen datum van de vorm JJJJ-MM-DD (of JJJJ-MM, JJJJ): {date!r}")
    return Briefing(
        name=name,
        title=title if title else name,
        kind=kind or DEFAULT_KIND,
        committee=committee,
        date=date,
        members=list(members or []),
        agenda=list(agenda or []),
    )


# --- loading ----------------------------------------------------------------------------------


def _read_text(path: Path) -> tuple[str, Fingerprint]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BriefingError(f"{path}: dit briefingbestand bestaat niet") from None
    except OSError as exc:
        raise BriefingError(f"{path}: kan niet gelezen worden: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise BriefingError(f"{path}: is een map, geen briefingbestand")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
        raise BriefingError(f"{path}: geen gewoon bestand (maar een apparaat, pipe of socket); geen briefing")
    try:
        with open(path, "rb") as fh:
            mtime_ns = os.fstat(fh.fileno()).st_mtime_ns
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BriefingError(f"{path}: dit briefingbestand bestaat niet") from None
    except IsADirectoryError:
        raise BriefingError(f"{path}: is een map, geen briefingbestand") from None
    except OSError as exc:
        raise BriefingError(f"{path}: kan niet gelezen worden: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise BriefingError(f"{path}: groter dan {MAX_BYTES // (1024 * 1024)} MB; geen briefingbestand")
    if b"\x00" in data:
        raise BriefingError(f"{path}: een binair bestand, geen briefing (YAML-tekst)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefingError(f"{path}:{line}: geen UTF-8-tekst (byte 0x{data[exc.start]:02x}); sla het bestand op als UTF-8") from None
    return text.removeprefix("\ufeff"), _fingerprint_of(data, mtime_ns)


def load_briefing(
    path: str | os.PathLike, corpus: Corpus | None = None, *, display: str | None = None
) -> tuple[Briefing, list[Problem]]:
    """Read a briefing file; problems as `path:line: message`.

    With a corpus, every id is checked against it (unknown ids are errors, superseded
    statements warnings). Items with unknown ids are kept, so saving loses nothing.
    Raises BriefingError only when the file cannot be read as a YAML mapping at all.
    `display` is the path as problems show it (default: `path` as given).
    """
    from briefing_tui.briefing_read import read_briefing_text

    p = Path(path)
    text, fp = _read_text(p)
    shown = display or str(path)
    name = p.name.rsplit(".", 1)[0] if p.suffix in (".yaml", ".yml") else p.name
    briefing = Briefing(name=name, path=p, fingerprint=fp, sections=_empty_sections())
    try:
        briefing, problems = read_briefing_text(text, shown, briefing)
    except ValueError as exc:
        raise BriefingError(f"{path}: {exc}") from None
    briefing.source_text = text
    if corpus is not None:
        problems += check_references(briefing, corpus, shown)
    return briefing, problems


# --- references -------------------------------------------------------------------------------


def check_references(briefing: Briefing, corpus: Corpus, path: str | None = None) -> list[Problem]:
    """Unknown ids (errors) and superseded statements (warnings), as `path:line: message`.

    A superseded statement is a warning whether the briefing holds it directly, a qa item in
    the briefing draws on it (one warning per qa item and statement), or a passage, an answer, a
    motion's follow-up or a commitment's quote repeats its quote (`carried.CarriedStatements`).
    """
    from briefing_tui.carried import CarriedStatements

    shown = path or (str(briefing.path) if briefing.path else f"{briefing.name}.yaml")
    out: list[Problem] = []
    carried = CarriedStatements(corpus)
    for entry in briefing.agenda:
        if entry.source is not None and entry.source not in corpus.sources:
            out.append(Problem(shown, entry.line, "briefing.agenda_unknown_source", {"source": entry.source}))
        elif entry.number is not None:
            from briefing_tui.agenda import parse_number

            if parse_number(entry.number) is None:
                out.append(Problem(shown, entry.line, "briefing.agenda_bad_number", {"number": entry.number}))
    for key, _, item in briefing.items():
        where = SECTIONS[key]
        if item.kind == "note":
            continue
        if item.kind == "passage":
            pr = item.passage_ref
            if pr is None:
                out.append(Problem(shown, item.line, "briefing.passage_ref", {"section": where, "ref": item.ref}))
                continue
            src_id, n = pr
            if src_id not in corpus.sources:
                out.append(Problem(shown, item.line, "briefing.passage_unknown_source", {"section": where, "ref": item.ref, "source": src_id}))
                continue
            count = passage_count(corpus, src_id)
            if count is None:
                out.append(Problem(shown, item.line, "briefing.passage_text_unreadable", {"section": where, "ref": item.ref, "source": src_id}))
            elif n > count:
                out.append(Problem(shown, item.line, "briefing.passage_out_of_range",
                                   {"section": where, "ref": item.ref, "source": src_id, "count": count}))
            else:
                out += _carried_warnings(carried, item, shown, where, ())
            continue
        record = corpus.get(item.kind, item.ref)
        if record is None:
            out.append(Problem(shown, item.line, "briefing.unknown_record", {"section": where, "kind": item.kind, "ref": item.ref}))
            continue
        for src_id in _cited_sources(item.kind, record, corpus):
            if src_id and src_id not in corpus.sources:
                out.append(Problem(shown, item.line, "briefing.cites_unknown_source",
                                   {"section": where, "kind": item.kind, "ref": item.ref, "source": src_id}))
        if item.kind == "statement" and not corpus.is_current(item.ref):
            latest = corpus.latest_in_chain(item.ref)
            out.append(Problem(shown, item.line, "briefing.superseded", {"section": where, "ref": item.ref, "latest": latest},
                               severity="warning"))
        elif item.kind == "statement" and corpus.updated_by(item.ref):
            out.append(Problem(shown, item.line, "briefing.updated",
                               {"section": where, "ref": item.ref, "newer": corpus.updated_by(item.ref),
                                "holds": corpus.still_holds(item.ref) or ""}, severity="warning"))
        if item.kind == "qa":
            # An answer of 2021 may hold positions replaced since: the pack flags each one where
            # it lists the statements drawn from the answer, and the officer hears of it here.
            for sid in dict.fromkeys(record.statements):
                if sid in corpus.statements and not corpus.is_current(sid):
                    latest = corpus.latest_in_chain(sid)
                    out.append(Problem(shown, item.line, "briefing.qa_superseded",
                                       {"section": where, "ref": item.ref, "statement": sid, "latest": latest},
                                       severity="warning"))
        if item.kind in ("qa", "motion", "commitment"):
            drawn = record.statements if item.kind == "qa" else ()
            out += _carried_warnings(carried, item, shown, where, drawn)
    return out


def _carried_warnings(carried, item: "Item", shown: str, where: str, reported) -> list[Problem]:
    """A warning for each superseded statement whose quote the item repeats (not already
    reported as drawn from a qa answer)."""
    corpus = carried.corpus
    return [
        Problem(shown, item.line, "briefing.repeats_superseded",
                {"section": where, "kind": item.kind, "ref": item.ref, "statement": sid,
                 "latest": corpus.latest_in_chain(sid)}, severity="warning")
        for sid in carried.in_item(item.kind, item.ref) if sid not in reported
    ]


def _cited_sources(kind: str, record: Any, corpus: Corpus) -> list[str]:
    """Every source the pack will cite for this record."""
    if kind == "statement":
        ids = [record.source]
        latest = corpus.statements.get(corpus.latest_in_chain(record.id))
        if latest is not None:
            ids.append(latest.source)
        ids += [s.source for s in corpus.timeline(record.topic)]
    elif kind == "commitment":
        ids = [record.source, record.fulfilled_by]
    elif kind == "motion":
        ids = [record.request_source] + [f.source for f in record.follow_up]
    else:  # qa: its source, and the statements drawn from the answer with what replaced them
        ids = [record.source]
        for sid in record.statements:
            st = corpus.statements.get(sid)
            if st is None:
                continue
            ids.append(st.source)
            latest = corpus.statements.get(corpus.latest_in_chain(sid))
            if latest is not None:
                ids.append(latest.source)
    return list(dict.fromkeys(i for i in ids if i))


def passages_of(corpus: Corpus, source_id: str) -> list:
    """The passages of a source as search numbers them (passage n is element n-1)."""
    from briefing_tui.passages import passage_input, split_passages

    return list(split_passages(passage_input(corpus.sources.get(source_id), corpus.source_text(source_id))))


def passage_count(corpus: Corpus, source_id: str) -> int | None:
    try:
        return len(passages_of(corpus, source_id))
    except OSError:
        return None


# --- saving -----------------------------------------------------------------------------------


def save_briefing(
    briefing: Briefing,
    path: str | os.PathLike | None = None,
    *,
    expected: Fingerprint | None = None,
    force: bool = False,
) -> Fingerprint:
    """Write the briefing atomically; returns the new fingerprint (also set on the briefing).

    `expected` is the fingerprint the caller last saw (from load or the previous save). When
    given and the file on disk no longer has those bytes (changed or deleted), nothing is
    written and BriefingConflict is raised. A briefing that was not read completely is not
    saved over its own file (BriefingError) unless `force`.
    """
    target = Path(path) if path is not None else briefing.path
    if target is None:
        raise BriefingError(f"briefing {briefing.name!r} heeft geen bestand om in op te slaan")
    if briefing.incomplete and not force and briefing.path is not None and _same_file(target, briefing.path):
        raise BriefingError(
            f"{target}: niet opgeslagen: door fouten in het bestand kon een deel ervan niet worden gelezen, "
            "en opslaan zou dat deel laten vallen. Herstel eerst het bestand (zie de meldingen)."
        )
    text = _file_text(briefing, target)
    data = text.encode("utf-8")

    def check() -> None:
        if expected is None:
            return
        now = fingerprint(target)
        if now is None:
            raise BriefingConflict(target, "het bestand is verwijderd of verplaatst sinds het werd geopend; niet opgeslagen")
        if not now.same_content(expected):
            raise BriefingConflict(target, "het bestand is op schijf gewijzigd sinds het werd geopend (elders bewerkt?); "
                                           "niet opgeslagen, zodat die wijziging niet verloren gaat")

    if not target.parent.is_dir():
        raise BriefingError(f"{target}: de map {target.parent} bestaat niet")
    try:
        atomic_write_bytes(target, data, before_replace=check)
    except BriefingConflict:
        raise
    except OSError as exc:
        raise BriefingError(f"{target}: kan niet geschreven worden: {exc.strerror or exc}") from None
    fp = fingerprint(target)
    assert fp is not None
    briefing.path = target
    briefing.fingerprint = fp
    briefing.incomplete = False
    _remember_text(briefing, text)
    return fp


def _file_text(briefing: Briefing, target: Path) -> str:
    """What to write: the loaded text with the changes applied (comments, order and style kept),
    or, for a new file or one that cannot be edited safely, the plain layout."""
    old = briefing.source_text
    if old is not None and briefing.path is not None and _same_file(target, briefing.path):
        from briefing_tui.briefing_write import render

        text = render(briefing, old.replace("\r\n", "\n"))
        if text is not None:
            return text.replace("\n", "\r\n") if "\r\n" in old else text
    return briefing.to_yaml()


def _remember_text(briefing: Briefing, text: str) -> None:
    from briefing_tui.briefing_write import relink_lines

    briefing.source_text = text
    relink_lines(briefing, text.replace("\r\n", "\n"))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def ensure_folder(folder: Path) -> None:
    """Create the briefings folder when it is not there; BriefingError when it cannot be one."""
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        raise BriefingError(f"{folder}: de map voor briefings is geen map (maar een bestand); geef --briefings DIR")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(
            f"{folder}: de map voor briefings kan niet worden gemaakt ({exc.strerror or exc}); geef --briefings DIR"
        ) from None


def create_briefing(briefing: Briefing, folder: str | os.PathLike) -> Path:
    """Save a new briefing as `<folder>/<name>.yaml`; refuses to overwrite an existing file."""
    folder = Path(folder)
    target = folder / f"{validate_name(briefing.name)}.yaml"
    if target.exists():
        raise BriefingError(f"{target}: bestaat al; kies een andere naam (er is niets veranderd)")
    ensure_folder(folder)

    def still_absent() -> None:
        if target.exists():
            raise BriefingConflict(target, "is zojuist door iemand anders aangemaakt; niet overschreven")

    data = briefing.to_yaml().encode("utf-8")
    try:
        atomic_write_bytes(target, data, before_replace=still_absent)
    except BriefingConflict:
        raise
    except OSError as exc:
        raise BriefingError(f"{target}: kan niet geschreven worden: {exc.strerror or exc}") from None
    briefing.path = target
    briefing.fingerprint = fingerprint(target)
    briefing.source_text = data.decode("utf-8")
    return target
