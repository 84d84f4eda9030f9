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
from ..numbering import label_for_path
from .context import CheckContext

FAMILY = "required"


@dataclass(frozen=True)
class PartVerdict:
    """Where one canonical part was found (empty: absent)."""

    id: str
    name: str
    required: str
    places: tuple[tuple[int, ...], ...]

    @property
    def present(self) -> bool:
        return bool(self.places)


def verdicts(ctx: CheckContext) -> list[PartVerdict]:
    return [PartVerdict(p.id, p.name, p.required, tuple(ctx.parts.get(p.id, []))) for p in ctx.kind.parts]


def number_path(path: tuple[int, ...]) -> str:
    """「一、（二）」: the generated numbers of a section and its ancestors."""
    return "".join(label_for_path(path[: i + 1]) for i in range(len(path)))


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    for verdict in verdicts(ctx):
        part = ctx.kind.part(verdict.id)
        assert part is not None
        if verdict.present:
            continue
        optional = part.required == "hint"
        guidance = ctx.render(part.guidance).splitlines()[0] if part.guidance else ""
        yield ctx.finding(
            f"{FAMILY}.{part.id}",
            part.required,
            data["missing_optional" if optional else "missing"],
            Location((), "section"),
            basis=part.basis or data.get("basis_default", ""),
            name=part.name,
            heading=ctx.render(part.heading),
            guidance=guidance,
        )
    yield from _causes(ctx, data)


def _causes(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    spec = data.get("no_causes", {})
    words = spec.get("cause_words", [])
    for path, section in ctx.part_sections("shortcomings"):
        # The part's own heading often says 「……和原因」 without giving any: only its content counts.
        texts = [p.text for p in section.paragraphs]
        for _, sub in section.walk():
            texts.append(sub.heading)
            texts.extend(p.text for p in sub.paragraphs)
        if any(w in t for t in texts for w in words):
            continue
        yield ctx.finding(
            f"{FAMILY}.no-causes",
            spec.get("severity", "warning"),
            spec["message"],
            Location(path, "heading"),
            basis=spec.get("basis", ""),
            excerpt=section.heading,
            heading=section.heading,
        )
