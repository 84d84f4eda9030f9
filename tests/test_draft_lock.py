"""One editing process per draft (drafter/app/draft_lock.py): a second holder is refused in one line,
and the lock goes away with the process that held it, even when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.app.draft_lock import DraftLock, lock_path
from drafter.errors import UsageError

HOLD = (
    "import sys, time\n"
    "from drafter.app.draft_lock import DraftLock\n"
    "lock = DraftLock(sys.argv[1]).acquire(address='http://127.0.0.1:1')\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def _holder(path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_holder_is_refused_and_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    draft = tmp_path / "青禾县.md"
    draft.write_text("x", "utf-8")
    proc = _holder(draft)
    try:
        with pytest.raises(UsageError) as info:
            DraftLock(draft).acquire()
        assert "青禾县.md" in info.value.message and str(proc.pid) in info.value.message
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    time.sleep(0.1)
    lock = DraftLock(draft).acquire()
    assert lock_path(draft.resolve()).exists()
    lock.release()


def test_another_draft_in_the_same_folder_is_free(tmp_path: Path) -> None:
    a, b = tmp_path / "望潮区.md", tmp_path / "青禾县.md"
    for p in (a, b):
        p.write_text("x", "utf-8")
    with DraftLock(a):
        with DraftLock(b):
            pass
        with pytest.raises(UsageError):
            DraftLock(a).acquire()
    with DraftLock(a):
        pass


def test_drafter_edit_refuses_a_draft_open_elsewhere(tmp_path: Path) -> None:
    from drafter.draft import save
    from drafter.kinds import get_kind

    from .conftest import run_cli

    draft = tmp_path / "青禾县.md"
    save(get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县"), draft)
    with DraftLock(draft):
        out = run_cli("edit", str(draft), env={"XDG_STATE_HOME": str(tmp_path / "st")})
    assert out.returncode != 0
    assert "已在另一个 drafter 窗口中打开" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
