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
        if target is None or target.area != SECTION:
            return
        section = self.report.section_at(target.path)
        from .dialogs import AskText

        def done(heading: str | None) -> None:
            if heading and heading != section.heading:
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
            siblings = self._siblings(target.path)
            del siblings[target.path[-1]]
            if self._path_of(self._open_section) is None:
                self._open_section = None
            parent = self.report.section_at(target.path[:-1]) if len(target.path) > 1 else None
            self._structure_changed(self._open_section or parent)

        self.app.push_screen(
            Confirm(
                f"删除「{section.heading}」{extra}（共 {chars} 字）？删除后可在 .bak 备份中找回。",
                "删除",
                "取消",
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
        siblings[i], siblings[j] = siblings[j], siblings[i]
        moved = siblings[j]
        self._structure_changed(moved)
        self.query_one(OutlineTree).focus()
