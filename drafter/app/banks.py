"""Looking after phrasebanks from a front end: which bank a command means, what it holds, taking a report out.

``drafter bank list | remove | stats`` call these; the bank is the user's own unless a file is named.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import UsageError


def bank_file(path: str | os.PathLike[str] | None) -> Path:
    """The bank a command is about: the one named, else the user's own; it must exist."""
    from phrasebank import user_bank_path

    target = Path(path) if path is not None else user_bank_path()
    if not target.is_file():
        if path is None:
            raise UsageError(f"还没有用户词句库（{target}）；请先运行 drafter mine 文件夹")
        raise UsageError(f"找不到词句库文件：{target}")
    return target


def list_reports(path: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The reports a bank was mined from, in mining order."""
    from phrasebank.maintenance import list_sources

    return list_sources(bank_file(path))


def remove_report(source: str, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Take one report (number, file name or path) and what only it gave out of the bank."""
    from phrasebank.maintenance import remove_source

    result = remove_source(bank_file(path), source)
    _forget_open_banks()
    return result


def bank_stats(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    from phrasebank.maintenance import stats

    return stats(bank_file(path))


def _forget_open_banks() -> None:
    """A bank this process opened before is stale after a change: the next suggestion reopens it."""
    from phrasebank import reset_default_bank

    from . import suggest

    reset_default_bank()
    with suggest._lock:
        suggest._opened.clear()
