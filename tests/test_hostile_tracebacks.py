"""No tracebacks: 1,000+ sections at one level, and a YAML alias bomb (or deep nesting) in a draft's
front matter, each end in a result or in one Chinese line, quickly and in little memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import dumps, load, loads, save
from drafter.errors import DraftFormatError
from drafter.model import Meta, Paragraph, Report, Section
from drafter.numbering import chinese_numeral, chinese_to_int, number_label

from .conftest import run_cli


def test_numerals_round_trip_far_beyond_a_hundred() -> None:
    for n in [*range(1, 20001), 99_999, 100_000, 1_234_567, 10_000_001, 99_999_999]:
        text = chinese_numeral(n)
        assert chinese_to_int(text) == n, (n, text)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (10, "十"),
        (15, "十五"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2024, "二千零二十四"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (120000, "十二万"),
    ],
)
def test_numeral_forms(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_huge_numbers_fall_back_to_digits() -> None:
    assert chinese_numeral(123_456_789_012) == "123456789012"
    assert number_label(1, 1200) == "一千二百、"


def _many_sections(n: int) -> Report:
    report = Report(meta=Meta(kind="fzzf", year=2026, org="青禾县人民政府"))
    for i in range(n):
        s = Section(heading=f"第{i}项工作")
        s.paragraphs.append(Paragraph(f"完成事项{i}。"))
        report.sections.append(s)
    return report


def test_show_and_export_with_1200_sections(tmp_path: Path) -> None:
    draft = tmp_path / "很多节.md"
    save(_many_sections(1200), draft)
    shown = run_cli("show", str(draft), cwd=tmp_path, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "一千二百、第1199项工作" in shown.stdout
    done = run_cli("export", str(draft), "-o", str(tmp_path / "出.docx"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    checked = run_cli("check", str(draft), cwd=tmp_path, timeout=300)
    assert "Traceback" not in checked.stderr and checked.returncode in (0, 1)


BOMB = "\n".join(
    ["---", 'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["org: 青禾县人民政府", "---", "", "# 主要举措和成效", "", "正文。", ""]
)


def test_alias_bomb_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(DraftFormatError) as err:
        loads(BOMB)
    assert "\n" not in str(err.value) and "别名" in str(err.value)
    draft = tmp_path / "炸弹.md"
    draft.write_text(BOMB, "utf-8")
    for command in ("show", "check", "export"):
        done = run_cli(command, str(draft), cwd=tmp_path, timeout=60)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "别名" in done.stderr


def test_single_alias_is_refused_too() -> None:
    """Drafts are written by us without anchors; one in a draft is someone's trick or a paste."""
    with pytest.raises(DraftFormatError):
        loads("---\norg: &o 青禾县人民政府\nshort: *o\n---\n\n正文。\n")


def test_deeply_nested_front_matter_is_one_line() -> None:
    text = "---\nextra: " + "[" * 5000 + "]" * 5000 + "\n---\n\n正文。\n"
    with pytest.raises(DraftFormatError) as err:
        loads(text)
    assert "\n" not in str(err.value)


def test_ordinary_front_matter_still_loads(tmp_path: Path) -> None:
    """Near miss: ampersands and asterisks inside quoted values are text, not anchors."""
    report = Report(meta=Meta(kind="fzzf", year=2026, org="青禾县 & 望潮区", title="*重要* &备注"))
    report.sections.append(Section(heading="主要举措和成效"))
    draft = tmp_path / "普通.md"
    save(report, draft)
    assert load(draft).meta.org == "青禾县 & 望潮区"
    assert loads(dumps(report)).meta.title == "*重要* &备注"


@pytest.mark.parametrize(
    "line",
    ["date: 2026-13-45", "date: 2026-02-30", "date: 2026-01-01T25:00:00", "date: !!timestamp 2026-99-01"],
)
def test_impossible_dates_are_one_line(line: str) -> None:
    with pytest.raises(DraftFormatError) as err:
        loads(f"---\n{line}\n---\n\n正文。\n")
    assert "日期" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("year", ["-5", "0", "99999", "10000"])
def test_years_outside_the_calendar_are_one_line(tmp_path: Path, year: str) -> None:
    with pytest.raises(DraftFormatError) as err:
        loads(f"---\nyear: {year}\n---\n\n正文。\n")
    assert "年份" in str(err.value)
    draft = tmp_path / "年份.md"
    draft.write_text(f"---\nyear: {year}\n---\n\n# 主要举措和成效\n\n正文。\n", "utf-8")
    done = run_cli("check", str(draft), cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
