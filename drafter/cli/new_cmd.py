"""``drafter new``: start this year's draft, from the kind's outline or from last year's report."""

from __future__ import annotations

import click

from .common import echo_json, force_option, json_option
from .zh import ZhCommand


@click.command(cls=ZhCommand)
@click.option(
    "--kind", "kind_id", default=None, help="报告类型（drafter kinds 列出全部；默认：法治政府建设年度报告）"
)
@click.option("--year", type=int, help="报告所述年度，例如 2026（默认：10—12月为当年，1—9月为上一年）")
@click.option("--org", default="", help="发文机关全称，例如 某某区人民政府")
@click.option("--short", default="", help="机关自称简称，例如 我区、我县、本局")
@click.option("--recipient", default="", help="主送机关，例如 某某市人民政府")
@click.option("--date", "date_", default="", help="成文日期，例如 2026-01-06（可留空）")
@click.option(
    "--from", "from_file", type=click.Path(dir_okay=False), help="上一年度报告文件，据此结转生成今年的草稿"
)
@click.option("-o", "--output", type=click.Path(), help="草稿保存路径（.md）")
@click.option("--tui", is_flag=True, help="创建后在终端界面中打开")
@force_option
@json_option
def new(
    kind_id: str | None,
    year: int | None,
    org: str,
    short: str,
    recipient: str,
    date_: str,
    from_file: str | None,
    output: str | None,
    tui: bool,
    force: bool,
    as_json: bool,
) -> None:
    """新建本年度报告草稿（Markdown 文件）。"""
    from ..app.create import create_draft, parse_date
    from ..app.kinds import resolve_kind
    from ..outline_json import report_to_dict

    kind = resolve_kind(kind_id)
    created = create_draft(
        kind,
        year,
        org=org,
        short=short,
        recipient=recipient,
        date=parse_date(date_),
        prior_file=from_file,
        output=output,
        force=force,
    )
    for w in created.warnings:
        click.echo(f"提示：{w}", err=True)
    if as_json:
        echo_json(
            {
                "path": str(created.path),
                "warnings": created.warnings,
                "report": report_to_dict(created.report),
            }
        )
    else:
        click.echo(f"已创建草稿：{created.path}")
    if tui:
        from .tui_cmd import open_editor

        open_editor(created.path)
