"""Continuations and insertion: the clerk's sentence goes on from the cursor; nothing they typed is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.model import Meta
from phrasebank import Bank, mine, open_banks
from phrasebank.bank import make_query
from tests._phrasebank_fixtures import BODIES, STOCK_ENFORCEMENT, report_text, write_report

COUNTY = Meta(year=2026, org="某某县人民政府", short="我县")
HEADING = "坚持严格规范公正文明执法"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    folder = tmp_path_factory.mktemp("in")
    for i, (place, org, short, unit) in enumerate(BODIES):
        write_report(folder, f"r{i}.txt", report_text(org, place, short, unit, 2025))
    # a fourth report repeating one odd stretch three times: it must count as one report, not three
    odd = "推行“码上执法”工作模式"
    write_report(
        folder,
        "r3.txt",
        report_text(
            "远山县人民政府",
            "远山县",
            "我县",
            "县",
            2025,
            enforcement=[f"全面{odd}，规范执法行为", f"持续{odd}，强化执法监督", f"深入{odd}，提升执法效能"],
        ),
    )
    path = tmp_path_factory.mktemp("bank") / "b.sqlite"
    assert mine([folder], path, kind_id="fzzf").reports_total == 4
    return open_banks(path, builtin=False)


def _applied(typed: str, s) -> str:
    return typed[: len(typed) - s.replace] + s.insert


def test_continuation_is_inserted_at_the_cursor_and_counts_reports(bank: Bank) -> None:
    typed = "一是全面推行行政执法公"
    found = bank.suggest(typed, part="measures", heading=HEADING, meta=COUNTY, k=5)
    conts = [s for s in found if s.kind == "continuation"]
    assert conts, found
    for s in conts:
        assert s.replace == 0 and _applied(typed, s).startswith(typed)
    best = conts[0]
    assert STOCK_ENFORCEMENT.startswith("全面推行行政执法公" + best.insert.rstrip("，、"))
    assert best.frequency == 3 and len(best.sources) == 3  # the three reports that have it


def test_one_report_repeating_itself_counts_once(bank: Bank) -> None:
    found = bank.suggest("全面推行“码上", part="measures", meta=COUNTY, k=5)
    hit = next(s for s in found if s.insert.startswith("执法”"))
    assert hit.frequency == 1 and hit.sources == ["远山县2025年法治政府建设年度报告"]  # named by title


def test_whole_phrase_replaces_only_its_clause_and_the_enumerator_stays(bank: Bank) -> None:
    typed = "加强执法队伍建设。四是严格落实重大行政决策"
    found = bank.suggest(typed, part="plan", meta=COUNTY, k=8)
    phrases = [s for s in found if s.kind == "phrase"]
    assert phrases, found
    for s in found:
        applied = _applied(typed, s)
        assert applied.startswith("加强执法队伍建设。四是"), applied
        assert s.replace <= len("严格落实重大行政决策")


def test_kinds_are_mixed_in_one_ranked_list(bank: Bank) -> None:
    found = bank.suggest("持续深化行政执法体制改革", part="plan", meta=COUNTY, k=5)
    assert {s.kind for s in found} == {"continuation", "phrase"}
    conts = [s for s in found if s.kind == "continuation"]
    # continuations first; the first of them is the one expected to save most; the places after it go to
    # what adds most to it (phrasebank.listing), which need not be the next by score
    assert [s.kind for s in found] == ["continuation"] * len(conts) + ["phrase"] * (len(found) - len(conts))
    assert conts[0].score == max(s.score for s in conts)


def test_headings_only_when_the_cursor_is_in_a_heading(bank: Bank) -> None:
    in_body = bank.suggest("依法全面", part="measures", meta=COUNTY, k=10)
    in_heading = bank.suggest("依法全面", part="measures", meta=COUNTY, k=10, in_heading=True)
    heading = "依法全面履行政府职能"
    assert any(_applied("依法全面", s) == heading for s in in_heading)
    assert not any(s.kind == "phrase" and s.text == heading for s in in_body)


def test_the_sections_task_ranks_its_own_phrases_first(bank: Bank) -> None:
    """The same start typed under two tasks: each task's own continuation comes first."""
    typed = "扎实做好行政"
    disputes = bank.suggest(typed, part="measures", heading="依法有效化解社会矛盾纠纷", meta=COUNTY, k=5)
    assert disputes[0].insert.startswith("复议"), disputes


