"""The status line: saved or not, character count, the report-year deadlines, and the last message.

No clock: the screen must look the same whenever it is drawn (snapshot tests, screenshots for help).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    def show(self, *, saved: bool, chars: int, deadlines: str, message: str = "") -> None:
        text = Text()
        if saved:
            text.append(" 已保存 ", style="black on green")
        else:
            text.append(" 未保存 ", style="black on yellow")
        text.append(f"  字数 {chars}")
        if deadlines:
            text.append("  ｜ " + deadlines)
        if message:
            text.append("  ｜ " + message, style="italic")
        self.update(text, layout=False)  # fixed height: a repaint is enough (typing stays fast)
