"""The 2026 season end to end: a correct report, a defective one, and a report checked against last year's.

The fixtures (tests/fixtures/season2026/) are invented places written the way reports on 2026 are written:
a correct one must get no error and no warning; the defective one must get every defect named; the pair
must give exactly the one promise not kept and the one copied paragraph.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.app.documents import open_document
from drafter.app.review import check_document
from drafter.checks.user_rules import RuleSettings
from drafter.findings import Finding

HERE = Path(__file__).parent / "fixtures" / "season2026"
TODAY = dt.date(2027, 1, 25)


def _check(name: str, prior: str | None = None) -> list[Finding]:
    doc = open_document(HERE / name)
    prior_doc = open_document(HERE / prior) if prior else None
    return check_document(doc, prior=prior_doc, settings=RuleSettings(), today=TODAY).findings


@pytest.fixture(scope="module")
def correct() -> list[Finding]:
    return _check("qinghe-2026-correct.txt")


@pytest.fixture(scope="module")
def defective() -> list[Finding]:
    return _check("wangchao-2026-defective.txt")


@pytest.fixture(scope="module")
def pair() -> list[Finding]:
    return _check("qinghe-2026-successor.txt", prior="qinghe-2025-prior.txt")


def test_correct_2026_report_gets_no_error_and_no_warning(correct):
    serious = [(f.rule, f.excerpt, f.message) for f in correct if f.severity in ("error", "warning")]
    assert serious == []
    # The only remark left is the optional part it leaves out.
    assert [f.rule for f in correct] == ["required.other"]


def test_second_correct_report_joint_title_and_paragraph_plan_is_clean():
    # A joint title (中共……区委 ……区人民政府), run-in headings, 一是……二是…… items and a paragraph plan.
    findings = _check("wangchao-2026-joint-correct.txt")
    assert [(f.rule, f.severity) for f in findings] == [("required.other", "hint")]


def test_correct_report_features_that_used_to_draw_false_findings(correct):
    text = (HERE / "qinghe-2026-correct.txt").read_text("utf-8")
    # What the fixture holds (so this test cannot pass on a report that lacks them).
    for phrase in (
        "《法治社会建设实施纲要（2020—2025年）》",
        "“十四五”时期目标任务全面完成",
        "新时代中国特色社会主义法治思想",
        "（一）推进执法信息平台建设。",
        "“八五”普法总结验收",
        "对提升行政执法质量三年行动计划进行总结",
        "新修订的《中华人民共和国治安管理处罚法》",
        "二十届历次全会",
    ):
        assert phrase in text
    assert "习近平法治思想" not in text.replace("新时代中国特色社会主义法治思想", "")
    assert not [f for f in correct if f.rule.startswith(("stale.", "expected.", "leftovers."))]


def _by(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_defective_report_gets_every_defect_named(defective):
    named = {(f.rule, f.excerpt) for f in defective}
    expected = {
        ("issuer.title-place", "濠江区"),
        ("publication.secret-mark", "内部资料"),
        ("stale.plenum", "二十届二中、三中全会"),
        ("stale.outline-unverified", "法治政府建设实施纲要（2026—2030年）"),
        ("stale.task-zfzl-3year", "提升行政执法质量三年行动计划(2023—2025年)"),
        ("leftovers.placeholder", "X"),
        ("leftovers.placeholder", "XX"),
        ("stale.topic-covid", "新冠疫情防控"),
        ("stale.inst-fupin", "扶贫办"),
        ("stale.inst-jinrongban", "金融工作局"),
        ("stale.pufa-8", "法治宣传教育的第八个五年规划（2021—2025年）"),
        ("punctuation.half-width", ":"),
        ("punctuation.half-width", "("),
        ("punctuation.half-width", ","),
        ("punctuation.chinese-year", "二〇二六"),
        ("punctuation.year-dash", "-"),
        ("publication.party-name", "陈立华"),
        ("publication.id-card", "440512198003070014"),
        ("publication.mobile", "13812345678"),
        ("content.no-figure", "持续优化营商环境"),
        ("content.vague-plan", "持续加强组织领导，不断提升工作水平"),
        ("content.vague-plan", "进一步强化责任落实，推动各项工作取得新成效"),
        ("content.thin-shortcomings", "存在的不足和原因"),
        ("content.plan-ignores-shortcomings", "2027年推进法治政府建设的主要安排"),
    }
    assert expected <= named, expected - named
    # The unknown future outline is a hint, never an error; no 「不存在……」 for it.
    (outline,) = _by(defective, "stale.outline-unverified")
    assert outline.severity == "hint" and "未收录，请核实" in outline.message
    assert not _by(defective, "stale.outline-unknown")
    # Messages in the findings' own words, in Chinese, with the right numbers.
    (plenum,) = _by(defective, "stale.plenum")
    assert "二十届四中全会" in plenum.message and "二十届历次全会" in plenum.message
    assert "濠江区" in _by(defective, "issuer.title-place")[0].message
    assert "云港市望潮区人民政府" in _by(defective, "issuer.title-place")[0].message
    (thin,) = _by(defective, "content.thin-shortcomings")
    assert "17字" in thin.message and "6%" in thin.message
    for f in defective:
        assert f.rule_name and not any("a" <= c <= "z" for c in f.rule_name)
    # Publication messages never repeat the personal data in full.
    assert "440512198003070014" not in _by(defective, "publication.id-card")[0].message
    assert "13812345678" not in _by(defective, "publication.mobile")[0].message
    # One-line plan items are not 「下面没有内容」.
    assert not _by(defective, "leftovers.empty-section")


def test_prior_pair_gives_exactly_the_unkept_promise_and_the_copied_paragraph(pair):
    serious = [f for f in pair if f.severity in ("error", "warning")]
    assert sorted(f.rule for f in serious) == ["copied.paragraph", "plan_coverage.missing"]
    (missing,) = _by(pair, "plan_coverage.missing")
    assert missing.excerpt == "推进政务数据共享平台与省级平台对接"
    (copied,) = _by(pair, "copied.paragraph")
    assert copied.excerpt.startswith("县司法局牵头建立行政执法协调监督工作体系")
    assert "100%" in copied.message
    assert not _by(pair, "leftovers.empty-section")
