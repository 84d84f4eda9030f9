"""Required parts: each content the regulation asks for, found by meaning wherever it sits.

A part may be named freely, placed in any order or nested inside part one; :func:`drafter.parts.locate_parts`
finds it. A missing part is reported with the kind's own severity (``kind.toml``: error, or hint for
「其他需要报告的情况」). A shortcomings part that never says why is sent back just as often as a missing one,
so it is checked too (cause words in ``rules.toml``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..kind_data import ROLE_SHORTCOMINGS
from ..kinds import PartSpec
from ..model import Section
from ..numbering import label_for_path
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "required"


@dataclass(frozen=True)
class PartVerdict:
    """Where one canonical part was found (empty: absent)."""

    id: str
    name: str
    required: str
    places: tuple[tuple[int, ...], ...]
    #: Found by its heading, with nothing under it anywhere it was found.
    empty: bool = False

    @property
    def present(self) -> bool:
        return bool(self.places)


def verdicts(ctx: CheckContext) -> list[PartVerdict]:
    out = []
    for p in ctx.kind.parts:
        places = tuple(ctx.parts.get(p.id, []))
        empty = bool(places) and not any(_has_content(ctx.report.section_at(x)) for x in places)
        out.append(PartVerdict(p.id, p.name, p.required, places, empty))
    return out


def number_path(path: tuple[int, ...]) -> str:
    """「一、（二）」: the generated numbers of a section and its ancestors."""
    return "".join(label_for_path(path[: i + 1]) for i in range(len(path)))


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    for verdict in verdicts(ctx):
        part = ctx.kind.part(verdict.id)
        assert part is not None
        if verdict.present:
            yield from _empty(ctx, data, part, verdict)
            continue
        optional = part.required == "hint"
        guidance = ctx.render(part.guidance).splitlines()[0] if part.guidance else ""
        yield ctx.finding(
            f"{FAMILY}.{part.id}",
            data["missing_optional" if optional else "missing"],
            Location((), "section"),
            severity=part.required,
            basis=part.basis or data.get("basis_default", ""),
            name=part.name,
            heading=ctx.render(part.heading),
            guidance=guidance,
        )
    yield from _causes(ctx, data)


def _has_content(section: Section) -> bool:
    return bool(section.children) or any(p.text.strip() for p in section.paragraphs)


def _empty(ctx: CheckContext, data: dict, part: PartSpec, verdict: PartVerdict) -> Iterator[Finding]:
    """A part found by its heading with nothing under it is as absent as a missing one (a 40-character
    heading such as our own part three is no content)."""
    if not verdict.empty:
        return
    path = verdict.places[0]
    heading = ctx.report.section_at(path).heading
    yield ctx.finding(
        f"{FAMILY}.{part.id}",
        data["empty_part"],
        Location(path, "heading"),
        severity=part.required,
        basis=part.basis or data.get("basis_default", ""),
        excerpt=heading,
        name=part.name,
        heading=heading,
        required=part.required,
    )


def _causes(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    spec = data.get("no_causes", {})
    words = spec.get("cause_words", [])
    shortcomings = ctx.part_id(ROLE_SHORTCOMINGS)
    for path, section in ctx.part_sections(shortcomings):
        # The part's own heading often says 「……和原因」 without giving any: only its content counts.
        texts = [p.text for p in section.paragraphs]
        for _, sub in section.walk():
            texts.append(sub.heading)
            texts.extend(p.text for p in sub.paragraphs)
        if any(w in t for t in texts for w in words):
            continue
        yield ctx.finding(
            f"{FAMILY}.no-causes",
            spec["message"],
            Location(path, "heading"),
            basis=spec.get("basis", ""),
            excerpt=section.heading,
            heading=section.heading,
        )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="required",
    name="必备内容",
    table="required",
    check=check,
    order=10,
    description="年度报告必须包括的几部分内容是否齐全（按意思识别，嵌套的也算）。",
    required_keys=("missing_optional", "empty_part"),
    rules=(
        Rule(
            "required.part",
            "缺少必备内容",
            "报告缺少类型规定的一部分内容；严重程度取自 kind.toml 中该部分的 required。",
            "error",
            "missing",
            instances="part",
        ),
        Rule(
            "required.no-causes",
            "不足未写原因",
            "「存在的不足」部分只列问题、没有分析原因。",
            "warning",
            "no_causes.message",
        ),
    ),
)
