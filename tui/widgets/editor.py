"""The centre: what the open part must contain (guidance and basis) above a soft-wrapping text area.

One paragraph is one line of the text area; soft wrap shows long paragraphs over several screen rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.widgets import Static, TextArea


class DraftArea(TextArea, inherit_bindings=False):
    """The text area: soft wrap on, no line numbers, Tab leaves it (so the outline is reachable).

    TextArea's own F6/F7 (select line / select all) are dropped: those keys export and open the outline.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        b for b in TextArea.BINDINGS if not (isinstance(b, Binding) and b.key in ("f6", "f7"))
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            language=None,
            **kwargs,  # type: ignore[arg-type]
        )

    # Ctrl+←/→ (and Ctrl+W): TextArea's own word steps treat a whole Chinese clause as one word.
    # Once jieba is loaded (in the background) the steps follow its words instead.
    def _word_starts(self, line: str) -> list[int] | None:
        from drafter import segment

        if not segment.is_ready() or not line:
            return None
        starts = [start for word, start, _end in segment.tokenizer().tokenize(line) if word.strip()]
        return [*starts, len(line)]

    def get_cursor_word_left_location(self) -> tuple[int, int]:
        row, col = self.cursor_location
        starts = self._word_starts(self.document.get_line(row)) if col > 0 else None
        if starts is None:
            return super().get_cursor_word_left_location()
        return row, max((s for s in starts if s < col), default=0)

    def get_cursor_word_right_location(self) -> tuple[int, int]:
        row, col = self.selection.end
        line = self.document.get_line(row)
        starts = self._word_starts(line) if col < len(line) else None
        if starts is None:
            return super().get_cursor_word_right_location()
        return row, min((s for s in starts if s > col), default=len(line))

    def action_undo(self) -> None:
        """Ctrl+Z: right after a replace-all over the whole draft, undo all of it in one step (the screen
        knows); otherwise the text area's own undo."""
        hook = getattr(self.screen, "undo_replace_all", None)
        if hook is not None and hook():
            return
        super().action_undo()

    #: Called right after every edit, in the same call as the keystroke: the suggestion request starts
    #: before the edit's messages have bubbled up to the screen (one frame earlier on screen).
    after_edit: Callable[[], None] | None = None

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        if self.after_edit is not None:
            self.after_edit()
        return result

    def keep_ime_cursor(self) -> None:
        """Put the terminal cursor (where input methods open their candidate window) on ours.

        After a layout change above the text area the app's cursor position can lag until the next key;
        calling this after a refresh keeps the candidate window next to the text being typed.
        """
        if self.has_focus:
            self.app.cursor_position = self.cursor_screen_offset


class SectionEditor(Vertical):
    """Title, guidance and the text area for the part of the report that is open."""

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-title")
        with VerticalScroll(id="guidance-box"):
            yield Static("", id="guidance")
        yield DraftArea(id="editor")

    def set_header(self, title: str, guidance: str, basis: str) -> None:
        self.query_one("#editor-title", Static).update(Text(title, style="bold"))
        body = Text()
        if guidance:
            body.append(guidance.strip())
        if basis:
            if body:
                body.append("\n")
            body.append("依据：", style="bold")
            body.append(basis.strip(), style="italic")
        guide = self.query_one("#guidance", Static)
        guide.update(body)
        box = self.query_one("#guidance-box", VerticalScroll)
        box.display = bool(body)
        box.scroll_home(animate=False)
