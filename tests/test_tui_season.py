"""A clerk can trust the editor with a whole season: outline changes undo, every save is a version, the
document's facts are editable, the ending is placed once, carried marks mean what they say."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import time
from pathlib import Path

import docx

from drafter.app.create import create_draft, default_year, prior_gap_warning
from drafter.app.kinds import resolve_kind
from drafter.draft import load, save
from drafter.history import versions
from drafter.model import CARRIED, Paragraph
from tui.app import make_app
from tui.screens.dialogs import Confirm
from tui.screens.facts import FactsScreen

from .conftest import run_cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"
SIZE = (140, 40)
FZZF = resolve_kind("fzzf")


async def wait_for(pilot, cond, timeout: float = 30.0, what: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or cond}")
        await pilot.pause(0.05)


def _draft(folder: Path) -> Path:
    report = FZZF.new_report(2026, "青禾县人民政府", "我县", "云港市人民政府")
    for i, (_, s) in enumerate(report.walk()):
        if not s.children:
            s.paragraphs = [Paragraph(f"第{i}节的正文，由起草人自己写成。")]
    path = folder / "草稿.md"
    save(report, path)
    return path


async def _delete_selected(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("delete")
    await wait_for(pilot, lambda: isinstance(app.screen, Confirm), what="delete question")
    assert app.screen.query_one("#no").has_focus, "取消 must be the default of a destructive question"
    assert "Ctrl+Z" in app.screen.question
    await pilot.press("y")
    await pilot.pause()


def test_delete_then_undo_gives_the_section_back_with_the_cursor(tmp_path: Path) -> None:
    path = _draft(tmp_path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            tree = main.query_one("#outline")
            tree.focus()
            await pilot.press("down")  # 一、（二）
            await pilot.pause()
            before = main.report.copy()
            selected = tree.cursor_node.data
            deleted = main.report.section_at(selected.path)
            await _delete_selected(pilot, app)
            assert deleted not in main.report.sections[0].children
            # The cursor went to the next sibling, not up to the part.
            assert tree.cursor_node.data.path == selected.path
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert main.report == before
            assert tree.cursor_node.data.path == selected.path
            assert main.report.section_at(selected.path).paragraphs == deleted.paragraphs
            # Redo deletes it again.
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert main.report.section_at(selected.path).heading != deleted.heading

    asyncio.run(run())


def test_four_deletes_then_four_undos_give_the_file_back_byte_for_byte(tmp_path: Path) -> None:
    path = _draft(tmp_path)
    original = path.read_bytes()

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            main.query_one("#outline").focus()
            for _ in range(4):
                await _delete_selected(pilot, app)
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="save")
            assert path.read_bytes() != original
            main.query_one("#outline").focus()
            for _ in range(4):
                await pilot.press("ctrl+z")
                await pilot.pause()
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="save")
            await pilot.press("ctrl+q")

    asyncio.run(run())
    assert path.read_bytes() == original


def test_a_delete_survives_ten_autosaves_and_restore_brings_it_back(tmp_path: Path) -> None:
    path = _draft(tmp_path)

    async def run() -> str:
        app = make_app(path, suggestions=False, save_delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            main.query_one("#outline").focus()
            gone = main.report.sections[0].children[0]
            assert gone.paragraphs
            await _delete_selected(pilot, app)
            await wait_for(pilot, lambda: main.saved_generation == main.generation, what="save")
            main.editor.focus()
            for i in range(10):
                app.post_message(__import__("textual").events.Paste(f"补{i}"))
                await pilot.pause()
                await wait_for(pilot, lambda: main.saved_generation == main.generation, what="autosave")
            await pilot.press("ctrl+q")
            return gone.paragraphs[0].text

    heading = asyncio.run(run())  # the deleted section's own text, found nowhere else
    assert heading not in path.read_text("utf-8")
    found = [v for v in versions(path) if heading in v.text()]
    assert found, "the version before the delete must still be in the history"
    listing = run_cli("history", str(path))
    assert listing.returncode == 0 and "个小节" in listing.stdout
    number = [v.id for v in versions(path)].index(found[0].id) + 1
    out = run_cli("restore", str(path), str(number))
    assert out.returncode == 0, out.stderr
    assert heading in path.read_text("utf-8")
    # Restoring is undoable too: the text before the restore is the newest version but one.
    assert any(heading not in v.text() for v in versions(path)[:3])


def test_changing_the_issuer_gives_new_title_and_signature_in_the_export(tmp_path: Path) -> None:
    prior = tmp_path / "濠江区2024年报告.txt"
    shutil.copy(CORPUS / "2024-haojiang.txt", prior)
    path = tmp_path / "草稿.md"
    create_draft(FZZF, 2025, prior_file=prior, output=path)
    assert "濠江区" in load(path).meta.title

    async def run() -> Path:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            await pilot.press("f9")
            await wait_for(pilot, lambda: isinstance(app.screen, FactsScreen), what="facts screen")
            screen = app.screen
            for key, value in (("org", "青禾县人民政府"), ("short", "我县"), ("date", "2026-01-08")):
                field = screen.query_one(f"#fact-{key}")
                field.value = value
            await pilot.pause()
            preview = str(screen.query_one("#fact-preview").render())
            assert "青禾县2025年法治政府建设年度报告" in preview and "濠江区" in preview
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert main.report.meta.title == "青禾县2025年法治政府建设年度报告"
            assert "濠江区" not in main.report.meta.title
            # A signature typed in 【结尾】 as well must not be printed twice.
            main.report.closing.append(Paragraph("青禾县人民政府"))
            main.report.closing.append(Paragraph("2026年1月8日"))
            await pilot.press("f5")
            await wait_for(pilot, lambda: isinstance(app.screen, Confirm), timeout=60, what="question")
            if "像是落款" in app.screen.question:
                await pilot.press("y")
                await wait_for(
                    pilot, lambda: isinstance(app.screen, Confirm) or main.last_export is not None, timeout=60
                )
            if isinstance(app.screen, Confirm):
                await pilot.press("y")
            await wait_for(pilot, lambda: main.last_export is not None, timeout=60, what="export")
            return main.last_export

    exported = asyncio.run(run())
    texts = [p.text.strip() for p in docx.Document(str(exported)).paragraphs if p.text.strip()]
    assert texts[0] == "青禾县2025年法治政府建设年度报告"
    assert texts.count("青禾县人民政府") == 1 and texts.count("2026年1月8日") == 1
    assert texts.index("青禾县人民政府") < texts.index("2026年1月8日") == len(texts) - 1
    assert not any("濠江区" in t for t in texts[:1])


def test_export_view_places_a_typed_signature_once() -> None:
    from drafter.app.ending import export_view, typed_ending

    report = FZZF.new_report(2026, "青禾县人民政府", "我县", date=None)
    # The date typed above the name (the order the old export produced) is recognised as well.
    report.closing = [Paragraph("特此报告。"), Paragraph("2027年1月6日"), Paragraph("青禾县人民政府")]
    typed = typed_ending(report)
    assert typed.org == "青禾县人民政府" and typed.date == dt.date(2027, 1, 6)
    report.closing = [Paragraph("特此报告。"), Paragraph("青禾县人民政府"), Paragraph("2027年1月6日")]
    view = export_view(report)
    assert [p.text for p in view.closing] == ["特此报告。"]
    assert view.meta.date == dt.date(2027, 1, 6) and view.meta.org == "青禾县人民政府"
    # Near miss: closing text that merely mentions the government is kept.
    report.closing = [Paragraph("特此报告。请县人民政府审议。")]
    assert export_view(report).closing == report.closing


def test_typing_and_undoing_keeps_a_paragraph_carried(tmp_path: Path) -> None:
    path = tmp_path / "草稿.md"
    create_draft(FZZF, 2025, org="汕头市濠江区人民政府", prior_file=CORPUS / "2024-haojiang.txt", output=path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            editor = main.editor
            editor.focus()
            target = main.target
            assert all(p.carried for p in target.paragraphs(main.report))
            editor.move_cursor((0, 0))
            await pilot.press("x")
            await pilot.pause()
            assert not target.paragraphs(main.report)[0].carried
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert target.paragraphs(main.report)[0].carried, "the text is last year's again"
            await pilot.press("ctrl+o")  # 确认沿用
            await pilot.pause()
            assert "kept" in target.paragraphs(main.report)[0].flags
            assert CARRIED in target.paragraphs(main.report)[0].flags

    asyncio.run(run())


def test_the_season_decides_the_default_year() -> None:
    assert default_year(dt.date(2026, 12, 1)) == 2026
    assert default_year(dt.date(2026, 10, 1)) == 2026
    assert default_year(dt.date(2027, 2, 10)) == 2026
    assert default_year(dt.date(2027, 9, 30)) == 2026
    assert "2025" in prior_gap_warning(2024, 2026) and prior_gap_warning(2025, 2026) == ""


def test_drafting_2026_from_a_2024_report_warns_that_a_year_is_skipped(tmp_path: Path) -> None:
    out = run_cli(
        "new",
        "--year",
        "2026",
        "--org",
        "青禾县人民政府",
        "--from",
        str(CORPUS / "2024-haojiang.txt"),
        "-o",
        str(tmp_path / "a.md"),
    )
    assert out.returncode == 0, out.stderr
    assert "2024 年" in out.stderr and "2025" in out.stderr


def test_drafter_in_a_folder_with_drafts_offers_them(tmp_path: Path) -> None:
    from tui.screens.first_run import FirstRunScreen
    from tui.screens.main import MainScreen

    path = _draft(tmp_path)

    async def run() -> None:
        app = make_app(None, folder=tmp_path, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, FirstRunScreen)
            recent = app.screen.query_one("#recent")
            assert recent.has_focus and path.name in str(recent.get_option_at_index(0).prompt)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            assert app.main.path.resolve() == path.resolve()
            await pilot.press("ctrl+q")

    asyncio.run(run())


def test_new_draft_with_an_existing_name_can_open_it(tmp_path: Path) -> None:
    from tui.screens.first_run import FirstRunScreen
    from tui.screens.main import MainScreen

    existing = tmp_path / "sub"
    existing.mkdir()
    path = existing / "青禾县人民政府2026年法治政府建设年度报告.md"
    save(FZZF.new_report(2026, "青禾县人民政府"), path)
    other = tmp_path / "empty"
    other.mkdir()

    async def run() -> None:
        app = make_app(None, folder=existing, suggestions=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FirstRunScreen)
            form.query_one("#year").value = "2026"
            form.query_one("#org").value = "青禾县人民政府"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Ctrl+O" in str(form.query_one("#form-error").render())
            await pilot.press("ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            assert app.main.path == path
            await pilot.press("ctrl+q")

    asyncio.run(run())


def test_the_app_fixes_punctuation_in_one_undoable_step(tmp_path: Path) -> None:
    path = _draft(tmp_path)
    report = load(path)
    first = report.sections[0].children[0]
    first.paragraphs = [Paragraph("全年办理案件12件,结案率100%:成效明显。")]
    save(report, path)

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            main = app.main
            commands = {c.title: c for c in app.get_system_commands(main)}
            commands["改正标点和数字写法"].callback()
            await pilot.pause()
            assert (
                main.report.sections[0].children[0].paragraphs[0].text
                == "全年办理案件12件，结案率100%：成效明显。"
            )
            main.query_one("#outline").focus()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert (
                main.report.sections[0].children[0].paragraphs[0].text
                == "全年办理案件12件,结案率100%:成效明显。"
            )

    asyncio.run(run())
