"""Nothing hangs: a draft path that is a FIFO or a device, and absurd numbers in the user's layout.toml,
end in one Chinese line within seconds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.draft import save
from drafter.errors import DrafterError, InputError
from drafter.export.layout import load_layout
from drafter.model import Meta, Paragraph, Report, Section

from .conftest import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _report() -> Report:
    report = Report(meta=Meta(kind="fzzf", year=2026, org="青禾县人民政府"))
    report.sections.append(Section(heading="主要举措和成效", part="measures"))
    report.sections[0].paragraphs.append(Paragraph("推进严格规范公正文明执法。"))
    return report


@pytest.mark.parametrize("name", ["草稿.md", "报告.txt", "报告.docx"])
@pytest.mark.parametrize("command", ["show", "check", "export"])
def test_fifo_is_refused_not_waited_on(tmp_path: Path, name: str, command: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    args = [command, str(fifo)] + (["-o", str(tmp_path / "出.docx")] if command == "export" else [])
    done = run_cli(*args, cwd=tmp_path, timeout=30)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "普通文件" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_fifo_draft_is_refused_by_the_editor(tmp_path: Path) -> None:
    from tui.app import make_app

    fifo = tmp_path / "草稿.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError):
        make_app(fifo)


def test_fifo_prior_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "草稿.md"
    save(_report(), draft)
    fifo = tmp_path / "上年.md"
    os.mkfifo(fifo)
    done = run_cli("check", str(draft), "--prior", str(fifo), cwd=tmp_path, timeout=30)
    assert done.returncode == 2 and "普通文件" in done.stderr


def test_device_is_refused(tmp_path: Path) -> None:
    from drafter.draft import load

    with pytest.raises(InputError):
        load("/dev/zero")


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("title", "blank_lines_after", "100000"),
        ("signature", "blank_lines_before", "5000000"),
        ("attachments", "blank_lines_before", "99999"),
        ("page", "width_mm", "1e300"),
        ("page", "height_mm", "1e300"),
        ("page", "left_mm", "1e300"),
        ("grid", "lines_per_page", "1000000"),
        ("grid", "chars_per_line", "1000000000"),
        ("grid", "line_pitch_pt", "1e200"),
        ("sizes", "body_pt", "1e300"),
        ("body", "first_line_indent_chars", "1e300"),
        ("signature", "org_right_chars", "1e18"),
        ("page_number", "side_indent_chars", "1e300"),
    ],
)
def test_absurd_layout_numbers_are_one_line(tmp_path: Path, table: str, key: str, value: str) -> None:
    layout = tmp_path / "layout.toml"
    layout.write_text(f"[{table}]\n{key} = {value}\n", "utf-8")
    with pytest.raises(InputError) as err:
        load_layout(user_file=layout)
    message = str(err.value)
    assert f"[{table}] {key}" in message and "\n" not in message


def test_absurd_layout_in_the_user_folder_stops_export(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "drafter").mkdir(parents=True)
    (config / "drafter" / "layout.toml").write_text("[title]\nblank_lines_after = 100000\n", "utf-8")
    draft = tmp_path / "草稿.md"
    save(_report(), draft)
    done = run_cli("export", str(draft), cwd=tmp_path, timeout=60, env={"XDG_CONFIG_HOME": str(config)})
    assert done.returncode == 2, done.stderr
    assert "blank_lines_after" in done.stderr and "Traceback" not in done.stderr


def test_ordinary_layout_changes_still_load(tmp_path: Path) -> None:
    """Near miss: real house styles (a wider margin, two blank lines, 3 mm smaller page) still load."""
    layout = tmp_path / "layout.toml"
    layout.write_text(
        "[page]\nleft_mm = 30\nwidth_mm = 207\n[title]\nblank_lines_after = 2\n"
        "[signature]\nblank_lines_before = 3\n[grid]\nlines_per_page = 20\n",
        "utf-8",
    )
    got = load_layout(user_file=layout)
    assert (got.page_left_mm, got.title_blank_lines_after, got.grid_lines_per_page) == (30.0, 2, 20)
    assert isinstance(got.page_width_mm, float)
    assert not isinstance(got, DrafterError)


@pytest.mark.parametrize("data", [b"\xff\xfe[page]", "[page]\nleft_mm = 30 # 左边距\n".encode("gbk")])
def test_layout_file_not_in_utf8_is_one_line(tmp_path: Path, data: bytes) -> None:
    layout = tmp_path / "layout.toml"
    layout.write_bytes(data)
    with pytest.raises(InputError) as err:
        load_layout(user_file=layout)
    assert "UTF-8" in str(err.value)