def test_unit_words_follow_the_drafters_short_form(tmp_path: Path) -> None:
    """A district report that does not name itself: its 区委、区政府 become the draft's 县委、县政府."""
    text = report_text("", "", "我区", "区", 2025).replace(
        "年法治政府建设年度报告", "年法治政府建设情况报告", 1
    )
    text = text.replace("\n\n\n", "\n", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "anon.txt", "2025年法治政府建设情况报告\n" + text.split("\n", 1)[1])
    bank = open_banks(mine([folder], tmp_path / "b.sqlite", kind_id="fzzf").bank, builtin=False)
    county = Meta(year=2026, short="我县")  # no org: the unit comes from the short form
    found = bank.suggest("严格落实", part="measures", meta=county, k=5)
    applied = [_applied("严格落实", s) for s in found]
    assert any("县委、县政府" in a for a in applied), applied
    assert not any("区委" in a or "区政府" in a for a in applied)
    # a near miss: 社区委员会 is not a unit word
    city = Meta(year=2026, org="云港市人民政府", short="我市")
    assert any(
        "市委、市政府" in _applied("严格落实", s)
        for s in bank.suggest("严格落实", part="measures", meta=city)
    )


def test_titles_naming_the_source_are_kept_whole_or_dropped(tmp_path: Path) -> None:
    extra = "认真贯彻《青禾县法治政府建设规划》，落实《法治政府建设实施纲要（2021-2025年）》的部署"
    text = report_text("青禾县人民政府", "青禾县", "我县", "县", 2025, measures=[extra, "深化放管服改革"])
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "qh.txt", text)
    bank = open_banks(mine([folder], tmp_path / "b.sqlite", kind_id="fzzf").bank, builtin=False)
    other = Meta(year=2025, org="石桥县人民政府", short="我县")
    seen = []
    for typed in ("认真贯彻", "认真贯彻《", "落实《法治政府建设", "深化"):
        for s in bank.suggest(typed, part="measures", meta=other, k=10):
            applied = _applied(typed, s)
            seen.append(applied)
            assert "石桥县法治政府建设规划" not in applied and "青禾" not in applied, applied
    # the national outline's name is kept whole
    assert any("《法治政府建设实施纲要（2021-2025年）》" in a or "实施纲要（2021" in a for a in seen), seen


def test_mined_template_syntax_stays_literal_text(tmp_path: Path) -> None:
    """A report that contains 「{{ … }}」 or 「{% … %}」: it is shown as written, never evaluated."""
    weird = (
        "在系统中录入{{ year }}条行政执法案件记录和{% for x in y %}等模板残留，"
        "清理各类执法信息系统中的{{ org.__class__ }}占位文字，规范执法数据录入工作"
    )
    text = report_text("青禾县人民政府", "青禾县", "我县", "县", 2025, measures=[weird, "深化放管服改革"])
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "t.txt", text)
    bank = open_banks(mine([folder], tmp_path / "b.sqlite", kind_id="fzzf").bank, builtin=False)
    found = bank.suggest("在系统中录入", part="measures", meta=COUNTY, k=10)
    applied = [_applied("在系统中录入", s) for s in found]
    assert any(a.startswith("在系统中录入{{ year }}条行政执法") for a in applied), applied
    assert not any("2026条" in a or "class" in a.replace("{{ org.__class__ }}", "") for a in applied)
    found = bank.suggest("条行政执法案件记录和", part="measures", meta=COUNTY, k=10)
    assert any(s.insert.startswith("{% for") for s in found), found
    whole = next(t for t in bank.layers[0].templates if "录入" in t)
    from phrasebank.slots import context_for, render

    rendered = render(whole, context_for(COUNTY))
    assert "{% for x in y %}" in rendered and "{{ year }}" in rendered and "{{ org.__class__ }}" in rendered


