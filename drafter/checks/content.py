"""Reviewer-style content checks: what a reviewer sends back about substance, not form.

「只讲成绩不讲问题」「运用事例少」「安排空泛」「问题和安排两张皮」 are the provincial guidance's words for reports
that have every part and still say little. Each check here is a ratio or a word list in ``rules.toml``
(``[content]``), and each is a hint: it asks a question, it does not forbid.

- a shortcomings part tiny next to the achievements (characters, a ratio);
- a section of part one with no figure and no example at all;
- a plan item with no concrete object once the stock words (「加强组织领导」「提升工作水平」) are taken out;
- a plan that answers none of the shortcomings (the key object of each shortcoming, by characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..findings import Finding, Location
from ..kind_data import ROLE_NEXT, ROLE_SHORTCOMINGS, ROLE_WORK
from ..model import Section
from ..rollforward import plan_items
from .context import CheckContext
from .matching import char_coverage, key_bigrams
from .registry import Family, Rule

FAMILY = "content"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENUM = re.compile(r"[一二三四五六七八九十]是")


def _section_text(section: Section) -> str:
    parts = [section.heading, *(p.text for p in section.paragraphs)]
    for _, sub in section.walk():
        parts.append(sub.heading)
        parts.extend(p.text for p in sub.paragraphs)
    return "".join(parts)


def _body_chars(section: Section) -> int:
    text = "".join(p.text for p in section.paragraphs) + "".join(
        sub.heading + "".join(p.text for p in sub.paragraphs) for _, sub in section.walk()
    )
    return len(_CJK.findall(text))


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    yield from _thin_shortcomings(ctx, data)
    yield from _no_figure(ctx, data)
    yield from _vague_plan(ctx, data)
    yield from _plan_ignores_shortcomings(ctx, data)


def _thin_shortcomings(ctx: CheckContext, data: dict[str, Any]) -> Iterator[Finding]:
    work = ctx.part_sections(ctx.part_id(ROLE_WORK))
    short = ctx.part_sections(ctx.part_id(ROLE_SHORTCOMINGS))
    if not work or not short:
        return
    work_chars = sum(_body_chars(s) for _, s in work)
    short_chars = sum(_body_chars(s) for _, s in short)
    nested = {p for p, _ in short}
    # A shortcomings part nested in part one is counted once, as shortcomings.
    work_chars -= sum(
        _body_chars(s) for p, s in short if any(p[: len(w)] == w for w, _ in work) and p in nested
    )
    ratio = float(data.get("min_ratio", 0.05))
    if work_chars < int(data.get("min_work_chars", 600)) or short_chars >= ratio * work_chars:
        return
    path, section = short[0]
    yield ctx.finding(
        f"{FAMILY}.thin-shortcomings",
        data["thin_shortcomings"],
        Location(path, "heading"),
        basis=data.get("basis", ""),
        excerpt=section.heading,
        heading=section.heading,
        short_chars=short_chars,
        work_chars=work_chars,
        percent=round(100 * ratio),
    )


def _has_figure(text: str, data: dict[str, Any]) -> bool:
    return bool(re.search(data["figure_pattern"], text)) or any(
        w in text for w in data.get("example_words", [])
    )


def _no_figure(ctx: CheckContext, data: dict[str, Any]) -> Iterator[Finding]:
    skip = {ctx.part_id(r) for r in (ROLE_SHORTCOMINGS, "responsibility", ROLE_NEXT, "other")}
    for root, section in ctx.part_sections(ctx.part_id(ROLE_WORK)):
        for i, child in enumerate(section.children):
            path = (*root, i)
            if ctx.part_of_path.get(path) in skip:
                continue
            if not child.paragraphs and not child.children:
                continue  # an empty heading is the leftovers family's finding
            if _has_figure(_section_text(child), data):
                continue
            yield ctx.finding(
                f"{FAMILY}.no-figure",
                data["no_figure"],
                Location(path, "heading"),
                basis=data.get("basis", ""),
                excerpt=child.heading,
                heading=child.heading,
            )


def concrete_chars(item: str, stop: list[str], vague: list[str]) -> int:
    """How many characters of an item are left once its stock words are removed."""
    text = item
    for w in sorted({*stop, *vague}, key=len, reverse=True):
        if len(w) >= 2:
            text = text.replace(w, "")
    return len(_CJK.findall(text))


def _vague_plan(ctx: CheckContext, data: dict[str, Any]) -> Iterator[Finding]:
    stop = ctx.table("plan_coverage").get("stopwords", [])
    vague = data.get("vague_words", [])
    least = int(data.get("concrete_min_chars", 3))
    for root, section in ctx.part_sections(ctx.part_id(ROLE_NEXT)):
        for i, child in enumerate(section.children):
            if concrete_chars(child.heading, stop, vague) >= least:
                continue
            body = "".join(p.text for p in child.paragraphs)
            if body and concrete_chars(body, stop, vague) >= least * 3:
                continue  # the heading is a slogan but the paragraph says what will be done
            yield ctx.finding(
                f"{FAMILY}.vague-plan",
                data["vague_plan"],
                Location((*root, i), "heading"),
                basis=data.get("basis", ""),
                excerpt=child.heading,
                heading=child.heading,
            )


def _shortcoming_items(sections: list[tuple[tuple[int, ...], Section]]) -> list[str]:
    items: list[str] = []
    for _, section in sections:
        if section.children:
            items.extend(c.heading + "".join(p.text for p in c.paragraphs) for c in section.children)
            continue
        text = "".join(p.text for p in section.paragraphs)
        starts = [m.start() for m in _ENUM.finditer(text)]
        if len(starts) >= 2:
            items.extend(text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True))
        elif text:
            items.append(text)
    heads = [re.split(r"[。；]|究其|原因", it, maxsplit=1)[0] for it in items]
    return [_ENUM.sub("", h, count=1) if _ENUM.match(h) else h for h in heads]


def _plan_ignores_shortcomings(ctx: CheckContext, data: dict[str, Any]) -> Iterator[Finding]:
    short = ctx.part_sections(ctx.part_id(ROLE_SHORTCOMINGS))
    plan = ctx.part_sections(ctx.part_id(ROLE_NEXT))
    if not short or not plan:
        return
    items = _shortcoming_items(short)
    promises = plan_items(ctx.report, ctx.kind)
    plan_text = "".join(_section_text(s) for _, s in plan)
    if not items or not promises:
        return
    stop = ctx.table("plan_coverage").get("stopwords", []) + data.get("vague_words", [])
    threshold = float(data.get("answer_threshold", 40))
    for item in items:
        pairs = key_bigrams(item, stop)
        if pairs and char_coverage(pairs, plan_text) >= threshold:
            return
    path, section = plan[0]
    yield ctx.finding(
        f"{FAMILY}.plan-ignores-shortcomings",
        data["plan_ignores_shortcomings"],
        Location(path, "heading"),
        basis=data.get("basis_plan", ""),
        excerpt=section.heading,
        first=items[0][:20],
    )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="content",
    name="审核关注的内容",
    table="content",
    check=check,
    order=90,
    description="只讲成绩不讲问题、没有数据和事例、安排空泛、安排与不足脱节等审核常提的意见。",
    required_keys=("figure_pattern",),
    rules=(
        Rule(
            "content.thin-shortcomings",
            "不足写得过少",
            "「存在的不足」与「主要举措和成效」相比篇幅过小。",
            "hint",
            "thin_shortcomings",
        ),
        Rule(
            "content.no-figure",
            "没有数据和事例",
            "第一部分的一项工作没有任何数据或事例。",
            "hint",
            "no_figure",
        ),
        Rule(
            "content.vague-plan", "安排空泛", "下一年度安排中的一项没有具体的工作对象。", "hint", "vague_plan"
        ),
        Rule(
            "content.plan-ignores-shortcomings",
            "安排与不足脱节",
            "下一年度安排没有回应任何一条存在的不足。",
            "hint",
            "plan_ignores_shortcomings",
        ),
    ),
)
