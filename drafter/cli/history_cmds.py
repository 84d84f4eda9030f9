"""``drafter history DRAFT`` and ``drafter restore DRAFT VERSION``: every saved version, and getting one back."""

from __future__ import annotations

import click

from .common import echo_json, json_option
from .zh import ZhCommand


@click.command(cls=ZhCommand)
@click.argument("draft", type=click.Path(dir_okay=False))
@json_option
def history(draft: str, as_json: bool) -> None:
    """列出草稿的历史版本（每次保存都会留下一个版本；最新的在前）。"""
    from ..app.versions import list_versions

    rows = list_versions(draft)
    if as_json:
        echo_json({"draft": draft, "versions": [r.to_json() for r in rows]})
        return
    if not rows:
        click.echo(f"{draft} 还没有历史版本")
        return
    for r in rows:
        click.echo(f"{r.number:>3}. {r.version.saved:%Y-%m-%d %H:%M:%S}　{r.sections} 个小节　{r.chars} 字")
    click.echo(f"用 drafter restore {draft} 序号 恢复某个版本（当前内容会先保存为一个版本）")


@click.command(cls=ZhCommand)
@click.argument("draft", type=click.Path(dir_okay=False))
@click.argument("version")
@json_option
def restore(draft: str, version: str, as_json: bool) -> None:
    """把草稿恢复为某个历史版本（序号或版本号）；当前内容先保存为一个版本，恢复也可撤销。"""
    from ..app.versions import restore_version

    v = restore_version(draft, version)
    if as_json:
        echo_json({"draft": draft, "restored": v.id, "saved": v.saved.isoformat(timespec="seconds")})
        return
    click.echo(f"已恢复 {draft} 为 {v.saved:%Y-%m-%d %H:%M:%S} 保存的版本")
