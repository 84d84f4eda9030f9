"""Checking a report: the same findings whichever front end asks, with last year's report and source lines.

The CLI's ``check``, the TUI's F3, and both review copies call :func:`check_document`, so the same draft
checked against the same prior report gets the same findings everywhere.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..checks import PartVerdict, check_report, part_verdicts
from ..checks.user_rules import RuleSettings, load_rule_settings
from ..checks.years import infer_year
from ..findings import Finding
from ..kinds import Kind
from ..model import Report
from .documents import Document, open_document
from .kinds import checked_year


@dataclass
class CheckOutcome:
    """What a check found, and where each required part is."""

    document: Document
    findings: list[Finding]
    verdicts: list[PartVerdict]
    year: int | None

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "hint")}

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def user_settings() -> RuleSettings:
    """The user's rule switches (their rules.toml), read at the edge."""
    return load_rule_settings(True)


def check_findings(
    report: Report,
    kind: Kind,
    *,
    prior: Report | None = None,
    year: int | None = None,
    source_lines: list[str] | None = None,
    settings: RuleSettings | None = None,
    today: _dt.date | None = None,
) -> list[Finding]:
    """The findings of one report (the one function every front end and the review copy use)."""
    return check_report(
        report,
        kind,
        prior=prior,
        year=year if year is not None else report.meta.year,
        source_lines=source_lines,
        settings=settings if settings is not None else user_settings(),
        today=today,
    )


def check_document(
    doc: Document,
    *,
    prior: Document | Report | None = None,
    year: int | None = None,
    settings: RuleSettings | None = None,
    today: _dt.date | None = None,
) -> CheckOutcome:
    checked_year(doc.kind, year)
    prior_report = prior.report if isinstance(prior, Document) else prior
    findings = check_findings(
        doc.report,
        doc.kind,
        prior=prior_report,
        year=year,
        source_lines=doc.source_lines,
        settings=settings,
        today=today,
    )
    effective = year if year is not None else (doc.report.meta.year or infer_year(doc.report.meta.title))
    return CheckOutcome(doc, findings, part_verdicts(doc.report, doc.kind), effective)


def check_file(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    prior_path: str | os.PathLike[str] | None = None,
    kind_id: str | None = None,
    settings: RuleSettings | None = None,
) -> tuple[Report, list[Finding]]:
    """Read a draft or any importable file (and last year's report), each once, and check it."""
    outcome = check_path(path, year=year, prior_path=prior_path, kind_id=kind_id, settings=settings)
    return outcome.document.report, outcome.findings


def check_path(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    prior_path: str | os.PathLike[str] | None = None,
    kind_id: str | None = None,
    settings: RuleSettings | None = None,
) -> CheckOutcome:
    doc = open_document(path, kind_id)
    checked_year(doc.kind, year)
    prior = open_document(prior_path, doc.kind.id) if prior_path is not None else None
    return check_document(doc, prior=prior, year=year, settings=settings)


_PRIOR_CACHE: dict[tuple[str, float, str], Report] = {}


def prior_file_of(report: Report) -> Path | None:
    """The file of last year's report a draft was rolled forward from, when it is still there."""
    info = report.meta.extra.get("carried_from")
    name = info.get("file") if isinstance(info, dict) else None
    if not isinstance(name, str) or not name:
        return None
    p = Path(name)
    return p if p.is_file() else None


def prior_of(report: Report, draft_path: os.PathLike[str] | str | None, kind: Kind) -> Report | None:
    """Last year's report of a rolled-forward draft, read once per file version (None if unavailable)."""
    p = prior_file_of(report)
    if p is None:
        return None
    try:
        key = (str(p), p.stat().st_mtime, kind.id)
        if key not in _PRIOR_CACHE:
            _PRIOR_CACHE[key] = open_document(p, kind.id).report
        return _PRIOR_CACHE[key]
    except Exception:  # an unreadable prior file only loses the comparison, never the check
        return None
