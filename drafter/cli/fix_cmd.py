"""``drafter fix FILE [--dry-run] [--json]``: apply the automatic punctuation and number fixes.

A thin wrapper of :func:`drafter.app.fix.fix_file`: it prints each changed text before and after, and where
the previous version was kept.
"""

from __future__ import annotations

import click

from .common import echo_json, json_option


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--kind", "kind_id", default=None, help="报告类型（默认取草稿中记录的类型）")
@click.option("--dry-run", is_flag=True, help="只列出会改正的地方，不写入文件")
@json_option
def fix(path: str, kind_id: str | None, dry_run: bool, as_json: bool) -> None:
    """自动改正半角标点、汉字年份、年份区间连接号（GB/T 15834、GB/T 15835）。

    改正前的文件保存为「文件名.bak」；只改标点和数字，其他内容不变。
    """
    from ..app.fix import fix_file

    outcome = fix_file(path, kind_id, dry_run=dry_run)
    if as_json:
        echo_json(outcome.to_dict())
        return
    if not outcome.changes:
        click.echo("没有需要自动改正的标点和数字。")
        return
    verb = "将改正" if dry_run else "已改正"
    click.echo(f"{verb} {outcome.count} 处（{len(outcome.changes)} 段）：{path}")
    for c in outcome.changes:
        marks = "、".join(f"「{e.old.strip()}」→「{e.new}」" for e in c.edits[:6])
        more = f" 等{len(c.edits)}处" if len(c.edits) > 6 else ""
        click.echo(f"  {c.where}：{marks}{more}")
    if outcome.backup is not None:
        click.echo(f"原文件已备份为：{outcome.backup}")
