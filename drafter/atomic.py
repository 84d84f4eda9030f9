"""Crash-safe file writes: the drafter's text must survive a kill at any instant.

A write goes to a temporary file in the same folder, is flushed and fsynced, then renamed over the
target (rename is atomic on POSIX and Windows). The previous version is kept beside it as ``NAME.bak``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import UsageError


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


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a reader sees either the old or the new file, never half."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"无法写入：{target} 是一个文件夹")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
        if backup and target.is_file():
            old = target.read_bytes()
            if old != data:
                atomic_write_bytes(backup_path(target), old, backup=False)
        os.replace(tmp_name, target)
        _fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise UsageError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *, backup: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
