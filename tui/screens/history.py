"""历史版本: every saved version of the draft, what differs from the current text, and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.app.versions import diff_to_current, list_versions


class HistoryScreen(ModalScreen[str | None]):
    """Dismisses with the id of the version to restore, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f10", "dismiss(None)", "关闭")]

    def __init__(self, draft: Path) -> None:
        super().__init__()
        self.draft = draft
        self.rows = list_versions(draft)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-box"):
            yield Label(
                f"历史版本：{self.draft.name}（共 {len(self.rows)} 个，最新的在前）", classes="dialog-title"
            )
            with Horizontal():
                yield OptionList(
                    *(
                        Option(f"{r.number}. {r.version.saved:%m-%d %H:%M:%S}　{r.chars}字", id=r.version.id)
                        for r in self.rows
                    ),
                    id="history-list",
                )
                with VerticalScroll(id="history-diff-box"):
                    yield Static("", id="history-diff")
            yield Static(
                "↑↓ 选择查看与当前内容的差别　回车 恢复该版本（当前内容先另存为一个版本）　Esc 关闭",
                classes="dim-hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.rows:
            options.highlighted = 0
            self._show(self.rows[0].version.id)
        else:
            self.query_one("#history-diff", Static).update("还没有历史版本（每次保存都会留下一个版本）")
        options.focus()

    def _show(self, version_id: str) -> None:
        lines = diff_to_current(self.draft, version_id)
        text = Text()
        if not lines:
            text.append("与当前内容相同")
        for line in lines[2:400]:
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
            text.append(line + "\n", style=style)
        self.query_one("#history-diff", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
