"""The input method follows the caret: in a real terminal (tmux), after Chinese text mixed with digits
and 「“”」, the terminal cursor (where an input method opens its candidate window) sits exactly on the
cell of the caret the app draws, also on a wrapped row and after moving with the arrow keys.

tmux is driven as a user's terminal would be: ``send-keys -l`` sends the UTF-8 text as an input method
commits it, ``display -p '#{cursor_x} #{cursor_y}'`` reads the real cursor, ``capture-pane`` the screen.
In CI a missing tmux fails the test (tests/conftest.py require_tool).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from drafter.draft import save
from drafter.kinds import get_kind

from .conftest import require_tool

REPO = Path(__file__).resolve().parents[1]
#: Chinese, ASCII digits and punctuation, full-width punctuation and 「“”」 (ambiguous width: one cell).
TYPED = "青禾县2025年深化“放管服”改革，办结事项12,345件，群众满意率99.6%，“一网通办”覆盖率达100%。"


def cells(text: str) -> int:
    """Cells a terminal gives the text (tmux's default: ambiguous width is narrow)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Tmux:
    def __init__(self, tmux: str, socket: str) -> None:
        self.tmux = tmux
        self.socket = socket

    def __call__(self, *args: str) -> str:
        out = subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=30, check=True
        )
        return out.stdout

    def cursor(self) -> tuple[int, int]:
        x, y = self("display", "-p", "-t", "t", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def screen(self) -> list[str]:
        return self("capture-pane", "-p", "-t", "t").split("\n")


def _places(lines: list[str], needle: str) -> list[tuple[int, int]]:
    return [(cells(line[: line.index(needle)]), y) for y, line in enumerate(lines) if needle in line]


def caret_after_end(lines: list[str]) -> tuple[int, int]:
    """The cell just after the last typed character: found by the longest tail of the text that one
    screen row holds (the paragraph wraps, so the tail may be short)."""
    for k in range(12, 1, -1):
        places = _places(lines, TYPED[-k:])
        if len(places) == 1:
            x, y = places[0]
            return x + cells(TYPED[-k:]), y
    raise AssertionError("typed text not on screen:\n" + "\n".join(lines))


def caret_before(lines: list[str], at: int) -> tuple[int, int]:
    """The cell of character ``at`` of the text: found by the longest run from it that one row holds."""
    for k in range(8, 1, -1):
        places = _places(lines, TYPED[at : at + k])
        if len(places) == 1:
            return places[0]
    raise AssertionError(f"character {at} not found on screen:\n" + "\n".join(lines))


def _cursor_reaches(
    tmux: Tmux, expected, timeout: float = 15.0
) -> tuple[tuple[int, int], tuple[int, int], list[str]]:
    """Poll until the terminal cursor is where ``expected(screen)`` says the caret is drawn, or time out.

    Why poll and not "wait until the cursor stops moving": on a loaded machine (CI) the app can take
    longer than one polling interval to work through a burst of keys, so a cursor that has not moved for
    a moment may still be on its way. The check stays strict: on time-out the last reading is returned
    and the caller's assertion fails with the screen.
    """
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(0.15)
        lines = tmux.screen()
        want = expected(lines)
        now = tmux.cursor()
        if now == want or time.monotonic() > deadline:
            return now, want, lines


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_terminal_cursor_is_on_the_caret(tmp_path: Path, size: tuple[int, int]) -> None:
    tmux_path = require_tool("tmux")
    path = tmp_path / "青禾县.md"
    save(get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县", "云港市人民政府"), path)
    env = {
        "PYTHONPATH": str(REPO),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    command = " ".join(
        [
            "env",
            *(f"{k}={shlex.quote(v)}" for k, v in env.items()),
            shlex.quote(sys.executable),
            "-c",
            shlex.quote("from drafter.cli import run; run()"),
            "edit",
            shlex.quote(str(path)),
        ]
    )
    tmux = Tmux(tmux_path, f"drafter-test-{os.getpid()}-{size[0]}")
    width, height = size
    tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)
    try:
        deadline = time.monotonic() + 30
        while not any("字数" in line for line in tmux.screen()):
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.2)
        time.sleep(0.5)
        tmux("send-keys", "-t", "t", "-l", TYPED)
        deadline = time.monotonic() + 20
        while not any(TYPED[-3:] in line for line in tmux.screen()):
            assert time.monotonic() < deadline, "the typed text did not appear"
            time.sleep(0.2)
        # The caret is right after the last character typed (its row may be a wrapped one).
        now, want, lines = _cursor_reaches(tmux, caret_after_end)
        assert now == want, "\n".join(lines)
        # Back over the mixed text, across wrapped rows: still on the caret's cell.
        done = 0
        for steps in (7, 19, 33, 41):
            tmux("send-keys", "-t", "t", *(["Left"] * (steps - done)))
            done = steps
            at = len(TYPED) - steps
            now, want, lines = _cursor_reaches(tmux, lambda screen, at=at: caret_before(screen, at))
            assert now == want, f"{steps} Left:\n" + "\n".join(lines)
    finally:
        subprocess.run([tmux_path, "-L", tmux.socket, "kill-server"], capture_output=True, timeout=30)
