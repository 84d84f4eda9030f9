"""The checker: everything a reviewer would send back, found before the reviewer sees it.

Each rule family is one module with a ``check(ctx)`` function and a :class:`~.registry.Family` that declares
its rules; families are found through the ``drafter.checks`` entry points (:mod:`.registry`). Their
messages and thresholds are data in the kind's folder (``rules.toml``, ``terms.toml``, ``deadlines.toml``),
so next year's update is an edit, not a release. Findings use :class:`drafter.findings.Finding` so the
exporter (Word comments) and the editor (jump to the place) read them the same way.

Reading files is not the checker's business: the application layer (:mod:`drafter.app.review`) reads a
file once and passes the report and its source lines here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ..findings import SEVERITY_ORDER, Finding, Location
from ..kinds import Kind, get_kind
from ..model import Report
from . import years
from .context import CheckContext
from .registry import Family, Registry, Rule, registry
from .required_parts import PartVerdict, number_path, verdicts
from .user_rules import RuleSettings

__all__ = [
    "CheckContext",
    "Family",
    "PartVerdict",
    "Registry",
    "Rule",
    "RuleSettings",
    "check_report",
    "location_key",
    "number_path",
    "part_verdicts",
    "registry",
]

_AREA_ORDER = {"meta": 0, "title": 1, "opening": 2, "section": 3, "heading": 3, "closing": 4}


def location_key(loc: Location) -> tuple:
    """Reading order: title, opening, the outline (a heading before its paragraphs), closing."""
    area = _AREA_ORDER.get(loc.area, 5)
    if loc.area == "section" and not loc.section:
        area = 0  # the report as a whole
    in_body = 0 if loc.area == "heading" else 1
    if loc.area == "section" and loc.paragraph is None:
        in_body = -1  # the section (or report) as a whole
    return (area, loc.section, in_body, loc.paragraph if loc.paragraph is not None else -1, loc.start or 0)


def _sort(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (location_key(f.location), SEVERITY_ORDER[f.severity], f.rule))


def make_context(
    report: Report,
    kind: Kind | str,
    *,
    prior: Report | None = None,
    year: int | None = None,
    source_lines: list[str] | None = None,
    today: _dt.date | None = None,
) -> CheckContext:
    """The context every rule family reads; the year is the argument, else the metadata, else the title's."""
    if isinstance(kind, str):
        kind = get_kind(kind)  # a kind named by its id (tests, scripts)
    y = year if year is not None else report.meta.year
    if y is None:
        named = years.infer_year(report.meta.title)
        y = named - kind.title_year_offset if named is not None else None
    ctx = CheckContext(report=report, kind=kind, year=y, prior=prior, source_lines=source_lines)
    if today is not None:
        ctx.today = today
    return ctx


def check_report(
    report: Report,
    kind: Kind | str,
    *,
    prior: Report | None = None,
    year: int | None = None,
    source_lines: list[str] | None = None,
    today: _dt.date | None = None,
    families: Iterable[str] | None = None,
    settings: RuleSettings | None = None,
) -> list[Finding]:
    """Run every family the kind enables (or the named ones) and return the findings sorted by location.

    ``source_lines`` are the raw lines of an imported file (heading numbers and signature as written);
    without them numbering is checked for order only, as for our own drafts. ``settings`` are the user's
    rule switches (the application layer reads them; the core never reads the user's files)."""
    ctx = make_context(report, kind, prior=prior, year=year, source_lines=source_lines, today=today)
    reg = registry()
    enabled = reg.enabled(ctx.kind)
    if families is not None:
        wanted = list(families)
        unknown = [f for f in wanted if reg.family(f) is None]
        if unknown:
            raise KeyError(f"unknown rule families: {unknown}")
        enabled = [f for f in enabled if f.id in wanted]
    out: list[Finding] = []
    for family in enabled:
        out.extend(family.check(ctx))
    if settings is not None:
        out = settings.apply(out, reg)
    return _sort(out)


def part_verdicts(report: Report, kind: Kind) -> list[PartVerdict]:
    """Where each required part was found (for the CLI's summary and the corpus test)."""
    return verdicts(make_context(report, kind))
