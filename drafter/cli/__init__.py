"""The ``drafter`` command line.

Sub-commands live in their own modules and are imported only when invoked, so ``drafter show`` never pays
for jieba or python-docx. Every error a user can cause ends as one Chinese line on stderr and a non-zero
exit code (2 for bad arguments or unreadable input), never a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from ..errors import DrafterError
from .zh import ZhGroup, error_message

#: command name → "module:attribute" (relative to this package).
COMMANDS: dict[str, str] = {
    "new": ".new_cmd:new",
    "kinds": ".basic_cmds:kinds",
    "show": ".basic_cmds:show",
    "import": ".import_cmd:import_",
    "check": ".check_cmd:check",
    "fix": ".fix_cmd:fix",
    "mine": ".phrase_cmds:mine",
    "suggest": ".phrase_cmds:suggest",
    "bank": ".bank_cmds:bank",
    "export": ".export_cmd:export",
    "rules": ".rules_cmd:rules",
    "history": ".history_cmds:history",
    "restore": ".history_cmds:restore",
    "edit": ".tui_cmd:edit",
    "serve": ".serve_cmd:serve",
}


class LazyGroup(ZhGroup):
    """A click group whose sub-commands are imported on first use (fast start-up)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def _available(self, name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module, __name__) is not None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module, __name__), attr)
        return cmd


@click.group(
    cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="drafter", message="drafter %(version)s", help="显示版本号并退出")
@click.pass_context
def main(ctx: click.Context) -> None:
    """drafter：离线撰写法治政府建设年度报告的助手。

    不带参数运行时打开终端界面；各项功能也可用下列子命令完成。
    """
    if ctx.invoked_subcommand is None:
        cmd = main.get_command(ctx, "edit")
        if cmd is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(cmd)


def run(argv: list[str] | None = None) -> Any:
    """Console-script entry point: runs ``main`` and turns every expected failure into one line."""
    try:
        rv = main.main(args=argv, prog_name="drafter", standalone_mode=False)
    except DrafterError as exc:
        click.echo(f"错误：{exc.message}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(error_message(exc).replace("\n", " "), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("已取消", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    if isinstance(rv, int) and rv:
        sys.exit(rv)
    return rv
