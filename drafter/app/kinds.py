"""Which report kind a command works on: resolved once, at the edge, and passed down to the core."""

from __future__ import annotations

from ..kinds import Kind, get_kind
from ..model import Report

#: The kind a new draft gets when the user names none, and the kind of a file that does not say.
DEFAULT_KIND = "fzzf"


def resolve_kind(kind_id: str | None = None, report: Report | None = None) -> Kind:
    """The kind named by the user, else the one a draft declares, else the default kind."""
    if kind_id:
        return get_kind(kind_id)
    if report is not None and report.meta.kind:
        return get_kind(report.meta.kind)
    return get_kind(DEFAULT_KIND)


def checked_year(kind: Kind, year: int | None) -> int | None:
    """A year the user gave, refused with one Chinese line when it is outside the kind's range."""
    if year is not None:
        kind.check_year(year)
    return year
