"""The main screen: outline (left), editor with guidance (centre), suggestions (right), status line.

Typing never waits: suggestions are computed on a worker thread (newest request wins, older ones are
dropped, so a fast typist never queues work), and every disk write happens on the autosave thread.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from drafter.app.autosave import BackgroundWriter
from drafter.app.editing import (
    CLOSING,
    OPENING,
    SECTION,
    Target,
    carried_keys,
    deadlines,
    format_date,
    paragraphs_from_text,
    part_of,
    text_of,
    top_part_of,
)
from drafter.findings import Finding
from drafter.model import Report, Section

from ..widgets.editor import DraftArea, SectionEditor
from ..widgets.keybar import KeyBar
from ..widgets.outline import OutlineTree
from ..widgets.status import StatusLine
from ..widgets.suggestions import SuggestionPanel
from .document_actions import DocumentActions
from .layout_actions import LAYOUT_BINDINGS, LayoutActions
from .outline_actions import OutlineActions
from .preview_actions import PREVIEW_BINDINGS, PreviewActions
from .review_actions import ReviewActions
from .search_actions import SEARCH_BINDINGS, SearchActions


@dataclass
class Options:
    """Tunable behaviour (tests and the benchmark shorten or switch off parts)."""

    #: Seconds of quiet after the last keystroke before the draft is saved.
    save_delay: float = 1.5
    #: Longest time typed text stays only in the recovery file while typing goes on.
    max_unsaved: float = 5.0
    #: At most this many seconds between a keystroke and the recovery file holding it.
    recovery_delay: float = 0.3
    #: Load jieba and the phrase banks after the first paint (off: suggestions stay off).
    suggestions: bool = True
    #: A phrasebank ``Bank`` to use instead of the installed banks (benchmark, tests).
    bank: Any = None
    #: Number of suggestions shown.
    k: int = 5


class SuggestionsReady(Message):
    def __init__(self, generation: int, suggestions: list[Any], error: str = "") -> None:
        super().__init__()
        self.generation = generation
        self.suggestions = suggestions
        self.error = error


class BankReady(Message):
    def __init__(self, error: str = "") -> None:
        super().__init__()
        self.error = error


class Saved(Message):
    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation


class SaveFailed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class ChangedOnDisk(Message):
    """Another program changed the draft; its version was kept at ``copy`` before saving ours."""

    def __init__(self, copy: Path) -> None:
        super().__init__()
        self.copy = copy


#: A slot the phrase bank could not fill from the report's metadata (「X」, 「上级地名」 ...).
_BLANK = re.compile(r"「[^「」]{1,8}」")


class MainScreen(
    DocumentActions, LayoutActions, SearchActions, PreviewActions, OutlineActions, ReviewActions, Screen[None]
):
    # priority: the text area binds F6/F7 (select line/all) and would otherwise swallow them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", priority=True),
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+down", "suggestion(1)", "下一建议", priority=True),
        Binding("ctrl+up", "suggestion(-1)", "上一建议", show=False, priority=True),
        Binding("ctrl+g,f4", "insert_suggestion", "采用建议", priority=True),
        Binding("ctrl+n", "next_blank", "下一空位", show=False, priority=True),
        Binding("f3", "checks", "检查", priority=True),
        Binding("f5", "export_checked(False)", "导出Word", priority=True),
        Binding("f6", "export_checked(True)", "导出审阅稿", priority=True),
        Binding("f7", "toggle_outline", "目录", priority=True),
        Binding("ctrl+z", "undo", "撤销", show=False, priority=True),
        Binding("ctrl+y", "redo", "重做", show=False, priority=True),
        Binding("f9", "facts", "报告信息", priority=True),
        Binding("f10", "history", "历史版本", priority=True),
        Binding("ctrl+o", "keep_carried", "确认沿用", show=False, priority=True),
        Binding("ctrl+q", "quit", "退出", priority=True),
        *LAYOUT_BINDINGS,
        *SEARCH_BINDINGS,
        *PREVIEW_BINDINGS,
    ]

    def __init__(self, report: Report, path: Path, kind: Any, options: Options) -> None:
        super().__init__()
        self.report = report
        self.path = Path(path)
        self.kind = kind
        self.options = options
        self.target: Target | None = None
        self._open_section: Section | None = None
        self.generation = 0
        self.saved_generation = 0
        self.findings: list[Finding] = []
        self.flagged: set[tuple[int, ...]] = set()
        from drafter.app.undo import StructureUndo

        self.structure_undo = StructureUndo()
        self.message = ""
        self.last_export: Path | None = None
        self.suggestion_generation = 0
        self.suggestions_shown = 0
        self.bank_state = "loading" if options.suggestions else "off"
        self._deadlines = self._deadline_text()
        self._first_unsaved: float | None = None
        self._save_timer: Timer | None = None
        self._recovery_timer: Timer | None = None
        self._suggester: Any = None
        self._last_query: tuple[str, str | None] | None = None
        self.writer = BackgroundWriter(
            self.path,
            on_saved=lambda gen: self.post_message(Saved(gen)),
            on_error=lambda msg: self.post_message(SaveFailed(msg)),
            on_conflict=lambda copy: self.post_message(ChangedOnDisk(copy)),
        )

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="title")
        with Horizontal(id="body"):
            yield OutlineTree(id="outline")
            yield SectionEditor(id="centre")
            yield SuggestionPanel(id="suggestions")
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

    def _title(self) -> str:
        title = self.report.meta.title or self.kind.title(self.report.meta)
        return f" {title}  ｜  {self.path.name}"

    def on_mount(self) -> None:
        first = self._first_target()
        self.editor.after_edit = self._request_suggestions
        tree = self.query_one(OutlineTree)
        tree.show(self.report, self.flagged)
        self.call_after_refresh(tree.select_target, first)
        self.open_target(first)
        self.editor.focus()
        if self.bank_state == "loading":
            self.query_one(SuggestionPanel).set_message("建议库加载中…")
            # After the first paint: jieba and the banks load while the drafter starts reading.
            self.call_after_refresh(self.warm_up)
        else:
            self.query_one(SuggestionPanel).set_message("参考表述已关闭")
        self.update_status()

    def _first_target(self) -> Target:
        for path, section in self.report.walk():
            if not section.children:
                return Target(SECTION, path)
        return Target(OPENING)

    @property
    def editor(self) -> DraftArea:
        return self.query_one(DraftArea)

    # ------------------------------------------------------------------ opening a part
    def open_target(self, target: Target, *, force: bool = False) -> None:
        """Show a part of the report in the editor (the current text is already in the model)."""
        if not force and target == self.target:
            return
        if not target.exists(self.report):
            return
        self.target = target
        self._open_section = self.report.section_at(target.path) if target.area == SECTION else None
        self.editor.load_text(text_of(target.paragraphs(self.report)))
        self.editor.move_cursor((0, 0))
        self._update_header()
        self._request_suggestions(force=True)
        self.call_after_refresh(self.editor.keep_ime_cursor)

    def _update_header(self) -> None:
        target = self.target
        editor = self.query_one(SectionEditor)
        meta = self.report.meta
        if target is None:
            return
        if target.area in (OPENING, CLOSING):
            title = "【开头】" if target.area == OPENING else "【结尾】"
            editor.set_header(title, self._area_guidance(target.area), "")
            return
        from drafter.numbering import label_for_path

        section = self.report.section_at(target.path)
        labels = "".join(label_for_path(target.path[: i + 1]) for i in range(len(target.path)))
        part = part_of(self.report, target.path)
        top = top_part_of(self.report, target.path)
        guidance = self.kind.guidance(part, meta) if part else ""
        if not guidance and top and top != part:
            guidance = self.kind.guidance(top, meta)
        spec = self.kind.part(top) if top else None
        basis = spec.basis if spec is not None else ""
        editor.set_header(f"{labels}{section.heading}", guidance, basis)

    def _area_guidance(self, area: str) -> str:
        """Guidance for the opening or closing, from the kind's ``areas.toml``."""
        try:
            source = self.kind.area_guidance.get(area, "")
            if not source:
                return ""
            from drafter.templating import render_string

            return render_string(source, **self.kind.context(self.report.meta))
        except Exception:  # a broken data file loses the hint, never the editor
            return ""

    # ------------------------------------------------------------------ typing
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.target is None or not self.target.exists(self.report):
            return
        old = self.target.paragraphs(self.report)
        new = paragraphs_from_text(old, event.text_area.text, carried_keys(self.report))
        if new == old:
            return
        self.target.set_paragraphs(self.report, new)
        self._changed()
        self._refresh_mark()
        self._request_suggestions()

    def on_text_area_selection_changed(self, _event: TextArea.SelectionChanged) -> None:
        self._request_suggestions()

    def _changed(self) -> None:
        """Record an edit: bump the generation, arm the recovery and autosave timers."""
        self.generation += 1
        now = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        if self._recovery_timer is None:
            self._recovery_timer = self.set_timer(self.options.recovery_delay, self._write_recovery)
        if self._save_timer is not None:
            self._save_timer.stop()
        delay = self.options.save_delay
        # A drafter who never pauses still gets the draft itself saved every few seconds.
        delay = max(0.0, min(delay, self._first_unsaved + self.options.max_unsaved - now))
        self._save_timer = self.set_timer(delay, self.save_now)
        self.update_status()

    def _write_recovery(self) -> None:
        self._recovery_timer = None
        if self.generation != self.saved_generation:
            self.writer.request_recovery(self.generation, self.report)

    def save_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._first_unsaved = None
        self.writer.request_save(self.generation, self.report)

    def on_saved(self, message: Saved) -> None:
        self.saved_generation = max(self.saved_generation, message.generation)
        self.update_status()

    def on_changed_on_disk(self, message: ChangedOnDisk) -> None:
        self.message = (
            f"草稿已被其他程序修改：那个版本已另存为「{message.copy.name}」（外部修改），当前内容已保存"
        )
        self.notify(self.message, severity="warning", timeout=15)
        self.update_status()

    def on_save_failed(self, message: SaveFailed) -> None:
        self.message = f"保存失败：{message.message}"
        self.notify(self.message, severity="error", timeout=10)
        self.update_status()

    def update_status(self) -> None:
        self.query_one(StatusLine).show(
            saved=self.generation == self.saved_generation,
            chars=self.report.char_count(),
            deadlines=self._deadlines,
            message=self.message,
        )

    def _deadline_text(self) -> str:
        try:
            items = deadlines(self.kind, self.report.meta.year)
        except Exception:
            return ""
        return "　".join(f"{d.label}截止 {format_date(d.date)}" for d in items)

    def _refresh_mark(self) -> None:
        """The open section's mark and its ancestors' (their state sums up their sub-sections)."""
        tree = self.query_one(OutlineTree)
        if self.target is None:
            return
        if self.target.area != SECTION:
            tree.refresh_marks(self.report, self.flagged)
            return
        node = tree.node_for(self.target)
        path = self.target.path
        while node is not None and path:
            node.set_label(tree.section_label(self.report, path, self.flagged))
            node, path = node.parent, path[:-1]

    # ------------------------------------------------------------------ suggestions
    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        try:
            import phrasebank

            if not hasattr(phrasebank, "suggest"):
                raise RuntimeError("短语库模块未完成")
            from drafter.app.suggest import warm_up

            warm_up(self.report.meta)  # the bank of the draft's kind (its own, or the built-in one)
            # The banks are hundreds of thousands of long-lived objects: move them out of the garbage
            # collector's reach, or a full collection in the middle of typing stalls a keystroke ~0.1 s.
            import gc

            gc.collect()
            gc.freeze()
        except Exception as exc:
            self.post_message(BankReady(error=str(exc) or type(exc).__name__))
            return
        self.post_message(BankReady())

    def on_bank_ready(self, message: BankReady) -> None:
        panel = self.query_one(SuggestionPanel)
        if message.error:
            self.bank_state = "error"
            panel.set_message(f"参考表述不可用：{message.error}")
            return
        from drafter.app.suggester import Suggester

        self._suggester = Suggester(
            lambda gen, found, error: self.post_message(SuggestionsReady(gen, found, error)),
            kind_id=self.kind.id,
            bank=self.options.bank,
            k=self.options.k,
        )
        self.bank_state = "ready"
        self._request_suggestions(force=True)

    def _query(self) -> tuple[str, str | None, str | None]:
        """The paragraph up to the cursor (one editor line is one paragraph), its part and heading."""
        row, col = self.editor.cursor_location
        line = self.editor.document.get_line(row)
        part = heading = None
        if self.target is not None and self.target.area == SECTION:
            part = part_of(self.report, self.target.path)
            heading = self.report.section_at(self.target.path).heading
        elif self.target is not None:
            part = self.target.area  # the opening or the closing
        return line[:col], part, heading

    def _request_suggestions(self, force: bool = False) -> None:
        """Ask for suggestions for the sentence at the cursor; only the newest request is computed."""
        if self.bank_state != "ready":
            return
        query = self._query()
        if not force and query == self._last_query:
            return
        self._last_query = query
        self.suggestion_generation += 1
        from drafter.app.suggest import suggestion_request

        text, part, heading = query
        request = suggestion_request(text, meta=self.report.meta, kind=self.kind, part=part, heading=heading)
        self._suggester.request(self.suggestion_generation, request)

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if message.generation != self.suggestion_generation:
            return  # a newer request is on its way
        panel = self.query_one(SuggestionPanel)
        if message.error:
            panel.set_message(f"参考表述出错：{message.error}")
        else:
            panel.set_suggestions(message.suggestions, "没有相近的参考表述")
        self.suggestions_shown = message.generation
        self.editor.keep_ime_cursor()

    def action_suggestion(self, step: int) -> None:
        self.query_one(SuggestionPanel).move(step)

    def action_insert_suggestion(self) -> None:
        """Take the chosen suggestion, as one undo step: a continuation goes in at the cursor; a whole
        phrase replaces only the clause it matched (the protocol's ``replace``), so an enumerator such as
        「四是」 and everything before the clause stay as the drafter wrote them."""
        suggestion = self.query_one(SuggestionPanel).selected
        if suggestion is None or self.target is None:
            self.notify("没有可采用的参考表述", severity="warning")
            return
        editor = self.editor
        row, col = editor.cursor_location
        start = max(0, col - max(0, suggestion.replace))
        editor.history.checkpoint()
        editor.replace(suggestion.insert, (row, start), (row, col), maintain_selection_offset=False)
        editor.history.checkpoint()
        editor.focus()
        # What the bank could not fill renders as 「X」 (or 「上级地名」…): select the first one so typing
        # replaces it; Ctrl+N goes on to the next.
        blank = _BLANK.search(suggestion.insert)
        if blank is not None:
            editor.move_cursor((row, start + blank.start()))
            editor.move_cursor((row, start + blank.end()), select=True)
            self.message = f"已插入参考表述，请填写{blank.group(0)}（Ctrl+N 下一处，Ctrl+Z 撤销）"
        else:
            editor.move_cursor((row, start + len(suggestion.insert)))
            self.message = "已插入参考表述（Ctrl+Z 撤销）"
        self.update_status()

    def action_next_blank(self) -> None:
        """Select the next 「X」 (or other blank to fill) after the cursor, in this part's text."""
        editor = self.editor
        row, col = editor.selection.end
        lines = editor.text.split("\n")
        for r in range(row, len(lines)):
            blank = _BLANK.search(lines[r], col if r == row else 0)
            if blank is not None:
                editor.move_cursor((r, blank.start()))
                editor.move_cursor((r, blank.end()), select=True)
                self.message = f"请填写{blank.group(0)}"
                self.update_status()
                return
        self.message = "后面没有待填写的空位了"
        self.update_status()

    # ------------------------------------------------------------------ misc
    def action_save(self) -> None:
        self.save_now()
        self.message = "已保存"
        self.update_status()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        """Save, then leave; if the save fails, say so and ask before leaving (text is never dropped)."""
        if self.generation > max(self.saved_generation, self.writer.saved_generation):
            self.save_now()
        self.writer.flush()
        if self.writer.saved_generation >= self.generation or self.generation == 0:
            self.shutdown()
            self.app.exit()
            return
        from .dialogs import Confirm

        def answer(leave: bool | None) -> None:
            if leave:
                self.shutdown()
                self.app.exit()

        self.app.push_screen(
            Confirm(
                f"草稿无法保存到 {self.path}（{self.message or '写入失败'}）。"
                "未保存的内容在恢复文件中（如能写入）。仍要退出吗？",
                "退出",
                "返回",
            ),
            answer,
        )

    def shutdown(self) -> None:
        """Save what is unsaved and stop the writer (called on quit and when the app closes)."""
        if self._suggester is not None:
            self._suggester.close()
        if self.writer.closed:
            return
        if self.generation > max(self.saved_generation, self.writer.saved_generation):
            self.save_now()
        self.writer.close()
