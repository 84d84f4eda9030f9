"""`drafter new`, `show` and `kinds` as a user runs them, bad arguments included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

PARTS = ["measures", "shortcomings", "leadership", "plan"]


def test_new_and_show_json(tmp_path: Path) -> None:
    out = run_cli(
        "new", "--year", "2025", "--org", "测试区人民政府", "--short", "我区", "-o", "x.md", cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert "已创建草稿" in out.stdout
    show = run_cli("show", "x.md", "--json", cwd=tmp_path)
    data = json.loads(show.stdout)
    assert [s["part"] for s in data["outline"]] == PARTS
    assert [s["number"] for s in data["outline"]] == ["一、", "二、", "三、", "四、"]
    tasks = data["outline"][0]["children"]
    assert tasks[0]["heading"] == "深入学习贯彻习近平法治思想" and tasks[0]["number"] == "（一）"
    assert len(tasks) == 10
    assert data["meta"]["year"] == 2025 and data["meta"]["short"] == "我区"


def test_show_human(tmp_path: Path) -> None:
    run_cli("new", "--year", "2019", "--org", "某局", "-o", "y.md", cwd=tmp_path)
    out = run_cli("show", "y.md", cwd=tmp_path)
    assert out.returncode == 0
    assert "一、2019年推进法治政府建设的主要举措和成效" in out.stdout
    assert "（七）全面提高政府工作人员法治思维和依法行政能力" in out.stdout


def test_new_default_name_and_force(tmp_path: Path) -> None:
    out = run_cli("new", "--year", "2024", "--org", "某某县人民政府", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "某某县人民政府2024年法治政府建设年度报告.md").exists()
    again = run_cli("new", "--year", "2024", "--org", "某某县人民政府", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    forced = run_cli("new", "--year", "2024", "--org", "某某县人民政府", "--force", cwd=tmp_path)
    assert forced.returncode == 0


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["new", "--year", "1850", "-o", "a.md"], "1850"),
        (["new", "--year", "3000", "-o", "a.md"], "3000"),
        (["new", "--year", "abc"], "参数错误"),
        (["new", "--kind", "nope", "-o", "a.md"], "未知的报告类型"),
        (["new", "--year", "2025", "-o", "/nonexistent-dir/a.md"], "不存在"),
        (["new", "--date", "2026-13-01", "-o", "a.md"], "日期"),
        (["show", "missing.md"], "找不到"),
        (["nosuchcommand"], "参数错误"),
    ],
)
def test_bad_arguments_one_line_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    out = run_cli(*args, cwd=tmp_path)
    assert out.returncode == 2
    assert fragment in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_unwritable_path_as_file_parent(tmp_path: Path) -> None:
    # Works for root too: a path whose parent is a file cannot be written by anyone.
    (tmp_path / "afile").write_text("x")
    out = run_cli("new", "--year", "2025", "-o", str(tmp_path / "afile" / "a.md"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_kinds_lists_builtin() -> None:
    out = run_cli("kinds")
    assert out.returncode == 0 and "fzzf\t法治政府建设年度报告" in out.stdout
