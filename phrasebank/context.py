"""Where the drafter is writing: the part, the outline task and the heading of the current section.

A phrase mined under 「坚持严格规范公正文明执法」 in other reports serves a drafter writing that task better
than one from the shortcomings part. The front end knows the part (or task) of the section; when it only
knows the heading, the task is found from it with the kind's own data (the outline's task headings and the
task words of ``synonyms.toml``), by characters — no tokenizer is loaded for this, so the first suggestion
does not wait for jieba.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from drafter.kinds import get_kind
from drafter.parts import normalise

from .parts import part_top

#: Score (0–100) a heading needs to be taken for a task or a part.
THRESHOLD = 62.0
_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]?)\s*")


def _score(heading: str, phrase: str) -> float:
    a, b = normalise(heading), normalise(phrase)
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), 0.9 * fuzz.partial_ratio(a, b) if len(a) >= 4 and len(b) >= 4 else 0.0)


@lru_cache(maxsize=512)
def task_for_heading(heading: str, year: int | None, kind_id: str) -> str | None:
    """The outline task a section heading names, or None."""
    heading = _NUMBERING.sub("", heading or "").strip()
    if not heading:
        return None
    kind = get_kind(kind_id)
    outline = kind.outline_for_year(year) if year is not None else None
    outlines = [outline] if outline is not None else list(kind.outlines)
    words = kind.load_data("synonyms.toml").get("tasks", {})
    best, best_id = 0.0, None
    for o in outlines:
        for task in o.tasks:
            spec = words.get(task.id, {})
            score = max(_score(heading, p) for p in (task.heading, *spec.get("phrases", [])))
            if any(k in heading for k in spec.get("keywords", [])):
                score = max(score, 80.0)
            if score > best:
                best, best_id = score, task.id
    return best_id if best >= THRESHOLD else None


@lru_cache(maxsize=512)
def part_for_heading(heading: str, kind_id: str) -> str | None:
    """The canonical part a top-level heading names (存在的不足 → shortcomings), or None."""
    heading = _NUMBERING.sub("", heading or "").strip()
    if not heading:
        return None
    data = get_kind(kind_id).load_data("synonyms.toml").get("parts", {})
    best, best_id = 0.0, None
    for pid, spec in data.items():
        score = max((_score(heading, p) for p in spec.get("phrases", [])), default=0.0)
        if any(k in heading for k in spec.get("keywords", [])):
            score = max(score, 90.0)
        if score > best:
            best, best_id = score, pid
    return best_id if best >= THRESHOLD else None


def resolve(
    part: str | None, heading: str | None, year: int | None, kind_id: str
) -> tuple[str | None, str | None]:
    """(task or part as precise as known, its canonical part) from what the front end sent."""
    top = part_top(part, kind_id)
    if heading:
        if top is None or top == get_kind(kind_id).part_id("work"):
            task = task_for_heading(heading, year, kind_id)
            if task is not None and (part is None or part == top):
                return task, part_top(task, kind_id)
        if top is None:
            found = part_for_heading(heading, kind_id)
            if found is not None:
                return found, part_top(found, kind_id)
    return part, top
