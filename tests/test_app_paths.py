"""Pasted and dragged paths are cleaned before the file is looked for (drafter/app/paths.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.app.paths import clean_user_path


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("'/home/clerk/青禾县2024年报告.docx'", "/home/clerk/青禾县2024年报告.docx"),
        ('  "/home/clerk/青禾县2024年报告.docx"  ', "/home/clerk/青禾县2024年报告.docx"),
        ("“/srv/报告/望潮区.docx”", "/srv/报告/望潮区.docx"),
        ("「/srv/报告/望潮区.docx」", "/srv/报告/望潮区.docx"),
        ("file:///home/clerk/%E6%9C%9B%E6%BD%AE%E5%8C%BA.docx", "/home/clerk/望潮区.docx"),
        ("file://localhost/tmp/a%20b.docx", "/tmp/a b.docx"),
        ("'file:///tmp/青禾县.txt'", "/tmp/青禾县.txt"),
        ("/tmp/2024\\ 年度\\ 报告.docx", "/tmp/2024 年度 报告.docx"),
        ("/tmp/plain.docx", "/tmp/plain.docx"),
        ("", ""),
        # Near misses: a quote inside a name, or only on one side, stays.
        ("/tmp/it's.docx", "/tmp/it's.docx"),
        ("'/tmp/half.docx", "'/tmp/half.docx"),
        ("file://server/share/x.docx", "file://server/share/x.docx"),
    ],
)
def test_clean_user_path(typed: str, meant: str) -> None:
    assert clean_user_path(typed) == meant


def test_tilde_is_the_home_folder() -> None:
    assert clean_user_path("'~/报告.docx'") == str(Path.home() / "报告.docx")


def test_a_real_backslash_name_is_kept(tmp_path: Path) -> None:
    odd = tmp_path / "a\\ b.txt"
    odd.write_text("x", "utf-8")
    assert clean_user_path(str(odd)) == str(odd)


def test_create_draft_accepts_a_dragged_prior_file(tmp_path: Path) -> None:
    from drafter.app.create import create_draft
    from drafter.kinds import get_kind

    corpus = Path(__file__).resolve().parents[1] / "corpus" / "fzzf" / "2024-haojiang.txt"
    created = create_draft(
        get_kind("fzzf"),
        2025,
        org="青禾县人民政府",
        prior_file=f"'{corpus}' ",
        output=tmp_path / "d.md",
    )
    assert created.report.meta.extra["carried_from"]["year"] == 2024
