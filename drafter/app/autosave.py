"""Never lose text: a background writer for the draft and its recovery file.

The editor asks for two kinds of writes. The *recovery file* is written soon after every batch of
keystrokes (at most about 0.3 s late), so a crash or a killed terminal loses almost nothing; the *draft*
itself is saved when typing pauses for a moment, through :func:`drafter.draft.save` (atomic, keeps
``.bak``). Both happen on one background thread, newest request wins, so typing never waits on the
disk. After the draft is saved the recovery file is removed; if one is found at start-up and is newer
than the draft, the app offers it back.

The recovery file normally sits next to the draft. When that folder cannot be written (a network share
that went away, a removed USB stick) it goes to the user's state folder (platformdirs), where it is
then the only copy of the text, and is found there on the next start.

Nothing here imports Textual: the app drives the timers, this module does the writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

from drafter.atomic import ChangedOnDisk, atomic_write_text, file_state
from drafter.draft import dumps, keep_external_version, loads, save_unless_changed
from drafter.model import Report


def recovery_path(draft: Path) -> Path:
    """The recovery file sits next to the draft (hidden), so it travels with it and is easy to find."""
    return draft.with_name(f".{draft.name}.recovery")


def fallback_recovery_path(draft: Path) -> Path:
    """Where the recovery file goes when the draft's folder cannot be written."""
    import hashlib

    from platformdirs import user_state_dir

    key = hashlib.sha256(str(Path(draft).resolve()).encode("utf-8")).hexdigest()[:16]
    return (
        Path(user_state_dir("drafter", appauthor=False)) / "recovery" / f"{key}-{Path(draft).name}.recovery"
    )


def recovery_paths(draft: Path) -> list[Path]:
    return [recovery_path(draft), fallback_recovery_path(draft)]


def pending_recovery(draft: Path) -> Path | None:
    """The newest recovery file that holds text the draft does not: newer than the draft and different.

    "Newer" compares modification times, which the writer sets to the moment each snapshot was taken,
    so the order holds even when the two files were written out of order."""
    found: list[tuple[int, Path]] = []
    for rec in recovery_paths(draft):
        try:
            st = rec.stat()
        except OSError:
            continue
        if st.st_size > 0:  # empty: a power cut before the kernel wrote it out; nothing to offer
            found.append((st.st_mtime_ns, rec))
    if not found:
        return None
    mtime, rec = max(found)
    try:
        draft_stat = draft.stat()
    except OSError:
        return rec
    if mtime < draft_stat.st_mtime_ns:
        return None
    try:
        if rec.read_bytes() == draft.read_bytes():
            return None
    except OSError:
        return None
    return rec


def load_recovery(rec: Path) -> Report:
    return loads(rec.read_text("utf-8"))


def discard_recovery(draft: Path) -> None:
    for rec in recovery_paths(draft):
        with contextlib.suppress(OSError):
            os.unlink(rec)


