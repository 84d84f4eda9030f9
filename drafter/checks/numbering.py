"""Order and numbering: gaps, repeats and wrong level styles in imported text; the order of the parts.

Our own drafts store no numbers (they are generated at export), so for them only the order of the parts
is checked. A file written elsewhere keeps its own numbers, which the importer drops; they are recovered
here from the file's raw lines (:func:`scan_labels`) and matched back to the imported headings so the
findings point at the right section. Label styles and messages live in ``rules.toml`` ([numbering]).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Location
from ..numbering import chinese_numeral, chinese_to_int
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "numbering"
_NORMALISE = re.compile(r"[\s\u3000，,、。．.；;：:（）()“”\"'《》]")
_LEVEL_ZH = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True)
class Style:
    pattern: re.Pattern[str]
    mid: re.Pattern[str]
    level: int
    numeral: str
    standard: bool
    render: str


@dataclass(frozen=True)
class RawLabel:
    """A heading number as written in the source file."""

    label: str
    level: int
    number: int
    style: Style
    line: int
    #: The heading text after the number (to the first full stop), for finding the imported section.
    text: str


def load_styles(data: dict[str, Any]) -> list[Style]:
    out = []
    for s in data.get("styles", []):
        pattern = re.compile(s["pattern"])
        mid = re.compile(s["pattern"].removeprefix("^"))
        out.append(
            Style(
                pattern,
                mid,
                int(s["level"]),
                s.get("numeral", "zh"),
                bool(s.get("standard", True)),
                s["render"],
            )
        )
    return out


def _value(style: Style, raw: str) -> int | None:
    return int(raw) if style.numeral == "arabic" else chinese_to_int(raw)


def _heading_text(rest: str) -> str:
    stop = re.search(r"[。！？!?]", rest)
    return rest[: stop.start()] if stop else rest[:40]


def scan_labels(lines: list[str], styles: list[Style]) -> list[RawLabel]:
    """Heading numbers at the start of lines, and level-3/4 numbers run on after 「。」 when they continue
    the sequence (「1. 认真安排部署。……2. 精心组织实施。」)."""
    out: list[RawLabel] = []
    last: dict[int, int] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        for style in styles:
            m = style.pattern.match(text)
            if not m:
                continue
            n = _value(style, m.group(1))
            if n is None or n <= 0:
                break
            out.append(RawLabel(m.group(0).strip(), style.level, n, style, i, _heading_text(text[m.end() :])))
            for lvl in list(last):
                if lvl > style.level:
                    del last[lvl]
            last[style.level] = n
            break
        # Run-on items inside the paragraph.
        for stop in re.finditer(r"[。；;]\s*", text):
            rest = text[stop.end() :]
            for style in styles:
                if style.level < 3:
                    continue
                m = style.pattern.match(rest)
                if not m:
                    continue
                n = _value(style, m.group(1))
                if n is not None and n == last.get(style.level, 0) + 1:
                    out.append(
                        RawLabel(m.group(0).strip(), style.level, n, style, i, _heading_text(rest[m.end() :]))
                    )
                    last[style.level] = n
                break
    return out


@dataclass(frozen=True)
class Problem:
    kind: str  # gap | repeat | backwards | restart
    label: RawLabel
    previous: RawLabel | None
    expected: int


def sequence_problems(labels: list[RawLabel]) -> list[Problem]:
    """Gaps, repeats, numbers going backwards and restarts, level by level under each parent."""
    out: list[Problem] = []
    stack: list[RawLabel] = []
    for lab in labels:
        prev = None
        for s in reversed(stack):
            if s.level == lab.level:
                prev = s
                break
            if s.level < lab.level:
                break
        expected = (prev.number if prev else 0) + 1
        if lab.number != expected:
            if lab.number == 1 and prev is not None:
                kind = "restart"
            elif prev is not None and lab.number == prev.number:
                kind = "repeat"
            elif lab.number > expected:
                kind = "gap"
            else:
                kind = "backwards"
            out.append(Problem(kind, lab, prev, expected))
        while stack and stack[-1].level >= lab.level:
            stack.pop()
        stack.append(lab)
    return out


def _render(style: Style, n: int, ctx: CheckContext) -> str:
    return ctx.render(style.render, n=chinese_numeral(n) if style.numeral == "zh" else n)


def _norm(text: str) -> str:
    return _NORMALISE.sub("", text)


class _Locator:
    """Finds the imported section (or paragraph) a raw label belongs to, moving forward through the report."""

    def __init__(self, ctx: CheckContext) -> None:
        self.units = [u for u in ctx.units(title=False) if u.location.area in ("heading", "section")]
        self.keys = [_norm(u.text) for u in self.units]
        self.pos = 0

    def find(self, label: RawLabel) -> Location:
        key = _norm(label.text)[:12]
        if not key:
            return Location((), "section")
        for order in (range(self.pos, len(self.units)), range(0, self.pos)):
            for i in order:
                unit = self.units[i]
                hit = self.keys[i].startswith(key) if unit.location.area == "heading" else key in self.keys[i]
                if hit:
                    self.pos = i
                    return unit.location
        return Location((), "section")


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _order(ctx)
    if ctx.source_lines is None:
        return
    data = ctx.table(FAMILY)
    styles = load_styles(data)
    labels = scan_labels(ctx.source_lines, styles)
    locate = _Locator(ctx)
    basis = data.get("basis", "")
    for problem in sequence_problems(labels):
        lab = problem.label
        style = lab.style
        values: dict[str, Any] = {
            "found": lab.label,
            "previous": problem.previous.label if problem.previous else "",
            "expected": _render(style, problem.expected, ctx),
        }
        if problem.kind == "restart":
            lower = next((s for s in styles if s.level == lab.level + 1 and s.standard), None)
            parent = problem.previous
            values["parent"] = f"{parent.label}{parent.text[:12]}" if parent else ""
            values["lower"] = _render(lower, lab.number, ctx) if lower else ""
        yield ctx.finding(
            f"{FAMILY}.{problem.kind}",
            data[problem.kind],
            locate.find(lab),
            basis=basis,
            excerpt=lab.label,
            **values,
        )
    yield from _styles(ctx, data, labels, _Locator(ctx))


def _styles(
    ctx: CheckContext, data: dict[str, Any], labels: list[RawLabel], locate: _Locator
) -> Iterator[Finding]:
    """One hint per non-standard style (at its first use): 「1、」 written for 「1.」, half-width brackets."""
    seen: set[str] = set()
    for lab in labels:
        if lab.style.standard:
            continue
        key = lab.style.pattern.pattern
        if key in seen:
            continue
        seen.add(key)
        count = sum(1 for x in labels if x.style is lab.style)
        yield ctx.finding(
            f"{FAMILY}.style",
            data["style"],
            locate.find(lab),
            basis=data.get("basis", ""),
            excerpt=lab.label,
            found=lab.label,
            level_zh=_LEVEL_ZH.get(lab.level, str(lab.level)),
            standard=_render(lab.style, lab.number, ctx),
            count=count,
        )


def _order(ctx: CheckContext) -> Iterator[Finding]:
    """Top-level parts in the regulation's order (nested parts may sit anywhere inside part one)."""
    data = ctx.table(FAMILY)
    rank = {p.id: i for i, p in enumerate(ctx.kind.parts)}
    placed = sorted(
        (paths_top[0], pid)
        for pid, paths in ctx.parts.items()
        if pid in rank and (paths_top := [p for p in paths if len(p) == 1])
    )
    for (path_a, a), (_, b) in itertools.pairwise(placed):
        if rank[a] > rank[b]:
            part_a, part_b = ctx.kind.part(a), ctx.kind.part(b)
            assert part_a is not None and part_b is not None
            yield ctx.finding(
                f"{FAMILY}.order",
                data["order"],
                Location(path_a, "heading"),
                basis=data.get("order_basis", ""),
                excerpt=ctx.report.section_at(path_a).heading,
                name=part_a.name,
                before=part_b.name,
            )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="numbering",
    name="序号和顺序",
    table="numbering",
    check=check,
    order=20,
    description="各级标题序号是否连续、写法是否符合 GB/T 9704，各部分顺序。",
    required_keys=(),
    rules=(
        Rule("numbering.gap", "序号不连续", "同一层次的序号跳号。", "warning", "gap"),
        Rule("numbering.repeat", "序号重复", "同一层次的序号重复。", "warning", "repeat"),
        Rule("numbering.backwards", "序号倒退", "同一层次的序号变小。", "warning", "backwards"),
        Rule(
            "numbering.restart",
            "同层重新编号",
            "同一层次中序号重新从头开始，像是层级用错。",
            "warning",
            "restart",
        ),
        Rule(
            "numbering.style",
            "序号写法不规范",
            "序号形式不是该层应有的「一、」「（一）」「1.」「（1）」。",
            "hint",
            "style",
        ),
        Rule("numbering.order", "各部分顺序", "必备内容没有按规定的顺序排列。", "hint", "order"),
    ),
)
