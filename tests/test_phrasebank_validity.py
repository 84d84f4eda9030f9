"""Right for the year by construction: every mined phrase knows the years it may be suggested for."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.model import Meta
from phrasebank import mine, open_banks
from phrasebank.validity import NEVER, validity
from tests._phrasebank_fixtures import report_text, write_report


def ok(text: str, year: int, source: tuple[int, int] | None = None) -> bool:
    lo, hi = validity("fzzf").span(text, source)
    return lo <= year <= hi


@pytest.mark.parametrize(
    ("text", "fine", "stale"),
    [
        ("以党的十八大和十八届四中全会精神为指导", 2016, 2026),
        ("深入贯彻党的十九大精神", 2019, 2026),
        ("全面完成“十三五”规划确定的目标任务", 2019, 2026),
        ("今年是完成“十一五”节能减排约束性目标的关键一年", None, 2027),  # 今年: never right afterwards
        ("谋划“十一五”时期法治建设", 2008, 2026),
        ("深入开展“七五”普法", 2018, 2026),
        ("全面完成“八五”普法规划", 2023, 2026),
        ("统筹做好新冠肺炎疫情防控和法治政府建设", 2021, 2026),
        ("提升大规模核酸检测能力", 2020, 2024),
        ("贯彻落实《法治政府建设实施纲要（2015-2020年）》", 2018, 2026),
        ("发挥政府法制办的统筹作用", 2017, 2026),
        ("配合工商局开展市场整治", 2016, 2026),
        ("到2020年基本建成法治政府", 2019, 2026),
        ("制定《法治宣传教育规划（2016—2020年）》", 2018, 2026),
        ("深入开展党纪学习教育", 2024, 2026),
        # a plenum list used as the guide: current until the next plenum is held (四中全会 2025年10月)
        ("深入学习贯彻党的二十大和二十届三中全会精神", 2024, 2026),
        ("深入贯彻党的二十大和二十届二中、三中全会精神", 2024, 2025),
        ("以党的二十大和二十届二中全会精神为指导", 2023, 2024),
    ],
)
def test_dated_phrases_have_their_years(text: str, fine: int | None, stale: int) -> None:
    if fine is not None:
        assert ok(text, fine), text
    assert not ok(text, stale), text


@pytest.mark.parametrize(
    "text",
    [
        "贯彻落实《法治政府建设实施纲要（2021-2025年）》",  # the outline in force until a new one is issued
        "谋划“十五五”时期法治政府建设",  # 十五五 is not the old 十五 plan
        "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",  # not the 2015–2020 campaign
        "到2035年基本建成法治国家、法治政府、法治社会",
        "深入贯彻党的二十大和二十届历次全会精神",  # names no plenum
        "认真落实二十届四中全会部署",  # the latest plenum held
        "二十届三中全会召开以来",  # a past event, not the guide
        "全面推行行政执法公示制度",
    ],
)
def test_near_misses_stay_valid_in_2026(text: str) -> None:
    assert ok(text, 2026), text


def test_an_outline_that_never_existed_is_never_suggested() -> None:
    assert validity("fzzf").span("落实《法治政府建设实施纲要（2016-2020年）》") == NEVER


def test_a_past_date_expires_with_its_report() -> None:
    # a figure year left as written (more than two years off the source's own) dates the phrase
    assert ok("自2010年以来累计培训执法人员", 2017, (2016, 2016))
    assert not ok("自2010年以来累计培训执法人员", 2026, (2016, 2016))


def test_dated_phrases_never_reach_a_later_draft(tmp_path: Path) -> None:
    """Mined from a 2016 and a 2021 report: a 2026 draft gets neither their congress nor their epidemic."""
    old = report_text(
        "青禾县人民政府",
        "青禾县",
        "我县",
        "县",
        2016,
        measures=[
            "以党的十八大和十八届四中全会精神为指导，全面推进依法行政",
            "深入开展“七五”普法，营造尊法学法守法用法的良好氛围",
        ],
    )
    covid = report_text(
        "石桥县人民政府",
        "石桥县",
        "我县",
        "县",
        2021,
        measures=[
            "统筹做好常态化疫情防控和经济社会发展，依法科学精准做好疫情防控工作",
            "深入开展“八五”普法，营造尊法学法守法用法的良好氛围",
        ],
    )
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "old.txt", old)
    write_report(folder, "covid.txt", covid)
    bank = open_banks(mine([folder], tmp_path / "b.sqlite", kind_id="fzzf").bank, builtin=False)
    then = bank.suggest(
        "以党的十八", part="measures", meta=Meta(year=2016, org="某某县人民政府", short="我县")
    )
    assert any("十八" in s.text or "大" in s.insert for s in then)  # right for its own years
    draft = Meta(year=2026, org="某某县人民政府", short="我县")
    for typed in ("以党的十八", "深入开展", "统筹做好", "依法科学精准做好", "营造尊法学法"):
        for s in bank.suggest(typed, part="measures", meta=draft, k=10):
            full = typed + s.insert if s.replace == 0 else s.text
            assert not any(w in full for w in ("十八大", "十八届", "七五", "八五", "疫情")), (typed, s.text)
    # the generic half of the same sentences is still offered
    assert any(
        s.insert.startswith("尊法") or "尊法" in s.text
        for s in bank.suggest("营造", part="measures", meta=draft, k=10)
    )
