"""The draft's history as people see it: a list of versions with what changed, and bringing one back."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from ..draft import loads
from ..errors import DrafterError
from ..history import Version, find, restore, versions


@dataclass(frozen=True)
class VersionInfo:
    number: int
    version: Version
    sections: int
    chars: int

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "id": self.version.id,
            "saved": self.version.saved.isoformat(timespec="seconds"),
            "sections": self.sections,
            "chars": self.chars,
            "path": str(self.version.path),
        }


def list_versions(draft: str | os.PathLike[str]) -> list[VersionInfo]:
    """Newest first, numbered 1…N as ``drafter restore`` accepts them."""
    out = []
    for i, v in enumerate(versions(draft), 1):
        try:
            report = loads(v.text())
            sections, chars = sum(1 for _ in report.walk()), report.char_count()
        except (DrafterError, OSError, UnicodeDecodeError):
            sections, chars = 0, 0
        out.append(VersionInfo(i, v, sections, chars))
    return out


def diff_to_current(draft: str | os.PathLike[str], ref: str, *, context: int = 1) -> list[str]:
    """The lines that differ between a version and the draft as it is now (unified diff)."""
    version = find(draft, ref)
    current = Path(draft).read_text("utf-8") if Path(draft).is_file() else ""
    return list(
        difflib.unified_diff(
            current.splitlines(),
            version.text().splitlines(),
            "当前草稿",
            f"版本 {version.saved:%Y-%m-%d %H:%M:%S}",
            n=context,
            lineterm="",
        )
    )


def restore_version(draft: str | os.PathLike[str], ref: str) -> Version:
    """Bring a version back (the current text is kept as a version first)."""
    return restore(draft, ref)
