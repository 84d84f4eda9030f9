"""Year consistency: the title, headings, body and plan part must agree with the year reported on.

Starting from last year's report is how most drafts begin, so a year nobody updated (「一、2024年……」 in a
report on 2025, 「2025年工作计划」 that should now say 2026) is the classic leftover. Words such as 「今年」
are wrong once the year is over: the report is read the following spring.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from ..findings import Finding, Location
from ..kind_data import ROLE_NEXT
from .context import CheckContext, TextUnit
from .registry import Family, Rule

FAMILY = "year"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}(?!\d)")


def years_in(text: str) -> Iterator[tuple[int, int, int]]:
    """(year, start, end) of each 「YYYY年」 in a text that is not part of a period such as 2021—2025年."""
    ranges = [(m.start(), m.end()) for m in _RANGE.finditer(text)]
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in ranges):
            continue
        yield int(m.group(1)), m.start(), m.end()


def infer_year(title: str) -> int | None:
    """The year a title names (the first 「YYYY年」 outside a period), if any."""
    return next((y for y, _, _ in years_in(title)), None)


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table("years")
    if ctx.year is None:
        example = ctx.kind.title_template
        yield ctx.finding(
            f"{FAMILY}.unknown",
            data["unknown"],
            Location((), "meta"),
            basis=data.get("basis", ""),
            example=ctx.render(example, year=_dt.date.today().year - 1),
        )
        return
    yield from _title(ctx, data)
    for unit in ctx.units(title=False):
        if unit.location.area == "closing":
            continue  # the date line is the ending family's business
        if unit.location.area == "heading":
            yield from _heading(ctx, data, unit)
        else:
            yield from _body(ctx, data, unit)
    yield from _relative(ctx, data)


def _ahead_roles(data: dict) -> frozenset[str]:
    """Roles of the parts that are about the following year: the kind's ``ahead_roles`` (default: next)."""
    return frozenset(data.get("ahead_roles", [ROLE_NEXT]))


def _expected(ctx: CheckContext, data: dict, unit: TextUnit) -> int:
    assert ctx.year is not None
    return ctx.year + 1 if ctx.role_of(unit) in _ahead_roles(data) else ctx.year


def _title(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    assert ctx.year is not None
    title = ctx.report.meta.title
    expected = ctx.year + ctx.kind.title_year_offset
    for y, start, end in years_in(title):
        if y != expected:
            yield ctx.finding(
                f"{FAMILY}.title",
                data["title"],
                Location((), "title", None, start, end),
                basis=data.get("basis", ""),
                excerpt=title[start:end],
                found=title[start:end],
                expected=expected,
            )


def _excused(data: dict, text: str, start: int, end: int) -> bool:
    window = int(data.get("window", 4))
    before = text[max(0, start - window) : start].rstrip()
    after = text[end : end + window + 2]
    after = after[1:] if after.startswith("度") else after
    if any(before.endswith(w) for w in data.get("body_ok_before", [])):
        return True
    near = text[end : end + int(data.get("near_window", 12))]
    if any(w in near for w in data.get("body_ok_near", [])):
        return True
    return any(after.startswith(w) for w in data.get("body_ok_after", []))


def _heading(ctx: CheckContext, data: dict, unit: TextUnit) -> Iterator[Finding]:
    assert ctx.year is not None
    expected = _expected(ctx, data, unit)
    for y, start, end in years_in(unit.text):
        if y == expected or (unit.part is None and y in (ctx.year, ctx.year + 1)):
            continue
        if _excused(data, unit.text, start, end):
            continue
        found = unit.text[start:end]
        if expected != ctx.year:
            rule, template = f"{FAMILY}.plan-heading", data["plan_heading"]
        else:
            rule, template = f"{FAMILY}.heading", data["heading"]
        yield ctx.finding(
            rule,
            template,
            unit.at(start, end),
            basis=data.get("basis", ""),
            excerpt=found,
            found=found,
            heading=unit.text,
            expected=expected,
        )


def _body(ctx: CheckContext, data: dict, unit: TextUnit) -> Iterator[Finding]:
    assert ctx.year is not None
    expected = _expected(ctx, data, unit)
    for y, start, end in years_in(unit.text):
        if y >= ctx.year or _excused(data, unit.text, start, end):
            continue
        found = unit.text[start:end]
        yield ctx.finding(
            f"{FAMILY}.body",
            data["body"],
            unit.at(start, end),
            basis=data.get("basis", ""),
            excerpt=found,
            found=found,
            found_year=y,
            expected=expected,
        )


def _relative(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    assert ctx.year is not None
    written = ctx.report.meta.date or ctx.today
    if written.year <= ctx.year:
        return  # written during the year: 「今年」 is still right
    words = data.get("relative", [])
    if not words:
        return
    rx = re.compile("|".join(re.escape(w["word"]) for w in words))
    suggest = {w["word"]: w.get("suggest", "") for w in words}
    for unit in ctx.units(title=False):
        if unit.location.area == "closing":
            continue
        for m in rx.finditer(unit.text):
            before = unit.text[max(0, m.start() - 1) : m.start()]
            if before == "年" or before.isdigit():
                continue  # 「2025年上半年」 names its year
            found = m.group(0)
            yield ctx.finding(
                f"{FAMILY}.relative",
                data["relative_message"]["text"],
                unit.at(m.start(), m.end()),
                basis=data.get("basis", ""),
                excerpt=found,
                found=found,
                suggest=ctx.render(suggest[found]),
            )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="year",
    name="年份",
    table="years",
    check=check,
    order=30,
    description="标题、小标题、正文和下一年度安排中的年份是否与报告年度一致。",
    required_keys=(),
    rules=(
        Rule("year.unknown", "报告年度未知", "无法确定报告所述年度。", "warning", "unknown"),
        Rule("year.title", "标题年份", "标题中的年份与报告年度不一致。", "error", "title"),
        Rule("year.heading", "小标题年份", "小标题中的年份与报告年度不一致。", "error", "heading"),
        Rule(
            "year.plan-heading",
            "安排部分的年份",
            "下一年度安排的小标题没有写下一年。",
            "error",
            "plan_heading",
        ),
        Rule(
            "year.body",
            "正文中的旧年份",
            "正文写的是报告年度以前的年份，可能是沿用上年的文字。",
            "warning",
            "body",
        ),
        Rule(
            "year.relative",
            "相对时间说法",
            "「今年」「上半年」等说法在次年阅读时会产生歧义。",
            "warning",
            "relative_message.text",
        ),
    ),
)
