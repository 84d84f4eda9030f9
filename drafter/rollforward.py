"""Roll last year's report forward into this year's draft.

A drafter starts from last year's report. The outline and headings are kept with their years moved on
(the year reported on Y-1 → Y, the plan year Y → Y+1); every body paragraph is kept but marked as carried
over until the drafter edits it, and marked as needing this year's data when it holds figures; the items
of last year's plan part become the draft's checklist of promises that this year's part one reports on.

Body text is never rewritten: a carried paragraph that still says 「2024年，我区……」 is exactly what the
checker should point at, and silently changing it would hide last year's figures behind this year's date.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import replace
from pathlib import Path

from .errors import UsageError
from .kind_data import ROLE_NEXT
from .kinds import Kind
from .model import CARRIED, NEEDS_DATA, Paragraph, Report, Section, text_key

# A year as a date reference (「2024年」「2024年度」), not part of a range 「2021—2025年」 or a number.
_YEAR = re.compile(r"(?<![\d.．\-—–~～至])(\d{4})(?=\s*年)")
_BOOK_TITLE = re.compile(r"《[^《》]*》")
# A figure: a number that is not a year reference (counts, amounts, percentages, ratios).
_FIGURE = re.compile(
    r"(?<![\d.])(?!\d{4}\s*年)\d+(?:[.．]\d+)?\s*[%％‰]?|[一二三四五六七八九十百千万亿]+\s*[%％]"
)
_SENTENCE = re.compile(r"[^。！？；;]+[。！？；;]?")
_ENUM = re.compile(r"(?:^|(?<=[。；;]))\s*[一二三四五六七八九十]+是")


def shift_years(text: str, old_year: int, delta: int) -> str:
    """Move 「old_year年」 and 「old_year+1年」 on by ``delta`` years, outside book titles and ranges."""
    if delta == 0:
        return text
    protected = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]

    def repl(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in protected):
            return m.group(0)
        n = int(m.group(1))
        if n in (old_year, old_year + 1):
            return str(n + delta)
        return m.group(0)

    return _YEAR.sub(repl, text)


def has_figures(text: str) -> bool:
    """True when a paragraph holds figures (counts, amounts, rates) that belong to the year it describes."""
    return bool(_FIGURE.search(text))


def _carry(p: Paragraph) -> Paragraph:
    flags = set(p.flags) | {CARRIED}
    if has_figures(p.text):
        flags.add(NEEDS_DATA)
    return Paragraph(p.text, frozenset(flags))


def _carry_section(s: Section, old_year: int, delta: int) -> Section:
    return Section(
        heading=shift_years(s.heading, old_year, delta),
        part=s.part,
        paragraphs=[_carry(p) for p in s.paragraphs],
        children=[_carry_section(c, old_year, delta) for c in s.children],
    )


def plan_items(report: Report, kind: Kind) -> list[str]:
    """The items of a report's plan part: its sub-headings, or else its 「一是……」 items or sentences."""
    from .parts import locate_parts

    plan = kind.part_id(ROLE_NEXT)
    paths = locate_parts(report, kind).get(plan, []) if plan else []
    items: list[str] = []
    for path in paths:
        section = report.section_at(path)
        if section.children:
            items.extend(c.heading for c in section.children if c.heading.strip())
            continue
        for p in section.paragraphs:
            items.extend(_paragraph_items(p.text))
    return items


def _paragraph_items(text: str) -> list[str]:
    starts = [m.start() for m in _ENUM.finditer(text)]
    if len(starts) >= 2:
        bounds = [*starts, len(text)]
        return [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if len(m.group(0).strip()) >= 6]


def roll_forward(
    report: Report,
    year: int,
    kind: Kind,
    *,
    org: str = "",
    short: str = "",
    recipient: str = "",
) -> Report:
    """This year's draft built from last year's report (which is left unchanged)."""
    kind.check_year(year)
    old_year = report.meta.year if report.meta.year is not None else year - 1
    if old_year >= year:
        raise UsageError(f"上一年度报告所述年度为 {old_year} 年，不能结转为 {year} 年的报告；请检查 --year")
    delta = year - old_year
    src = report.copy()
    from .parts import assign_parts

    assign_parts(src, kind)
    promises = plan_items(src, kind)
    meta = replace(
        src.meta,
        kind=kind.id,
        year=year,
        org=org.strip() or src.meta.org,
        short=short.strip() or src.meta.short,
        recipient=recipient.strip() or src.meta.recipient,
        date=None,
        promises=promises,
        attachments=list(src.meta.attachments),
        extra={
            **src.meta.extra,
            # Last year's body and short form: the app offers to rename them (drafter/app/search.py).
            "carried_from": {
                "year": old_year,
                "title": src.meta.title,
                "org": src.meta.org,
                "short": src.meta.short,
            },
        },
    )
    # A new issuer gets the kind's title for itself: last year's title names last year's body.
    new_issuer = bool(org.strip()) and org.strip() != src.meta.org
    if src.meta.title and not new_issuer:
        meta.title = shift_years(src.meta.title, old_year, delta)
    else:
        meta.title = kind.title(meta)
    rolled = Report(
        meta=meta,
        opening=[_carry(p) for p in src.opening],
        sections=[_carry_section(s, old_year, delta) for s in src.sections],
        closing=[_carry(p) for p in src.closing],
    )
    # Fingerprints of last year's wording: a paragraph stays "carried" while its text is one of these.
    keys = {text_key(p.text) for p in rolled.opening + rolled.closing}
    keys |= {text_key(p.text) for _, s in rolled.walk() for p in s.paragraphs}
    meta.extra["carried_from"]["texts"] = sorted(keys)
    return rolled


def roll_forward_file(
    path: str | os.PathLike[str],
    *,
    year: int,
    kind: Kind,
    org: str = "",
    short: str = "",
    recipient: str = "",
) -> Report:
    """Read last year's report from any supported file (draft, Word, text, web page) and roll it forward."""
    from .importing import read_report

    report = read_report(Path(path), kind)
    rolled = roll_forward(report, year, kind, org=org, short=short, recipient=recipient)
    # Where last year's report is, so the checker and the review copy can compare with it later.
    rolled.meta.extra["carried_from"]["file"] = str(Path(path).resolve())
    return rolled
