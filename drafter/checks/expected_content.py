"""Expected content: what a reviewer looks for in any report of the year, beyond the required parts.

A report on 2021 or later is expected to speak of 习近平法治思想 (hint), and part one is expected to follow
the main tasks of the implementation outline in force (warning when it covers none of them). The year the
guidance starts, the term and the thresholds are in ``rules.toml`` ([expected]); the outlines in
``outlines.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Location
from ..kind_data import ROLE_WORK
from .context import CheckContext
from .matching import best_score
from .registry import Family, Rule

FAMILY = "expected"


def check(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.year is None:
        return
    data = ctx.table(FAMILY)
    yield from _xi(ctx, data)
    yield from _tasks(ctx, data)
    yield from _old_outline(ctx, data)


def _xi(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    assert ctx.year is not None
    term = data.get("xi_term", "习近平法治思想")
    if ctx.year < int(data.get("xi_from", 2021)):
        return
    # Other wordings of the same thought count (「新时代中国特色社会主义法治思想」, 2025 work conference).
    wordings = (term, *data.get("xi_also", []))
    if any(w in u.text for u in ctx.units() for w in wordings):
        return
    yield ctx.finding(
        f"{FAMILY}.xi-thought",
        data["xi"],
        Location(),
        basis=data.get("basis_xi", ""),
        excerpt=term,
    )


def _task_part(ctx: CheckContext) -> str:
    """The part that holds the outline's main tasks (else the work part)."""
    spec = ctx.kind.task_part or ctx.kind.part_for(ROLE_WORK)
    return spec.id if spec is not None else ""


def _tasks(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    assert ctx.year is not None
    outline = ctx.kind.outline_for_year(ctx.year)
    roots = ctx.parts.get(_task_part(ctx), [])
    if outline is None or not outline.tasks or not roots:
        return  # a missing part one is the required-parts family's finding
    task_ids = {t.id for t in outline.tasks}
    for _, section in ctx.part_sections(_task_part(ctx)):
        if any(c.part in task_ids for _, c in section.walk()):
            return
    units = ctx.part_units(_task_part(ctx))
    texts = [u.text for u in units if u.text.strip()]
    threshold = float(data.get("threshold", 70))
    stop = ctx.table("plan_coverage").get("stopwords", [])
    for task in outline.tasks:
        score, _ = best_score(task.heading, texts, stop)
        if score >= threshold:
            return
    examples = "」「".join(t.heading for t in outline.tasks[:3])
    # Past every recorded period the latest outline only stands in: a hint, not a warning.
    yield ctx.finding(
        f"{FAMILY}.outline-tasks",
        data["tasks_provisional"] if outline.provisional else data["tasks"],
        Location(roots[0], "heading"),
        severity="hint" if outline.provisional else None,
        basis=f"《{outline.name}》（{outline.doc_no}）",
        outline_name=outline.name,
        examples=examples,
    )


def _old_outline(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    """Sub-headings of part one that follow an outline no longer in force, task by task."""
    from rapidfuzz import fuzz

    assert ctx.year is not None
    current = ctx.kind.outline_for_year(ctx.year)
    roots = ctx.parts.get(_task_part(ctx), [])
    if current is None or len(ctx.kind.outlines) < 2 or not roots:
        return
    min_score = float(data.get("old_outline_score", 75))
    margin = float(data.get("old_outline_margin", 5))
    headings = [s.heading for _, root in ctx.part_sections(_task_part(ctx)) for _, s in root.walk()]
    votes: dict[str, list[str]] = {o.id: [] for o in ctx.kind.outlines}
    for heading in headings:
        scores = sorted(
            (
                (max((fuzz.ratio(heading, t.heading) for t in o.tasks), default=0.0), o.id)
                for o in ctx.kind.outlines
            ),
            reverse=True,
        )
        (best, oid), second = scores[0], (scores[1][0] if len(scores) > 1 else 0.0)
        if best >= min_score and best - second >= margin:
            votes[oid].append(heading)
    top = max(votes, key=lambda k: len(votes[k]))
    if top == current.id or len(votes[top]) < int(data.get("old_outline_min", 3)):
        return
    if len(votes[top]) <= len(votes[current.id]):
        return
    old = next(o for o in ctx.kind.outlines if o.id == top)
    yield ctx.finding(
        f"{FAMILY}.old-outline",
        data["old_outline"],
        Location(roots[0], "heading"),
        basis=f"《{current.name}》（{current.doc_no}）",
        excerpt=old.name,
        old_name=old.name,
        examples="」「".join(votes[top][:3]),
        new_examples="」「".join(t.heading for t in current.tasks[:3]),
    )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="expected",
    name="应有内容",
    table="expected",
    check=check,
    order=80,
    description="习近平法治思想、实施纲要主要任务等审核时会看的内容。",
    required_keys=("tasks_provisional",),
    rules=(
        Rule(
            "expected.xi-thought",
            "习近平法治思想",
            "2021年起的报告应写学习贯彻习近平法治思想。",
            "hint",
            "xi",
        ),
        Rule(
            "expected.outline-tasks",
            "纲要主要任务",
            "第一部分没有对应实施纲要的任何一项主要任务。",
            "warning",
            "tasks",
        ),
        Rule(
            "expected.old-outline",
            "按旧纲要组织",
            "第一部分的小标题按已不适用的旧纲要组织。",
            "warning",
            "old_outline",
        ),
    ),
)
