"""The search index: a SQLite FTS5 database derived from `content/`, kept in the cache folder.

    report = update_index(path, content, load)    # bring it up to date; cheap when nothing changed
    report = rebuild_index(path, content, load)   # throw it away and build it again
    report.counts, report.changed, ...             # what it did (the surfaces word it)

Only the knowledge base (`briefing_tui.store`) calls these: it owns the index's path in the
cache folder and how the corpus is loaded (`load`).

Layout (schema version `SCHEMA_VERSION`, stored in `meta`):

    records      one row per statement, passage, commitment, motion and qa: display text columns
                 (text, quote, context), filter columns (kind, domains and forums as '|a|b|',
                 date and its first/last day as YYYYMMDD integers, current), `grp`, the
                 content file it was read from (see `records.py`), and for a statement
                 `own_date` (its date when not its source's). The row id (`rid`) holds the
                 order a broad query is listed in: zone, then first day (`prior_base`)
    claims       (claimer, old, grp): statement `claimer`, from content file `grp`, supersedes `old`
    records_fts  FTS5, external content (content="records"), unicode61 with diacritics removed,
                 prefix indexes for 4 to 8 characters (`PREFIX_LENGTHS`). It indexes
                 `textnorm.index_text` of the three text columns: OCR-repaired and folded,
                 character for character the same length as the display text, so offsets
                 found in one hold in the other.
    files        path, size, mtime_ns, sha256 of every content file at the last update
    areas        domain/forum id -> the name and aliases that other records' context holds
    sources      source id -> date (statements and questions without a date take their source's)
    meta         schema and folding versions, counts, content errors found at the last full read
                 (`errors`), a generation number bumped on every change,
                 and `built`, an id of the full build: (built, generation) names one state of
                 the records (the search engine keys its vocabulary cache by it);
                 `vocab_changes`, the generations whose changes to the terms' counts the
                 table of that name holds (`vocab_delta.py`: a cached vocabulary is brought
                 up to date with them)

Updating: stat every file under `content/` (hidden folders and `_staging/` excepted) and compare
size and mtime_ns with `files`; hash only what differs; a file whose hash changed has its group
deleted and written again (a source's `.yaml` and `.txt` are one group). Statement dates (from
their source) and current/superseded flags cross files; they are plain columns, recomputed from
the index after every change (`sources` holds each source's date, `claims` each statement's
`supersedes`). When a domain's or forum's name or aliases change, the records that carry
it in their context are re-indexed too. A row whose zone or day changes that way (superseded,
current again, redated) is moved to a row id that fits (`_settle`).

An update needs the rows of the changed files only. A process that has the corpus in memory
passes it; one that has not reads just the changed files (`partial.load_view`) when that gives
exactly what reading everything gives, and otherwise loads the corpus (`snapshot.load_corpus`).

Never a crash: a database that is not SQLite (or is damaged), of another schema or folding
version, or locked by another process for longer than `busy_timeout` seconds, is rebuilt from
`content/` into a new file that replaces it atomically.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING, Any, Callable

from briefing_tui.files import RECORD_FOLDERS, ContentScan, scan_content
from briefing_tui.model import Corpus, supersession
from briefing_tui.index import source_files, vocab_delta
from briefing_tui.index.after_write import (
    large_folders, scan_after_writing, scan_outside_large, scan_quick, stored_files, stored_folders, stored_hashes,
)
from briefing_tui.atomic import temporary_name
from briefing_tui.recordjson import encode as encode_record
from briefing_tui.textnorm import FOLD_VERSION, index_text

if TYPE_CHECKING:
    from briefing_tui.index.partial import IndexedView
    from briefing_tui.yamlitems import ItemCache

__all__ = [
    "CONTEXT_SEPARATOR", "SCHEMA_VERSION", "IndexReport", "update_index", "rebuild_index", "connect", "scan_files",
    "index_version", "needs_rebuild", "needs_update", "probe", "quick_check", "QUICK_FOLDER_FILES", "has_large_folder",
]

Loader = Callable[[], Corpus]
# progress(done, total): called while a build writes records (done and total in records, a
# source's passages counting as one); the surfaces show it (`briefing index`, the app).
Progress = Callable[[int, int], None]

# 5: what an update needs from unchanged files (sources, areas, claims); 6: prefix indexes 4-8;
# 7: row ids in prior order by zone and day; 8: folder mtimes for the quick no-change check;
# 9: each source's record and the synonyms, so a search needs nothing but the index
# 10: a motion's context holds its follow-ups' quotes; 12: the statements of a topic by an index
# (proposals read the chains they may continue without the corpus); 13: `source_files`, what an
# import matches a new document on (text fingerprints, kinds, official numbers); 14: a context's
# parts joined by " | " (ASCII: folded and cut into words on the fast path), not " · "
SCHEMA_VERSION = 14
# Between the parts of a record's context (`records`): plain ASCII, so that a context of plain
# names is folded and cut into words on the fast path (`textnorm.fold`, `textnorm.words`): a
# search folds hundreds of them. A commitment's status stands between two of them.
CONTEXT_SEPARATOR = " | "
# Prefix lengths FTS5 keeps an index for: a prefix query of another length merges the lists of
# every word it begins (search.query plans around that with the vocabulary).
PREFIX_LENGTHS = (4, 5, 6, 7, 8)
TOKENIZE = "unicode61 remove_diacritics 2"  # records_fts's tokenizer (`vocab_delta.Touched` cuts texts with it too)
# Row ids carry the prior order that search lists a broad query in (highest first): a zone
# (passages, then commitments, motions and questions, then superseded statements, then current
# statements), then the record's first day, then a number within that day. A row whose zone or
# day changes (superseded, current again, redated with its source) is moved to a fitting id.
ZONE_SHIFT = 44
DAY_SHIFT = 22
DAY_SPAN = 1 << DAY_SHIFT  # ids per zone and day
_ZONES = {"passage": 1, "commitment": 2, "motion": 2, "qa": 2}
# Why an index is built from scratch (IndexReport.reason); the surfaces word them.
REASONS = ("missing", "not_ours", "no_version", "old_version", "locked", "damaged", "unusable", "asked")
# sources/ holding this many files (a whole dossier) is judged by its own mtime in the quick
# no-change check (`quick_check`), instead of a stat of every file in it. Only sources/: its
# texts are kept exactly as received and its files are written by the importer and by
# `briefing source set`, both by rename; domain and forum files are edited by hand, in place.
QUICK_FOLDER_FILES = 1000
QUICK_FOLDERS = ("sources",)
# Passages a source text gives on average (a letter of a few pages: tens), to judge a build's
# size before its texts are split (`index.writer.writer_for`).
PASSAGES_PER_SOURCE = 30
FTS_AUTOMERGE = 4  # FTS5's default, for updates after a build
FTS_HASHSIZE = 1024 * 1024  # FTS5's default: new entries held in memory before a segment is written
BUILD_HASHSIZE = 64 * 1024 * 1024  # the same while building (see `_build`)
BUSY_TIMEOUT = 5.0  # seconds to wait for another process's lock before rebuilding elsewhere

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE folders (path TEXT PRIMARY KEY, mtime_ns INTEGER, files INTEGER);
CREATE TABLE areas (id TEXT PRIMARY KEY, kind TEXT, signature TEXT, name TEXT, aliases TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, date TEXT, record TEXT);
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, id TEXT NOT NULL, grp TEXT NOT NULL, source TEXT,
    text TEXT, quote TEXT, context TEXT,
    date TEXT, date_lo INTEGER, date_hi INTEGER,
    domains TEXT, forums TEXT, topic TEXT, locator TEXT,
    current INTEGER NOT NULL DEFAULT 1, superseded_by TEXT,
    page INTEGER, section TEXT, number INTEGER, own_date TEXT
);
CREATE INDEX records_grp ON records (grp);
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_source ON records (source);
CREATE INDEX records_superseded ON records (id, superseded_by) WHERE superseded_by IS NOT NULL;
CREATE INDEX records_key ON records (rid) WHERE kind = 'statement' AND number = 1;
CREATE INDEX records_kind_topic ON records (kind, topic);
CREATE TABLE claims (claimer TEXT NOT NULL, old TEXT NOT NULL, grp TEXT NOT NULL, PRIMARY KEY (claimer, old)) WITHOUT ROWID;
CREATE INDEX claims_old ON claims (old);
CREATE INDEX claims_grp ON claims (grp);
CREATE VIRTUAL TABLE "records_fts" USING fts5(
    text, quote, context,
    content="records", content_rowid="rid",
    tokenize='{tokenize}', prefix='{prefixes}'
);
CREATE VIRTUAL TABLE "records_vocab" USING fts5vocab("records_fts", 'row');
""".replace("{prefixes}", " ".join(map(str, PREFIX_LENGTHS))).replace("{tokenize}", TOKENIZE) + source_files.TABLE


