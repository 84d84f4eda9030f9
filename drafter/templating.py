"""Rendering of template text that comes from data files (kinds, phrasebank slots).

Such text is not code we wrote, so it is always rendered in jinja2's SandboxedEnvironment: a template
from a third-party kind or a mined phrase cannot reach Python internals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import KindError


@cache
def _string_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False
    )


@cache
def _folder_env(folder: str) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )


def render_string(source: str, **context: Any) -> str:
    """Render a template string from data; a broken template becomes a :class:`KindError`."""
    try:
        return _string_env().from_string(source).render(**context).strip()
    except jinja2.TemplateError as exc:
        raise KindError(f"模板「{source[:30]}」无法生成文本：{exc}") from exc


def render_file(folder: Path, name: str, **context: Any) -> str:
    try:
        return _folder_env(str(folder)).get_template(name).render(**context).strip()
    except jinja2.TemplateError as exc:
        raise KindError(f"模板文件 {name} 无法生成文本：{exc}") from exc
