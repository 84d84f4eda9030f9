"""The whole document as it will be exported (预览全文, F8): read-only, scrollable, one block per paragraph.

What the export adds is there (the numbers 「一、」「（一）」, the title in its lines, the recipient's
colon, the issuing body and date on the right), and paragraphs the last check found something in carry
「查」 in the left margin; the line at the bottom says what was found in the highlighted one. Enter opens
the highlighted paragraph in the editor; Esc (or F8) goes back where the drafter was.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.app.preview import HEADING, PARAGRAPH, TITLE, Block

from ..widgets.keybar import KeyBar

#: The mark of a block with findings (a full-width character: never "ambiguous width").
MARK = "查"


def block_prompt(block: Block) -> Table:
    """A block as the preview draws it: the margin mark, then the text as the export aligns it."""
    grid = Table.grid(padding=(0, 1, 1, 0), expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    mark = Text(MARK, style="bold red") if block.findings else Text("  ")
    style = "bold" if block.kind in (TITLE, HEADING) else ""
    if block.kind == TITLE:
        style = "bold"
    body = Text("　" * block.indent + block.text, style=style, justify=block.align)  # type: ignore[arg-type]
    if block.kind == PARAGRAPH and not block.text.strip():
        body = Text("（空段落）", style="dim")
    grid.add_row(mark, body)
    return grid


class PreviewScreen(Screen[Block | None]):
    """Dismisses with the block to open in the editor, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f8", "close", "返回编辑"),
        Binding("enter", "open", "在编辑区打开", show=True, priority=True),
        Binding("n", "next_finding(1)", "下一问题"),
        Binding("p", "next_finding(-1)", "上一问题"),
        Binding("f1", "help", "帮助"),
    ]

    def __init__(self, main: Any) -> None:
        super().__init__()
        self.main = main
        self.blocks: list[Block] = []

    def compose(self) -> ComposeResult:
        yield Static(" 预览全文（按导出的样子；只读）", id="preview-title")
        yield OptionList(id="preview-list")
        yield Static("", id="preview-detail")
        yield KeyBar(id="preview-keys")

    def on_mount(self) -> None:
        self.query_one("#preview-list", OptionList).loading = True
        self.build(self.main.report.copy(), list(self.main.findings))

    @work(thread=True, exclusive=True, group="preview")
    def build(self, report: Any, findings: list[Any]) -> None:
        from drafter.app.preview import build_preview

        blocks = build_preview(report, self.main.kind, findings)
        self.app.call_from_thread(self._show, blocks)

    def _show(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        listing = self.query_one("#preview-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(block_prompt(b), id=str(i)) for i, b in enumerate(blocks)])
        listing.loading = False
        # Start where the drafter is: the first block of the part open in the editor.
        start = self._index_of_open_part()
        listing.highlighted = start
        listing.scroll_to_highlight(top=True)
        listing.focus()
        found = sum(len(b.findings) for b in blocks)
        note = (
            f"共 {found} 个问题（上次检查）；N/P 跳到下一个/上一个。"
            if found
            else "上次检查未发现问题（F3 检查）。"
        )
        self.query_one("#preview-title", Static).update(f" 预览全文（按导出的样子；只读）　{note}")
        self._detail()

    def _index_of_open_part(self) -> int:
        target = getattr(self.main, "target", None)
        for i, b in enumerate(self.blocks):
            if target is not None and b.area == target.area and b.path == target.path:
                return i
        return 0

    @property
    def highlighted(self) -> Block | None:
        index = self.query_one("#preview-list", OptionList).highlighted
        return self.blocks[index] if index is not None and 0 <= index < len(self.blocks) else None

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._detail()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_open()

    def _detail(self) -> None:
        block = self.highlighted
        detail = self.query_one("#preview-detail", Static)
        if block is None or not block.findings:
            where = "Enter 在编辑区打开此段" if block is not None and block.editable else ""
            detail.update(Text(where, style="dim"))
            return
        text = Text()
        for f in block.findings[:3]:
            text.append(f"{MARK} ", style="bold red")
            text.append(f.message + "\n")
        detail.update(text)

    def action_next_finding(self, step: int) -> None:
        listing = self.query_one("#preview-list", OptionList)
        start = listing.highlighted or 0
        n = len(self.blocks)
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if self.blocks[i].findings:
                listing.highlighted = i
                return

    def action_open(self) -> None:
        block = self.highlighted
        if block is None or not block.editable:
            self.notify(
                "这一段由报告信息生成（标题、主送机关、署名、日期），请在报告信息中修改", severity="warning"
            )
            return
        self.dismiss(block)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_close(self) -> None:
        self.dismiss(None)
