"""Creating this year's draft: blank from the kind's outline, or rolled forward from last year's report.

One function for the CLI's ``drafter new`` and the TUI's first-run form, so both name the file the same
way, refuse the same mistakes and write the same draft.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..kinds import Kind
from ..model import Meta, Report
from .documents import save_draft
from .export import check_output_path


@dataclass
class Created:
    path: Path
    report: Report
    warnings: list[str] = field(default_factory=list)


#: From this month on, a new draft is about the current year: the report season starts in the autumn
#: (drafting December to February, due 1 March). Before it, the report on last year is the one in hand.
SEASON_START_MONTH = 10


def current_day() -> _dt.date:
    """Today, or the day in ``DRAFTER_TODAY`` (YYYY-MM-DD): scripted sessions and tests replay a given
    day of the season without touching the system clock."""
    value = os.environ.get("DRAFTER_TODAY", "").strip()
    if value:
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    return _dt.date.today()


def default_year(today: _dt.date | None = None) -> int:
    """The year a new draft is about when the user does not say: October–December the current year,
    January–September last year."""
    today = today or current_day()
    return today.year if today.month >= SEASON_START_MONTH else today.year - 1


def default_year_note(today: _dt.date | None = None) -> str:
    """What the form and ``drafter new`` say about the year they assumed."""
    today = today or current_day()
    year = default_year(today)
    why = "年底起草当年报告" if year == today.year else "年初起草上一年度报告"
    return f"未指定年度，按今天（{today.year}年{today.month}月{today.day}日，{why}）假定为 {year} 年"


def prior_gap_warning(prior_year: int | None, year: int) -> str:
    """A warning when last year's file is not last year's: a year would be skipped."""
    if prior_year is None or prior_year >= year - 1:
        return ""
    gap = year - prior_year - 1
    missing = "、".join(str(y) for y in range(prior_year + 1, year))
    return (
        f"上一年度报告是 {prior_year} 年的，比 {year} 年早 {gap + 1} 年：中间的 {missing} 年"
        "没有结转，其中的年份、数据和承诺都要重新核对；如有上一年的报告，请改用它"
    )


def parse_date(text: str) -> _dt.date | None:
    """A date typed by the user (2026-01-06); empty is None; anything else is one Chinese line."""
    text = text.strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"日期「{text}」格式不对，请写成 2026-01-06") from exc


def default_draft_name(kind: Kind, org: str, year: int) -> str:
    """The file name of a new draft, from the kind's ``file_name`` template."""
    meta = Meta(kind=kind.id, year=year, org=org)
    return kind.file_name(meta)


def draft_path(
    kind: Kind, org: str, year: int, output: str | os.PathLike[str] | None, folder: Path | None = None
) -> Path:
    """Where a new draft goes: ``output`` (relative to ``folder`` when one is given, ".md" added) or the
    kind's default name."""
    path = Path(output).expanduser() if output else Path(default_draft_name(kind, org, year))
    if folder is not None and not path.is_absolute():
        path = folder / path
    if path.suffix.lower() != ".md":
        path = path.with_name(path.name + ".md")
    return path


def build_draft(
    kind: Kind,
    year: int,
    *,
    org: str = "",
    short: str = "",
    recipient: str = "",
    date: _dt.date | None = None,
    prior_file: str | os.PathLike[str] | None = None,
) -> Report:
    """The new draft in memory (nothing written)."""
    kind.check_year(year)
    if prior_file:
        from ..rollforward import roll_forward_file
        from .paths import clean_user_path

        prior = Path(clean_user_path(os.fspath(prior_file)))
        if not prior.is_file():
            raise UsageError(f"找不到上一年度报告文件：{prior_file}")
        report = roll_forward_file(prior, year=year, kind=kind, org=org, short=short, recipient=recipient)
        if date:
            report.meta.date = date
        return report
    return kind.new_report(year, org.strip(), short.strip(), recipient.strip(), date)


def create_draft(
    kind: Kind,
    year: int | None = None,
    *,
    org: str = "",
    short: str = "",
    recipient: str = "",
    date: _dt.date | None = None,
    prior_file: str | os.PathLike[str] | None = None,
    output: str | os.PathLike[str] | None = None,
    folder: Path | None = None,
    force: bool = False,
) -> Created:
    """Build the draft and save it; an existing file is refused unless ``force``."""
    warnings = []
    if year is None:
        year = default_year()
        warnings.append(default_year_note())
    kind.check_year(year)
    report = build_draft(
        kind, year, org=org, short=short, recipient=recipient, date=date, prior_file=prior_file
    )
    carried = report.meta.extra.get("carried_from")
    if isinstance(carried, dict):
        gap = prior_gap_warning(carried.get("year"), year)
        if gap:
            warnings.append(gap)
    path = draft_path(kind, report.meta.org or org, year, output, folder)
    check_output_path(path, force)
    save_draft(report, path, exclusive=not force)
    return Created(path, report, warnings)
