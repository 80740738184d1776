"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (so the final rename never crosses a
file system), are flushed and fsync'ed, and then `os.replace` puts them in place in one step.
On any error the temporary file is removed and the file that was there before is untouched.

The one atomic writer: briefing files, export packs, sources written by the importer, and (not
durable) the derived files of the cache folder. Temporaries that a killed process left behind
are found by `clean_stale`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

TMP_MARK = ".tmp-"  # <name>.tmp-<pid>-<unique>: a temporary of process <pid>
_TMP_RE = re.compile(r"\.tmp-(\d+)-[0-9a-f]+$")


def _default_mode() -> int:
    # A new file gets what open() would give it: 0o666 minus the umask. the temporary is created 0o600,
    # which would make a shared briefing unreadable for colleagues.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(
    path: str | os.PathLike,
    data: bytes,
    *,
    before_replace: Callable[[], None] | None = None,
    durable: bool = True,
) -> None:
    """Write `data` to `path` atomically.

    `durable=False` skips the fsyncs: for derived data in the cache folder, which is simply made
    again when a crash loses it.

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
    tmp_name = str(temporary_name(target))  # names this process: `clean_stale` removes it if we die
    fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
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
    if durable:
        fsync_dir(folder)


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


def temporary_name(path: Path) -> Path:
    """A temporary file name beside `path`, naming this process (see `clean_stale`)."""
    return path.with_name(f"{path.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale(folder: Path) -> list[str]:
    """Remove temporaries in `folder` whose process is gone; returns their names."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP_RE.search(entry.name.removesuffix("-wal").removesuffix("-shm").removesuffix("-journal"))
        if m is None or _alive(int(m.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            pass
    return removed
