"""The outline on the left: generated numbers, and a mark per section saying how far it is written.

Marks are single full-width characters (never "ambiguous width" symbols, which some terminals draw
double and so misplace the input method's cursor): 空 = nothing written, 写 = written, 转 = still
holds text carried over from last year, 查 = the last check found something here.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from drafter.app.editing import CLOSING, OPENING, SECTION, Target, section_state
from drafter.model import Report
from drafter.numbering import label_for_path

MARKS = {
    "empty": ("空", "outline--empty"),
    "written": ("写", "outline--written"),
    "carried": ("转", "outline--carried"),
    "findings": ("查", "outline--findings"),
}
_STYLES = {"empty": "dim", "written": "green", "carried": "yellow", "findings": "bold red"}


class OutlineTree(Tree[Target]):
    """The report's outline. Structural edits are done by the screen; this widget only shows it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_section", "新增子节"),
        Binding("s", "screen.add_sibling", "新增同级", show=False),
        Binding("r,f2", "screen.rename_section", "重命名"),
        Binding("delete,x", "screen.delete_section", "删除"),
        Binding("shift+up,alt+up", "screen.move_section(-1)", "上移"),
        Binding("shift+down,alt+down", "screen.move_section(1)", "下移"),
        # As in a file manager: → opens a branch, ← closes it (or goes to its parent), Space toggles.
        Binding("right", "expand_or_down", "展开", show=False),
        Binding("left", "collapse_or_parent", "折叠", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__("报告", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        # Enter opens the part and nothing else (Textual's tree would also fold or unfold it).
        self.auto_expand = False

    def action_expand_or_down(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def show(self, report: Report, flagged: set[tuple[int, ...]], select: Target | None = None) -> None:
        """Rebuild the tree from the report (numbers follow the current order)."""
        self.clear()
        nodes: dict[Target, TreeNode[Target]] = {}
        opening = Target(OPENING)
        nodes[opening] = self.root.add_leaf(self._label_plain("开头", report.opening), data=opening)
        parents: dict[tuple[int, ...], TreeNode[Target]] = {}
        for path, section in report.walk():
            parent = parents.get(path[:-1], self.root)
            target = Target(SECTION, path)
            label = self.section_label(report, path, flagged)
            node = parent.add(label, data=target, expand=True, allow_expand=bool(section.children))
            parents[path] = node
            nodes[target] = node
        closing = Target(CLOSING)
        nodes[closing] = self.root.add_leaf(self._label_plain("结尾", report.closing), data=closing)
        self.root.expand()
        if select is not None and select in nodes:
            self.move_cursor(nodes[select])

    def section_label(self, report: Report, path: tuple[int, ...], flagged: set[tuple[int, ...]]) -> Text:
        section = report.section_at(path)
        state = "findings" if path in flagged else section_state(section)
        mark = MARKS[state][0]
        text = Text()
        text.append(mark, style=_STYLES[state])
        text.append(" ")
        text.append(label_for_path(path), style="bold")
        text.append(section.heading or "（无标题）")
        return text

    @staticmethod
    def _label_plain(name: str, paragraphs: list) -> Text:
        state = "written" if any(p.text.strip() for p in paragraphs) else "empty"
        text = Text()
        text.append(MARKS[state][0], style=_STYLES[state])
        text.append(f" 【{name}】", style="italic")
        return text

    def refresh_marks(self, report: Report, flagged: set[tuple[int, ...]]) -> None:
        """Update labels in place (after typing): cheap, keeps the cursor where it is."""

        def visit(node: TreeNode[Target]) -> None:
            for child in node.children:
                t = child.data
                if t is not None:
                    if t.area == SECTION:
                        with contextlib.suppress(IndexError):
                            child.set_label(self.section_label(report, t.path, flagged))
                    elif t.area == OPENING:
                        child.set_label(self._label_plain("开头", report.opening))
                    else:
                        child.set_label(self._label_plain("结尾", report.closing))
                visit(child)

        visit(self.root)

    def node_for(self, target: Target) -> TreeNode[Target] | None:
        def visit(node: TreeNode[Target]) -> TreeNode[Target] | None:
            for child in node.children:
                if child.data == target:
                    return child
                found = visit(child)
                if found is not None:
                    return found
            return None

        return visit(self.root)

    def select_target(self, target: Target) -> None:
        node = self.node_for(target)
        if node is not None:
            self.move_cursor(node)
