"""The search index: a SQLite FTS5 database derived from `content/`, kept in the cache folder.

    report = update_index(ws)          # bring it up to date; cheap when nothing changed
    report = rebuild_index(ws)         # throw it away and build it again
    print(report)                      # "index up to date (5 sources, 142 statements, ...) in 3 ms"

Layout (schema version `SCHEMA_VERSION`, stored in `meta`):

    records      one row per statement, passage, commitment, motion and qa: display text columns
                 (text, quote, context), filter columns (kind, domains and forums as '|a|b|',
                 date and its first/last day as YYYYMMDD integers, current), and `grp`, the
                 content file it was read from (see `records.py`)
    records_fts  FTS5, external content (content="records"), unicode61 with diacritics removed,
                 prefix indexes for 2 and 3 characters. It indexes `textnorm.index_text` of the
                 three text columns: OCR-repaired and folded, character for character the same
                 length as the display text, so offsets found in one hold in the other.
    files        path, size, mtime_ns, sha256 of every content file at the last update
    areas        domain/forum id -> the name and aliases that other records' context holds
    meta         schema and folding versions, counts, a generation number bumped on every change,
                 and `built`, an id of the full build: (built, generation) names one state of
                 the records (the search engine keys its vocabulary cache by it)

Updating: stat every file under `content/` (hidden folders and `_staging/` excepted) and compare
size and mtime_ns with `files`; hash only what differs; a file whose hash changed has its group
deleted and written again (a source's `.yaml` and `.txt` are one group). Statement dates (from
their source) and current/superseded flags cross files; they are plain columns, recomputed for
all statements on every change. When a domain's or forum's name or aliases change, the records
that carry it in their context are re-indexed too.

Never a crash: a database that is not SQLite (or is damaged), of another schema or folding
version, or locked by another process for longer than `busy_timeout` seconds, is rebuilt from
`content/` into a new file that replaces it atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.model import Corpus
from briefing_tui.textnorm import FOLD_VERSION, index_text
from briefing_tui.workspace import Workspace

__all__ = [
    "SCHEMA_VERSION", "IndexReport", "update_index", "rebuild_index", "connect", "scan_files",
    "index_version",
]

SCHEMA_VERSION = 4  # 4: passages of imported sources split with furniture masked
SINGLE_RIDS = 1 << 39  # first row id of commitments, motions and questions in a full build
STATEMENT_RIDS = 1 << 40  # first row id of statements in a full build
BUSY_TIMEOUT = 5.0  # seconds to wait for another process's lock before rebuilding elsewhere
TRACKED_SUFFIXES = (".yaml", ".yml", ".txt")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE areas (id TEXT PRIMARY KEY, signature TEXT);
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, id TEXT NOT NULL, grp TEXT NOT NULL, source TEXT,
    text TEXT, quote TEXT, context TEXT,
    date TEXT, date_lo INTEGER, date_hi INTEGER,
    domains TEXT, forums TEXT, topic TEXT, locator TEXT,
    current INTEGER NOT NULL DEFAULT 1, superseded_by TEXT,
    page INTEGER, section TEXT, number INTEGER
);
CREATE INDEX records_grp ON records (grp);
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_source ON records (source);
CREATE INDEX records_superseded ON records (id, superseded_by) WHERE superseded_by IS NOT NULL;
CREATE VIRTUAL TABLE "records_fts" USING fts5(
    text, quote, context,
    content="records", content_rowid="rid",
    tokenize='unicode61 remove_diacritics 2', prefix='4 5'
);
CREATE VIRTUAL TABLE "records_vocab" USING fts5vocab("records_fts", 'row');
"""


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
    reason: str | None = None  # why it was rebuilt
    counts: dict[str, int] = field(default_factory=dict)  # sources, statement, passage, ...
    path: str = ""
    problems: int | None = None  # content errors found while loading; None: content not read

    @property
    def files_changed(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def _totals(self) -> str:
        c = self.counts
        parts = [f"{c.get('sources', 0)} sources"]
        for kind, label in (("statement", "statements"), ("passage", "passages"),
                            ("commitment", "commitments"), ("motion", "motions"), ("qa", "questions")):
            if c.get(kind) or kind in ("statement", "passage"):
                parts.append(f"{c.get(kind, 0)} {label}")
        return ", ".join(parts)

    def __str__(self) -> str:
        ms = f"{self.seconds * 1000:.0f} ms" if self.seconds < 10 else f"{self.seconds:.1f} s"
        if self.rebuilt:
            why = f" ({self.reason})" if self.reason else ""
            return f"rebuilt the index{why}: {self._totals()}; {self.records} records indexed in {ms}"
        n = self.files_changed
        if n == 0:
            return f"index up to date ({self._totals()}; 0 files changed) in {ms}"
        what = []
        for label, items in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if items:
                shown = ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
                what.append(f"{label}: {shown}")
        word = "file" if n == 1 else "files"
        return (f"re-indexed {n} {word} ({'; '.join(what)}): {self.records} records written; "
                f"now {self._totals()}; in {ms}")


# --- files ---------------------------------------------------------------------------------------

def scan_files(content: Path) -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime_ns) of every tracked file under the content folder."""
    out: dict[str, tuple[int, int]] = {}
    if not content.is_dir():
        return out
    stack = [(str(content), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name[0] in "._":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + "/"))
                    elif name.endswith(TRACKED_SUFFIXES):
                        st = entry.stat()
                        out[prefix + name] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    continue
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


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
            return "no index yet" if not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() else "not an index of this program"
        raise
    if row is None:
        return "index has no version"
    if row[0] != index_version():
        return f"index of an older version ({row[0]})"
    return None


def _describe(exc: BaseException) -> str:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return "index locked by another process"
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return "index file damaged"
    return f"index unusable: {msg}"


def build_id() -> str:
    """A new id for a full build (unique across rebuilds, processes and machines)."""
    return f"{time.time_ns():x}-{os.getpid():x}-{os.urandom(4).hex()}"


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def _counts(conn: sqlite3.Connection, sources: int) -> dict[str, int]:
    counts = {kind: n for kind, n in conn.execute("SELECT kind, count(*) FROM records GROUP BY kind")}
    counts["sources"] = sources
    return counts


# --- writing records -----------------------------------------------------------------------------

_INSERT = (
    "INSERT INTO records (rid, kind, id, grp, source, text, quote, context, date, date_lo, date_hi, "
    "domains, forums, topic, locator, current, superseded_by, page, section, number) "
    "VALUES (:rid, :kind, :id, :grp, :source, :text, :quote, :context, :date, :date_lo, :date_hi, "
    ":domains, :forums, :topic, :locator, :current, :superseded_by, :page, :section, :number)"
)


def _fts_values(rid: int, text: str | None, quote: str | None, context: str | None) -> tuple:
    return (rid, index_text(text or ""), index_text(quote or ""), index_text(context or ""))


def _delete_groups(conn: sqlite3.Connection, groups: list[str]) -> int:
    deleted = 0
    for grp in groups:
        rows = conn.execute("SELECT rid, text, quote, context FROM records WHERE grp = ?", (grp,)).fetchall()
        if not rows:
            continue
        conn.executemany(
            "INSERT INTO records_fts (records_fts, rowid, text, quote, context) VALUES ('delete', ?, ?, ?, ?)",
            (_fts_values(*r) for r in rows),
        )
        conn.execute("DELETE FROM records WHERE grp = ?", (grp,))
        deleted += len(rows)
    return deleted


def _insert_rows(conn: sqlite3.Connection, rows, next_rid: int, db=None) -> int:
    """Insert rows (dicts from records.py) and their FTS entries; returns how many."""
    batch: list[dict] = []
    n = 0

    def flush() -> None:
        if not batch:
            return
        if db is not None:
            db["records"].insert_all(batch, batch_size=500)
        else:
            conn.executemany(_INSERT, batch)
        conn.executemany(
            "INSERT INTO records_fts (rowid, text, quote, context) VALUES (?, ?, ?, ?)",
            (_fts_values(r["rid"], r["text"], r["quote"], r["context"]) for r in batch),
        )
        batch.clear()

    for row in rows:
        row["rid"] = next_rid + n
        n += 1
        batch.append(row)
        if len(batch) >= 2000:
            flush()
    flush()
    return n


def _refresh_dependent(conn: sqlite3.Connection, corpus: Corpus, sources: set[str], statements: bool) -> int:
    """Recompute the columns that depend on other files; only rows that differ are written.

    - `statements` (a file with statements changed): which statements are superseded, and by
      what, is compared for all statements (two columns of the superseded ones, not the rows);
    - `sources` (ids of sources whose metadata changed): the dates of the statements and
      questions that take their date from those sources.
    """
    from briefing_tui.index.records import date_range

    written = 0
    if statements:
        superseded_by = corpus.superseded_by
        want = {sid: new for sid in corpus.statements if (new := superseded_by(sid))}
        # Only statements have superseded_by; the partial index makes this a small read.
        have = dict(conn.execute("SELECT id, superseded_by FROM records WHERE superseded_by IS NOT NULL"))
        changed = [(new, sid) for sid, new in want.items() if have.get(sid) != new]
        changed += [(None, sid) for sid in have if sid not in want]
        if changed:
            conn.executemany(
                "UPDATE records SET superseded_by = ?1, current = (?1 IS NULL) WHERE kind = 'statement' AND id = ?2",
                changed,
            )
            written += len(changed)
    if sources:
        marks = ", ".join("?" * len(sources))
        updates = []
        for rid, kind, rec_id, date in conn.execute(
            f"SELECT rid, kind, id, date FROM records WHERE kind IN ('statement', 'qa') AND source IN ({marks})",
            sorted(sources),
        ):
            if kind == "statement":
                st = corpus.statements.get(rec_id)
                d = corpus.statement_date(st) if st else date
            else:
                q = corpus.qa.get(rec_id)
                src = corpus.sources.get(q.source) if q else None
                d = src.date if src else None
            if d != date:
                updates.append((d, *date_range(d), rid))
        if updates:
            conn.executemany("UPDATE records SET date = ?, date_lo = ?, date_hi = ? WHERE rid = ?", updates)
            written += len(updates)
    return written


def _area_signatures(corpus: Corpus) -> dict[str, str]:
    from briefing_tui.index.records import area_signature

    return {a: area_signature(corpus, a) for a in (*corpus.domains, *corpus.forums)}


# --- update and rebuild --------------------------------------------------------------------------

def _load(ws: Workspace) -> Corpus:
    from briefing_tui.snapshot import load_corpus

    return load_corpus(ws)


def update_index(ws: Workspace, corpus: Corpus | None = None, *, busy_timeout: float = BUSY_TIMEOUT) -> IndexReport:
    """Bring the index at `ws.index_path` up to date with `ws.content`.

    `corpus` is the content as already loaded (loaded here only when something changed and no
    corpus was given). Never raises for a damaged, old or locked database: it is rebuilt.
    """
    t0 = time.perf_counter()
    path = ws.index_path
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        return _rebuild(ws, corpus, "no index yet", t0)
    conn = None
    try:
        conn = connect(path, busy_timeout)
        problem = _schema_problem(conn)
        if problem is None:
            return _incremental(conn, ws, corpus, t0)
    except sqlite3.DatabaseError as exc:
        problem = _describe(exc)
    finally:
        if conn is not None:
            conn.close()
    return _rebuild(ws, corpus, problem, t0)


def rebuild_index(ws: Workspace, corpus: Corpus | None = None, *, reason: str = "asked") -> IndexReport:
    """Build the index from scratch (into a new file that then replaces the old one)."""
    ws.index_path.parent.mkdir(parents=True, exist_ok=True)
    return _rebuild(ws, corpus, reason, time.perf_counter())


def _incremental(conn: sqlite3.Connection, ws: Workspace, corpus: Corpus | None, t0: float) -> IndexReport:
    content = ws.content
    current = scan_files(content)
    stored = {p: (s, m, h) for p, s, m, h in conn.execute("SELECT path, size, mtime_ns, sha256 FROM files")}
    report = IndexReport(path=str(ws.index_path))
    touched: list[tuple] = []  # same content, new stat: (size, mtime, sha, path)
    new_hashes: dict[str, str] = {}
    for rel, (size, mtime) in current.items():
        old = stored.get(rel)
        if old is not None and old[0] == size and old[1] == mtime:
            continue
        sha = _sha256(content / rel)
        if old is None:
            report.added.append(rel)
            new_hashes[rel] = sha
        elif old[2] != sha:
            report.changed.append(rel)
            new_hashes[rel] = sha
        else:
            touched.append((size, mtime, rel))
    report.removed = sorted(p for p in stored if p not in current)
    report.added.sort()
    report.changed.sort()
    meta = _meta(conn)

    if not report.files_changed:
        if touched:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched)
            conn.execute("COMMIT")
        report.counts = json.loads(meta.get("counts", "{}"))
        report.seconds = time.perf_counter() - t0
        return report

    from briefing_tui.index.records import group_of_path, grouping, rows_for_group

    if corpus is None:
        corpus = _load(ws)
    report.problems = len(corpus.errors())
    g = grouping(corpus, content)
    groups = {group_of_path(p) for p in (*report.added, *report.changed, *report.removed)}
    signatures = _area_signatures(corpus)
    old_signatures = dict(conn.execute("SELECT id, signature FROM areas"))
    changed_areas = {a for a in signatures.keys() | old_signatures.keys() if signatures.get(a) != old_signatures.get(a)}

    conn.execute("BEGIN IMMEDIATE")
    try:
        for area_id in sorted(changed_areas):
            like = f"%|{area_id}|%"
            groups.update(r[0] for r in conn.execute(
                "SELECT DISTINCT grp FROM records WHERE domains LIKE ? OR forums LIKE ?", (like, like)))
        ordered = sorted(groups)
        _delete_groups(conn, ordered)
        next_rid = (conn.execute("SELECT max(rid) FROM records").fetchone()[0] or 0) + 1
        written = 0
        for grp in ordered:
            written += _insert_rows(conn, rows_for_group(corpus, g, grp), next_rid + written)
        changed_sources = {grp.rsplit("/", 1)[-1] for grp in groups if grp.startswith("sources/")}
        statement_files = any(grp.startswith(("domains/", "forums/")) for grp in groups)
        _refresh_dependent(conn, corpus, changed_sources, statement_files)
        conn.execute("DELETE FROM areas")
        conn.executemany("INSERT INTO areas (id, signature) VALUES (?, ?)", signatures.items())
        conn.executemany(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
            ((rel, *current[rel], new_hashes[rel]) for rel in new_hashes),
        )
        conn.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched)
        conn.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in report.removed))
        counts = _counts(conn, len(corpus.sources))
        generation = int(meta.get("generation", "0")) + 1
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("counts", json.dumps(counts)), ("generation", str(generation)),
             ("built", meta.get("built") or build_id())],
        )
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


def _rebuild(ws: Workspace, corpus: Corpus | None, reason: str | None, t0: float) -> IndexReport:
    import sqlite_utils

    from briefing_tui.index.records import (
        PassageSplitter, date_range, grouping, prior_statement_rows, rows_for_group, source_texts,
    )

    path = ws.index_path
    content = ws.content
    files = scan_files(content)
    hashes = {rel: _sha256(content / rel) for rel in files}
    if corpus is None:
        corpus = _load(ws)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{time.monotonic_ns()}")
    _remove_db_files(tmp)
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA)
        db = sqlite_utils.Database(conn)
        g = grouping(corpus, content)
        # Sources are split into passages in worker processes while the statements are written.
        splitter = PassageSplitter()
        splitter.start(source_texts(corpus, g.sources.values()))
        conn.execute("BEGIN")
        written = 0
        try:
            # Row ids carry a prior for very broad queries (search then ranks the highest ids
            # first): passages lowest, oldest source first; then commitments, motions and
            # questions; then statements, superseded before current, older before newer.
            # Rows an update rewrites get ids above all of these: recently edited.
            written += _insert_rows(conn, prior_statement_rows(corpus), STATEMENT_RIDS)
            singles = 0
            for grp in sorted(g.singles):
                singles += _insert_rows(conn, rows_for_group(corpus, g, grp), SINGLE_RIDS + singles)
            written += singles
            passages = 0
            for grp, _src in sorted(g.sources.items(), key=lambda kv: (date_range(kv[1].date)[0] or 0, kv[0])):
                passages += _insert_rows(conn, rows_for_group(corpus, g, grp, splitter), 1 + passages)
            written += passages
        finally:
            splitter.close()
        db["files"].insert_all(
            ({"path": rel, "size": s, "mtime_ns": m, "sha256": hashes[rel]} for rel, (s, m) in files.items()),
            batch_size=1000,
        )
        db["areas"].insert_all(({"id": a, "signature": s} for a, s in _area_signatures(corpus).items()), batch_size=1000)
        counts = _counts(conn, len(corpus.sources))
        db["meta"].insert_all(
            [
                {"key": "version", "value": index_version()},
                {"key": "counts", "value": json.dumps(counts)},
                {"key": "generation", "value": "1"},
                {"key": "built", "value": build_id()},
            ]
        )
        conn.execute("COMMIT")
        conn.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    _remove_db_files(path)
    os.replace(tmp, path)
    report = IndexReport(rebuilt=True, reason=reason, records=written, counts=counts, path=str(path),
                         problems=len(corpus.errors()))
    report.seconds = time.perf_counter() - t0
    return report
