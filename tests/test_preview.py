"""The whole-document view (预览全文): the blocks the export writes (drafter/app/preview.py), and the
preview screen (F8) with its margin marks and Enter jumping to the paragraph in the editor."""

from __future__ import annotations

import asyncio
import datetime as _dt
import time
from pathlib import Path

import pytest

from drafter.app.preview import (
    ATTACHMENT,
    DATE,
    HEADING,
    PARAGRAPH,
    RECIPIENT,
    SIGNATURE,
    TITLE,
    build_preview,
)
from drafter.draft import save
from drafter.findings import Finding, Location
from drafter.kinds import get_kind
from drafter.model import Paragraph
from tui.app import make_app
from tui.screens.preview import MARK, PreviewScreen


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def _report():
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "云港市望潮区人民政府", "我区", "云港市人民政府")
    report.meta.date = _dt.date(2026, 1, 6)
    report.meta.attachments = ["望潮区2025年行政复议案件统计表"]
    report.opening = [Paragraph("2025年，望潮区坚持以习近平法治思想为指导。")]
    report.section_at((0, 0)).paragraphs = [
        Paragraph("区政府常务会议专题学法4次。"),
        Paragraph("领导干部旁听庭审实现全覆盖。"),
    ]
    report.section_at((1,)).paragraphs = [Paragraph("基层执法力量仍显不足。")]
    return kind, report


def _finding(section: tuple[int, ...], paragraph: int, message: str) -> Finding:
    return Finding(
        rule="test-rule",
        severity="warning",
        message=message,
        location=Location(section=section, area="section", paragraph=paragraph, start=0, end=2),
    )


def test_blocks_follow_the_export_order_with_numbers_and_ending() -> None:
    kind, report = _report()
    blocks = build_preview(report, kind)
    kinds = [b.kind for b in blocks]
    assert kinds[0] == TITLE and kinds[1] == RECIPIENT
    assert kinds[-3:] == [ATTACHMENT, SIGNATURE, DATE]
    assert blocks[0].align == "center" and "望潮区" in blocks[0].text
    assert blocks[1].text == "云港市人民政府："
    headings = [b.text for b in blocks if b.kind == HEADING]
    assert headings[0].startswith("一、") and headings[1].startswith("（一）")
    assert any(h.startswith("二、") for h in headings)
    assert blocks[-2].text == "云港市望潮区人民政府" and blocks[-2].align == "right"
    assert blocks[-1].text == "2026年1月6日"
    assert blocks[-3].text.startswith("附件：")
    body = [b for b in blocks if b.kind == PARAGRAPH]
    assert body[0].area == "opening" and body[1].path == (0, 0) and body[2].paragraph == 1


def test_findings_go_to_their_paragraph() -> None:
    kind, report = _report()
    blocks = build_preview(
        report, kind, [_finding((0, 0), 1, "缺少具体数据"), _finding((1,), 0, "表述过于笼统")]
    )
    marked = {(b.path, b.paragraph): [f.message for f in b.findings] for b in blocks if b.findings}
    assert marked == {((0, 0), 1): ["缺少具体数据"], ((1,), 0): ["表述过于笼统"]}


def test_no_recipient_no_date_no_attachments() -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "青禾县人民政府", "我县")
    kinds = [b.kind for b in build_preview(report, kind)]
    assert RECIPIENT not in kinds and DATE not in kinds and ATTACHMENT not in kinds
    assert kinds[-1] == SIGNATURE


def test_preview_screen_marks_findings_and_enter_opens_the_paragraph(tmp_path: Path) -> None:
    _kind, report = _report()
    path = tmp_path / "望潮区.md"
    save(report, path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            main.findings = [_finding((0, 0), 1, "缺少具体数据")]
            await pilot.press("f8")
            deadline = time.monotonic() + 20
            while not (isinstance(app.screen, PreviewScreen) and app.screen.blocks):
                assert time.monotonic() < deadline
                await pilot.pause(0.05)
            await pilot.pause()
            screen = app.screen
            assert app.focused is screen.query_one("#preview-list")
            await pilot.press("n")  # to the paragraph with the finding
            await pilot.pause()
            block = screen.highlighted
            assert block.path == (0, 0) and block.paragraph == 1
            text = "\n".join(s.text for s in screen._compositor.render_strips())
            assert MARK in text and "缺少具体数据" in text
            assert "（一）" in text
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is main
            assert main.target.path == (0, 0)
            assert main.editor.cursor_location == (2, 0)  # a blank line separates paragraphs
            assert app.focused is main.editor

    asyncio.run(run())
