"""The app's responsiveness, measured in a real pseudo-terminal. Prints one JSON line.

    python benchmarks/bench_tui.py [--phrases 100000] [--starts 5] [--keys 60]

1. First paint: from spawning ``drafter edit DRAFT`` (a fresh Python process, as the user starts it) to
   the first screen arriving on the terminal (the status line's 「字数」 is read from the pty).
2. Keystroke to screen: the app runs in a pty with the 100,000-phrase benchmark bank (built by
   ``benchmarks/bench_suggest.py``'s ``build_bank``); characters are sent one by one like a typist
   (150 ms apart) and the app process logs, for every frame it writes to the terminal, what that frame
   shows. ``echo_ms`` is key sent → first frame showing the character; ``suggest_ms`` is key sent →
   first frame whose suggestion list was computed for the text including that character.
   Both clocks are CLOCK_MONOTONIC, shared by the two processes.
3. First suggestions: from spawning the app (its bank named with ``bank=``, opened by the app) to the first
   frame that shows a suggestion list (``first_suggestions_s``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

TYPED = "我区深入推进严格规范公正文明执法全面落实行政执法三项制度加强行政复议和行政应诉工作"
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")


def make_draft(folder: Path) -> Path:
    from drafter.draft import save
    from drafter.kinds import get_kind

    path = folder / "报告.md"
    save(get_kind("fzzf").new_report(2024, "某某区人民政府", "我区", "某某市人民政府"), path)
    return path


HELLO = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Hello(App):\n"
    "    BINDINGS = [('ctrl+q', 'quit')]\n"
    "    def compose(self):\n"
    "        yield Static('字数')\n"
    "Hello().run()\n"
)


def first_paint(draft: Path | None, runs: int) -> list[float]:
    """Seconds from spawn to the first screen; ``draft`` None times a bare Textual app (the floor)."""
    import pexpect

    args = (
        ["-c", HELLO] if draft is None else ["-c", "from drafter.cli import run; run()", "edit", str(draft)]
    )
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        child = pexpect.spawn(
            sys.executable,
            args,
            env=ENV,
            dimensions=(40, 120),
            encoding="utf-8",
            codec_errors="replace",
        )
        child.expect("字数", timeout=30)
        times.append(time.monotonic() - t0)
        child.sendcontrol("q")
        child.expect(pexpect.EOF, timeout=30)
        child.close()
    return times


# ------------------------------------------------------------------ the app side of the keystroke test
def app_side(draft: str, bank_path: str, log_path: str) -> None:
    """Run the app on the benchmark bank, logging what every frame written to the terminal shows."""
    import tui.screens.main as main_mod
    from tui.app import make_app

    # The bank is named as a user would name it (``--bank``): the app opens it itself, so the time to the
    # first suggestions includes opening it.
    app = make_app(draft, bank=bank_path, save_delay=600, max_unsaved=600)
    frames: list[tuple[float, int, int]] = []
    request_len: dict[int, int] = {}
    state = {"ready": 0.0}

    original_request = main_mod.MainScreen._request_suggestions

    def request(self, force: bool = False) -> None:
        original_request(self, force)
        request_len[self.suggestion_generation] = len(self.editor.text)

    main_mod.MainScreen._request_suggestions = request  # type: ignore[method-assign]

    original_ready = main_mod.MainScreen.on_bank_ready

    def bank_ready(self, message) -> None:
        original_ready(self, message)
        state["ready"] = time.monotonic()

    main_mod.MainScreen.on_bank_ready = bank_ready  # type: ignore[method-assign]

    original_display = app._display

    def display(screen, renderable) -> None:
        original_display(screen, renderable)
        main = app.main
        if renderable is not None and main is not None and main.is_mounted:
            shown = request_len.get(main.suggestions_shown, -1)
            frames.append((time.monotonic(), len(main.editor.text), shown))

    app._display = display  # type: ignore[method-assign]
    app.run()
    Path(log_path).write_text(json.dumps({"frames": frames, "ready": state["ready"]}), "utf-8")


def keystrokes(draft: Path, bank: Path, keys: int) -> dict[str, object]:
    import pexpect

    log = draft.with_name("frames.json")
    spawned = time.monotonic()
    child = pexpect.spawn(
        sys.executable,
        [__file__, "--app-side", str(draft), str(bank), str(log)],
        env=ENV,
        dimensions=(40, 140),
        encoding="utf-8",
        codec_errors="replace",
    )
    child.expect("字数", timeout=60)
    # Wait until the bank is loaded (suggestions shown instead of the loading message).
    child.expect("份报告使用", timeout=120)
    time.sleep(1.0)
    sent: list[float] = []
    for ch in (TYPED * 3)[:keys]:
        child.send(ch)
        sent.append(time.monotonic())
        deadline = time.monotonic() + 0.15
        while time.monotonic() < deadline:
            with contextlib.suppress(pexpect.TIMEOUT):
                child.read_nonblocking(65536, timeout=0.01)
    time.sleep(0.5)
    child.sendcontrol("q")
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    data = json.loads(log.read_text("utf-8"))
    frames = data["frames"]
    echo, suggest = [], []
    for i, s in enumerate(sent):
        want = i + 1  # the draft's first sub-section starts empty
        e = next((t for t, n, _ in frames if t >= s and n >= want), None)
        g = next((t for t, _, q in frames if t >= s and q >= want), None)
        if e is not None:
            echo.append((e - s) * 1000)
        if g is not None:
            suggest.append((g - s) * 1000)
    first = next((t for t, _, q in frames if q >= 0), None)
    return {
        "echo": echo,
        "suggest": suggest,
        "keys": len(sent),
        "first_suggestions_s": None if first is None else first - spawned,
    }


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--phrases", type=int, default=100_000)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--keys", type=int, default=60)
    ap.add_argument("--app-side", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.app_side:
        app_side(*args.app_side)
        return 0
    from bench_suggest import build_bank

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = make_draft(folder)
        paints = first_paint(draft, args.starts)
        floor = first_paint(None, args.starts)
        bank = folder / "bench.sqlite"
        build_bank(bank, args.phrases)
        (folder / "k").mkdir()
        keys = keystrokes(make_draft(folder / "k"), bank, args.keys)
    result = {
        "first_paint_s_median": round(statistics.median(paints), 3),
        "first_paint_s_max": round(max(paints), 3),
        "bare_textual_first_paint_s_median": round(statistics.median(floor), 3),
        "echo_ms_p50": round(pct(keys["echo"], 0.5), 1),
        "echo_ms_p95": round(pct(keys["echo"], 0.95), 1),
        "suggest_ms_p50": round(pct(keys["suggest"], 0.5), 1),
        "suggest_ms_p95": round(pct(keys["suggest"], 0.95), 1),
        "suggest_ms_max": round(max(keys["suggest"]), 1) if keys["suggest"] else None,
        "first_suggestions_s": None
        if keys["first_suggestions_s"] is None
        else round(keys["first_suggestions_s"], 3),
        "keys": keys["keys"],
        "keys_measured": len(keys["suggest"]),
        "phrases": args.phrases,
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
