"""Title and issuer: the title must name the body that issues the report, not last year's or a neighbour's.

A report rolled forward from a neighbouring district's (「濠江区2024年法治政府建设年度报告」 taken as the model
for 某某县) keeps the other place in its title; nothing else in the text says so. Place names in the title
(two characters and a unit: 「濠江区」「青禾县」) are compared with the issuing body (the signature, else the
metadata). A joint title (「中共青禾县委 青禾县人民政府关于……」) names the issuer's place and passes. Units and
the words that are not place names are data (``rules.toml`` ``[issuer]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Location
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "issuer"


def title_places(title: str, units: list[str], not_stems: str) -> list[tuple[str, int, int]]:
    """(place, start, end) of each 「XX区/县/市……」 in a title."""
    rx = re.compile(r"([\u4e00-\u9fff]{2})(" + "|".join(map(re.escape, units)) + r")")
    out = []
    for m in rx.finditer(title):
        stem = m.group(1)
        if any(c in not_stems for c in stem):
            continue
        out.append((m.group(0), m.start(), m.end()))
    return out


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    title = ctx.report.meta.title
    org = ctx.report.meta.org.strip()
    if not title:
        return
    units, not_stems = data.get("units", []), data.get("not_stems", "")
    places = title_places(title, units, not_stems)
    if not places:
        return
    if org:
        names = org + ctx.report.meta.short
    else:
        # No signature: the body names the issuer's place again and again (「望潮区深入贯彻……」).
        body = "".join(u.text for u in ctx.units(title=False))
        counts: dict[str, int] = {}
        for place, _, _ in title_places(body, units, not_stems):
            counts[place] = counts.get(place, 0) + 1
        usual = [p for p, n in counts.items() if n >= int(data.get("body_min_mentions", 3))]
        if not usual:
            return
        names = body
        org = "、".join(sorted(usual, key=lambda p: -counts[p])[:2])
    if any(p in names or p[:2] in names for p, _, _ in places):
        if ctx.report.meta.org.strip():
            yield from _title_body(ctx, data, title, ctx.report.meta.org.strip())
        return  # the title names the issuer's place (a city before it, 「云港市望潮区」, is its parent)
    for place, start, end in places:
        yield ctx.finding(
            f"{FAMILY}.title-place",
            data["title_place"],
            Location((), "title", None, start, end),
            basis=data.get("basis", ""),
            excerpt=place,
            found=place,
            org=org,
            title=title,
        )


def title_bodies(title: str, suffixes: list[str]) -> list[tuple[str, int, int]]:
    """(body, start, end) of each issuing body named before 「关于」 (a joint title names two)."""
    head_end = title.find("关于")
    if head_end <= 0:
        return []
    out = []
    for m in re.finditer(r"\S+", title[:head_end]):
        if any(m.group(0).endswith(s) for s in suffixes):
            out.append((m.group(0), m.start(), m.end()))
    return out


def _same_body(a: str, b: str) -> bool:
    return a in b or b in a or (a.endswith(b[-6:]) and len(b) >= 6)


def _title_body(ctx: CheckContext, data: dict, title: str, org: str) -> Iterator[Finding]:
    bodies = title_bodies(title, data.get("body_suffixes", []))
    if not bodies or any(_same_body(b, org) for b, _, _ in bodies):
        return
    body, start, end = bodies[0]
    yield ctx.finding(
        f"{FAMILY}.title-body",
        data["title_body"],
        Location((), "title", None, start, end),
        basis=data.get("basis", ""),
        excerpt=body,
        found=body,
        org=org,
    )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="issuer",
    name="标题与发文机关",
    table="issuer",
    check=check,
    order=35,
    description="标题中的地名与落款的发文机关不一致（沿用其他地方或上年的标题）。",
    required_keys=(),
    rules=(
        Rule(
            "issuer.title-place",
            "标题中的其他地方",
            "标题写的地方与发文机关不是同一个（如某某县的报告标题仍是「濠江区……」）。",
            "error",
            "title_place",
        ),
        Rule(
            "issuer.title-body",
            "标题中的其他机关",
            "标题写的发文机关与落款不是同一个机关（如标题是司法局、落款是人民政府）。",
            "warning",
            "title_body",
        ),
    ),
)
