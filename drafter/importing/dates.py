"""Dates and years as reports write them: 2025-01-06, 2025/1/6, 2025年1月6日, 二〇二五年一月六日.

The year a report covers is told by its title, else by the first year its text names; a year inside a
cited document's name (《……纲要（2021—2025年）》) or at the end of a range is not the year reported on.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..numbering import chinese_to_int

ISO_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
CN_DATE = re.compile(
    r"([\d〇○零一二三四五六七八九]{4})\s*年\s*([\d〇○零一二三四五六七八九十]{1,3})\s*月\s*([\d〇○零一二三四五六七八九十]{1,3})\s*日"
)
#: A date standing alone in brackets under a title: 「（2025年1月10日）」.
BRACKETED_DATE = re.compile(r"^\s*[（(]\s*" + CN_DATE.pattern + r"\s*[)）]\s*$")
#: A year: 「2024年」 or 「二〇二四年」.
YEAR_TOKEN = re.compile(r"(?<![\d〇○零一二三四五六七八九])(\d{4}|[〇○零一二三四五六七八九]{4})\s*年")
_RANGE_END = re.compile(r"\d{4}\s*[-—–~～至到]\s*$")
_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(text: str) -> int | None:
    """「2025」, 「二〇二五」 (digit by digit) or 「十二」 as an integer."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    return chinese_to_int(text.replace("〇", "零").replace("○", "零"))


def parse_date(text: str) -> _dt.date | None:
    """A date written 2025-01-06, 2025/1/6, 2025年1月6日 or 二〇二五年一月六日; None if not a real date."""
    m = ISO_DATE.match(text) or CN_DATE.search(text)
    if not m:
        return None
    y, mo, d = (cn_number(g) for g in m.groups())
    if y is None or mo is None or d is None:
        return None
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


_LEADING_DATE = re.compile(r"^\s*(\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})(?!\d)")


def parse_field_date(text: str) -> _dt.date | None:
    """The date a page field gives (「2025-01-06 10:21」, 「2025年1月6日」), ignoring what follows it."""
    m = _LEADING_DATE.match(text)
    return parse_date(m.group(1)) if m else parse_date(text)


def year_of(match: re.Match[str]) -> int | None:
    return cn_number(match.group(1))


def first_year(text: str, min_year: int, max_year: int) -> int | None:
    """The first year a sentence names, leaving out the names of cited documents and the ends of ranges;
    those only when nothing else names a year."""
    fallback = None
    for m in YEAR_TOKEN.finditer(text):
        y = year_of(m)
        if y is None or not min_year <= y <= max_year:
            continue
        inside = text.count("《", 0, m.start()) > text.count("》", 0, m.start())
        cited = inside or bool(_RANGE_END.search(text[max(0, m.start() - 8) : m.start()]))
        if not cited:
            return y
        fallback = fallback if fallback is not None else y
    return fallback
