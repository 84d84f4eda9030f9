"""The whole-document preview from the main screen (F8, and 「预览全文」 in the command palette).

A mixin of :class:`~tui.screens.main.MainScreen`: opens :class:`~tui.screens.preview.PreviewScreen`
and, when the drafter presses Enter on a paragraph there, opens that paragraph in the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from drafter.app.editing import SECTION, Target, line_for_paragraph

from ..widgets.outline import OutlineTree

if TYPE_CHECKING:
    from textual.screen import Screen as _Base
else:
    _Base = object

PREVIEW_BINDINGS: list[BindingType] = [Binding("f8", "preview", "预览全文", priority=True)]


class PreviewActions(_Base):
    def action_preview(self) -> None:
        from .preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self), self._open_block)

    def _open_block(self, block: object) -> None:
        editor = self.editor
        if block is not None:
            area = getattr(block, "area", "")
            path = tuple(getattr(block, "path", ()))
            target = Target(SECTION, path) if area == SECTION else Target(area)
            if target.exists(self.report):
                self.query_one(OutlineTree).select_target(target)
                self.open_target(target)
                paragraph = getattr(block, "paragraph", None)
                if paragraph is not None:
                    row = line_for_paragraph(editor.text, paragraph)
                    editor.move_cursor((row, 0))
                    editor.scroll_cursor_visible(center=True)
        editor.focus()
        self.call_after_refresh(editor.keep_ime_cursor)
