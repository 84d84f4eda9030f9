"""Plan coverage: every item last year's report promised should be reported on this year.

The items come from last year's report (``--prior``: the items of its plan part) or, for a rolled-forward
draft, from the promise checklist roll-forward stored in ``meta.promises``. An item that no heading or
paragraph of this year's part one speaks of (matched by meaning, :mod:`.matching`: jieba words, the key
object's characters, and the synonyms of ``synonyms.toml`` ``[coverage]``) is a warning naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Location
from ..kind_data import ROLE_NEXT, ROLE_WORK
from ..rollforward import plan_items
from .context import CheckContext
from .matching import best_score
from .registry import Family, Rule

FAMILY = "plan_coverage"


_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、.．])\s*")


def _plain(item: str) -> str:
    """The promise as the message quotes it: without 「一是」 and the closing full stop."""
    return _ENUM.sub("", item, count=1).rstrip("。；;，, ")


def _synonyms(ctx: CheckContext) -> list[tuple[str, str]]:
    """(variant, canonical) pairs of ``synonyms.toml`` ``[[coverage.synonyms]]``, longest variant first."""
    pairs = [
        (v, entry["canonical"])
        for entry in ctx.kind.data("synonyms.toml").get("coverage", {}).get("synonyms", [])
        for v in entry.get("variants", [])
    ]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def normalise(text: str, synonyms: list[tuple[str, str]]) -> str:
    """The text with each variant written in its canonical form."""
    for variant, canonical in synonyms:
        text = text.replace(variant, canonical)
    return text


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
    # A promise is often reported across a heading and its paragraphs: each section as a whole counts too.
    sections: dict[tuple[int, ...], list[str]] = {}
    for u in units:
        sections.setdefault(u.location.section, []).append(u.text)
    texts += ["".join(parts) for parts in sections.values() if len(parts) > 1]
    synonyms = _synonyms(ctx)
    texts = [normalise(t, synonyms) for t in texts]
    threshold = float(data.get("threshold", 62))
    stop = data.get("stopwords", [])
    measures = ctx.parts.get(work or "", [])
    where = Location(measures[0], "heading") if measures else Location()
    for item in items:
        score, _ = best_score(normalise(item, synonyms), texts, stop)
        if score >= threshold:
            continue
        yield ctx.finding(
            f"{FAMILY}.missing",
            data["message"],
            where,
            basis=data.get("basis", ""),
            excerpt=item,
            item=_plain(item),
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
