"""SVG snapshots of the app (pytest-textual-snapshot; textual is pinned exactly in pyproject.toml).

Deterministic on purpose: fixed terminal size, the cursor blink off, no clock on screen, suggestions
off (their content belongs to the phrase bank's own tests), and a draft with fixed text.
Update after an intended change with ``pytest tests/test_tui_snapshot.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import save
from drafter.kinds import get_kind
from drafter.model import Paragraph
from tui.app import make_app

SIZE = (120, 36)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    report = get_kind("fzzf").new_report(2024, "某某区人民政府", "我区", "某某市人民政府")
    report.section_at((0, 0)).paragraphs = [
        Paragraph("我区坚持以习近平法治思想为指导，把学习贯彻习近平法治思想纳入区政府常务会议学法计划。"),
        Paragraph("全年组织专题学法4次，领导干部旁听庭审覆盖率达到100%。", frozenset({"carried"})),
    ]
    report.section_at((0, 1)).paragraphs = [Paragraph("深化“放管服”改革，政务服务事项全程网办率达到95%。")]
    path = tmp_path / "报告.md"
    save(report, path)
    return path


async def _freeze(pilot) -> None:
    await pilot.pause()  # the main screen is the first screen: let it compose
    main = pilot.app.main
    main.editor.cursor_blink = False
    await pilot.pause()


def test_main_screen(snap_compare, draft: Path) -> None:
    app = make_app(draft, suggestions=False, save_delay=600)
    assert snap_compare(app, terminal_size=SIZE, run_before=_freeze)


def test_main_screen_after_moving_in_outline(snap_compare, draft: Path) -> None:
    async def run_before(pilot) -> None:
        await _freeze(pilot)
        await pilot.press("f7", "down", "enter", "end")
        await pilot.pause()

    app = make_app(draft, suggestions=False, save_delay=600)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, draft: Path) -> None:
    async def run_before(pilot) -> None:
        await _freeze(pilot)
        await pilot.press("f1")
        await pilot.pause()

    app = make_app(draft, suggestions=False, save_delay=600)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_first_run_form(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The form names the day it assumed and lists recent drafts: pin the day, start with no history.
    monkeypatch.setenv("DRAFTER_TODAY", "2026-12-01")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    async def run_before(pilot) -> None:
        year = pilot.app.screen.query_one("#year")
        year.value = "2024"  # the default is last year, which changes with the calendar
        year.cursor_blink = False
        pilot.app.screen.query_one("#org").cursor_blink = False
        await pilot.pause()

    app = make_app(None, folder=tmp_path, suggestions=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_main_screen_with_suggestions(snap_compare, draft: Path) -> None:
    """The right-hand panel as it looks with suggestions (fixed ones: the bank's content is not judged here)."""
    from phrasebank import Suggestion

    def make(text: str, freq: int, sources: list[str]) -> Suggestion:
        return Suggestion(
            text=text,
            template=text,
            score=80.0,
            part="measures",
            function="举措",
            frequency=freq,
            sources=sources,
        )

    async def run_before(pilot) -> None:
        await _freeze(pilot)
        panel = pilot.app.main.query_one("#suggestions")
        panel.set_suggestions(
            [
                make(
                    "深入推行行政执法“三项制度”",
                    4,
                    ["2019-hailing.txt", "2024-haojiang.txt", "2016-pulandian.txt"],
                ),
                make("全年办理行政复议案件「X」件，同比增长「X」%。", 2, ["2019-xiashan.txt"]),
                make("加强行政执法人员培训和资格管理，严格落实持证上岗制度。", 1, []),
            ],
            "",
        )
        panel.move(1)
        await pilot.pause()

    app = make_app(draft, suggestions=False, save_delay=600)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
