"""``drafter check``: exit codes, JSON shape, human output grouped by place."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _checks_helpers import baseline
from conftest import run_cli

from drafter.draft import save
from drafter.model import Paragraph


def test_clean_draft_exits_0(tmp_path):
    path = tmp_path / "clean.md"
    save(baseline(), path)
    res = run_cli("check", str(path))
    assert res.returncode == 0, res.stderr
    assert "✓ 主要举措和成效" in res.stdout
    assert "[提示]" in res.stdout and "[错误]" not in res.stdout


def test_draft_with_errors_exits_1_and_groups_by_section(tmp_path):
    r = baseline()
    r.sections[0].children[1].paragraphs.append(
        Paragraph("认真落实《法治政府建设实施纲要（2022—2025年）》，办理XX件。")
    )
    path = tmp_path / "draft.md"
    save(r, path)
    res = run_cli("check", str(path))
    assert res.returncode == 1, res.stderr
    assert "【一、（二）健全政府机构职能体系】" in res.stdout
    assert "[错误] 第2段：不存在「法治政府建设实施纲要（2022—2025年）」" in res.stdout
    assert "依据：" in res.stdout


def test_json_output(tmp_path, corpus_dir):
    res = run_cli("check", str(corpus_dir / "2019-xiashan.txt"), "--json")
    assert res.returncode == 1, res.stderr
    data = json.loads(res.stdout)
    assert data["year"] == 2019
    parts = {p["id"]: p for p in data["parts"]}
    assert parts["leadership"]["found"] is False
    assert parts["plan"]["places"][0]["number"] == "三、"
    assert data["counts"]["error"] == sum(1 for f in data["findings"] if f["severity"] == "error") > 0
    first = data["findings"][0]
    assert set(first) >= {"rule", "severity", "message", "location", "basis", "excerpt", "where"}
    assert set(first["location"]) == {"section", "area", "paragraph", "start", "end"}


def test_year_and_prior_options(tmp_path):
    prior = baseline(2024)
    this = baseline()
    this.sections[0].children[2].paragraphs = [Paragraph("全年受理行政复议案件56件。")]
    prior.sections[0].children[2].paragraphs = [Paragraph("全年受理行政复议案件56件。")]
    save(prior, tmp_path / "2024.md")
    save(this, tmp_path / "2025.md")
    res = run_cli("check", str(tmp_path / "2025.md"), "--prior", str(tmp_path / "2024.md"), "--json")
    rules = [f["rule"] for f in json.loads(res.stdout)["findings"]]
    assert "leftovers.same-figure" in rules and "plan_coverage.missing" in rules
    res = run_cli("check", str(tmp_path / "2025.md"), "--year", "2024", "--json")
    rules = [f["rule"] for f in json.loads(res.stdout)["findings"]]
    assert "year.title" in rules


def test_unreadable_files_exit_2_with_one_chinese_line(tmp_path):
    res = run_cli("check", str(tmp_path / "missing.docx"))
    assert res.returncode == 2
    assert res.stdout == "" and res.stderr.startswith("错误：") and len(res.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    res = run_cli("check", str(bad))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    res = run_cli("check", str(tmp_path / "missing.md"), "--year", "3025")
    assert res.returncode == 2 and "Traceback" not in res.stderr


def _write_docx(path: Path, lines: list[str]) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def test_checks_a_word_file_with_its_own_numbers_and_signature(tmp_path):
    from drafter.app.review import check_file

    path = tmp_path / "报告.docx"
    _write_docx(
        path,
        [
            "某某区2025年法治政府建设年度报告",
            "2025年，我区深入学习贯彻习近平法治思想，扎实推进法治政府建设。",
            "一、2025年推进法治政府建设的主要举措和成效",
            "（一）健全政府机构职能体系。全年取消行政许可事项3项，精简办事材料120份。",
            "（三）健全依法行政制度体系。全年审查规范性文件15件，备案率100%。",
            "二、存在的不足和原因",
            "基层执法力量不足。究其原因，主要是编制调整后人员尚未配齐。",
            "三、2026年推进法治政府建设的主要安排",
            "持续深化行政执法体制改革，加强行政执法人员培训。",
            "某某区人民政府",
            "2026年01月06日",
        ],
    )
    report, findings = check_file(path)
    by_rule = {f.rule: f for f in findings}
    gap = by_rule["numbering.gap"]
    assert report.section_at(gap.location.section).heading.startswith("健全依法行政制度体系")
    assert "（二）" in gap.message
    fmt = by_rule["ending.date-format"]
    assert fmt.excerpt == "2026年01月06日" and "2026年1月6日" in fmt.message
    assert "ending.no-org" not in by_rule and "ending.no-date" not in by_rule
    assert by_rule["required.leadership"].severity == "error"
    res = run_cli("check", str(path))
    assert res.returncode == 1 and "（二）" in res.stdout
