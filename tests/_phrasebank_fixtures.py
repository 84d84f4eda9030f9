"""Invented reports for phrasebank tests: bodies, places and wording made up for the tests.

Each report has the shape the importer and the mining hygiene expect (title, opening, the measures part with
outline tasks, shortcomings, plan), with the body's own names where a real report would have them, so the
tests can check that those names never reach another body's draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

STOCK_ENFORCEMENT = "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度"
STOCK_LEADER = "党政主要负责人切实履行推进法治建设第一责任人职责"


def report_text(
    org: str,
    place: str,
    short: str,
    unit: str,
    year: int,
    *,
    measures: list[str] | None = None,
    enforcement: list[str] | None = None,
    extra: str = "",
) -> str:
    """A plausible annual report of ``org`` (e.g. 青禾县人民政府, place 青禾县, short 我县, unit 县)."""
    measures = measures or [
        f"深化“放管服”改革，持续优化营商环境，{short}政务服务事项网上可办率达到98%",
        f"严格落实{unit}委、{unit}政府关于法治政府建设的决策部署，全{unit}法治政府建设取得新进展",
    ]
    enforcement = enforcement or [
        f"{STOCK_ENFORCEMENT}，规范行政执法行为",
        "开展行政执法案卷评查，组织执法人员专题培训",
    ]
    lines = [
        f"{place}{year}年法治政府建设年度报告",
        "",
        f"{year}年，{short}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        f"全面推进依法行政，法治政府建设各项工作取得积极成效。现将有关情况报告如下。",
        "",
        f"一、{year}年推进法治政府建设的主要举措和成效",
        "（一）依法全面履行政府职能",
        "。".join(measures) + "。",
        "（二）坚持严格规范公正文明执法",
        "。".join(enforcement) + "。",
        "（三）强化对行政权力的制约和监督",
        "自觉接受人大法律监督和政协民主监督，认真办理人大代表建议和政协委员提案。"
        "全面推进政务公开，依法做好政府信息公开申请答复工作。",
        "（四）依法有效化解社会矛盾纠纷",
        "扎实做好行政复议和行政应诉工作，行政机关负责人出庭应诉率保持较高水平。"
        "坚持和发展新时代“枫桥经验”，推动矛盾纠纷多元化解。",
        "二、存在的不足和原因",
        "一是法治政府建设工作推进不够平衡，个别部门对依法行政重视不够。"
        "二是行政执法队伍专业化水平有待提高，基层执法力量相对薄弱。",
        "主要原因是部分领导干部运用法治思维和法治方式推动工作的能力还有差距。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        f"{STOCK_LEADER}，把法治建设纳入{unit}域发展总体规划，定期听取法治政府建设工作汇报。",
        f"四、{year + 1}年推进法治政府建设的主要安排",
        "一是深入学习贯彻习近平法治思想，加强法治政府建设统筹推进。"
        "二是持续深化行政执法体制改革，全面提升行政执法质量和效能。"
        "三是健全行政决策制度体系，严格落实重大行政决策程序。",
    ]
    if extra:
        lines.insert(7, extra)
    lines += ["", org, f"{year + 1}年1月10日"]
    return "\n".join(lines) + "\n"


def write_report(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


#: Three invented bodies (place, org, short form, unit).
BODIES = [
    ("青禾县", "青禾县人民政府", "我县", "县"),
    ("云港市望潮区", "云港市望潮区人民政府", "我区", "区"),
    ("石桥县", "石桥县人民政府", "我县", "县"),
]


def mine_bodies_bank(tmp_path_factory: Any) -> Path:
    """A bank mined from one report of each of :data:`BODIES` (2024, 2025, 2024): the shared fixture of the
    suggestion tests. Every report is mined, none skipped."""
    from phrasebank import mine

    folder = tmp_path_factory.mktemp("reports")
    for i, (place, org, short, unit) in enumerate(BODIES):
        write_report(folder, f"r{i}.txt", report_text(org, place, short, unit, 2024 + i % 2))
    path = tmp_path_factory.mktemp("bank") / "bank.sqlite"
    result = mine([folder], path, kind_id="fzzf")
    assert result.failed == [] and result.reports_total == len(BODIES)
    return path
