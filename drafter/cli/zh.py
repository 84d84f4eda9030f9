"""Click in Chinese: usage lines, option tables, help option and error messages.

click writes "Usage:", "Options:", "Show this message and exit." and its error messages in English, and its
type names (INTEGER, TEXT, PATH) and argument names (FILE) land in every help screen. Our users read
Chinese only, so every command uses :class:`ZhCommand` (the group :class:`ZhGroup`), which lays out the
same help with Chinese words, and :func:`error_message` rewords click's errors. Option names stay as typed.
"""

from __future__ import annotations

import re

import click

#: Metavars and argument names as click prints them → what we show.
_METAVARS = {
    "INTEGER RANGE": "整数",
    "FLOAT RANGE": "数字",
    "DIRS": "文件夹",
    "INTEGER": "整数",
    "FLOAT": "数字",
    "TEXT": "文字",
    "PATH": "路径",
    "FILE": "文件",
    "DRAFT": "草稿",
    "FILENAME": "文件",
    "DIRECTORY": "文件夹",
    "BOOLEAN": "是或否",
    "CHOICE": "选项",
    "PATHS": "路径",
    "FOLDERS": "文件夹",
    "SOURCE": "来源",
    "VERSION": "版本",
}
_METAVAR_RX = re.compile(r"\b(" + "|".join(sorted(_METAVARS, key=len, reverse=True)) + r")\b(\.\.\.)?")
HELP_TEXT = "显示本帮助并退出"


def zh_metavars(text: str) -> str:
    """「--year INTEGER」→「--year 整数」, 「[OPTIONS] FILE」→「[选项] 文件」 (option names untouched)."""
    text = text.replace("[OPTIONS]", "[选项]").replace("[COMMAND] [ARGS]...", "[子命令] [参数]...")
    text = text.replace("COMMAND [ARGS]...", "子命令 [参数]...")
    text = text.replace("[default: ", "[默认：").replace("[required]", "[必填]")
    return _METAVAR_RX.sub(lambda m: _METAVARS[m.group(1)] + ("…" if m.group(2) else ""), text)


class _ZhHelp:
    """The parts of click's help that carry English, laid out again in Chinese."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:  # type: ignore[override]
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, zh_metavars(" ".join(pieces)), "用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if isinstance(param, click.Argument):
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                rows.append((zh_metavars(record[0]), zh_metavars(record[1])))
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)


class ZhCommand(_ZhHelp, click.Command):
    """A click command whose help is in Chinese."""


class ZhGroup(_ZhHelp, click.Group):
    """A click group whose help (and list of sub-commands) is in Chinese."""

    command_class = ZhCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.get_short_help_str(limit=60)))
        if rows:
            with formatter.section("子命令"):
                formatter.write_dl(rows)


def _param_name(exc: click.ClickException) -> str:
    param = getattr(exc, "param", None)
    if param is not None:
        opts = getattr(param, "opts", None) or []
        if isinstance(param, click.Argument):
            return f"「{_METAVARS.get(param.human_readable_name.upper(), param.human_readable_name)}」"
        if opts:
            return opts[0]
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, str):
        return zh_metavars(hint.strip("'\""))
    return ""


def _value_problem(message: str) -> str:
    """click's type messages ('abc' is not a valid integer.) in Chinese."""
    patterns = [
        (r"'([^']*)' is not a valid integer", "「{0}」不是整数"),
        (r"'([^']*)' is not a valid float", "「{0}」不是数字"),
        (r"'([^']*)' is not a valid boolean", "「{0}」不是“是/否”"),
        (r"'([^']*)' is not one of (.*)\.", "「{0}」不是可选值之一（{1}）"),
        (r"'([^']*)' is not in the range (.*)\.", "「{0}」超出范围（{1}）"),
        (r"(?:File|Path|Directory) '([^']*)' does not exist", "「{0}」不存在"),
        (r"(?:File|Path) '([^']*)' is a directory", "「{0}」是文件夹，请给出文件"),
        (r"(?:Directory|Path) '([^']*)' is a file", "「{0}」是文件，请给出文件夹"),
        (r"(?:File|Path|Directory) '([^']*)' is not readable", "没有权限读取「{0}」"),
    ]
    for rx, template in patterns:
        m = re.search(rx, message)
        if m:
            return template.format(*(g.replace("'", "") for g in m.groups()))
    return "值无效"


def error_message(exc: click.ClickException) -> str:
    """One Chinese line for a click usage error, with no English words but option names."""
    msg = exc.format_message()
    name = _param_name(exc)
    if isinstance(exc, click.NoSuchOption):
        alt = "、".join(exc.possibilities or [])
        zh = f"没有选项 {exc.option_name}" + (f"（是否想输入 {alt}？）" if alt else "")
    elif isinstance(exc, click.MissingParameter):
        zh = f"缺少{'参数' if isinstance(exc.param, click.Argument) else '选项'}{name}".rstrip()
    elif isinstance(exc, click.BadOptionUsage) and "requires an argument" in msg:
        zh = f"选项 {exc.option_name} 需要一个值"
    elif isinstance(exc, click.BadParameter):
        zh = f"{name} 的值无效：{_value_problem(msg)}" if name else f"参数值无效：{_value_problem(msg)}"
    elif "No such command" in msg:
        m = re.search(r"No such command '(.*)'", msg)
        zh = f"没有子命令「{m.group(1) if m else ''}」"
    elif "Got unexpected extra argument" in msg:
        m = re.search(r"\((.*)\)", msg)
        zh = f"多余的参数「{m.group(1) if m else ''}」"
    elif "requires an argument" in msg:
        m = re.search(r"Option '(.*)' requires", msg)
        zh = f"选项 {m.group(1) if m else ''} 需要一个值"
    else:
        zh = "命令格式不对"
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "drafter"
    return f"参数错误：{zh}；运行 {path} --help 查看用法"
