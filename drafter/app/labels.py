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


#: The report's opening and closing paragraphs, which are not parts of any outline.
_AREAS = {"opening": "开头", "closing": "结尾"}


def part_name(kind: Kind | None, part_id: str | None) -> str:
    """The Chinese name of a part or an outline task (its id only when the kind knows neither)."""
    if not part_id:
        return ""
    if part_id in _AREAS:
        return _AREAS[part_id]
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


def resolve_part(kind: Kind, text: str | None) -> str | None:
    """The id of the part (or outline task) a user named: its id, Chinese name, a short form the kind
    declares (「不足」「安排」), or the start of a name; one Chinese line when nothing (or too much) fits."""
    from ..errors import UsageError

    if text is None or not text.strip():
        return None
    t = text.strip()
    tasks = [task for outline in kind.outlines for task in outline.tasks]
    for p in kind.parts:
        if t in (p.id, p.name, p.role, *p.aliases):
            return p.id
    for task in tasks:
        if t in (task.id, task.heading):
            return task.id
    hits = {p.id for p in kind.parts if t in p.name or any(t in a for a in p.aliases)}
    hits |= {task.id for task in tasks if t in task.heading}
    if len(hits) == 1:
        return hits.pop()
    names = "、".join(p.name for p in kind.parts)
    if hits:
        raise UsageError(f"「{t}」能对应多个部分，请写得更具体；可用：{names}")
    raise UsageError(f"未知的部分「{t}」；可用：{names}（或简称，如 不足、安排）")
