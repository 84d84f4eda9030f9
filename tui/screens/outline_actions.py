"""Editing the outline from the main screen: open a section, add, rename, delete and move sub-sections.

A mixin of :class:`~tui.screens.main.MainScreen` (kept apart so each file says what it holds); numbers
are never stored, so after any change the outline is redrawn and the numbers follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Tree

from drafter.app.editing import SECTION, Target
from drafter.model import Section

from ..widgets.outline import OutlineTree

if TYPE_CHECKING:
    # The mixin is used only by MainScreen; typed against Screen so it does not import the screen that
    # imports it (no import circle).
    from textual.screen import Screen as _Base
else:
    _Base = object


class OutlineActions(_Base):
    """Outline events and the add / rename / delete / move actions of the main screen."""

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        # Only when the drafter walks the outline: rebuilding the tree also moves its cursor.
        data = event.node.data
        if isinstance(data, Target) and event.control.has_focus:
            self.open_target(data)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if isinstance(data, Target):
            self.open_target(data)
            self.editor.focus()
            self.call_after_refresh(self.editor.keep_ime_cursor)

    def focus_editor(self) -> None:
        self.editor.focus()
        self.call_after_refresh(self.editor.keep_ime_cursor)

    def action_toggle_outline(self) -> None:
        tree = self.query_one(OutlineTree)
        if tree.has_focus:
            self.editor.focus()
        else:
            tree.focus()

    def _selected_target(self) -> Target | None:
        node = self.query_one(OutlineTree).cursor_node
        return node.data if node is not None else self.target

    def _siblings(self, path: tuple[int, ...]) -> list[Section]:
        if len(path) == 1:
            return self.report.sections
        return self.report.section_at(path[:-1]).children

    def _path_of(self, section: Section | None) -> tuple[int, ...] | None:
        for path, s in self.report.walk():
            if s is section:
                return path
        return None

    # ------------------------------------------------------------------ undo / redo
    def _record(self, label: str) -> None:
        """One undo step: the report before a structural change, and where the cursor was."""
        target = self._selected_target()
        path = target.path if target is not None and target.area == SECTION else None
        self.structure_undo.record(self.report, path, label)

    def undo_structure(self, redo: bool = False) -> bool:
        target = self._selected_target()
        path = target.path if target is not None and target.area == SECTION else None
        stack = self.structure_undo
        snap = stack.redo(self.report, path) if redo else stack.undo(self.report, path)
        if snap is None:
            self.notify("没有可重做的操作" if redo else "没有可撤销的提纲操作", timeout=3)
            return False
        self._open_section = None
        select = None
        if snap.selected is not None:
            try:
                select = self.report.section_at(snap.selected)
            except IndexError:
                select = None
        self._structure_changed(select)
        self.notify(("已重做：" if redo else "已撤销：") + snap.label, timeout=4)
        return True

    def _structure_changed(self, select: Section | None) -> None:
        """Numbers, marks and the open section after a structural edit."""
        self.flagged = set()  # finding locations refer to the old structure
        self.findings = []
        self._changed()
        open_path = self._path_of(self._open_section)
        self.target = None
        sel_path = self._path_of(select) if select is not None else open_path
        target = Target(SECTION, sel_path) if sel_path is not None else self._first_target()
        tree = self.query_one(OutlineTree)
        tree.show(self.report, self.flagged)
        self.call_after_refresh(tree.select_target, target)
        self.open_target(target, force=True)

    def action_add_section(self) -> None:
        self._add(child=True)

    def action_add_sibling(self) -> None:
        self._add(child=False)

    def _add(self, *, child: bool) -> None:
        from .dialogs import AskText

        target = self._selected_target()

        def done(heading: str | None) -> None:
            if not heading:
                return
            self._record(f"新增「{heading}」")
            new = Section(heading=heading)
            if target is None or target.area != SECTION:
                self.report.sections.append(new)
            elif child:
                self.report.section_at(target.path).children.append(new)
            else:
                siblings = self._siblings(target.path)
                siblings.insert(target.path[-1] + 1, new)
            self._structure_changed(new)
            # A new section is there to be written: go straight to the editor.
            self.call_after_refresh(self.focus_editor)

        self.app.push_screen(AskText("新小节的标题（不含序号）："), done)

    def action_rename_section(self) -> None:
        target = self._selected_target()
        if target is not None and target.area != SECTION:
            self.action_facts()  # 【开头】/【结尾】: the title, issuer and date live in the facts
            return
        if target is None:
            return
        section = self.report.section_at(target.path)
        from .dialogs import AskText

        def done(heading: str | None) -> None:
            if heading and heading != section.heading:
                self._record(f"重命名「{section.heading}」")
                section.heading = heading
                self._structure_changed(section)

        self.app.push_screen(AskText("小节标题（不含序号）：", section.heading), done)

    def action_delete_section(self) -> None:
        target = self._selected_target()
        if target is None or target.area != SECTION:
            return
        section = self.report.section_at(target.path)
        count = sum(1 for _ in section.walk())
        extra = f"及其下 {count} 个小节" if count else ""
        from .dialogs import Confirm

        chars = sum(len(p.text) for _, s in [((), section), *section.walk()] for p in s.paragraphs)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            self._record(f"删除「{section.heading}」")
            siblings = self._siblings(target.path)
            index = target.path[-1]
            del siblings[index]
            if self._path_of(self._open_section) is None:
                self._open_section = None
            # The cursor goes to the next sibling (or the previous one), never up to the parent: a second
            # Delete must not be offered the whole part.
            if siblings:
                select = siblings[min(index, len(siblings) - 1)]
            else:
                select = self.report.section_at(target.path[:-1]) if len(target.path) > 1 else None
            self._open_section = None
            self._structure_changed(select)

        self.app.push_screen(
            Confirm(
                f"删除「{section.heading}」{extra}（共 {chars} 字）？\n"
                "删除后可立即按 Ctrl+Z 撤销；以后也可在「历史版本」（F10）中找回。",
                "删除",
                "取消",
                default_no=True,
            ),
            done,
        )

    def action_move_section(self, step: int) -> None:
        target = self._selected_target()
        if target is None or target.area != SECTION:
            return
        siblings = self._siblings(target.path)
        i = target.path[-1]
        j = i + step
        if not 0 <= j < len(siblings):
            return
        self._record(f"移动「{siblings[i].heading}」")
        siblings[i], siblings[j] = siblings[j], siblings[i]
        moved = siblings[j]
        self._structure_changed(moved)
        self.query_one(OutlineTree).focus()
