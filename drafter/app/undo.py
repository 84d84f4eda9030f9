"""Undo and redo for changes to the outline's structure (delete, move, rename, add) and the facts.

The text editor has its own undo for typing; what it cannot undo is a section deleted from the outline
with everything under it. Each structural change records a snapshot of the report before it, one step
per change, so Ctrl+Z gives the section back with its text, and the cursor goes back where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report


@dataclass
class Snapshot:
    report: Report
    #: The outline path that was selected (restored with the snapshot).
    selected: tuple[int, ...] | None
    label: str


def restore_into(target: Report, source: Report) -> None:
    """Make ``target`` (the object the editor holds) equal to ``source``, in place."""
    copy = source.copy()
    target.meta = copy.meta
    target.opening = copy.opening
    target.sections = copy.sections
    target.closing = copy.closing


@dataclass
class StructureUndo:
    limit: int = 100
    undo_stack: list[Snapshot] = field(default_factory=list)
    redo_stack: list[Snapshot] = field(default_factory=list)

    def record(self, report: Report, selected: tuple[int, ...] | None, label: str) -> None:
        """Call before a structural change: the report as it is now becomes one undo step."""
        self.undo_stack.append(Snapshot(report.copy(), selected, label))
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()

    def undo(self, report: Report, selected: tuple[int, ...] | None) -> Snapshot | None:
        if not self.undo_stack:
            return None
        snap = self.undo_stack.pop()
        self.redo_stack.append(Snapshot(report.copy(), selected, snap.label))
        restore_into(report, snap.report)
        return snap

    def redo(self, report: Report, selected: tuple[int, ...] | None) -> Snapshot | None:
        if not self.redo_stack:
            return None
        snap = self.redo_stack.pop()
        self.undo_stack.append(Snapshot(report.copy(), selected, snap.label))
        restore_into(report, snap.report)
        return snap
