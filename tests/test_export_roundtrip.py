"""Importing our own export gives back the same draft (text, outline, parts and metadata).

Paragraph flags (「沿用上年」 markers) are the drafter's working notes and are not written to Word, so they
are left out of the comparison.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from pathlib import Path

import pytest

from drafter.draft import dumps
from drafter.export import export_docx, load_layout
from drafter.importing import import_file
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.model import CARRIED, Paragraph, Report, Section

from .conftest import CORPUS

FZZF = _get_kind("fzzf")


def _without_flags(report: Report) -> str:
    r = report.copy()

    def strip(items: list[Paragraph]) -> list[Paragraph]:
        return [dataclasses.replace(p, flags=frozenset()) for p in items]

    r.opening, r.closing = strip(r.opening), strip(r.closing)
    for _, section in r.walk():
        section.paragraphs = strip(section.paragraphs)
    return dumps(r)


def _round_trip(report: Report, tmp_path: Path) -> Report:
    path = tmp_path / "export.docx"
    export_docx(report, path, layout=load_layout(user_file=False))
    return import_file(path, FZZF).report


def _assert_same(before: Report, after: Report) -> None:
    a, b = _without_flags(before), _without_flags(after)
    diff = "\n".join(
        difflib.unified_diff(a.splitlines(), b.splitlines(), "draft", "re-imported", lineterm="")
    )
    assert a == b, diff


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_corpus_report_round_trip(tmp_path: Path, name: str) -> None:
    report = import_file(CORPUS / name, FZZF).report
    if name == "2024-haojiang.txt":
        report.meta.recipient = "汕头市人民政府"
    _assert_same(report, _round_trip(report, tmp_path))


def test_new_draft_with_four_levels_long_title_and_closing(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "某某市某某区人民政府", "我区", "某某市人民政府", dt.date(2026, 1, 6))
    report.meta.title = "某某市某某区人民政府关于2025年法治政府建设情况的报告"  # two lines in the export
    for i, (_, section) in enumerate(report.walk()):
        section.paragraphs.append(Paragraph(f"我区坚持依法行政，全年办理案件{i * 7 + 3}件，同比增长{i}%。"))
    report.sections[0].children[1].children = [
        Section(
            "健全机构职能",
            paragraphs=[Paragraph("内容一。", frozenset({CARRIED}))],
            children=[Section("细化到第四级", paragraphs=[Paragraph("内容二。")])],
        ),
    ]
    _assert_same(report, _round_trip(report, tmp_path))


def test_attachment_note_round_trip(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "某某区人民政府", "我区", "", dt.date(2026, 1, 6))
    report.meta.attachments = ["工作台账", "重大行政决策事项目录"]
    # A real report names itself more than once; the importer reads the short form only from repeated use.
    report.sections[0].paragraphs.append(Paragraph("我区全年办理行政复议案件12件。"))
    _assert_same(report, _round_trip(report, tmp_path))
