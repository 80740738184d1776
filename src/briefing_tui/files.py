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

import itertools
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
    # folders entered and listed whole by the scan -> where their files are in `files`' order
    # (from, to): each folder's files were added together
    entered: dict[str, tuple[int, int]] = field(default_factory=dict)

    def fingerprint(self) -> tuple:
        """(path, size, mtime_ns) of every file, sorted: changes whenever a file does. Made once
        per scan (a scan is not changed after it is made)."""
        found = self.__dict__.get("_fingerprint")
        if found is None:
            found = self.__dict__["_fingerprint"] = tuple(sorted((rel, st.size, st.mtime_ns) for rel, st in self.files.items()))
        return found

    def in_folder(self, folder: str, suffixes: tuple[str, ...] = YAML_SUFFIXES) -> list[str]:
        """Sorted file names directly in one folder ("domains") with these suffixes."""
        return [name for name in self._names(folder) if name.endswith(suffixes)]

    def _names(self, folder: str) -> list[str]:
        """The sorted names of the files directly in `folder` ("" for the root), made once per
        scan and folder: a read of sources/ asks for its YAML and its texts, each of 55,000
        names. Only the folder asked for is sorted (a whole dossier's 55,000 paths sorted and
        grouped cost 46 ms for an edit that reads domains/)."""
        made = self.__dict__.setdefault("_names_of", {})
        found = made.get(folder)
        if found is None and folder in self.entered and self._as_listed():
            a, b = self.entered[folder]
            cut = len(folder) + 1 if folder else 0
            found = made[folder] = sorted([rel[cut:] for rel in itertools.islice(self.files, a, b)])
        if found is None:
            if folder:
                prefix = folder + "/"
                cut = len(prefix)
                found = sorted([rel[cut:] for rel in self.files if rel.startswith(prefix) and "/" not in rel[cut:]])
            else:
                found = sorted([rel for rel in self.files if "/" not in rel])
            made[folder] = found
        return found

    def top_level(self) -> list[str]:
        return list(self._names(""))

    def digests(self) -> dict[str, str]:
        """folder -> a digest of the name, size and mtime of every content file directly in it,
        in the order the scan listed them, for the folders the scan entered ("sources", ...):
        equal digests, the same files as far as a stat can tell. The index keeps them, so that a
        check of every file compares one digest for an unchanged sources/ folder instead of
        55,000 paths with the index's (`index.update_index`). Made once per scan: 13 ms for 55,000.
        None at all once files were added to the scan (`after_write`): what the index then holds
        of a folder is not what a listing of it gave."""
        found = self.__dict__.get("_digests")
        if found is None:
            import hashlib  # (only a check of every file asks: not at every start-up)
            from array import array

            found = {}
            if not self._as_listed():
                self.__dict__["_digests"] = found
                return found
            keys, stats = list(self.files), list(self.files.values())
            for folder, (a, b) in self.entered.items():
                names = keys[a:b]
                if not folder or not names or not (names[0].startswith(f"{folder}/") and names[-1].startswith(f"{folder}/")):
                    continue  # (the root's files, an empty folder)
                h = hashlib.blake2b("\n".join(names).encode("utf-8", "surrogatepass"), digest_size=16)
                h.update(array("q", itertools.chain.from_iterable(stats[a:b])).tobytes())
                found[folder] = f"{b - a}:{h.hexdigest()}"
            self.__dict__["_digests"] = found
        return found

    def outside(self, folders: frozenset[str]) -> dict[str, FileStat]:
        """The files not directly in these entered folders (a copy of `files` without them),
        taken by the places of the folders' files rather than by a look at each path."""
        if not self._as_listed() or not folders <= self.entered.keys():
            return {rel: st for rel, st in self.files.items() if rel.rpartition("/")[0] not in folders}
        out: dict[str, FileStat] = {}
        items = list(self.files.items())
        for folder, (a, b) in self.entered.items():
            if folder not in folders:
                out.update(items[a:b])
        return out

    def _as_listed(self) -> bool:
        """Are `files` what the scan listed, each folder's where `entered` says? The scan adds
        files only within a folder it enters; files added after it (`after_write`) follow."""
        return len(self.files) == max((b for _, b in self.entered.values()), default=0)

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
        new_tuple = tuple.__new__
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
                files[rel] = new_tuple(FileStat, (fst.st_size, fst.st_mtime_ns))  # (3 times as fast)
        scan.folders[rel_folder] = (folder_mtime, len(scan.files) - before)
        scan.entered[rel_folder] = (before, len(scan.files))
    return scan
