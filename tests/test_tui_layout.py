"""The main screen at small terminal sizes: panels fold away, the editor keeps its width, the key bar
ends with the help key, and dialogs wrap instead of cutting their text."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

import pytest

from drafter.draft import save
from drafter.kinds import get_kind
from tui.app import make_app
from tui.screens.dialogs import AskText, Confirm
from tui.widgets.keybar import KeyBar


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def _draft(folder: Path) -> Path:
    path = folder / "青禾县2025年法治政府建设年度报告.md"
    save(get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县", "云港市人民政府"), path)
    return path


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def text_in(app, widget) -> str:
    """The characters drawn inside a widget's content region, row by row, joined."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()
    rows = []
    for y in range(region.y, region.bottom):
        rows.append(strips[y].crop(region.x, region.right).text.strip())
    return "".join(rows)


def test_80x24_folds_both_panels_and_the_editor_keeps_the_width(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            assert main.editor.content_size.width >= 56
            assert not main.query_one("#outline").display
            assert not main.query_one("#suggestions").display
            # The bottom line of the screen is the key bar and ends with the help key.
            last = screen_lines(app)[-1].rstrip()
            assert last.endswith("F1 帮助"), last
            assert "F7 目录" in last
            # F7 shows the outline over the editor and goes to it; the editor does not shrink.
            await pilot.press("f7")
            await pilot.pause()
            tree = main.query_one("#outline")
            assert tree.display and app.focused is tree
            assert main.editor.content_size.width >= 56
            # Choosing a part folds it back and returns to the editor.
            await pilot.press("down", "enter")
            await pilot.pause()
            assert not tree.display
            assert app.focused is main.editor
            # F2 shows the suggestions over the editor's right edge, F2 again folds them.
            await pilot.press("f2")
            await pilot.pause()
            assert main.query_one("#suggestions").display
            assert app.focused is main.editor
            await pilot.press("f2")
            await pilot.pause()
            assert not main.query_one("#suggestions").display

    asyncio.run(run())


@pytest.mark.parametrize(("width", "outline", "suggestions"), [(95, True, False), (120, True, True)])
def test_panels_that_fit_stay(tmp_path: Path, width: int, outline: bool, suggestions: bool) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            main = app.main
            assert main.query_one("#outline").display is outline
            assert main.query_one("#suggestions").display is suggestions
            assert main.editor.content_size.width >= 50
            assert screen_lines(app)[-1].rstrip().endswith("F1 帮助")
            # Shrinking the terminal folds them; widening brings them back.
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert not main.query_one("#outline").display
            assert main.editor.content_size.width >= 56
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            assert main.query_one("#suggestions").display is suggestions

    asyncio.run(run())


def test_key_bar_drops_hints_but_never_help() -> None:
    async def run() -> None:
        from textual.app import App, ComposeResult
        from textual.binding import Binding

        class Tiny(App[None]):
            BINDINGS: ClassVar[list[Binding]] = [
                Binding("f1", "help", "帮助"),
                Binding("f3", "checks", "检查全文内容"),
                Binding("f5", "export", "导出Word正式稿"),
            ]

            def compose(self) -> ComposeResult:
                yield KeyBar()

        app = Tiny()
        async with app.run_test(size=(30, 3)) as pilot:
            await pilot.pause()
            bar = app.query_one(KeyBar)
            text = bar.plain()
            assert text.endswith("F1 帮助")
            assert "检查全文内容" in text  # "checks" is kept before other hints
            assert "导出" not in text

    asyncio.run(run())


LONG_QUESTIONS = [
    "发现「青禾县2025年法治政府建设年度报告.md」上次未保存的内容（比草稿新）。要恢复这些内容吗？",
    "删除「深入学习贯彻习近平法治思想，加强党对法治政府建设的领导」及其下 3 个小节（共 1234 字）？"
    "删除后可在 .bak 备份中找回。",
    "草稿无法保存到 /home/clerk/文档/云港市望潮区/2025年法治政府建设年度报告.md（磁盘已满）。"
    "未保存的内容在恢复文件中（如能写入）。仍要退出吗？",
]


@pytest.mark.parametrize("question", LONG_QUESTIONS)
def test_confirm_dialog_shows_its_whole_question_at_80x24(tmp_path: Path, question: str) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(Confirm(question, "确定", "取消"))
            await pilot.pause()
            await pilot.pause()
            label = app.screen.query_one(".dialog-title")
            # Spaces may fall at a wrap; every other character is drawn, in order.
            assert text_in(app, label).replace(" ", "") == question.replace(" ", "")
            box = app.screen.query_one(".dialog")
            assert box.region.right <= 80 and box.region.bottom <= 24
            assert app.screen.query_one("#yes").region.bottom <= 24

    asyncio.run(run())


def test_ask_text_prompt_is_whole_at_80x24(tmp_path: Path) -> None:
    prompt = "新小节的标题（不含序号；序号按小节在目录中的位置自动生成，移动或删除后自动更新）："

    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(AskText(prompt))
            await pilot.pause()
            await pilot.pause()
            label = app.screen.query_one(".dialog-title")
            assert text_in(app, label) == prompt
            assert app.screen.query_one("#ask-input").region.bottom <= 24

    asyncio.run(run())


def test_long_guidance_wraps_and_scrolls(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            long = "本部分写明" + "、".join(f"第{i}项工作的做法和成效" for i in range(1, 30)) + "。"
            main.query_one("#centre").set_header("标题", long, "")
            await pilot.pause()
            box = main.query_one("#guidance-box")
            guide = main.query_one("#guidance")
            assert box.region.height <= 6
            assert guide.virtual_region.height > box.region.height  # more than fits: scrolls
            # Wrapped, not cut: every character is in the rendered guidance.
            lines = guide.render_lines(guide.region.reset_offset)
            assert "".join(s.text.strip() for s in lines) == long
            box.scroll_end(animate=False)
            await pilot.pause()
            assert box.scroll_y > 0

    asyncio.run(run())
