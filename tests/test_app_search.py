"""Search and replace over the whole draft (drafter/app/search.py), and the renames offered after a
roll forward."""

from __future__ import annotations

from pathlib import Path

from drafter.app.create import create_draft
from drafter.app.search import (
    HEADING,
    count,
    find_all,
    rename_offers,
    replace_all,
    replace_one,
    restore,
)
from drafter.kinds import get_kind
from drafter.model import CARRIED, Paragraph, Report, Section

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


def _report() -> Report:
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "青禾县人民政府", "我县", "云港市人民政府")
    report.meta.title = "青禾县2025年法治政府建设年度报告"
    report.opening = [Paragraph("2025年，青禾县在县委坚强领导下推进法治建设。")]
    report.sections[0].paragraphs = [
        Paragraph("县委常委会专题研究法治工作，县委书记带头述法。", frozenset({CARRIED})),
        Paragraph("在社区委员会换届中落实法律顾问制度。"),
    ]
    report.sections[1].children.append(Section("县委依法决策"))
    report.closing = [Paragraph("青禾县人民政府将继续在县委领导下推进。")]
    return report


def test_find_counts_every_text_in_reading_order() -> None:
    report = _report()
    found = find_all(report, "县委")
    # opening 1, first section 2, a heading 1, closing 1
    assert len(found) == 5
    assert [m.area for m in found] == ["opening", "section", "section", "section", "closing"]
    assert any(m.paragraph == HEADING for m in found)
    assert count(report, "青禾县") == 3  # title, opening, closing
    assert find_all(report, "") == []
    assert count(report, "望潮区") == 0


def test_replace_all_is_one_step_and_restores_exactly() -> None:
    report = _report()
    same = report  # the front end holds this object
    before_text = [p.text for p in report.sections[0].paragraphs]
    done = replace_all(report, "县委", "区委")
    assert done.count == 5 and done.report is same
    assert count(report, "县委") == 0 and count(report, "区委", ("社区委",)) == 5
    # A mechanical rename is not the drafter's writing: carried text stays marked.
    assert report.sections[0].paragraphs[0].carried
    restore(same, done.before)
    assert [p.text for p in same.sections[0].paragraphs] == before_text
    assert count(same, "县委") == 5 and count(same, "区委", ("社区委",)) == 0


def test_avoid_words_are_left_alone() -> None:
    report = Report()
    report.opening = [Paragraph("区委部署后，社区委员会和园区委托事项同步推进，全区域覆盖，全区推进。")]
    done = replace_all(report, "区委", "县委", avoid=("社区委", "园区委"))
    assert done.count == 1
    assert report.opening[0].text.startswith("县委部署后，社区委员会和园区委托")
    done = replace_all(report, "全区", "全县", avoid=("全区域",))
    assert done.count == 1 and "全区域覆盖" in report.opening[0].text and "全县推进" in report.opening[0].text


def test_replace_one_refuses_a_stale_match() -> None:
    report = _report()
    first = find_all(report, "县委")[0]
    assert replace_one(report, first, "县委", "区委")
    assert report.opening[0].text.startswith("2025年，青禾县在区委")
    assert not replace_one(report, first, "县委", "区委")  # the text there changed
    assert count(report, "县委") == 4


def test_rolled_forward_draft_offers_and_replaces_last_years_names(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    created = create_draft(
        kind,
        2025,
        org="某某县人民政府",
        prior_file=CORPUS / "2024-haojiang.txt",
        output=tmp_path / "draft.md",
    )
    report = created.report
    offers = {(o.old, o.new): o for o in rename_offers(report, kind)}
    assert ("濠江区", "某某县") in offers
    assert ("我区", "我县") in offers
    assert ("区委", "县委") in offers
    offer = offers[("区委", "县委")]
    n = count(report, "区委", offer.avoid)
    assert n >= 1
    snapshot_text = report.copy()
    done = replace_all(report, "区委", "县委", offer.avoid)
    assert done.count == n and count(report, "区委", offer.avoid) == 0
    restore(report, done.before)
    assert count(report, "区委", offer.avoid) == n
    assert [p.text for _, s in report.walk() for p in s.paragraphs] == [
        p.text for _, s in snapshot_text.walk() for p in s.paragraphs
    ]


def test_no_offers_without_a_roll_forward_or_when_names_agree() -> None:
    kind = get_kind("fzzf")
    report = _report()
    assert rename_offers(report, kind) == []
    report.meta.extra["carried_from"] = {"year": 2024, "title": "青禾县2024年法治政府建设年度报告"}
    # Same body both years: nothing to rename.
    assert rename_offers(report, kind) == []
    report.meta.org = "云港市望潮区人民政府"
    report.meta.short = "我区"
    pairs = [(o.old, o.new) for o in rename_offers(report, kind)]
    assert ("青禾县", "云港市望潮区") in pairs
    assert ("县委", "区委") in pairs
    assert ("我县", "我区") not in pairs  # 「我县」 does not occur in the text
