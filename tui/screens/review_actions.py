"""Checks and export from the main screen: the checks panel with jumps to findings, Word export.

A mixin of :class:`~tui.screens.main.MainScreen`. The checker and the exporter run in worker threads
(they load jieba and python-docx); the result comes back as a message.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from drafter.app.editing import CLOSING, OPENING, SECTION, Target, line_for_paragraph
from drafter.findings import Finding
from drafter.model import Report

from ..widgets.outline import OutlineTree

if TYPE_CHECKING:
    # The mixin is used only by MainScreen; typed against Screen so it does not import the screen that
    # imports it (no import circle).
    from textual.screen import Screen as _Base
else:
    _Base = object


class Exported(Message):
    def __init__(self, path: Path | None, error: str = "", review: bool = False) -> None:
        super().__init__()
        self.path = path
        self.error = error
        self.review = review


def export_available() -> bool:
    return importlib.util.find_spec("drafter.export") is not None


class ReviewActions(_Base):
    """The checks panel, jumping to findings, and Word export of the main screen."""

    def action_checks(self) -> None:
        from .checks import ChecksScreen

        def found(findings: list[Finding]) -> None:
            self.findings = findings
            self.flagged = {tuple(f.location.section) for f in findings if f.location.section}
            self.query_one(OutlineTree).refresh_marks(self.report, self.flagged)

        self.app.push_screen(
            ChecksScreen(self.report.copy(), self.kind, found, self.prior_report()), self.jump_to
        )

    def jump_to(self, finding: Finding | None) -> None:
        """Open the part a finding is about and put the cursor on (or select) the text it names."""
        if finding is None:
            self.editor.focus()
            return
        loc = finding.location
        if finding.rule in ("ending.no-org", "ending.no-date", "ending.no-title", "ending.title-year"):
            self.action_facts()  # the signature, date and title are facts of the document
            return
        if loc.section:
            target = Target(SECTION, tuple(loc.section))
        elif loc.area in (OPENING, CLOSING):
            target = Target(loc.area)
        else:
            self.message = f"该问题涉及全文：{finding.message}"
            self.update_status()
            return
        if not target.exists(self.report):
            self.notify("该问题所在的小节已不存在，请重新检查", severity="warning")
            return
        self.query_one(OutlineTree).select_target(target)
        self.open_target(target)
        editor = self.editor
        if loc.paragraph is not None and loc.area != "heading":
            row = line_for_paragraph(editor.text, loc.paragraph)
            line = editor.document.get_line(row)
            start = min(loc.start or 0, len(line))
            end = min(loc.end if loc.end is not None else start, len(line))
            editor.move_cursor((row, start))
            if end > start:
                editor.move_cursor((row, end), select=True)
        self.message = finding.message
        self.update_status()
        editor.focus()
        self.call_after_refresh(editor.keep_ime_cursor)

    # ------------------------------------------------------------------ export
    def export_path(self, review: bool) -> Path:
        from drafter.app.export import default_export_path

        return default_export_path(self.path, review)

    def action_export(self, review: bool) -> None:
        if not export_available():
            self.notify("导出功能不可用（未安装导出模块）", severity="error")
            return
        self.message = "正在导出审阅稿…" if review else "正在导出 Word…"
        self.update_status()
        self._export(self.report.copy(), self.export_path(review), review, list(self.findings))

    @work(thread=True, group="export")
    def _export(self, report: Report, path: Path, review: bool, findings: list[Finding]) -> None:
        try:
            from drafter.app.export import export_report

            written = export_report(report, self.kind, path, review=review, prior=self.prior_report()).path
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc)
            self.post_message(Exported(None, error=message, review=review))
            return
        self.post_message(Exported(Path(written), review=review))

    def prior_report(self) -> Report | None:
        """Last year's report this draft was rolled forward from, when its file is still there: the review
        copy and the checks panel then compare with it exactly as ``drafter check --prior`` does."""
        from drafter.app.review import prior_of

        return prior_of(self.report, self.path, self.kind)

    def on_exported(self, message: Exported) -> None:
        if message.path is None:
            self.message = f"导出失败：{message.error}"
            self.notify(self.message, severity="error", timeout=10)
        else:
            self.last_export = message.path
            what = "审阅稿" if message.review else "Word 文档"
            self.message = f"已导出{what}：{message.path.resolve()}"
            self.notify(self.message, timeout=8)
        self.update_status()
