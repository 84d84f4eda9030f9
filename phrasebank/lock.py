"""One writer per bank: an OS file lock on ``.NAME.lock`` beside the bank, held for a whole write cycle.

A write copies the bank, fills the copy and renames it over the bank. Two writers doing that at once each
start from the same bank and the later rename drops the earlier run's reports (issue 16: two ``drafter
mine`` runs kept 41 of 81 reports). The lock makes the second writer wait until the first has renamed its
copy, so it copies a bank that already holds the first run's work. It is ``fcntl.flock`` on POSIX and
``msvcrt.locking`` on Windows, so the OS drops it when the holder dies, even when killed; the lock file
itself carries nothing and is left in place (removing it could race with a writer that just opened it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from drafter.errors import UsageError
from drafter.file_lock import try_lock, unlock

#: How long a second writer waits for the first (a big mining run takes minutes) before giving up.
DEFAULT_TIMEOUT = 600.0
_POLL = 0.1


def lock_path(bank: Path) -> Path:
    return bank.with_name(f".{bank.name}.lock")


class BankLock:
    """Held from :meth:`acquire` to :meth:`release`; a second holder waits up to ``timeout`` seconds."""

    def __init__(
        self, bank: Path, *, timeout: float = DEFAULT_TIMEOUT, on_wait: Callable[[], None] | None = None
    ):
        self.bank = bank
        self.path = lock_path(bank)
        self.timeout = timeout
        #: Called once if the lock is held by another writer, before waiting (the CLI says it is waiting).
        self.on_wait = on_wait
        self._file: IO[bytes] | None = None

    def acquire(self) -> BankLock:
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
        except OSError as exc:
            raise UsageError(f"无法在 {self.path.parent} 中写入词句库：{exc.strerror or exc}") from exc
        deadline = time.monotonic() + self.timeout
        told = False
        try:
            while not try_lock(handle, unsupported_is_free=True):
                if not told and self.on_wait is not None:
                    self.on_wait()
                told = True
                if time.monotonic() >= deadline:
                    raise UsageError(f"词句库 {self.bank} 正被另一个挖掘任务写入，等待超时；请等它结束后再试")
                time.sleep(_POLL)
        except BaseException:
            handle.close()
            raise
        self._file = handle
        return self

    def release(self) -> None:
        if self._file is None:
            return
        try:
            unlock(self._file)
        finally:
            self._file.close()
            self._file = None
