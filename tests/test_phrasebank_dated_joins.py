"""Dated wording that only appears once a suggestion is joined to the draft.

Two ways a suggestion reaches a 2026 draft with wording the checker flags although no mined stretch was
dated:

* the dated term holds a body slot: a county report's 「依法治县领导小组」 is mined as 「依法治{{ unit }}领导
  小组」, which no term pattern matches until it is rendered 「依法治县领导小组」 again;
* the clerk typed the first half of a dated term and the bank goes on innocently: 「深入开展“七五”普」 followed
  by 「法内容」 from 「丰富普法内容」, or 「发挥依法治县领导」 followed by 「小组」 from 「成立工作领导小组」.

Each is checked for the draft's year, with near misses: the same wording in a year it was current, and the
same continuations after text that forms nothing dated.
"""

from __future__ import annotations

import pytest

from drafter.model import Meta
from phrasebank import Bank, mine, open_banks
from tests._phrasebank_fixtures import report_text, write_report

COUNTY_2026 = Meta(year=2026, org="某某县人民政府", short="我县")
COUNTY_2017 = Meta(year=2017, org="某某县人民政府", short="我县")
DISTRICT_2026 = Meta(year=2026, org="某某区人民政府", short="我区")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    root = tmp_path_factory.mktemp("joins")
    folder = root / "in"
    folder.mkdir()
    reports = [
        ("兰溪县人民政府", "兰溪县", "我县", "县", 2018, "充分发挥依法治县领导小组的统筹协调作用"),
        ("北岭区人民政府", "北岭区", "我区", "区", 2018, "充分发挥依法治区领导小组的统筹协调作用"),
        ("柳湾县人民政府", "柳湾县", "我县", "县", 2024, "成立法治政府建设工作领导小组，统筹推进各项工作"),
        ("沙洲区人民政府", "沙洲区", "我区", "区", 2024, "不断丰富普法内容、拓展普法渠道，扩大普法受众"),
        ("桐川县人民政府", "桐川县", "我县", "县", 2025, "不断丰富普法内容、创新普法形式，增强普法实效"),
    ]
    for org, place, short, unit, year, clause in reports:
        text = report_text(org, place, short, unit, year, measures=[clause, f"{clause}，取得明显成效"])
        write_report(folder, f"{place}-{year}.txt", text)
    return open_banks(mine([folder], root / "b.sqlite", kind_id="fzzf").bank, builtin=False)


def _applied(bank: Bank, typed: str, meta: Meta, k: int = 10) -> list[str]:
    return [
        typed[: len(typed) - s.replace] + s.insert
        for s in bank.suggest(typed, part="measures", meta=meta, k=k)
    ]


@pytest.mark.parametrize("meta", [COUNTY_2026, DISTRICT_2026], ids=["county", "district"])
def test_a_dated_term_holding_a_body_slot_is_dated(bank: Bank, meta: Meta) -> None:
    unit = meta.short[-1]
    for typed in ("充分发挥", f"充分发挥依法治{unit}", f"依法治{unit}领导小"):
        for applied in _applied(bank, typed, meta):
            assert "领导小组的统筹" not in applied and f"依法治{unit}领导小组" not in applied, (
                typed,
                applied,
            )


def test_the_same_term_is_offered_while_it_was_current(bank: Bank) -> None:
    applied = _applied(bank, "充分发挥依法治县领导小", COUNTY_2017)
    assert any(a.startswith("充分发挥依法治县领导小组") for a in applied), applied


@pytest.mark.parametrize(
    ("typed", "dated"),
    [
        ("深入开展“七五”普", "七五”普法"),
        ("深入开展七五普", "七五普法"),
        ("发挥依法治县领导", "依法治县领导小组"),
    ],
)
def test_a_continuation_does_not_complete_a_dated_term_the_clerk_began(
    bank: Bank, typed: str, dated: str
) -> None:
    applied = _applied(bank, typed, COUNTY_2026)
    assert not any(dated in a for a in applied), applied


@pytest.mark.parametrize(
    ("typed", "meta", "expected"),
    [
        ("深入开展“七五”普", COUNTY_2017, "深入开展“七五”普法"),  # current in 2017
        ("不断丰富普", COUNTY_2026, "不断丰富普法内容"),  # forms nothing dated
        ("成立工作领导", COUNTY_2026, "成立工作领导小组"),
    ],
)
def test_near_misses_keep_their_continuations(bank: Bank, typed: str, meta: Meta, expected: str) -> None:
    applied = _applied(bank, typed, meta)
    assert any(a.startswith(expected) for a in applied), applied


@pytest.mark.parametrize(
    ("before", "insert", "year", "dated"),
    [
        ("深入开展“七五”普", "法内容", 2026, True),
        ("深入开展“七五”普", "法内容", 2017, False),
        ("深入开展“七五”", " 普法工作", 2026, True),  # a space at the join
        ("发挥依法治县领导", "小组作用", 2026, True),
        ("成立工作领导", "小组", 2026, False),
        ("贯彻落实《法治政府建设实施纲要（2015", "—2020年）》", 2026, True),
        ("贯彻落实《法治政府建设实施纲要（2021", "—2025年）》", 2026, False),
        ("深入开展“七五”普法", "，营造氛围", 2026, False),  # the clerk's own term: nothing joined
        ("", "法内容", 2026, False),
    ],
)
def test_joins_dated(before: str, insert: str, year: int, dated: bool) -> None:
    from phrasebank.checked import joins_dated

    assert joins_dated(before, insert, year, "fzzf") is dated


def test_a_term_holding_a_pause_mark_is_dated_across_it() -> None:
    from phrasebank.checked import joins_dated

    assert joins_dated("开展“不忘初心、", "牢记使命”主题教育", 2026, "fzzf")
    assert not joins_dated("开展“不忘初心、", "牢记使命”主题教育", 2019, "fzzf")
