"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (so the final rename never crosses a
file system), are flushed and fsync'ed, and then `os.replace` puts them in place in one step.
On any error the temporary file is removed and the file that was there before is untouched.

Used for briefing files, export packs, and sources written by the importer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"


def _default_mode() -> int:
    # A new file gets what open() would give it: 0o666 minus the umask. mkstemp creates 0o600,
    # which would make a shared briefing unreadable for colleagues.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(
    path: str | os.PathLike,
    data: bytes,
    *,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write `data` to `path` atomically.

    `before_replace` runs after the new content is safely on disk and just before the rename;
    if it raises, nothing is replaced (this is where a caller checks for a conflicting change).
    An existing file keeps its permission bits; a symlink keeps pointing at the new content.
    """
    # Through a symlink to the file it points at: replacing the link itself would cut it.
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX + target.name + ".", suffix=_TMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        if before_replace is not None:
            before_replace()
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(folder)


def atomic_write_text(
    path: str | os.PathLike,
    text: str,
    *,
    encoding: str = "utf-8",
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write text atomically; line endings are written exactly as given (no translation)."""
    atomic_write_bytes(path, text.encode(encoding), before_replace=before_replace)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
