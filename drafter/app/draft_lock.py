"""One editing process per draft: a lock file next to the draft, held while the process lives.

``drafter serve`` serves a draft to a browser; a second ``drafter serve`` of the same draft (another
terminal, a double click) would let two tabs overwrite each other's typing. The lock is an OS file lock
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), so it goes away with the process even when
that process is killed; the file itself only says who holds it, for the message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..file_lock import try_lock, unlock

#: Set for the app ``drafter serve`` runs per browser session: it edits under the server's lock.
SERVED_ENV = "DRAFTER_SERVED_BY"


def lock_path(draft: Path) -> Path:
    return draft.with_name(f".{draft.name}.lock")


class DraftLock:
    """Held from :meth:`acquire` to :meth:`release` (or the end of the process)."""

    def __init__(self, draft: str | os.PathLike[str]) -> None:
        self.draft = Path(draft).resolve()
        self.path = lock_path(self.draft)
        self._file: IO[str] | None = None

    def acquire(self, **info: Any) -> DraftLock:
        """Take the lock, recording ``info`` (the address it is served at) for whoever is refused."""
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the process's life
        if not try_lock(handle):
            handle.seek(0)
            held = handle.read()
            handle.close()
            try:
                holder = json.loads(held)
            except ValueError:
                holder = {}
            where = f"（进程 {holder.get('pid')}）" if holder.get("pid") else ""
            raise UsageError(
                f"草稿「{self.draft.name}」已在另一个 drafter 窗口中打开{where}；请先关闭那个窗口"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), **info}, ensure_ascii=False))
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
        finally:
            unlock(self._file)
            self._file.close()
            self._file = None
        # The (empty) file stays: removing it could race with a process that just opened it.

    def __enter__(self) -> DraftLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()
