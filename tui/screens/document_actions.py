"""Undo/redo of outline changes, the document's facts, its history, 确认沿用, and the checked export.

A mixin of :class:`~tui.screens.main.MainScreen` (like :mod:`.outline_actions`); the logic is in the
application layer (:mod:`drafter.app.undo`, :mod:`drafter.app.facts`, :mod:`drafter.app.versions`,
:mod:`drafter.app.ending`), the screens only ask and show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from drafter.app.editing import SECTION, Target
from drafter.model import CARRIED, KEPT, Paragraph, Report

from ..widgets.outline import OutlineTree

if TYPE_CHECKING:
    from textual.screen import Screen as _Base
else:
    _Base = object


class DocumentActions(_Base):
    # ------------------------------------------------------------------ undo / redo
    def action_undo(self) -> None:
        """Ctrl+Z: a replace-all just done, else the editor's own undo while it has typing to undo, else
        the last outline change."""
        hook = getattr(self, "undo_replace_all", None)
        if hook is not None and hook():
            return
        editor = self.editor
        if editor.has_focus and editor.history.undo_stack:
            editor.undo()
            return
        self.undo_structure()

    def action_redo(self) -> None:
        editor = self.editor
        if editor.has_focus and editor.history.redo_stack:
            editor.redo()
            return
        self.undo_structure(redo=True)

    # ------------------------------------------------------------------ replacing the whole report
    def replace_report(self, report: Report, message: str) -> None:
        """Show another version of the report (restored from history), keeping the same objects."""
        from drafter.app.undo import restore_into

        self.structure_undo.record(self.report, None, "恢复历史版本")
        restore_into(self.report, report)
        self._open_section = None
        self._structure_changed(None)
        self.notify(message, timeout=6)

    # ------------------------------------------------------------------ facts
    def action_facts(self) -> None:
        from .facts import FactsScreen

        def done(result: tuple | None) -> None:
            if result is None:
                return
            from drafter.app.facts import apply_change

            change, regen, replace = result
            self.structure_undo.record(self.report, None, "修改报告信息")
            apply_change(self.report, change, title=regen, names=replace, years=replace)
            self.query_one("#title").update(self._title())
            self._open_section = None
            self._structure_changed(None)
            self.notify("已更新报告信息（Ctrl+Z 可撤销）", timeout=5)

        self.app.push_screen(FactsScreen(self.report, self.kind), done)

    # ------------------------------------------------------------------ history
    def action_history(self) -> None:
        from .history import HistoryScreen

        self.save_now()
        self.writer.flush()

        def done(version_id: str | None) -> None:
            if not version_id:
                return
            from drafter.app.versions import restore_version
            from drafter.draft import load

            try:
                v = restore_version(self.path, version_id)
                report = load(self.path)
            except Exception as exc:
                self.notify(f"恢复失败：{getattr(exc, 'message', exc)}", severity="error", timeout=8)
                return
            self.replace_report(
                report, f"已恢复 {v.saved:%m-%d %H:%M:%S} 的版本（恢复前的内容已另存为一个版本）"
            )

        self.app.push_screen(HistoryScreen(self.path), done)

    # ------------------------------------------------------------------ automatic fixes
    def action_fix_punctuation(self) -> None:
        """The punctuation family's automatic fixes over the whole draft, as one undoable step."""
        from drafter.app.fix import _rules_table, fix_report
        from drafter.errors import DrafterError

        try:
            data = _rules_table(self.kind)
        except DrafterError as exc:
            self.notify(exc.message, severity="warning", timeout=6)
            return
        trial = self.report.copy()
        changes = fix_report(trial, data)
        if not changes:
            self.notify("没有需要改正的标点和数字写法", timeout=4)
            return
        self.structure_undo.record(self.report, None, "改正标点")
        fix_report(self.report, data)
        self._open_section = None
        self._structure_changed(None)
        count = sum(len(c.edits) for c in changes)
        self.notify(f"已改正 {count} 处标点和数字写法（Ctrl+Z 可撤销）", timeout=6)

    # ------------------------------------------------------------------ carried paragraphs
    def action_keep_carried(self) -> None:
        """确认沿用: the paragraph at the cursor is last year's text kept on purpose (no more warning)."""
        target = self.target
        if target is None or not target.exists(self.report):
            return
        paragraphs = target.paragraphs(self.report)
        row = self.editor.cursor_location[0]
        lines = self.editor.text.split("\n")
        index = sum(1 for line in lines[:row] if line.strip())
        if index >= len(paragraphs) or not lines[row].strip():
            return
        p = paragraphs[index]
        if CARRIED not in p.flags:
            self.notify("这一段不是沿用上年的原文", timeout=3)
            return
        new = list(paragraphs)
        new[index] = Paragraph(p.text, p.flags | {KEPT})
        target.set_paragraphs(self.report, new)
        self._changed()
        self._refresh_mark()
        self.notify("已确认沿用这一段（不再提示）", timeout=3)

    # ------------------------------------------------------------------ export with a look first
    def action_export_checked(self, review: bool) -> None:
        """F5: look for typed signature lines and open errors before the Word file is written."""
        from drafter.app.ending import typed_ending

        typed = typed_ending(self.report)
        if typed.found:
            from .dialogs import Confirm

            what = "」「".join(
                x for x in (typed.org, f"{typed.date:%Y年%m月%d日}" if typed.date else "") if x
            )

            def moved(yes: bool | None) -> None:
                if yes:
                    from drafter.app.ending import move_ending_to_facts

                    self.structure_undo.record(self.report, None, "移入报告信息")
                    move_ending_to_facts(self.report)
                    self._changed()
                    if self.target is not None and self.target.area != SECTION:
                        self.open_target(self.target, force=True)
                self._precheck(review)

            self.app.push_screen(
                Confirm(
                    f"【结尾】中的「{what}」像是落款和日期。落款和成文日期取自报告信息，导出时自动放在末尾。"
                    "要把它们移入报告信息吗？（不移也只导出一次）",
                    "移入报告信息",
                    "保持不变",
                ),
                moved,
            )
            return
        self._precheck(review)

    @work(thread=True, exclusive=True, group="precheck")
    def _precheck(self, review: bool) -> None:
        if review:
            self.app.call_from_thread(self.action_export, True)
            return
        try:
            from drafter.app.review import check_findings

            findings = check_findings(self.report.copy(), self.kind, prior=self.prior_report())
        except Exception:
            findings = []
        errors = sum(1 for f in findings if f.severity == "error")
        self.app.call_from_thread(self._ask_export, errors)

    def _ask_export(self, errors: int) -> None:
        if not errors:
            self.action_export(False)
            return
        from .dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                self.action_export(False)
            else:
                self.action_checks()

        self.app.push_screen(
            Confirm(
                f"检查发现 {errors} 个错误尚未解决。仍要导出 Word 吗？（选「先看问题」打开检查结果）",
                "仍要导出",
                "先看问题",
                default_no=True,
            ),
            answer,
        )

    def select_target(self, target: Target) -> None:
        self.query_one(OutlineTree).select_target(target)
