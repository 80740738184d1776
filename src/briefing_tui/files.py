"""The content folder's files: one scan, one answer to "which files are content".

    scan = scan_content(root)
    scan.files        # {"domains/laws.yaml": FileStat(size, mtime_ns), ...}: every content file
    scan.problems     # Problem for what is refused: links out of the folder, FIFOs, devices
    scan.yaml_files("domains")   # sorted names of one folder's YAML files

What counts (docs/content-format.md): files ending in `.yaml`, `.yml` or `.txt` directly in the
content folder or directly in its `sources/`, `domains/` and `forums/` folders (what the loader
reads), except hidden files. Other folders (`_staging/`, `.git/`, anything else) are not
content and are never entered, so pointing `--content` at a large or odd folder (`/proc`, a home
folder) costs one listing. Paths are relative to the content folder and always use "/" (also on
Windows), so every part of the program names a file the same way.

Only regular files are content. A symbolic link is followed only when its target stays inside
the content folder; a link that leads out of it (`content/sources/x.txt` → `~/.ssh/id_rsa`)
is reported and left out, and so is anything that is not a regular file (a FIFO, a device such
as /dev/zero, a socket), so reading never hangs and nothing outside the folder is indexed.
A folder that cannot be read is reported, never a traceback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from briefing_tui.model import Problem
from briefing_tui.paths import display_path

CONTENT_SUFFIXES = (".yaml", ".yml", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
TOP_LEVEL_FILES = ("commitments.yaml", "motions.yaml", "qa.yaml", "synonyms.yaml", "rejections.yaml")  # rejections: proposals/rejections.py
RECORD_FOLDERS = ("sources", "domains", "forums")

__all__ = [
    "CONTENT_SUFFIXES", "RECORD_FOLDERS", "TOP_LEVEL_FILES", "YAML_SUFFIXES", "ContentScan", "FileStat",
    "display_path", "scan_content",
]


class FileStat(NamedTuple):
    """A file's size and modification time: a tuple (made for every file of a scan, 55,000 in a
    whole dossier's sources/), equal to the index's stored (size, mtime_ns)."""

    size: int
    mtime_ns: int


@dataclass
class ContentScan:
    """The content files of one folder at one moment."""

    root: Path
    files: dict[str, FileStat] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    exists: bool = True
    # every folder scanned ("" for the root, "sources", ...): its mtime_ns and how many content
    # files it holds directly; a folder's mtime changes when a file in it is added, removed or
    # renamed (as the importer and atomic saves do), not when a file is edited in place
    folders: dict[str, tuple[int, int]] = field(default_factory=dict)

    def fingerprint(self) -> tuple:
        """(path, size, mtime_ns) of every file, sorted: changes whenever a file does. Made once
        per scan (a scan is not changed after it is made)."""
        found = self.__dict__.get("_fingerprint")
        if found is None:
            found = self.__dict__["_fingerprint"] = tuple(sorted((rel, st.size, st.mtime_ns) for rel, st in self.files.items()))
        return found

    def in_folder(self, folder: str, suffixes: tuple[str, ...] = YAML_SUFFIXES) -> list[str]:
        """Sorted file names directly in one folder ("domains") with these suffixes."""
        return [name for name in self._by_folder().get(folder, ()) if name.endswith(suffixes)]

    def _by_folder(self) -> dict[str, list[str]]:
        """folder -> the sorted names of the files directly in it ("" for the root). Made once
        per scan: a read of sources/ asks for its YAML and its texts, each of 55,000 names."""
        found = self.__dict__.get("_by_folder_names")
        if found is None:
            found = {}
            for rel in sorted(self.files):
                folder, _, name = rel.rpartition("/")
                found.setdefault(folder, []).append(name)
            self.__dict__["_by_folder_names"] = found
        return found

    def top_level(self) -> list[str]:
        return list(self._by_folder().get("", ()))

    def total_bytes(self) -> int:
        return sum(st.size for st in self.files.values())


def root_problem(root: str | os.PathLike, base: str | os.PathLike | None = None) -> Problem | None:
    """Why `root` cannot be a content folder (missing, unreadable, not a folder), or None: one
    stat, whatever the number of files in it."""
    root = Path(root).resolve()
    shown = display_path(root, Path(base).resolve() if base is not None else root.parent)
    try:
        st = root.stat()
    except FileNotFoundError:
        return Problem(shown, 1, "content.no_folder")
    except OSError as exc:
        return Problem(shown, 1, "content.folder_unreadable", {"reason": exc.strerror or str(exc)})
    if not stat.S_ISDIR(st.st_mode):
        return Problem(shown, 1, "content.not_a_folder")
    return None


def scan_content(root: str | os.PathLike, *, report_base: str | os.PathLike | None = None,
                 skip: frozenset[str] = frozenset()) -> ContentScan:
    """Every content file under `root` with its size and modification time (stat only).
    Problems are reported with paths relative to `report_base` (default: the root's parent).
    Folders in `skip` ("sources") are not entered: only their own mtime is read (for the
    index's quick no-change check)."""
    root = Path(root).resolve()
    base = Path(report_base).resolve() if report_base is not None else root.parent
    scan = ContentScan(root)
    problem = root_problem(root, base)
    if problem is not None:
        scan.exists = False
        scan.problems.append(problem)
        return scan
    inside = str(root) + os.sep
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        rel_folder = prefix.rstrip("/")
        try:
            folder_mtime = os.stat(folder).st_mtime_ns
        except OSError:
            folder_mtime = 0
        if rel_folder in skip:
            scan.folders[rel_folder] = (folder_mtime, -1)  # not entered
            continue
        before = len(scan.files)
        try:
            it = os.scandir(folder)
        except OSError as exc:
            shown = display_path(folder, base)
            scan.problems.append(Problem(shown, 1, "content.folder_unreadable", {"reason": exc.strerror or str(exc)}))
            continue
        files = scan.files
        with it:
            for entry in it:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if not name.endswith(CONTENT_SUFFIXES):
                        if not prefix and name in RECORD_FOLDERS and entry.is_dir(follow_symlinks=False):
                            stack.append((entry.path, prefix + name + "/"))
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        continue  # a folder named like a content file
                    rel = prefix + name
                    if entry.is_symlink():
                        target = os.path.realpath(entry.path)
                        if not target.startswith(inside):
                            scan.problems.append(Problem(display_path(entry.path, base), 1, "content.link_outside",
                                                         {"target": target}))
                            continue
                    fst = entry.stat()  # follows a link that stays inside
                except OSError as exc:
                    scan.problems.append(Problem(display_path(entry.path, base), 1, "file.unreadable",
                                                 {"what": "file", "reason": exc.strerror or str(exc)}))
                    continue
                if not stat.S_ISREG(fst.st_mode):
                    scan.problems.append(Problem(display_path(entry.path, base), 1, "content.not_regular"))
                    continue
                files[rel] = FileStat(fst.st_size, fst.st_mtime_ns)
        scan.folders[rel_folder] = (folder_mtime, len(scan.files) - before)
    return scan
