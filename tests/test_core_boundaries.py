"""The core must stay usable without the UI: importing it never pulls in textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "drafter",
    "drafter.model",
    "drafter.draft",
    "drafter.kinds",
    "drafter.numbering",
    "drafter.cli",
    "phrasebank",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_never_imports_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "import drafter, pkgutil\n"
        "for m in pkgutil.walk_packages(drafter.__path__, 'drafter.'):\n"
        "    if m.name.startswith('drafter.cli.tui'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "import phrasebank\n"
        "for m in pkgutil.walk_packages(phrasebank.__path__, 'phrasebank.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.') or k == 'tui' or k.startswith('tui.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"core imported UI modules: {out.stdout.strip()}"


def test_plain_import_is_cheap() -> None:
    """`import drafter` must not load jieba or python-docx: the CLI and TUI start fast."""
    code = "import sys, drafter; print([m for m in ('jieba', 'docx', 'rapidfuzz') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"
