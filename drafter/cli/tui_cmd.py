"""``drafter edit [DRAFT]``: the terminal app. Without a draft it opens the first-run form.

The terminal app is found through the ``drafter.frontends`` entry points, so the CLI never imports it
(and Textual is loaded only when this command runs).
"""

from __future__ import annotations

import os

import click

from .zh import ZhCommand


def open_editor(path: str | os.PathLike[str] | None = None) -> None:
    """Open the app on a draft (or on the first-run form). Read errors surface as one-line messages."""
    from ..app.frontends import open_frontend

    open_frontend("tui", path)


@click.command(cls=ZhCommand)
@click.argument("draft", required=False, type=click.Path(dir_okay=False))
def edit(draft: str | None) -> None:
    """在终端界面中编辑草稿；不给草稿时先填写基本信息新建一份。"""
    open_editor(draft)
