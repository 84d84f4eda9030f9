"""The checker: everything a reviewer would send back, found before the reviewer sees it.

Each rule family is one module with a ``check(ctx)`` function; its rules, messages and thresholds are data
in the kind's folder (``rules.toml``, ``terms.toml``, ``deadlines.toml``), so next year's update is an edit,
not a release. Findings use :class:`drafter.findings.Finding` so the exporter (Word comments) and the editor
(jump to the place) read them the same way.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..findings import SEVERITY_ORDER, Finding, Location
from ..kinds import Kind, get_kind
from ..model import Report
from . import (
    ending,
    expected_content,
    leftovers,
    numbering,
    plan_coverage,
    required_parts,
    stale_terms,
    years,
)
from .context import CheckContext
from .required_parts import PartVerdict, number_path, verdicts

__all__ = [
    "RULE_FAMILIES",
    "RULE_TABLES",
    "CheckContext",
    "PartVerdict",
    "check_file",
    "check_report",
    "location_key",
    "number_path",
    "part_verdicts",
    "read_for_check",
]

#: Rule family name → its check function, in the order a reviewer reads a report.
RULE_FAMILIES: dict[str, Callable[[CheckContext], Iterable[Finding]]] = {
    "required": required_parts.check,
    "numbering": numbering.check,
    "year": years.check,
    "stale": stale_terms.check,
    "leftovers": leftovers.check,
    "plan_coverage": plan_coverage.check,
    "ending": ending.check,
    "expected": expected_content.check,
}

#: Rule family → its table in the kind's rules.toml. A kind whose rules.toml lacks a family's table (a
#: third-party kind that defines only some rules) simply does not get that family's checks.
RULE_TABLES: dict[str, str] = {
    "required": "required",
    "numbering": "numbering",
    "year": "years",
    "stale": "stale",
    "leftovers": "leftovers",
    "plan_coverage": "plan_coverage",
    "ending": "ending",
    "expected": "expected",
}

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


def _resolve_kind(report: Report, kind: Kind | str | None) -> Kind:
    if isinstance(kind, Kind):
        return kind
    return get_kind(kind or report.meta.kind or "fzzf")


def make_context(
    report: Report,
    *,
    kind: Kind | str | None = None,
    prior: Report | None = None,
    year: int | None = None,
    source_lines: list[str] | None = None,
    today: _dt.date | None = None,
) -> CheckContext:
    """The context every rule family reads; the year is the argument, else the metadata, else the title's."""
    k = _resolve_kind(report, kind)
    y = year if year is not None else report.meta.year
    if y is None:
        y = years.infer_year(report.meta.title)
    ctx = CheckContext(report=report, kind=k, year=y, prior=prior, source_lines=source_lines)
    if today is not None:
        ctx.today = today
    return ctx


def check_report(
    report: Report,
    *,
    kind: Kind | str | None = None,
    prior: Report | None = None,
    year: int | None = None,
    source_lines: list[str] | None = None,
    today: _dt.date | None = None,
    families: Iterable[str] | None = None,
) -> list[Finding]:
    """Run every rule family (or the named ones) and return the findings sorted by location.

    ``source_lines`` are the raw lines of an imported file (heading numbers and signature as written);
    without them numbering is checked for order only, as for our own drafts."""
    ctx = make_context(report, kind=kind, prior=prior, year=year, source_lines=source_lines, today=today)
    names = list(families) if families is not None else list(RULE_FAMILIES)
    out: list[Finding] = []
    for name in names:
        if not ctx.table(RULE_TABLES[name]):
            continue
        out.extend(RULE_FAMILIES[name](ctx))
    return _sort(out)


def part_verdicts(report: Report, *, kind: Kind | str | None = None) -> list[PartVerdict]:
    """Where each required part was found (for the CLI's summary and the corpus test)."""
    return verdicts(make_context(report, kind=kind))


def read_for_check(path: str | os.PathLike[str]) -> tuple[Report, list[str] | None]:
    """A report from any importable file, with the raw lines when it is not one of our drafts."""
    from ..importing import read_report

    p = Path(path)
    report = read_report(p)
    if p.suffix.lower() == ".md":
        return report, None
    from .source import raw_lines

    return report, raw_lines(p, report.meta.kind or "fzzf")


def check_file(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    prior_path: str | os.PathLike[str] | None = None,
) -> tuple[Report, list[Finding]]:
    """Read a draft or any importable file (and last year's report) and check it."""
    report, lines = read_for_check(path)
    prior = read_for_check(prior_path)[0] if prior_path is not None else None
    return report, check_report(report, prior=prior, year=year, source_lines=lines)
