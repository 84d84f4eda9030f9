"""The editor and the file system: a draft reached through a symlink is updated where it really lives,
and a draft changed on disk by another program (WPS, a colleague's sync) is never overwritten silently:
both versions are kept and the editor is told."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from drafter.app.autosave import BackgroundWriter
from drafter.atomic import atomic_write_text
from drafter.draft import dumps, load, save
from drafter.model import Meta, Paragraph, Report, Section

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


def _report(text: str) -> Report:
    report = Report(meta=Meta(kind="fzzf", year=2026, org="青禾县人民政府"))
    report.sections.append(Section(heading="主要举措和成效", part="measures"))
    report.sections[0].paragraphs.append(Paragraph(text))
    return report


def _linked(tmp_path: Path) -> tuple[Path, Path]:
    real_dir = tmp_path / "资料" / "2026"
    real_dir.mkdir(parents=True)
    real = real_dir / "报告.md"
    save(_report("原来的文字。"), real)
    desk = tmp_path / "桌面"
    desk.mkdir()
    link = desk / "报告.md"
    link.symlink_to(real)
    return real, link


def test_atomic_write_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    real, link = _linked(tmp_path)
    atomic_write_text(link, "新的内容\n")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text("utf-8") == "新的内容\n"
    assert not (link.parent / "报告.md.bak").exists()  # the backup sits beside the real file
    assert (real.parent / "报告.md.bak").exists()


def test_autosave_through_a_symlink(tmp_path: Path) -> None:
    real, link = _linked(tmp_path)
    writer = BackgroundWriter(link)
    writer.request_save(1, _report("改过的文字。"))
    assert writer.flush()
    writer.close()
    assert link.is_symlink()
    assert load(real).sections[0].paragraphs[0].text == "改过的文字。"


def _writer(path: Path) -> tuple[BackgroundWriter, list[Path], list[str]]:
    copies: list[Path] = []
    errors: list[str] = []
    writer = BackgroundWriter(path, on_conflict=copies.append, on_error=errors.append)
    return writer, copies, errors


def _external_edit(path: Path, text: str) -> None:
    """Another program rewrites the file in place (as WPS or a sync client does), a moment later."""
    time.sleep(0.01)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(dumps(_report(text)))


def test_external_change_is_kept_beside_the_draft(tmp_path: Path) -> None:
    draft = tmp_path / "报告.md"
    save(_report("第一稿。"), draft)
    writer, copies, errors = _writer(draft)
    _external_edit(draft, "同事在别处改的文字。")
    writer.request_save(1, _report("编辑器里的文字。"))
    assert writer.flush()
    writer.request_save(2, _report("编辑器里又改了。"))
    assert writer.flush()
    writer.close()
    assert errors == []
    assert load(draft).sections[0].paragraphs[0].text == "编辑器里又改了。"
    assert len(copies) == 1, copies
    kept = copies[0]
    assert kept.parent == draft.parent and "外部修改" in kept.name and kept.suffix == ".md"
    assert load(kept).sections[0].paragraphs[0].text == "同事在别处改的文字。"


def test_each_external_change_gets_its_own_copy(tmp_path: Path) -> None:
    draft = tmp_path / "报告.md"
    save(_report("第一稿。"), draft)
    writer, copies, _ = _writer(draft)
    for i in range(3):
        _external_edit(draft, f"外部第{i}次修改。")
        writer.request_save(i + 1, _report(f"编辑器第{i}次。"))
        assert writer.flush()
    writer.close()
    assert len(copies) == 3 and len(set(copies)) == 3
    assert sorted(load(c).sections[0].paragraphs[0].text for c in copies) == [
        f"外部第{i}次修改。" for i in range(3)
    ]


def test_external_change_of_a_linked_draft(tmp_path: Path) -> None:
    real, link = _linked(tmp_path)
    writer, copies, _ = _writer(link)
    _external_edit(real, "在原位置改的文字。")
    writer.request_save(1, _report("编辑器里的文字。"))
    assert writer.flush()
    writer.close()
    assert link.is_symlink() and len(copies) == 1
    assert load(copies[0]).sections[0].paragraphs[0].text == "在原位置改的文字。"


def test_own_saves_and_a_mere_touch_make_no_copies(tmp_path: Path) -> None:
    """Near misses: our own saves, and a program that only touches the file, are not changes."""
    draft = tmp_path / "报告.md"
    save(_report("第一稿。"), draft)
    writer, copies, _ = _writer(draft)
    for i in range(4):
        writer.request_save(i, _report(f"第{i}次。"))
        assert writer.flush()
    os.utime(draft, None)
    writer.request_save(9, _report("最后一次。"))
    assert writer.flush()
    writer.close()
    assert copies == []
    assert [p.name for p in tmp_path.iterdir() if "外部修改" in p.name] == []


def test_draft_deleted_meanwhile_is_recreated_without_a_copy(tmp_path: Path) -> None:
    draft = tmp_path / "报告.md"
    save(_report("第一稿。"), draft)
    writer, copies, _ = _writer(draft)
    draft.unlink()
    writer.request_save(1, _report("编辑器里的文字。"))
    assert writer.flush()
    writer.close()
    assert copies == [] and load(draft).sections[0].paragraphs[0].text == "编辑器里的文字。"


def test_the_editor_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    from tui.app import make_app
    from tui.screens.main import MainScreen

    draft = tmp_path / "报告.md"
    save(_report("第一稿。"), draft)

    async def run() -> None:
        app = make_app(draft, suggestions=False)
        async with app.run_test(size=(140, 40)) as pilot:
            deadline = time.monotonic() + 30
            while not isinstance(app.screen, MainScreen):
                assert time.monotonic() < deadline
                await pilot.pause(0.05)
            main = app.screen
            _external_edit(draft, "同事在别处改的文字。")
            main.generation += 1
            main.save_now()
            deadline = time.monotonic() + 30
            while not any("外部修改" in str(n.message) for n in app._notifications):
                assert time.monotonic() < deadline, [n.message for n in app._notifications]
                await pilot.pause(0.05)
            await pilot.press("ctrl+q")

    asyncio.run(run())
    assert [p for p in tmp_path.iterdir() if "外部修改" in p.name]
