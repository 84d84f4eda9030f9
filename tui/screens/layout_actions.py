"""The main screen's responsive layout: which panels fit the terminal, and the keys that show them.

A mixin of :class:`~tui.screens.main.MainScreen`. Below :data:`SUGGEST_MIN` columns the suggestion panel
folds away (F2 shows it over the editor's right edge), below :data:`OUTLINE_MIN` the outline too (F7 shows
it over the left edge and focuses it; choosing a part or F7 again folds it back). The editor always
keeps the width that is left, so at 80×24 it is 78 columns wide instead of 10.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType

from ..widgets.outline import OutlineTree
from ..widgets.suggestions import SuggestionPanel

if TYPE_CHECKING:
    from textual.screen import Screen as _Base
else:
    _Base = object

#: Narrower than this, the suggestion panel is folded away.
SUGGEST_MIN = 100
#: Narrower than this, the outline is folded away too.
OUTLINE_MIN = 90

#: Screen classes (the stylesheet, tui/drafter.tcss, says what each one changes).
NARROW = "-narrow"
TIGHT = "-tight"
SHOW_SUGGEST = "-show-suggest"
SHOW_OUTLINE = "-show-outline"

#: Bindings of this mixin; MainScreen lists them in its BINDINGS (Textual reads bindings only from
#: widget classes, not from mixins).
LAYOUT_BINDINGS: list[BindingType] = [
    Binding("f2", "toggle_suggestions", "参考表述", priority=True),
]


class LayoutActions(_Base):
    """Folds and shows the side panels as the terminal's width changes."""

    def on_resize(self, event: events.Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        narrow = width < SUGGEST_MIN
        tight = width < OUTLINE_MIN
        self.set_class(narrow, NARROW)
        self.set_class(tight, TIGHT)
        if not narrow:
            self.remove_class(SHOW_SUGGEST)
        if not tight:
            self.remove_class(SHOW_OUTLINE)
        self.refresh_bindings()  # F2 is offered only where the panel is folded

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_suggestions" and not self.has_class(NARROW):
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    @property
    def outline_folded(self) -> bool:
        return self.has_class(TIGHT) and not self.has_class(SHOW_OUTLINE)

    @property
    def suggestions_folded(self) -> bool:
        return self.has_class(NARROW) and not self.has_class(SHOW_SUGGEST)

    def action_toggle_suggestions(self) -> None:
        """Show or fold the suggestion panel where it does not fit beside the editor."""
        if not self.has_class(NARROW):
            self.notify("参考表述已在右侧显示")
            return
        self.toggle_class(SHOW_SUGGEST)
        if self.has_class(SHOW_SUGGEST):
            panel = self.query_one(SuggestionPanel)
            # Redraw the list at the overlay's width once it is laid out.
            self.call_after_refresh(panel.redraw)
        self.call_after_refresh(self.editor.keep_ime_cursor)

    def action_toggle_outline(self) -> None:
        """F7: where the outline is folded, show it over the editor and go to it (or fold it back)."""
        tree = self.query_one(OutlineTree)
        if self.has_class(TIGHT):
            if self.has_class(SHOW_OUTLINE):
                self.remove_class(SHOW_OUTLINE)
                self.editor.focus()
                self.call_after_refresh(self.editor.keep_ime_cursor)
            else:
                self.add_class(SHOW_OUTLINE)
                tree.focus()
            return
        super().action_toggle_outline()  # type: ignore[misc]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The outline overlay folds back once the drafter is elsewhere (a part chosen, Tab to the editor).
        if self.has_class(SHOW_OUTLINE):
            tree = self.query_one(OutlineTree)
            if event.widget is not tree and tree not in event.widget.ancestors:
                self.remove_class(SHOW_OUTLINE)
