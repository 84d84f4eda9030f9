"""Mining hygiene and bank maintenance: only reports of the kind, each once; list, remove, stats."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import UsageError
from phrasebank import mine, open_banks
from phrasebank.maintenance import list_sources, remove_source, stats
from tests._phrasebank_fixtures import BODIES, report_text, write_report

MEMO = """关于召开法治政府建设工作推进会的会议纪要

2025年3月5日，县司法局召开法治政府建设工作推进会。会议听取了各部门工作汇报，研究了下一步工作。
会议要求各单位高度重视，认真落实。
"""

NOTICE = """关于印发《青禾县2025年法治政府建设工作要点》的通知

各乡镇人民政府，县政府各部门：
现将《青禾县2025年法治政府建设工作要点》印发给你们，请认真贯彻执行。
一、总体要求
坚持以习近平法治思想为指导，全面推进依法行政，加快建设法治政府，为全县高质量发展提供法治保障。
二、主要任务
（一）深化行政执法体制改革。全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，
规范行政执法行为，开展行政执法案卷评查，组织执法人员专题培训，提升行政执法质量和效能。
（二）加强行政复议工作。扎实做好行政复议和行政应诉工作，落实行政机关负责人出庭应诉制度，
发挥行政复议化解行政争议主渠道作用，推动矛盾纠纷多元化解，坚持和发展新时代“枫桥经验”。
（三）健全行政决策制度体系。严格落实重大行政决策程序，推行合法性审查，发挥法律顾问作用，
提高行政决策科学化、民主化、法治化水平，建立健全决策后评估制度。
（四）加强法治宣传教育。落实“谁执法谁普法”普法责任制，深入开展法治宣传教育，推进法治乡村建设，
营造办事依法、遇事找法、解决问题用法、化解矛盾靠法的良好法治环境。
三、工作要求
各单位要提高认识，加强组织领导，明确责任分工，确保各项任务落到实处。各单位要于年底前报送落实情况。
县司法局要加强统筹协调和督促检查，及时通报工作进展，推动法治政府建设各项任务落实落细。
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "in"
    f.mkdir()
    for i, (place, org, short, unit) in enumerate(BODIES):
        write_report(f, f"r{i}.txt", report_text(org, place, short, unit, 2024))
    return f


def test_memo_and_notice_are_skipped_and_named(folder: Path, tmp_path: Path) -> None:
    write_report(folder, "纪要.txt", MEMO)
    write_report(folder, "通知.txt", NOTICE)
    result = mine([folder], tmp_path / "b.sqlite", kind_id="fzzf")
    skipped = {Path(p).name: why for p, why in result.not_reports}
    assert set(skipped) == {"纪要.txt", "通知.txt"}
    assert all("\n" not in why and why for why in skipped.values())
    assert "通知" in skipped["通知.txt"], skipped
    assert result.reports_total == 3 and result.failed == []
    assert {s["name"] for s in list_sources(tmp_path / "b.sqlite")} == {"r0.txt", "r1.txt", "r2.txt"}
    assert result.to_json()["not_reports"][0]["reason"]


def test_a_near_miss_report_with_a_notice_word_in_its_title_is_mined(folder: Path, tmp_path: Path) -> None:
    """「……落实《通知》情况的报告」 is a report: only a title that ends as another kind is refused."""
    text = report_text("石桥县人民政府", "石桥县", "我县", "县", 2025).replace(
        "石桥县2025年法治政府建设年度报告", "石桥县关于落实法治政府建设通知情况的报告", 1
    )
    write_report(folder, "near.txt", text)
    result = mine([folder], tmp_path / "b.sqlite", kind_id="fzzf")
    assert result.not_reports == [] and result.reports_total == 4


def test_same_report_as_txt_and_docx_counts_once(folder: Path, tmp_path: Path) -> None:
    import docx

    text = (folder / "r0.txt").read_text("utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(folder / "r0-copy.docx")
    bank = tmp_path / "b.sqlite"
    result = mine([folder], bank, kind_id="fzzf")
    assert result.reports_total == 3
    dup = [(Path(p).name, other) for p, other in result.duplicates]
    assert dup == [("r0-copy.docx", "r0.txt")] or dup == [("r0.txt", "r0-copy.docx")]
    # the stock phrase all three reports share is counted in three reports, not four
    found = open_banks(bank, builtin=False).suggest("全面推行行政执法公", part="measures", k=5)
    assert max(s.frequency for s in found) == 3


def test_remove_a_source_keeps_what_others_share(folder: Path, tmp_path: Path) -> None:
    bank = tmp_path / "b.sqlite"
    mine([folder], bank, kind_id="fzzf")
    before = stats(bank)
    assert before["reports"] == 3 and before["index"] == "stored" and before["phrases"] > 10
    summary = remove_source(bank, "r1.txt")
    assert summary["removed"] == "r1.txt" and summary["occurrences_removed"] > 0
    after = stats(bank)
    assert after["reports"] == 2 and after["index"] == "stored"
    assert after["phrases"] < before["phrases"]
    found = open_banks(bank, builtin=False).suggest("全面推行行政执法公", part="measures", k=5)
    assert found and max(s.frequency for s in found) == 2
    assert all("r1.txt" not in s.sources for s in found)
    # 望潮 was only in r1: its phrases are gone with it
    assert not any("望潮" in t for t in open_banks(bank, builtin=False).layers[0].templates)
    # the removed report can be mined again
    assert mine([folder / "r1.txt"], bank, kind_id="fzzf").new_files == 1


def test_remove_by_id_and_unknown_source(folder: Path, tmp_path: Path) -> None:
    bank = tmp_path / "b.sqlite"
    mine([folder], bank, kind_id="fzzf")
    first = list_sources(bank)[0]
    assert remove_source(bank, str(first["id"]))["removed"] == first["name"]
    with pytest.raises(UsageError, match="没有报告"):
        remove_source(bank, "不存在.txt")


def test_stats_of_the_builtin_bank() -> None:
    from phrasebank.builtin import builtin_path

    s = stats(builtin_path())
    assert s["schema_version"] == 2 and s["index"] == "stored"
    assert s["reports"] >= 5 and s["phrases"] > 500
    assert set(s["phrases_by_part"]) >= {"measures", "plan", "shortcomings"}