def test_suggestions_come_in_the_drafters_punctuation_width(bank: Bank) -> None:
    full = bank.suggest("规范行政执法行为，一是全面推行行政执法公", part="measures", meta=COUNTY, k=8)
    half = bank.suggest("规范行政执法行为,一是全面推行行政执法公", part="measures", meta=COUNTY, k=8)
    assert any("，" in s.insert for s in full) and not any("," in s.insert for s in full)
    assert any("," in s.insert for s in half) and not any("，" in s.insert for s in half)
    # a figure's thousands separator is not a clause comma
    from phrasebank.codec import restyle

    assert restyle("共1,200件,同比上升", "full") == "共1,200件，同比上升"


def test_an_empty_paragraph_is_offered_how_paragraphs_of_its_part_begin(bank: Bank) -> None:
    """Nothing typed yet: the list begins with how paragraphs of the part go on from their start."""
    found = bank.suggest("", part="plan", meta=COUNTY, k=5)
    assert found[0].kind == "continuation" and found[0].replace == 0, found
    assert len(found[0].insert) >= 4 and "深入学习贯彻习近平法治思想，".startswith(found[0].insert), found
    assert any(s.kind == "phrase" for s in found), found  # a whole opening keeps its place
    opening = bank.suggest("", meta=COUNTY, k=8)
    assert any(s.text.startswith("2026年，我县") for s in opening), opening
    assert not any("2025" in s.insert for s in found + opening)


def test_an_empty_heading_goes_on_only_like_headings(bank: Bank) -> None:
    found = bank.suggest("", part="measures", meta=COUNTY, k=10, in_heading=True)
    conts = [s for s in found if s.kind == "continuation"]
    assert conts, found
    paragraph_starts = ("全面推行", "深化", "自觉接受", "扎实做好")
    assert not any(s.insert.startswith(paragraph_starts) for s in found), found
    # 「党政主要负责人」 opens a paragraph of the fixtures and also their heading 「三、党政主要负责人履行推进
    # 法治建设第一责任人职责情况」: offered at an empty heading, it must go on like that heading
    for s in conts:
        if s.insert.startswith("党政主要"):
            assert "党政主要负责人履行推进法治建设第一责任人职责情况".startswith(s.insert), s
    assert any("依法全面履行政府职能".startswith(s.insert) for s in conts), conts


def test_a_title_counts_as_one_word_and_only_a_closed_one(tmp_path: Path) -> None:
    """Each word beyond the first makes a continuation less likely; a title 《…》 is taken whole or not at
    all, so the words inside it do not count, whether it opens in the continuation or in the typed text.
    Near misses: a title opened before the cursor that the continuation does not close, and text with no
    title, count their words as before."""
    extra = "严格执行《重大行政决策程序暂行条例》规定，落实《法治政府建设实施纲要（2021-2025年）》的部署"
    text = report_text(
        "青禾县人民政府",
        "青禾县",
        "我县",
        "县",
        2025,
        measures=[extra, "深化行政执法体制改革，推进跨部门综合执法"],
    )
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "qh.txt", text)
    bank = open_banks(mine([folder], tmp_path / "b.sqlite", kind_id="fzzf").bank, builtin=False)
    other = Meta(year=2025, org="石桥县人民政府", short="我县")

    def words(typed: str) -> dict[str, int]:
        q = make_query(typed, part="measures", meta=other)
        return {c.text: c.words for c, _s in bank.continuation_candidates(q, 10)}

    assert words("严格执行")["《重大行政决策程序暂行条例》"] == 1
    assert words("严格执行《重大")["行政决策程序暂行条例》"] == 1
    after_open = words("落实《法治政府建设")
    assert after_open["实施纲要（2021-2025年）》"] == 1
    assert after_open["工作推进"] == 2  # the open title is not closed in it: its words count
    assert words("深化")["行政执法体制改革"] == 3
    # and the whole title is among what is offered after its opening
    found = bank.suggest("落实《法治政府建设", part="measures", meta=other, k=5)
    assert any(s.insert == "实施纲要（2021-2025年）》" for s in found), found
