"""A finding's place in words, the same in the CLI's list, the TUI's panel and the review copy."""

from __future__ import annotations

from ..findings import Finding, Location
from ..model import Report
from ..numbering import label_for_path

_AREA_ZH = {"title": "标题", "opening": "开头", "closing": "结尾（落款和日期）", "meta": "全文"}


def number_path(path: tuple[int, ...]) -> str:
    """「一、（二）」: the generated numbers of a section and its ancestors."""
    return "".join(label_for_path(path[: i + 1]) for i in range(len(path)))


def section_label(report: Report, path: tuple[int, ...], width: int = 24) -> str:
    """「一、（二）依法……」: numbers and the start of the heading (numbers alone if the section is gone)."""
    try:
        heading = report.section_at(tuple(path)).heading
    except (IndexError, TypeError):
        return number_path(tuple(path))
    short = heading if len(heading) <= width else heading[:width] + "……"
    return f"{number_path(tuple(path))}{short}"


def area_name(area: str) -> str:
    return _AREA_ZH.get(area, "全文")


def describe_location(report: Report, loc: Location, *, width: int = 24) -> str:
    """A place in words: 「一、（二）依法……　第3段」, 「开头　第1段」, 「标题」."""
    if loc.section:
        head = section_label(report, tuple(loc.section), width)
        if loc.area == "heading":
            return f"{head}（标题）"
        return head + (f"　第{loc.paragraph + 1}段" if loc.paragraph is not None else "")
    if loc.area in ("opening", "closing") and loc.paragraph is not None:
        return f"{area_name(loc.area)}　第{loc.paragraph + 1}段"
    return area_name(loc.area)


def describe_finding(report: Report, finding: Finding, *, width: int = 24) -> str:
    return describe_location(report, finding.location, width=width)
