"""Finding the canonical parts by meaning (drafter.parts)."""

from __future__ import annotations

import pytest

from drafter.kinds import get_kind
from drafter.model import Meta, Report, Section
from drafter.parts import assign_parts, locate_parts, normalise, score_heading


@pytest.fixture(scope="module")
def kind():
    return get_kind("fzzf")


def report_of(*headings: str | tuple, year: int | None = 2024) -> Report:
    def build(h):
        if isinstance(h, tuple):
            return Section(heading=h[0], children=[build(c) for c in h[1]])
        return Section(heading=h)

    return Report(meta=Meta(year=year), sections=[build(h) for h in headings])


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("2024年推进法治政府建设的主要举措和成效", "measures"),
        ("主要工作", "measures"),
        ("工作开展情况", "measures"),
        ("存在问题", "shortcomings"),
        ("存在的不足", "shortcomings"),
        ("存在的短板和不足", "shortcomings"),
        ("问题和原因分析", "shortcomings"),
        ("下一步工作打算", "plan"),
        ("2025年工作要点", "plan"),
        ("2025年度工作计划", "plan"),
        ("下一年度法治政府工作的努力方向", "plan"),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ("其他需要报告的情况", "other"),
    ],
)
def test_top_level_headings_by_meaning(kind, heading: str, part: str) -> None:
    report = report_of(heading, year=2024)
    assign_parts(report, kind)
    assert report.sections[0].part == part


def test_unrelated_heading_is_not_a_part(kind) -> None:
    scores = score_heading("附件：统计表", kind, year=2024)
    assert max(scores.values()) < 62


def test_nested_parts_found_inside_part_one(kind) -> None:
    report = report_of(
        (
            "2024年度法治政府建设情况",
            [
                (
                    "把准政治方向，党对法治政府建设的领导坚强有力",
                    ["深学笃行习近平法治思想", "党政主要负责人切实履行推进法治建设第一责任人职责"],
                ),
                "依法全面履行政府职能",
                "存在的问题",
            ],
        ),
        ("2025年工作打算", ["抓好统筹协调，推动责任落实", "着力解决群众反映强烈的问题"]),
    )
    located = locate_parts(report, kind)
    assert located["measures"] == [(0,)]
    assert located["leadership"] == [(0, 0, 1)]
    assert located["shortcomings"] == [(0, 2)]
    assert located["plan"] == [(1,)]
    assert located["other"] == []
    # 「……的问题」 inside the plan is an item of the plan, not a shortcomings part.
    assert (1, 1) not in located["shortcomings"]
    assign_parts(report, kind)
    assert report.section_at((0, 0, 1)).part == "leadership"
    assert report.section_at((0, 2)).part == "shortcomings"
    assert report.section_at((0, 1)).part == "functions"  # an outline task (2021–2025)


def test_tagged_draft_is_taken_at_its_word(kind) -> None:
    report = kind.new_report(2025, "某某区人民政府", "我区")
    located = locate_parts(report, kind)
    for part in ("measures", "shortcomings", "leadership", "plan"):
        assert len(located[part]) == 1, part
    assert located["other"] == []
    # A drafter renaming a heading does not lose the part.
    report.sections[1].heading = "短板"
    assert locate_parts(report, kind)["shortcomings"] == [(1,)]


def test_absent_parts_are_empty_lists(kind) -> None:
    report = report_of(("推进法治政府建设的主要举措", ["依法全面履行政府职能"]))
    located = locate_parts(report, kind)
    assert located["measures"] == [(0,)]
    assert located["shortcomings"] == located["plan"] == located["leadership"] == []


def test_part_one_fallback_when_named_by_theme(kind) -> None:
    report = report_of(("坚持依法行政，建设人民满意的法治政府", ["依法全面履行政府职能"]), "存在问题")
    assert locate_parts(report, kind)["measures"] == [(0,)]


def test_traditional_headings(kind) -> None:
    report = report_of("存在問題和原因", "2025年度工作計劃", year=2024)
    assign_parts(report, kind)
    assert [s.part for s in report.sections] == ["shortcomings", "plan"]


def test_plan_year_cue(kind) -> None:
    # The year after the reported one makes a plan heading even in unusual words.
    report = report_of("2024年工作回顾", "2025年重点任务", year=2024)
    assign_parts(report, kind)
    assert report.sections[1].part == "plan"


def test_normalise() -> None:
    assert normalise("（一）2024年度 工作计划。") == "一工作计划"
    assert normalise("2019年工作开展情况") == "工作开展情况"
