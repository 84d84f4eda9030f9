"""Kill the app mid-typing, 20 times: never more than 2 s of typing lost, never a corrupt draft.

The app runs as the user runs it (``drafter edit DRAFT``) in a pseudo-terminal driven by pexpect.
Characters are sent as a terminal sends them (UTF-8, which is also what an input method's commit
looks like to the app), one every 50 ms; the process gets SIGKILL at a random moment, and what is on
disk is judged: the draft must load, and the text the app would offer back on restart (the recovery
file when newer than the draft, else the draft) must hold everything typed up to 2 s before the kill.
Each restart accepts the offered recovery, so the rounds also test that path.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest

from drafter.app.autosave import pending_recovery
from drafter.draft import load, save
from drafter.kinds import get_kind

ROUNDS = 20
MAX_LOSS_S = 2.0
KEY_INTERVAL = 0.05
CHARS = "依法行政推进法治政府建设，坚持严格规范公正文明执法。深化放管服改革"


def _drain(child) -> str:
    out = []
    while True:
        try:
            out.append(child.read_nonblocking(65536, timeout=0))
        except (pexpect.TIMEOUT, pexpect.EOF):
            return "".join(out)


def _wait_ready(child, timeout: float = 30.0) -> None:
    """Wait for the main screen; accept the recovery offer if the app makes one."""
    index = child.expect(["要恢复这些内容吗", "字数"], timeout=timeout)
    if index == 0:
        time.sleep(0.2)
        child.send("y")
        child.expect("字数", timeout=timeout)
    time.sleep(0.3)
    _drain(child)


def _offered_text(path: Path) -> str:
    """The section text the app would show after a restart (recovery accepted)."""
    report = load(path)  # raises on a corrupt draft
    rec = pending_recovery(path)
    if rec is not None:
        from drafter.draft import loads

        report = loads(rec.read_text("utf-8"))
    return report.section_at((0, 0)).text


def test_sigkill_loses_at_most_two_seconds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    path = tmp_path / "报告.md"
    save(get_kind("fzzf").new_report(2024, "某某区人民政府", "我区", "某某市人民政府"), path)
    env = dict(
        os.environ,
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
    )
    env.pop("NO_COLOR", None)
    rng = random.Random(7)
    losses: list[float] = []
    kept_texts: list[str] = []
    for round_no in range(ROUNDS):
        child = pexpect.spawn(
            sys.executable,
            ["-c", "from drafter.cli import run; run()", "edit", str(path)],
            env=env,
            dimensions=(40, 120),
            encoding="utf-8",
            codec_errors="replace",
            timeout=30,
        )
        try:
            _wait_ready(child)
            marker = f"R{round_no:02d}"
            typed = marker + "".join(rng.choice(CHARS) for _ in range(200))
            sent_at: list[float] = []
            kill_after = rng.uniform(1.0, 3.5)
            start = time.monotonic()
            for ch in typed:
                if time.monotonic() - start > kill_after:
                    break
                child.send(ch)
                sent_at.append(time.monotonic())
                _drain(child)
                time.sleep(KEY_INTERVAL)
            killed_at = time.monotonic()
            child.kill(signal.SIGKILL)
        finally:
            child.close(force=True)
        sent = typed[: len(sent_at)]
        text = _offered_text(path)
        # The longest prefix of what was sent that survived.
        kept = 0
        for n in range(len(sent), 0, -1):
            if sent[:n] in text:
                kept = n
                break
        lost_s = 0.0 if kept == len(sent) else killed_at - sent_at[kept]
        losses.append(lost_s)
        kept_texts.append(sent[:kept])
        assert lost_s <= MAX_LOSS_S, (
            f"round {round_no}: lost {len(sent) - kept} characters typed over the last {lost_s:.2f} s"
        )
    # Every restart took the recovery offer, so what each round kept is still there at the end.
    final = _offered_text(path)
    missing = [f"R{n:02d}" for n, kept_text in enumerate(kept_texts) if kept_text not in final]
    assert not missing, f"text of rounds {missing} did not survive the restarts"
    print(f"\nworst loss over {ROUNDS} kills: {max(losses):.2f} s")
