"""The command palette in Chinese: Textual's own palette with a Chinese prompt in its search field."""

from __future__ import annotations

from textual.app import App
from textual.command import CommandPalette

#: What the empty search field says (Textual's default is 「Search for commands…」).
PLACEHOLDER = "搜索命令（如：导出、检查、查找）…"


def open_palette(app: App[object]) -> None:
    """Open the palette as Textual's ``command_palette`` action does, with the Chinese prompt."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(placeholder=PLACEHOLDER, id="--command-palette"))
