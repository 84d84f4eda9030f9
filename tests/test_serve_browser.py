"""``drafter serve`` in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven
by Selenium opens the address the command prints, types Chinese into the editor as an input method
commits it, and the draft on disk holds the text within 3 s. Requests without the one-time token are
refused, the spent token is refused, and a second ``drafter serve`` of the same draft is refused."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from drafter.draft import load, save
from drafter.kinds import get_kind

from .conftest import require_tool

TYPED = "测试文字"


def _status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _start(path: Path, tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    env = dict(
        os.environ,
        PYTHONIOENCODING="utf-8",
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", "from drafter.cli import run; run()", "serve", str(path), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if found:
            return proc, found.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"drafter serve printed no address: {proc.stderr.read() if proc.stderr else ''}")


def _browser(chromium: str, chromedriver: str):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,800"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def test_browser_types_chinese_and_the_draft_holds_it(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    chromedriver = require_tool("chromedriver")
    pytest.importorskip("selenium")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    path = tmp_path / "青禾县2025年法治政府建设年度报告.md"
    save(get_kind("fzzf").new_report(2025, "青禾县人民政府", "我县", "云港市人民政府"), path)
    proc, address = _start(path, tmp_path)
    base = address.split("/?", 1)[0]
    driver = None
    try:
        # Without the token, or with a wrong one: refused.
        assert _status(base + "/") == 403
        assert _status(base + "/?token=wrong") == 403
        assert _status(base + "/static/js/textual.js") == 403
        assert _status(base + "/ws") == 403
        # One process per draft: a second serve of the same draft is refused in one Chinese line.
        second = subprocess.run(
            [sys.executable, "-c", "from drafter.cli import run; run()", "serve", str(path), "--no-browser"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode != 0
        assert "已在另一个" in second.stderr and "Traceback" not in second.stderr

        driver = _browser(chromium, chromedriver)
        driver.get(address)
        page = driver.page_source
        assert 'lang="zh-CN"' in page and "Session ended" not in page and ">Start<" not in page
        # textual.js marks the page once the app's first screen arrives over the websocket.
        WebDriverWait(driver, 40).until(
            lambda d: "-first-byte" in (d.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
        )
        time.sleep(1.5)  # the app focuses the editor after its first paint
        driver.find_element(By.ID, "terminal").click()
        WebDriverWait(driver, 10).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "textarea.xterm-helper-textarea"))
        )
        time.sleep(0.3)
        # What an input method does on commit: text inserted into the focused field at once.
        driver.execute_cdp_cmd("Input.insertText", {"text": TYPED})
        typed_at = time.monotonic()
        while time.monotonic() - typed_at < 3.0:
            if TYPED in path.read_text("utf-8"):
                break
            time.sleep(0.1)
        assert TYPED in path.read_text("utf-8"), "the draft did not hold the typed text within 3 s"
        print(f"\non disk {time.monotonic() - typed_at:.2f} s after typing")
        assert TYPED in load(path).section_at((0, 0)).text
        # The spent token does not open another session (a copied address is refused).
        assert _status(address) == 403
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
