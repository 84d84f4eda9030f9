"""The search and replace box (Ctrl+F, Ctrl+H): a bar at the bottom of the screen over the draft.

The box only asks and shows; the search itself is :mod:`drafter.app.search` on the report, and the main
screen (:class:`~tui.screens.search_actions.SearchActions`) opens and selects each match in the editor, so
the drafter sees it in place behind the box.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.app.search import Offer


class SearchScreen(ModalScreen[None]):
    """Find / replace. Enter or ↓ goes to the next match, ↑ to the previous; Esc closes.

    ``main`` is the main screen (its :class:`~tui.screens.search_actions.SearchActions` methods do the
    work; not imported here, the mixin imports this module).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭"),
        Binding("down", "step(1)", "下一处", show=False),
        Binding("up", "step(-1)", "上一处", show=False),
        Binding("ctrl+r", "replace_one", "替换", priority=True),
        Binding("ctrl+e", "replace_all", "全部替换", priority=True),
        Binding("ctrl+o", "next_offer", "下一组", show=False, priority=True),
    ]

    def __init__(
        self,
        main: Any,
        *,
        replace: bool = False,
        needle: str = "",
        offers: list[Offer] | None = None,
    ) -> None:
        super().__init__()
        self.main = main
        self.replacing = replace or bool(offers)
        self.offers = list(offers or [])
        self.offer_index = 0
        self.needle = needle
        self.index = -1

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("", id="search-offer")
            with Horizontal(classes="search-row"):
                yield Label("查找", classes="search-label")
                yield Input(self.needle, id="search-find", placeholder="要查找的文字")
            with Horizontal(classes="search-row", id="search-replace-row"):
                yield Label("替换为", classes="search-label")
                yield Input("", id="search-replace", placeholder="替换成的文字")
            yield Static("", id="search-count")
            with Horizontal(classes="dialog-buttons"):
                yield Button("上一处", id="search-prev")
                yield Button("下一处", id="search-next", variant="primary")
                yield Button("替换", id="search-one")
                yield Button("全部替换", id="search-all")
                yield Button("关闭", id="search-close")

    def on_mount(self) -> None:
        self.query_one("#search-replace-row").display = self.replacing
        self.query_one("#search-one").display = self.replacing
        self.query_one("#search-all").display = self.replacing
        if self.offers:
            self._load_offer()
        self.query_one("#search-find", Input).focus()
        self._recount()

    # ------------------------------------------------------------------ state
    @property
    def find_text(self) -> str:
        return self.query_one("#search-find", Input).value

    @property
    def replace_text(self) -> str:
        return self.query_one("#search-replace", Input).value

    @property
    def avoid(self) -> tuple[str, ...]:
        """The words to leave alone: the offer's, while the find text is still the offered one."""
        offer = self._offer()
        return offer.avoid if offer is not None and offer.old == self.find_text else ()

    def _offer(self) -> Offer | None:
        return self.offers[self.offer_index] if 0 <= self.offer_index < len(self.offers) else None

    def _load_offer(self) -> None:
        offer = self._offer()
        note = self.query_one("#search-offer", Static)
        if offer is None:
            note.update("上年名称已全部处理。")
            return
        self.query_one("#search-find", Input).value = offer.old
        self.query_one("#search-replace", Input).value = offer.new
        rest = "、".join(f"{o.old}→{o.new}" for o in self.offers[self.offer_index + 1 :])
        text = f"草稿由上年报告结转：建议把「{offer.old}」替换为「{offer.new}」"
        text += f"（第 {self.offer_index + 1}/{len(self.offers)} 组"
        text += f"，其后：{rest}）" if rest else "）"
        note.update(text + "。Ctrl+E 全部替换，Ctrl+O 跳过此组。")

    def count_text(self) -> str:
        """What the count line says: how many matches, and which one is shown."""
        matches = self.main.search_matches(self.find_text, self.avoid)
        if not self.find_text:
            return "输入要查找的文字"
        if not matches:
            return "全文没有找到"
        if 0 <= self.index < len(matches):
            return f"全文共 {len(matches)} 处，当前第 {self.index + 1} 处"
        return f"全文共 {len(matches)} 处"

    def _recount(self, prefix: str = "") -> None:
        self.query_one("#search-count", Static).update(prefix + self.count_text())

    # ------------------------------------------------------------------ events
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search-find":
            self.index = -1
            self._recount()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search-replace":
            self.action_replace_one()
        else:
            self.action_step(1)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions: dict[str, Any] = {
            "search-prev": lambda: self.action_step(-1),
            "search-next": lambda: self.action_step(1),
            "search-one": self.action_replace_one,
            "search-all": self.action_replace_all,
            "search-close": self.action_close,
        }
        actions[event.button.id or "search-close"]()

    # ------------------------------------------------------------------ actions
    def action_step(self, step: int) -> None:
        matches = self.main.search_matches(self.find_text, self.avoid)
        if not matches:
            self._recount()
            return
        if self.index < 0:
            self.index = 0 if step > 0 else len(matches) - 1
        else:
            self.index = (self.index + step) % len(matches)
        self.main.show_match(matches[self.index])
        self._recount()

    def action_replace_one(self) -> None:
        if not self.replacing or not self.find_text:
            return
        matches = self.main.search_matches(self.find_text, self.avoid)
        if not matches:
            self._recount()
            return
        if not 0 <= self.index < len(matches):
            self.index = 0
            self.main.show_match(matches[0])  # first show it; the next Ctrl+R replaces it
            self._recount()
            return
        self.main.replace_match(matches[self.index], self.find_text, self.replace_text)
        matches = self.main.search_matches(self.find_text, self.avoid)
        if matches:
            self.index = min(self.index, len(matches) - 1)
            self.main.show_match(matches[self.index])
        else:
            self.index = -1
        self._recount()

    def action_replace_all(self) -> None:
        if not self.replacing or not self.find_text:
            return
        offer = self._offer()
        was_offer = offer is not None and offer.old == self.find_text
        done = self.main.replace_everywhere(self.find_text, self.replace_text, self.avoid)
        self.index = -1
        if was_offer:  # on to the next of last year's names
            self.offer_index += 1
            self._load_offer()
        self._recount(f"已替换 {done} 处（关闭后按 Ctrl+Z 一步撤销）。")

    def action_next_offer(self) -> None:
        if self.offers:
            self.offer_index += 1
            self._load_offer()
            self._recount()

    def action_close(self) -> None:
        self.dismiss(None)
