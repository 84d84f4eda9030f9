"""The app driven through Textual's Pilot: the drafter's whole job on one screen, on real files.

Chinese text is typed by posting ``textual.events.Paste`` to the app (what an input method's commit
amounts to; ``pilot.press`` cannot type full-width punctuation).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events

from drafter.app.autosave import recovery_path
from drafter.app.editing import SECTION, Target, line_for_paragraph
from drafter.draft import dumps, load, save
from drafter.kinds import get_kind
from drafter.model import Paragraph
from tui.app import make_app
from tui.screens.checks import ChecksScreen
from tui.screens.dialogs import Confirm
from tui.screens.first_run import FirstRunScreen
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"
SIZE = (140, 40)


async def wait_for(pilot, cond: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    """Let the app run until ``cond()`` holds (workers run on threads, so poll)."""
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or cond}")
        await pilot.pause(0.05)


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's real state folder (fallback recovery files) and personal phrase bank out of it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def new_draft(folder: Path, year: int = 2024) -> Path:
    path = folder / "报告.md"
    save(get_kind("fzzf").new_report(year, "某某区人民政府", "我区", "某某市人民政府"), path)
    return path


def type_text(app, text: str) -> None:
    app.post_message(events.Paste(text))


# ----------------------------------------------------------------------------- first run
async def _fill_form(pilot, app, *, last_file: str = "") -> None:
    form = app.screen
    assert isinstance(form, FirstRunScreen)
    year = form.query_one("#year")
    year.focus()
    await pilot.press("end", *["backspace"] * 6, "2", "0", "2", "4")
    for field, value in (("#org", "某某区人民政府"), ("#short", "我区"), ("#recipient", "某某市人民政府")):
        form.query_one(field).focus()
        await pilot.pause()
        type_text(app, value)
        await pilot.pause()
    if last_file:
        form.query_one("#last-file").focus()
        await pilot.pause()
        type_text(app, last_file)
        await pilot.pause()


def test_first_run_form_creates_a_draft(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(None, folder=tmp_path, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            await _fill_form(pilot, app)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            path = app.main.path
            assert path.parent == tmp_path and path.exists()
            report = load(path)
            assert report.meta.year == 2024
            assert report.meta.org == "某某区人民政府"
            assert report.meta.short == "我区"
            assert report.meta.recipient == "某某市人民政府"
            # The 2024 outline's tasks are the sub-sections of part one.
            assert [s.part for s in report.sections[0].children][:2] == ["xi-thought", "functions"]
            await pilot.press("ctrl+q")

    asyncio.run(run())


def test_first_run_form_rejects_a_bad_year(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(None, folder=tmp_path, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            form = app.screen
            form.query_one("#year").focus()
            await pilot.press("end", *["backspace"] * 6, "3", "0", "2", "5")
            form.query_one("#org").focus()
            type_text(app, "某某县人民政府")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, FirstRunScreen)
            assert "3025" in str(form.query_one("#form-error").render())
            assert list(tmp_path.iterdir()) == []

    asyncio.run(run())


def test_first_run_rolls_forward_from_last_years_file(tmp_path: Path) -> None:
    last = CORPUS / "2019-hailing.txt"

    async def run() -> None:
        app = make_app(None, folder=tmp_path, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            await _fill_form(pilot, app, last_file=str(last))
            await pilot.press("ctrl+s")
            # A rolled-forward draft opens with the replace box offering last year's names.
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, (MainScreen, SearchScreen)),
                what="main screen",
                timeout=60,
            )
            report = load(app.main.path)
            assert report.meta.year == 2024
            carried = [p for _, s in report.walk() for p in s.paragraphs if p.carried]
            assert carried, "last year's text should be carried over and marked"
            await pilot.press("ctrl+q")

    asyncio.run(run())


# ----------------------------------------------------------------------------- typing, autosave
def test_typing_chinese_is_saved_atomically(tmp_path: Path) -> None:
    path = new_draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.2, recovery_delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            assert main.target == Target(SECTION, (0, 0))
            type_text(app, "我区坚持以习近平法治思想为指导，")
            await pilot.press("a", "b")
            type_text(app, "全面推进依法行政。")
            await pilot.pause()
            assert main.editor.text == "我区坚持以习近平法治思想为指导，ab全面推进依法行政。"
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="autosave")
            assert "已保存" in str(main.query_one("#status").render())
            on_disk = load(path).section_at((0, 0)).paragraphs
            assert on_disk == [Paragraph("我区坚持以习近平法治思想为指导，ab全面推进依法行政。")]
            assert not recovery_path(path).exists(), "a saved draft leaves no recovery file"

    asyncio.run(run())


def test_editing_carried_text_drops_its_mark(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2024, "某某区人民政府", "我区")
    report.section_at((0, 0)).paragraphs = [
        Paragraph("去年的第一段。", frozenset({"carried"})),
        Paragraph("去年的第二段。", frozenset({"carried"})),
    ]
    path = tmp_path / "d.md"
    save(report, path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            assert "转" in str(main.query_one("#outline").cursor_node.label)
            await pilot.press("end")
            type_text(app, "今年补充。")
            await wait_for(pilot, lambda: main.saved_generation == main.generation > 0, what="autosave")
            paras = load(path).section_at((0, 0)).paragraphs
            assert paras[0] == Paragraph("去年的第一段。今年补充。")
            assert paras[1].carried  # untouched paragraph keeps its mark

    asyncio.run(run())


def test_status_line_shows_count_and_deadlines(tmp_path: Path) -> None:
    path = new_draft(tmp_path, year=2024)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            before = main.report.char_count()
            type_text(app, "新增十个汉字测试一下")
            await pilot.pause()
            status = str(main.query_one("#status").render())
            assert "未保存" in status
            assert f"字数 {before + 10}" in status
            assert "2025年3月1日" in status and "2025年4月1日" in status

    asyncio.run(run())


# ----------------------------------------------------------------------------- outline
def test_outline_add_rename_move_delete(tmp_path: Path) -> None:
    path = new_draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            tree = main.query_one("#outline")
            await pilot.press("f7")
            assert tree.has_focus
            # The cursor is on 一、（一）; add a sibling after it.
            await pilot.press("s")
            assert isinstance(app.screen.query_one("#ask-input"), object)
            type_text(app, "新增的工作")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            children = main.report.sections[0].children
            assert children[1].heading == "新增的工作"
            assert main.target == Target(SECTION, (0, 1))
            assert "（二）新增的工作" in str(tree.cursor_node.label)
            # After the layout above the editor changed, the terminal cursor is on the text cursor
            # (where an input method opens its candidate window).
            await pilot.pause()
            assert main.editor.has_focus
            assert app.cursor_position == main.editor.cursor_screen_offset
            # Move it up: it becomes （一）.
            tree.focus()
            await pilot.press("shift+up")
            await pilot.pause()
            assert main.report.sections[0].children[0].heading == "新增的工作"
            assert "（一）新增的工作" in str(tree.cursor_node.label)
            # Rename it.
            await pilot.press("r")
            await pilot.press("ctrl+a")  # Input: to line start
            await pilot.press("ctrl+k")  # delete to end
            type_text(app, "改名后的工作")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert main.report.sections[0].children[0].heading == "改名后的工作"
            # Delete it (confirm with y).
            tree.focus()
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await pilot.pause()
            headings = [s.heading for s in main.report.sections[0].children]
            assert "改名后的工作" not in headings
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="autosave")
            assert [s.heading for s in load(path).sections[0].children] == headings

    asyncio.run(run())


# ----------------------------------------------------------------------------- suggestions
def _suggestion_texts(main: MainScreen) -> list[str]:
    return [s.text for s in main.query_one("#suggestions").suggestions]


async def _wait_suggestions(pilot, main: MainScreen, after: int) -> list[str]:
    """Suggestions for a request newer than ``after`` (the generation before the typing)."""
    await wait_for(
        pilot,
        lambda: main.suggestion_generation > after and main.suggestions_shown == main.suggestion_generation,
        what="suggestions for the current sentence",
    )
    return _suggestion_texts(main)


def test_typing_changes_suggestions_and_one_can_be_inserted(tmp_path: Path) -> None:
    path = new_draft(tmp_path)

    async def run() -> None:
        app = make_app(path, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            await wait_for(pilot, lambda: main.bank_state != "loading", timeout=90, what="phrase banks")
            assert main.bank_state == "ready", main.query_one("#suggest-detail").render()
            # Part one, first task: write about administrative enforcement.
            gen = main.suggestion_generation
            type_text(app, "深入推进行政执法三项制度")
            first = await _wait_suggestions(pilot, main, gen)
            assert first, "no suggestions for a sentence about law enforcement"
            type_text(app, "。\n")
            await pilot.pause()
            gen = main.suggestion_generation
            type_text(app, "加强行政复议和行政应诉工作")
            second = await _wait_suggestions(pilot, main, gen)
            assert second and second != first
            assert any("执法" in t for t in first)
            assert any("复议" in t or "应诉" in t for t in second)
            detail = str(main.query_one("#suggest-detail").render())
            assert "来源" in detail and "份报告使用" in detail
            # Choose the second suggestion and insert it in place of the half sentence.
            await pilot.press("ctrl+down")
            chosen = main.query_one("#suggestions").selected
            assert chosen.text == second[1]
            before = main.editor.text
            typed = "加强行政复议和行政应诉工作"
            await pilot.press("ctrl+g")
            await pilot.pause()
            lines = main.editor.text.split("\n")
            assert lines[0] == "深入推进行政执法三项制度。"
            # A continuation goes on from the cursor; a whole phrase replaces only the clause it matched.
            assert lines[1] == typed[: len(typed) - chosen.replace] + chosen.insert
            assert "{" not in chosen.text and "}" not in chosen.text  # slots are rendered
            blank = re.search(r"「[^「」]{1,8}」", chosen.insert)
            if blank:  # an unfillable slot is selected, ready to be typed over
                assert main.editor.selected_text == blank.group(0)
            # One undo step takes the whole insertion back.
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert main.editor.text == before

    asyncio.run(run())


# ----------------------------------------------------------------------------- checks
def test_checks_panel_jumps_to_a_finding(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2024, "某某区人民政府", "我区", "某某市人民政府")
    report.section_at((0, 2)).paragraphs = [
        Paragraph("我区健全依法行政制度体系。"),
        Paragraph("我区认真贯彻落实《法治政府建设实施纲要（2015—2020年）》，加强规范性文件管理。"),
    ]
    path = tmp_path / "d.md"
    save(report, path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            await pilot.press("f3")
            panel = app.screen
            assert isinstance(panel, ChecksScreen)
            await wait_for(pilot, lambda: bool(panel.findings), timeout=90, what="findings")
            targets = [
                i
                for i, f in enumerate(panel.findings)
                if tuple(f.location.section) == (0, 2) and f.location.paragraph == 1
            ]
            assert targets, [f.to_dict() for f in panel.findings]
            chosen = panel.findings[targets[0]]
            options = panel.query_one("#checks-list")
            options.highlighted = targets[0]
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is main
            assert main.target == Target(SECTION, (0, 2))
            # The second paragraph's line (a blank line separates paragraphs on screen).
            assert main.editor.cursor_location[0] == line_for_paragraph(main.editor.text, 1) == 2
            assert main.editor.has_focus
            if chosen.location.start is not None and chosen.location.end:
                assert (
                    main.editor.selected_text
                    == main.report.section_at((0, 2))
                    .paragraphs[1]
                    .text[chosen.location.start : chosen.location.end]
                )
            # The section with findings is marked in the outline.
            assert (0, 2) in main.flagged
            assert "查" in str(main.query_one("#outline").cursor_node.label)

    asyncio.run(run())


# ----------------------------------------------------------------------------- export
def test_export_writes_clean_and_review_copies(tmp_path: Path) -> None:
    import docx

    path = new_draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            type_text(app, "我区全面推进严格规范公正文明执法。")
            await pilot.pause()
            await pilot.press("f5")
            # Issue 14: F5 with open errors (no date yet) says how many and asks; 取消 is the default.
            await wait_for(pilot, lambda: isinstance(app.screen, Confirm), timeout=60, what="errors question")
            assert "个错误" in app.screen.question
            await pilot.press("y")
            await wait_for(pilot, lambda: main.last_export is not None, timeout=60, what="export")
            clean = main.last_export
            assert clean == tmp_path / "报告.docx" and clean.exists()
            assert str(clean) in str(main.query_one("#status").render())
            main.last_export = None
            # The review copy, through the command palette's entry.
            commands = {c.title: c for c in app.get_system_commands(main)}
            commands["导出 Word（审阅稿，含批注）"].callback()
            await wait_for(pilot, lambda: main.last_export is not None, timeout=90, what="review export")
            review = main.last_export
            assert review.exists() and review != clean
            text = "\n".join(p.text for p in docx.Document(str(clean)).paragraphs)
            assert "我区全面推进严格规范公正文明执法。" in text
            assert "某某区" in text

    asyncio.run(run())


# ----------------------------------------------------------------------------- crash recovery
def test_restart_after_crash_offers_the_recovery_file(tmp_path: Path) -> None:
    path = new_draft(tmp_path)
    original = path.read_bytes()
    captured: dict[str, bytes] = {}

    async def crash_run() -> None:
        app = make_app(path, suggestions=False, save_delay=600, max_unsaved=600, recovery_delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            type_text(app, "崩溃前输入的文字。")
            rec = recovery_path(path)
            await wait_for(pilot, rec.exists, what="recovery file")
            app.main.writer.flush()
            captured["rec"] = rec.read_bytes()
            assert path.read_bytes() == original  # the draft itself is not saved yet

    asyncio.run(crash_run())
    # What a SIGKILL at that moment leaves on disk: the old draft and the newer recovery file.
    path.write_bytes(original)
    rec = recovery_path(path)
    rec.write_bytes(captured["rec"])
    later = time.time() + 5
    os.utime(rec, (later, later))

    async def restart(answer: str) -> MainScreen:
        app = make_app(path, suggestions=False, save_delay=600)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            assert path.name in str(app.screen.query_one(".dialog-title").render())
            await pilot.press(answer)
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            return app.main

    main = asyncio.run(restart("y"))
    assert main.report.section_at((0, 0)).paragraphs == [Paragraph("崩溃前输入的文字。")]
    assert load(path).section_at((0, 0)).paragraphs == [Paragraph("崩溃前输入的文字。")]
    assert not rec.exists()

    # Declining keeps the draft as it was and removes the recovery file.
    path.write_bytes(original)
    rec.write_bytes(captured["rec"])
    os.utime(rec, (later + 5, later + 5))
    asyncio.run(restart("n"))
    assert path.read_bytes() == original
    assert not rec.exists()


def test_older_recovery_file_is_not_offered(tmp_path: Path) -> None:
    path = new_draft(tmp_path)
    rec = recovery_path(path)
    report = load(path)
    report.section_at((0, 0)).paragraphs = [Paragraph("旧的恢复内容")]
    rec.write_text(dumps(report), "utf-8")
    old = time.time() - 3600
    os.utime(rec, (old, old))

    async def run() -> None:
        app = make_app(path, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)

    asyncio.run(run())


# ----------------------------------------------------------------------------- wide characters
def test_wide_characters_wrap_whole_and_cursor_moves_by_cells(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2024, "某某区人民政府", "我区")
    # Long enough to wrap several times at any editor width; full-width punctuation included.
    paragraph = "我区坚持以习近平法治思想为指导，全面推进严格规范公正文明执法，持续深化“放管服”改革。" * 3
    report.section_at((0, 0)).paragraphs = [Paragraph(paragraph)]
    path = tmp_path / "d.md"
    save(report, path)

    from rich.cells import cell_len

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(101, 30)) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            editor = main.editor
            await pilot.pause()
            width = editor.wrap_width
            rows = editor.wrapped_document.get_sections(0)
            assert len(rows) > 2
            assert "".join(rows) == paragraph  # wrapping never drops or splits a character
            for row in rows:
                assert cell_len(row) <= width
            # Right arrow: one character and two cells per wide character.
            editor.move_cursor((0, 0))
            await pilot.pause()
            x0 = editor.cursor_screen_offset.x
            await pilot.press("right", "right", "right")
            assert editor.cursor_location == (0, 3)
            assert editor.cursor_screen_offset.x == x0 + 6
            # Crossing the end of the first screen row moves to the start of the next one.
            first = len(rows[0])
            editor.move_cursor((0, first - 1))
            await pilot.pause()
            y_before = editor.cursor_screen_offset.y
            await pilot.press("right")
            assert editor.cursor_location == (0, first)
            assert editor.cursor_screen_offset == (x0, y_before + 1)
            await pilot.press("left")
            assert editor.cursor_location == (0, first - 1)
            assert editor.cursor_screen_offset.y == y_before
            # Down stays in the same paragraph and keeps the cell column.
            editor.move_cursor((0, 2))
            await pilot.press("down")
            assert editor.cursor_location == (0, first + 2)
            # The terminal cursor (where the input method opens) follows the text cursor.
            await pilot.pause()
            assert app.cursor_position == editor.cursor_screen_offset

    asyncio.run(run())


# ----------------------------------------------------------------------------- the commands that open the app
def _spawn_cli(args: list[str], cwd: Path):
    import sys

    import pexpect

    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return pexpect, pexpect.spawn(
        sys.executable,
        ["-c", "from drafter.cli import run; run()", *args],
        cwd=str(cwd),
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
    )


def test_drafter_without_arguments_opens_the_first_run_form(tmp_path: Path) -> None:
    pexpect, child = _spawn_cli([], tmp_path)
    try:
        child.expect("新建法治政府建设年度报告")
        child.sendcontrol("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert list(tmp_path.iterdir()) == []  # quitting the form creates nothing


def test_new_with_tui_creates_then_opens_the_draft(tmp_path: Path) -> None:
    pexpect, child = _spawn_cli(
        ["new", "--year", "2024", "--org", "某某县人民政府", "-o", "县报告.md", "--tui"], tmp_path
    )
    try:
        child.expect("字数")
        time.sleep(0.5)  # the editor takes focus after the first paint
        child.send("依法行政")
        child.sendcontrol("s")
        time.sleep(1.0)
        child.sendcontrol("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    report = load(tmp_path / "县报告.md")
    assert report.meta.org == "某某县人民政府"
    assert report.section_at((0, 0)).text == "依法行政"


@pytest.mark.parametrize(
    ("name", "message"),
    [("没有.md", "找不到文件"), ("报告.docx", "drafter import")],
)
def test_edit_refuses_bad_paths_in_one_line(tmp_path: Path, name: str, message: str) -> None:
    from tests.conftest import run_cli

    (tmp_path / "报告.docx").write_bytes(b"PK")
    out = run_cli("edit", str(tmp_path / name))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_failed_save_is_reported_and_quitting_asks_first(tmp_path: Path) -> None:
    path = new_draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.1, recovery_delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            # The draft's place becomes unwritable (a folder now sits where the file was).
            path.unlink()
            path.mkdir()
            type_text(app, "保存失败时的文字")
            await wait_for(pilot, lambda: "保存失败" in main.message, what="save failure shown")
            assert "未保存" in str(main.query_one("#status").render())
            # The recovery file still holds the text.
            await wait_for(pilot, recovery_path(path).exists, what="recovery file")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, Confirm), "quitting with unsaved text must ask"
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is main

    asyncio.run(run())
    assert "保存失败时的文字" in recovery_path(path).read_text("utf-8")


def test_word_steps_follow_jieba_words(tmp_path: Path) -> None:
    from drafter import segment

    segment.warm_up()
    kind = get_kind("fzzf")
    report = kind.new_report(2024, "某某区人民政府", "我区")
    line = "我区坚持依法行政，全面推进政务公开。"
    report.section_at((0, 0)).paragraphs = [Paragraph(line)]
    path = tmp_path / "d.md"
    save(report, path)
    starts = [s for w, s, _ in segment.tokenizer().tokenize(line)] + [len(line)]

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            editor = app.main.editor
            seen = []
            for _ in range(4):
                await pilot.press("ctrl+right")
                seen.append(editor.cursor_location[1])
            assert seen == starts[1:5]
            assert seen[0] == 2  # 「我区」, not the whole clause up to 「，」
            await pilot.press("ctrl+left")
            assert editor.cursor_location[1] == starts[3]

    asyncio.run(run())


def test_inserting_a_suggestion_with_a_blank_selects_the_blank(tmp_path: Path) -> None:
    """The insertion itself, with a suggestion as the protocol answers one: the phrase replaces the
    clause it matched (``replace`` characters), the first 「X」 is selected, Ctrl+N goes to the next."""
    from drafter.app.suggester import Offer

    path = new_draft(tmp_path)
    suggestion = Offer(
        insert="全年办理行政复议案件「X」件，同比增长「X」%。",
        replace=len("全年办理行政"),
        text="全年办理行政复议案件「X」件，同比增长「X」%。",
        kind="phrase",
        frequency=3,
        sources=("某某区2019年法治政府建设年度报告", "远山县2024年法治政府建设年度报告"),
    )

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            type_text(app, "依法化解行政争议。全年办理行政")
            await pilot.pause()
            panel = main.query_one("#suggestions")
            panel.set_suggestions([suggestion], "")
            await pilot.pause()
            detail = str(panel.query_one("#suggest-detail").render())
            assert "某某区2019年法治政府建设年度报告" in detail and "3 份报告使用" in detail
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert main.editor.text == "依法化解行政争议。全年办理行政复议案件「X」件，同比增长「X」%。"
            assert main.editor.selected_text == "「X」"
            type_text(app, "126")
            await pilot.pause()
            assert main.editor.text == "依法化解行政争议。全年办理行政复议案件126件，同比增长「X」%。"
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert main.editor.selected_text == "「X」"
            type_text(app, "5")
            await pilot.pause()
            assert main.editor.text == "依法化解行政争议。全年办理行政复议案件126件，同比增长5%。"
            await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
            await pilot.pause()
            assert main.editor.text == "依法化解行政争议。全年办理行政"

    asyncio.run(run())


def test_a_continuation_keeps_the_enumerator_and_goes_in_at_the_cursor(tmp_path: Path) -> None:
    """「四是」 and all the drafter typed stay; the continuation follows it and the cursor ends after it."""
    from drafter.app.suggester import Offer

    path = new_draft(tmp_path)
    offers = [
        Offer("制度", 0, "制度", "continuation", 2, ("甲",)),
        Offer(
            "落实重大行政决策程序规定",
            len("严格落实重大行政决策"),
            "落实重大行政决策程序规定",
            "phrase",
            1,
            ("乙",),
        ),
    ]

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            type_text(app, "四是严格落实重大行政决策")
            await pilot.pause()
            panel = main.query_one("#suggestions")
            panel.set_suggestions(offers, "")
            await pilot.pause()
            assert "…制度" in str(panel.query_one("#suggest-list").render())  # marked as a continuation
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert main.editor.text == "四是严格落实重大行政决策制度"
            assert main.editor.cursor_location == (0, len("四是严格落实重大行政决策制度"))
            await pilot.press("ctrl+z")
            await pilot.pause()
            panel.set_suggestions(offers, "")
            await pilot.press("ctrl+down", "ctrl+g")
            await pilot.pause()
            assert main.editor.text == "四是落实重大行政决策程序规定"

    asyncio.run(run())


def test_how_many_reports_use_a_continuation_stays_in_sight(tmp_path: Path) -> None:
    """The detail box has three lines: a continuation's note and two long report titles wrapped in a narrow
    panel used to push 「N 份报告使用过此表述」 out of it (an empty paragraph now starts with continuations)."""
    from drafter.app.suggester import Offer

    path = new_draft(tmp_path)
    offer = Offer(
        "深入学习贯彻习近平法治思想，",
        0,
        "深入学习贯彻习近平法治思想，",
        "continuation",
        4,
        (
            "某某区2024年法治政府建设年度报告",
            "远山县2024年法治政府建设年度报告",
            "青禾县2024年法治政府建设年度报告",
        ),
    )

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            panel = app.main.query_one("#suggestions")
            panel.set_suggestions([offer], "")
            await pilot.pause()
            shown = app.export_screenshot().replace("&#160;", " ")
            assert "4 份报告使用过此表述" in shown
            assert "续写" in shown

    asyncio.run(run())


def test_command_palette_finds_export_in_chinese(tmp_path: Path) -> None:
    path = new_draft(tmp_path)

    async def run() -> None:
        from textual.command import CommandPalette

        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # let the first refresh (tree selection) happen
            main = app.main
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            type_text(app, "审阅")
            await pilot.pause(0.5)
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: main.last_export is not None, timeout=90, what="review export")
            assert main.last_export.name == "报告（审阅稿）.docx" and main.last_export.exists()

    asyncio.run(run())
