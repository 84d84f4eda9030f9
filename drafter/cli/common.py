"""Pieces shared by the sub-commands: JSON output, output paths, year validation."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

json_option = click.option(
    "--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序读取，格式见 docs/json.md）"
)
force_option = click.option("--force", is_flag=True, help="覆盖已存在的文件")


def echo_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8, Chinese unescaped."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def check_output_path(path: str | os.PathLike[str], force: bool) -> Path:
    """See :func:`drafter.app.export.check_output_path` (kept here for the sub-commands)."""
    from ..app.export import check_output_path as check

    return check(path, force)
