"""The bank's writer under hostile conditions: Ctrl+C, a full disk, a bank held or changed by others.

Issue 16: Ctrl+C during a multi-worker ``drafter mine`` printed worker tracebacks and could hang; a full disk
or a bank locked by another program was reported as damaged (inviting the user to delete a healthy bank);
two mining runs into one bank lost one run's reports; a commit another program made to the bank during a
run was silently overwritten by the run's rename. Every test here drives the real writer on real files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from phrasebank import mine, store
from tests._phrasebank_fixtures import report_text

REPO = Path(__file__).resolve().parent.parent

#: Syllables for invented place names (no real county is meant).
_SYL = "青云石桥禾望潮明溪岚峰柳川松岭澄湖苍梧枫林"


def _place(i: int) -> str:
    return _SYL[i % len(_SYL)] + _SYL[(i * 7 + 3) % len(_SYL)] + _SYL[(i // len(_SYL)) % len(_SYL)] + "县"


def _corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` small invented reports, each of its own invented county and year."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + count):
        place = _place(i)
        extra = f"{place}第{i}号试点：推行“一网通办”事项清单{i}项，编号{i:04d}。"
        text = report_text(f"{place}人民政府", place, "我县", "县", 2018 + i % 7, extra=extra)
        path = folder / f"{i:04d}-{place}.txt"
        path.write_text(text, "utf-8")
        out.append(path)
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _temps(bank: Path) -> list[Path]:
    return list(bank.parent.glob(f".{bank.name}.mining-*"))


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from drafter.cli import run; run()", *args]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "XDG_DATA_HOME": str(tmp_path / "data")}


def _small_bank(tmp_path: Path) -> Path:
    bank = tmp_path / "bank.sqlite"
    mine(_corpus(tmp_path / "seed", 2, start=500), bank, workers=1, kind_id="fzzf")
    return bank


def _sources(bank: Path) -> int:
    conn = sqlite3.connect(bank)
    try:
        return conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    finally:
        conn.close()


# --- Ctrl+C -------------------------------------------------------------------------------------------


def test_ctrl_c_during_multiworker_mine_ends_promptly_with_one_line(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)
    before = _sha(bank)
    folder = tmp_path / "many"
    _corpus(folder, 160)
    proc = subprocess.Popen(
        _cli("mine", str(folder), "--bank", str(bank)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(tmp_path),
        start_new_session=True,
    )
    err: list[str] = []
    started = threading.Event()

    def read_err() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            err.append(line)
            if "挖掘词句" in line:
                started.set()

    reader = threading.Thread(target=read_err, daemon=True)
    reader.start()
    try:
        assert started.wait(60), "".join(err)
        time.sleep(1.0)  # the workers are busy with reports
        assert proc.poll() is None, "the run ended before it could be interrupted; make the corpus bigger"
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl+C: the whole group
        t0 = time.monotonic()
        proc.wait(timeout=15)
        elapsed = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    reader.join(5)
    stderr = "".join(err)
    assert elapsed < 10
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "已中断" in stderr and "词句库保持原样" in stderr
    assert _sha(bank) == before
    assert not _temps(bank)
    # no worker outlives the run
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_workers_leave_ctrl_c_to_the_parent(tmp_path: Path) -> None:
    """A worker that took SIGINT died with a traceback and the pool waited forever for its lost task."""
    bank = tmp_path / "bank.sqlite"
    folder = tmp_path / "many"
    _corpus(folder, 80)
    proc = subprocess.Popen(
        _cli("mine", str(folder), "--bank", str(bank)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(tmp_path),
        start_new_session=True,
    )
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(0.5)
        for w in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(w, signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert _sources(bank) == 80


# --- unreadable and corrupt inputs ---------------------------------------------------------------------


def test_unreadable_report_is_named_and_the_others_are_mined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _corpus(tmp_path / "in", 5)
    locked = files[2]
    # Tests may run as root, where chmod 000 does not stop reading: refuse the read the way the OS would.
    locked.chmod(0)
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded_open)
    bank = tmp_path / "bank.sqlite"
    result = mine([tmp_path / "in"], bank, workers=1, kind_id="fzzf")
    assert [Path(p).name for p, _ in result.failed] == [locked.name]
    assert "权限" in result.failed[0][1]
    assert result.reports_total == 4


def test_cli_unreadable_report(tmp_path: Path) -> None:
    """For real, through the CLI: chmod 000 (or, for root, whom permissions do not stop, a link that
    cannot be followed)."""
    files = _corpus(tmp_path / "in", 5)
    if os.name == "posix" and os.geteuid() == 0:
        files[1].unlink()
        files[1].symlink_to(files[1].name)  # a link to itself: opening it fails (ELOOP)
    else:
        files[1].chmod(0)
    bank = tmp_path / "bank.sqlite"
    out = subprocess.run(
        _cli("mine", str(tmp_path / "in"), "--bank", str(bank)),
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert "Traceback" not in out.stderr
    assert files[1].name in out.stderr
    assert _sources(bank) == 4


def _garbled_bank(tmp_path: Path) -> Path:
    """A bank whose header is intact but whose pages past the first are overwritten with noise."""
    bank = _small_bank(tmp_path)
    data = bytearray(bank.read_bytes())
    assert len(data) > 3 * store.PAGE_SIZE
    for i in range(store.PAGE_SIZE, len(data)):
        data[i] = (i * 131 + 7) % 251
    bank.write_bytes(bytes(data))
    return bank


def test_cli_corrupt_bank_during_mine_says_damaged_in_one_line(tmp_path: Path) -> None:
    bank = _garbled_bank(tmp_path)
    before = _sha(bank)
    _corpus(tmp_path / "in", 3)
    out = subprocess.run(
        _cli("mine", str(tmp_path / "in"), "--bank", str(bank)),
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "已损坏" in out.stderr, out.stderr
    assert _sha(bank) == before and not _temps(bank)


# --- wrong diagnoses ------------------------------------------------------------------------------------


def test_bank_locked_by_another_program_is_in_use_not_damaged(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)
    _corpus(tmp_path / "in", 3)
    holder = sqlite3.connect(bank, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        out = subprocess.run(
            _cli("mine", str(tmp_path / "in"), "--bank", str(bank)),
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=120,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "正被其他程序使用" in out.stderr and "稍后再试" in out.stderr, out.stderr
    assert "损坏" not in out.stderr and "删除" not in out.stderr
    assert out.stderr.strip().count("\n") == 0
    assert not _temps(bank)


def test_disk_full_while_writing_is_reported_as_disk_full(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)
    before = _sha(bank)
    with pytest.raises(DrafterError) as caught, store.BankWriter(bank) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk holds one page more
        conn.executemany(
            "INSERT INTO info(key, value) VALUES (?, ?)", ((f"k{i}", "填" * 2000) for i in range(200))
        )
    message = caught.value.message
    assert "磁盘空间不足" in message and "损坏" not in message and "删除" not in message
    assert _sha(bank) == before and not _temps(bank)


def test_disk_full_while_copying_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = _small_bank(tmp_path)
    before = _sha(bank)
    real_connect = sqlite3.connect

    def small_disk(database, *args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real_connect(database, *args, **kwargs)
        if store._TEMP_MARK in str(database):
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    with pytest.raises(DrafterError) as caught:
        mine(_corpus(tmp_path / "in", 2), bank, workers=1, kind_id="fzzf")
    message = caught.value.message
    assert "磁盘空间不足" in message and "损坏" not in message
    assert _sha(bank) == before and not _temps(bank)


def test_enospc_at_the_final_write_is_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = _small_bank(tmp_path)
    before = _sha(bank)

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store.os, "fsync", no_space)
    with pytest.raises(DrafterError) as caught:
        mine(_corpus(tmp_path / "in", 2), bank, workers=1, kind_id="fzzf")
    assert "磁盘空间不足" in caught.value.message and "损坏" not in caught.value.message
    assert _sha(bank) == before and not _temps(bank)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SQLITE_CORRUPT", "已损坏"),
        ("SQLITE_NOTADB", "已损坏"),
        ("SQLITE_FULL", "磁盘空间不足"),
        ("SQLITE_BUSY", "正被其他程序使用"),
        ("SQLITE_LOCKED", "正被其他程序使用"),
        ("SQLITE_READONLY", "只读"),
        ("SQLITE_CANTOPEN", "无法打开"),
        ("SQLITE_IOERR_WRITE", "读写错误"),
    ],
)
def test_sqlite_errors_map_by_code(code: str, expected: str) -> None:
    exc = sqlite3.OperationalError("boom")
    exc.sqlite_errorname = code  # type: ignore[attr-defined]
    message = store._corrupt(Path("bank.sqlite"), exc).message
    assert expected in message
    assert ("删除" in message) == (expected == "已损坏")


# --- lost updates --------------------------------------------------------------------------------------


def test_two_concurrent_mines_into_one_bank_keep_every_report(tmp_path: Path) -> None:
    bank = tmp_path / "shared.sqlite"
    _corpus(tmp_path / "a", 30, start=0)
    _corpus(tmp_path / "b", 30, start=100)
    procs = [
        subprocess.Popen(
            _cli("mine", str(tmp_path / name), "--bank", str(bank)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=_env(tmp_path),
        )
        for name in ("a", "b")
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert _sources(bank) == 60
    assert not _temps(bank)


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)
    waiting = threading.Event()
    seen: list[str] = []

    def second() -> None:
        with store.BankWriter(bank, on_wait=waiting.set) as conn:
            seen.extend(v for (v,) in conn.execute("SELECT value FROM info WHERE key = 'first'"))

    with store.BankWriter(bank) as conn:
        conn.execute("INSERT INTO info(key, value) VALUES ('first', 'done')")
        t = threading.Thread(target=second)
        t.start()
        assert waiting.wait(10)
        assert not seen
    t.join(30)
    assert seen == ["done"]


def test_writer_gives_up_after_its_timeout_with_one_line(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)
    second = store.BankWriter(bank, lock_timeout=0.5)
    with store.BankWriter(bank), pytest.raises(DrafterError, match="正被另一个挖掘任务写入"):
        second.__enter__()
    # once the first is done, the same writer gets in
    with second as conn:
        assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 2
    assert not _temps(bank)


def test_commit_by_another_program_during_mine_is_not_overwritten(tmp_path: Path) -> None:
    bank = _small_bank(tmp_path)

    def meddle(done: int, total: int) -> None:
        if done == 1:
            other = sqlite3.connect(bank)
            other.execute("INSERT INTO info(key, value) VALUES ('other', 'kept')")
            other.commit()
            other.close()

    with pytest.raises(DrafterError, match="其他程序修改"):
        mine(_corpus(tmp_path / "in", 3), bank, progress=meddle, workers=1, kind_id="fzzf")
    conn = sqlite3.connect(bank)
    try:
        assert conn.execute("SELECT value FROM info WHERE key = 'other'").fetchone() == ("kept",)
        assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 2
    finally:
        conn.close()
    assert not _temps(bank)
