"""Pieces shared by the sub-commands: JSON output, output paths, year validation."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError

json_option = click.option(
    "--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序读取，格式见 docs/json.md）"
)
force_option = click.option("--force", is_flag=True, help="覆盖已存在的文件")


def echo_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8, Chinese unescaped."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def check_output_path(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse to clobber an existing file without --force, and to write into a missing folder."""
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"输出路径 {p} 是一个文件夹，请给出文件名")
    if p.exists() and not force:
        raise UsageError(f"文件 {p} 已存在；如需覆盖请加 --force")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"无法写入 {p}：文件夹 {parent} 不存在")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"无法写入 {p}：没有权限写入文件夹 {parent}")
    return p
