"""The drafts a user opened last, kept in the user data folder, and the drafts lying in a folder.

``drafter`` with no arguments in a folder that holds drafts should offer them, not a blank form that then
refuses the same file name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import atomic_write_text

LIMIT = 12


def recent_file() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafter", appauthor=False)) / "recent.json"


def _read() -> list[str]:
    try:
        data = json.loads(recent_file().read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [x for x in data if isinstance(x, str)] if isinstance(data, list) else []


def record_opened(path: str | os.PathLike[str]) -> None:
    """Put a draft first in the recent list (failures to write the list are not the user's problem)."""
    p = str(Path(path).resolve())
    items = [p, *(x for x in _read() if x != p)][:LIMIT]
    try:
        recent_file().parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(recent_file(), json.dumps(items, ensure_ascii=False, indent=0), backup=False)
    except Exception:
        return


def _is_draft(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return head.startswith(b"---") and b"drafter_format:" in head


def drafts_in(folder: Path) -> list[Path]:
    """Our drafts in a folder (Markdown files that start with our front matter), newest first."""
    try:
        found = [p for p in folder.glob("*.md") if p.is_file() and _is_draft(p)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def recent_drafts(folder: Path | None = None) -> list[Path]:
    """Drafts to offer: those in ``folder`` first, then the recently opened ones that still exist."""
    out: list[Path] = []
    if folder is not None:
        out.extend(p.resolve() for p in drafts_in(folder))
    for name in _read():
        p = Path(name)
        if p.is_file() and p not in out:
            out.append(p)
    return out[:LIMIT]
