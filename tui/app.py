"""The Textual app and its factory.

``make_app`` is the one way to build the app: the ``drafter`` CLI, the tests and the benchmark all call
it (as Posting does), so what is tested is what users run. Nothing heavy is imported here: jieba,
python-docx and the phrase banks load later in worker threads, so the first screen paints fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from drafter.app.autosave import discard_recovery, load_recovery, pending_recovery
from drafter.app.documents import open_draft as load
from drafter.app.documents import save_draft as save
from drafter.app.kinds import DEFAULT_KIND, resolve_kind
from drafter.errors import UsageError
from drafter.model import Report

from .screens.main import MainScreen, Options


class DrafterApp(App[None]):
    """Opens a draft (or the first-run form when there is none) on the main screen."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter 年度报告助手"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_app", "退出", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True, key_display="^p"),
    ]

    def __init__(
        self,
        draft_path: Path | None,
        report: Report | None,
        kind_id: str,
        folder: Path,
        options: Options,
    ) -> None:
        super().__init__()
        self.draft_path = draft_path
        self.report = report
        self.kind_id = kind_id
        self.folder = folder
        self.options = options
        self.main: MainScreen | None = None

    def get_default_screen(self) -> Screen[Any]:
        """Compose the main screen as the first screen when a draft opens directly: pushing it over an
        empty default screen would paint twice before the drafter sees anything."""
        if (
            self.draft_path is not None
            and self.report is not None
            and pending_recovery(self.draft_path) is None
        ):
            from drafter.app.recent import record_opened

            record_opened(self.draft_path)
            self.main = MainScreen(
                self.report, self.draft_path, resolve_kind(None, self.report), self.options
            )
            return self.main
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.main is not None:
            return
        kind = resolve_kind(self.kind_id, None) if self.report is None else resolve_kind(None, self.report)
        if self.draft_path is None or self.report is None:
            from .screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(kind, self.folder), self._created)
            return
        rec = pending_recovery(self.draft_path)
        if rec is None:
            self._open_main(kind)
            return
        from .screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            assert self.draft_path is not None
            if yes:
                try:
                    self.report = load_recovery(rec)
                    save(self.report, self.draft_path)
                    discard_recovery(self.draft_path)
                    self.notify("已恢复上次未保存的内容")
                except Exception as exc:  # a damaged recovery file: keep the draft, say why
                    self.notify(f"恢复失败：{exc}", severity="error", timeout=10)
            else:
                discard_recovery(self.draft_path)
            self._open_main(kind)

        self.push_screen(
            Confirm(
                f"发现「{self.draft_path.name}」上次未保存的内容（比草稿新）。要恢复这些内容吗？",
                "恢复",
                "丢弃",
            ),
            answer,
        )

    def _created(self, path: Path | None) -> None:
        if path is None:
            self.exit()
            return
        self.draft_path = path
        self.report = load(path)
        self._open_main(resolve_kind(None, self.report))
        opened = getattr(self, "opened_existing", False)
        self.notify(f"已打开草稿：{path}" if opened else f"已创建草稿：{path}")

    def _open_main(self, kind: Any) -> None:
        assert self.report is not None and self.draft_path is not None
        from drafter.app.recent import record_opened

        record_opened(self.draft_path)
        self.main = MainScreen(self.report, self.draft_path, kind, self.options)
        self.push_screen(self.main)

    def action_command_palette(self) -> None:
        from .palette import open_palette

        open_palette(self)

    def action_quit_app(self) -> None:
        if self.main is not None and self.screen is self.main:
            self.main.action_quit()
            return
        if self.main is not None:
            self.main.shutdown()
        self.exit()

    def on_unmount(self) -> None:
        if self.main is not None:
            self.main.shutdown()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette, in Chinese; export and checks are here as well as on keys."""
        main = self.main
        if main is not None and screen is main:
            yield SystemCommand(
                "导出 Word（正式稿）", "按公文格式导出 .docx（F5）", lambda: main.action_export_checked(False)
            )
            yield SystemCommand(
                "导出 Word（审阅稿，含批注）",
                "检查结果以批注形式写入 .docx（F6）",
                lambda: main.action_export(True),
            )
            yield SystemCommand("检查全文", "列出问题并可跳转（F3）", main.action_checks)
            yield SystemCommand(
                "报告信息", "年度、发文机关、主送机关、成文日期、标题（F9）", main.action_facts
            )
            yield SystemCommand("历史版本", "查看并恢复以前保存的版本（F10）", main.action_history)
            yield SystemCommand("撤销提纲操作", "撤销删除、移动、重命名、新增（Ctrl+Z）", main.undo_structure)
            yield SystemCommand(
                "确认沿用本段", "这一段沿用上年原文是有意的，不再提示（Ctrl+O）", main.action_keep_carried
            )
            yield SystemCommand(
                "改正标点和数字写法",
                "把中文之间的半角标点、年份中的连字符等一次改正（可撤销）",
                main.action_fix_punctuation,
            )
            yield SystemCommand("预览全文", "按导出的样子查看整篇报告（F8）", main.action_preview)
            yield SystemCommand(
                "查找替换", "在全文中查找、替换（Ctrl+F / Ctrl+H）", lambda: main.action_search(True)
            )
            yield SystemCommand("保存", "立即保存草稿（Ctrl+S）", main.action_save)
            yield SystemCommand("帮助", "按键说明（F1）", main.action_help)
        yield SystemCommand("退出", "保存并退出（Ctrl+Q）", self.action_quit_app)


def make_app(draft_path: str | Path | None = None, **options: Any) -> DrafterApp:
    """Build the app for a draft file, or for the first-run form when ``draft_path`` is None.

    Options: ``kind`` (report kind for a new draft, default: the default kind), ``folder`` (where the first-run
    form saves a new draft, default the working directory), and the fields of
    :class:`~tui.screens.main.Options` (``save_delay``, ``recovery_delay``, ``max_unsaved``,
    ``suggestions``, ``bank``, ``k``). A draft that cannot be read raises the core's one-line error
    before any screen is drawn.
    """
    kind_id = str(options.pop("kind", DEFAULT_KIND))
    folder = Path(options.pop("folder", Path.cwd()))
    known = set(Options.__dataclass_fields__)
    unknown = set(options) - known
    if unknown:
        raise TypeError(f"unknown options: {', '.join(sorted(unknown))}")
    opts = Options(**options)
    path: Path | None = None
    report: Report | None = None
    if draft_path is not None:
        path = Path(draft_path)
        if path.suffix.lower() != ".md":
            raise UsageError(
                f"{path.name} 不是草稿文件（.md）；请先用 drafter import 导入，或用 drafter new --from 结转"
            )
        # A draft that is gone while its recovery file is not: start empty, the recovery is offered.
        report = Report() if not path.exists() and pending_recovery(path) is not None else load(path)
    return DrafterApp(path, report, kind_id, folder, opts)


def run(draft_path: str | Path | None = None, **options: Any) -> None:
    """Entry point of the ``drafter.frontends`` group: build the app and run it until the user quits.

    One process per draft: a second ``drafter edit`` (or ``drafter serve``) of the same draft is refused
    while this one runs (the app ``drafter serve`` starts for a browser tab runs under its lock)."""
    import os

    from drafter.app.draft_lock import SERVED_ENV, DraftLock

    app = make_app(draft_path, **options)
    lock = None
    if app.draft_path is not None and app.draft_path.parent.is_dir() and not os.environ.get(SERVED_ENV):
        lock = DraftLock(app.draft_path).acquire()
    try:
        app.run()
    finally:
        if lock is not None:
            lock.release()
