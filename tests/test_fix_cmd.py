"""``drafter fix``: the punctuation family's automatic fixes, applied to a copy of a fixture and diffed."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

from drafter.app.fix import fix_file
from drafter.app.review import check_path
from drafter.checks.user_rules import RuleSettings
from drafter.draft import load, save
from drafter.kinds import get_kind
from drafter.model import Paragraph

from .conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "season2026" / "wangchao-2026-defective.txt"
#: The only replacements a fix may make (half-width → full-width, a trailing space swallowed, Chinese
#: numerals of a year → Arabic, a hyphen in a year range → 一字线).
ALLOWED = {
    (",", "，"),
    (":", "："),
    (";", "；"),
    ("(", "（"),
    (")", "）"),
    ("-", "—"),
    ("二〇二六", "2026"),
}


def _punctuation(path: Path) -> list:
    findings = check_path(path, settings=RuleSettings()).findings
    return [f for f in findings if f.rule.startswith("punctuation.")]


def test_fix_changes_only_punctuation_and_leaves_no_punctuation_finding(tmp_path: Path) -> None:
    copy = tmp_path / "report.txt"
    shutil.copy(FIXTURE, copy)
    assert len(_punctuation(copy)) >= 5  # the fixture has half-width marks, 二〇二六年 and 2021-2025年
    before = copy.read_text("utf-8")
    result = run_cli("fix", str(copy))
    assert result.returncode == 0, result.stderr
    assert "已改正 6 处" in result.stdout and "report.txt.bak" in result.stdout
    after = copy.read_text("utf-8")
    assert (tmp_path / "report.txt.bak").read_text("utf-8") == before
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        if old == new:
            continue
        changed += 1
        ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                continue
            assert tag == "replace", (tag, old[i1:i2], new[j1:j2])
            assert (old[i1:i2], new[j1:j2]) in ALLOWED, (old[i1:i2], new[j1:j2])
    assert changed == 3
    assert _punctuation(copy) == []
    # Everything else the checker found is still there (nothing but punctuation changed).
    others = {f.rule for f in check_path(copy, settings=RuleSettings()).findings}
    assert {"publication.id-card", "stale.plenum", "leftovers.placeholder"} <= others
    # A second run has nothing to do.
    again = run_cli("fix", str(copy))
    assert again.returncode == 0 and "没有需要自动改正" in again.stdout


def test_fix_json_lists_each_edit_with_the_rule_and_its_chinese_name(tmp_path: Path) -> None:
    copy = tmp_path / "report.txt"
    shutil.copy(FIXTURE, copy)
    result = run_cli("fix", "--dry-run", "--json", str(copy))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["count"] == 6 and data["written"] is False and data["backup"] is None
    edits = [e for c in data["changes"] for e in c["edits"]]
    assert {e["rule"] for e in edits} == {
        "punctuation.half-width",
        "punctuation.chinese-year",
        "punctuation.year-dash",
    }
    assert {e["rule_name"] for e in edits} == {"半角标点", "汉字年份", "年份区间连接号"}
    assert [c["line"] for c in data["changes"]] == [5, 11, 15]
    assert copy.read_text("utf-8") == FIXTURE.read_text("utf-8")  # --dry-run wrote nothing


def test_fix_a_draft_keeps_a_backup_and_changes_only_the_text(tmp_path: Path) -> None:
    report = get_kind("fzzf").new_report(2026, "青禾县人民政府", "我县")
    report.sections[0].children[0].paragraphs = [
        Paragraph("全年办结案件52件,同比增长3%,对照2021-2025年规划推进。")
    ]
    path = tmp_path / "draft.md"
    save(report, path)
    outcome = fix_file(path)
    assert outcome.count == 3 and outcome.written
    fixed = load(path)
    assert (
        fixed.sections[0].children[0].paragraphs[0].text
        == "全年办结案件52件，同比增长3%，对照2021—2025年规划推进。"
    )
    assert load(tmp_path / "draft.md.bak").sections[0].children[0].paragraphs[0].text.count(",") == 2
    fixed.sections[0].children[0].paragraphs = report.sections[0].children[0].paragraphs
    assert fixed == report  # nothing else changed


def test_fix_refuses_a_word_file_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04not really")
    result = run_cli("fix", str(path))
    assert result.returncode == 2
    assert "drafter import" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _only_punctuation_changed(old: str, new: str) -> None:
    half = set(",:;?!()-－–‐ ")
    full = set("，：；？！（）—")
    zh_digits = set("〇○零0Ｏ一二三四五六七八九十")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        assert tag in ("replace", "delete"), (tag, a, b)
        assert set(a) <= half | zh_digits, (a, b)
        assert set(b) <= full | set("0123456789"), (a, b)


def test_fix_on_every_corpus_report_changes_only_punctuation_and_leaves_none(
    tmp_path: Path, corpus_dir
) -> None:
    for source in sorted(corpus_dir.glob("*.txt")):
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        outcome = fix_file(copy)
        assert outcome.count > 0
        before = source.read_text("utf-8").splitlines()
        after = copy.read_text("utf-8").splitlines()
        assert len(before) == len(after)
        for old, new in zip(before, after, strict=True):
            if old != new:
                _only_punctuation_changed(old, new)
        assert _punctuation(copy) == [], source.name
