"""Whatever the text, the checker never crashes and every finding points at the text it quotes."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.checks import check_report
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.model import CARRIED, Paragraph, Report, Section

FZZF = _get_kind("fzzf")

# Text made of the pieces the rules look for, mixed with ordinary characters.
PIECES = st.sampled_from(
    [
        "2024年",
        "2025年",
        "2026年",
        "今年以来",
        "上半年",
        "七五普法",
        "“八五”普法",
        "法制办",
        "XX",
        "××",
        "【待补充】",
        "{{ org }}",
        "纲要（2022—2025年）",
        "纲要(2015-2020年)",
        "党的十九大",
        "十八大以来",
        "2026年01月06日",
        "二〇二六年一月六日",
        "习近平法治思想",
        "原因",
        "56件",
        "100%",
        "。",
        "，",
        "（一）",
        "1、",
        "一、",
        "推进依法行政",
        "行政复议",
        "",
        " ",
        "\u3000",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=8).map("".join)
PARAS = st.lists(st.builds(Paragraph, TEXT, st.sampled_from([frozenset(), frozenset({CARRIED})])), max_size=3)


@st.composite
def reports(draw):
    kind = get_kind("fzzf")
    year = draw(st.integers(2015, 2027))
    report = kind.new_report(year, draw(st.sampled_from(["", "某某区人民政府"])), "我区")
    report.meta.title = draw(st.one_of(st.just(report.meta.title), TEXT))
    report.meta.date = draw(st.one_of(st.none(), st.dates(dt.date(2014, 1, 1), dt.date(2029, 12, 31))))
    report.opening = draw(PARAS)
    report.closing = draw(PARAS)
    for _, section in report.walk():
        section.paragraphs = draw(PARAS)
        if draw(st.booleans()):
            section.heading = draw(TEXT)
    if draw(st.booleans()):
        report.sections.append(Section(draw(TEXT), paragraphs=draw(PARAS), children=[Section(draw(TEXT))]))
    report.meta.promises = draw(st.lists(TEXT, max_size=2))
    return report


def _text_at(report: Report, loc) -> str:
    if loc.area == "title":
        return report.meta.title
    if loc.area == "heading":
        return report.section_at(loc.section).heading
    if loc.area in ("opening", "closing"):
        return getattr(report, loc.area)[loc.paragraph].text
    return report.section_at(loc.section).paragraphs[loc.paragraph].text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.one_of(st.none(), reports()), st.lists(TEXT, max_size=6))
def test_findings_always_point_at_their_excerpt(report, prior, lines):
    findings = check_report(report, FZZF, prior=prior, source_lines=lines or None, today=dt.date(2026, 2, 1))
    for f in findings:
        assert f.severity in ("error", "warning", "hint")
        assert f.message and f.rule
        loc = f.location
        if loc.start is not None:
            assert _text_at(report, loc)[loc.start : loc.end] == f.excerpt, f
