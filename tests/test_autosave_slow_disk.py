"""The recovery file keeps up with typing even when the disk is slow, and never outranks a newer save.

Under load an fsync can take seconds (ext4 flushes other files' dirty data with it). The kill test
found what that meant: the recovery write queued behind a draft save stuck in fsync, and a second of
typing was lost when the terminal was killed. These tests make fsync slow on purpose.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import drafter.atomic as atomic
from drafter.app import autosave
from drafter.app.autosave import BackgroundWriter, pending_recovery, recovery_path
from drafter.draft import load, loads, save
from drafter.kinds import get_kind
from drafter.model import Paragraph, Report


def _report(tmp_path: Path) -> tuple[Path, Report]:
    path = tmp_path / "d.md"
    report = get_kind("fzzf").new_report(2024, "某某区人民政府")
    save(report, path)
    return path, report


def _set(report: Report, text: str) -> Report:
    report.section_at((0, 0)).paragraphs = [Paragraph(text)]
    return report


def _offered(path: Path) -> str:
    rec = pending_recovery(path)
    report = loads(rec.read_text("utf-8")) if rec is not None else load(path)
    return report.section_at((0, 0)).text


class _Gate:
    """Makes every fsync wait until opened (or a long time): a disk that is busy elsewhere."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        real = os.fsync

        def slow_fsync(fd: int) -> None:
            self.entered.set()
            self.open.wait(20)
            real(fd)

        monkeypatch.setattr(atomic.os, "fsync", slow_fsync)


def test_recovery_is_written_while_a_save_waits_for_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, report = _report(tmp_path)
    gate = _Gate(monkeypatch)
    writer = BackgroundWriter(path)
    try:
        writer.request_save(1, _set(report, "已请求保存的文字"))
        assert gate.entered.wait(5), "the save should be waiting in fsync"
        writer.request_recovery(2, _set(report, "已请求保存的文字，又多打了几个字"))
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and not recovery_path(path).exists():
            time.sleep(0.01)
        assert recovery_path(path).exists(), "the recovery file waited for the draft's fsync"
        assert "又多打了几个字" in _offered(path)
    finally:
        gate.open.set()
        writer.close()
    assert load(path).section_at((0, 0)).text == "已请求保存的文字"
    assert "又多打了几个字" in _offered(path)  # the newer text is still offered after the save


def test_a_recovery_older_than_the_save_is_never_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the save and before the old recovery file is removed: the draft wins."""
    path, report = _report(tmp_path)
    slow = threading.Event()
    real_write = BackgroundWriter._write_recovery

    def late_write(self: BackgroundWriter, snapshot: Report, taken_ns: int) -> None:
        slow.wait(0.3)  # the recovery thread is late: the save of a newer edit gets there first
        real_write(self, snapshot, taken_ns)

    monkeypatch.setattr(BackgroundWriter, "_write_recovery", late_write)
    # The process "dies" between the save and the removal of the recovery file.
    monkeypatch.setattr(autosave, "discard_recovery", lambda draft: None)
    writer = BackgroundWriter(path)
    writer.request_recovery(1, _set(report, "旧"))
    writer.request_save(2, _set(report, "旧的和新的"))
    writer.close()
    assert recovery_path(path).exists()
    assert pending_recovery(path) is None
    assert _offered(path) == "旧的和新的"


def test_a_recovery_newer_than_the_save_is_offered_even_if_written_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, report = _report(tmp_path)
    gate = _Gate(monkeypatch)
    writer = BackgroundWriter(path)
    writer.request_save(1, _set(report, "一"))
    assert gate.entered.wait(5)
    writer.request_recovery(2, _set(report, "一二"))
    time.sleep(0.2)
    gate.open.set()
    writer.close()
    assert _offered(path) == "一二"


def test_an_empty_recovery_file_is_not_offered(tmp_path: Path) -> None:
    """A power cut can leave a recovery file (written without fsync) empty: it holds nothing to offer."""
    path, _ = _report(tmp_path)
    rec = recovery_path(path)
    rec.write_bytes(b"")
    later = time.time() + 10
    os.utime(rec, (later, later))
    assert pending_recovery(path) is None
