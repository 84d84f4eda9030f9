"""Names people see for the fields and parts of a report, shared by every front end."""

from __future__ import annotations

from ..kinds import Kind

#: Metadata fields in the order they are shown, with their Chinese labels.
FIELD_LABELS: dict[str, str] = {
    "title": "标题",
    "org": "发文机关",
    "recipient": "主送机关",
    "year": "年度",
    "date": "成文日期",
    "short": "简称",
}


def part_name(kind: Kind | None, part_id: str | None) -> str:
    """The Chinese name of a part or an outline task (its id only when the kind knows neither)."""
    if not part_id:
        return ""
    if kind is None:
        return part_id
    spec = kind.part(part_id)
    if spec is not None:
        return spec.name
    for outline in kind.outlines:
        for task in outline.tasks:
            if task.id == part_id:
                return task.heading
    return part_id
