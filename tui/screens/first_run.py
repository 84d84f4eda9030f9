"""First run: opened without a draft, ask what the report is about and create the draft file.

With last year's file given, the draft is rolled forward from it (its structure, carried-over text
marked as such, last year's plan as this year's promises); otherwise it starts from the kind's outline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from drafter.errors import DrafterError


def rollforward_available() -> bool:
    return importlib.util.find_spec("drafter.rollforward") is not None


class FirstRunScreen(Screen[Path]):
    """The form. Dismisses with the path of the new draft, already saved to disk."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "创建草稿"),
        Binding("ctrl+o", "open_existing", "打开已有草稿"),
        Binding("ctrl+q,escape", "app.quit", "退出"),
    ]

    def __init__(self, kind: Any, folder: Path) -> None:
        super().__init__()
        self.kind = kind
        self.folder = folder
        self.existing: Path | None = None
        from drafter.app.recent import recent_drafts

        self.recent = recent_drafts(folder)

    def compose(self) -> ComposeResult:
        from drafter.app.create import default_year, default_year_note

        last_year = default_year()
        with VerticalScroll(id="first-run"):
            if self.recent:
                from textual.widgets import OptionList
                from textual.widgets.option_list import Option

                yield Label("打开已有草稿（回车打开）", id="recent-title")
                yield OptionList(
                    *(Option(f"{p.name}　（{p.parent}）", id=str(p)) for p in self.recent), id="recent"
                )
            yield Label(f"新建{self.kind.name}", id="first-run-title")
            yield Static("填写以下信息后按“创建草稿”（或 Ctrl+S）。带 * 的为必填项。", classes="dim-hint")
            yield Label("报告所述年度 *")
            yield Input(str(last_year), id="year", placeholder="例如 2026", type="integer")
            yield Static(
                default_year_note().replace("未指定年度，", "") + "，如不对请修改",
                classes="dim-hint",
                id="year-note",
            )
            yield Label("发文机关全称 *")
            yield Input(id="org", placeholder="例如 某某区人民政府")
            yield Label("机关自称简称")
            yield Input(id="short", placeholder="例如 我区、我县、本局")
            yield Label("主送机关")
            yield Input(id="recipient", placeholder="例如 某某市人民政府")
            yield Label("上一年度报告文件（可选，据此结转）")
            yield Input(
                id="last-file",
                placeholder="例如 2024年度报告.docx",
                disabled=not rollforward_available(),
            )
            if not rollforward_available():
                yield Static("（结转功能不可用）", classes="dim-hint")
            yield Label("草稿保存为（可留空，自动命名）")
            yield Input(id="out", placeholder=f"例如 2025年{self.kind.name}.md")
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("创建草稿", variant="primary", id="create")
                yield Button("退出", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        if self.recent:
            self.query_one("#recent").focus()
        else:
            self.query_one("#org", Input).focus()

    def on_option_list_option_selected(self, event: Any) -> None:
        if event.option.id:
            self.app.opened_existing = True  # type: ignore[attr-defined]
            self.dismiss(Path(event.option.id))

    def action_open_existing(self) -> None:
        if self.existing is not None:
            self.app.opened_existing = True  # type: ignore[attr-defined]
            self.dismiss(self.existing)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves to the next field; on the last one it creates the draft.
        if event.input.id == "out":
            self.action_create()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.app.exit()

    def action_create(self) -> None:
        text = self._value("year")
        if not text.isdigit():
            self._error("请填写报告所述年度，例如 2025")
            self.query_one("#year", Input).focus()
            return
        year = int(text)
        try:
            self.kind.check_year(year)
        except DrafterError as exc:
            self._error(exc.message)
            return
        org = self._value("org")
        if not org:
            self._error("请填写发文机关全称，例如 某某区人民政府")
            self.query_one("#org", Input).focus()
            return
        from drafter.app.paths import clean_user_path

        last = clean_user_path(self._value("last-file"))
        if last and not Path(last).expanduser().is_file():
            self._error(f"找不到上一年度报告文件：{last}")
            return
        from drafter.app.create import draft_path

        path = draft_path(self.kind, org, year, clean_user_path(self._value("out")) or None, self.folder)
        if path.exists():
            self.existing = path
            self._error(f"文件 {path.name} 已存在：按 Ctrl+O 打开它，或换一个名字")
            return
        self._error("正在生成草稿…")
        self.query_one("#create", Button).disabled = True
        self.build(year, org, self._value("short"), self._value("recipient"), last, path)

    @work(thread=True, exclusive=True, group="first-run")
    def build(self, year: int, org: str, short: str, recipient: str, last: str, path: Path) -> None:
        from drafter.app.create import create_draft

        try:
            create_draft(
                self.kind,
                year,
                org=org,
                short=short,
                recipient=recipient,
                prior_file=last or None,
                output=path,
            )
        except DrafterError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        except Exception as exc:  # an importer bug must not kill the form
            self.app.call_from_thread(self._failed, f"生成草稿失败：{exc}")
            return
        self.app.call_from_thread(self.dismiss, path)

    def _failed(self, message: str) -> None:
        self._error(message)
        self.query_one("#create", Button).disabled = False
