"""Which canonical part a part or task id belongs to (tasks such as ``enforcement`` sit under ``measures``)."""

from __future__ import annotations

from functools import cache

from drafter.kinds import get_kind

#: Pseudo-parts for the report's opening paragraphs and its closing lines.
OPENING = "opening"
CLOSING = "closing"


@cache
def _maps(kind_id: str) -> tuple[frozenset[str], dict[str, str]]:
    kind = get_kind(kind_id)
    parts = frozenset(p.id for p in kind.parts)
    holder = next((p.id for p in kind.parts if p.tasks), None)
    tasks: dict[str, str] = {}
    if holder is not None:
        for outline in kind.outlines:
            for task in outline.tasks:
                tasks.setdefault(task.id, holder)
    return parts, tasks


def part_top(part: str | None, kind_id: str) -> str | None:
    """The top-level part of a part or task id (itself for a part, ``measures`` for a task)."""
    if part is None:
        return None
    parts, tasks = _maps(kind_id)
    if part in parts or part in (OPENING, CLOSING):
        return part
    return tasks.get(part, part)


def known_parts(kind_id: str) -> list[str]:
    """Every id ``--part`` accepts: the kind's parts, their tasks, and opening/closing."""
    _parts, tasks = _maps(kind_id)
    kind = get_kind(kind_id)
    return [OPENING, *(p.id for p in kind.parts), *sorted(tasks), CLOSING]
