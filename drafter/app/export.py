"""Exporting: one naming rule and one overwrite policy for the Word file and the review copy.

The review copy's comments are the findings of :func:`drafter.app.review.check_findings` with the same
prior report, so a review copy made from the CLI and one made from the TUI carry the same comments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..findings import Finding
from ..kinds import Kind
from ..model import Report
from .review import check_findings


@dataclass
class Exported:
    path: Path
    review: bool
    findings: list[Finding] = field(default_factory=list)


def default_export_path(draft: Path, review: bool) -> Path:
    """Beside the draft, named after it; never the draft itself when the draft is a .docx."""
    stem = draft.stem
    if review:
        return draft.with_name(f"{stem}（审阅稿）.docx")
    if draft.suffix.lower() == ".docx":
        return draft.with_name(f"{stem}（排版）.docx")
    return draft.with_name(f"{stem}.docx")


def check_output_path(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse to clobber an existing file without ``force``, and to write into a missing folder."""
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"输出路径 {p} 是一个文件夹，请给出文件名")
    if p.exists() and not force:
        raise UsageError(f"文件 {p} 已存在；如需覆盖请加 --force")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"无法写入 {p}：文件夹 {parent} 不存在")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"无法写入 {p}：没有权限写入文件夹 {parent}")
    return p


def export_target(source: Path, output: str | os.PathLike[str] | None, review: bool, force: bool) -> Path:
    """Where an export goes: ``output`` or the default name; never the source, always a .docx."""
    target = Path(output) if output else default_export_path(source, review)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise UsageError("输出文件不能与草稿是同一个文件，请用 -o 指定另一个文件名")
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件 {target.name} 应以 .docx 结尾")
    return check_output_path(target, force)


def export_report(
    report: Report,
    kind: Kind,
    target: Path,
    *,
    review: bool = False,
    prior: Report | None = None,
    source_lines: list[str] | None = None,
    overwrite: bool = True,
) -> Exported:
    """Write the Word file (or the review copy with the findings as comments).

    ``overwrite=False`` (``--force`` not given) creates the file exclusively: checking that the name is
    free beforehand is not enough when two exports run at once."""
    from ..export import export_docx, load_layout

    findings = (
        check_findings(report, kind, prior=prior, source_lines=source_lines, year=report.meta.year)
        if review
        else []
    )
    from .ending import export_view

    export_docx(
        export_view(report),
        target,
        review=review,
        findings=findings,
        layout=load_layout(kind.root),
        kind=kind,
        exclusive=not overwrite,
    )
    return Exported(target, review, findings)
