"""``drafter export``: the report as a Word document laid out to GB/T 9704-2012, or its review copy."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..export.layout import user_layout_path as _user_layout_path
from ..model import Report
from .common import check_output_path, echo_json, force_option, json_option


def _read(draft: str) -> Report:
    """A draft (.md) as saved, or any file the importer reads (.docx, .doc, .txt, .html)."""
    try:
        from ..importing import read_report
    except ImportError:  # the importer is optional at this layer: drafts always work
        from ..draft import load

        return load(draft)
    return read_report(draft)


def default_output(draft: Path, review: bool) -> Path:
    """Beside the draft, named after it; never the draft itself when the draft is a .docx."""
    stem = draft.stem
    if review:
        return draft.with_name(f"{stem}（审阅稿）.docx")
    if draft.suffix.lower() == ".docx":
        return draft.with_name(f"{stem}（排版）.docx")
    return draft.with_name(f"{stem}.docx")


@click.command()
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), help="Word 文件保存路径（默认：与草稿同名的 .docx）")
@click.option("--review", is_flag=True, help="生成审阅稿：把检查发现的问题作为 Word 批注插在相应文字上")
@force_option
@json_option
def export(draft: str, output: str | None, review: bool, force: bool, as_json: bool) -> None:
    """把草稿导出为符合 GB/T 9704-2012 的 Word 文件（.docx）。

    版式（页边距、字体、行距、标题是否加粗等）取自报告类型的 layout.toml，
    可在 {user_layout} 中只写需要改的项加以覆盖。
    """
    from ..export import export_docx

    source = Path(draft)
    report = _read(draft)
    target = Path(output) if output else default_output(source, review)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise UsageError("输出文件不能与草稿是同一个文件，请用 -o 指定另一个文件名")
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件 {target.name} 应以 .docx 结尾")
    target = check_output_path(target, force)
    findings = []
    if review:
        try:
            from ..checks import check_report
        except ImportError as exc:
            raise UsageError("此版本尚未包含检查功能，无法生成审阅稿；请去掉 --review 导出") from exc
        findings = list(check_report(report))
    export_docx(report, target, review=review, findings=findings)
    if as_json:
        echo_json(
            {
                "path": str(target),
                "review": review,
                "comments": len(findings) if review else 0,
                "findings": [f.to_dict() for f in findings],
                "title": report.meta.title,
                "user_layout": str(_user_layout_path()) if _user_layout_path().is_file() else None,
            }
        )
        return
    if review:
        click.echo(f"已生成审阅稿：{target}（{len(findings)} 条批注）")
    else:
        click.echo(f"已导出：{target}")


# Show where the user's layout file goes on this machine (platformdirs differs by system).
export.help = (export.help or "").replace("{user_layout}", str(_user_layout_path()))
