"""Load a content folder into a `Corpus`, never raising on bad files.

    corpus = load_content("content")
    corpus.problems      # Problem(path, line, code, data) for every file-level and field-level error

What is read (see docs/content-format.md): the files `files.scan_content` lists as content:

    sources/<id>.yaml (+ sources/<id>.txt), domains/*.yaml, forums/*.yaml (with their
    statements), commitments.yaml, motions.yaml, qa.yaml, synonyms.yaml

Paths in problems are relative to the content folder's parent ("content/domains/laws.yaml"), or
to `report_root` when given.

The shape of every file is checked against its JSON Schema (`briefing_tui.schema`: unknown
keys, missing required fields, wrong types, malformed ids and values). On top of that the
loader checks what a schema cannot: ids defined twice anywhere in the content (both places are
reported; the first definition is kept) and ids that differ from their file's name. A record
with a problem in a field is still loaded (with an empty value for that field) when it has a
usable id, so references to it resolve and one mistake is reported once. Cross-references,
dates and quotes are checked by `briefing_tui.validate.check`.

Every record gets `loc = Loc(path, line)`; with `field_lines=True` the line of each field is
kept as well (`corpus.line_of(kind, id, field)`), so a problem can point at the field itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable

from briefing_tui.files import TOP_LEVEL_FILES, YAML_SUFFIXES, ContentScan, display_path, scan_content
from briefing_tui.forkpool import Ahead
from briefing_tui.gcpause import paused_gc
from briefing_tui.model import (
    NO_ENTRIES,
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
    Vote,
    unique,
)
from briefing_tui.schema import validate
from briefing_tui.yamlio import LineDict, LineList, load_yaml, read_text
from briefing_tui.yamlitems import ItemCache

__all__ = ["PARTS", "Only", "load_content", "load_only", "units_of"]

PARTS = ("sources", "domains", "forums", "commitments", "motions", "qa", "synonyms")
_TOP_SCHEMAS = {"commitments.yaml": "commitments", "motions.yaml": "motions", "qa.yaml": "qa", "synonyms.yaml": "synonyms"}


@dataclass(frozen=True)
class Only:
    """Some of the content's files, for `load_only`: sources by file stem (the `.yaml` and the
    `.txt`), domain and forum files by path relative to the content folder ("domains/ai.yaml"),
    top-level files by name ("qa.yaml")."""

    sources: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    top: frozenset[str] = frozenset()


def units_of(paths) -> Only | None:
    """What the loader reads again for these changed content files ("domains/ai.yaml",
    "sources/x.txt", "qa.yaml"): the one map from files to the loader's units, for the store's
    snapshot patch and the partial index update. None for a change that only a full load handles
    (an unknown top-level YAML file: a warning of the full load). Files the loader does not read
    are left out."""
    sources, areas, top = set(), set(), set()
    for rel in paths:
        parts = rel.split("/")
        name = parts[-1]
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix if dot else ""
        if len(parts) == 1:
            if name in TOP_LEVEL_FILES:
                top.add(name)
            elif suffix in YAML_SUFFIXES:
                return None
        elif len(parts) == 2 and parts[0] == "sources" and stem and suffix in (*YAML_SUFFIXES, ".txt"):
            sources.add(stem)
        elif len(parts) == 2 and parts[0] in ("domains", "forums") and stem and suffix in YAML_SUFFIXES:
            areas.add(rel)
    return Only(frozenset(sources), frozenset(areas), frozenset(top))


def load_content(
    root: Path | str,
    *,
    report_root: Path | str | None = None,
    parts: tuple[str, ...] | None = None,
    field_lines: bool = True,
    scan: ContentScan | None = None,
    keep_texts: bool = True,
    items: ItemCache | None = None,
) -> Corpus:
    """Read a content folder into a linked Corpus; problems are collected, never raised.

    `parts` loads only some kinds of files (e.g. ("sources", "synonyms") for what search needs
    beside its index); source texts are then not read up front (`Corpus.source_text` reads them
    when asked). None loads and checks everything. `field_lines=False` skips the table of each
    field's line (only `briefing check` needs it to point at a field rather than its record).
    `scan` is the folder's scan when the caller has one already. `keep_texts=False` reads and
    checks every source text but does not keep it (`Corpus.source_text` reads it again when
    asked): a knowledge base of tens of thousands of documents is never held in memory whole.
    `items`: the knowledge base's kept parses, with which a large domain or forum file is parsed
    again only where it changed (`yamlitems`; the same data as parsing it whole).
    """
    with paused_gc():  # everything loaded stays alive: collections would only re-walk it
        return _Loader(Path(root), report_root, parts, field_lines, None, scan, keep_texts, items).run()


def load_only(root: Path | str, only: Only, *, field_lines: bool = False, scan: ContentScan | None = None,
              items: ItemCache | None = None) -> Corpus:
    """Load some files exactly as `load_content` loads them within the whole folder, except for
    what depends on other files: ids are checked for duplicates among these files only, and
    unknown top-level files are not reported. For the store's partial loads, which put them
    together with the unchanged rest of a corpus (and check the ids across). `scan` is the
    folder's scan when the caller has one (a large folder is then not walked again); it must hold
    these files and their siblings (the update after an import passes only those of sources/).
    `items`: as for `load_content`."""
    with paused_gc():
        return _Loader(Path(root), None, None, field_lines, only, scan, items=items).run()


def _s(record: Any, key: str) -> str:
    value = record.get(key) if isinstance(record, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _opt(record: Any, key: str) -> str | None:
    value = _s(record, key)
    return value or None


def _strmap(record: Any, key: str) -> dict[str, str]:
    value = record.get(key) if isinstance(record, dict) else None
    if not isinstance(value, dict) or not value:
        return NO_ENTRIES  # one for all: see `model.NO_ENTRIES`
    return {k: v.strip() for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _due(record: Any) -> dict[str, str] | None:
    """A commitment's `due` override ({from, to, evidence}; briefing_tui.deadlines), or None."""
    due = _strmap(record, "due")
    return dict(due) if due else None


