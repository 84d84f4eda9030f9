"""End of document: title with its year, issuing body, date in the standard form, and the deadlines.

A draft keeps the issuing body and date in its metadata (the exporter writes the signature from them); an
imported file has them — or not — at the end of its own text, which is read from the raw lines (see
:mod:`.source`). Deadlines come from ``deadlines.toml``, shared with the editor's status line.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from .context import CheckContext
from .registry import Family, Rule
from .years import years_in

FAMILY = "ending"
_CN_DIGIT = "〇○零一二三四五六七八九"
_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?P<s1>[年./\-])\s*(?P<m>\d{1,2})\s*[月./\-]\s*(?P<d>\d{1,2})(?P<r>\s*日)?(?!\d)"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*日"
)
_DATE_LINE = re.compile(rf"^[\s\d{_CN_DIGIT}十年月日./\-]+$")
_SENTENCE = re.compile(r"[。，,；;：:！？!?“”]")


@dataclass(frozen=True)
class DateMention:
    text: str
    date: _dt.date | None
    location: Location
    standard: bool


def _cn_int(text: str) -> int | None:
    from ..numbering import chinese_to_int

    if len(text) == 4 and all(c in _CN_DIGIT for c in text):
        return int("".join(str(max(0, _CN_DIGIT.index(c) - 2)) for c in text))
    return chinese_to_int(text)


def parse_dates(text: str, location: Location) -> list[DateMention]:
    """Every date written in a text, with whether it is written the standard way (2025年1月6日)."""
    out = []
    for m in _DATE.finditer(text):
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            standard = (
                m.group("s1") == "年"
                and m.group("r") is not None
                and not m.group("m").startswith("0")
                and not m.group("d").startswith("0")
                and " " not in m.group(0)
            )
        else:
            y = _cn_int(m.group("cy")) or 0
            mo = _cn_int(m.group("cm")) or 0
            d = _cn_int(m.group("cd")) or 0
            standard = False
        try:
            date = _dt.date(y, mo, d)
        except ValueError:
            continue
        # Offsets only make sense inside a paragraph of the report (not in an imported file's raw line).
        raw = location.area == "closing" and location.paragraph is None
        span = (None, None) if raw else (m.start(), m.end())
        loc = Location(location.section, location.area, location.paragraph, *span)
        out.append(DateMention(m.group(0), date, loc, standard))
    return out


def _fixed(date: _dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def _looks_like_org(line: str) -> bool:
    return 2 <= len(line) <= 30 and not _SENTENCE.search(line) and not any(ch.isdigit() for ch in line)


def _signature_from_lines(lines: list[str], *, raw: bool, tail: int = 8) -> tuple[str, DateMention | None]:
    """(issuing body, date) from the last lines of a text: a date line, usually after the body's name.

    ``raw``: the lines are the imported file's own (not paragraphs of the report), so a finding about them
    can only point at the closing as a whole."""
    n = len(lines)
    for i in range(n - 1, max(-1, n - 1 - tail), -1):
        line = lines[i].strip()
        if not line or not _DATE_LINE.match(line):
            continue
        dates = parse_dates(line, Location((), "closing", None if raw else i))
        if not dates:
            continue
        org = lines[i - 1].strip() if i > 0 and _looks_like_org(lines[i - 1].strip()) else ""
        return org, dates[0]
    if lines and _looks_like_org(lines[-1].strip()):
        return lines[-1].strip(), None
    return "", None


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    yield from _title(ctx, data)
    meta = ctx.report.meta
    closing = [p.text for p in ctx.report.closing]
    org, date = _signature_from_lines(closing, raw=False, tail=4)
    if ctx.source_lines is not None:
        # An imported file: only what the file itself says counts.
        if not org and date is None:
            org, date = _signature_from_lines(ctx.source_lines, raw=True)
        when = date.date if date is not None else None
    else:
        # A draft: the exporter writes the signature from the metadata.
        org = org or meta.org
        when = date.date if date is not None else meta.date
    example = _fixed(_dt.date((ctx.year or _dt.date.today().year - 1) + 1, 1, 6))
    draft = ctx.source_lines is None
    if not org:
        yield ctx.finding(
            f"{FAMILY}.no-org",
            data["no_org_draft" if draft and "no_org_draft" in data else "no_org"],
            Location((), "closing"),
            basis=data.get("basis", ""),
        )
    if when is None:
        yield ctx.finding(
            f"{FAMILY}.no-date",
            data["no_date_draft" if draft and "no_date_draft" in data else "no_date"],
            Location((), "closing"),
            basis=data.get("basis", ""),
            example=example,
        )
    yield from _formats(ctx, data, date)
    if when is not None and ctx.year is not None:
        yield from _deadlines(ctx, data, when, date)


def _title(ctx: CheckContext, data: dict) -> Iterator[Finding]:
    title = ctx.report.meta.title.strip()
    year = ctx.year or _dt.date.today().year - 1
    example = (
        ctx.kind.title(ctx.report.meta)
        if ctx.report.meta.org
        else ctx.render(ctx.kind.title_template, year=year, org="某某区人民政府")
    )
    if not title:
        yield ctx.finding(
            f"{FAMILY}.no-title",
            data["no_title"],
            Location((), "title"),
            basis=data.get("basis_title", ""),
            example=example,
        )
    elif next(years_in(title), None) is None:
        yield ctx.finding(
            f"{FAMILY}.title-year",
            data["title_year"],
            Location((), "title"),
            basis=data.get("basis_title", ""),
            excerpt=title,
            title=title,
            example=example,
        )


def _formats(ctx: CheckContext, data: dict, signature: DateMention | None) -> Iterator[Finding]:
    """Dates written with leading zeros, dots or Chinese numerals: in the signature and anywhere in the text."""
    seen: set[tuple] = set()
    mentions: list[DateMention] = [signature] if signature is not None else []
    for unit in ctx.units():
        mentions.extend(parse_dates(unit.text, unit.location))
    for mention in mentions:
        key = (mention.location, mention.text)
        if mention.standard or mention.date is None or key in seen:
            continue
        seen.add(key)
        yield ctx.finding(
            f"{FAMILY}.date-format",
            data["format"],
            mention.location,
            basis=data.get("basis", ""),
            excerpt=mention.text,
            found=mention.text,
            fixed=_fixed(mention.date),
        )


def _deadlines(
    ctx: CheckContext, data: dict, when: _dt.date, written: DateMention | None
) -> Iterator[Finding]:
    """A date before the year reported on, or after the deadlines of deadlines.toml (the latest one missed)."""
    assert ctx.year is not None
    location = written.location if written is not None else Location((), "meta")
    excerpt = written.text if written is not None else ""
    if when.year < ctx.year:
        yield ctx.finding(
            f"{FAMILY}.date-early",
            data["early"],
            location,
            basis=data.get("basis", ""),
            excerpt=excerpt,
            date=_fixed(when),
        )
        return
    missed = None
    for d in ctx.kind.deadlines:
        due = d.date_for(ctx.year)
        if when >= due and (missed is None or due > missed[0]):
            missed = (due, d)
    if missed is None:
        return
    due, d = missed
    yield ctx.finding(
        f"{FAMILY}.deadline",
        data["deadline"],
        location,
        basis=data.get("basis_deadline", ""),
        excerpt=excerpt,
        date=_fixed(when),
        deadline=_fixed(due),
        label=d.label,
        note=d.note,
    )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="ending",
    name="落款和日期",
    table="ending",
    check=check,
    order=70,
    description="标题、落款、成文日期的写法，以及报送和公开期限。",
    required_keys=(),
    rules=(
        Rule("ending.no-org", "缺少落款", "报告末尾没有发文机关署名。", "error", "no_org"),
        Rule("ending.no-date", "缺少成文日期", "报告末尾没有成文日期。", "error", "no_date"),
        Rule("ending.no-title", "缺少标题", "报告没有标题。", "error", "no_title"),
        Rule("ending.title-year", "标题缺少年度", "标题中没有写明报告年度。", "warning", "title_year"),
        Rule("ending.date-format", "日期写法", "成文日期没有用阿拉伯数字写全年月日。", "warning", "format"),
        Rule("ending.date-early", "日期早于报告年度", "成文日期早于报告所述年度结束。", "warning", "early"),
        Rule("ending.deadline", "超过期限", "成文日期晚于报送或公开的期限。", "warning", "deadline"),
    ),
)
