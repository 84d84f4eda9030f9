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
    """The newest recovery file that holds text the draft does not: newer than the draft and different."""
    found: list[tuple[int, Path]] = []
    for rec in recovery_paths(draft):
        try:
            found.append((rec.stat().st_mtime_ns, rec))
        except OSError:
            continue
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
    """One thread that writes the newest requested draft and recovery snapshots, in order.

    ``generation`` numbers say which edit a snapshot holds; ``on_saved(generation)``,
    ``on_error(message)`` and ``on_conflict(copy)`` are called from the writer thread.

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
    ) -> None:
        self.draft = Path(draft)
        self.recovery = recovery_path(self.draft)
        self._on_saved = on_saved
        self._on_error = on_error
        self._on_conflict = on_conflict
        #: The draft as we last knew it on disk (None: no file yet).
        self._disk = file_state(self.draft)
        self._cond = threading.Condition()
        self._save: tuple[int, Report] | None = None
        self._rec: tuple[int, Report] | None = None
        self._busy = False
        self._closed = False
        self.saved_generation = -1
        self._recovery_generation = -1
        self._thread = threading.Thread(target=self._run, name="drafter-autosave", daemon=True)
        self._thread.start()

    # -- requests (UI thread)
    def request_save(self, generation: int, report: Report) -> None:
        with self._cond:
            self._save = (generation, report.copy())
            self._cond.notify()

    def request_recovery(self, generation: int, report: Report) -> None:
        with self._cond:
            self._rec = (generation, report.copy())
            self._cond.notify()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every request so far is on disk (used before quitting and in tests)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: self._save is None and self._rec is None and not self._busy, timeout
            )

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(timeout)

    # -- the writer thread
    def _write_recovery(self, report: Report) -> None:
        text = dumps(report)
        try:
            # As private as the draft itself (a 0600 draft must not leave a 0644 recovery file).
            mode: int | None = stat.S_IMODE(os.stat(self.draft).st_mode)
        except OSError:
            mode = None
        try:
            atomic_write_text(self.recovery, text, backup=False, mode=mode)
        except Exception:
            fallback = fallback_recovery_path(self.draft)
            fallback.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(fallback, text, backup=False, mode=0o600)

    def _save_draft(self, report: Report) -> None:
        """Save, keeping another program's version first when the draft changed on disk meanwhile."""
        for _ in range(3):
            try:
                self._disk = save_unless_changed(report, self.draft, self._disk)
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

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._save or self._rec)
                if self._closed and not (self._save or self._rec):
                    return
                job_save, self._save = self._save, None
                job_rec, self._rec = self._rec, None
                self._busy = True
            try:
                saved = False
                if job_save is not None:
                    saved = self._attempt(self._save_draft, job_save[1])
                    if saved:
                        self.saved_generation = job_save[0]
                # A failed save must not stop the recovery file: it is then the only copy of the text.
                if job_rec is not None and job_rec[0] > self.saved_generation:
                    rec_gen, rec_report = job_rec
                    if self._attempt(self._write_recovery, rec_report):
                        self._recovery_generation = rec_gen
                if saved and self._recovery_generation <= self.saved_generation:
                    discard_recovery(self.draft)
                if saved and self._on_saved is not None:
                    self._on_saved(self.saved_generation)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