def _t(record: Any, key: str) -> tuple[str, ...]:
    value = record.get(key) if isinstance(record, dict) else None
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _list(record: Any, key: str) -> list:
    value = record.get(key) if isinstance(record, dict) else None
    return value if isinstance(value, list) else []


def _people(items: list) -> tuple[Person, ...]:
    return tuple(Person(_s(p, "name"), _opt(p, "role"), _opt(p, "party")) for p in items if _s(p, "name"))


def _kamerstuk(value: Any) -> Kamerstuk | None:
    if not isinstance(value, dict) or not _s(value, "dossier") or not _s(value, "number"):
        return None
    return Kamerstuk(_s(value, "dossier"), _s(value, "number"), _opt(value, "year"))


def _aanhangsel(value: Any) -> Aanhangsel | None:
    if not isinstance(value, dict) or not _s(value, "year") or not _s(value, "number"):
        return None
    return Aanhangsel(_s(value, "year"), _s(value, "number"))


def _line(record: Any, default: int = 1) -> int:
    return record.line if isinstance(record, (LineDict, LineList)) else default


_KIND_NOUNS = {"source": "bron", "domain": "domein", "forum": "forum", "statement": "standpunt",
               "commitment": "toezegging", "motion": "motie", "qa": "vraag"}


_AREA_SCHEMAS = ("domain", "forum")


def read_checked(path: Path, display: str, schema_name: str, items: ItemCache | None = None,
                 rel: str = "") -> tuple[Any, list[Problem]]:
    """A content file's data (None when unreadable) and its problems, schema problems included.
    `items` (with the file's path `rel` in the content folder): a large domain or forum file is
    parsed again only where it changed since the kept parse (`yamlitems`)."""
    if items is not None and schema_name in _AREA_SCHEMAS:
        data, problems = load_yaml(path, display, parse=partial(items.parse, rel))
    else:
        data, problems = load_yaml(path, display)
    if data is not None:
        problems = [*problems, *validate(data, schema_name, display)]
    return data, problems


