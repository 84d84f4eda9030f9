"""Leftovers: what a drafter meant to come back to — placeholders, empty headings, last year's text and figures.

The commonest reason a report is sent back is not a wrong policy term but a 「XX」 nobody replaced or a
paragraph copied from last year with last year's numbers. Patterns and messages live in ``rules.toml``
(table ``[leftovers]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Location
from ..kind_data import ROLE_NEXT
from ..model import KEPT, NEEDS_DATA, Report
from .context import CheckContext
from .copied import copied_paragraphs
from .registry import Family, Rule

FAMILY = "leftovers"


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _placeholders(ctx)
    yield from _empty_sections(ctx)
    yield from _carried(ctx)
    if ctx.prior is not None:
        yield from _same_figures(ctx)


def _placeholders(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    patterns = [(re.compile(p["pattern"]), p.get("what", "")) for p in data.get("placeholders", [])]
    for unit in ctx.units():
        taken: list[tuple[int, int]] = []
        for rx, what in patterns:
            for m in rx.finditer(unit.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                yield ctx.finding(
                    f"{FAMILY}.placeholder",
                    data["placeholder"],
                    unit.at(m.start(), m.end()),
                    basis=data.get("basis_placeholder", ""),
                    excerpt=m.group(0),
                    found=m.group(0),
                    what=what,
                )


def _empty_sections(ctx: CheckContext) -> Iterator[Finding]:
    """Headings with nothing under them (a part's own heading is the required-parts family's: our standard
    part three is a 40-character heading with no content of its own); an item of the plan part is its own content (「（一）推进执法信息
    平台建设。」 is the whole promise); elsewhere a whole-sentence heading carries its content."""
    data = ctx.table(FAMILY)
    sentence = int(data.get("empty_sentence_chars", 24))
    roots = {tuple(p): pid for pid, paths in ctx.parts.items() for p in paths}
    next_part = ctx.part_id(ROLE_NEXT)
    bases = data.get("basis_empty", {})
    sentences = _sentence_lines(ctx.source_lines or [])
    for path, section in ctx.report.walk():
        if section.children or any(p.text.strip() for p in section.paragraphs):
            continue
        part = ctx.part_of_path.get(path)
        if path in roots:
            continue  # a part with only its heading is the required-parts family's finding
        one_line = _one_line_list(ctx.report, path) or section.heading.strip() in sentences
        if part is not None and part == next_part and one_line:
            continue
        if len("".join(section.heading.split())) >= sentence:
            continue
        role = ctx.kind.role_of(part) if part else None
        yield ctx.finding(
            f"{FAMILY}.empty-section",
            data["empty"],
            Location(path, "heading"),
            basis=bases.get(role or "", "") or data.get("basis_carried", ""),
            excerpt=section.heading,
            heading=section.heading,
        )


_LABEL = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、，]|\d+\s*[.．、])\s*"
)


def _sentence_lines(lines: list[str]) -> set[str]:
    """Headings written in the source as a whole sentence ending in 「。」 (「（四）开展行政执法评议。」)."""
    out = set()
    for line in lines:
        text = line.strip()
        if text.endswith("。") and _LABEL.match(text):
            out.add(_LABEL.sub("", text, count=1).rstrip("。").strip())
    return out


def _one_line_list(report: Report, path: tuple[int, ...]) -> bool:
    """True when no sibling of the section has content of its own (the items are one line each)."""
    parent = report.section_at(path[:-1]) if len(path) > 1 else None
    siblings = parent.children if parent is not None else report.sections
    return not any(s.children or any(p.text.strip() for p in s.paragraphs) for s in siblings)


_BREAK = re.compile(r"[\s，、；：。,;:（）()“”\"]")


def figures(text: str, pattern: re.Pattern[str], context_chars: int) -> Iterator[tuple[str, str, int, int]]:
    """(context before the number, figure as written, start, end) for each number with a unit.

    The context (the last ``context_chars`` characters before the number, punctuation dropped) is what
    tells 「行政复议案件56件」 from 「培训56人」."""
    for m in pattern.finditer(text):
        before = _BREAK.sub("", text[max(0, m.start() - context_chars * 3) : m.start()])
        figure = re.sub(r"\s+", "", m.group(0))
        yield before[-context_chars:], figure, m.start(), m.end()


def _clause_before(text: str, start: int, limit: int = 10) -> str:
    """The words before a figure up to the previous punctuation mark (at most ``limit`` characters)."""
    head = text[max(0, start - limit) : start]
    cut = max((m.end() for m in _BREAK.finditer(head)), default=0)
    return head[cut:]


def _figure_rx(ctx: CheckContext) -> re.Pattern[str]:
    return re.compile(ctx.table(FAMILY)["figure_pattern"])


def _carried(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    rx = _figure_rx(ctx)
    for unit in ctx.units(headings=False, title=False):
        p = unit.paragraph
        if p is None or not p.carried or KEPT in p.flags:
            continue  # a paragraph confirmed as still right (确认沿用) is no leftover
        if NEEDS_DATA in p.flags:
            found = [f for _, f, _, _ in figures(p.text, rx, 0)]
            template = data["needs_data"]
        else:
            found, template = [], data["carried"]
        yield ctx.finding(
            f"{FAMILY}.carried",
            template,
            unit.location,
            basis=data.get("basis_carried", ""),
            excerpt=p.text[:30],
            figures="、".join(found[:5]) or "数字",
        )


def _prior_figures(prior: Report, rx: re.Pattern[str], context_chars: int) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    texts = [p.text for p in prior.opening]
    for _, s in prior.walk():
        texts.extend(p.text for p in s.paragraphs)
    for text in texts:
        for ctx_text, figure, _, _ in figures(text, rx, context_chars):
            out.add((ctx_text, figure))
    return out


def _same_figures(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.prior is not None
    data = ctx.table(FAMILY)
    rx = _figure_rx(ctx)
    n = int(data.get("figure_context_chars", 4))
    ignore = set(data.get("figure_ignore", []))
    known = _prior_figures(ctx.prior, rx, n)
    copied = {loc for loc, *_ in copied_paragraphs(ctx)} if "copied" in ctx.rules else set()
    for unit in ctx.units(headings=False, title=False):
        p = unit.paragraph
        if p is None or p.carried or unit.location in copied:  # reported as a whole already
            continue
        for before, figure, start, end in figures(unit.text, rx, n):
            if figure in ignore or len(before) < n or (before, figure) not in known:
                continue
            yield ctx.finding(
                f"{FAMILY}.same-figure",
                data["same_figure"],
                unit.at(start, end),
                basis=data.get("basis_carried", ""),
                excerpt=unit.text[start:end],
                context=_clause_before(unit.text, start),
                found=figure,
            )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="leftovers",
    name="遗留内容",
    table="leftovers",
    check=check,
    order=50,
    description="占位符、空标题、沿用上年未修改的段落、与上年相同的数字。",
    required_keys=("needs_data",),
    rules=(
        Rule("leftovers.placeholder", "占位符", "XX、【】、待补充等尚未填写的内容。", "error", "placeholder"),
        Rule("leftovers.empty-section", "空标题", "标题下面没有内容。", "warning", "empty"),
        Rule("leftovers.carried", "沿用上年原文", "从上年报告沿用、尚未修改的段落。", "warning", "carried"),
        Rule(
            "leftovers.same-figure",
            "与上年相同的数字",
            "与上年报告中完全相同的数字，可能没有更新。",
            "warning",
            "same_figure",
        ),
    ),
)
