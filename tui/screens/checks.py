"""The checks panel: every finding of the whole draft; Enter on one jumps to its place.

The check runs in a worker thread (the checker may load jieba); the panel says so while it runs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.findings import SEVERITY_ZH, Finding
from drafter.model import Report

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "cyan"}


def checks_available() -> bool:
    return importlib.util.find_spec("drafter.checks") is not None


def where(report: Report, finding: Finding) -> str:
    """A short place name, as every front end words it (:mod:`drafter.app.places`)."""
    from drafter.app.places import describe_finding

    return describe_finding(report, finding, width=12)


class ChecksScreen(ModalScreen[Finding | None]):
    """Runs the checker on a copy of the report and lists what it finds."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f3", "dismiss(None)", "关闭")]

    def __init__(
        self,
        report: Report,
        kind: Any,
        on_findings: Callable[[list[Finding]], None],
        prior: Report | None = None,
    ) -> None:
        super().__init__()
        self.prior = prior
        self.report = report
        self.kind = kind
        self.on_findings = on_findings
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="checks-box"):
            yield Label("检查结果", classes="dialog-title")
            yield Static("检查中…", id="checks-summary")
            yield OptionList(id="checks-list")
            yield Static("↑↓ 选择　回车 跳到该处　Esc 关闭", classes="dim-hint")

    def on_mount(self) -> None:
        if not checks_available():
            self.query_one("#checks-summary", Static).update("检查功能不可用（未安装检查模块）")
            return
        self.run_checks()

    @work(thread=True, exclusive=True, group="checks")
    def run_checks(self) -> None:
        try:
            from drafter.app.review import check_findings

            findings = check_findings(self.report, self.kind, prior=self.prior)
        except Exception as exc:  # show it in the panel; the draft is untouched
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._show, findings)

    def _show_error(self, message: str) -> None:
        self.query_one("#checks-summary", Static).update(f"检查失败：{message}")

    def _show(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.on_findings(self.findings)
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        if not self.findings:
            summary = "未发现问题。"
        else:
            summary = f"共 {len(self.findings)} 条：" + "，".join(
                f"{SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "hint") if s in counts
            )
        self.query_one("#checks-summary", Static).update(summary)
        options = self.query_one("#checks-list", OptionList)
        options.clear_options()
        for i, f in enumerate(self.findings):
            line = Text()
            line.append(
                f"[{SEVERITY_ZH.get(f.severity, f.severity)}] ", style=_SEVERITY_STYLE.get(f.severity, "")
            )
            line.append(where(self.report, f), style="bold")
            line.append("  " + f.message)
            options.add_option(Option(line, id=str(i)))
        if self.findings:
            options.highlighted = 0
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        if 0 <= index < len(self.findings):
            self.dismiss(self.findings[index])
