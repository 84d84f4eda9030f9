"""Crash-safe file writes: the drafter's text must survive a kill at any instant.

A write goes to a temporary file in the same folder, is flushed and fsynced, then renamed over the
target (rename is atomic on POSIX and Windows). The previous version is kept beside it as ``NAME.bak``.

What the file system around the write may hold is respected, too:

* a symlink (a report on the desktop linked from elsewhere) is followed: the real file is replaced and
  the link kept;
* a new file gets the user's umask (0644 under umask 022, as any editor would make it), a replaced file
  keeps its mode;
* ``exclusive=True`` creates the file only if nothing is there yet, atomically (a hard link of the
  finished temporary file, or ``O_EXCL`` where links are not supported), so two exports to one new name
  cannot both succeed;
* ``expect=`` (a :class:`FileState` taken when the file was read or last written) refuses to replace a
  file another program has changed since, raising :class:`ChangedOnDisk` instead, so that the caller can
  keep that version rather than overwrite it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import DrafterError, UsageError


@dataclass(frozen=True)
class FileState:
    """What a file was when we last read or wrote it: size, modification time and content hash."""

    size: int
    mtime_ns: int
    digest: str

    def same_content(self, other: FileState | None) -> bool:
        return other is not None and other.digest == self.digest


class ChangedOnDisk(DrafterError):
    """The file is not what it was when we read or wrote it: another program changed (or removed) it."""

    def __init__(self, path: Path, current: FileState | None) -> None:
        super().__init__(f"{path} 已被其他程序修改")
        self.path = path
        self.current = current


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_state(path: str | os.PathLike[str], known: FileState | None = None) -> FileState | None:
    """The state of a regular file (through symlinks), or None when there is none.

    When size and modification time equal ``known``'s, the content is not read again."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if known is not None and known.size == st.st_size and known.mtime_ns == st.st_mtime_ns:
        return known
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return FileState(len(data), st.st_mtime_ns, _digest(data))


def unchanged(before: FileState | None, now: FileState | None) -> bool:
    """True when ``now`` holds what ``before`` did (a mere touch is no change)."""
    if before is None or now is None:
        return before is None and now is None
    return before.digest == now.digest


def _fsync_dir(folder: Path) -> None:
    # Persist the rename itself; not supported on every platform, where it is a no-op.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def real_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must replace: the final target of a symlink, else ``path``."""
    p = Path(path)
    if p.is_symlink():
        return Path(os.path.realpath(p))
    return p


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside the target, created with mode 0666 so that the umask applies."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


_UNSET = object()


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    backup: bool = True,
    exclusive: bool = False,
    expect: FileState | object | None = _UNSET,
    mode: int | None = None,
    durable: bool = True,
    mtime_ns: int | None = None,
) -> FileState:
    """Replace ``path`` with ``data`` so that a reader sees either the old or the new file, never half.

    ``exclusive`` refuses (UsageError) when the file exists, at the moment of creation; ``expect``
    raises :class:`ChangedOnDisk` when the file is no longer in that state; ``mode`` sets the mode of
    a new file (a backup or a copy gets its original's, never wider). Returns the new state.

    ``durable=False`` skips the fsyncs: the file still survives the death of the process (the kernel
    has it), not a power cut, and the write no longer waits for the disk, which under load can take
    seconds. ``mtime_ns`` gives the file that modification time (set before it gets its name), so
    that files written out of order can still be ordered by the moment their content was taken."""
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"无法写入：{target} 是一个文件夹")
    if exclusive and os.path.lexists(target):
        raise UsageError(f"文件 {target} 已存在；如需覆盖请加 --force")
    try:
        fd, tmp_name = _create_temp(folder, target.name)
    except FileNotFoundError as exc:
        raise UsageError(f"无法写入：文件夹 {folder} 不存在") from exc
    except PermissionError as exc:
        raise UsageError(f"无法写入：没有权限在 {folder} 中创建文件") from exc
    except OSError as exc:
        raise UsageError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, mode)
        if exclusive:
            _publish_exclusive(tmp_name, target)
        else:
            try:
                st = os.stat(target)
            except OSError:
                st = None
            if st is not None and mode is None:
                with contextlib.suppress(OSError):
                    os.chmod(tmp_name, stat.S_IMODE(st.st_mode))
            if expect is not _UNSET:
                now = file_state(target, expect if isinstance(expect, FileState) else None)
                if not unchanged(expect, now):  # type: ignore[arg-type]
                    raise ChangedOnDisk(target, now)
            if backup and st is not None and stat.S_ISREG(st.st_mode):
                old = target.read_bytes()
                if old != data:
                    atomic_write_bytes(backup_path(target), old, backup=False, mode=stat.S_IMODE(st.st_mode))
            if mtime_ns is not None:
                os.utime(tmp_name, ns=(mtime_ns, mtime_ns))
            os.replace(tmp_name, target)
        if durable:
            _fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise UsageError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    try:
        mtime = os.stat(target).st_mtime_ns
    except OSError:
        mtime = 0
    return FileState(len(data), mtime, _digest(data))


def _publish_exclusive(tmp_name: str, target: Path) -> None:
    """Give the finished temporary file the target's name only if that name is free, atomically."""
    try:
        os.link(tmp_name, target)
    except FileExistsError as exc:
        raise UsageError(f"文件 {target} 已存在（可能刚由另一个程序创建）；如需覆盖请加 --force") from exc
    except OSError:
        # No hard links here (FAT, some network shares): reserve the name with O_EXCL, then replace it.
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError as exc:
            raise UsageError(f"文件 {target} 已存在（可能刚由另一个程序创建）；如需覆盖请加 --force") from exc
        os.close(fd)
        os.replace(tmp_name, target)
        return
    os.unlink(tmp_name)


def atomic_write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    backup: bool = True,
    exclusive: bool = False,
    expect: FileState | object | None = _UNSET,
    mode: int | None = None,
    durable: bool = True,
    mtime_ns: int | None = None,
) -> FileState:
    return atomic_write_bytes(
        path,
        text.encode("utf-8"),
        backup=backup,
        exclusive=exclusive,
        expect=expect,
        mode=mode,
        durable=durable,
        mtime_ns=mtime_ns,
    )
