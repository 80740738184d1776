"""Where a pack may be written: never through a symlink, never over someone else's file.

A pack names the briefing it was made from (`pack_marker`: an HTML comment at the end of the
Markdown, the `identifier` of the Word file's core properties). An export overwrites an existing
file only when it is an earlier pack of the same briefing (or with `force`); a symlink or
anything that is not a regular file is refused always, so a link committed to git or given with
`-o` cannot make the export overwrite what it points at (a dotfile, a content file).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

_MD_MARKER = "<!-- briefing-tui: pack van briefing {name} -->"
_DOCX_IDENTIFIER = "briefing-tui:{name}"
_MD_TAIL = 4096  # the marker is the last line: reading the end of the file is enough
_CORE_MAX = 1024 * 1024  # docProps/core.xml is a few hundred bytes; never unpack more


class TargetRefused(Exception):
    """The pack must not be written to this path; the message says why (Dutch)."""


def _plain(name: str) -> str:
    # A briefing name is letters, digits, '.', '_', '-'; a file loaded by path may have any stem.
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).replace("--", "-_")


def markdown_marker(name: str) -> str:
    return _MD_MARKER.format(name=_plain(name))


def docx_identifier(name: str) -> str:
    return _DOCX_IDENTIFIER.format(name=_plain(name))


def is_pack_of(path: Path, name: str) -> bool:
    """Whether the regular file at `path` is a pack (Markdown or Word) of briefing `name`."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            if head == b"PK\x03\x04":
                fh.seek(0)
                return _docx_identifier(fh) == docx_identifier(name)
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(0, size - _MD_TAIL))
            tail = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return False
    lines = tail.rstrip("\n").rsplit("\n", 1)
    return lines[-1] == markdown_marker(name)


def _docx_identifier(fh) -> str | None:
    try:
        with zipfile.ZipFile(fh) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _CORE_MAX:
                return None
            xml = archive.read(info).decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None
    m = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", xml)
    return m.group(1) if m else None


def check_target(path: Path, name: str, *, force: bool = False) -> None:
    """Raise TargetRefused when a pack of briefing `name` must not be written to `path`."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TargetRefused(f"{path}: niet te lezen ({exc.strerror or exc}); niets geschreven") from None
    if stat.S_ISLNK(st.st_mode):
        raise TargetRefused(
            f"{path} is een symbolische link; een pakket wordt nooit via een link geschreven "
            "(dat zou het bestand waar hij naar wijst overschrijven). Kies een ander pad met -o"
        )
    if not stat.S_ISREG(st.st_mode):
        raise TargetRefused(f"{path} is geen gewoon bestand; niets geschreven")
    if not force and not is_pack_of(path, name):
        raise TargetRefused(
            f"{path} bestaat al en is geen eerder pakket van briefing '{name}'; niet overschreven "
            "(kies een ander pad, of geef --force om het toch te vervangen)"
        )
