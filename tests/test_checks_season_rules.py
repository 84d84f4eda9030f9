"""The rules added for the 2026 season: each one fires on its defect and keeps quiet on the near miss."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _checks_helpers import baseline, rules, run

from drafter.checks.publication import id_check_digit_ok
from drafter.export.comments import comment_text
from drafter.findings import Finding
from drafter.model import Paragraph, Report, Section

AFTER_2026 = dt.date(2027, 1, 20)


def with_text(text: str, year: int = 2026) -> Report:
    """A clean report on ``year`` whose first item of part one says ``text``."""
    r = baseline(year)
    r.sections[0].children[0].paragraphs = [Paragraph(text)]
    return r


def found(text: str, family: str, year: int = 2026, **kw) -> list[Finding]:
    return run(with_text(text, year), families=[family], today=dt.date(year + 1, 1, 20), **kw)


# ------------------------------------------------------------------ known documents and outlines
def test_known_central_documents_are_never_flagged():
    for text in (
        "对照《法治社会建设实施纲要（2020—2025年）》梳理落实情况。",
        "对照《法治中国建设规划（2020—2025年）》梳理落实情况。",
        "对照法治社会建设实施纲要(2020-2025年)梳理落实情况。",
        "以《法治政府建设实施纲要（2021—2025年）》为遵循。",
    ):
        assert found(text, "stale") == [], text


def test_outline_with_a_future_period_is_a_hint_to_verify_not_an_error():
    (f,) = found("以《法治政府建设实施纲要（2026—2030年）》为遵循。", "stale")
    assert f.rule == "stale.outline-unverified" and f.severity == "hint"
    assert "未收录，请核实" in f.message and "2021—2025年" in f.message
    # Another subject we do not know: also a hint, never 「不存在」.
    (g,) = found("落实《法治乡村建设实施纲要（2021—2025年）》。", "stale")
    assert g.rule == "stale.outline-unverified" and g.severity == "hint"


def test_outline_period_that_never_existed_is_still_an_error():
    (f,) = found("对照《法治政府建设实施纲要（2022—2025年）》推进。", "stale")
    assert f.rule == "stale.outline-unknown" and f.severity == "error"


# ------------------------------------------------------------------ plenum sequence
def test_plenum_list_stopping_before_the_latest_plenum():
    (f,) = found("深入贯彻党的二十大和二十届二中、三中全会精神。", "stale")
    assert f.rule == "stale.plenum" and f.excerpt == "二十届二中、三中全会"
    assert "二十届四中全会" in f.message and "2025年10月" in f.message
    # In a report on 2025 the fourth plenum (October 2025) is also the latest.
    assert rules(found("深入贯彻二十届三中全会精神。", "stale", year=2025)) == ["stale.plenum"]


def test_plenum_near_misses():
    for text in (
        "深入贯彻党的二十大和二十届历次全会精神，认真落实四中全会部署。",
        "深入贯彻党的二十大和二十届三中、四中全会精神。",
        "二十届三中全会以来，我区深化改革。",
    ):
        assert found(text, "stale") == [], text
    # A report on 2024: the third plenum (July 2024) was the latest.
    assert found("深入贯彻党的二十大和二十届三中全会精神。", "stale", year=2024) == []


# ------------------------------------------------------------------ ended work and renamed bodies
def test_ended_three_year_plan_as_current_work_and_its_summary_near_miss():
    (f,) = found("深入实施提升行政执法质量三年行动计划（2023—2025年），规范执法行为。", "stale")
    assert f.rule == "stale.task-zfzl-3year" and "已经结束" in f.message
    for text in (
        "对提升行政执法质量三年行动计划进行总结。",
        "提升行政执法质量三年行动计划（2023—2025年）圆满收官。",
    ):
        assert found(text, "stale") == [], text
    assert found("深入实施提升行政执法质量三年行动计划。", "stale", year=2024) == []


def test_covid_control_as_current_work_after_2023():
    assert rules(found("统筹做好新冠疫情防控和经济社会发展。", "stale")) == ["stale.topic-covid"]
    assert found("统筹做好新冠疫情防控和经济社会发展。", "stale", year=2022) == []
    assert found("我区应急管理体系不断完善。", "stale") == []


def test_bodies_renamed_in_the_2021_and_2023_reforms():
    got = rules(found("区扶贫办、区银保监分局、区金融办联合检查。", "stale"))
    assert got == ["stale.inst-fupin", "stale.inst-yinbaojian", "stale.inst-jinrongban"]
    for text in (
        "国家金融监督管理总局云港监管分局开展检查。",
        "县数据局归集政务数据。",
        "原扶贫办的职责已划入农业农村局。",
    ):
        assert found(text, "stale") == [], text
    # The local 乡村振兴局 merged at different times: a hint only.
    (h,) = found("县乡村振兴局开展帮扶。", "stale")
    assert h.severity == "hint"


def test_eighth_pufa_plan_by_its_official_name_and_its_summary_near_miss():
    (f,) = found(
        "深入实施《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）》。", "stale"
    )
    assert f.rule == "stale.pufa-8"
    assert f.excerpt == "法治宣传教育的第八个五年规划（2021—2025年）"
    # The ninth plan was not published: it is not suggested as if it were.
    assert "九五" not in f.message
    assert found("做好“八五”普法总结验收。", "stale") == []
    assert found("深入实施“八五”普法规划。", "stale", year=2025) == []


def test_retrospective_fourteenth_plan_is_fine_in_2026():
    for text in (
        "“十四五”时期目标任务全面完成。",
        "“十四五”规划圆满收官。",
        "“十四五”规划目标任务顺利完成。",
    ):
        assert found(text, "stale") == [], text
    assert rules(found("深入实施“十四五”规划，推进法治建设。", "stale")) == ["stale.fyp-14"]


def test_newly_revised_public_security_law_is_right_in_2026_and_stale_in_2027():
    text = "组织学习新修订的《中华人民共和国治安管理处罚法》。"
    assert found(text, "stale") == []
    assert rules(found(text, "stale", year=2027)) == ["stale.law-zazf-2025"]


# ------------------------------------------------------------------ expected content
def test_new_era_wording_counts_as_mentioning_the_thought():
    r = baseline(2026)
    r.sections[0].children[0].heading = "坚持依法行政"
    r.sections[0].children[0].paragraphs = [Paragraph("全年开展专题学习12次。")]
    r.opening = [Paragraph("全面贯彻新时代中国特色社会主义法治思想。")]
    assert "expected.xi-thought" not in rules(run(r, families=["expected"], today=AFTER_2026))
    r.opening = [Paragraph("坚持依法行政。")]
    assert "expected.xi-thought" in rules(run(r, families=["expected"], today=AFTER_2026))


def test_outline_tasks_missing_is_a_hint_past_the_last_outline():
    def report(year: int) -> Report:
        r = baseline(year)
        r.sections[0].children = [
            Section("经济发展稳中有进", paragraphs=[Paragraph("地区生产总值增长5%。")]),
            Section("城市面貌持续改善", paragraphs=[Paragraph("完成老旧小区改造8个。")]),
        ]
        return r

    (f,) = [
        x
        for x in run(report(2026), families=["expected"], today=AFTER_2026)
        if x.rule == "expected.outline-tasks"
    ]
    assert f.severity == "hint" and "仅供参考" in f.message
    (g,) = [x for x in run(report(2025), families=["expected"]) if x.rule == "expected.outline-tasks"]
    assert g.severity == "warning"


# ------------------------------------------------------------------ leftovers
def test_one_line_plan_items_are_not_empty_but_an_empty_part_is():
    r = baseline(2026)
    plan = next(s for s in r.sections if s.part == "plan")
    plan.children = [Section("推进执法信息平台建设"), Section("开展乡镇执法人员轮训")]
    assert run(r, families=["leftovers"], today=AFTER_2026) == []
    # The first-responsible-person part's own 40-character heading with nothing under it is empty: the
    # required-parts family names it (test_required_part_with_only_its_heading_is_named), not this one.
    lead = next(s for s in r.sections if s.part == "leadership")
    lead.paragraphs = []
    assert run(r, families=["leftovers"], today=AFTER_2026) == []


def test_empty_heading_basis_names_its_own_part():
    r = baseline(2026)
    short = next(s for s in r.sections if s.part == "shortcomings")
    short.children = [
        Section("执法力量不足", paragraphs=[Paragraph("原因是编制不足。")]),
        Section("监督不够"),
    ]
    (f,) = run(r, families=["leftovers"], today=AFTER_2026)
    assert f.excerpt == "监督不够" and "不足和原因" in f.basis and "主要举措和成效" not in f.basis


def test_slot_placeholder_x_from_our_suggestions():
    got = found("全年办理行政处罚案件「X」件，培训执法人员X人次。", "leftovers")
    assert [(f.rule, f.excerpt) for f in got] == [
        ("leftovers.placeholder", "X"),
        ("leftovers.placeholder", "X"),
    ]
    for text in ("配备X光安检机2台。", "推进PX项目审批。", "建成5G基站30个。"):
        assert found(text, "leftovers") == [], text


def test_same_figure_message_names_the_whole_number():
    prior = baseline(2025)
    prior.sections[0].children[0].paragraphs = [Paragraph("调整完善权责清单事项1063项，办结率99%。")]
    r = with_text("全年调整完善权责清单事项1063项。")
    (f,) = run(r, families=["leftovers"], prior=prior, today=AFTER_2026)
    assert f.excerpt == "1063项" and "「调整完善权责清单事项1063项」" in f.message
    prior.sections[0].children[0].paragraphs = [Paragraph("调整完善权责清单事项1,063项。")]
    r = with_text("调整完善权责清单事项1,063项。")
    (g,) = run(r, families=["leftovers"], prior=prior, today=AFTER_2026)
    assert g.excerpt == "1,063项"


def test_no_causes_message_does_not_ask_for_the_heading_it_already_has():
    r = baseline(2026)
    short = next(s for s in r.sections if s.part == "shortcomings")
    short.paragraphs = [Paragraph("一是执法力量不足。二是监督不够。")]
    (f,) = [x for x in run(r, families=["required"], today=AFTER_2026) if x.rule == "required.no-causes"]
    assert "并把标题写成" not in f.message
    short.heading = "存在的问题"
    (g,) = [x for x in run(r, families=["required"], today=AFTER_2026) if x.rule == "required.no-causes"]
    assert "并把标题写成「存在的不足和原因」" in g.message


# ------------------------------------------------------------------ publication safety
def test_id_card_number_with_a_valid_check_digit_only():
    assert id_check_digit_ok("440512198003070014")
    assert not id_check_digit_ok("440512198003070015")
    (f,) = found("申请人身份证号码440512198003070014。", "publication")
    assert f.rule == "publication.id-card" and f.severity == "error"
    assert "440512198003070014" not in f.message
    assert found("案件编号440512198003070015。", "publication") == []


def test_mobile_number_and_public_hotline_near_miss():
    (f,) = found("联系电话13812345678。", "publication")
    assert f.rule == "publication.mobile"
    for text in ("开通12345政务服务便民热线。", "值班电话0754-88881234。", "共有13812345678910条记录。"):
        assert found(text, "publication") == [], text


def test_secret_and_internal_marks_and_their_near_misses():
    assert rules(found("内部资料 注意保存", "publication")) == ["publication.secret-mark"] * 2
    assert rules(found("秘密★1年", "publication")) == ["publication.secret-mark"]
    for text in ("加强内部控制和内部审计。", "公开前做好保密审查，涉及国家秘密的不予公开。"):
        assert found(text, "publication") == [], text


def test_named_party_in_a_case_and_anonymised_near_miss():
    (f,) = found("当事人陈立华多次反映诉求。", "publication")
    assert f.rule == "publication.party-name" and f.severity == "warning"
    assert "陈某" in f.message
    for text in (
        "当事人陈某多次反映诉求。",
        "保障当事人合法权益。",
        "申请人王某某撤回申请。",
        "当事人满意度达到98%。",
    ):
        assert found(text, "publication") == [], text


# ------------------------------------------------------------------ punctuation and numbers
def test_half_width_punctuation_between_chinese_characters():
    (f,) = found("全年办结案件52件,同比增长3%,调解成功率98.2%。", "punctuation")
    assert f.rule == "punctuation.half-width" and "2处" in f.message and "drafter fix" in f.message
    (g,) = found("报告如下:", "punctuation")
    assert g.excerpt == ":"
    (h,) = found("三年行动计划(2023—2025年)收官。", "punctuation")
    assert h.excerpt == "(" and "2处" in h.message
    for text in ("登录www.qinghe.gov.cn查询。", "归集数据1,063条，增长3.5%。", "通过ISO 9001(2015)认证。"):
        assert found(text, "punctuation") == [], text


def test_chinese_numeral_year_and_hyphen_in_a_year_range():
    (f,) = found("二〇二六年全区推进法治建设。", "punctuation")
    assert f.rule == "punctuation.chinese-year" and "2026年" in f.message
    (g,) = found("对照2021-2025年规划查漏补缺。", "punctuation")
    assert g.rule == "punctuation.year-dash"
    for text in ("对照2021—2025年规划查漏补缺。", "2021～2025年", "第一二三批次。", "二〇二六"):
        assert found(text, "punctuation") == [], text


# ------------------------------------------------------------------ title and issuer
def test_title_naming_another_place_than_the_issuer():
    r = baseline(2026)
    r.meta.org = "云港市望潮区人民政府"
    r.meta.title = "濠江区2026年法治政府建设年度报告"
    (f,) = run(r, families=["issuer"], today=AFTER_2026)
    assert f.rule == "issuer.title-place" and f.excerpt == "濠江区" and f.severity == "error"
    for title in (
        "望潮区2026年法治政府建设年度报告",
        "云港市望潮区人民政府关于2026年度法治政府建设情况的报告",
        "中共望潮区委 望潮区人民政府关于2026年度法治政府建设情况的报告",
        "关于全区2026年度法治政府建设情况的报告",
    ):
        r.meta.title = title
        assert run(r, families=["issuer"], today=AFTER_2026) == [], title


# ------------------------------------------------------------------ copied from last year
COPIED = "县司法局牵头建立行政执法协调监督工作体系，坚持问题导向和目标导向相结合，对执法程序和执法结果开展全流程监督。"


def test_paragraph_copied_verbatim_from_last_year():
    prior = _prior()
    prior.sections[0].children[1].paragraphs = [Paragraph(COPIED)]
    (f,) = run(with_text(COPIED), families=["copied"], prior=prior, today=AFTER_2026)
    assert f.rule == "copied.paragraph" and "100%" in f.message
    # One character changed is still a copy.
    (g,) = run(
        with_text(COPIED.replace("全流程", "全过程")), families=["copied"], prior=prior, today=AFTER_2026
    )
    assert g.rule == "copied.paragraph"


def test_rewritten_paragraph_and_updated_figures_are_not_copies():
    prior = _prior()
    prior.sections[0].children[1].paragraphs = [
        Paragraph(COPIED),
        Paragraph("全年收到行政复议申请71件，受理66件，办结60件，行政复议决定全部得到履行。"),
    ]
    rewritten = "县司法局组织开展行政执法案卷评查，抽查案卷320卷，发现问题47个并全部督促整改到位。"
    assert run(with_text(rewritten), families=["copied"], prior=prior, today=AFTER_2026) == []
    updated = "全年收到行政复议申请86件，受理79件，办结74件，行政复议决定全部得到履行。"
    assert run(with_text(updated), families=["copied"], prior=prior, today=AFTER_2026) == []
    assert run(with_text(COPIED), families=["copied"], today=AFTER_2026) == []  # no --prior


# ------------------------------------------------------------------ plan coverage by meaning
def _prior(year: int = 2025) -> Report:
    """Last year's report, its shortcomings worded differently from this year's baseline."""
    prior = baseline(year)
    short = next(s for s in prior.sections if s.part == "shortcomings")
    short.paragraphs = [Paragraph("一是执法装备保障不足。究其原因，主要是经费投入有限。")]
    return prior


def _prior_with_plan(items: list[str]) -> Report:
    prior = _prior()
    plan = next(s for s in prior.sections if s.part == "plan")
    plan.children = [Section(i) for i in items]
    return prior


def test_promise_reported_in_other_words_counts():
    prior = _prior_with_plan(["建设县级行政复议服务中心，实现复议申请一窗受理"])
    r = with_text("建成县级行政复议服务中心。复议申请实现一窗受理，全年收到申请86件。")
    assert run(r, families=["plan_coverage"], prior=prior, today=AFTER_2026) == []


def test_two_of_three_promises_kept_gives_exactly_one_warning():
    prior = _prior_with_plan(
        [
            "建设县级行政复议服务中心，实现复议申请一窗受理",
            "开展乡镇执法人员法律知识轮训",
            "推进政务数据共享平台与省级平台对接",
        ]
    )
    r = with_text("建成县级行政复议服务中心，复议申请一窗通办。组织乡镇执法人员法律知识培训4期。")
    got = run(r, families=["plan_coverage"], prior=prior, today=AFTER_2026)
    assert [(f.rule, f.excerpt) for f in got] == [
        ("plan_coverage.missing", "推进政务数据共享平台与省级平台对接")
    ]


# ------------------------------------------------------------------ reviewer-style content
def test_thin_shortcomings_and_a_proportionate_near_miss():
    r = baseline(2026)
    for child in r.sections[0].children:
        child.paragraphs = [
            Paragraph("全年制定实施方案并逐项推进，完成重点任务12项，开展专项检查6次，整改问题30个。")
        ]
    short = next(s for s in r.sections if s.part == "shortcomings")
    short.paragraphs = [Paragraph("一是力量不足。原因是编制少。")]
    assert "content.thin-shortcomings" in rules(run(r, families=["content"], today=AFTER_2026))
    short.paragraphs = [
        Paragraph(
            "一是基层行政执法力量仍然薄弱，乡镇综合行政执法队伍中具有法律职业资格的人员占比偏低。究其原因，"
            "主要是乡镇执法人员多由其他岗位转岗而来，系统培训不足。二是行政复议案件中不动产登记类案件占比较高，"
            "主要原因是部分登记机构对历史遗留问题的处理缺少统一标准。"
        )
    ]
    assert "content.thin-shortcomings" not in rules(run(r, families=["content"], today=AFTER_2026))


def test_section_without_any_figure_or_example():
    r = with_text("坚持把优化营商环境作为重要工作，不断完善工作机制，取得明显成效。")
    got = [f for f in run(r, families=["content"], today=AFTER_2026) if f.rule == "content.no-figure"]
    assert [f.excerpt for f in got] == [r.sections[0].children[0].heading]
    r = with_text("优化营商环境，例如推行“一件事一次办”，企业开办时间压缩至半天。")
    assert "content.no-figure" not in rules(run(r, families=["content"], today=AFTER_2026))


def test_vague_plan_item_and_a_concrete_one():
    r = baseline(2026)
    plan = next(s for s in r.sections if s.part == "plan")
    plan.children = [Section("持续加强组织领导，不断提升工作水平"), Section("推进执法信息平台建设")]
    got = [f for f in run(r, families=["content"], today=AFTER_2026) if f.rule == "content.vague-plan"]
    assert [f.excerpt for f in got] == ["持续加强组织领导，不断提升工作水平"]


def test_plan_answering_none_of_the_shortcomings():
    r = baseline(2026)
    plan = next(s for s in r.sections if s.part == "plan")
    plan.children = [Section("开展“法律进乡村”活动"), Section("推进执法信息平台建设")]
    assert "content.plan-ignores-shortcomings" in rules(run(r, families=["content"], today=AFTER_2026))
    plan.children.append(Section("配齐基层行政执法人员，做好编制调整后的人员补充"))
    assert "content.plan-ignores-shortcomings" not in rules(run(r, families=["content"], today=AFTER_2026))


# ------------------------------------------------------------------ messages
def test_review_comment_names_the_rule_in_chinese_not_its_id():
    (f,) = found("联系电话13812345678。", "publication")
    text = comment_text(f)
    assert "（检查项：手机号码）" in text and "publication" not in text


# ------------------------------------------------------------------ more near misses of a correct 2026 report
def test_retrospective_words_further_after_the_term_and_before_it():
    for text in (
        "“八五”普法规划圆满收官。",
        "高质量完成“十四五”规划目标任务。",
        "提升行政执法质量三年行动计划各项任务全面完成。",
    ):
        assert found(text, "stale") == [], text
    # A retrospective word in the next clause does not excuse the current use.
    assert rules(found("深入实施“八五”普法规划，做好总结。", "stale")) == ["stale.pufa-8"]


def test_dated_past_events_in_the_body_are_not_leftover_years():
    for text in (
        "认真贯彻2025年11月召开的中央全面依法治国工作会议精神。",
        "《行政执法监督条例》2026年2月1日起施行，我县组织专题学习。",
        "学习2025年9月通过的《中华人民共和国法治宣传教育法》。",
    ):
        assert found(text, "year") == [], text
    assert rules(found("2025年，我县办结行政复议案件86件。", "year")) == ["year.body"]


def test_title_with_the_city_and_the_district_signed_by_the_district():
    r = baseline(2026)
    r.meta.org = "望潮区人民政府"
    r.meta.title = "云港市望潮区2026年法治政府建设年度报告"
    assert run(r, families=["issuer"], today=AFTER_2026) == []
    r.meta.title = "云港市濠江区2026年法治政府建设年度报告"
    assert [f.excerpt for f in run(r, families=["issuer"], today=AFTER_2026)] == ["云港市", "濠江区"]


def test_imported_one_sentence_plan_item_among_items_with_content():
    from drafter.app.documents import open_document
    from drafter.app.review import check_document
    from drafter.checks.user_rules import RuleSettings

    fixture = Path(__file__).parent / "fixtures" / "season2026" / "qinghe-2026-correct.txt"
    text = (
        fixture.read_text("utf-8")
        .replace("（二）加强乡镇综合", "全年完成平台建设方案1个。\n\n（二）加强乡镇综合", 1)
        .replace(
            "（四）建立规范性文件到期提醒机制，每季度开展一次清理。",
            "（四）开展行政执法评议。\n\n（五）加强数字政府建设\n\n（六）推进行政复议规范化。",
        )
    )
    path = Path(__file__).parent / "fixtures" / "season2026" / ".mixed-plan.txt"
    try:
        path.write_text(text, "utf-8")
        findings = check_document(open_document(path), settings=RuleSettings(), today=AFTER_2026).findings
    finally:
        path.unlink(missing_ok=True)
    empty = [f.excerpt for f in findings if f.rule == "leftovers.empty-section"]
    # 「（四）开展行政执法评议。」 is a sentence (its own content); 「（五）加强数字政府建设」 is a bare heading.
    assert empty == ["加强数字政府建设"]


# ------------------------------------------------------------------ variants reviewers see
def test_plenum_list_written_with_each_plenum_in_full():
    (f,) = found("深入贯彻二十届二中全会、三中全会精神。", "stale")
    assert f.rule == "stale.plenum" and f.excerpt == "二十届二中全会、三中全会"


def test_common_covid_phrase_and_three_year_plan_variants():
    assert rules(found("统筹疫情防控和经济社会发展。", "stale")) == ["stale.topic-covid"]
    assert rules(found("落实行政执法质量三年行动方案。", "stale")) == ["stale.task-zfzl-3year"]


def test_party_name_before_other_verbs():
    for text in ("当事人张三不服处罚决定。", "申请人李四被告知权利。"):
        assert rules(found(text, "publication")) == ["publication.party-name"], text


def test_chinese_date_is_fixed_whole():
    from drafter.checks.punctuation import fix_text
    from drafter.kinds import get_kind

    data = get_kind("fzzf").data("rules.toml")["punctuation"]
    assert fix_text("二〇二七年一月十五日", data)[0] == "2027年1月15日"
    assert fix_text("二〇二六年十二月", data)[0] == "2026年12月"
    assert fix_text("二〇二六年全区推进", data)[0] == "2026年全区推进"


def test_suggestion_mined_from_last_year_is_a_copy_despite_new_year_and_slot():
    prior = _prior()
    prior.sections[0].children[1].paragraphs = [
        Paragraph(
            "2025年，县司法局牵头开展行政执法案卷评查，坚持问题导向，对执法程序和执法文书开展全流程监督，办结60件。"
        )
    ]
    inserted = "2026年，县司法局牵头开展行政执法案卷评查，坚持问题导向，对执法程序和执法文书开展全流程监督，办结「X」件。"
    assert rules(run(with_text(inserted), families=["copied"], prior=prior, today=AFTER_2026)) == [
        "copied.paragraph"
    ]


def test_required_part_with_only_its_heading_is_named():
    r = baseline(2026)
    lead = next(s for s in r.sections if s.part == "leadership")
    lead.paragraphs = []
    got = [
        f for f in run(r, today=AFTER_2026) if f.excerpt == lead.heading or f.rule == "required.leadership"
    ]
    assert [(f.rule, f.severity) for f in got] == [("required.leadership", "error")]
    assert "只有标题" in got[0].message


def test_title_place_against_the_body_when_there_is_no_signature():
    r = baseline(2026)
    r.meta.org = ""
    r.meta.title = "濠江区2026年法治政府建设年度报告"
    r.opening = [Paragraph("2026年，望潮区深入推进依法行政。望潮区各部门……望潮区政府常务会议……")]
    (f,) = run(r, families=["issuer"], today=AFTER_2026)
    assert f.excerpt == "濠江区" and "望潮区" in f.message
    r.meta.title = "望潮区2026年法治政府建设年度报告"
    assert run(r, families=["issuer"], today=AFTER_2026) == []
    r.opening = [Paragraph("2026年，我区深入推进依法行政。")]
    r.meta.title = "濠江区2026年法治政府建设年度报告"
    assert run(r, families=["issuer"], today=AFTER_2026) == []  # nothing to compare with


def test_promises_written_as_a_paragraph_are_quoted_without_their_enumerator():
    prior = _prior()
    plan = next(s for s in prior.sections if s.part == "plan")
    plan.children = []
    plan.paragraphs = [
        Paragraph(
            "一是开展行政执法人员分类培训，提升执法案卷质量。二是建设区级公共法律服务中心，实现法律服务一站式办理。"
        )
    ]
    r = with_text("组织行政执法人员分类培训6期，执法案卷质量明显提升。")
    (f,) = run(r, families=["plan_coverage"], prior=prior, today=AFTER_2026)
    assert "「建设区级公共法律服务中心，实现法律服务一站式办理」" in f.message


def test_laws_of_2025_cannot_be_cited_in_a_report_on_an_earlier_year():
    text = "贯彻《中华人民共和国法治宣传教育法》和《行政执法监督条例》。"
    assert found(text, "stale") == []
    got = found(text, "stale", year=2024)
    assert rules(got) == ["stale.law-fzxcjy-2025", "stale.reg-xzzfjd-2025"]
    assert "2025年起才适用" in got[0].message


def test_title_naming_another_body_of_the_same_place():
    r = baseline(2026)
    r.meta.org = "青禾县人民政府"
    r.meta.title = "青禾县司法局关于2026年度法治政府建设情况的报告"
    (f,) = run(r, families=["issuer"], today=AFTER_2026)
    assert f.rule == "issuer.title-body" and f.excerpt == "青禾县司法局"
    assert "青禾县人民政府" in f.message
    for title in (
        "青禾县人民政府关于2026年度法治政府建设情况的报告",
        "中共青禾县委 青禾县人民政府关于2026年度法治政府建设情况的报告",
        "青禾县2026年法治政府建设年度报告",
        "关于2026年度法治政府建设情况的报告",
    ):
        r.meta.title = title
        assert run(r, families=["issuer"], today=AFTER_2026) == [], title
    r.meta.org = "云港市望潮区人民政府"
    r.meta.title = "望潮区人民政府关于2026年度法治政府建设情况的报告"
    assert run(r, families=["issuer"], today=AFTER_2026) == []


def test_eleventh_plan_and_fifth_pufa_are_stale_like_the_later_ones():
    assert rules(found("深入实施“十一五”规划。", "stale")) == ["stale.fyp-11"]
    assert rules(found("开展“五五”普法。", "stale")) == ["stale.pufa-5"]
    assert found("“十一五”时期以来，我县法治建设不断推进。", "stale") == []
    assert found("深入推进“十五五”普法工作准备。", "stale") == []


def test_past_honours_of_an_earlier_year_are_not_leftover_years():
    assert found("我县2025年被评为省级法治政府建设示范县。", "year") == []


def test_fix_is_complete_in_one_run_when_one_fix_enables_another():
    from drafter.checks.punctuation import edits, fix_text
    from drafter.kinds import get_kind

    data = get_kind("fzzf").data("rules.toml")["punctuation"]
    fixed, _ = fix_text("办结58宗(含结转18宗),调解17宗。", data)
    assert fixed == "办结58宗（含结转18宗），调解17宗。"
    assert edits(fixed, data) == []


def test_empty_part_verdict_is_not_shown_as_present(tmp_path):
    from drafter.draft import save

    from .conftest import run_cli

    r = baseline(2026)
    lead = next(s for s in r.sections if s.part == "leadership")
    lead.paragraphs = []
    path = tmp_path / "draft.md"
    save(r, path)
    result = run_cli("check", str(path))
    assert "✗ 党政主要负责人履行推进法治建设第一责任人职责情况：三、只有标题，没有内容" in result.stdout
    data = json.loads(run_cli("check", "--json", str(path)).stdout)
    lead_json = next(p for p in data["parts"] if p["id"] == "leadership")
    assert lead_json["found"] is True and lead_json["empty"] is True


def test_promises_kept_in_other_words_and_one_that_was_not():
    prior = _prior_with_plan(
        [
            "推进“互联网+监管”，实现监管事项全覆盖",
            "制定重大行政决策程序规定",
            "建立健全行政复议委员会制度",
            "开展“八五”普法终期评估",
            "推进政务数据共享平台与省级平台对接",
        ]
    )
    r = with_text(
        "“互联网+监管”平台监管事项覆盖率达到100%。出台《青禾县重大行政决策程序实施办法》。"
        "组建县行政复议委员会，审议重大疑难案件12件。完成“八五”普法规划终期评估。"
        "县数据局归集共享政务数据2.3万条。"
    )
    got = run(r, families=["plan_coverage"], prior=prior, today=AFTER_2026)
    assert [f.excerpt for f in got] == ["推进政务数据共享平台与省级平台对接"]
