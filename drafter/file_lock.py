"""An OS lock on an open file, released by the OS when its holder dies (even when killed).

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows. Used for the draft's lock (one editing process
per draft, :mod:`drafter.app.draft_lock`) and the phrasebank's (one writer per bank, :mod:`phrasebank.lock`).
"""

from __future__ import annotations

import contextlib
from typing import IO, Any


def try_lock(handle: IO[Any], *, unsupported_is_free: bool = False) -> bool:
    """Take the lock without waiting; False when another process holds it.

    A file system that supports no locks at all (some network shares) counts as held by someone else,
    unless ``unsupported_is_free``: then the caller goes on unguarded, as it did before locks existed."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return unsupported_is_free
    return True


def unlock(handle: IO[Any]) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        with contextlib.suppress(OSError):  # already released: nothing to undo
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
