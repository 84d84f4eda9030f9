"""Every saved version of a draft, kept beside it, so no save (and no delete) is ever the last word.

One ``.bak`` file is not a history: autosave overwrites it every few seconds, and a section deleted at
10:02 is gone from it by 10:03. Each save of a draft therefore also writes the saved text as a version in a
hidden folder beside the draft (``.草稿.md.history/``): plain Markdown files named by the time of the save,
readable with any editor even without drafter. The folder keeps the last :data:`KEEP_LAST` versions and,
beyond those, the last version of each day for :data:`KEEP_DAYS` days (a whole report season).

``restore`` writes an old version back atomically, after recording the current text as a version too, so
restoring is itself undoable.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

KEEP_LAST = 50
KEEP_DAYS = 200
#: Beyond the last KEEP_LAST, one version per slot of this many minutes is kept for KEEP_SLOT_DAYS days:
#: autosave writes every few seconds, and fifty of those cover minutes, not a working day.
KEEP_SLOT_MINUTES = 10
KEEP_SLOT_DAYS = 2
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})(?:-([0-9a-f]{8}))?\.md$")


@dataclass(frozen=True)
class Version:
    """One saved version: its id (the save time), where it is, and a summary for listing."""

    id: str
    path: Path
    saved: _dt.datetime
    size: int

    def text(self) -> str:
        return self.path.read_text("utf-8")


def history_dir(draft: str | os.PathLike[str]) -> Path:
    p = Path(draft)
    return p.with_name(f".{p.name}.history")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def versions(draft: str | os.PathLike[str]) -> list[Version]:
    """The draft's versions, newest first."""
    folder = history_dir(draft)
    out = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m:
            continue
        try:
            saved = _dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Version(m.group(1), entry, saved, size))
    return sorted(out, key=lambda v: v.id, reverse=True)


def record(draft: str | os.PathLike[str], text: str, *, now: _dt.datetime | None = None) -> Version | None:
    """Keep ``text`` as a version of ``draft`` (nothing when it equals the newest version).

    A version that cannot be written (read-only folder, full disk) never stops the save itself."""
    from .atomic import atomic_write_text

    folder = history_dir(draft)
    digest = _digest(text)
    existing = versions(draft)
    if existing and existing[0].path.name.endswith(f"-{digest}.md"):
        return None
    now = now or _dt.datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
    if existing and stamp <= existing[0].id:
        # Clocks go backwards (or two saves share a microsecond): keep ids strictly increasing.
        newest = existing[0].saved + _dt.timedelta(microseconds=1)
        stamp = newest.strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{stamp}-{digest}.md"
    try:
        folder.mkdir(exist_ok=True)
        atomic_write_text(path, text, backup=False)
    except (OSError, UsageError):
        return None
    prune(draft, now=now)
    return Version(stamp, path, _dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f"), len(text.encode("utf-8")))


def prune(draft: str | os.PathLike[str], *, now: _dt.datetime | None = None) -> None:
    """Keep the last KEEP_LAST versions, the last of each ten minutes within two days, and the last
    version of each day within KEEP_DAYS."""
    now = now or _dt.datetime.now()
    all_versions = versions(draft)
    keep = {v.id for v in all_versions[:KEEP_LAST]}
    seen_days: set[_dt.date] = set()
    seen_slots: set[tuple[_dt.date, int]] = set()
    for v in all_versions:  # newest first: the first of each day (slot) is that day's (slot's) last save
        day = v.saved.date()
        if day not in seen_days and (now - v.saved).days <= KEEP_DAYS:
            keep.add(v.id)
            seen_days.add(day)
        slot = (day, (v.saved.hour * 60 + v.saved.minute) // KEEP_SLOT_MINUTES)
        if slot not in seen_slots and now - v.saved <= _dt.timedelta(days=KEEP_SLOT_DAYS):
            keep.add(v.id)
            seen_slots.add(slot)
    for v in all_versions:
        if v.id not in keep:
            try:
                v.path.unlink()
            except OSError:
                continue


def find(draft: str | os.PathLike[str], ref: str) -> Version:
    """A version by its number in the list (1 = newest) or by its id (or a unique start of it)."""
    found = versions(draft)
    if not found:
        raise UsageError(f"{Path(draft).name} 还没有历史版本")
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 6:
        n = int(ref)
        if 1 <= n <= len(found):
            return found[n - 1]
        raise UsageError(f"没有第 {n} 个版本；共有 {len(found)} 个版本（drafter history 列出全部）")
    hits = [v for v in found if v.id.startswith(ref)]
    if len(hits) == 1:
        return hits[0]
    raise UsageError(f"找不到版本「{ref}」；运行 drafter history {Path(draft).name} 查看全部版本")


def restore(draft: str | os.PathLike[str], ref: str) -> Version:
    """Write a version back as the draft, keeping the current text as a version first."""
    from .atomic import atomic_write_text

    target = Path(draft)
    version = find(target, ref)
    text = version.text()
    if target.is_file():
        record(target, target.read_text("utf-8"))
    atomic_write_text(target, text)
    record(target, text)
    return version