def index_version() -> str:
    """Everything that decides what the index holds; a mismatch means rebuild."""
    return f"schema {SCHEMA_VERSION}; fold {FOLD_VERSION}; unicode {unicodedata.unidata_version}"


@dataclass
class IndexReport:
    """What an update did."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    records: int = 0  # rows (re)written by this update
    seconds: float = 0.0
    rebuilt: bool = False
    reason: str | None = None  # why it was rebuilt: a code (`REASONS`), worded by the surfaces
    counts: dict[str, int] = field(default_factory=dict)  # sources, statement, passage, ...
    path: str = ""
    problems: int | None = None  # content errors (at the last update when nothing changed); None: unknown
    state: tuple[str, str] = ("", "")  # (build id, generation) of the index afterwards: one state of its records

    @property
    def files_changed(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


# --- files ---------------------------------------------------------------------------------------

def scan_files(content: Path, scan: ContentScan | None = None) -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime_ns) of every content file (`files.scan_content`)."""
    scan = scan if scan is not None else scan_content(content)
    return dict(scan.files)  # each a `FileStat`: a (size, mtime_ns) tuple


# --- connections ---------------------------------------------------------------------------------

def connect(path: Path | str, busy_timeout: float = BUSY_TIMEOUT, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal."""
    conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None,
                           check_same_thread=check_same_thread)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return conn


def _schema_problem(conn: sqlite3.Connection) -> str | None:
    """None when the database is ours and current; else why it must be rebuilt."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return "missing" if not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() else "not_ours"
        raise
    if row is None:
        return "no_version"
    if row[0] != index_version():
        return "old_version"
    return None


def needs_rebuild(path: Path) -> bool:
    """Would `update_index` build the index from scratch (none yet, another schema, unreadable)?"""
    return _stale(path, None)


def needs_update(path: Path, scan: ContentScan) -> bool:
    """Would `update_index` have anything to do: a rebuild, or a content file whose size or
    modification time differs from the index's record (stat only, nothing hashed or written)?"""
    return _stale(path, scan)


def _stale(path: Path, scan: ContentScan | None) -> bool:
    if not path.exists():
        return True
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            if _schema_problem(conn) is not None:
                return True
            if scan is None:
                return False
            stored = {p: (s, m) for p, s, m in conn.execute("SELECT path, size, mtime_ns FROM files")}
            return stored != scan_files(scan.root, scan)
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def probe(path: Path) -> str | None:
    """None when the index's tables can be read; else why not (a damaged file whose header is
    intact, a dropped table). Cheap: one row of each table, one FTS lookup."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            for sql in ("SELECT rid FROM records ORDER BY rid DESC LIMIT 1", "SELECT * FROM files LIMIT 1",
                        "SELECT * FROM claims LIMIT 1", "SELECT * FROM areas LIMIT 1", "SELECT * FROM sources LIMIT 1",
                        "SELECT rowid FROM records_fts WHERE records_fts MATCH 'kabinet' LIMIT 1"):
                conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _describe(exc)
    return None


def has_large_folder(path: Path) -> bool:
    """Does the index judge a folder by its mtime (`quick_check`: sources/ with
    `QUICK_FOLDER_FILES` files or more)? False when it cannot be read."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return False
    try:
        return bool(large_folders(stored_folders(conn), QUICK_FOLDERS, QUICK_FOLDER_FILES))
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def quick_check(path: Path, content: Path) -> IndexReport | None:
    """The no-change check for a large sources/ folder, without a stat of every file in it: a
    report that nothing changed, or None when something may have (then `update_index` looks).

    sources/ with `QUICK_FOLDER_FILES` files or more is judged by its own mtime, which changes
    when a file in it is added, removed or renamed (the importer and every atomic save write by
    renaming); every other file is compared by size and mtime as usual. A source file edited in
    place (not by rename) is seen by the next full check (`briefing index`, the app's refresh)."""
    t0 = time.perf_counter()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return None
    try:
        if _schema_problem(conn) is not None:
            return None
        found = scan_outside_large(conn, content, QUICK_FOLDERS, QUICK_FOLDER_FILES)
        if found is None:
            return None
        folders, big, scan = found
        for folder in big:
            if scan.folders[folder][0] != folders[folder][0]:
                return None
        stored = stored_files(conn, big, [])  # by key ranges
        if stored != scan_files(content, scan):
            return None
        meta = _meta(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    report = IndexReport(path=str(path), counts=json.loads(meta.get("counts", "{}")),
                         state=(meta.get("built", ""), meta.get("generation", "")))
    report.problems = int(meta["errors"]) if meta.get("errors", "").isdigit() else None
    report.seconds = time.perf_counter() - t0
    return report


def _write_folders(conn: sqlite3.Connection, scan: ContentScan) -> None:
    """The folders as `scan` saw them, with the digests of the folders it listed whole (and
    only those: the files of a folder it did not enter may have changed in the index)."""
    conn.execute("DELETE FROM folders")
    conn.executemany("INSERT INTO folders (path, mtime_ns, files) VALUES (?, ?, ?)",
                     ((p, m, n) for p, (m, n) in scan.folders.items()))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('folder_digests', ?)", (_json(scan.digests()),))


def _stored_digests(conn: sqlite3.Connection) -> dict[str, str]:
    row = conn.execute("SELECT value FROM meta WHERE key = 'folder_digests'").fetchone()
    try:
        found = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _unchanged_folders(stored: dict[str, str], scan: ContentScan, vouched: frozenset[str]) -> frozenset[str]:
    """The record folders (sources/, domains/, forums/) that `scan` listed whole and whose files'
    digest (`ContentScan.digests`) is the one `stored` with the index's `files`: their files
    are as the index holds them, and are not compared one by one (55,000 in a whole dossier's
    sources/: 80 ms)."""
    return frozenset(f for f, d in scan.digests().items()
                     if f in RECORD_FOLDERS and f not in vouched and stored.get(f) == d)


def _describe(exc: BaseException) -> str:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return "locked"
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return "damaged"
    return "unusable"


def build_id() -> str:
    """A new id for a full build (unique across rebuilds, processes and machines)."""
    return f"{time.time_ns():x}-{os.getpid():x}-{os.urandom(4).hex()}"


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {kind: n for kind, n in conn.execute("SELECT kind, count(*) FROM records GROUP BY kind")}
    counts["sources"] = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    return counts


def _group_counts(conn: sqlite3.Connection, groups: list[str]) -> dict[str, int]:
    """Records per kind in these groups."""
    out: dict[str, int] = {}
    for chunk in _chunks(groups):
        for kind, n in conn.execute(
                f"SELECT kind, count(*) FROM records WHERE grp IN ({', '.join('?' * len(chunk))}) GROUP BY kind", chunk):
            out[kind] = out.get(kind, 0) + n
    return out


def _counts_after(conn: sqlite3.Connection, meta: dict[str, str], before: dict[str, int],
                  after: dict[str, int]) -> dict[str, int]:
    """The counts after an update that wrote records only in some groups: the stored counts with
    those groups' records before taken off and after added (a count of 1M rows costs 0.1 s)."""
    try:
        old = json.loads(meta.get("counts") or "")
    except ValueError:
        old = None
    if not isinstance(old, dict):
        return _counts(conn)
    counts = {kind: old.get(kind, 0) - before.get(kind, 0) + after.get(kind, 0)
              for kind in {*old, *after} if kind != "sources"}
    counts = {kind: n for kind, n in sorted(counts.items()) if n > 0}  # in the order of `_counts`
    counts["sources"] = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    return counts


# --- writing records -----------------------------------------------------------------------------

_INSERT = (
    "INSERT INTO records (rid, kind, id, grp, source, text, quote, context, date, date_lo, date_hi, "
    "domains, forums, topic, locator, current, superseded_by, page, section, number, own_date) "
    "VALUES (:rid, :kind, :id, :grp, :source, :text, :quote, :context, :date, :date_lo, :date_hi, "
    ":domains, :forums, :topic, :locator, :current, :superseded_by, :page, :section, :number, :own_date)"
)


def _fts_values(rid: int, text: str | None, quote: str | None, context: str | None) -> tuple:
    return (rid, index_text(text or ""), index_text(quote or ""), index_text(context or ""))


# Columns that say what a row holds (not where it stands: rid; not what is recomputed after every
# update from the claims: current, superseded_by).
_COMPARED = ("grp", "source", "text", "quote", "context", "date", "date_lo", "date_hi", "domains", "forums", "topic",
             "locator", "page", "section", "number", "own_date")


def _sync_groups(conn: sqlite3.Connection, view, g, groups: list[str],
                 touched: vocab_delta.Touched | None = None) -> tuple[list[dict], set[str]]:
    """The rows these groups should hold, compared with the rows they hold: rows that differ or
    are gone are deleted (with their FTS entries, given to `touched` too, and claims); returns the
    rows to insert (new or changed) and the statements whose superseded state those changes may
    affect."""
    from briefing_tui.index.records import rows_for_group
    cols = ", ".join(_COMPARED)
    old: dict[tuple[str, str], tuple] = {}
    for chunk in _chunks(groups):
        marks = ", ".join("?" * len(chunk))
        for rid, kind, rec_id, *values in conn.execute(
                f"SELECT rid, kind, id, {cols} FROM records WHERE grp IN ({marks})", chunk):
            old[(kind, rec_id)] = (rid, tuple(values))
    old_claims: dict[str, set[str]] = {}
    for chunk in _chunks(groups):
        marks = ", ".join("?" * len(chunk))
        for claimer, target in conn.execute(f"SELECT claimer, old FROM claims WHERE grp IN ({marks})", chunk):
            old_claims.setdefault(claimer, set()).add(target)
    insert: list[dict] = []
    kept: set[tuple[str, str]] = set()
    affected: set[str] = set()
    for grp in groups:
        for row in rows_for_group(view, g, grp):
            key = (row["kind"], row["id"])
            prev = old.get(key)
            claims = set(row.get("supersedes", ()))
            if (prev is not None and key not in kept and prev[1] == tuple(row[c] for c in _COMPARED)
                    and old_claims.get(row["id"], set()) == (claims if row["kind"] == "statement" else set())):
                kept.add(key)
                continue
            insert.append(row)
            if row["kind"] == "statement":
                affected.add(row["id"])
                affected |= claims
    gone = [(key, rid) for key, (rid, _) in old.items() if key not in kept]
    for (kind, rec_id), _rid in gone:
        if kind == "statement":
            affected |= old_claims.get(rec_id, set())
    for chunk in _chunks(gone):
        rows = conn.execute(
            f"SELECT rid, text, quote, context FROM records WHERE rid IN ({', '.join('?' * len(chunk))})",
            [rid for _, rid in chunk]).fetchall()
        values = [_fts_values(*r) for r in rows]
        conn.executemany(
            "INSERT INTO records_fts (records_fts, rowid, text, quote, context) VALUES ('delete', ?, ?, ?, ?)", values)
        if touched is not None:
            touched.removed(values)
        conn.executemany("DELETE FROM records WHERE rid = ?", ((rid,) for _, rid in chunk))
        conn.executemany("DELETE FROM claims WHERE claimer = ?",
                         ((rec_id,) for (kind, rec_id), _ in chunk if kind == "statement"))
    return insert, affected


def prior_base(kind: str, current, date_lo: int | None) -> int:
    """The first row id of the zone and day of a record (see `ZONE_SHIFT`)."""
    zone = (4 if current else 3) if kind == "statement" else _ZONES.get(kind, 2)
    day = 0
    if date_lo:
        try:
            day = datetime.date(date_lo // 10000, date_lo // 100 % 100, date_lo % 100).toordinal()
        except ValueError:
            day = 0
    return (zone << ZONE_SHIFT) | (day << DAY_SHIFT)


class RowIds:
    """New row ids in prior order: the next free number of each zone and day."""

    def __init__(self, conn: sqlite3.Connection | None) -> None:
        self.conn = conn  # None: a new, empty table (a build), nothing to look up
        self.next: dict[int, int] = {}

    def reserve(self, bases) -> None:
        """Look up the next free id of many zones and days in one statement."""
        todo = sorted(set(bases) - self.next.keys())
        if self.conn is None:
            self.next.update((base, base) for base in todo)
            return
        for chunk in _chunks(todo):
            sql = (f"WITH b(base) AS (VALUES {', '.join(['(?)'] * len(chunk))}) SELECT base, "
                   f"(SELECT max(rid) FROM records WHERE rid >= base AND rid < base + {DAY_SPAN}) FROM b")
            for base, top in self.conn.execute(sql, chunk):
                self.next[base] = base if top is None else top + 1

    def __call__(self, kind: str, current, date_lo: int | None) -> int:
        base = prior_base(kind, current, date_lo)
        if base not in self.next:
            self.reserve((base,))
        rid = self.next[base]
        if rid >= base + DAY_SPAN:
            raise sqlite3.DataError(f"more than {DAY_SPAN:,} records of one kind on one day")
        self.next[base] = rid + 1
        return rid


def _in_prior_order(rows: list[dict], rids: RowIds) -> list[dict]:
    """`rows` in the order their new ids will ascend; the ids of all their zones and days looked
    up at once."""
    keyed = sorted((prior_base(r["kind"], r["current"], r["date_lo"]), n, r) for n, r in enumerate(rows))
    rids.reserve(base for base, _, _ in keyed)
    return [row for _, _, row in keyed]


def _insert_rows(conn: sqlite3.Connection, rows, rids: RowIds, fts: bool = True,
                 progress: Callable[[int], None] | None = None,
                 write: Callable[[str, list], Any] | None = None) -> list[int]:
    """Insert rows (dicts from records.py), their FTS entries (unless not `fts`: see
    `_index_rows`) and their statements' claims; returns their row ids. FTS5 writes fastest
    when row ids ascend: give them in prior order. `write(sql, rows)` runs the statements
    (a build's `index.writer`); by default `conn.executemany`."""
    from briefing_tui.index.records import FOLDED

    run = write or conn.executemany
    batch: list[dict] = []
    claims: list[tuple[str, str, str]] = []
    written: list[int] = []

    def flush() -> None:
        if not batch:
            return
        batch.sort(key=lambda r: r["rid"])
        folded = [r.pop(FOLDED, None) for r in batch]  # not a column: never sent to the writer
        run(_INSERT, batch)  # every writer is done with the rows when it returns
        if fts:
            run("INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
                [(r["rid"], *f) if f is not None else _fts_values(r["rid"], r["text"], r["quote"], r["context"])
                 for r, f in zip(batch, folded)])
        run("INSERT OR IGNORE INTO claims (claimer, old, grp) VALUES (?, ?, ?)", claims)
        batch.clear()
        claims.clear()

    for row in rows:
        claims.extend((row["id"], old, row["grp"]) for old in row.pop("supersedes", ()))
        row["rid"] = rids(row["kind"], row["current"], row["date_lo"])
        written.append(row["rid"])
        batch.append(row)
        if len(batch) >= 2000:
            flush()
            if progress is not None:
                progress(len(written))
    flush()
    return written


def _index_rows(conn: sqlite3.Connection, rids, touched: vocab_delta.Touched | None = None) -> None:
    """The FTS entries of rows inserted with `fts=False`, in ascending row id order (given to
    `touched` too)."""
    for chunk in _chunks(sorted(rids)):
        rows = conn.execute(f"SELECT rid, text, quote, context FROM records WHERE rid IN ({', '.join('?' * len(chunk))}) "
                            "ORDER BY rid", chunk).fetchall()
        values = [_fts_values(*row) for row in rows]
        conn.executemany("INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)", values)
        if touched is not None:
            touched.added(values)


def _settle(conn: sqlite3.Connection, rids: set[int], new_rids: RowIds, inserted: list[int]) -> set[int]:
    """Move the rows among `rids` whose id no longer fits their zone and day (a statement
    superseded or current again, a date changed) to an id that does. Rows in `unindexed` have
    no FTS entries yet; returns their ids after the moves."""
    moves = []
    for chunk in _chunks(sorted(rids)):
        for rid, kind, current, date_lo in conn.execute(
            f"SELECT rid, kind, current, date_lo FROM records WHERE rid IN ({', '.join('?' * len(chunk))})", chunk,
        ):
            base = prior_base(kind, current, date_lo)
            if not base <= rid < base + DAY_SPAN:
                moves.append((rid, kind, current, date_lo))
    new_rids.reserve(prior_base(kind, current, date_lo) for _, kind, current, date_lo in moves)
    unindexed = set(inserted)
    renumbered = []
    for rid, kind, current, date_lo in moves:
        new = new_rids(kind, current, date_lo)  # above every id in use for its zone and day: free
        if rid in unindexed:
            unindexed.discard(rid)
            unindexed.add(new)
        else:
            text, quote, context = conn.execute("SELECT text, quote, context FROM records WHERE rid = ?",
                                                (rid,)).fetchone()
            conn.execute("INSERT INTO records_fts (records_fts, rowid, text, quote, context) "
                         "VALUES ('delete', ?, ?, ?, ?)", _fts_values(rid, text, quote, context))
            conn.execute("INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
                         _fts_values(new, text, quote, context))
        renumbered.append((new, rid))
    conn.executemany("UPDATE records SET rid = ? WHERE rid = ?", renumbered)
    return unindexed


def _refresh_dates(conn: sqlite3.Connection, source_ids: set[str]) -> tuple[list[str], list[int]]:
    """Dates of the statements and questions that take their date from these sources (from the
    `sources` table, already up to date); only rows whose date changed are written. Returns the
    ids of the statements whose date changed, and the row ids of all rows redated."""
    from briefing_tui.index.records import date_range
    updates, redated = [], []
    for chunk in _chunks(sorted(source_ids)):
        marks = ", ".join("?" * len(chunk))
        for rid, kind, rec_id, own, date, new in conn.execute(
            "SELECT r.rid, r.kind, r.id, r.own_date, r.date, s.date FROM records r LEFT JOIN sources s ON s.id = r.source "
            f"WHERE +r.kind IN ('statement', 'qa') AND r.source IN ({marks})",
            chunk,
        ):
            d = own if kind == "statement" and own else new
            if d != date:
                updates.append((d, *date_range(d), rid))
                if kind == "statement":
                    redated.append(rec_id)
    conn.executemany("UPDATE records SET date = ?, date_lo = ?, date_hi = ? WHERE rid = ?", updates)
    return redated, [u[-1] for u in updates]


def _chunks(values: list, size: int = 500):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _select_column(conn: sqlite3.Connection, sql: str, values) -> set:
    """The first column of `sql` (with one `IN ({})` for `values`) over all values."""
    out: set = set()
    for chunk in _chunks(sorted(values)):
        out.update(r[0] for r in conn.execute(sql.format(", ".join("?" * len(chunk))), chunk))
    return out


def _refresh_supersession(conn: sqlite3.Connection, targets: set[str]) -> list[str]:
    """Whether each of these statements is superseded, and by what, from the `claims` of every
    statement that names it and those statements' dates (`model.supersession`, as the corpus
    computes it). Only statements whose state changed are written; returns their ids."""
    updates = []
    for target in targets:
        row = conn.execute("SELECT superseded_by FROM records WHERE kind = 'statement' AND id = ?", (target,)).fetchone()
        if row is None:
            continue
        claims = conn.execute(
            # CROSS JOIN: claims first (by `claims_old`), then each claimer's row by (kind, id)
            "SELECT c.claimer, r.date FROM claims c CROSS JOIN records r ON r.kind = 'statement' AND r.id = c.claimer "
            "WHERE c.old = ?", (target,)).fetchall()
        new = supersession((claimer, (target,), date) for claimer, date in claims).get(target)
        if new != row[0]:
            updates.append((new, target))
    conn.executemany(
        "UPDATE records SET superseded_by = ?1, current = (?1 IS NULL) WHERE kind = 'statement' AND id = ?2", updates)
    return [target for _, target in updates]


def _groups_that_differ(conn: sqlite3.Connection, corpus: Corpus | IndexedView, g) -> set[str]:
    """Groups whose records (kind and id; for a source, whether it has passages) in the index
    are not those of the corpus."""
    have: dict[str, set] = {}
    for grp, kind, rec_id in conn.execute("SELECT grp, kind, id FROM records WHERE kind != 'passage'"):
        have.setdefault(grp, set()).add((kind, rec_id))
    for (grp,) in conn.execute("SELECT DISTINCT grp FROM records WHERE kind = 'passage'"):
        have.setdefault(grp, set()).add(("passage", None))
    want: dict[str, set] = {grp: {("statement", st.id) for st in sts} for grp, sts in g.statements.items()}
    for grp in g.sources:
        want.setdefault(grp, set()).add(("passage", None))
    for grp, kind in g.singles.items():
        ids = {"commitment": corpus.commitments.keys(), "motion": corpus.motions.keys(), "qa": corpus.qa.keys()}[kind]
        want.setdefault(grp, set()).update((kind, rec_id) for rec_id in ids)
    return {grp for grp in have.keys() | want.keys() if have.get(grp, set()) != want.get(grp, set())}


def _write_areas(conn: sqlite3.Connection, corpus: Corpus | IndexedView, ids) -> None:
    """The `areas` rows of these ids as `corpus` has them (removed when it has none)."""
    from briefing_tui.index.records import area_signature
    rows = []
    for area_id in ids:
        area = corpus.area(area_id)
        if area is not None:
            rows.append((area_id, area.kind, area_signature(corpus, area_id), area.name, json.dumps(list(area.aliases))))
    conn.executemany("DELETE FROM areas WHERE id = ?", ((a,) for a in ids))
    conn.executemany("INSERT INTO areas (id, kind, signature, name, aliases) VALUES (?, ?, ?, ?, ?)", rows)


def _write_sources(conn: sqlite3.Connection, corpus: Corpus | IndexedView, ids) -> None:
    """The `sources` rows (id, date, the record as JSON) of these ids as `corpus` has them."""
    conn.executemany("DELETE FROM sources WHERE id = ?", ((i,) for i in ids))
    conn.executemany("INSERT INTO sources (id, date, record) VALUES (?, ?, ?)",
                     ((i, corpus.sources[i].date, _json(encode_record(corpus.sources[i]))) for i in ids if i in corpus.sources))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_synonyms(conn: sqlite3.Connection, synonyms) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('synonyms', ?)", (_json([list(g) for g in synonyms]),))


# --- update and rebuild --------------------------------------------------------------------------

def update_index(path: Path, content: Path, load: Loader, *, corpus: Corpus | None = None,
                 scan: ContentScan | None = None, busy_timeout: float = BUSY_TIMEOUT,
                 progress: Progress | None = None, written: list[str] | None = None,
                 quick: bool = False, items: Callable[[], ItemCache] | None = None) -> IndexReport:
    """Bring the index at `path` up to date with the content folder `content`.

    `corpus` is the content as already loaded; `load()` loads it, called only when the changed
    files cannot be read on their own (`partial.load_view`). `written`: the content files (paths
    relative to `content`) this process has just written, when nothing else is expected to have
    changed: a large sources/ folder is then not scanned whole (`after_write.scan_after_writing`).
    `quick`: after the quick no-change check saw a change, a large sources/ folder whose mtime did
    not change is not scanned either (`after_write.scan_quick`). `items()`: the kept parses of
    large area files (`yamlitems`), asked for when changed files are read. Never raises for a
    damaged, old or locked database: it is rebuilt.
    """
    t0 = time.perf_counter()
    if not path.exists():
        return _rebuild(path, content, load, corpus, scan or scan_content(content), "missing", t0, progress)
    conn = None
    try:
        conn = connect(path, busy_timeout)
        problem = _schema_problem(conn)
        if problem is None:
            vouched: frozenset[str] = frozenset()
            if scan is None and (written is not None or quick):
                found = (scan_after_writing(conn, content, written, QUICK_FOLDERS, QUICK_FOLDER_FILES)
                         if written is not None else scan_quick(conn, content, QUICK_FOLDERS, QUICK_FOLDER_FILES))
                if found is not None:
                    scan, vouched = found
            return _incremental(conn, path, content, load, corpus, scan or scan_content(content), t0, vouched, items)
    except sqlite3.DatabaseError as exc:
        problem = _describe(exc)
    finally:
        if conn is not None:
            conn.close()
    return _rebuild(path, content, load, corpus, scan_content(content), problem, t0, progress)


def rebuild_index(path: Path, content: Path, load: Loader, *, corpus: Corpus | None = None,
                  reason: str = "asked", progress: Progress | None = None) -> IndexReport:
    """Build the index from scratch (into a new file that then replaces the old one)."""
    return _rebuild(path, content, load, corpus, scan_content(content), reason, time.perf_counter(), progress)


def _incremental(conn: sqlite3.Connection, path: Path, content: Path, load: Loader, corpus: Corpus | None,
                 scan: ContentScan, t0: float, vouched: frozenset[str] = frozenset(),
                 items: Callable[[], ItemCache] | None = None) -> IndexReport:
    """The update itself. `vouched`: folders only partly in `scan` (`after_write`); their other
    files are as the index holds them."""
    current = scan_files(content, scan)
    stored_digests = _stored_digests(conn)
    same = _unchanged_folders(stored_digests, scan, vouched)
    compared = scan.outside(same) if same else current
    in_vouched = [rel for rel in compared if rel.split("/", 1)[0] in vouched] if vouched else []
    stored = stored_files(conn, vouched | same, in_vouched)
    report = IndexReport(path=str(path))
    touched: list[tuple] = []  # same content, new stat: (size, mtime, sha, path)
    new_hashes: dict[str, str] = {}
    fingerprints: dict[str, str | None] = {}  # stem -> its text's fingerprint, for the texts read here
    differ = [rel for rel, stat_ in compared.items() if stored.get(rel) != stat_]
    hashes = stored_hashes(conn, [rel for rel in differ if rel in stored])
    for rel in differ:
        size, mtime = current[rel]
        stem = source_files.text_stem(rel)
        sha, fingerprint = source_files.digest(content / rel, stem is not None)
        if stem is not None:
            fingerprints[stem] = fingerprint
        if rel not in stored:
            report.added.append(rel)
            new_hashes[rel] = sha
        elif hashes.get(rel) != sha:
            report.changed.append(rel)
            new_hashes[rel] = sha
        else:
            touched.append((size, mtime, rel))
    report.removed = sorted(p for p in stored if p not in current)
    report.added.sort()
    report.changed.sort()
    meta = _meta(conn)

    if not report.files_changed:
        if touched or stored_folders(conn) != scan.folders or stored_digests != scan.digests():
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched)
            _write_folders(conn, scan)
            conn.execute("COMMIT")
        report.counts = json.loads(meta.get("counts", "{}"))
        report.state = (meta.get("built", ""), meta.get("generation", ""))
        report.problems = int(meta["errors"]) if meta.get("errors", "").isdigit() else None
        report.seconds = time.perf_counter() - t0
        return report

    # Reading content files (and the YAML and schema packages) is needed only from here on: a
    # deferred import keeps them out of the start-up of every command that finds nothing changed.
    from briefing_tui.index.partial import IndexedView, carrying_groups, load_view, moved_areas
    from briefing_tui.index.records import group_of_path, grouping

    changed_paths = [*report.added, *report.changed, *report.removed]
    groups = {group_of_path(p) for p in changed_paths}
    view: Corpus | IndexedView | None = None
    if corpus is None and meta.get("errors") == "0":
        found = load_view(conn, content, changed_paths, current, scan, items() if items is not None else None)
        if found is not None:
            part, groups = found
            view = part
            report.problems = 0
            source_ids = dated = part.read_sources
            area_ids = part.read_areas | set(part.domains) | set(part.forums)
    if view is None:  # everything read: from memory, the snapshot or the files
        if corpus is None:
            corpus = load()
        view = corpus
        report.problems = len(corpus.errors())
        dated = {grp.rsplit("/", 1)[-1] for grp in groups if grp.startswith("sources/")}
        if report.problems == 0 and meta.get("errors") == "0":
            # Without errors a source's record comes from its own files only (its id is its
            # file's name): only those of the changed, added and removed files are written.
            source_ids = dated
        else:
            source_ids = set(corpus.sources) | set(r[0] for r in conn.execute("SELECT id FROM sources"))
        area_ids = {*corpus.domains, *corpus.forums, *(r[0] for r in conn.execute("SELECT id FROM areas"))}
        groups |= carrying_groups(conn, moved_areas(conn, corpus, area_ids))
    g = grouping(view, content)
    if report.problems or meta.get("errors") != "0":
        # With errors in the content a record may be dropped from, or come back to, a file that
        # did not change (an id defined twice: the first definition is kept).
        groups |= _groups_that_differ(conn, view, g)

    conn.execute("BEGIN IMMEDIATE")
    try:
        ordered = sorted(groups)
        before = _group_counts(conn, ordered)  # records are added and removed only in these groups
        # The terms of every text added to or removed from records_fts: their counts after the
        # update keep a cached vocabulary current (`vocab_delta`). A row moved to another id
        # (`_settle`) keeps its text: no count changes.
        texts = vocab_delta.Touched(conn, TOKENIZE)
        # Only the records that changed are written: a one-line edit in a file of thousands of
        # statements rewrites one row. Statements whose superseded state may change: those the
        # rewritten records claimed or claim, those records themselves, and those claimed by
        # statements whose date changes.
        changed_rows, affected = _sync_groups(conn, view, g, ordered, texts)
        rids = RowIds(conn)
        new_rows = _in_prior_order(changed_rows, rids)
        # Without FTS entries until their row ids are final: which are superseded is known only
        # once the claims of every file are seen (below), and moving an indexed row costs twice.
        inserted = _insert_rows(conn, new_rows, rids, fts=False)
        placed = set(inserted)
        written = len(placed)
        if any(grp.startswith("sources/") for grp in groups):
            _write_sources(conn, view, source_ids)
            redated, redated_rids = _refresh_dates(conn, dated)
            placed.update(redated_rids)
            affected |= _select_column(conn, "SELECT old FROM claims WHERE claimer IN ({})", redated)
        flipped = _refresh_supersession(conn, affected)
        placed |= _select_column(conn, "SELECT rid FROM records WHERE kind = 'statement' AND id IN ({})", flipped)
        _index_rows(conn, _settle(conn, placed, rids, inserted), texts)
        _write_areas(conn, view, area_ids)
        source_files.write(conn, content, current, source_files.stems_of(changed_paths), g.sources, fingerprints)
        if "synonyms.yaml" in changed_paths:
            synonyms = view.part.synonyms if isinstance(view, IndexedView) else view.synonyms
            _write_synonyms(conn, synonyms)
        conn.executemany(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
            ((rel, *current[rel], new_hashes[rel]) for rel in new_hashes),
        )
        conn.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched)
        conn.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in report.removed))
        _write_folders(conn, scan)
        counts = _counts_after(conn, meta, before, _group_counts(conn, ordered))
        before_generation = int(meta.get("generation", "0"))
        generation = before_generation + 1
        built = meta.get("built") or build_id()
        vocab_delta.record(conn, meta, before_generation, texts.changes())
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("counts", json.dumps(counts)), ("generation", str(generation)),
             ("built", built), ("errors", str(report.problems))],
        )
        report.state = (built, str(generation))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    report.records = written
    report.counts = counts
    report.seconds = time.perf_counter() - t0
    return report


