"""``drafter edit [DRAFT]``: the terminal app. Without a draft it opens the first-run form.

Textual is imported only when this command runs, never by the core.
"""

from __future__ import annotations

import os
from pathlib import Path

import click


def open_editor(path: str | os.PathLike[str] | None = None) -> None:
    """Open the app on a draft (or on the first-run form). Read errors surface as one-line messages."""
    from tui.app import make_app

    app = make_app(Path(path) if path is not None else None)
    app.run()


@click.command()
@click.argument("draft", required=False, type=click.Path(dir_okay=False))
def edit(draft: str | None) -> None:
    """在终端界面中编辑草稿；不给草稿时先填写基本信息新建一份。"""
    open_editor(draft)