def _read_batch(root: str, files: list[tuple[str, str, str]], items: ItemCache | None = None) -> list[tuple[Any, list[Problem]]]:
    return [read_checked(Path(root) / rel, display, schema, items, rel) for rel, schema, display in files]


READ_AHEAD_MIN_BYTES = 4_000_000  # YAML to read before worker processes parse ahead
READ_AHEAD_BATCH_BYTES = 256 * 1024  # files sent to a worker together (thousands of small sources)


class _ReadAhead:
    """The YAML files of a full load parsed and checked by worker processes (`forkpool.Ahead`)
    in the order the loader reads them, in batches; the loader takes each file's result, or
    reads the file itself when it was not read ahead (the same function: the same result)."""

    def __init__(self, items: ItemCache | None) -> None:
        self._ahead = Ahead(partial(_read_batch, items=items), per_worker=4)
        self._batch_of: dict[str, int] = {}
        self._taken: dict[str, tuple[Any, list[Problem]]] = {}
        self._items: list[list[tuple[str, str, str]]] = []

    def start(self, plan: list[tuple[str, str, str, int]], root: Path) -> bool:
        batch: list[tuple[str, str, str]] = []
        size = 0
        for rel, schema, display, n in plan:
            batch.append((rel, schema, display))
            self._batch_of[rel] = len(self._items)
            size += n
            if size >= READ_AHEAD_BATCH_BYTES:
                self._items.append(batch)
                batch, size = [], 0
        if batch:
            self._items.append(batch)
        return self._ahead.start((i, partial(tuple, (str(root), b))) for i, b in enumerate(self._items))

    def take(self, rel: str) -> tuple[Any, list[Problem]] | None:
        if rel in self._taken:
            return self._taken.pop(rel)
        i = self._batch_of.pop(rel, None)
        if i is None:
            return None
        done, results = self._ahead.take(i)
        if not done:
            return None
        for (other, _, _), result in zip(self._items[i], results):
            self._taken[other] = result
        return self._taken.pop(rel, None)

    def close(self) -> None:
        self._ahead.close()


