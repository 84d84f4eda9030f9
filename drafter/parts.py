"""Which section of a report is which of the kind's canonical parts, found by meaning rather than by title.

Real reports name the parts freely (「存在问题」「存在的不足」「2025年工作要点」「下一步工作打算」…), put them
in any order and sometimes nest one inside another (the first-responsible-person part as an item of part
one, the shortcomings as its last item). A heading is compared with the phrases of each part in the kind's
``synonyms.toml`` (rapidfuzz over jieba tokens, years and numbers removed), and a few keywords decide on
their own. Nested sections are held to stricter keywords: sub-items of part one speak of "problems" and
"responsibility" all the time.

Task ids (the main tasks of the implementation outline in force for the year) are matched the same way
for the direct children of part one, so a checker can tell which outline tasks a report covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .kind_data import ROLE_NEXT, ROLE_WORK, PartSynonyms
from .kinds import Kind
from .model import Report, Section

#: Score (0–100) a top-level heading needs to be taken for a part.
TOP_THRESHOLD = 62
#: Score a nested heading needs besides its keyword.
NESTED_THRESHOLD = 50
#: Score a child of part one needs to be taken for an outline task.
TASK_THRESHOLD = 60

_YEARS = re.compile(r"\d{4}\s*(?:年度|年)?|[（(]\s*\d{4}\s*[-—–]+\s*\d{4}\s*年?\s*[）)]")
_NOISE = re.compile(r"[\s\d０-９。，、；：！？,.;:!?（）()《》〈〉“”\"'‘’【】\[\]—\-–·…]+")


def synonyms(kind: Kind) -> tuple[PartSynonyms, ...]:
    """The part phrases of a kind, with each part's own name and heading added."""
    loaded = {s.id: s for s in kind.synonyms}
    out = []
    for part in kind.parts:
        s = loaded.get(part.id, PartSynonyms(part.id, (), (), False, ()))
        extra = tuple(x for x in (part.name, _strip_template(part.heading)) if x and x not in s.phrases)
        out.append(PartSynonyms(s.id, s.phrases + extra, s.keywords, s.nested, s.nested_keywords))
    return tuple(out)


def _strip_template(text: str) -> str:
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text)


def normalise(heading: str) -> str:
    """A heading reduced to its words: no years, numbers, punctuation or spaces."""
    return _NOISE.sub("", _YEARS.sub("", heading))


@cache
def _tokens(text: str) -> str:
    from .segment import cut_joined

    return cut_joined(text)


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    ta, tb = _tokens(a), _tokens(b)
    # token_set_ratio rewards a heading that contains the phrase's words; ratio on the plain strings
    # keeps short phrases from matching long unrelated headings.
    return max(fuzz.token_set_ratio(ta, tb) * 0.6 + fuzz.ratio(a, b) * 0.4, fuzz.ratio(a, b))


def _year_cue(heading: str, year: int | None, kind: Kind) -> str | None:
    """The next-year part for a heading that names the year after the one reported on, the work part for
    a heading that names the year itself (by role, so any kind's ids work)."""
    if year is None:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?=\s*年)", heading)]
    if year + 1 in years and year not in years:
        return kind.part_id(ROLE_NEXT)
    if year in years:
        return kind.part_id(ROLE_WORK)
    return None


def score_heading(heading: str, kind: Kind, *, year: int | None = None) -> dict[str, float]:
    """Score (0–100) of a heading against each canonical part."""
    norm = normalise(heading)
    scores: dict[str, float] = {}
    for syn in synonyms(kind):
        best = 0.0
        if norm:
            for phrase in syn.phrases:
                best = max(best, _similarity(norm, normalise(phrase)))
        if any(k in heading for k in syn.keywords):
            best = max(best, 90.0)
        scores[syn.id] = best
    cue = _year_cue(heading, year, kind)
    if cue in scores:
        scores[cue] = max(scores[cue], 70.0) + 5.0
    return scores


def _detect_top(heading: str, kind: Kind, year: int | None) -> str | None:
    scores = score_heading(heading, kind, year=year)
    if not scores:
        return None
    pid, best = max(scores.items(), key=lambda kv: kv[1])
    return pid if best >= TOP_THRESHOLD else None


def _detect_nested(heading: str, kind: Kind) -> str | None:
    for syn in synonyms(kind):
        if syn.nested and any(k in heading for k in syn.nested_keywords):
            return syn.id
    return None


def _part_ids(kind: Kind) -> set[str]:
    return {p.id for p in kind.parts}


def _year_of(report: Report) -> int | None:
    return report.meta.year


