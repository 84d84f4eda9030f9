"""The help screen: every key, and what the outline marks mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
# 使用帮助

## 写作
- 左侧为**目录**，中间为**正文编辑区**，右侧为**参考表述**。
- 正文中一行就是一个自然段；长段落会自动折行显示。
- 输入时右侧按当前句子和所在部分给出参考表述：
  **Ctrl+↓ / Ctrl+↑** 切换，**Ctrl+G**（或 F4）把选中的表述插入正文（替换正在写的半句），
  插入后可用 **Ctrl+Z** 一步撤销。
- 正文停止输入一两秒后自动保存；另有恢复文件随时记录，异常退出后再次打开会提示恢复。

## 目录（Tab 或 F7 切换到目录）
- 回车：编辑该节　　A：新增子节　　S：新增同级节　　R 或 F2：重命名
- Delete 或 X：删除　　Shift+↑ / Shift+↓：上移 / 下移（序号自动更新）
- 标记：**空** 尚未撰写　**写** 已撰写　**转** 含上年结转、尚未修改的文字　**查** 检查发现问题

## 检查与导出
- **F3**：检查全文，选中一条问题后回车跳到对应段落。
- **F5**：导出 Word 正式稿；**F6**：导出审阅稿（问题以批注形式列出）。
- **Ctrl+P**：命令面板，可搜索“导出”“检查”等命令。

## 其他
- **Ctrl+S** 立即保存，**Ctrl+Q** 保存并退出，**F1** 本帮助。
- 如终端的“模糊宽度字符”（“”…—等）设为双宽，光标位置会错乱，请设为单宽（窄）。
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP_TEXT)
