"""``drafter serve [DRAFT]``: the terminal app in the default web browser (local address only).

Like ``drafter edit``, the app is found through the ``drafter.frontends`` entry points ("web"), so the
CLI never imports it.
"""

from __future__ import annotations

import click

from .zh import ZhCommand


@click.command(cls=ZhCommand)
@click.argument("draft", required=False, type=click.Path(dir_okay=False))
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器，只打印地址")
def serve(draft: str | None, no_browser: bool) -> None:
    """在浏览器中编辑草稿：只在本机（127.0.0.1）可用，地址带一次性口令。"""
    from ..app.frontends import open_frontend

    open_frontend("web", draft, open_browser=not no_browser)
