"""The content folder after this process wrote some files, without a stat of every file in it.

`briefing import` writes a source's `.txt` and `.yaml` (and `qa.yaml`, a linked source's YAML)
into a `sources/` folder that may hold tens of thousands of files. The index update after it
needs to know what changed; a stat of every file (`files.scan_content`) costs about 0.35 s at
27,500 sources. `scan_after_writing` stats every file outside the large folders (as the quick
no-change check does, `index.quick_check`), and in a large folder only the written files and
their siblings (a source's `.yaml` and `.txt` are read together); the rest of that folder is
vouched for by the index, and checked by its listing: the number of content files in it must be
the number the index holds plus the written files that are new. When anything else differs (a
file outside the folder changed, the count is off), it returns None and the caller scans all.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Iterator

from briefing_tui.files import CONTENT_SUFFIXES, ContentScan, FileStat, scan_content

__all__ = ["large_folders", "scan_after_writing", "scan_outside_large", "scan_quick", "stored_files", "stored_folders",
           "stored_hashes"]


def stored_folders(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """path -> (mtime_ns, content files in it) of every folder, as the index last saw them."""
    return {p: (m, n) for p, m, n in conn.execute("SELECT path, mtime_ns, files FROM folders")}


def large_folders(folders: dict[str, tuple[int, int]], big_folders: tuple[str, ...], min_files: int) -> frozenset[str]:
    """The folders judged by their own mtime: those of `big_folders` with `min_files` files or more."""
    return frozenset(p for p, (_m, n) in folders.items() if n >= min_files and p in big_folders)


def scan_outside_large(conn: sqlite3.Connection, content: Path, big_folders: tuple[str, ...], min_files: int,
                       ) -> tuple[dict[str, tuple[int, int]], frozenset[str], ContentScan] | None:
    """(the folders as the index saw them, the large ones among them, a scan of everything else:
    the large folders' own mtimes, not their files); None when there is no large folder (a small
    folder is scanned whole in a moment) or the scan found other folders than the index has."""
    folders = stored_folders(conn)
    big = large_folders(folders, big_folders, min_files)
    if not big:
        return None
    scan = scan_content(content, skip=big)
    if set(scan.folders) != set(folders):
        return None
    return folders, big, scan


def scan_after_writing(conn: sqlite3.Connection, content: Path, written: list[str], big_folders: tuple[str, ...],
                       min_files: int) -> tuple[ContentScan, frozenset[str]] | None:
    """(the scan, the large folders only partly scanned) after `written` (paths relative to
    `content`) were written; None when a full scan is needed (see the module doc)."""
    found = scan_outside_large(conn, content, big_folders, min_files)
    if found is None or found[2].problems:
        return None
    folders, big, scan = found
    mine = set(written)
    stored_rest = stored_files(conn, big, [])
    rest = scan.files  # (size, mtime_ns) tuples (`FileStat`)
    if (rest.keys() ^ stored_rest.keys()) - mine:
        return None
    if any(rest[p] != stored_rest[p] for p in rest.keys() & stored_rest.keys() if p not in mine):
        return None
    for folder in big:
        prefix = folder + "/"
        names = {rel.rpartition(".")[0] + ext for rel in mine
                 if rel.startswith(prefix) and "/" not in rel[len(prefix):] for ext in CONTENT_SUFFIXES}
        stored = stored_files(conn, frozenset(), sorted(names), rest=False)
        count = folders[folder][1]
        for rel in sorted(names):
            try:
                st = os.lstat(content / rel)
            except FileNotFoundError:
                count -= rel in stored
                continue
            except OSError:
                return None
            if not stat.S_ISREG(st.st_mode):
                return None  # a link (maybe out of the folder), a FIFO: the full scan judges it
            scan.files[rel] = FileStat(st.st_size, st.st_mtime_ns)
            count += rel not in stored
        # The folder's mtime was read by `scan_content` before this listing: a file added later
        # changes it again, and the next check looks.
        try:
            listing = os.listdir(content / folder)
        except OSError:
            return None
        if _content_files(listing) != count:
            return None
        scan.folders[folder] = (scan.folders[folder][0], count)
    return scan, big


def scan_quick(conn: sqlite3.Connection, content: Path, big_folders: tuple[str, ...],
               min_files: int) -> tuple[ContentScan, frozenset[str]] | None:
    """(the scan, the large folders left out of it) for an update after the quick no-change check
    saw a change (`index.quick_check`): every file outside the large folders is stat'ed; a large
    folder whose mtime is the index's (nothing added, removed or renamed in it) is vouched for by
    the index, as the quick check vouches for it. None when a large folder changed too (the caller
    scans all). A file edited in place in a large folder is seen by the next full check."""
    found = scan_outside_large(conn, content, big_folders, min_files)
    if found is None or found[2].problems:
        return None
    folders, big, scan = found
    for folder in big:
        if scan.folders[folder][0] != folders[folder][0]:
            return None
        scan.folders[folder] = folders[folder]
    return scan, big


def stored_files(conn: sqlite3.Connection, skip: frozenset[str], also: list[str], *,
                 rest: bool = True) -> dict[str, tuple[int, int]]:
    """path -> (size, mtime_ns) from the index's `files`: every file outside the folders in
    `skip` (unless not `rest`), and the paths in `also`. (Their hashes, needed only for the few
    files whose stat differs: `stored_hashes`.)"""
    # A folder's files are the paths from "folder/" up to "folder0" ("0" follows "/"): the rest
    # is read as ranges of the primary key between the skipped folders (NOT LIKE reads every row).
    edges = [b for f in sorted(skip) for b in (f"{f}/", f"{f}0")]
    ranges = list(zip(["", *edges[1::2]], [*edges[0::2], None])) if rest else []
    out: dict[str, tuple[int, int]] = {}
    for lo, hi in ranges:
        if not skip:  # every row: a scan of the table, twice as fast as by its key's index
            rows = conn.execute("SELECT path, size, mtime_ns FROM files")
        else:
            sql = "SELECT path, size, mtime_ns FROM files WHERE path >= ?" + (" AND path < ?" if hi is not None else "")
            rows = conn.execute(sql, (lo,) if hi is None else (lo, hi))
        out.update({p: (s, m) for p, s, m in rows})
    out.update({p: (s, m) for p, s, m in _by_path(conn, "size, mtime_ns", also)})
    return out


def stored_hashes(conn: sqlite3.Connection, paths: list[str]) -> dict[str, str]:
    """path -> sha256 from the index's `files`, for these paths."""
    return dict(_by_path(conn, "sha256", paths))


def _by_path(conn: sqlite3.Connection, columns: str, paths: list[str]) -> Iterator[tuple]:
    """(path, *columns) of these paths' rows of `files`, 500 paths a statement."""
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        yield from conn.execute(
            f"SELECT path, {columns} FROM files WHERE path IN ({', '.join('?' * len(chunk))})", chunk)  # noqa: S608


def _content_files(names: list[str]) -> int:
    """How many of these file names are content files (a content suffix, not hidden), counted in
    C over the joined names: 55,000 names in a few ms."""
    joined = "\n" + "\n".join(names) + "\n"
    if "\n." in joined:  # hidden files (rare): one by one
        return sum(1 for name in names if name.endswith(CONTENT_SUFFIXES) and not name.startswith("."))
    return sum(joined.count(f"{suffix}\n") for suffix in CONTENT_SUFFIXES)
