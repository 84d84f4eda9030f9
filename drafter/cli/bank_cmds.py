"""``drafter bank list | remove SOURCE | stats``: what a phrasebank holds, and taking a report out of it."""

from __future__ import annotations

import click

from .common import echo_json, json_option
from .zh import ZhGroup

_BANK = click.option(
    "--bank",
    "bank_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="哪个词句库文件（默认：用户词句库）",
)


@click.group(cls=ZhGroup)
def bank() -> None:
    """查看和整理词句库：列出来源报告、删除误挖掘的报告、统计。"""


@bank.command("list")
@_BANK
@json_option
def list_(bank_path: str | None, as_json: bool) -> None:
    """列出词句库挖掘自哪些报告（编号、文件、标题、年度）。"""
    from ..app.banks import list_reports

    rows = list_reports(bank_path)
    if as_json:
        echo_json({"reports": rows})
        return
    if not rows:
        click.echo("（词句库中还没有报告）")
    for r in rows:
        year = f"{r['year']}年" if r["year"] else "年度不详"
        origin = "（参考材料）" if r["origin"] == "reference" else ""
        click.echo(
            f"{r['id']:>4}. {r['name']}　{r['title'] or '（无标题）'}　{year}{origin}　{r['occurrences']} 处"
        )


@bank.command("remove")
@click.argument("source")
@_BANK
@json_option
def remove(source: str, bank_path: str | None, as_json: bool) -> None:
    """从词句库中删除一份报告（SOURCE：编号、文件名或路径）及只来自它的词句。"""
    from ..app.banks import remove_report

    result = remove_report(source, bank_path)
    if as_json:
        echo_json(result)
        return
    click.echo(
        f"已删除「{result['removed']}」：去掉 {result['occurrences_removed']} 处出现、"
        f"{result['phrases_removed']} 条只来自它的词句；词句库还剩 {result['phrases_left']} 条"
    )


@bank.command("stats")
@_BANK
@json_option
def stats(bank_path: str | None, as_json: bool) -> None:
    """统计词句库：报告数、词句数、各部分分布、覆盖年度。"""
    from ..app.banks import bank_stats

    s = bank_stats(bank_path)
    if as_json:
        echo_json(s)
        return
    years = f"{s['years'][0]}—{s['years'][1]}年" if s["years"] else "年度不详"
    click.echo(f"词句库：{s['bank']}（{s['size_mb']} MB）")
    click.echo(f"报告 {s['reports']} 份（{years}），词句 {s['phrases']} 条，片段 {s['fragments']} 条")
    click.echo(f"见于两份以上报告的词句 {s['phrases_in_several_reports']} 条")
    index = "已存储" if s["index"] == "stored" else "打开时重建"
    click.echo(f"检索索引：{index}（{s['index_mb']} MB）")
    from ..app.kinds import resolve_kind
    from ..app.labels import part_name

    kind = resolve_kind(None)
    for part, n in s["phrases_by_part"].items():
        click.echo(f"  {part_name(kind, part) or part}：{n}")
