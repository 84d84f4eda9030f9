"""Plan coverage: every item last year's report promised should be reported on this year.

The items come from last year's report (``--prior``: the items of its plan part) or, for a rolled-forward
draft, from the promise checklist roll-forward stored in ``meta.promises``. An item that no heading or
paragraph of this year's part one speaks of (matched by meaning, :mod:`.matching`) is a warning naming it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Location
from ..kind_data import ROLE_NEXT, ROLE_WORK
from ..rollforward import plan_items
from .context import CheckContext
from .matching import best_score
from .registry import Family, Rule

FAMILY = "plan_coverage"


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    if ctx.prior is not None:
        items = plan_items(ctx.prior, ctx.kind)
    else:
        items = [x for x in ctx.report.meta.promises if x.strip()]
    if not items:
        return
    work = ctx.part_id(ROLE_WORK)
    units = ctx.part_units(work)
    if not units:
        plan = set(ctx.parts.get(ctx.part_id(ROLE_NEXT) or "", []))
        units = [
            u
            for u in ctx.units(title=False)
            if u.location.area in ("heading", "section")
            and u.location.section[:1] not in {p[:1] for p in plan}
        ]
    texts = [u.text for u in units if u.text.strip()]
    threshold = float(data.get("threshold", 62))
    stop = data.get("stopwords", [])
    measures = ctx.parts.get(work or "", [])
    where = Location(measures[0], "heading") if measures else Location()
    for item in items:
        score, _ = best_score(item, texts, stop)
        if score >= threshold:
            continue
        yield ctx.finding(
            f"{FAMILY}.missing",
            data["message"],
            where,
            basis=data.get("basis", ""),
            excerpt=item,
            item=item,
        )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="plan_coverage",
    name="上年安排落实",
    table="plan_coverage",
    check=check,
    order=60,
    description="上年报告的下一年度安排，今年是否逐项报告了落实情况。",
    required_keys=(),
    rules=(
        Rule(
            "plan_coverage.missing",
            "上年安排未报告",
            "上年承诺的一项安排，今年的报告中没有找到相应的落实情况。",
            "warning",
            "message",
        ),
    ),
)
