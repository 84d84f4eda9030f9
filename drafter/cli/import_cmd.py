"""``drafter import``: read a report as found (Word, WPS, web page, text) into a draft."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_json, force_option, json_option
from .zh import ZhCommand


@click.command("import", cls=ZhCommand)
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="草稿保存路径（.md，默认：与原文件同名）"
)
@click.option("--kind", "kind_id", default=None, help="报告类型（默认：法治政府建设年度报告）")
@click.option("--simplify", is_flag=True, help="把繁体字正文转换为简体字（默认保留原文）")
@force_option
@json_option
def import_(
    file: Path, output: Path | None, kind_id: str | None, simplify: bool, force: bool, as_json: bool
) -> None:
    """导入已有报告（.docx .doc .wps .txt .html .md），识别标题层级和元数据，保存为草稿。"""
    from ..app.importing import import_to_draft
    from ..app.labels import FIELD_LABELS, part_name
    from ..numbering import numbered_outline
    from ..outline_json import report_to_dict

    done = import_to_draft(file, output, kind_id=kind_id, simplify=simplify, force=force)
    result, report, kind = done.result, done.result.report, done.kind
    if as_json:
        if done.renamed:
            click.echo(f"提示：同名草稿已存在，本次导入的草稿保存为 {done.path}", err=True)
        echo_json(
            {
                "path": str(done.path),
                "renamed": done.renamed,
                "source_format": result.source_format,
                "traditional": result.traditional,
                "confidence": result.confidence,
                "warnings": result.warnings,
                "parts": {pid: [list(p) for p in paths] for pid, paths in done.located.items()},
                "report": report_to_dict(report),
            }
        )
        return
    meta = report.meta
    click.echo(f"已导入 {file} → {done.path}" + ("（同名草稿已存在，另存为此名）" if done.renamed else ""))
    values = {
        "title": meta.title,
        "org": meta.org,
        "recipient": meta.recipient,
        "year": meta.year,
        "date": meta.date.isoformat() if meta.date else None,
        "short": meta.short,
    }
    for name, label in FIELD_LABELS.items():
        value = values[name]
        conf = result.confidence.get(name, 0.0)
        shown = value if value not in (None, "") else "（未能识别）"
        note = "" if not value else ("" if conf >= 0.8 else f"（可信度 {conf:.1f}，请核对）")
        click.echo(f"  {label}：{shown}{note}")
    heads = [(path, label, s) for path, label, s in numbered_outline(report) if len(path) <= 2]
    click.echo(f"  大纲：共 {sum(1 for _ in report.walk())} 个标题（以下列出前两级）")
    for path, label, section in heads:
        tag = f"  [{part_name(kind, section.part)}]" if section.part else ""
        click.echo(f"  {'  ' * len(path)}{label}{section.heading}{tag}")
    absent = [
        part_name(kind, pid)
        for pid, paths in done.located.items()
        if not paths and (kind.part(pid) is None or kind.part(pid).required != "hint")  # type: ignore[union-attr]
    ]
    if absent:
        click.echo(f"  未找到的部分：{'、'.join(absent)}")
    for w in result.warnings:
        click.echo(f"提示：{w}", err=True)
