"""An index update that reads only the changed files, not the whole knowledge base.

A process that has not loaded the content (`briefing index`, `briefing import`, a search after
an edit) would otherwise put the whole corpus together only to write the rows of one file: for
a large knowledge base that costs seconds (benchmarks/RESULTS.md). What the rows of the changed
files need from the rest of the content is kept in the index itself:

    sources    every source's date: a statement without a date of its own, and a question,
               take their source's date
    areas      every domain's and forum's name and aliases: the context of the records that
               carry it
    claims     each statement's `supersedes` (and `records.own_date` its own date): which
               statements are current is recomputed from them after every change
               (`index._refresh_supersession`)
    ids        every record id, for the duplicate check across files

`load_view` is taken only when it gives exactly what loading everything gives: the content had
no errors at the last update, the changed files are content files the loader knows, they load
without errors, and their ids are new to the rest of the content. Otherwise it returns None
and the caller loads the whole corpus. When a domain's or forum's name or aliases change, the
files whose records carry that area are read as well (their context changes).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable

from briefing_tui.content import Only, load_only, units_of
from briefing_tui.files import ContentScan
from briefing_tui.index.records import area_signature, group_of_path
from briefing_tui.model import Area, Corpus, Problem
from briefing_tui.yamlitems import ItemCache

_KINDS = ("statement", "commitment", "motion", "qa")


class IndexedView:
    """The records of some files, with what the rest of the content holds looked up in the index.

    It answers what `records.py` asks of a corpus to write the rows of these files. Sources and
    areas of the files read are their own; any other source's date and any other area's name and
    aliases come from the index (an area or source whose file was read and is gone is unknown).
    Whether a statement is current is not known here: `superseded_by` answers None for every
    statement, and the update recomputes the state of every statement it writes from the
    claims in the index (`index._refresh_supersession`).
    """

    def __init__(self, conn: sqlite3.Connection, part: Corpus, sources: set[str], areas: set[str]) -> None:
        self.part = part
        self.sources = part.sources
        self.statements = part.statements
        self.domains = part.domains
        self.forums = part.forums
        self.commitments = part.commitments
        self.motions = part.motions
        self.qa = part.qa
        self.problems: list[Problem] = list(part.problems)
        self.read_sources = set(sources)  # ids of sources whose files were read (present or gone)
        self.read_areas = set(areas)
        self._conn = conn
        self._source_dates: dict[str, tuple[bool, str | None]] = {}  # id -> (known, date), asked one by one
        self._areas = {
            area_id: Area(area_id, kind, name, aliases=tuple(json.loads(aliases or "[]")))
            for area_id, kind, name, aliases in conn.execute("SELECT id, kind, name, aliases FROM areas")
        }
        self._parts = [part]

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def source_date(self, source_id: str | None) -> str | None:
        if source_id in self.sources or source_id in self.read_sources:
            return self.part.source_date(source_id) if source_id in self.part.sources else None
        return self.indexed_source(source_id)[1] if source_id is not None else None

    def indexed_source(self, source_id: str) -> tuple[bool, str | None]:
        """(whether the index has this source, its date): a lookup per id, not a read of every
        source (27,500 rows cost 30 ms)."""
        found = self._source_dates.get(source_id)
        if found is None:
            row = self._conn.execute("SELECT date FROM sources WHERE id = ?", (source_id,)).fetchone()
            found = self._source_dates[source_id] = (row is not None, row[0] if row else None)
        return found

    def statement_date(self, st) -> str | None:
        return st.date or self.source_date(st.source)

    def area(self, area_id: str) -> Area | None:
        own = self.domains.get(area_id) or self.forums.get(area_id)
        if own is not None or area_id in self.read_areas:
            return own
        return self._areas.get(area_id)

    def superseded_by(self, statement_id: str) -> str | None:
        return None  # recomputed from the index's claims once the rows are written (see the class doc)

    def source_text(self, source_id: str) -> str:
        for part in self._parts:
            if source_id in part.sources:
                return part.source_text(source_id)
        raise KeyError(source_id)

    def add(self, part: Corpus) -> None:
        """Records of more files (read for their context, unchanged otherwise)."""
        for name in ("sources", "statements", "domains", "forums", "commitments", "motions", "qa"):
            getattr(self, name).update(getattr(part, name))
        self.problems.extend(part.problems)
        self._parts.append(part)


def _area_ids(only: Only) -> set[str]:
    return {Path(rel).stem for rel in only.areas}


def load_view(conn: sqlite3.Connection, content: Path, changed: list[str], files: Iterable[str],
              scan: ContentScan | None = None, items: ItemCache | None = None) -> tuple[IndexedView, set[str]] | None:
    """The view of the changed files (relative paths) and the groups to write again; None when
    a full load is needed (see the module doc). `files`: the content files (relative paths),
    among which those that must be read because an area they carry changed (looked through only
    then: 55,000 in a whole dossier). `scan`: the folder's scan (at least the changed files and
    their siblings), so that it is not scanned again. `items`: the kept parses of large area
    files (`yamlitems`)."""
    only = units_of(changed)
    if only is None:
        return None
    part = load_only(content, only, scan=scan, items=items)
    if part.errors():
        return None
    view = IndexedView(conn, part, set(only.sources), _area_ids(only))
    groups = {group_of_path(p) for p in changed}
    # An area whose name or aliases changed: the records that carry it are written again.
    moved = moved_areas(conn, view, view.read_areas | set(view.domains) | set(view.forums))
    if moved:
        carrying = carrying_groups(conn, moved)
        paths = {group_of_path(p): p for p in files}  # group -> a content file of it
        extra = units_of([paths[g] for g in carrying - groups if g in paths])
        if extra is None:
            return None
        more = load_only(content, extra, scan=scan, items=items)
        if more.errors():
            return None
        view.add(more)
        groups |= carrying
        view.read_sources |= set(extra.sources)
        view.read_areas |= _area_ids(extra)
    if _duplicates(conn, view, groups):
        return None
    return view, groups


def moved_areas(conn: sqlite3.Connection, corpus: Corpus | IndexedView, ids) -> set[str]:
    """The areas among `ids` whose name or aliases in `corpus` are not those in the index
    (new and removed areas included)."""
    old = dict(conn.execute("SELECT id, signature FROM areas"))
    return {a for a in ids if (area_signature(corpus, a) if corpus.area(a) else None) != old.get(a)}


def carrying_groups(conn: sqlite3.Connection, area_ids: set[str]) -> set[str]:
    """The groups with records that carry one of these areas (in their context)."""
    out: set[str] = set()
    for area_id in area_ids:
        like = f"%|{area_id}|%"
        out.update(r[0] for r in conn.execute(
            "SELECT DISTINCT grp FROM records WHERE domains LIKE ? OR forums LIKE ?", (like, like)))
    return out


def _duplicates(conn: sqlite3.Connection, view: IndexedView, groups: set[str]) -> bool:
    """Whether an id of the files read is defined elsewhere in the content (the loader's
    duplicate check, across the files read and the rest)."""
    ids = list(dict.fromkeys([*view.sources, *view.domains, *view.forums, *view.statements, *view.commitments,
                              *view.motions, *view.qa]))
    known_areas = set(view._areas) - view.read_areas
    if any(rid in known_areas for rid in ids):
        return True
    from briefing_tui.index import _select_column  # the package imports this module lazily

    # Asked a chunk of ids at a time: an id at a time cost two lookups for each of a large file's
    # 2,500 statements (37 ms).
    kinds = ", ".join(f"'{kind}'" for kind in _KINDS)
    if not _select_column(conn, f"SELECT grp FROM records WHERE kind IN ({kinds}) AND id IN ({{}})", ids) <= groups:
        return True
    return bool(_select_column(conn, "SELECT id FROM sources WHERE id IN ({})",
                               [rid for rid in ids if rid not in view.read_sources]))
