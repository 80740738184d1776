"""The index's table of the files in `sources/`: what an import matches a new document on.

    source_files  one row per stem in sources/ (`<stem>.yaml` and/or `<stem>.txt`):
                  yaml         1 when a .yaml (or .yml) is there
                  fingerprint  `sourcekeys.text_fingerprint` of the .txt (NULL: no .txt, not UTF-8)
                  source       the id of the source read from the YAML (NULL: it did not load)
                  kind, kamerstuk, aanhangsel, kamervragen, surnames
                               that source's kind and official numbers (`sourcekeys` keys) and
                               its members' surnames ('|blok|sjoerdsma|')

It is written with the rest of the index: every stem at a build, the stems of the changed files
at an update (`write`). The importer asks it (through the knowledge base's door) which existing
sources could be the same document or the questions a new answer document answers, and reads
only those files (`importer/link.py`); a stem whose YAML did not load is always a candidate
(its raw YAML is read as before), so a half-edited source is matched as the folder walk did.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from briefing_tui.model import Source
from briefing_tui.sourcekeys import aanhangsel_key, kamerstuk_key, kamervragen_key, surname, text_fingerprint

__all__ = [
    "TABLE", "defining_files", "digest", "digest_all", "is_text", "stems_of", "text_stem", "unread", "with_fingerprint", "with_kind",
    "with_numbers", "write", "yaml_outside_sources",
]

TABLE = """
CREATE TABLE source_files (
    stem TEXT PRIMARY KEY, yaml INTEGER NOT NULL, fingerprint TEXT, source TEXT,
    kind TEXT, kamerstuk TEXT, aanhangsel TEXT, kamervragen TEXT, surnames TEXT
);
CREATE INDEX source_files_fingerprint ON source_files (fingerprint);
CREATE INDEX source_files_kind ON source_files (kind);
CREATE INDEX source_files_kamerstuk ON source_files (kamerstuk);
CREATE INDEX source_files_aanhangsel ON source_files (aanhangsel);
CREATE INDEX source_files_kamervragen ON source_files (kamervragen);
CREATE INDEX source_files_source ON source_files (source);
"""

_PREFIX = "sources/"
_YAML = (".yaml", ".yml")


def _stem(rel: str) -> str | None:
    """'sources/x.txt' -> 'x'; None for a path that is not a file directly in sources/."""
    if not rel.startswith(_PREFIX):
        return None
    name = rel[len(_PREFIX):]
    if "/" in name:
        return None
    stem, dot, _suffix = name.rpartition(".")
    return stem if dot and stem else None


def stems_of(paths: Iterable[str]) -> set[str]:
    return {s for s in map(_stem, paths) if s is not None}


def text_stem(rel: str) -> str | None:
    """The stem of a source text (a .txt directly in sources/, whose fingerprint is kept), else None."""
    return _stem(rel) if rel.endswith(".txt") else None


def is_text(rel: str) -> bool:
    """A source text: a .txt directly in sources/ (its fingerprint is kept)."""
    return text_stem(rel) is not None


def digest(path: Path, fingerprint: bool) -> tuple[str, str | None]:
    """(sha256 of the file's bytes, the text's fingerprint when asked and the file is UTF-8);
    ("", None) when it cannot be read. A text is read once for both; other files in chunks."""
    try:
        if fingerprint:
            data = path.read_bytes()
            return hashlib.sha256(data).hexdigest(), _fingerprint(data)
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest(), None
    except OSError:
        return "", None


PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # from this much content on, a build digests in worker processes
BATCH = 256  # files per job sent to a worker


def digest_all(content: Path, files: dict[str, tuple[int, int]]) -> dict[str, tuple[str, str | None]]:
    """`digest` of every content file (relative path -> (size, mtime_ns)), texts with their
    fingerprint: in forked workers when there is a lot of text (`forkpool.Ahead`, in batches),
    else in-process; a batch the pool did not do is done here (the reference)."""
    rels = list(files)
    batches = [rels[i:i + BATCH] for i in range(0, len(rels), BATCH)]
    ahead = None
    if sum(size for size, _mtime in files.values()) >= PARALLEL_MIN_BYTES and len(batches) > 1:
        from briefing_tui.forkpool import Ahead

        ahead = Ahead(_digest_batch, per_worker=2)
        if not ahead.start((n, partial(tuple, (str(content), batch))) for n, batch in enumerate(batches)):
            ahead = None
    out: dict[str, tuple[str, str | None]] = {}
    try:
        for n, batch in enumerate(batches):
            done, result = ahead.take(n) if ahead is not None else (False, None)
            out.update(result if done and isinstance(result, dict) else _digest_batch(str(content), batch))
    finally:
        if ahead is not None:
            ahead.close()
    return out


def _digest_batch(content: str, rels: list[str]) -> dict[str, tuple[str, str | None]]:
    root = Path(content)
    return {rel: digest(root / rel, is_text(rel)) for rel in rels}


def _fingerprint(data: bytes) -> str | None:
    try:
        return text_fingerprint(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def write(conn: sqlite3.Connection, content: Path, present: Iterable[str], stems: Iterable[str],
          sources: dict[str, Source], fingerprints: dict[str, str | None]) -> None:
    """The rows of these stems as the files are now. `present`: every content file (relative
    paths); `sources`: group ('sources/x') -> the source read from it; `fingerprints`: stem ->
    the fingerprint of its text where it was just read (else the text is read here)."""
    have = set(present) if not isinstance(present, (set, dict)) else present
    rows, gone = [], []
    for stem in stems:
        txt = f"{_PREFIX}{stem}.txt"
        yaml = any(f"{_PREFIX}{stem}{ext}" in have for ext in _YAML)
        if txt not in have and not yaml:
            gone.append((stem,))
            continue
        fp = None
        if txt in have:
            fp = fingerprints[stem] if stem in fingerprints else digest(content / txt, True)[1]
        src = sources.get(f"{_PREFIX}{stem}")
        rows.append((stem, int(yaml), fp, *(_keys(src) if src is not None else (None,) * 6)))
    conn.executemany("DELETE FROM source_files WHERE stem = ?", gone)
    conn.executemany("INSERT OR REPLACE INTO source_files (stem, yaml, fingerprint, source, kind, kamerstuk, aanhangsel, "
                     "kamervragen, surnames) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _keys(src: Source) -> tuple:
    ks, ah = src.kamerstuk, src.aanhangsel
    names = sorted({s for s in (surname(p.name) for p in src.members) if s})
    return (
        src.id,
        src.kind or None,
        kamerstuk_key(ks.dossier, ks.number) if ks else None,
        aanhangsel_key(ah.year, ah.number) if ah else None,
        kamervragen_key(src.kamervragen) if src.kamervragen else None,
        "|" + "|".join(names) + "|" if names else None,
    )


# --- asking ----------------------------------------------------------------------------------

def with_fingerprint(conn: sqlite3.Connection, fingerprint: str) -> list[str]:
    """Stems whose text has this fingerprint."""
    return [r[0] for r in conn.execute("SELECT stem FROM source_files WHERE fingerprint = ?", (fingerprint,))]


def unread(conn: sqlite3.Connection) -> list[str]:
    """Stems with a YAML from which no source was read (an error in it)."""
    return [r[0] for r in conn.execute("SELECT stem FROM source_files WHERE source IS NULL AND yaml = 1")]


def with_kind(conn: sqlite3.Connection, kind: str, kamervragen: str | None, surnames: set[str]) -> list[str]:
    """Stems of sources of this kind with this Kamervragen number or one of these surnames."""
    want = kamervragen_key(kamervragen) if kamervragen else None
    out = []
    for stem, kv, names in conn.execute("SELECT stem, kamervragen, surnames FROM source_files WHERE kind = ?", (kind,)):
        if (want is not None and kv == want) or (names and surnames & set(names.strip("|").split("|"))):
            out.append(stem)
    return out


def with_numbers(conn: sqlite3.Connection, kamerstuk: str | None, aanhangsel: str | None,
                 kamervragen: str | None) -> list[str]:
    """Stems of sources with one of these official numbers (`sourcekeys` keys)."""
    out: list[str] = []
    for column, key in (("kamerstuk", kamerstuk), ("aanhangsel", aanhangsel), ("kamervragen", kamervragen)):
        if key is not None:
            out += [r[0] for r in conn.execute(f"SELECT stem FROM source_files WHERE {column} = ?", (key,))]  # noqa: S608
    return out


def defining_files(conn: sqlite3.Connection, record_id: str) -> list[str]:
    """The content files (relative paths) in which the index has a record or source with this id."""
    groups = {r[0] for r in conn.execute(
        "SELECT grp FROM records WHERE kind IN ('statement', 'commitment', 'motion', 'qa') AND id = ?", (record_id,))}
    groups |= {f"{_PREFIX}{r[0]}" for r in conn.execute("SELECT stem FROM source_files WHERE source = ?", (record_id,))}
    names = [f"{grp}{ext}" for grp in sorted(groups) for ext in _YAML]
    found: list[str] = []
    for i in range(0, len(names), 500):
        chunk = names[i:i + 500]
        found += [r[0] for r in conn.execute(
            f"SELECT path FROM files WHERE path IN ({', '.join('?' * len(chunk))})", chunk)]  # noqa: S608
    return sorted(found)


def yaml_outside_sources(conn: sqlite3.Connection) -> list[str]:
    """Every YAML file the index knows outside sources/ (relative paths)."""
    return [r[0] for r in conn.execute(
        "SELECT path FROM files WHERE (path < 'sources/' OR path >= 'sources0') AND (path LIKE '%.yaml' OR path LIKE '%.yml') "
        "ORDER BY path")]
