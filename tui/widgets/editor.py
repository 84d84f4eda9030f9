"""The centre: what the open part must contain (guidance and basis) above a soft-wrapping text area.

One paragraph is one line of the text area, with a blank line between paragraphs so they stand apart
on screen (blank lines are not paragraphs: :func:`drafter.app.editing.paragraphs_from_text` drops them);
soft wrap shows long paragraphs over several screen rows, never starting a row with 「，。」 and the like
(:mod:`tui.widgets.kinsoku`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.widgets import Static, TextArea

from . import kinsoku

kinsoku.install()

#: TextArea's bindings this editor changes: F6/F7 export and open the outline; Ctrl+A selects all (as in
#: Word) instead of going to the line start, which stays on Home.
_DROPPED = ("f6", "f7", "home,ctrl+a")


class DraftArea(TextArea, inherit_bindings=False):
    """The text area: soft wrap on, no line numbers, Tab leaves it (so the outline is reachable).

    TextArea's own F6/F7 (select line / select all) are dropped: those keys export and open the outline.
    The keys a Word user expects are added: Ctrl+A selects all, Ctrl+Home/End go to the start and end
    of the text (with Shift: select to there).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in TextArea.BINDINGS if not (isinstance(b, Binding) and b.key in _DROPPED)),
        Binding("home", "cursor_line_start", "行首", show=False),
        Binding("ctrl+a", "select_all", "全选", show=False),
        Binding("ctrl+home", "text_start", "开头", show=False),
        Binding("ctrl+end", "text_end", "末尾", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "选到开头", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "选到末尾", show=False),
    ]

    def load_text(self, text: str) -> None:
        """Show the paragraphs (one a line) with a blank line between them."""
        super().load_text("\n\n".join(line for line in text.split("\n") if line.strip()))

    def action_text_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_text_end(self, select: bool = False) -> None:
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document.get_line(last))), select=select)

    async def _on_key(self, event: events.Key) -> None:
        # Enter starts a new paragraph: the blank line that separates paragraphs comes with it.
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()  # TextArea's own handler would insert a second line break
            self._restart_blink()
            start, end = self.selection
            self._replace_via_keyboard("\n\n", start, end)

    def action_delete_left(self) -> None:
        """Backspace at a paragraph's start joins it to the one above (the blank line goes too)."""
        start, end = self.selection
        row, col = end
        if start == end and col == 0 and row >= 2 and not self.document.get_line(row - 1).strip():
            above = self.document.get_line(row - 2)
            self._delete_via_keyboard((row - 2, len(above)), (row, 0))
            return
        super().action_delete_left()

    def action_delete_right(self) -> None:
        """Delete at a paragraph's end joins the next one to it."""
        start, end = self.selection
        row, col = end
        line = self.document.get_line(row)
        last = self.document.line_count - 1
        if (
            start == end
            and col == len(line)
            and row + 2 <= last
            and not self.document.get_line(row + 1).strip()
        ):
            self._delete_via_keyboard((row, col), (row + 2, 0))
            return
        super().action_delete_right()

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

        if not line:
            return None
        if not segment.is_ready():
            _load_jieba_in_background()
            return _class_starts(line)
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


_jieba_loading = False


def _load_jieba_in_background() -> None:
    """The first word step loads jieba on a thread (about a second); until then steps use the text's own
    boundaries, so the key never waits."""
    global _jieba_loading
    if _jieba_loading:
        return
    _jieba_loading = True
    import threading

    from drafter import segment

    threading.Thread(target=segment.warm_up, name="jieba-warm-up", daemon=True).start()


def _char_class(ch: str) -> str:
    if ch.isspace():
        return "space"
    if ch.isascii() and ch.isalnum():
        return "latin"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "han"
    return "mark"


def _class_starts(line: str) -> list[int]:
    """Word starts without a dictionary: where the kind of character changes (Chinese, digits and
    Latin letters, punctuation); each punctuation mark is a step of its own."""
    starts = []
    previous = ""
    for i, ch in enumerate(line):
        kind = _char_class(ch)
        if kind != "space" and (kind != previous or kind == "mark"):
            starts.append(i)
        previous = kind
    return [*starts, len(line)]


class SectionEditor(Vertical):
    """Title, guidance and the text area for the part of the report that is open."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # Held, not queried: the screen sets the header from its own on_mount, which can run before the
        # scroll box has mounted the guidance inside it.
        self.guide = Static("", id="guidance")
        self.guide_box = VerticalScroll(self.guide, id="guidance-box")

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-title")
        yield self.guide_box
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
        self.guide.update(body)
        self.guide_box.display = bool(body)
        if self.guide_box.is_mounted:
            self.guide_box.scroll_home(animate=False)
