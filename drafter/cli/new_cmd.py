"""``drafter new``: start this year's draft, from the kind's outline or from last year's report."""

from __future__ import annotations

import datetime as _dt

import click

from ..draft import save
from ..errors import UsageError
from ..kinds import get_kind
from ..outline_json import report_to_dict
from .common import check_output_path, echo_json, force_option, json_option


def default_output(org: str, year: int) -> str:
    name = f"{org}{year}年法治政府建设年度报告" if org else f"{year}年度报告"
    return f"{name}.md".replace("/", "_")


@click.command()
@click.option(
    "--kind", "kind_id", default="fzzf", show_default=True, help="报告类型（drafter kinds 列出全部）"
)
@click.option("--year", type=int, help="报告所述年度，例如 2025（默认：去年）")
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
    kind_id: str,
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
    kind = get_kind(kind_id)
    if year is None:
        year = _dt.date.today().year - 1
    kind.check_year(year)
    date = None
    if date_:
        try:
            date = _dt.date.fromisoformat(date_)
        except ValueError as exc:
            raise UsageError(f"日期「{date_}」格式不对，请写成 2026-01-06") from exc
    if from_file:
        from ..rollforward import roll_forward_file

        report = roll_forward_file(from_file, year=year, kind=kind, org=org, short=short, recipient=recipient)
        if date:
            report.meta.date = date
    else:
        report = kind.new_report(year, org.strip(), short.strip(), recipient.strip(), date)
    path = check_output_path(output or default_output(report.meta.org, year), force)
    save(report, path)
    if as_json:
        echo_json({"path": str(path), "report": report_to_dict(report)})
    else:
        click.echo(f"已创建草稿：{path}")
    if tui:
        from .tui_cmd import open_editor

        open_editor(path)
