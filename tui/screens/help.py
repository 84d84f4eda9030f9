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
- 正文中一行就是一个自然段，段与段之间空一行；长段落会自动折行显示（行首不出现“，。、”等标点）。
- 回车另起一段；在段首按退格与上一段合并。**Ctrl+A** 全选，**Ctrl+Home / Ctrl+End** 到开头 / 末尾，
  **Ctrl+← / Ctrl+→** 按词移动。
- 输入时右侧按当前句子和所在部分给出参考表述：
  **Ctrl+↓ / Ctrl+↑** 切换，**Ctrl+G**（或 F4）把选中的表述插入正文（替换正在写的半句），
  插入后可用 **Ctrl+Z** 一步撤销。
- 正文停止输入一两秒后自动保存；另有恢复文件随时记录，异常退出后再次打开会提示恢复。

## 查找替换与预览
- **Ctrl+F** 查找、**Ctrl+H** 替换：显示全文共几处，回车或 ↓ 下一处、↑ 上一处，
  **Ctrl+R** 替换当前一处，**Ctrl+E** 全部替换；全部替换后关闭查找框按 **Ctrl+Z** 一步撤销。
- 由上年报告结转的草稿第一次打开时，会提示把上年的机关名称、简称（如“区委”→“县委”）替换为今年的。
- **F8** 预览全文：按导出的样子显示整篇报告（序号、标题、主送机关、署名和日期），
  有问题的段落左侧标“查”；选中一段按回车即到编辑区修改。

## 窗口较小时
- 终端宽度不足 100 列时右侧参考表述自动收起，按 **F2** 显示；不足 90 列时目录也收起，按 **F7** 显示。

## 目录（Tab 或 F7 切换到目录）
- 回车：编辑该节　　空格或 → / ←：展开 / 折叠
- A：新增子节　　S：新增同级节　　R：重命名（在【开头】上按 R 打开报告信息）
- Delete 或 X：删除　　Shift+↑ / Shift+↓：上移 / 下移（序号自动更新）
- 标记：**空** 尚未撰写　**写** 已撰写　**转** 含上年结转、尚未修改的文字　**查** 检查发现问题
- 删除、移动、重命名、新增都可按 **Ctrl+Z** 撤销、**Ctrl+Y** 重做；删除对话框默认“取消”。

## 报告信息与历史版本
- **F9** 报告信息：年度、发文机关、简称、主送机关、成文日期、标题、附件；改了机关或年度时先预览新标题和正文替换。
  落款和成文日期取自这里，导出时自动放在正文末尾，不必写在【结尾】里。
- **F10** 历史版本：每次保存都留一个版本，可查看差别并恢复（恢复前的内容也另存为一个版本）。
- **Ctrl+O** 确认沿用：这一段沿用上年原文是有意的，不再提示。

## 检查与导出
- **F3**：检查全文，选中一条问题后回车跳到对应段落。
- **F5**：导出 Word 正式稿（还有错误时先问一句）；**F6**：导出审阅稿（问题以批注形式列出）。
- 命令面板中的“改正标点和数字写法”一次改正全文中的半角标点等（可撤销）。
- **Ctrl+P**：命令面板，可搜索“导出”“检查”等命令。

## 其他
- **Ctrl+S** 立即保存，**Ctrl+Q** 保存并退出，**F1** 本帮助。
- 不用终端的同事可运行 `drafter serve 草稿.md`，在浏览器中使用同样的界面（只在本机可用）。
- 如终端的“模糊宽度字符”（“”…—等）设为双宽，光标位置会错乱，请设为单宽（窄）。
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP_TEXT)
