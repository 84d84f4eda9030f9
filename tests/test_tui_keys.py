"""Keys a Word user expects: Enter opens a part (never folds it), Space and ←/→ fold and unfold, Ctrl+A
selects all, Ctrl+Home/End, paragraphs apart on screen, and no 「，。」 at the start of a wrapped row."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest
from rich.cells import cell_len

from drafter.app.editing import SECTION, Target
from drafter.draft import save
from drafter.kinds import get_kind
from drafter.model import Paragraph
from tui.app import make_app
from tui.widgets.kinsoku import NO_END, NO_START, adjust_breaks


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


PARAS = [
    "青禾县坚持以习近平法治思想为指导，全面推进严格规范公正文明执法。",
    "全年办理行政复议案件126件，同比增长12%。",
]


def _draft(folder: Path) -> Path:
    report = get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县", "云港市人民政府")
    report.section_at((0, 0)).paragraphs = [Paragraph(p) for p in PARAS]
    path = folder / "青禾县.md"
    save(report, path)
    return path


def test_outline_enter_opens_and_never_folds(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            main = app.main
            tree = main.query_one("#outline")
            tree.focus()
            tree.select_target(Target(SECTION, (0,)))
            await pilot.pause()
            branch = tree.cursor_node
            assert branch.is_expanded
            await pilot.press("enter")
            await pilot.pause()
            assert branch.is_expanded  # opened, not folded
            assert main.target == Target(SECTION, (0,))
            tree.focus()
            await pilot.press("left")
            assert not branch.is_expanded
            await pilot.press("right")
            assert branch.is_expanded
            await pilot.press("space")
            assert not branch.is_expanded
            await pilot.press("space", "right")  # unfold, then → goes to the first child
            await pilot.pause()
            assert tree.cursor_node.data == Target(SECTION, (0, 0))
            await pilot.press("left")  # a leaf: ← goes to its parent
            assert tree.cursor_node is branch

    asyncio.run(run())


def test_select_all_and_text_start_end(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            editor = app.main.editor
            editor.focus()
            editor.move_cursor((0, 5))
            await pilot.press("ctrl+end")
            assert editor.cursor_location == (2, len(PARAS[1]))
            await pilot.press("ctrl+home")
            assert editor.cursor_location == (0, 0)
            await pilot.press("ctrl+shift+end")
            assert editor.selected_text == editor.text
            editor.move_cursor((2, 4))
            await pilot.press("home")
            assert editor.cursor_location == (2, 0)
            await pilot.press("ctrl+a")
            assert editor.selected_text == editor.text
            assert PARAS[0] in editor.selected_text and PARAS[1] in editor.selected_text

    asyncio.run(run())


def test_paragraphs_stand_apart_and_enter_backspace_keep_the_model(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            main = app.main
            editor = main.editor
            assert editor.text == f"{PARAS[0]}\n\n{PARAS[1]}"
            editor.focus()
            split = PARAS[0].index("全面")
            editor.move_cursor((0, split))
            await pilot.press("enter")
            await pilot.pause()
            texts = [p.text for p in main.report.section_at((0, 0)).paragraphs]
            assert texts == [PARAS[0][:split], PARAS[0][split:], PARAS[1]]
            assert editor.cursor_location == (2, 0)
            assert editor.document.get_line(1) == ""
            await pilot.press("backspace")  # joins the two halves again, blank line and all
            await pilot.pause()
            texts = [p.text for p in main.report.section_at((0, 0)).paragraphs]
            assert texts == PARAS
            assert editor.cursor_location == (0, split)
            editor.move_cursor((0, len(PARAS[0])))
            await pilot.press("delete")
            await pilot.pause()
            assert [p.text for p in main.report.section_at((0, 0)).paragraphs] == [PARAS[0] + PARAS[1]]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [p.text for p in main.report.section_at((0, 0)).paragraphs] == PARAS

    asyncio.run(run())


def _rows(text: str, breaks: list[int]) -> list[str]:
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def test_adjust_breaks_pulls_a_character_down() -> None:
    text = "甲乙丙丁，戊己庚辛。"
    # A break before 「，」 (index 4) moves back one: 「丁，」 start the second row.
    got = adjust_breaks(text, [4], lambda start: [])
    assert got == [3]
    assert _rows(text, got) == ["甲乙丙", "丁，戊己庚辛。"]
    # An opening quote at a row's end goes down too.
    text = "甲乙丙“丁戊”己庚"
    assert adjust_breaks(text, [4], lambda start: []) == [3]
    # A row of marks only: nothing better within reach, the break stays.
    text = "甲，，，，乙"
    assert adjust_breaks(text, [5], lambda start: []) == [5]


@pytest.mark.parametrize("width", [20, 21, 30, 33, 40, 57, 76])
def test_editor_rows_never_start_with_closing_punctuation(tmp_path: Path, width: int) -> None:
    paragraph = (
        "我县坚持以习近平法治思想为指导，全面推进严格规范公正文明执法，持续深化“放管服”改革、"
        "优化营商环境；全年办理行政复议案件126件，纠错率12.5%，群众满意度99%。"
    ) * 3
    report = get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县")
    report.section_at((0, 0)).paragraphs = [Paragraph(paragraph)]
    path = tmp_path / "d.md"
    save(report, path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            editor = app.main.editor
            editor.styles.width = width
            await pilot.pause()
            wrap = editor.wrap_width
            rows = editor.wrapped_document.get_sections(0)
            assert "".join(rows) == paragraph
            for i, row in enumerate(rows):
                assert cell_len(row) <= wrap
                if i:
                    assert row[0] not in NO_START, (i, row)
                assert row[-1] not in NO_END or i == len(rows) - 1, (i, row)

    asyncio.run(run())


def test_word_steps_before_jieba_stop_at_script_changes() -> None:
    from tui.widgets.editor import _class_starts

    line = "全年办理126件，同比增长12%。Word文档"
    starts = _class_starts(line)
    # 全年办理 | 126 | 件 | ， | 同比增长 | 12 | % | 。 | Word | 文档
    assert [line[a:b] for a, b in itertools.pairwise(starts)] == [
        "全年办理",
        "126",
        "件",
        "，",
        "同比增长",
        "12",
        "%",
        "。",
        "Word",
        "文档",
    ]
