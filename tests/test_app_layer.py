"""The application layer: one use case for both front ends, files read once, the same review copy everywhere."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

import docx
import pytest

from drafter.app import documents
from drafter.app.create import create_draft
from drafter.app.kinds import resolve_kind
from drafter.app.review import check_path
from drafter.importing import readers

from .conftest import run_cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Wrap every registered reader and the draft loader, counting calls per file name."""
    calls: dict[str, int] = {}

    def counting(fn):  # type: ignore[no-untyped-def]
        def wrapper(path, *a, **kw):  # type: ignore[no-untyped-def]
            name = Path(path).name
            calls[name] = calls.get(name, 0) + 1
            return fn(path, *a, **kw)

        return wrapper

    for name, reader in list(readers.READERS.items()):
        if reader.read is not None:
            monkeypatch.setitem(readers.READERS, name, readers.Reader(name, counting(reader.read)))
    monkeypatch.setattr(documents, "load", counting(documents.load))
    return calls


def test_check_with_prior_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "2025.md"
    create_draft(
        resolve_kind("fzzf"),
        2025,
        org="某某县人民政府",
        prior_file=CORPUS / "2024-haojiang.txt",
        output=draft,
    )
    prior = tmp_path / "2024-haojiang.txt"
    shutil.copy(CORPUS / "2024-haojiang.txt", prior)
    calls = _count_reads(monkeypatch)
    outcome = check_path(draft, prior_path=prior)
    assert outcome.findings
    assert calls == {"2025.md": 1, "2024-haojiang.txt": 1}
    # An imported file as the report checked: read once too, and its source lines reach the checker.
    calls.clear()
    outcome = check_path(CORPUS / "2019-hailing.txt", prior_path=prior)
    assert calls == {"2019-hailing.txt": 1, "2024-haojiang.txt": 1}
    assert outcome.document.source_lines


def _comments(path: Path) -> list[str]:
    return sorted(c.text for c in docx.Document(str(path)).comments)


def test_cli_and_tui_review_copies_carry_the_same_comments(tmp_path: Path) -> None:
    from tui.app import make_app

    prior = tmp_path / "濠江区2024年报告.txt"
    shutil.copy(CORPUS / "2024-haojiang.txt", prior)
    draft = tmp_path / "草稿.md"
    create_draft(
        resolve_kind("fzzf"), 2025, org="某某县人民政府", short="我县", prior_file=prior, output=draft
    )

    cli_copy = tmp_path / "cli.docx"
    out = run_cli("export", str(draft), "--review", "--prior", str(prior), "-o", str(cli_copy))
    assert out.returncode == 0, out.stderr

    async def run() -> Path:
        app = make_app(draft, suggestions=False, save_delay=30)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            main = app.main
            # A rolled-forward draft opens with last year's names offered for replacing: decline.
            from tui.screens.search import SearchScreen

            deadline = time.monotonic() + 20
            while not isinstance(app.screen, SearchScreen):
                assert time.monotonic() < deadline, "the rename offer did not open"
                await pilot.pause(0.05)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f6")
            deadline = time.monotonic() + 120
            while main.last_export is None:
                assert time.monotonic() < deadline, "review export timed out"
                await pilot.pause(0.1)
            return main.last_export

    tui_copy = asyncio.run(run())
    cli_comments, tui_comments = _comments(cli_copy), _comments(tui_copy)
    assert cli_comments, "the rolled-forward draft must draw findings (carried paragraphs, promises)"
    assert any("上年" in c for c in cli_comments)
    assert tui_comments == cli_comments
