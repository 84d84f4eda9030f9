"""``drafter kinds`` and ``drafter show``."""

from __future__ import annotations

import click

from ..draft import load
from ..kinds import available_kinds, get_kind
from ..numbering import numbered_outline
from ..outline_json import report_to_dict
from .common import echo_json, json_option
from .zh import ZhCommand


@click.command(cls=ZhCommand)
@json_option
def kinds(as_json: bool) -> None:
    """列出已安装的报告类型。"""
    rows = []
    for name in available_kinds():
        try:
            kind = get_kind(name)
        except Exception as exc:
            click.echo(f"警告：{exc}", err=True)
            continue
        rows.append({"id": kind.id, "name": kind.name, "parts": [p.id for p in kind.parts]})
    if as_json:
        echo_json({"kinds": rows})
        return
    for row in rows:
        click.echo(f"{row['id']}\t{row['name']}")


@click.command(cls=ZhCommand)
@click.argument("file", type=click.Path(dir_okay=True))
@json_option
def show(file: str, as_json: bool) -> None:
    """显示草稿的提纲（带自动生成的序号）。"""
    from ..app.documents import is_draft_path, is_packaged_file, open_document
    from ..app.kinds import resolve_kind
    from ..app.labels import part_name

    # A .docx saved under a draft's name (or any other report file) is imported, as check and export do.
    report = load(file) if is_draft_path(file) and not is_packaged_file(file) else open_document(file).report
    try:
        kind = resolve_kind(None, report)
    except Exception:  # a draft of a kind that is not installed still shows its outline
        kind = None
    if as_json:
        echo_json(report_to_dict(report))
        return
    m = report.meta
    click.echo(m.title or "（无标题）")
    facts = [f"年度：{m.year or '未知'}", f"机关：{m.org or '未填'}"]
    if m.short:
        facts.append(f"简称：{m.short}")
    click.echo("  ".join(facts))
    click.echo("")
    for path, label, section in numbered_outline(report):
        indent = "  " * (len(path) - 1)
        tag = f"  [{part_name(kind, section.part)}]" if section.part else ""
        carried = sum(1 for p in section.paragraphs if p.carried)
        note = f"（{len(section.paragraphs)} 段" + (f"，{carried} 段沿用上年" if carried else "") + "）"
        click.echo(f"{indent}{label}{section.heading}{tag}{note if section.paragraphs else '（空）'}")
