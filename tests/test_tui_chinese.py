"""Chinese wherever the drafter looks in the app: the command palette's prompt, notifications that keep
every character, and pasted or dragged paths in the first-run form."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from drafter.draft import save
from drafter.kinds import get_kind
from tui.app import make_app
from tui.screens.search import SearchScreen

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


async def wait_for(pilot, cond, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_command_palette_prompt_is_chinese(tmp_path: Path) -> None:
    path = tmp_path / "青禾县.md"
    save(get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县"), path)

    async def run() -> None:
        from textual.command import CommandInput, CommandPalette

        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            field = app.screen.query_one(CommandInput)
            assert field.placeholder.startswith("搜索命令")
            assert "Search" not in screen_text(app)

    asyncio.run(run())


def test_export_notification_keeps_every_character(tmp_path: Path) -> None:
    """At 120×40 the notification's text runs over the suggestion panel's border: a wide character on
    that edge used to turn into two spaces (「某某县  民政府」)."""
    folder = tmp_path / "tm"
    folder.mkdir()
    path = folder / "某某县人民政府2026年法治政府建设年度报告.md"
    save(get_kind("fzzf").new_report(2026, "某某县人民政府", "我县", "某某市人民政府"), path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            main = app.main
            from tui.screens.dialogs import Confirm

            # F5 with open errors asks first (issue 14); export anyway.
            await wait_for(pilot, lambda: isinstance(app.screen, Confirm), what="errors question")
            await pilot.press("y")
            await wait_for(pilot, lambda: main.last_export is not None, what="export")
            await pilot.pause(0.3)
            from textual.widgets._toast import Toast

            toast = app.screen.query_one(Toast)
            region = toast.content_region
            strips = app.screen._compositor.render_strips()
            drawn = "".join(
                strips[y].crop(region.x, region.right).text.strip() for y in range(region.y, region.bottom)
            )
            assert drawn.replace(" ", "") == main.message.replace(" ", "")

    asyncio.run(run())


class _Overlap(App[None]):
    """A label over two panels whose common edge falls inside a wide character of the label."""

    CSS = """
    Screen { layers: base top; }
    #a { width: 11; } #b { width: 1fr; }
    #over { layer: top; offset: 4 0; width: 30; height: 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("左" * 5, id="a")
            yield Static("右" * 20, id="b")
        yield Static("甲乙丙丁戊己庚辛壬癸", id="over")


@pytest.mark.parametrize("offset", [3, 4, 5, 6])
def test_wide_characters_over_a_panel_edge_stay_whole(offset: int) -> None:
    async def run() -> None:
        app = _Overlap()
        async with app.run_test(size=(40, 3)) as pilot:
            app.query_one("#over").styles.offset = (offset, 0)
            await pilot.pause()
            first = app.screen._compositor.render_strips()[0].text
            assert "甲乙丙丁戊己庚辛壬癸" in first
            # A partial repaint (what a terminal receives after a change) is whole too.
            app.query_one("#over").update("子丑寅卯辰巳午未申酉")
            await pilot.pause()
            assert "子丑寅卯辰巳午未申酉" in screen_text(app).splitlines()[0]
            compositor = app.screen._compositor
            compositor._dirty_regions.add(app.screen.region)
            update = compositor.render_partial_update()
            raw = re.sub(r"\x1b\[[0-9;]*m", "", update.render_segments(app.console))
            assert "子丑寅卯辰巳午未申酉" in raw  # written in one go, no cursor move inside

    asyncio.run(run())


def test_first_run_accepts_a_dragged_quoted_path(tmp_path: Path) -> None:
    prior = CORPUS / "2024-haojiang.txt"

    async def run() -> None:
        app = make_app(None, folder=tmp_path, suggestions=False)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            form = app.screen
            form.query_one("#year").value = "2025"
            for field, value in (("#org", "青禾县人民政府"), ("#last-file", f"'{prior}' ")):
                form.query_one(field).focus()
                await pilot.pause()
                app.post_message(events.Paste(value))
                await pilot.pause()
            form.action_create()
            # The rolled-forward draft opens with last year's names offered for replacing.
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="draft opened")
            await pilot.pause()
            assert app.main.report.meta.extra["carried_from"]["year"] == 2024

    asyncio.run(run())
