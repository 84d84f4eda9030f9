"""The bank file: foreign or corrupt files are refused clearly; a killed mining run leaves the old bank intact."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drafter.errors import InputError
from phrasebank import mine, open_banks
from phrasebank.builtin import builtin_path
from phrasebank.store import SCHEMA_VERSION
from tests.conftest import REPO, run_cli


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def small_bank(tmp_path: Path, corpus_dir: Path) -> Path:
    bank = tmp_path / "bank.sqlite"
    mine([corpus_dir / "2019-xiashan.txt"], bank, kind_id="fzzf")
    return bank


def test_schema_version_and_application_id(small_bank: Path) -> None:
    conn = sqlite3.connect(small_bank)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] != 0
        assert conn.execute("SELECT COUNT(*) FROM occurrences").fetchone()[0] > 0
    finally:
        conn.close()


def test_not_sqlite_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(InputError, match="不是 SQLite 数据库"):
        open_banks(junk, builtin=False)


def test_foreign_sqlite_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE phrases(id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO phrases(text) VALUES ('x')")
    conn.commit()
    conn.close()
    before = _sha(other)
    with pytest.raises(InputError, match="其他程序"):
        open_banks(other, builtin=False)
    # mining into it must not clobber someone else's database either
    with pytest.raises(InputError, match="其他程序"):
        mine([REPO / "corpus" / "fzzf" / "2019-xiashan.txt"], other, kind_id="fzzf")
    assert _sha(other) == before


def test_truncated_bank_is_reported_as_corrupt(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(builtin_path().read_bytes()[:8192])
    with pytest.raises(InputError, match="已损坏"):
        open_banks(broken, builtin=False)


def test_cli_corrupt_bank_one_line_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(builtin_path().read_bytes()[:8192])
    out = run_cli("suggest", "--bank", str(broken), "依法行政", env={"XDG_DATA_HOME": str(tmp_path)})
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "已损坏" in out.stderr


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from phrasebank import mine

    def progress(done, total):
        if done >= 2:
            print("MIDWAY", flush=True)
            time.sleep(120)

    mine(sys.argv[2:], sys.argv[1], progress=progress, workers=1, kind_id="fzzf")
    print("FINISHED", flush=True)
    """
)


def test_killed_mining_leaves_previous_bank_intact(
    small_bank: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    before = _sha(small_bank)
    count_before = len(open_banks(small_bank, builtin=False))
    files = [str(p) for p in sorted(corpus_dir.glob("*.txt"))]
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(small_bank), *files],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "MIDWAY"
        # the run has written phrases into its working copy: it exists beside the bank
        assert list(small_bank.parent.glob(f".{small_bank.name}.mining-*"))
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _sha(small_bank) == before
    bank = open_banks(small_bank, builtin=False)
    assert len(bank) == count_before
    assert bank.suggest("行政执法", k=3)
    # the next run cleans up the dead run's copy and completes
    result = mine(files, small_bank, kind_id="fzzf")
    assert result.new_files == 4 and not result.failed
    assert not list(small_bank.parent.glob(f".{small_bank.name}.mining-*"))
    assert len(open_banks(small_bank, builtin=False)) > count_before
