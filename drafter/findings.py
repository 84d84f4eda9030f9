"""A checker finding: what is wrong, where, how bad, and on what basis.

Shared by the checker (which makes findings), the exporter (which turns them into Word comments) and the
TUI (which lists them and jumps to their place), so all three agree on what a location means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "hint"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "hint": 2}
SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "hint": "提示"}


@dataclass(frozen=True)
class Location:
    """Where a finding applies.

    ``section`` is the index path of the section in the outline (empty: the report as a whole, its
    metadata, opening or closing); ``area`` says which: "section", "heading", "opening", "closing",
    "meta", "title". ``paragraph`` indexes the section's (or opening's/closing's) paragraphs;
    ``start``/``end`` are character offsets inside that paragraph (or heading) text.
    """

    section: tuple[int, ...] = ()
    area: str = "section"
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": list(self.section),
            "area": self.area,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    basis: str = ""
    #: The text the finding is about (a stale term, a year), when there is one.
    excerpt: str = ""
    #: The rule's Chinese name (what people see instead of the id).
    rule_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "rule_name": self.rule_name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "basis": self.basis,
            "excerpt": self.excerpt,
        }