class _Loader:
    def __init__(self, root: Path, report_root: Path | str | None, parts: tuple[str, ...] | None,
                 field_lines: bool, only: Only | None, scan: ContentScan | None, keep_texts: bool = True,
                 items: ItemCache | None = None) -> None:
        self.root = root.resolve()
        self.keep_texts = keep_texts
        self.items = items
        wanted = set(PARTS if parts is None else parts)
        if wanted - set(PARTS):
            raise ValueError(f"unknown content parts: {sorted(wanted - set(PARTS))}")
        self.wanted = wanted
        self.parts = parts
        self.base = Path(report_root).resolve() if report_root is not None else self.root.parent
        self.field_lines = field_lines
        self.only = only
        self.scan = scan
        self.corpus = Corpus(root=str(self.root))
        self.ids: dict[str, tuple[str, Loc]] = {}  # id -> (kind, where)
        # Equal values (source ids, topics, locators, tag tuples, repeated quotes) are stored once:
        # at 100,000 statements that is most of the corpus's memory.
        self._shared: dict[Any, Any] = {}
        self._prefix: str | None = None  # the content folder as shown, before every file's path
        self._ahead: _ReadAhead | None = None

    def share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def shown(self, rel: str) -> str:
        if self._prefix is None:
            self._prefix = display_path(self.root, self.base)
        return rel if self._prefix == "." else f"{self._prefix}/{rel}"

    def problem(self, path: str, line: int, code: str, data: dict | None = None, severity: str = "error") -> None:
        self.corpus.problems.append(Problem(path, line, code, data or {}, severity))

    def read(self, rel: str, schema_name: str) -> tuple[Any, str]:
        display = self.shown(rel)
        self.corpus.files.append(display)
        found = self._ahead.take(rel) if self._ahead is not None else None
        data, problems = found if found is not None else read_checked(self.root / rel, display, schema_name,
                                                                      self.items, rel)
        self.corpus.problems.extend(problems)
        return data, display

    def _read_ahead(self, scan: ContentScan) -> None:
        """Every file a full load reads, in the order `run` reads them: parsed ahead by worker
        processes when there is enough YAML (`_ReadAhead`)."""
        plan = [(f"sources/{name}", "source") for name in scan.in_folder("sources")] if "sources" in self.wanted else []
        for kind, folder in (("domain", "domains"), ("forum", "forums")):
            if folder in self.wanted:
                plan += [(f"{folder}/{name}", kind) for name in scan.in_folder(folder)]
        present = set(scan.top_level())
        plan += [(name, _TOP_SCHEMAS[name]) for name in TOP_LEVEL_FILES
                 if name in _TOP_SCHEMAS and name in present and name.removesuffix(".yaml") in self.wanted]
        sizes = {rel: scan.files[rel].size for rel, _ in plan if rel in scan.files}
        if sum(sizes.values()) >= READ_AHEAD_MIN_BYTES:
            ahead = _ReadAhead(self.items)
            if ahead.start([(rel, schema, self.shown(rel), sizes.get(rel, 0)) for rel, schema in plan], self.root):
                self._ahead = ahead

    # -- ids --
    def register(self, kind: str, record: Any, display: str) -> str | None:
        """Register a record's id; None when the record cannot be kept (no usable id, or a
        duplicate). The schema has reported a missing or malformed id already."""
        if not isinstance(record, dict):
            return None
        rid = record.get("id")
        if not isinstance(rid, str) or not rid.strip():
            return None
        rid = rid.strip()
        line = record.key_line("id") if isinstance(record, LineDict) else _line(record)
        loc = Loc(display, line)
        if rid in self.ids:
            other_kind, other = self.ids[rid]
            self.problem(display, line, "content.duplicate_id",
                         {"id": rid, "other_kind": _KIND_NOUNS.get(other_kind, other_kind), "other": f"{other.path}:{other.line}"})
            self.problem(other.path, other.line, "content.duplicate_id_again",
                         {"id": rid, "other_kind": _KIND_NOUNS.get(kind, kind), "other": f"{display}:{line}"})
            return None
        self.ids[rid] = (kind, loc)
        if self.field_lines and isinstance(record, LineDict):
            self.corpus.field_lines[(kind, rid)] = {"": record.line, **record.key_lines}
        return rid

    # -- the folder --
    def run(self) -> Corpus:
        scan = self.scan if self.scan is not None else scan_content(self.root, report_base=self.base)
        if self.only is None and scan.exists:
            self._read_ahead(scan)
        try:
            return self._run(scan)
        finally:
            if self._ahead is not None:
                self._ahead.close()
                self._ahead = None

    def _run(self, scan: ContentScan) -> Corpus:
        corpus = self.corpus
        if self.only is None:
            corpus.problems.extend(scan.problems)
        if not scan.exists:
            return corpus.link()
        if self.only is None and self.parts is None and not scan.files and not scan.problems:
            self.problem(display_path(self.root, self.base), 1, "content.no_knowledge_base")
        only = self.only
        if "sources" in self.wanted and (only is None or only.sources):
            self.sources(scan)
        for kind, folder in (("domain", "domains"), ("forum", "forums")):
            if folder not in self.wanted:
                continue
            for name in scan.in_folder(folder):
                rel = f"{folder}/{name}"
                if only is not None and rel not in only.areas:
                    continue
                data, display = self.read(rel, kind)
                if data is not None:
                    self.area(kind, folder, name.rpartition(".")[0], data, display)
        loaders: dict[str, Callable[[Any, str], None]] = {
            "commitments.yaml": self.commitments, "motions.yaml": self.motions,
            "qa.yaml": self.qa, "synonyms.yaml": self.synonyms,
        }
        present = set(scan.top_level())
        for name in TOP_LEVEL_FILES:
            if only is not None and name not in only.top:
                continue
            if name.removesuffix(".yaml") in self.wanted and name in present:
                data, display = self.read(name, _TOP_SCHEMAS[name])
                if data is not None:
                    loaders[name](data, display)
        if self.parts is None and only is None:
            for name in sorted(present):
                if name.endswith((".yaml", ".yml")) and name not in TOP_LEVEL_FILES:
                    self.problem(self.shown(name), 1, "content.unknown_file",
                                 {"name": name, "expected": list(TOP_LEVEL_FILES)}, "warning")
        return corpus.link()

    def sources(self, scan: ContentScan) -> None:
        corpus = self.corpus
        stems = self.only.sources if self.only is not None else None
        yaml_names = scan.in_folder("sources")
        have_yaml = {n.rpartition(".")[0] for n in yaml_names}
        for txt in scan.in_folder("sources", (".txt",)):
            stem = txt[:-4]
            if stem not in have_yaml and (stems is None or stem in stems):
                self.problem(self.shown(f"sources/{txt}"), 1, "content.text_without_metadata", {"stem": stem}, "warning")
        texts = set(scan.in_folder("sources", (".txt",)))
        read_texts = self.parts is None
        for name in yaml_names:
            stem = name.rpartition(".")[0]
            if stems is not None and stem not in stems:
                continue
            data, display = self.read(f"sources/{name}", "source")
            rid = self.register("source", data, display) if data is not None else None
            if rid is None:
                continue
            id_line = data.key_line("id") if isinstance(data, LineDict) else 1
            if rid != stem:
                self.problem(display, id_line, "content.id_differs_from_file", {"kind": "bron", "id": rid, "stem": stem})
            txt_rel = f"sources/{stem}.txt"
            if not read_texts:
                pass  # read on demand by Corpus.source_text
            elif f"{stem}.txt" not in texts:
                self.problem(display, id_line, "content.source_without_text", {"stem": stem}, "warning")
                corpus.unreadable_texts.add(rid)
                corpus.set_text(rid, "")
            else:
                text, problems = read_text(self.root / txt_rel, self.shown(txt_rel))
                corpus.problems.extend(problems)
                if text is None:
                    corpus.unreadable_texts.add(rid)
                    corpus.set_text(rid, "")
                elif self.keep_texts:
                    corpus.set_text(rid, text)
            corpus.sources[rid] = Source(
                id=rid,
                kind=_s(data, "kind"),
                title=_s(data, "title"),
                date=_opt(data, "date"),
                ministers=_people(_list(data, "ministers")),
                ministry=_opt(data, "ministry"),
                members=_people(_list(data, "members")),
                kamerstuk=_kamerstuk(data.get("kamerstuk")),
                aanhangsel=_aanhangsel(data.get("aanhangsel")),
                url=_opt(data, "url"),
                summary=_opt(data, "summary"),
                notes=_opt(data, "notes"),
                seed_file=_opt(data, "seed_file"),
                inferred=_strmap(data, "inferred"),
                established=dict(_strmap(data, "established")),
                kamervragen=_opt(data, "kamervragen"),
                answers=_opt(data, "answers"),
                answered_by=_opt(data, "answered_by"),
                detected=dict(_strmap(data, "detected")),
                text_path=str(self.root / txt_rel),
                loc=Loc(display, _line(data)),
            )

    def area(self, kind: str, folder: str, stem: str, data: Any, display: str) -> None:
        rid = self.register(kind, data, display)
        if rid is not None:
            if rid != stem:
                line = data.key_line("id") if isinstance(data, LineDict) else 1
                self.problem(display, line, "content.id_differs_from_file", {"kind": _KIND_NOUNS[kind], "id": rid, "stem": stem})
            table = self.corpus.forums if kind == "forum" else self.corpus.domains
            table[rid] = Area(
                id=rid,
                kind=kind,
                name=_s(data, "name"),
                description=_s(data, "description"),
                aliases=_t(data, "aliases"),
                parent=_opt(data, "parent") if kind == "forum" else None,
                inferred=_strmap(data, "inferred"),
                loc=Loc(display, _line(data)),
            )
        home = f"{folder}/{stem}"  # the file is the statement's home, whatever its id field says
        share = self.share
        for st in _list(data, "statements"):
            sid = self.register("statement", st, display)
            if sid is None:
                continue
            domains = _t(st, "domains")
            forums = _t(st, "forums")
            if kind == "domain":
                domains = unique((stem, *domains))
            else:
                forums = unique((stem, *forums))
            self.corpus.statements[sid] = Statement(
                id=sid,
                topic=share(_s(st, "topic")),
                position=_s(st, "position"),
                quote=share(_s(st, "quote")),
                source=share(_s(st, "source")),
                locator=share(_s(st, "locator")),
                domains=share(domains),
                forums=share(forums),
                supersedes=share(_t(st, "supersedes")),
                updates=_strmap(st, "updates"),
                date=share(_opt(st, "date")),
                note=_opt(st, "note"),
                key=st.get("key") is True,
                home=home,
                inferred=_strmap(st, "inferred"),
                loc=Loc(display, _line(st)),
            )

    def commitments(self, data: Any, display: str) -> None:
        for rec in _list(data, "commitments"):
            rid = self.register("commitment", rec, display)
            if rid is None:
                continue
            self.corpus.commitments[rid] = Commitment(
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
                inferred=_strmap(rec, "inferred"),
                official=_strmap(rec, "official"),
                due=_due(rec),
                loc=Loc(display, _line(rec)),
            )

    def motions(self, data: Any, display: str) -> None:
        for rec in _list(data, "motions"):
            rid = self.register("motion", rec, display)
            if rid is None:
                continue
            follow_ups = []
            for i, fu in enumerate(_list(rec, "follow_up")):
                if not isinstance(fu, dict):
                    continue
                if self.field_lines and isinstance(fu, LineDict):
                    self.corpus.field_lines[("follow_up", f"{rid}#{i}")] = {"": fu.line, **fu.key_lines}
                follow_ups.append(FollowUp(
                    source=_s(fu, "source"), quote=_s(fu, "quote"), locator=_s(fu, "locator"),
                    summary=_s(fu, "summary"), loc=Loc(display, _line(fu)),
                ))
            self.corpus.motions[rid] = Motion(
                id=rid,
                title=_s(rec, "title"),
                request=_s(rec, "request"),
                request_source=_opt(rec, "request_source"),
                request_locator=_s(rec, "request_locator"),
                kamerstuk=_kamerstuk(rec.get("kamerstuk")),
                submitters=_people(_list(rec, "submitters")),
                date=_opt(rec, "date"),
                status=_opt(rec, "status"),
                follow_up=tuple(follow_ups),
                domains=_t(rec, "domains"),
                forums=_t(rec, "forums"),
                inferred=_strmap(rec, "inferred"),
                official=_strmap(rec, "official"),
                votes=tuple(
                    Vote(_s(v, "fractie"), _s(v, "stem"), v.get("zetels"), _opt(v, "vergissing") == "ja")
                    for v in _list(rec, "votes") if isinstance(v, dict)
                ),
                loc=Loc(display, _line(rec)),
            )

    def qa(self, data: Any, display: str) -> None:
        for rec in _list(data, "qa"):
            rid = self.register("qa", rec, display)
            if rid is None:
                continue
            number = rec.get("number")
            self.corpus.qa[rid] = QA(
                id=rid,
                source=_s(rec, "source"),
                number=number if isinstance(number, int) and not isinstance(number, bool) and 0 < number < 2**31 else 0,
                question=_s(rec, "question"),
                answer_locator=_s(rec, "answer_locator"),
                answer=_s(rec, "answer"),
                statements=_t(rec, "statements"),
                domains=_t(rec, "domains"),
                forums=_t(rec, "forums"),
                inferred=_strmap(rec, "inferred"),
                loc=Loc(display, _line(rec)),
            )

    def synonyms(self, data: Any, display: str) -> None:
        groups = _list(data, "groups")
        for i, group in enumerate(groups):
            line = groups.item_line(i) if isinstance(groups, LineList) else 1
            if not isinstance(group, list):
                continue  # reported by the schema
            terms = list(dict.fromkeys(" ".join(t.lower().split()) for t in group if isinstance(t, str) and t.strip()))
            if terms:
                self.corpus.field_lines[("synonyms", str(len(self.corpus.synonyms)))] = {"": line}
                self.corpus.synonyms.append(tuple(terms))
