"""``drafter rules``: every rule the checker can report, its severity, and how to switch it off."""

from __future__ import annotations

import click

from .common import echo_json, json_option
from .zh import ZhCommand

_SEV = {"error": "错误", "warning": "警告", "hint": "提示", "off": "关闭"}


@click.command(cls=ZhCommand)
@click.option(
    "--kind", "kind_id", default=None, help="按此报告类型列出生效的严重程度（默认：法治政府建设年度报告）"
)
@json_option
def rules(kind_id: str | None, as_json: bool) -> None:
    """列出全部检查规则及其严重程度。

    在 {user_rules} 中可关闭规则或改变严重程度，例如：
    [rules] "required.other" = "off"
    """
    from ..app.kinds import resolve_kind
    from ..app.rules import rule_rows, settings_for_user

    kind = resolve_kind(kind_id)
    settings, where = settings_for_user()
    rows = rule_rows(kind, settings)
    if as_json:
        echo_json({"kind": kind.id, "user_rules": where, "rules": rows})
        return
    family = None
    for row in rows:
        if row["family"] != family:
            family = row["family"]
            click.echo(f"【{row['family_name']}】")
        click.echo(f"  {row['id']}\t{row['name']}\t{_SEV[row['severity']]}\t{row['description']}")


def _help() -> str:
    from ..checks.user_rules import user_rules_path

    return str(user_rules_path())


rules.help = (rules.help or "").replace("{user_rules}", _help())
