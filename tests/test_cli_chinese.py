"""Every screen of the CLI a user reads is Chinese: help, usage, and click's own error messages."""

from __future__ import annotations

import re

import pytest

from .conftest import run_cli

#: Words that may appear in Chinese text: our name, file formats and standards, and option names.
ALLOWED = {"drafter", "JSON", "json", "docs", "md", "Word", "WPS", "GB", "T", "docx", "doc", "wps", "txt"}
ALLOWED |= {"html", "toml", "Markdown", "LibreOffice", "PDF", "rules", "layout", "config", "root", "kinds"}
# Sub-command names are typed as they are, like option names.
ALLOWED |= {"new", "show", "import", "check", "mine", "suggest", "export", "edit", "fix", "bank", "serve"}
ALLOWED |= {"history", "restore"}
ALLOWED |= {"off", "error", "warning", "hint", "required", "other", "leftovers", "carried", "py", "sqlite"}


def english_words(text: str) -> list[str]:
    text = re.sub(r"(?<![\w-])--?[\w-]+", "", text)  # option names stay as typed
    text = re.sub(r"\S*/\S*", "", text)  # paths
    text = re.sub(r"「[^」]*」", "", text)  # what the user typed, quoted back
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED]


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("check", "--help"),
        ("new", "--help"),
        ("export", "--help"),
        ("import", "--help"),
        ("suggest", "--help"),
        ("mine", "--help"),
        ("rules", "--help"),
    ],
)
def test_help_is_chinese(args: tuple[str, ...]) -> None:
    out = run_cli(*args)
    assert out.returncode == 0, out.stderr
    assert "用法：" in out.stdout and "显示本帮助并退出" in out.stdout
    assert english_words(out.stdout) == [], out.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new", "--year", "abc"), "「abc」不是整数"),
        (("check",), "缺少参数"),
        (("check", "--yaer", "3", "x.md"), "没有选项 --yaer"),
        (("nosuchcommand",), "没有子命令"),
        (("show", "a.md", "b.md"), "多余的参数"),
        (("check", "x.md", "--year"), "需要一个值"),
    ],
)
def test_usage_errors_are_chinese(args: tuple[str, ...], expected: str) -> None:
    out = run_cli(*args)
    assert out.returncode == 2
    assert expected in out.stderr, out.stderr
    assert english_words(out.stderr) == [], out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("typed", "part"),
    [
        ("不足", "shortcomings"),
        ("安排", "plan"),
        ("第一责任人", "leadership"),
        ("主要举措和成效", "measures"),
        ("measures", "measures"),
    ],
)
def test_part_accepts_chinese_names_and_short_forms(typed: str, part: str) -> None:
    import json

    out = run_cli("suggest", "--part", typed, "--json", "存在")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["part"] == part


def test_unknown_part_lists_chinese_names() -> None:
    out = run_cli("suggest", "--part", "不存在的部分", "x")
    assert out.returncode == 2 and "存在的不足和原因" in out.stderr and "shortcomings" not in out.stderr


def test_human_suggest_output_names_parts_in_chinese() -> None:
    out = run_cli("suggest", "--part", "不足", "存在")
    assert out.returncode == 0, out.stderr
    assert "〔存在的不足和原因·" in out.stdout or "（没有找到" in out.stdout
    assert "〔shortcomings" not in out.stdout
