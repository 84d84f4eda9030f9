"""Slots: a phrase mined from one body's report renders with the drafter's own year and body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.model import Meta
from phrasebank import mine, open_banks
from phrasebank.rules import mining_rules
from phrasebank.sentences import split_clauses
from phrasebank.slots import body_from, context_for, render, to_template

COUNTY = Meta(year=2025, org="某某县人民政府", short="我县")
SOURCE_PLACES = re.compile("濠江|汕头|霞山|湛江|普兰店|大连|海陵")


@pytest.fixture(scope="module")
def haojiang_bank(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    bank = tmp_path_factory.mktemp("bank") / "haojiang.sqlite"
    result = mine([corpus_dir / "2024-haojiang.txt"], bank, kind_id="fzzf")
    assert result.failed == [] and result.phrases_total > 50
    return bank


def test_opening_from_haojiang_renders_for_a_county_in_2024(haojiang_bank: Path) -> None:
    bank = open_banks(haojiang_bank, builtin=False)
    county = Meta(year=2024, org="某某县人民政府", short="我县")
    typed = "2024年，我县全面贯彻落实党的二十大和二十届三中全会精神，全面践行习近平法治思想"
    found = bank.suggest(typed, part="opening", meta=county, k=5)
    assert found, "the opening sentence of the Haojiang report should be suggested"
    # Issue 13: the list mixes continuations and whole phrases; the typed start is continued at the
    # cursor (the clause matches the mined one word for word), and the whole opening comes in the
    # drafter's punctuation width (they typed 「，」). The list puts the surest form first and the longer
    # one next (phrasebank.listing.worth: after one more character the rest is offered again).
    goes_on = "，扎实推进依法行政，全力推动法治建设工作取得成效"
    assert found[0].kind == "continuation" and len(found[0].insert) >= 3, found
    assert goes_on.startswith(found[0].insert), found
    assert any(s.kind == "continuation" and s.insert.startswith("，扎实推进依法行政") for s in found), found
    top = next(s for s in found if s.kind == "phrase")
    assert top.part == "opening"
    assert top.text.startswith("2024年，我县全面贯彻落实党的二十大"), top.text
    assert "2023年度法治" in top.text  # the year before the report's year
    assert top.sources == ["濠江区2024年法治政府建设年度报告"]  # the report's title, not its file name
    for s in found:
        assert "濠江" not in s.text and "2024年," not in s.text, s.text


def test_an_opening_whose_plenum_list_has_gone_stale_is_not_offered_whole(haojiang_bank: Path) -> None:
    """After the fourth plenum (2025年10月) a 2025 report's guide must reach it: the 2024 opening naming
    「二十届三中全会精神」 is flagged by the checker, so it is not offered as a whole phrase."""
    bank = open_banks(haojiang_bank, builtin=False)
    typed = "2025年，我县全面贯彻落实党的二十大和二十届三中全会精神，全面践行习近平法治思想"
    found = bank.suggest(typed, part="opening", meta=COUNTY, k=5)
    assert found and not any("三中全会精神" in s.text for s in found), found


def test_no_rendered_phrase_keeps_a_source_place_name(haojiang_bank: Path) -> None:
    bank = open_banks(haojiang_bank, builtin=False)
    layer = bank.layers[0]
    ctx = context_for(COUNTY, mining_rules("fzzf"))
    rendered = [render(t, ctx) for t in layer.templates]
    leaks = [t for t in rendered if SOURCE_PLACES.search(t)]
    assert leaks == []
    # the county's own name and unit appear where the source said 濠江/全区/区委
    assert any("某某" in t for t in rendered)
    assert any("全县" in t for t in rendered)
    assert any("县委" in t for t in rendered)


def test_year_offsets_and_fixed_years() -> None:
    rules = mining_rules("fzzf")
    body = body_from("汕头市濠江区人民政府", "", "", rules)
    t = to_template("2024年成效明显，2025年将继续推进，2023年度考评优秀，到2035年基本建成", 2024, body, rules)
    assert "{{ year }}年成效明显" in t
    assert "{{ year + 1 }}年将继续" in t
    assert "{{ year - 1 }}年度考评" in t
    assert "2035年" in t  # a fixed target, not relative to the report
    t = to_template("贯彻《法治政府建设实施纲要（2021-2025年）》", 2024, body, rules)
    assert "2021-2025年" in t and "{{" not in t


def test_figures_become_placeholders_but_names_stay() -> None:
    rules = mining_rules("fzzf")
    body = body_from("汕头市濠江区人民政府", "", "", rules)
    t = to_template("网上可办率达93.03%，受理12345热线工单1063件，落实“1310”部署", 2024, body, rules)
    assert "{{ n1 }}%" in t and "{{ n2 }}件" in t
    assert "12345热线" in t and "“1310”" in t
    out = render(t, context_for(COUNTY, rules))
    assert "「X」%" in out and "「X」件" in out and "93.03" not in out


def test_short_forms_not_matched_inside_other_words() -> None:
    rules = mining_rules("fzzf")
    body = body_from("", "", "", rules)
    assert to_template("完善资本市场基础制度，本市推进改革", 2024, body, rules) == (
        "完善资本市场基础制度，{{ short }}推进改革"
    )


def test_body_name_from_place_names_in_text() -> None:
    """A report whose metadata lacks the body still masks its place name, found as 「XX市YY区」."""
    rules = mining_rules("fzzf")
    text = "大连市普兰店区法治政府建设……大连市普兰店区深化改革……大连市普兰店区加强执法"
    body = body_from("", "", text, rules)
    assert "普兰店区" in body.places and body.unit == "区"
    out = render(to_template("普兰店区全面推进依法行政", 2016, body, rules), context_for(COUNTY, rules))
    assert out == "我县全面推进依法行政"


def test_unknown_body_renders_visible_placeholders() -> None:
    rules = mining_rules("fzzf")
    out = render("{{ year }}年，{{ short }}全面推进", context_for(Meta(year=2025), rules))
    assert out == "2025年，「我区/我县」全面推进"


def test_clauses_split_on_enumerations_and_drop_numbering() -> None:
    rules = mining_rules("fzzf")
    para = "1.深入贯彻落实党的二十大精神。一是将党的二十大精神列为重点学习内容,推动落实。二是邀请专家作专题辅导报告；三是开展培训!"
    assert split_clauses(para, rules) == [
        "深入贯彻落实党的二十大精神",
        "将党的二十大精神列为重点学习内容,推动落实",
        "邀请专家作专题辅导报告",
        "开展培训",
    ]


def test_report_text_is_never_run_as_a_template() -> None:
    """A mined phrase holding 「{{ … }}」 or 「{% … %}」 (a report may contain anything) is shown as written;
    only our own slots are filled (issue 16)."""
    from phrasebank.slots import render

    context = {"year": 2026, "short": "我县", "org": "青禾县人民政府"}
    evil = '{{ "依法行政"|replace("依法", "违法") }}，{{ year }}年{{ short }}推进{% if 1 %}X{% endif %}'
    assert (
        render(evil, context)
        == '{{ "依法行政"|replace("依法", "违法") }}，2026年我县推进{% if 1 %}X{% endif %}'
    )
    assert render("{{ lipsum.__globals__ }}", context) == "{{ lipsum.__globals__ }}"
    assert render("{{ year + 1 }}年工作安排", context) == "2027年工作安排"
    assert render("{{ year - 2 }}年以来", context) == "2024年以来"
