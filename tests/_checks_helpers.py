"""A clean report to mutate in the checker tests: it passes every rule, so each test changes one thing."""

from __future__ import annotations

import datetime as dt

from drafter.checks import check_report
from drafter.findings import Finding
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.model import Paragraph, Report, Section

FZZF = _get_kind("fzzf")

TODAY = dt.date(2026, 2, 1)


def baseline(year: int = 2025) -> Report:
    kind = get_kind("fzzf")
    report = kind.new_report(year, "某某区人民政府", "我区", date=dt.date(year + 1, 1, 6))
    measures = report.find_part("measures")[0][1]
    for i, child in enumerate(measures.children):
        child.paragraphs = [
            Paragraph(
                f"{year}年，我区围绕{child.heading}，制定实施方案并逐项推进，完成重点任务{(year % 100) * 10 + i}项。"
            )
        ]
    shortcomings = report.find_part("shortcomings")[0][1]
    shortcomings.paragraphs = [
        Paragraph("一是基层行政执法人员力量不足。究其原因，主要是编制调整后人员尚未配齐。"),
    ]
    report.find_part("leadership")[0][1].paragraphs = [
        Paragraph(
            f"区政府主要负责人认真履行推进法治建设第一责任人职责，全年专题研究法治政府建设工作{year - 2019}次。"
        )
    ]
    plan = report.find_part("plan")[0][1]
    plan.children = [
        Section("深化行政复议体制改革", paragraphs=[Paragraph("推动行政复议案件办理规范化。")]),
        Section("加强行政执法人员培训", paragraphs=[Paragraph("分批开展行政执法人员专题培训。")]),
    ]
    return report


def run(report: Report, *, families: list[str] | None = None, **kw) -> list[Finding]:
    kw.setdefault("today", TODAY)
    kw.setdefault("kind", FZZF)
    return check_report(report, families=families, **kw)


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]
