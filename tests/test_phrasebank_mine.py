"""Mining: real corpus reports in, grouped phrases with sources and parts out; only new files on a rerun."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from drafter.kinds import get_kind as _get_kind
from phrasebank import mine
from phrasebank.mine import extract
from tests.conftest import run_cli

FZZF = _get_kind("fzzf")


def test_incremental_mining_processes_only_unseen_files(tmp_path: Path, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    bank = tmp_path / "bank.sqlite"
    calls: list[tuple[int, int]] = []
    first = mine(files[:2], bank, progress=lambda d, t: calls.append((d, t)), kind_id="fzzf")
    assert first.new_files == 2 and first.failed == []
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    second = mine([corpus_dir], bank, kind_id="fzzf")
    assert second.new_files == 3
    assert sorted(Path(p).name for p in second.skipped) == [f.name for f in files[:2]]
    third = mine([corpus_dir], bank, kind_id="fzzf")
    assert third.new_files == 0 and third.phrases_added == 0
    fresh = mine(files, tmp_path / "fresh.sqlite", kind_id="fzzf")
    assert second.phrases_total == fresh.phrases_total
    assert second.reports_total == fresh.reports_total == 5


def test_phrases_keep_source_location_part_and_frequency(tmp_path: Path, corpus_dir: Path) -> None:
    bank = tmp_path / "bank.sqlite"
    # Issue 13: the same report under two names counts once (normalised text hash); it used to count twice.
    copy = tmp_path / "copy-of-xiashan.txt"
    copy.write_bytes((corpus_dir / "2019-xiashan.txt").read_bytes() + b"\n")
    result = mine(
        [corpus_dir / "2019-xiashan.txt", copy, corpus_dir / "2024-haojiang.txt"], bank, kind_id="fzzf"
    )
    assert result.reports_total == 2
    assert [(Path(p).name, other) for p, other in result.duplicates] == [
        ("copy-of-xiashan.txt", "2019-xiashan.txt")
    ]
    conn = sqlite3.connect(bank)
    try:
        rows = conn.execute(
            "SELECT p.template, p.frequency, p.part, o.location, s.name FROM phrases p "
            "JOIN occurrences o ON o.phrase_id = p.id JOIN sources s ON s.id = o.source_id"
        ).fetchall()
        parts = {r[2] for r in rows}
        assert {"opening", "measures", "shortcomings", "plan"} <= parts
        xiashan = [r for r in rows if r[4] == "2019-xiashan.txt"]
        assert xiashan and all(r[1] >= 1 for r in xiashan)
        loc = json.loads(xiashan[0][3])
        assert loc["area"] in {"opening", "section", "heading"}
        assert not [r for r in rows if r[4] == "copy-of-xiashan.txt"]
        # two reports: a phrase is in one or both, never counted for the copy
        max_freq = conn.execute("SELECT MAX(frequency) FROM phrases WHERE whole").fetchone()[0]
        assert max_freq <= 2
    finally:
        conn.close()


def test_extract_drops_page_noise(corpus_dir: Path) -> None:
    from drafter.importing import read_report

    report = read_report(corpus_dir / "2019-hailing.txt", FZZF)
    phrases = extract(report, "fzzf")
    assert len(phrases) > 50
    for p in phrases:
        assert "阅读次数" not in p.original and "欢迎访问" not in p.original
        assert "海陵" not in p.template
    functions = {p.function for p in phrases}
    assert {"具体举措", "问题表述", "下步安排"} <= functions


def test_cli_mine_progress_on_stderr_and_json(tmp_path: Path, corpus_dir: Path) -> None:
    bank = tmp_path / "bank.sqlite"
    out = run_cli(
        "mine", str(corpus_dir), "--bank", str(bank), "--json", env={"XDG_DATA_HOME": str(tmp_path)}
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["new_files"] == 5 and data["reports_total"] == 5 and data["failed"] == []
    assert "挖掘词句" in out.stderr
    again = run_cli("mine", str(corpus_dir), "--bank", str(bank), env={"XDG_DATA_HOME": str(tmp_path)})
    assert again.returncode == 0
    assert "已处理 0 个新文件" in again.stdout


def test_cli_mine_missing_folder(tmp_path: Path) -> None:
    out = run_cli("mine", str(tmp_path / "nope"), "--bank", str(tmp_path / "b.sqlite"))
    assert out.returncode == 2 and "找不到" in out.stderr and "Traceback" not in out.stderr
