"""Files the drafter creates respect the user: the umask for new drafts and exports (not 0600), the mode
of a file it replaces (and of its backup), and one winner when two exports race for one new name."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.app.create import create_draft
from drafter.app.export import export_report
from drafter.atomic import atomic_write_text
from drafter.draft import save
from drafter.errors import UsageError
from drafter.kinds import get_kind
from drafter.model import Meta, Paragraph, Report, Section

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
FZZF = get_kind("fzzf")


def _report() -> Report:
    report = Report(meta=Meta(kind="fzzf", year=2026, org="望潮区人民政府"))
    report.sections.append(Section(heading="主要举措和成效", part="measures"))
    report.sections[0].paragraphs.append(Paragraph("推进行政复议规范化建设。"))
    return report


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():  # type: ignore[no-untyped-def]
    def set_mask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path: Path, umask, mask: int, expected: int) -> None:  # type: ignore[no-untyped-def]
    umask(mask)
    draft = tmp_path / "草稿.md"
    save(_report(), draft)
    assert _mode(draft) == expected
    out = tmp_path / "导出.docx"
    export_report(_report(), FZZF, out, overwrite=False)
    assert _mode(out) == expected
    created = create_draft(FZZF, 2026, org="某某县人民政府", folder=tmp_path)
    assert _mode(created.path) == expected


def test_cli_import_and_export_follow_the_umask(tmp_path: Path) -> None:
    src = tmp_path / "报告.txt"
    src.write_text("青禾县2026年法治政府建设情况报告\n一、主要举措和成效\n推进依法行政。\n", "utf-8")
    code = (
        "import os; os.umask(0o022); from drafter.cli import run; import sys; "
        "sys.argv=['drafter', *sys.argv[1:]]; run()"
    )
    for args in (["import", str(src), "-o", str(tmp_path / "d.md")], ["export", str(tmp_path / "d.md")]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    assert _mode(tmp_path / "d.md") == 0o644
    assert _mode(tmp_path / "d.docx") == 0o644


@pytest.mark.parametrize("mode", [0o600, 0o664, 0o640])
def test_replacing_keeps_the_mode_and_the_backup_is_as_private(tmp_path: Path, umask, mode: int) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "草稿.md"
    save(_report(), draft)
    draft.chmod(mode)
    changed = _report()
    changed.sections[0].paragraphs.append(Paragraph("新增一段。"))
    save(changed, draft)
    assert _mode(draft) == mode
    assert _mode(tmp_path / "草稿.md.bak") == mode


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    for i in range(5):
        atomic_write_text(tmp_path / "a.md", f"第{i}版\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.md.bak"]


def test_exclusive_export_refuses_a_file_created_meanwhile(tmp_path: Path) -> None:
    out = tmp_path / "导出.docx"
    out.write_bytes(b"another program's file")
    with pytest.raises(UsageError) as err:
        export_report(_report(), FZZF, out, overwrite=False)
    assert "已存在" in str(err.value)
    assert out.read_bytes() == b"another program's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["导出.docx"]


def test_two_exports_race_for_one_new_name(tmp_path: Path) -> None:
    draft = tmp_path / "草稿.md"
    save(_report(), draft)
    out = tmp_path / "同名.docx"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    code = "from drafter.cli import run; run()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, "export", str(draft), "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    said_done = [r for r in results if "已导出" in r[1]]
    assert len(said_done) <= 1, results
    assert sum(1 for r in results if r[0] == 0) == len(said_done)
    assert all("Traceback" not in r[2] for r in results)
    assert out.is_file() and not (tmp_path / "同名.docx.bak").exists()


def test_force_twice_both_succeed(tmp_path: Path) -> None:
    """Near miss: with --force (overwrite) a second export replaces the first, keeping .bak."""
    out = tmp_path / "x.docx"
    export_report(_report(), FZZF, out, overwrite=True)
    changed = _report()
    changed.sections[0].paragraphs.append(Paragraph("又一段。"))
    export_report(changed, FZZF, out, overwrite=True)
    assert (tmp_path / "x.docx.bak").exists()


def test_two_imports_to_the_default_name_get_two_drafts(tmp_path: Path) -> None:
    from drafter.app.importing import import_to_draft

    src = tmp_path / "来源.txt"
    src.write_text("望潮区2026年法治政府建设情况报告\n一、主要举措和成效\n推进依法行政。\n", "utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        first = import_to_draft(src)
        second = import_to_draft(src)
    finally:
        os.chdir(cwd)
    assert (
        first.path != second.path and (tmp_path / first.path).is_file() and (tmp_path / second.path).is_file()
    )
