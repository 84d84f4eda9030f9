"""``drafter export``: the report as a Word document laid out to GB/T 9704-2012, or its review copy."""

from __future__ import annotations

from pathlib import Path

import click

from ..export.layout import user_layout_path as _user_layout_path
from .common import echo_json, force_option, json_option
from .zh import ZhCommand


@click.command(cls=ZhCommand)
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), help="Word 文件保存路径（默认：与草稿同名的 .docx）")
@click.option("--review", is_flag=True, help="生成审阅稿：把检查发现的问题作为 Word 批注插在相应文字上")
@click.option(
    "--prior",
    type=click.Path(dir_okay=True),
    default=None,
    help="审阅稿核对用的上一年度报告（与 drafter check --prior 相同）",
)
@force_option
@json_option
def export(
    draft: str, output: str | None, review: bool, prior: str | None, force: bool, as_json: bool
) -> None:
    """把草稿导出为符合 GB/T 9704-2012 的 Word 文件（.docx）。

    版式（页边距、字体、行距、标题是否加粗等）按 GB/T 9704-2012，
    可在 {user_layout} 中只写需要改的项加以覆盖。
    """
    from ..app.documents import open_document
    from ..app.export import export_report, export_target

    source = Path(draft)
    doc = open_document(source)
    target = export_target(source, output, review, force)
    prior_doc = open_document(prior, doc.kind.id) if prior else None
    done = export_report(
        doc.report,
        doc.kind,
        target,
        review=review,
        prior=prior_doc.report if prior_doc else None,
        source_lines=doc.source_lines,
        overwrite=force,
    )
    findings = done.findings
    if as_json:
        echo_json(
            {
                "path": str(target),
                "review": review,
                "comments": len(findings) if review else 0,
                "findings": [f.to_dict() for f in findings],
                "title": doc.report.meta.title,
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
