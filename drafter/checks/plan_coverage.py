"""Plan coverage: every item last year's report promised should be reported on this year.

The items come from last year's report (``--prior``: the items of its plan part) or, for a rolled-forward
draft, from the promise checklist roll-forward stored in ``meta.promises``. An item that no heading or
paragraph of this year's part one speaks of (matched by meaning, :mod:`.matching`) is a warning naming it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Location
from ..rollforward import plan_items
from .context import CheckContext
from .matching import best_score

FAMILY = "plan_coverage"


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    if ctx.prior is not None:
        items = plan_items(ctx.prior, ctx.kind)
    else:
        items = [x for x in ctx.report.meta.promises if x.strip()]
    if not items:
        return
    units = ctx.part_units("measures")
    if not units:
        plan = set(ctx.parts.get("plan", []))
        units = [
            u
            for u in ctx.units(title=False)
            if u.location.area in ("heading", "section")
            and u.location.section[:1] not in {p[:1] for p in plan}
        ]
    texts = [u.text for u in units if u.text.strip()]
    threshold = float(data.get("threshold", 62))
    stop = data.get("stopwords", [])
    measures = ctx.parts.get("measures", [])
    where = Location(measures[0], "heading") if measures else Location()
    for item in items:
        score, _ = best_score(item, texts, stop)
        if score >= threshold:
            continue
        yield ctx.finding(
            f"{FAMILY}.missing",
            data.get("severity", "warning"),
            data["message"],
            where,
            basis=data.get("basis", ""),
            excerpt=item,
            item=item,
        )
