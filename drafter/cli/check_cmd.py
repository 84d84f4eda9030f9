"""``drafter check FILE [--json] [--year Y] [--prior LAST-YEAR-FILE]``: what a reviewer would send back.

Exit code 0 when there is no error-level finding, 1 when there is one, 2 when a file cannot be read (the
exit code of :class:`~drafter.errors.DrafterError`). The human output groups findings by place, with the
generated section numbers, so the user can find each one in Word.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from ..findings import SEVERITY_ZH, Finding, Location
from ..model import Report
from .common import echo_json, json_option
from .zh import ZhCommand


def where(report: Report, loc: Location) -> str:
    """A place in words (see :func:`drafter.app.places.describe_location`)."""
    from ..app.places import describe_location

    return describe_location(report, loc)


def _group(loc: Location) -> tuple:
    return (loc.area if not loc.section else "section", loc.section)


def _parts_json(report: Report, verdicts: list[Any]) -> list[dict[str, Any]]:
    from ..app.places import number_path

    return [
        {
            "id": v.id,
            "name": v.name,
            "required": v.required,
            "found": v.present,
            "empty": v.empty,
            "places": [
                {"path": list(p), "number": number_path(p), "heading": report.section_at(p).heading}
                for p in v.places
            ],
        }
        for v in verdicts
    ]


def _print_human(path: str, report: Report, findings: list[Finding], verdicts: list[Any]) -> None:
    from ..app.places import area_name, number_path, section_label

    m = report.meta
    click.echo(f"检查：{path}")
    click.echo(f"标题：{m.title or '（无标题）'}　年度：{m.year or '未知'}　机关：{m.org or '未知'}")
    click.echo("")
    click.echo("必备内容：")
    for v in verdicts:
        if v.present and v.empty:
            click.echo(f"  ✗ {v.name}：{number_path(v.places[0])}只有标题，没有内容")
        elif v.present:
            places = "；".join(f"{number_path(p)}{report.section_at(p).heading[:30]}" for p in v.places)
            click.echo(f"  ✓ {v.name}：{places}")
        else:
            word = "未找到" if v.required != "hint" else "未找到（可不写）"
            click.echo(f"  ✗ {v.name}：{word}")
    counts = Counter(f.severity for f in findings)
    click.echo("")
    if not findings:
        click.echo("没有发现问题。")
        return
    summary = "，".join(f"{SEVERITY_ZH[s]} {counts[s]} 项" for s in ("error", "warning", "hint") if counts[s])
    click.echo(f"发现问题：{summary}")
    current = None
    for f in findings:
        group = _group(f.location)
        if group != current:
            current = group
            loc = f.location
            title = section_label(report, loc.section) if loc.section else area_name(loc.area)
            click.echo("")
            click.echo(f"【{title}】")
        place = ""
        if f.location.paragraph is not None:
            place = f"第{f.location.paragraph + 1}段："
        elif f.location.area == "heading":
            place = "标题："
        click.echo(f"  [{SEVERITY_ZH[f.severity]}] {place}{f.message}")
        if f.basis:
            click.echo(f"      依据：{f.basis}")


@click.command(cls=ZhCommand)
@click.argument("file", type=click.Path(dir_okay=True))
@json_option
@click.option("--year", type=int, default=None, help="报告所述年度（默认取文件中的年度）")
@click.option(
    "--prior",
    "prior",
    type=click.Path(dir_okay=True),
    default=None,
    help="上一年度的报告（任何可导入的文件），用于核对上年安排是否都已报告、数字是否照抄",
)
@click.option(
    "--kind", "kind_id", default=None, help="报告类型（默认：草稿中写明的类型，否则法治政府建设年度报告）"
)
def check(file: str, as_json: bool, year: int | None, prior: str | None, kind_id: str | None) -> int:
    """检查报告：必备内容、序号、年份、过时提法、遗留内容、上年安排、落款日期。

    有「错误」时退出码为 1，没有为 0；文件无法读取时为 2。
    """
    from ..app.review import check_path

    outcome = check_path(file, year=year, prior_path=prior, kind_id=kind_id)
    report, findings, verdicts = outcome.document.report, outcome.findings, outcome.verdicts
    if as_json:
        echo_json(
            {
                "file": file,
                "year": outcome.year,
                "title": report.meta.title,
                "parts": _parts_json(report, verdicts),
                "counts": outcome.counts,
                "findings": [{**f.to_dict(), "where": where(report, f.location)} for f in findings],
            }
        )
    else:
        _print_human(file, report, findings, verdicts)
    return 1 if outcome.has_errors else 0
