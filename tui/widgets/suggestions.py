"""The suggestions on the right. Nothing here takes focus: the drafter keeps typing in the editor and
picks with keys bound on the screen (Ctrl+↓/↑ to choose, Ctrl+G to insert).

The list is drawn as one block of text in a fixed-size box, so a new list costs a repaint and never a
re-layout of the screen: the list follows the typing within a frame or two.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

_SELECTED = "reverse"


class SuggestionPanel(Vertical):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions: list[Any] = []
        self.index = 0
        #: Line where each suggestion starts in the list box (for clicks).
        self._starts: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static("参考表述", id="suggest-title")
        yield Static("", id="suggest-list")
        yield Static("", id="suggest-detail")

    def set_message(self, message: str) -> None:
        """Show a state instead of suggestions (loading, unavailable, nothing found)."""
        self.suggestions = []
        self.index = 0
        self.query_one("#suggest-list", Static).update("", layout=False)
        self.query_one("#suggest-detail", Static).update(Text(message, style="dim"), layout=False)

    def set_suggestions(self, suggestions: list[Any], empty_message: str) -> None:
        self.suggestions = list(suggestions)
        self.index = 0
        if not suggestions:
            self.set_message(empty_message)
            return
        self._show()

    @property
    def selected(self) -> Any | None:
        if not 0 <= self.index < len(self.suggestions):
            return None
        return self.suggestions[self.index]

    def move(self, step: int) -> None:
        if self.suggestions:
            self.index = (self.index + step) % len(self.suggestions)
            self._show()

    def redraw(self) -> None:
        """Draw the list again (its box changed width: the panel was folded or shown as an overlay)."""
        if self.suggestions:
            self._show()

    def _show(self) -> None:
        box = self.query_one("#suggest-list", Static)
        width = max(1, box.content_region.width or 30)
        text = Text()
        self._starts = []
        line = 0
        for i, s in enumerate(self.suggestions):
            # A continuation goes on from the cursor: shown after 「…」, as it will read.
            shown = f"…{s.text}" if getattr(s, "kind", "") == "continuation" else s.text
            item = Text(shown, style=_SELECTED if i == self.index else "")
            self._starts.append(line)
            text.append_text(item)
            text.append("\n\n" if i < len(self.suggestions) - 1 else "")
            line += len(item.wrap(box.app.console, width)) + 1
        box.update(text, layout=False)  # fixed-size box: repaint only
        self._show_detail()

    def on_click(self, event: events.Click) -> None:
        box = self.query_one("#suggest-list", Static)
        offset = event.get_content_offset(box)
        if offset is None or not self._starts:
            return
        y = offset.y
        hit = max((i for i, start in enumerate(self._starts) if start <= y), default=0)
        self.index = hit
        self._show()

    def _show_detail(self) -> None:
        s = self.selected
        detail = self.query_one("#suggest-detail", Static)
        if s is None:
            detail.update("", layout=False)
            return
        # The box has three lines: the count and the kind first, the sources last, since long report
        # titles wrap in a narrow panel and only the tail of the list may be cut off.
        text = Text()
        freq = getattr(s, "frequency", 0) or 0
        text.append(f"{freq} 份报告使用过此表述\n", style="dim")
        if getattr(s, "kind", "") == "continuation":
            text.append("续写：从光标处接着写\n", style="dim")
        elif getattr(s, "replace", 0):
            text.append("整句：替换正在写的这一句\n", style="dim")
        sources = list(getattr(s, "sources", []) or [])
        text.append("来源：", style="bold")
        if sources:
            shown = "、".join(sources[:2])
            more = f" 等 {len(sources)} 份" if len(sources) > 2 else ""
            text.append(shown + more)
        else:
            text.append("用户短语库")
        detail.update(text, layout=False)  # fixed height: no re-layout per keystroke
