"""报告信息: the document's facts (year, issuer, short form, recipient, date, title, attachments), editable.

Changing the issuer or the year previews what else would change (a title from the kind's template, the
old body's names and the years in the text) and applies only what the clerk leaves ticked.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from drafter.app.facts import FactChange, Facts, facts_of, plan_change
from drafter.model import Report

FIELDS = (
    ("year", "报告所述年度 *"),
    ("org", "发文机关全称（落款） *"),
    ("short", "机关自称简称"),
    ("recipient", "主送机关"),
    ("date", "成文日期（如 2027-01-06，落款下一行）"),
    ("title", "标题"),
    ("attachments", "附件（多个用「；」分隔）"),
)


def _parse_date(text: str) -> _dt.date | None:
    from drafter.app.ending import parse_date_line

    text = text.strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return parse_date_line(text)


class FactsScreen(ModalScreen[tuple[FactChange, bool, bool] | None]):
    """Dismisses with (change, regenerate title, replace in text), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        Binding("ctrl+s", "save", "保存"),
    ]

    def __init__(self, report: Report, kind: Any) -> None:
        super().__init__()
        self.report = report
        self.kind = kind
        self.change: FactChange | None = None

    def compose(self) -> ComposeResult:
        f = facts_of(self.report)
        values = {
            "year": str(f.year or ""),
            "org": f.org,
            "short": f.short,
            "recipient": f.recipient,
            "date": f.date.isoformat() if f.date else "",
            "title": f.title,
            "attachments": "；".join(f.attachments),
        }
        with VerticalScroll(classes="dialog", id="facts-box"):
            yield Label("报告信息", classes="dialog-title")
            yield Static("落款和成文日期取自这里，导出时自动放在正文末尾。", classes="dim-hint")
            for key, label in FIELDS:
                yield Label(label)
                yield Input(values[key], id=f"fact-{key}")
            yield Checkbox("按新的机关和年度重新生成标题", True, id="fact-regen")
            yield Checkbox("把正文中的旧机关名称和年份一并替换", True, id="fact-replace")
            yield Static("", id="fact-preview")
            yield Static("", id="fact-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", variant="primary", id="save")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#fact-org", Input).focus()
        self._preview()

    def _facts(self) -> Facts | str:
        v = {key: self.query_one(f"#fact-{key}", Input).value.strip() for key, _ in FIELDS}
        if not v["year"].isdigit():
            return "请填写报告所述年度，例如 2026"
        year = int(v["year"])
        try:
            self.kind.check_year(year)
        except Exception as exc:
            return getattr(exc, "message", str(exc))
        if not v["org"]:
            return "请填写发文机关全称，例如 某某县人民政府"
        date = _parse_date(v["date"])
        if v["date"] and date is None:
            return f"成文日期「{v['date']}」看不懂，请写成 2027-01-06 或 2027年1月6日"
        attachments = [a.strip() for a in v["attachments"].replace(";", "；").split("；") if a.strip()]
        return Facts(year, v["org"], v["short"], v["recipient"], date, v["title"], attachments)

    def _preview(self) -> None:
        facts = self._facts()
        error = self.query_one("#fact-error", Static)
        preview = self.query_one("#fact-preview", Static)
        if isinstance(facts, str):
            error.update(facts)
            preview.update("")
            self.change = None
            return
        error.update("")
        self.change = change = plan_change(self.report, self.kind, facts)
        lines = []
        if change.title is not None:
            lines.append(f"标题将改为：{change.title}")
        for r in change.replacements[:8]:
            lines.append(f"正文替换：「{r.old}」→「{r.new}」（{r.count} 处）")
        if len(change.replacements) > 8:
            lines.append(f"……另有 {len(change.replacements) - 8} 组替换")
        if change.year_count:
            lines.append(f"年份顺延 {change.year_delta:+d} 年（{change.year_count} 段）")
        preview.update("\n".join(lines) or "（只修改报告信息，正文不变）")

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._preview()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        self._preview()
        if self.change is None:
            return
        regen = self.query_one("#fact-regen", Checkbox).value
        replace = self.query_one("#fact-replace", Checkbox).value
        self.dismiss((self.change, regen, replace))

    def action_cancel(self) -> None:
        self.dismiss(None)
