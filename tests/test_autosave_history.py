"""The editor's autosaves leave versions in the draft's history, so yesterday's text can come back.

Undo covers a session; the history covers the days after it: a section deleted and saved over is still
in a version. Autosave runs every few seconds, so versions are taken at most every
``version_interval`` seconds (and always by the last save before closing), and the history keeps, beyond
the last 50, one version per ten minutes for two days and one a day for the season.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter.app.autosave import BackgroundWriter
from drafter.draft import save
from drafter.history import prune, record, versions
from drafter.kinds import get_kind
from drafter.model import Paragraph


def _draft(tmp_path: Path):
    path = tmp_path / "d.md"
    report = get_kind("fzzf").new_report(2026, "青禾县人民政府", "我县")
    save(report, path)
    return path, report


def test_autosaves_are_kept_as_versions(tmp_path: Path) -> None:
    path, report = _draft(tmp_path)
    before = len(versions(path))
    writer = BackgroundWriter(path, version_interval=0)
    report.section_at((0, 0)).paragraphs = [Paragraph("青禾县第一稿的独有文字")]
    writer.request_save(1, report)
    assert writer.flush()
    report.section_at((0, 0)).paragraphs = [Paragraph("改写后的文字")]
    writer.request_save(2, report)
    writer.close()
    texts = [v.text() for v in versions(path)]
    assert len(texts) == before + 2
    assert any("青禾县第一稿的独有文字" in t for t in texts)


def test_versions_are_throttled_but_the_last_save_is_kept(tmp_path: Path) -> None:
    path, report = _draft(tmp_path)
    before = len(versions(path))
    writer = BackgroundWriter(path, version_interval=3600)
    for n in range(5):
        report.section_at((0, 0)).paragraphs = [Paragraph(f"第{n}稿")]
        writer.request_save(n + 1, report)
        assert writer.flush()
    writer.close()  # closing records the last save even within the interval
    texts = [v.text() for v in versions(path)]
    assert len(texts) == before + 2  # the first autosave, and the last one at close
    assert "第4稿" in texts[0]


def test_prune_keeps_one_version_per_ten_minutes_for_two_days(tmp_path: Path) -> None:
    path, _ = _draft(tmp_path)
    # after the version the draft got when it was created (version ids only grow)
    start = (dt.datetime.now() + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    for minute in range(0, 300):  # a version a minute for five hours
        record(path, f"第{minute}分钟的文字", now=start + dt.timedelta(minutes=minute))
    now = start + dt.timedelta(minutes=300)
    prune(path, now=now)
    kept = versions(path)
    # the last 50, and one per ten-minute slot before them
    assert len(kept) >= 50 + (300 - 50) // 10
    assert len(kept) <= 50 + 300 // 10 + 2
    assert any("第5分钟" in v.text() or "第9分钟" in v.text() for v in kept)  # the morning is still there
    # three days later the ten-minute slots have thinned to one a day
    prune(path, now=now + dt.timedelta(days=3))
    assert len(versions(path)) <= 50 + 2
