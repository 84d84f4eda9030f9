"""The editor's plain-data rules and the autosave writer, without a screen."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from drafter.app.autosave import BackgroundWriter, pending_recovery, recovery_path
from drafter.app.editing import (
    current_sentence,
    deadlines,
    format_date,
    line_for_paragraph,
    paragraphs_from_text,
    section_state,
)
from drafter.draft import load, loads, save
from drafter.kinds import get_kind
from drafter.model import Paragraph

CARRIED = frozenset({"carried"})


def test_unchanged_lines_keep_their_carried_mark() -> None:
    old = [Paragraph("甲。", CARRIED), Paragraph("乙。", CARRIED), Paragraph("丙。", CARRIED)]
    new = paragraphs_from_text(old, "甲。\n乙改了。\n\n新的一段。\n丙。")
    assert new == [
        Paragraph("甲。", CARRIED),
        Paragraph("乙改了。"),
        Paragraph("新的一段。"),
        Paragraph("丙。", CARRIED),
    ]


def test_deleting_a_line_deletes_only_that_paragraph() -> None:
    old = [Paragraph("甲。", CARRIED), Paragraph("乙。"), Paragraph("丙。", CARRIED)]
    assert paragraphs_from_text(old, "甲。\n丙。") == [old[0], old[2]]


def test_current_sentence_starts_after_the_last_full_stop() -> None:
    line = "我区坚持依法行政。全面推进政务公开；深化“放管服”改革"
    assert current_sentence(line, len(line)) == "深化“放管服”改革"
    assert current_sentence(line, 4) == "我区坚持"
    assert current_sentence(line, 9) == ""


def test_paragraph_index_skips_blank_editor_lines() -> None:
    assert line_for_paragraph("甲\n\n乙\n丙", 1) == 2
    assert line_for_paragraph("甲\n\n乙\n丙", 2) == 3


def test_section_state() -> None:
    from drafter.model import Section

    assert section_state(Section("x")) == "empty"
    assert section_state(Section("x", paragraphs=[Paragraph("甲", CARRIED), Paragraph("乙")])) == "carried"
    assert section_state(Section("x", paragraphs=[Paragraph("乙")])) == "written"
    parent = Section("x", children=[Section("y", paragraphs=[Paragraph("乙")])])
    assert section_state(parent) == "written"
    parent.children.append(Section("z", paragraphs=[Paragraph("丙", CARRIED)]))
    assert section_state(parent) == "carried"


def test_deadlines_come_from_the_kinds_data_file() -> None:
    table = get_kind("fzzf").load_data("deadlines.toml")
    found = deadlines(table, 2024)
    assert [(d.label, d.date) for d in found] == [
        ("报送", dt.date(2025, 3, 1)),
        ("公开", dt.date(2025, 4, 1)),
    ]
    assert format_date(found[0].date) == "2025年3月1日"
    assert deadlines(table, None) == []


def test_writer_saves_and_removes_the_recovery_file(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    report = get_kind("fzzf").new_report(2024, "某某区人民政府")
    save(report, path)
    writer = BackgroundWriter(path)
    report.section_at((0, 0)).paragraphs = [Paragraph("第一稿")]
    writer.request_recovery(1, report)
    assert writer.flush()
    assert "第一稿" in recovery_path(path).read_text("utf-8")
    assert pending_recovery(path) == recovery_path(path)
    assert load(path).section_at((0, 0)).paragraphs == []  # only the recovery file has it yet
    report.section_at((0, 0)).paragraphs = [Paragraph("第二稿")]
    writer.request_save(2, report)
    writer.close()
    assert load(path).section_at((0, 0)).paragraphs == [Paragraph("第二稿")]
    assert not recovery_path(path).exists()
    assert pending_recovery(path) is None


def test_snapshots_are_taken_at_request_time(tmp_path: Path) -> None:
    """Later edits to the live report must not leak into a write already requested."""
    path = tmp_path / "d.md"
    report = get_kind("fzzf").new_report(2024, "某某区人民政府")
    save(report, path)
    writer = BackgroundWriter(path)
    report.section_at((0, 0)).paragraphs = [Paragraph("请求时的文字")]
    writer.request_recovery(1, report)
    report.section_at((0, 0)).paragraphs.append(Paragraph("之后的文字"))
    writer.close()
    text = loads(recovery_path(path).read_text("utf-8")).section_at((0, 0)).text
    assert text == "请求时的文字"


def test_recovery_equal_to_the_draft_is_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    save(get_kind("fzzf").new_report(2024, "某某区人民政府"), path)
    rec = recovery_path(path)
    rec.write_bytes(path.read_bytes())
    later = time.time() + 10
    os.utime(rec, (later, later))
    assert pending_recovery(path) is None


def test_the_app_modules_load_nothing_heavy() -> None:
    """First paint must not wait for jieba, python-docx or the phrase banks: they load in workers."""
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, tui\n"
        "import drafter.cli.tui_cmd\n"
        "for m in pkgutil.walk_packages(tui.__path__, 'tui.'):\n"
        "    importlib.import_module(m.name)\n"
        "from tui.app import make_app\n"
        "print(sorted(m for m in ('jieba', 'docx', 'phrasebank', 'rapidfuzz', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_opening_and_closing_hints_come_from_data(tmp_path: Path) -> None:
    import asyncio

    from drafter.app.editing import CLOSING, OPENING, Target
    from tui.app import make_app

    path = tmp_path / "d.md"
    save(get_kind("fzzf").new_report(2024, "某某区人民政府", "我区", "某某市人民政府"), path)

    async def run() -> None:
        app = make_app(path, suggestions=False)
        async with app.run_test(size=(120, 36)) as pilot:
            main = app.main
            main.open_target(Target(OPENING))
            await pilot.pause()
            guide = str(main.query_one("#guidance").render())
            assert "2024年" in guide and "某某市人民政府" in guide
            main.open_target(Target(CLOSING))
            await pilot.pause()
            assert "某某区人民政府" in str(main.query_one("#guidance").render())

    asyncio.run(run())


def test_recovery_falls_back_to_the_state_folder(tmp_path: Path, monkeypatch) -> None:
    """When the draft's folder refuses the recovery file, the text goes to the user's state folder."""
    from drafter.app.autosave import fallback_recovery_path

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "d.md"
    report = get_kind("fzzf").new_report(2024, "某某区人民政府")
    save(report, path)
    recovery_path(path).mkdir()  # something that cannot be replaced by a file sits in the way
    writer = BackgroundWriter(path)
    report.section_at((0, 0)).paragraphs = [Paragraph("只在恢复文件里的文字")]
    writer.request_recovery(1, report)
    writer.close()
    fallback = fallback_recovery_path(path)
    assert str(fallback).startswith(str(tmp_path / "state"))
    assert "只在恢复文件里的文字" in fallback.read_text("utf-8")
    later = time.time() + 10
    os.utime(fallback, (later, later))
    assert pending_recovery(path) == fallback