def _remove_db_files(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def _rebuild(path: Path, content: Path, load: Loader, corpus: Corpus | None, scan: ContentScan,
             reason: str | None, t0: float, progress: Progress | None = None) -> IndexReport:
    from briefing_tui.index import writer

    path.parent.mkdir(parents=True, exist_ok=True)
    files = scan_files(content, scan)
    hashes: dict[str, str] = {}
    fingerprints: dict[str, str | None] = {}  # stem -> its text's fingerprint (`source_files`)
    for rel, (sha, fingerprint) in source_files.digest_all(content, files).items():
        hashes[rel] = sha
        if (stem := source_files.text_stem(rel)) is not None:
            fingerprints[stem] = fingerprint
    if corpus is None:
        corpus = load()
    digests = (files, hashes, fingerprints)
    try:
        return _build(path, content, corpus, scan, digests, reason, t0, progress, child=True)
    except writer.ChildFailed:  # the child could not write (see `index.writer`): the same build here
        return _build(path, content, corpus, scan, digests, reason, t0, progress, child=False)


def _build(path: Path, content: Path, corpus: Corpus, scan: ContentScan, digests: tuple, reason: str | None,
           t0: float, progress: Progress | None, child: bool) -> IndexReport:
    """The index file built from `corpus` and the files' `digests` (paths with their stat,
    sha256 and text fingerprints); its rows written by a child process when `child` and large."""
    from briefing_tui.index.records import PassageSplitter, date_range, grouping, prior_statement_rows, rows_for_group
    from briefing_tui.index import writer
    import sqlite_utils  # only a build needs it (and its start-up cost)

    files, hashes, fingerprints = digests
    tmp = temporary_name(path)
    _remove_db_files(tmp)
    built_whole = False
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        writer.for_building(conn)
        conn.executescript(SCHEMA)
        # While building, FTS5 only adds segments (its crisis merges still keep their number in
        # bounds); one 'optimize' at the end merges them, which is a third faster than merging
        # as it goes. FTS5 also holds up to `BUILD_HASHSIZE` of new entries in memory before it
        # writes them as a segment (1 MB by default): fewer, larger segments, and fewer crisis
        # merges, cut its CPU for a large build by about 40% (benchmarks/RESULTS.md). Both
        # settings are stored in the index: put back for later updates.
        conn.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('automerge', 0)")
        conn.execute(f"INSERT INTO records_fts (records_fts, rank) VALUES ('hashsize', {BUILD_HASHSIZE})")
        db = sqlite_utils.Database(conn)
        g = grouping(corpus, content)
        # Sources are split into passages in worker processes while the statements are written.
        splitter = PassageSplitter()
        in_order = sorted(g.sources.items(), key=lambda kv: (date_range(kv[1].date)[0] or 0, kv[0]))
        splitter.start(corpus, [src for _, src in in_order])
        written = 0
        try:
            # Row ids in prior order (see `ZONE_SHIFT`), each kind in ascending order: the
            # statements (superseded, then current; older first) while the workers split the
            # sources, then commitments, motions and questions, then passages, oldest source first.
            rids = RowIds(None)  # a new table: ids from the first of each zone and day
            singles = [row for grp in sorted(g.singles) for row in rows_for_group(corpus, g, grp)]
            total = len(corpus.statements) + len(singles) + len(g.sources)
            # A large build writes its rows in a child process (`index.writer`); nothing else
            # writes the file until `write.close()` has committed them.
            estimate = total + PASSAGES_PER_SOURCE * len(g.sources)
            write = writer.writer_for(conn, str(tmp), estimate) if child else writer.InProcess(conn)
            try:
                report_to = progress or (lambda done, total: None)
                report_to(0, total)
                written += len(_insert_rows(conn, prior_statement_rows(corpus), rids,
                                            progress=lambda n: report_to(n, total), write=write))
                written += len(_insert_rows(conn, _in_prior_order(singles, rids), rids, write=write))
                done = written
                report_to(done, total)
                for grp, _src in in_order:
                    written += len(_insert_rows(conn, rows_for_group(corpus, g, grp, splitter), rids, write=write))
                    done += 1
                    report_to(done, total)
                write.close()
            except BaseException:
                write.abort()
                raise
        finally:
            splitter.close()
        conn.execute("BEGIN")
        db.table("files").insert_all(
            ({"path": rel, "size": s, "mtime_ns": m, "sha256": hashes[rel]} for rel, (s, m) in files.items()),
            batch_size=1000,
        )
        _write_areas(conn, corpus, [*corpus.domains, *corpus.forums])
        _write_sources(conn, corpus, list(corpus.sources))
        source_files.write(conn, content, files, source_files.stems_of(files), g.sources, fingerprints)
        _write_synonyms(conn, corpus.synonyms)
        _write_folders(conn, scan)
        counts = _counts(conn)
        built = build_id()
        db.table("meta").insert_all(
            [
                {"key": "version", "value": index_version()},
                {"key": "counts", "value": json.dumps(counts)},
                {"key": "generation", "value": "1"},
                {"key": "built", "value": built},
                {"key": "errors", "value": str(len(corpus.errors()))},
            ]
        )
        conn.execute(f"INSERT INTO records_fts (records_fts, rank) VALUES ('automerge', {FTS_AUTOMERGE})")
        conn.execute(f"INSERT INTO records_fts (records_fts, rank) VALUES ('hashsize', {FTS_HASHSIZE})")
        conn.execute("COMMIT")
        conn.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        conn.execute("PRAGMA journal_mode = WAL")
        built_whole = True
    finally:
        conn.close()
        if not built_whole:  # nothing half-built is left beside the index
            _remove_db_files(tmp)
            tmp.unlink(missing_ok=True)
    _remove_db_files(path)
    os.replace(tmp, path)
    report = IndexReport(rebuilt=True, reason=reason, records=written, counts=counts, path=str(path),
                         problems=len(corpus.errors()), state=(built, "1"))
    report.seconds = time.perf_counter() - t0
    return report
