"""The key bar at the bottom: as many key hints as fit the width, always ending with 「F1 帮助」.

Textual's footer lays its keys out left to right and cuts off whatever does not fit, so on an 80-column
terminal the drafter never saw the help key. This bar measures each hint in cells (Chinese labels are
two cells a character), drops hints from the end until the rest fit, and keeps the help key last; a
click on a hint presses its key, as on the footer.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

#: The key that is always shown, last.
HELP_KEY = "f1"
#: Actions whose hints are dropped last when the bar is short of room (finding one's way comes first).
KEEP = ("toggle_outline", "toggle_suggestions", "search", "preview", "checks", "save")
_GAP = "  "


class KeyBar(Widget):
    """One line of key hints from the screen's active bindings."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        #: (first cell, last cell + 1, key) of each hint drawn, for clicks.
        self._spans: list[tuple[int, int, str]] = []
        self._actions: dict[str, str] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh()

    def hints(self) -> list[tuple[str, str, str]]:
        """(key, shown key, description) of the bindings to show, one per action, in binding order."""
        seen: set[str] = set()
        out: list[tuple[str, str, str]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            self._actions[binding.key] = binding.action
            shown = self.app.get_key_display(binding)
            if shown[:1] == "f" and shown[1:].isdigit():
                shown = shown.upper()  # 「F1」 as printed on the keyboard
            out.append((binding.key, shown, binding.description))
        return out

    def fitted(self, width: int) -> list[tuple[str, str, str]]:
        """The hints that fit ``width`` cells, help last (it is never the one dropped)."""
        hints = self.hints()
        help_hints = [h for h in hints if h[0] == HELP_KEY] or [(HELP_KEY, "F1", "帮助")]
        others = [h for h in hints if h[0] != HELP_KEY]

        def cells(items: list[tuple[str, str, str]]) -> int:
            return sum(cell_len(f" {shown} {desc}") for _k, shown, desc in items) + cell_len(_GAP) * len(
                items
            )

        while others and cells([*others, *help_hints]) > width:
            drop = max(
                range(len(others)),
                key=lambda i: (self._actions.get(others[i][0], "").split("(")[0] not in KEEP, i),
            )
            others.pop(drop)
        return [*others, *help_hints]

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        x = 0
        for key, shown, desc in self.fitted(self.size.width):
            start = x
            text.append(f" {shown} ", style="bold reverse")
            text.append(desc)
            text.append(_GAP)
            x += cell_len(f" {shown} {desc}") + cell_len(_GAP)
            self._spans.append((start, x, key))
        return text

    def plain(self) -> str:
        """The bar as text (tests, screen readers)."""
        return self.render().plain.rstrip()

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
