"""A new user's first session, typed into a real terminal (tmux): on 1 December, create the 2026 draft from
the 2024 report, write, delete a section, undo, set the date in 报告信息, export. Nothing may be lost and the
export must end with the signature and the date, once each."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx

from drafter.draft import load

from .conftest import require_tool

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


class Tmux:
    def __init__(self, name: str, cwd: Path, env: dict[str, str]) -> None:
        self.tmux = require_tool("tmux")
        self.name = name
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        cmd = f"cd {shlex.quote(str(cwd))} && env {exports} {shlex.quote(sys.executable)} -c 'from drafter.cli import run; run()'"
        subprocess.run([self.tmux, "kill-session", "-t", name], capture_output=True)
        subprocess.run([self.tmux, "new-session", "-d", "-s", name, "-x", "130", "-y", "40", cmd], check=True)

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = [self.tmux, "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)
        time.sleep(0.25)

    def screen(self) -> str:
        out = subprocess.run(
            [self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def wait(self, *texts: str, timeout: float = 60) -> str:
        """The screen once any of ``texts`` is on it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"「{'」或「'.join(texts)}」 never appeared; screen:\n{self.screen()}")

    def alive(self) -> bool:
        return (
            subprocess.run([self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0
        )

    def close(self) -> None:
        subprocess.run([self.tmux, "kill-session", "-t", self.name], capture_output=True)


def test_first_session_of_a_new_user(tmp_path: Path) -> None:
    prior = tmp_path / "上年" / "濠江区2024年报告.txt"
    prior.parent.mkdir()
    shutil.copy(CORPUS / "2024-haojiang.txt", prior)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        "DRAFTER_TODAY": "2026-12-01",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    t = Tmux(f"drafter-{os.getpid()}", work, env)
    try:
        screen = t.wait("新建法治政府建设年度报告")
        assert "2026" in screen, "on 1 December the form assumes the report on 2026"
        for value in ("青禾县人民政府", "我县", "云港市人民政府", str(prior)):
            t.keys(value, literal=True)
            t.keys("Enter")
        t.keys("Enter")  # no file name: the kind's default
        # The editor is up: its status line, or the rename box it opens after its first refresh, which
        # covers the status line (a poll can miss the one refresh in between).
        t.wait("字数", "建议把", timeout=90)
        time.sleep(1.0)
        # The roll forward offers to rename last year's body (汕头市濠江区 → 青禾县, 区委 → 县委 …): take all.
        for _ in range(12):
            if "建议把" not in t.screen():
                break
            t.keys("C-e")
            time.sleep(0.5)
        if "替换为" in t.screen():
            t.keys("Escape")
            time.sleep(0.5)
        t.keys("今年新写的一句话。", literal=True)
        t.keys("F7")
        time.sleep(0.5)
        t.keys("Down")
        time.sleep(0.5)
        for _ in range(5):  # as a user would: press again if the first press came too early
            t.keys("Delete")
            if "删除「" in t.screen():
                break
            time.sleep(1.0)
        screen = t.wait("删除「")
        assert "Ctrl+Z" in screen and "历史版本" in screen  # the dialog says how to get it back
        t.keys("y")
        time.sleep(1.0)
        t.keys("C-z")
        time.sleep(1.0)
        t.keys("F9")
        t.wait("报告信息")
        for _ in range(3):
            t.keys("Tab")
        t.keys("2027-01-06", literal=True)
        t.keys("C-s")
        time.sleep(0.5)
        t.keys("F5")
        deadline = time.monotonic() + 120
        draft = next(work.glob("*.md"))
        exported = draft.with_suffix(".docx")
        while not exported.exists() and time.monotonic() < deadline:
            screen = t.screen()
            if "仍要导出" in screen or "移入报告信息" in screen:
                t.keys("y")
            time.sleep(0.3)
        assert exported.exists(), t.screen()
        t.keys("C-q")
        deadline = time.monotonic() + 20
        while t.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        t.close()

    report = load(draft)
    assert report.meta.year == 2026 and report.meta.org == "青禾县人民政府"
    assert str(report.meta.date) == "2027-01-06"
    assert "濠江区" not in report.meta.title
    assert "濠江" not in "".join(p.text for _, sec in report.walk() for p in sec.paragraphs[:1])
    text = draft.read_text("utf-8")
    assert "今年新写的一句话。" in text
    # The whole outline is back after the undo: every section of last year's report is there.
    from drafter.app.kinds import resolve_kind
    from drafter.rollforward import roll_forward_file

    expected = roll_forward_file(prior, year=2026, kind=resolve_kind("fzzf"), org="青禾县人民政府")
    assert [s.heading for _, s in report.walk()] == [s.heading for _, s in expected.walk()]
    paragraphs = [p.text.strip() for p in docx.Document(str(exported)).paragraphs if p.text.strip()]
    assert paragraphs[0] == report.meta.title
    assert paragraphs.count("青禾县人民政府") == 1 and paragraphs[-1] == "2027年1月6日"
    assert paragraphs[-2] == "青禾县人民政府"
