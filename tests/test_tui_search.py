"""Search and replace in the app: Ctrl+F counts and steps, Ctrl+H replaces one or all, Ctrl+Z right after
a replace-all restores every section; a rolled-forward draft opens with last year's names offered."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual import events

from drafter.app.create import create_draft
from drafter.app.search import count
from drafter.draft import load, save
from drafter.kinds import get_kind
from drafter.model import Paragraph
from tui.app import make_app
from tui.screens.search import SearchScreen

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


async def wait_for(pilot, cond, timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


async def set_input(pilot, app, selector: str, text: str) -> None:
    field = app.screen.query_one(selector)
    field.focus()
    field.value = ""
    await pilot.pause()
    app.post_message(events.Paste(text))
    await pilot.pause()


def _draft(folder: Path) -> Path:
    report = get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县", "云港市人民政府")
    report.section_at((0, 0)).paragraphs = [
        Paragraph("县委常委会研究法治工作，县委书记带头述法。"),
        Paragraph("社区矫正工作平稳。"),
    ]
    report.section_at((1,)).paragraphs = [Paragraph("县委全面依法治县委员会办公室统筹推进。")]
    path = folder / "青禾县.md"
    save(report, path)
    return path


def test_ctrl_f_counts_and_steps_through_every_section(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            await pilot.press("ctrl+f")
            await pilot.pause()
            box = app.screen
            assert isinstance(box, SearchScreen)
            assert not box.query_one("#search-replace-row").display
            await set_input(pilot, app, "#search-find", "县委")
            assert box.count_text() == "全文共 4 处"
            await pilot.press("enter")  # first match, in the first sub-section
            await pilot.pause()
            assert main.target.path == (0, 0)
            assert main.editor.selected_text == "县委"
            assert "第 1 处" in box.count_text()
            await pilot.press("down", "down")
            await pilot.pause()
            assert main.target.path == (1,)  # the third is in another part
            assert main.editor.selected_text == "县委"
            await pilot.press("up")
            await pilot.pause()
            assert main.target.path == (0, 0)
            await set_input(pilot, app, "#search-find", "望潮区")
            assert box.count_text() == "全文没有找到"
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is main and app.focused is main.editor

    asyncio.run(run())


def test_replace_one_then_all_and_one_undo(tmp_path: Path) -> None:
    path = _draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.1)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            await pilot.press("ctrl+h")
            await pilot.pause()
            box = app.screen
            await set_input(pilot, app, "#search-find", "县委")
            await set_input(pilot, app, "#search-replace", "区委")
            box.action_step(1)
            await pilot.pause()
            box.action_replace_one()
            await pilot.pause()
            assert count(main.report, "县委") == 3 and count(main.report, "区委") == 1
            assert main.editor.text.startswith("区委常委会")
            await pilot.click("#search-all")
            await pilot.pause()
            assert count(main.report, "县委") == 0
            assert "已替换 3 处" in str(box.query_one("#search-count").render())
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()
            # One step back: all three of replace-all, the single replace stays.
            assert count(main.report, "县委") == 3 and count(main.report, "区委") == 1
            assert main.editor.text.startswith("区委常委会研究法治工作，县委书记")
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="save")
            assert count(load(path), "县委") == 3

    asyncio.run(run())


def test_undo_after_typing_undoes_the_typing_not_the_replace(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.main
            done = main.replace_everywhere("县委", "区委")
            assert done == 4
            main.editor.focus()
            main.editor.move_cursor((0, 0))
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert count(main.report, "县委") == 0  # the replace stays
            assert not main.editor.text.startswith("x")

    asyncio.run(run())


def test_rolled_forward_draft_offers_renames_and_one_undo_restores(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    created = create_draft(
        kind,
        2025,
        org="某某县人民政府",
        prior_file=CORPUS / "2024-haojiang.txt",
        output=tmp_path / "draft.md",
    )
    before = count(created.report, "区委")
    assert before >= 2

    async def run() -> None:
        app = make_app(created.path, suggestions=False, save_delay=0.1)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="offer")
            await pilot.pause()
            box = app.screen
            main = app.main
            offer = box.query_one("#search-offer").render()
            assert "濠江区" in str(offer) and "某某县" in str(offer)
            # The clerk types the rename of the level word themself.
            await set_input(pilot, app, "#search-find", "区委")
            await set_input(pilot, app, "#search-replace", "县委")
            assert box.count_text() == f"全文共 {before} 处"
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert count(main.report, "区委") == 0
            assert box.count_text() == "全文没有找到"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert count(main.report, "区委") == before
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="save")
        # Offered once: the draft remembers it and opens straight into the editor next time.
        saved = load(created.path)
        assert saved.meta.extra["carried_from"]["renames_offered"] is True
        assert count(saved, "区委") == before
        app2 = make_app(created.path, suggestions=False, save_delay=30)
        async with app2.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert not isinstance(app2.screen, SearchScreen)

    asyncio.run(run())


def test_offers_advance_one_group_at_a_time(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    created = create_draft(
        kind, 2025, org="某某县人民政府", prior_file=CORPUS / "2024-haojiang.txt", output=tmp_path / "d.md"
    )

    async def run() -> None:
        app = make_app(created.path, suggestions=False, save_delay=30)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="offer")
            await pilot.pause()
            box = app.screen
            main = app.main
            first = box.find_text
            assert first and box.replace_text == "某某县"
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert count(main.report, first) == 0
            assert box.find_text != first  # the next group is loaded
            await pilot.press("ctrl+o")  # skip it
            await pilot.pause()
            assert box.find_text not in (first, "")

    asyncio.run(run())


def test_the_box_fits_80x24_with_every_button(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_draft(tmp_path), suggestions=False, save_delay=30)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+h")
            await pilot.pause()
            box = app.screen
            for button in box.query("Button"):
                region = button.region
                assert region.width > 0 and region.right <= 80 and region.bottom <= 24, button.id
            assert box.query_one("#search-box").region.bottom <= 24

    asyncio.run(run())
