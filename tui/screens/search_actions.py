"""Search and replace from the main screen: open the box, show each match in the editor, replace one or
all, and undo a replace-all in one step.

A mixin of :class:`~tui.screens.main.MainScreen`. The matching and replacing is
:mod:`drafter.app.search`; this only moves the editor to what was found. Replace-all keeps the report
as it was: Ctrl+Z in the editor right after it (before any other edit) puts everything back, in every
section, not only the one on screen. Right after a roll forward the box opens by itself with last
year's body name and short form to replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from drafter.app import search
from drafter.app.editing import CLOSING, OPENING, SECTION, Target, line_for_paragraph
from drafter.model import Report

from ..widgets.outline import OutlineTree

if TYPE_CHECKING:
    from textual.screen import Screen as _Base
else:
    _Base = object

#: Bindings of this mixin (listed in MainScreen's BINDINGS: Textual reads none from mixins).
SEARCH_BINDINGS: list[BindingType] = [
    Binding("ctrl+f", "search(False)", "查找", priority=True),
    Binding("ctrl+h", "search(True)", "替换", show=False, priority=True),
]

#: Where the draft remembers that the renames after its roll forward were offered.
OFFERED_KEY = "renames_offered"


class SearchActions(_Base):
    """Search, replace, the one-step undo of replace-all, and the renames offered after a roll forward."""

    _replace_undo: tuple[Report, int, int] | None = None

    def on_mount(self) -> None:
        info = self.report.meta.extra.get("carried_from")
        if isinstance(info, dict) and not info.get(OFFERED_KEY):
            self.call_after_refresh(self.offer_renames)

    def offer_renames(self) -> None:
        """Open the replace box with last year's names, once per draft (the draft remembers it)."""
        offers = search.rename_offers(self.report, self.kind)
        info = self.report.meta.extra.get("carried_from")
        if isinstance(info, dict):
            info[OFFERED_KEY] = True
            self._changed()
        if offers:
            self._open_search(replace=True, offers=offers)

    def action_search(self, replace: bool) -> None:
        editor = self.editor
        needle = editor.selected_text if "\n" not in editor.selected_text else ""
        self._open_search(replace=replace, needle=needle)

    def _open_search(self, **kwargs: object) -> None:
        from .search import SearchScreen

        def closed(_result: None) -> None:
            self.editor.focus()
            self.call_after_refresh(self.editor.keep_ime_cursor)

        self.app.push_screen(SearchScreen(self, **kwargs), closed)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ used by the box
    def search_matches(self, needle: str, avoid: tuple[str, ...] = ()) -> list[search.Match]:
        return search.find_all(self.report, needle, avoid)

    def show_match(self, match: search.Match) -> None:
        """Open the part a match is in and select it in the editor (a heading's match: open the part)."""
        if match.area == search.TITLE:
            self.message = "在报告标题中（导出时印在正文之前）"
            self.update_status()
            return
        target = Target(SECTION, match.path) if match.area == search.SECTION else Target(match.area)
        if target.area not in (SECTION, OPENING, CLOSING) or not target.exists(self.report):
            return
        self.query_one(OutlineTree).select_target(target)
        self.open_target(target)
        if match.in_heading:
            self.message = "在本节标题中（标题可在目录中按 R 修改）"
            self.update_status()
            return
        editor = self.editor
        row = line_for_paragraph(editor.text, match.paragraph)
        editor.move_cursor((row, match.start))
        editor.move_cursor((row, match.end), select=True)
        editor.scroll_cursor_visible()

    def _after_replace(self) -> None:
        """The model changed under the editor: show it again, with numbers and marks."""
        self._changed()
        if self.target is not None:
            row, col = self.editor.cursor_location
            self.open_target(self.target, force=True)
            self.editor.move_cursor((row, col))
        tree = self.query_one(OutlineTree)
        tree.show(self.report, self.flagged, select=self.target)

    def replace_match(self, match: search.Match, needle: str, replacement: str) -> bool:
        if not search.replace_one(self.report, match, needle, replacement):
            return False
        self._replace_undo = None
        self._after_replace()
        return True

    def replace_everywhere(self, needle: str, replacement: str, avoid: tuple[str, ...] = ()) -> int:
        done = search.replace_all(self.report, needle, replacement, avoid)
        if done.count:
            self._after_replace()
            self._replace_undo = (done.before, self.generation, done.count)
            self.message = f"已把「{needle}」替换为「{replacement}」，共 {done.count} 处（Ctrl+Z 撤销）"
            self.update_status()
        return done.count

    def undo_replace_all(self) -> bool:
        """Ctrl+Z right after a replace-all: put the whole report back. False when there is nothing to
        undo here (the editor then undoes its own last edit)."""
        pending = self._replace_undo
        if pending is None:
            return False
        before, generation, count = pending
        self._replace_undo = None
        if generation != self.generation:
            return False  # typed since: Ctrl+Z undoes the typing
        search.restore(self.report, before)
        self._after_replace()
        self.message = f"已撤销全部替换（{count} 处）"
        self.update_status()
        return True
