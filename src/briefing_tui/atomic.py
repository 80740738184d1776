"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (so the final rename never crosses a
file system), are flushed and fsync'ed, and then `os.replace` puts them in place in one step.
On any error the temporary file is removed and the file that was there before is untouched.

The one atomic writer: briefing files, export packs, sources written by the importer, and (not
durable) the derived files of the cache folder. Temporaries that a killed process left behind
are found by `clean_stale`, which every atomic write runs on its folder first.

A temporary is named `<name>.tmp-<pid>-<unique>`, the name cut to 100 characters, so that a
file whose own name nearly fills the file system's limit (255 bytes) can still be saved.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path
from typing import Callable, Iterable

TMP_MARK = ".tmp-"  # <name>.tmp-<pid>-<unique>: a temporary of process <pid>
_TMP_RE = re.compile(r"\.tmp-(\d+)-[0-9a-f]+$")
# As saves named their temporaries before (".x.yaml.<8 random>.tmp", no pid): removed once old.
_LEGACY_TMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_TMP_NAME_CHARS = 100
STALE_AFTER = 3600.0  # seconds: a temporary this old is stale whoever wrote it (a write takes ms)
MAX_FILE_NAME = 255  # bytes in one file name: the limit of ext4, XFS, btrfs, APFS, NTFS


def name_fits(file_name: str) -> bool:
    """Whether a file of this name can be created (and saved atomically: see temporary_name)."""
    return len(file_name.encode("utf-8", errors="surrogatepass")) <= MAX_FILE_NAME


def _default_mode() -> int:
    # A new file gets what open() would give it: 0o666 minus the umask. the temporary is created 0o600,
    # which would make a shared briefing unreadable for colleagues.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(
    path: str | os.PathLike,
    data: bytes | Iterable[bytes],
    *,
    before_replace: Callable[[], None] | None = None,
    durable: bool = True,
) -> None:
    """Write `data` (bytes, or chunks of bytes: a large file need not be held whole) to `path`
    atomically. An error while the chunks are made leaves the old file as it was.

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
    clean_stale(folder)
    tmp_name = write_temporary(target, data, mode, durable=durable)
    try:
        if before_replace is not None:
            before_replace()
        os.replace(tmp_name, target)
    except BaseException:
        _discard(tmp_name)
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
    return path.with_name(f"{path.name[:_TMP_NAME_CHARS]}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def write_temporary(target: Path, data: bytes | Iterable[bytes], mode: int | None = None, *,
                    durable: bool = True) -> str:
    """`data` in a new temporary file beside `target` (flushed, and fsync'ed when `durable`),
    with `mode` (default: what open() gives a new file); its path. Nothing is left on an error."""
    tmp_name = str(temporary_name(target))  # names this process: `clean_stale` removes it if we die
    fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for chunk in data:
                    fh.write(chunk)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp_name, _default_mode() if mode is None else mode)
    except BaseException:
        _discard(tmp_name)
        raise
    return tmp_name


def _discard(tmp_name: str) -> None:
    """Remove a temporary file that will not be used (gone already is fine)."""
    try:
        os.unlink(tmp_name)
    except FileNotFoundError:
        pass


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


def _older(path: str, now: float) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_AFTER


def clean_stale(folder: Path) -> list[str]:
    """Remove temporaries in `folder` whose process is gone (or older than STALE_AFTER, or
    hidden ones of the earlier naming once that old); returns their names."""
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    # Both namings hold ".tmp": a folder of 55,000 sources without one is passed over in C.
    if ".tmp" not in "\n".join(names):
        return removed
    now = time.time()
    for name in names:
        if ".tmp" not in name:
            continue
        path = os.path.join(folder, name)
        m = _TMP_RE.search(name.removesuffix("-wal").removesuffix("-shm").removesuffix("-journal"))
        if m is None:
            if not _LEGACY_TMP_RE.match(name) or not _older(path, now):
                continue
        elif _alive(int(m.group(1))) and (".sqlite" in name or not _older(path, now)):
            continue  # (an hour-old temporary of a live pid: the pid was reused; never an index's)
        try:
            os.unlink(path)
            removed.append(name)
        except OSError:
            pass
    return removed