def _effective_parts(
    report: Report, kind: Kind, simp: Callable[[str], str] | None = None, use_tags: bool = True
) -> dict[tuple[int, ...], str]:
    """Part id per section path: the section's tag where it carries a canonical part id, detection elsewhere."""
    simp = simp or _simplified
    ids = _part_ids(kind)
    year = _year_of(report)
    found: dict[tuple[int, ...], str] = {}
    for path, section in report.walk():
        if use_tags and section.part in ids:
            found[path] = section.part  # type: ignore[assignment]
            continue
        if use_tags and section.part is not None:
            continue  # tagged with an outline task or another id: not a canonical part
        heading = simp(section.heading)
        pid = _detect_top(heading, kind, year) if len(path) == 1 else _detect_nested(heading, kind)
        if pid is not None:
            found[path] = pid
    # The work part is required: when nothing is recognised as part one, the first top-level section with
    # sub-sections that is not another part is taken for it (its name is usually the report's theme).
    work = kind.part_id(ROLE_WORK)
    if work is not None and work not in found.values():
        for i, section in enumerate(report.sections):
            if (i,) not in found and section.children:
                found[(i,)] = work
                break
    # A nested section counts only when it is a different part from the section that holds it.
    out = {}
    for path, pid in found.items():
        if any(found.get(path[:k]) == pid for k in range(1, len(path))):
            continue
        out[path] = pid
    return out


def _simplified(text: str) -> str:
    from .traditional import to_simplified

    return to_simplified(text)


def locate_parts(report: Report, kind: Kind) -> dict[str, list[tuple[int, ...]]]:
    """Every place each canonical part of the kind is found, nested ones included, outermost first.

    Sections tagged with a part id (drafts) are taken at their word; untagged ones are judged by meaning.
    An empty list means the part is absent."""
    found = _effective_parts(report, kind)
    out: dict[str, list[tuple[int, ...]]] = {p.id: [] for p in kind.parts}
    for path, pid in sorted(found.items(), key=lambda kv: (len(kv[0]), kv[0])):
        out.setdefault(pid, []).append(path)
    return out


def assign_parts(
    report: Report, kind: Kind, *, simp: Callable[[str], str] | None = None, overwrite: bool = False
) -> None:
    """Tag ``section.part`` in place with canonical part ids (and outline task ids under part one).

    Sections already tagged keep their tag unless ``overwrite`` is set."""
    if overwrite:
        for _, section in report.walk():
            section.part = None
    found = _effective_parts(report, kind, simp)
    for path, pid in found.items():
        section = report.section_at(path)
        if section.part is None:
            section.part = pid
    _assign_tasks(report, kind, simp or _simplified)


def _assign_tasks(report: Report, kind: Kind, simp: Callable[[str], str]) -> None:
    year = report.meta.year
    if year is None:
        return
    outline = kind.outline_for_year(year)
    if outline is None or not outline.tasks:
        return
    task_words: dict[str, dict[str, list[str]]] = kind.data("synonyms.toml").get("tasks", {})
    task_part = kind.task_part
    for section in report.sections:
        if task_part is None or section.part != task_part.id:
            continue
        pairs = []
        for ci, child in enumerate(section.children):
            if child.part is not None:
                continue
            heading = simp(child.heading)
            norm = normalise(heading)
            if not norm:
                continue
            for task in outline.tasks:
                spec = task_words.get(task.id, {})
                score = max(_similarity(norm, normalise(p)) for p in (task.heading, *spec.get("phrases", [])))
                if any(k in heading for k in spec.get("keywords", [])):
                    score = max(score, 80.0)
                pairs.append((score, ci, task.id))
        used_children: set[int] = set()
        used_tasks = {c.part for c in section.children if c.part}
        for score, ci, tid in sorted(pairs, reverse=True):
            if score < TASK_THRESHOLD:
                break
            if ci in used_children or tid in used_tasks:
                continue
            section.children[ci].part = tid
            used_children.add(ci)
            used_tasks.add(tid)


def section_paths_by_heading(report: Report, headings: list[str]) -> tuple[int, ...] | None:
    """The index path of the section reached by following headings (compared without spaces, numbers
    and bracket width); None when the path does not exist. Used by tests and by the checker's messages."""
    nodes: list[Section] = report.sections
    path: list[int] = []
    for h in headings:
        key = _compare_key(h)
        for i, s in enumerate(nodes):
            if _compare_key(s.heading) == key:
                path.append(i)
                nodes = s.children
                break
        else:
            return None
    return tuple(path)


def _compare_key(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
