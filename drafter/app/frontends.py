"""Front ends as plugins: the CLI opens the terminal app (or any other front end) by name, not by import.

The two front ends know nothing of each other (an import-linter contract says so): the terminal app
registers itself in the entry-point group ``drafter.frontends`` and ``drafter edit`` looks it up there,
as kinds and check families are looked up.
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from typing import Any

from ..errors import UsageError

ENTRY_POINT_GROUP = "drafter.frontends"


def available_frontends() -> list[str]:
    return sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))


def open_frontend(name: str, draft: str | os.PathLike[str] | None = None, **options: Any) -> Any:
    """Run a front end on a draft (or on its new-draft form). A missing front end is one Chinese line."""
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        raise UsageError(f"未安装界面「{name}」；请重新安装 drafter（pip install drafter）")
    run = found[0].load()
    return run(draft, **options)
