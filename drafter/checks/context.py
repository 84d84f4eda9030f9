"""What every rule family gets: the report, its kind, the year, last year's report, and the rule data.

Rule families are plain functions ``check(ctx) -> Iterable[Finding]``. They find text through
:meth:`CheckContext.units`, which walks the title, opening, headings, paragraphs and closing with the
:class:`~drafter.findings.Location` of each, so every family reports places the same way. Messages come
from ``rules.toml`` through :meth:`CheckContext.message` (jinja2 sandbox), never from code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..findings import Finding, Location, Severity
from ..kinds import Kind
from ..model import Paragraph, Report, Section
from ..templating import render_string


@dataclass(frozen=True)
class TextUnit:
    """One piece of text the checker reads, with where it sits and which part it belongs to."""

    location: Location
    text: str
    #: Canonical part id of the innermost located part containing it (None: outside every part).
    part: str | None = None
    paragraph: Paragraph | None = None
    section: Section | None = None

    @property
    def is_heading(self) -> bool:
        return self.location.area in ("heading", "title")

    def at(self, start: int, end: int) -> Location:
        """The location of a span of this text."""
        loc = self.location
        return Location(loc.section, loc.area, loc.paragraph, start, end)


@dataclass
class CheckContext:
    report: Report
    kind: Kind
    year: int | None
    prior: Report | None = None
    #: The day the check runs (tests pin it); relative words depend on it when the report has no date.
    today: _dt.date = field(default_factory=_dt.date.today)
    #: The imported file's own lines (heading numbers and signature as written); None for our drafts.
    source_lines: list[str] | None = None

    # ------------------------------------------------------------------ data
    @cached_property
    def rules(self) -> dict[str, Any]:
        return self.kind.data("rules.toml")

    @cached_property
    def terms(self) -> dict[str, Any]:
        return self.kind.data("terms.toml")

    def part_id(self, role: str) -> str | None:
        """The id of the kind's part that plays ``role`` (see :mod:`drafter.kind_data`)."""
        return self.kind.part_id(role)

    def role_of(self, unit: TextUnit) -> str | None:
        return self.kind.role_of(unit.part)

    def table(self, family: str) -> dict[str, Any]:
        return self.rules.get(family, {})

    @cached_property
    def template_context(self) -> dict[str, Any]:
        meta = self.report.meta
        year = self.year if self.year is not None else _dt.date.today().year - 1
        outline = self.kind.outline_for_year(year)
        return {
            "year": year,
            "next_year": year + 1,
            "org": meta.org,
            "short": meta.short,
            "kind_name": self.kind.name,
            "outline_name": outline.name if outline else "",
        }

    def render(self, template: str, **values: Any) -> str:
        return render_string(template, **{**self.template_context, **values})

    def finding(
        self,
        rule: str,
        template: str,
        location: Location,
        *,
        severity: str | None = None,
        basis: str = "",
        excerpt: str = "",
        **values: Any,
    ) -> Finding:
        """A finding of a registered rule, its message rendered from the rule data.

        The severity is the rule's (the registry's default, or the kind's ``[<table>.severity]``);
        ``severity`` is for data that sets its own (a term's entry, a part's ``required``)."""
        from .registry import SEVERITIES, kind_severity, registry

        spec = registry().rule_for(rule)
        if spec is None:
            raise LookupError(f"rule {rule!r} is not declared by any registered family")
        sev: Severity = severity if severity in SEVERITIES else kind_severity(self.kind, spec)  # type: ignore[assignment]
        return Finding(
            rule=rule,
            severity=sev,
            message=self.render(template, **values),
            location=location,
            basis=basis,
            excerpt=excerpt,
            rule_name=spec.name,
        )

    # ------------------------------------------------------------------ parts
    @cached_property
    def parts(self) -> dict[str, list[tuple[int, ...]]]:
        """Where each canonical part is, found by meaning (nested ones included)."""
        from ..parts import locate_parts

        return locate_parts(self.report, self.kind)

    @cached_property
    def part_of_path(self) -> dict[tuple[int, ...], str]:
        """Section path → the innermost located part containing that section."""
        owners: dict[tuple[int, ...], tuple[int, str]] = {}
        for part_id, paths in self.parts.items():
            for p in paths:
                for path, _ in _walk_under(self.report, p):
                    depth = len(p)
                    current = owners.get(path)
                    if current is None or depth > current[0]:
                        owners[path] = (depth, part_id)
        return {path: pid for path, (_, pid) in owners.items()}

    def part_sections(self, part_id: str | None) -> list[tuple[tuple[int, ...], Section]]:
        """The outermost sections where a part was found (none for a part the kind lacks)."""
        out = []
        for path in self.parts.get(part_id, []) if part_id else []:
            try:
                out.append((path, self.report.section_at(path)))
            except IndexError:
                continue
        return out

    # ------------------------------------------------------------------ text
    def units(self, *, headings: bool = True, title: bool = True) -> Iterator[TextUnit]:
        """Every piece of text of the report, in reading order, with its location."""
        report = self.report
        if title and report.meta.title:
            yield TextUnit(Location((), "title"), report.meta.title)
        for i, p in enumerate(report.opening):
            yield TextUnit(Location((), "opening", i), p.text, None, p)
        owner = self.part_of_path
        for path, section in report.walk():
            part = owner.get(path)
            if headings:
                yield TextUnit(Location(path, "heading"), section.heading, part, None, section)
            for i, p in enumerate(section.paragraphs):
                yield TextUnit(Location(path, "section", i), p.text, part, p, section)
        for i, p in enumerate(report.closing):
            yield TextUnit(Location((), "closing", i), p.text, None, p)

    def part_units(self, part_id: str | None) -> list[TextUnit]:
        """Headings and paragraphs inside a part (every place it was found)."""
        roots = self.parts.get(part_id, []) if part_id else []
        out = []
        for unit in self.units(title=False):
            sec = unit.location.section
            if unit.location.area in ("heading", "section") and any(sec[: len(r)] == r for r in roots):
                out.append(unit)
        return out


def _walk_under(report: Report, root: tuple[int, ...]) -> Iterator[tuple[tuple[int, ...], Section]]:
    try:
        section = report.section_at(root)
    except IndexError:
        return
    yield root, section
    yield from section.walk(root)