class BackgroundWriter:
    """Two threads: one writes the newest requested recovery snapshot, one saves the newest draft.

    They are apart because a draft save waits for the disk (fsync, and on a busy disk that can take
    seconds) while the recovery file must hold a keystroke within a fraction of a second: it is
    written without fsync, which is all a killed process or a closed terminal needs. Every snapshot is
    stamped with the moment it was taken, and both files get that moment as their modification time,
    so whichever thread finishes first, the newer text is the newer file (:func:`pending_recovery`).

    ``generation`` numbers say which edit a snapshot holds; ``on_saved(generation)``,
    ``on_error(message)`` and ``on_conflict(copy)`` are called from the writer threads.

    Before every save the draft on disk is compared with what was read or last written (size, time,
    content hash). When another program changed it meanwhile, its version is first kept beside the
    draft (:func:`drafter.draft.keep_external_version`), then the editor's text is saved, and
    ``on_conflict`` gets the copy's path: both versions survive and the user is told.
    """

    def __init__(
        self,
        draft: Path,
        *,
        on_saved: Callable[[int], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_conflict: Callable[[Path], None] | None = None,
        version_interval: float = 30.0,
    ) -> None:
        """``version_interval``: at most one history version (:mod:`drafter.history`) per this many
        seconds of autosaves; the last save before :meth:`close` is always kept as one."""
        self.draft = Path(draft)
        self._version_interval = version_interval
        self._last_version = -float("inf")
        #: The text of the newest save not yet kept as a version.
        self._unversioned: str | None = None
        self.recovery = recovery_path(self.draft)
        self._on_saved = on_saved
        self._on_error = on_error
        self._on_conflict = on_conflict
        #: The draft as we last knew it on disk (None: no file yet).
        self._disk = file_state(self.draft)
        self._cond = threading.Condition()
        #: Pending jobs: (generation, moment taken in ns, snapshot).
        self._save: tuple[int, int, Report] | None = None
        self._rec: tuple[int, int, Report] | None = None
        self._busy_save = False
        self._busy_rec = False
        self._closed = False
        #: Held while a recovery file is written and while one is removed after a save, so that an
        #: older snapshot can never land after the save that made it unnecessary.
        self._files = threading.Lock()
        self.saved_generation = -1
        self._recovery_generation = -1
        self._threads = [
            threading.Thread(target=self._run_saves, name="drafter-autosave", daemon=True),
            threading.Thread(target=self._run_recovery, name="drafter-recovery", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # -- requests (UI thread)
    def request_save(self, generation: int, report: Report) -> None:
        with self._cond:
            self._save = (generation, time.time_ns(), report.copy())
            self._cond.notify_all()

    def request_recovery(self, generation: int, report: Report) -> None:
        with self._cond:
            self._rec = (generation, time.time_ns(), report.copy())
            self._cond.notify_all()

    def _idle(self) -> bool:
        return self._save is None and self._rec is None and not self._busy_save and not self._busy_rec

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every request so far is on disk (used before quitting and in tests)."""
        with self._cond:
            return self._cond.wait_for(self._idle, timeout)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        if self._unversioned is not None:
            self._keep_version(self._unversioned)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)

    # -- the writer threads
    def _write_recovery(self, report: Report, taken_ns: int) -> None:
        text = dumps(report)
        try:
            # As private as the draft itself (a 0600 draft must not leave a 0644 recovery file).
            mode: int | None = stat.S_IMODE(os.stat(self.draft).st_mode)
        except OSError:
            mode = None
        try:
            atomic_write_text(self.recovery, text, backup=False, mode=mode, durable=False, mtime_ns=taken_ns)
        except Exception:
            fallback = fallback_recovery_path(self.draft)
            fallback.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(fallback, text, backup=False, mode=0o600, durable=False, mtime_ns=taken_ns)

    def _keep_version(self, text: str) -> None:
        from drafter.history import record

        self._unversioned = None
        self._last_version = time.monotonic()
        record(self.draft, text)  # never raises: a history that cannot be written does not stop saving

    def _save_draft(self, report: Report, taken_ns: int) -> None:
        """Save, keeping another program's version first when the draft changed on disk meanwhile."""
        for _ in range(3):
            try:
                self._disk = save_unless_changed(report, self.draft, self._disk, mtime_ns=taken_ns)
                text = dumps(report)
                if time.monotonic() - self._last_version >= self._version_interval:
                    self._keep_version(text)
                else:
                    self._unversioned = text
                return
            except ChangedOnDisk as changed:
                ours = hashlib.sha256(dumps(report).encode("utf-8")).hexdigest()
                other = changed.current
                copy = keep_external_version(self.draft) if other and other.digest != ours else None
                self._disk = changed.current
                if copy is not None and self._on_conflict is not None:
                    self._on_conflict(copy)
        raise OSError(f"{self.draft} 正被其他程序反复修改，暂未保存，请稍后再试")

    def _attempt(self, write: Callable[..., object], *args: object) -> bool:
        try:
            write(*args)
        except Exception as exc:  # a full disk or a lost folder: tell the user, keep running
            if self._on_error is not None:
                self._on_error(str(exc))
            return False
        return True

    def _next(self, slot: str, busy: str) -> tuple[int, int, Report] | None:
        """Wait for the next job in ``slot``; None when closed and nothing is left."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or getattr(self, slot) is not None)
            job = getattr(self, slot)
            if job is None:
                return None
            setattr(self, slot, None)
            setattr(self, busy, True)
            return job

    def _done(self, busy: str) -> None:
        with self._cond:
            setattr(self, busy, False)
            self._cond.notify_all()

    def _run_saves(self) -> None:
        while (job := self._next("_save", "_busy_save")) is not None:
            generation, taken_ns, report = job
            try:
                if not self._attempt(self._save_draft, report, taken_ns):
                    continue  # the recovery file, kept, is then the only copy of the text
                with self._files:
                    self.saved_generation = max(self.saved_generation, generation)
                    if self._recovery_generation <= self.saved_generation:
                        discard_recovery(self.draft)
                if self._on_saved is not None:
                    self._on_saved(self.saved_generation)
            finally:
                self._done("_busy_save")

    def _run_recovery(self) -> None:
        while (job := self._next("_rec", "_busy_rec")) is not None:
            generation, taken_ns, report = job
            try:
                with self._files:
                    if generation > self.saved_generation and self._attempt(
                        self._write_recovery, report, taken_ns
                    ):
                        self._recovery_generation = generation
            finally:
                self._done("_busy_rec")
