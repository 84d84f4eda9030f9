"""Each rule family: at least one finding that must fire and one near miss that must not."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _checks_helpers import baseline, rules, run

from drafter.model import CARRIED, NEEDS_DATA, Paragraph, Section


def test_baseline_is_clean_except_the_optional_part():
    findings = run(baseline())
    assert rules(findings) == ["required.other"]
    assert findings[0].severity == "hint"


# ------------------------------------------------------------------ required parts
def test_missing_leadership_is_an_error_with_basis():
    r = baseline()
    r.sections = [s for s in r.sections if s.part != "leadership"]
    found = [f for f in run(r, families=["required"]) if f.rule == "required.leadership"]
    assert len(found) == 1
    assert found[0].severity == "error"
    assert "第一责任人" in found[0].message and "督察工作规定" in found[0].basis


def test_leadership_nested_in_part_one_counts_as_present():
    r = baseline()
    lead = next(s for s in r.sections if s.part == "leadership")
    r.sections.remove(lead)
    lead.part = None
    lead.heading = "党政主要负责人切实履行推进法治建设第一责任人职责"
    r.sections[0].children.append(lead)
    assert "required.leadership" not in rules(run(r, families=["required"]))


def test_shortcomings_without_causes_warns_and_with_causes_does_not():
    r = baseline()
    short = next(s for s in r.sections if s.part == "shortcomings")
    short.paragraphs = [Paragraph("一是基层行政执法人员力量不足。二是执法装备保障有待加强。")]
    found = [f for f in run(r, families=["required"]) if f.rule == "required.no-causes"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].location.section == (1,)
    short.paragraphs.append(Paragraph("主要原因是编制调整后人员尚未配齐。"))
    assert "required.no-causes" not in rules(run(r, families=["required"]))


# ------------------------------------------------------------------ order and numbering
GOOD_LINES = [
    "一、主要举措和成效",
    "（一）健全政府机构职能体系。深化“放管服”改革。",
    "1.推进简政放权。全年取消行政许可事项3项。2.优化营商环境。出台措施10条。",
    "（二）健全依法行政制度体系。",
    "二、存在的不足和原因",
]


def test_clean_numbering_has_no_findings():
    assert run(baseline(), families=["numbering"], source_lines=GOOD_LINES) == []


def test_gap_repeat_and_restart_in_imported_numbering():
    lines = [
        "一、主要举措和成效",
        "（一）健全政府机构职能体系。",
        "（三）健全依法行政制度体系。",
        "（三）健全行政决策制度体系。",
        "一、推进行政执法",
        "二、存在的不足和原因",
    ]
    found = run(baseline(), families=["numbering"], source_lines=lines)
    by_rule = {f.rule: f for f in found}
    assert set(by_rule) == {"numbering.gap", "numbering.repeat", "numbering.restart"}
    assert "（二）" in by_rule["numbering.gap"].message
    assert "（四）" in by_rule["numbering.repeat"].message
    assert by_rule["numbering.restart"].excerpt == "一、"
    # The gap is reported on the imported section whose heading follows the bad number.
    assert by_rule["numbering.gap"].location.section == (0, 2)
    assert by_rule["numbering.gap"].location.area == "heading"


def test_non_standard_style_is_one_hint_per_style():
    lines = [
        "一、主要举措",
        "(一)健全政府机构职能体系。",
        "1、推进简政放权。",
        "2、优化营商环境。",
        "(二)健全依法行政制度体系。",
    ]
    found = run(baseline(), families=["numbering"], source_lines=lines)
    assert sorted(f.excerpt for f in found) == ["(一)", "1、"]
    assert all(f.rule == "numbering.style" and f.severity == "hint" for f in found)
    assert "（一）" in next(f for f in found if f.excerpt == "(一)").message


def test_part_order_in_a_draft_and_nested_near_miss():
    r = baseline()
    plan = next(s for s in r.sections if s.part == "plan")
    r.sections.remove(plan)
    r.sections.insert(0, plan)
    found = run(r, families=["numbering"])
    assert rules(found) == ["numbering.order"] and found[0].location.section == (0,)
    # Leadership nested inside part one is not out of order.
    r = baseline()
    lead = next(s for s in r.sections if s.part == "leadership")
    r.sections.remove(lead)
    r.sections[0].children.insert(0, lead)
    assert run(r, families=["numbering"]) == []


# ------------------------------------------------------------------ years
def test_title_and_heading_years():
    r = baseline()
    r.meta.title = "某某区2024年法治政府建设年度报告"
    r.sections[0].heading = "2024年推进法治政府建设的主要举措和成效"
    plan = next(s for s in r.sections if s.part == "plan")
    plan.heading = "2025年推进法治政府建设的主要安排"
    found = run(r, families=["year"])
    assert {f.rule for f in found} == {"year.title", "year.heading", "year.plan-heading"}
    assert all(f.severity == "error" for f in found)
    plan_finding = next(f for f in found if f.rule == "year.plan-heading")
    assert "2026年" in plan_finding.message
    assert plan_finding.location.area == "heading" and plan_finding.location.start == 0


def test_plan_heading_with_next_year_is_fine():
    r = baseline()
    next(s for s in r.sections if s.part == "plan").heading = "2026年工作计划"
    assert run(r, families=["year"]) == []


def test_body_year_left_unchanged_and_comparison_near_miss():
    r = baseline()
    child = r.sections[0].children[1]
    child.paragraphs = [Paragraph("2024年，我区共办理行政复议案件56件。")]
    found = run(r, families=["year"])
    assert rules(found) == ["year.body"]
    assert found[0].location.paragraph == 0 and found[0].location.start == 0 and found[0].excerpt == "2024年"
    child.paragraphs = [Paragraph("全年办理行政复议案件61件，较2024年增长8.9%；自2023年起实行集中管辖。")]
    assert run(r, families=["year"]) == []


def test_relative_year_words_in_a_report_written_after_the_year():
    r = baseline()
    r.opening.append(Paragraph("今年以来，我区上半年共受理申请120件。"))
    found = run(r, families=["year"])
    assert [f.excerpt for f in found] == ["今年以来", "上半年"]
    assert "2025年以来" in found[0].message
    # Written during the year itself (a December report), 「今年」 is still right; 「2025年上半年」 names its year.
    r.meta.date = dt.date(2025, 12, 20)
    r.opening[-1] = Paragraph("今年以来，我区2025年上半年共受理申请120件。")
    assert run(r, families=["year"]) == []


# ------------------------------------------------------------------ stale formulations
def test_stale_pufa_plan_with_current_suggestion_and_past_near_miss():
    r = baseline()
    r.opening.append(Paragraph("深入开展“七五”普法，顺利完成“七五”普法总结验收。"))
    found = run(r, families=["stale"])
    assert len(found) == 1
    f = found[0]
    assert f.rule == "stale.pufa-7" and "八五" in f.message and "术语表 pufa-7" in f.basis
    assert r.opening[-1].text[f.location.start : f.location.end] == "“七五”普法"
    # The same words in a report on 2018 are current.
    r.meta.year = 2018
    assert [x for x in run(r, families=["stale"], year=2018) if x.rule.startswith("stale.pufa")] == []


def test_outline_that_never_existed_is_an_error_and_old_outline_a_warning():
    r = baseline()
    r.opening.append(Paragraph("认真落实《法治政府建设实施纲要（2022—2025年）》。"))
    r.opening.append(Paragraph("对照《法治政府建设实施纲要(2015-2020年)》查漏补缺。"))
    r.opening.append(Paragraph("全面落实《法治政府建设实施纲要（2021—2025年）》。"))
    found = run(r, families=["stale"])
    assert [(f.rule, f.severity, f.location.paragraph) for f in found] == [
        ("stale.outline-unknown", "error", 1),
        ("stale.outline-stale", "warning", 2),
    ]
    assert "2021—2025年" in found[0].message


def test_renamed_institution_and_congress_near_miss():
    r = baseline()
    r.opening.append(Paragraph("区法制办牵头开展规范性文件审查；党的十八大以来，依法行政水平不断提高。"))
    found = run(r, families=["stale"])
    assert [f.excerpt for f in found] == ["法制办"]
    assert "司法局" in found[0].message
    assert run(r, families=["stale"], year=2018) == [] or all(
        f.excerpt != "法制办" for f in run(r, families=["stale"], year=2018)
    )


# ------------------------------------------------------------------ leftovers
def test_placeholders_fire_and_latin_words_do_not():
    r = baseline()
    r.sections[0].children[0].paragraphs = [
        Paragraph("全年办理XX件，【此处填写案件数】，其余待补充；{{ org }}。系统采用XML格式交换数据。")
    ]
    found = run(r, families=["leftovers"])
    assert [f.excerpt for f in found] == ["XX", "【此处填写案件数】", "待补充", "{{ org }}"]
    assert all(f.severity == "error" for f in found)


def test_empty_section_and_whole_sentence_item():
    r = baseline()
    plan = next(s for s in r.sections if s.part == "plan")
    plan.children.append(Section("加强数字政府建设"))
    plan.children.append(Section("严格依照法定权限和程序制定规范性文件，认真做好规范性文件审查把关工作"))
    found = run(r, families=["leftovers"])
    assert [(f.rule, f.excerpt) for f in found] == [("leftovers.empty-section", "加强数字政府建设")]


def test_carried_paragraphs_and_edited_near_miss():
    r = baseline()
    child = r.sections[0].children[2]
    child.paragraphs = [
        Paragraph("全年办理行政复议案件56件。", frozenset({CARRIED, NEEDS_DATA})),
        Paragraph("深化行政复议体制改革。", frozenset({CARRIED})),
        Paragraph("深化行政复议体制改革。", frozenset({CARRIED})).edited(
            "深化行政复议体制改革，实现集中管辖。"
        ),
    ]
    found = run(r, families=["leftovers"])
    assert [(f.rule, f.location.paragraph) for f in found] == [
        ("leftovers.carried", 0),
        ("leftovers.carried", 1),
    ]
    assert "56件" in found[0].message


def test_figures_equal_to_last_years(tmp_path):
    prior = baseline(2024)
    prior.sections[0].children[2].paragraphs = [Paragraph("全年受理行政复议案件56件，办结率98.5%。")]
    r = baseline()
    r.sections[0].children[2].paragraphs = [Paragraph("全年受理行政复议案件56件，办结率99.1%。")]
    found = run(r, families=["leftovers"], prior=prior)
    assert [(f.rule, f.excerpt) for f in found] == [("leftovers.same-figure", "56件")]
    r.sections[0].children[2].paragraphs = [Paragraph("全年受理行政复议案件61件，办结率100%。")]
    assert run(r, families=["leftovers"], prior=prior) == []


# ------------------------------------------------------------------ plan coverage
def test_unreported_promise_is_named():
    r = baseline()
    r.meta.promises = ["深化行政复议体制改革", "开展乡镇综合行政执法培训轮训"]
    r.sections[0].children[3].paragraphs.append(Paragraph("深化行政复议体制改革，行政复议案件实现集中管辖。"))
    found = run(r, families=["plan_coverage"])
    assert [f.excerpt for f in found] == ["开展乡镇综合行政执法培训轮训"]
    assert "开展乡镇综合行政执法培训轮训" in found[0].message and found[0].severity == "warning"


def test_prior_plan_items_are_checked_against_part_one():
    prior = baseline(2024)
    r = baseline()
    # The prior's plan: 深化行政复议体制改革 / 加强行政执法人员培训; only the first is reported on.
    r.sections[0].children[3].paragraphs.append(Paragraph("深化行政复议体制改革，行政复议案件实现集中管辖。"))
    found = run(r, families=["plan_coverage"], prior=prior)
    assert [f.excerpt for f in found] == ["加强行政执法人员培训"]
    r.sections[0].children[4].paragraphs.append(Paragraph("组织行政执法人员培训3期，覆盖执法人员420人次。"))
    assert run(r, families=["plan_coverage"], prior=prior) == []


# ------------------------------------------------------------------ end of document
def test_missing_org_and_date_are_errors():
    r = baseline()
    r.meta.org = ""
    r.meta.date = None
    found = run(r, families=["ending"])
    assert {(f.rule, f.severity) for f in found} == {("ending.no-org", "error"), ("ending.no-date", "error")}


def test_date_with_leading_zeros_and_deadlines():
    r = baseline()
    r.closing.append(Paragraph("某某区人民政府"))
    r.closing.append(Paragraph("2026年03月05日"))
    found = run(r, families=["ending"])
    assert [f.rule for f in found] == ["ending.date-format", "ending.deadline"]
    assert "2026年3月5日" in found[0].message
    assert "2026年3月1日" in found[1].message and found[1].severity == "warning"
    r.closing[-1] = Paragraph("2026年4月2日")
    found = run(r, families=["ending"])
    assert [f.rule for f in found] == ["ending.deadline"] and "4月1日" in found[0].message
    r.closing[-1] = Paragraph("2026年1月6日")
    assert run(r, families=["ending"]) == []


def test_title_without_year():
    r = baseline()
    r.meta.title = "某某区法治政府建设年度报告"
    found = run(r, families=["ending"])
    assert rules(found) == ["ending.title-year"]
    assert "2025年" in found[0].message


def test_imported_file_without_signature(tmp_path):
    r = baseline()
    lines = ["某某区2025年法治政府建设年度报告", "一、主要举措", "正文。"]
    found = run(r, families=["ending"], source_lines=lines)
    assert {f.rule for f in found} == {"ending.no-org", "ending.no-date"}
    found = run(r, families=["ending"], source_lines=[*lines, "某某区人民政府", "2026年1月6日"])
    assert found == []


# ------------------------------------------------------------------ expected content
def test_xi_thought_hint_from_2021_only():
    r = baseline()
    r.opening = [Paragraph("2025年，我区扎实推进法治政府建设。")]
    del r.sections[0].children[0]  # the outline task 「深入学习贯彻习近平法治思想」
    assert rules(run(r, families=["expected"])) == ["expected.xi-thought"]
    r2 = baseline(2020)
    r2.opening = [Paragraph("2020年，我区扎实推进法治政府建设。")]
    assert run(r2, families=["expected"]) == []


def test_part_one_covering_no_outline_task():
    r = baseline()
    measures = r.sections[0]
    measures.children = [
        Section("招商引资再创新高", paragraphs=[Paragraph("全年引进项目12个。")]),
        Section("城市面貌持续改善", paragraphs=[Paragraph("完成老旧小区改造8个。")]),
    ]
    found = run(r, families=["expected"])
    assert rules(found) == ["expected.outline-tasks"]
    assert "2021—2025年" in found[0].message


def test_part_one_following_the_old_outline():
    r = baseline()
    r.sections[0].children = [
        Section(h, paragraphs=[Paragraph("全年推进有关工作。")])
        for h in (
            "依法全面履行政府职能",
            "完善依法行政制度体系",
            "推进行政决策科学化、民主化、法治化",
            "坚持严格规范公正文明执法",
        )
    ]
    found = run(r, families=["expected"])
    assert rules(found) == ["expected.old-outline"]
    assert "2015—2020年" in found[0].message


def test_a_kind_without_rule_data_gets_no_findings_rather_than_a_crash(tmp_path):
    from drafter.kinds import Kind

    (tmp_path / "kind.toml").write_text(
        'id = "bare"\nname = "某报告"\n[[parts]]\nid = "measures"\nname = "主要举措"\n', "utf-8"
    )
    kind = Kind.from_dir(tmp_path)
    report = kind.new_report(2025, "某某区人民政府")
    assert run(report, kind=kind) == []
    # The same report under the built-in kind is missing most of its parts.
    assert "required.leadership" in rules(run(report, kind="fzzf"))
