"""Punctuation and numbers (GB/T 15834-2011, GB/T 15835-2011), with the automatic fix for each.

A report pasted together from web pages and old Word files is full of half-width 「,」「:」「()」 between
Chinese characters, 「二〇二六年」 where Arabic figures are the rule, and 「2021-2025年」 with a hyphen for the
range. A reviewer sends all of them back, and nobody wants to fix 200 commas by hand, so every finding here
comes with an exact edit (:func:`edits`) that ``drafter fix`` applies. Each edit depends only on the text of
one paragraph (one line), so the checker and the fixer see the same thing. The characters and their
replacements are data (``rules.toml`` ``[punctuation]``). One finding per paragraph and rule, with the count,
keeps a pasted report from drowning in findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "punctuation"

_CJK = r"\u3400-\u9fff"
_ZH_DIGITS = {
    "〇": "0",
    "○": "0",
    "零": "0",
    "0": "0",
    "Ｏ": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


_MONTH_DAY = re.compile(
    r"\s*年(?P<month>[一二三四五六七八九十]{1,2})月(?:(?P<day>[一二三四五六七八九十]{1,3})日)?"
)
_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def zh_small(text: str) -> int:
    """「十五」 → 15, 「二十一」 → 21, 「三十」 → 30, 「九」 → 9 (the numbers of months and days)."""
    if "十" not in text:
        return _SMALL[text]
    tens, _, ones = text.partition("十")
    return (_SMALL[tens] if tens else 1) * 10 + (_SMALL[ones] if ones else 0)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (``old``) by ``new``; ``rule`` is the short id of the rule it fixes."""

    start: int
    end: int
    old: str
    new: str
    rule: str


def _is_zh(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or ch in "“”‘’《》、。，；：）（！？…—")


def edits(text: str, data: dict[str, Any]) -> list[Edit]:
    """Every automatic fix of a text, in order, never overlapping."""
    out: list[Edit] = []
    taken: list[tuple[int, int]] = []

    def add(e: Edit) -> None:
        if any(e.start < b and a < e.end for a, b in taken):
            return
        taken.append((e.start, e.end))
        out.append(e)

    # Chinese-numeral years: 「二〇二六年」 → 「2026年」, with the month and day of a date after it
    # (「二〇二七年一月十五日」 → 「2027年1月15日」), so a fix never leaves half a date.
    for m in re.finditer(data["chinese_year_pattern"], text):
        digits = "".join(_ZH_DIGITS[c] for c in m.group(1))
        add(Edit(m.start(1), m.end(1), m.group(1), digits, "chinese-year"))
        date = _MONTH_DAY.match(text, m.end(1))
        if date:
            for g in ("month", "day"):
                if date.group(g):
                    value = str(zh_small(date.group(g)))
                    add(Edit(date.start(g), date.end(g), date.group(g), value, "chinese-year"))
    # Year ranges with a hyphen: 「2021-2025年」 → 「2021—2025年」.
    for m in re.finditer(data["year_dash_pattern"], text):
        add(Edit(m.start("dash"), m.end("dash"), m.group("dash"), data.get("year_dash", "—"), "year-dash"))
    # Half-width brackets around Chinese text: 「(2023—2025年)」 → 「（2023—2025年）」.
    for m in re.finditer(r"\(([^()\n]{0,60})\)", text):
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        if re.search(f"[{_CJK}]", inner) or (_is_zh(before) and inner.strip()):
            if re.fullmatch(r"\s*[A-Za-z0-9 .,:/-]*\s*", inner) and not _is_zh(before):
                continue
            add(Edit(m.start(), m.start() + 1, "(", "（", "half-width"))
            add(Edit(m.end() - 1, m.end(), ")", "）", "half-width"))
    # Half-width , : ; ? ! after a Chinese character (and before Chinese, a figure, a quote or the end).
    table: dict[str, str] = data.get("half_width", {})
    for i, ch in enumerate(text):
        if ch not in table:
            continue
        before = text[i - 1] if i else ""
        j = i + 1
        while j < len(text) and text[j] == " ":
            j += 1
        after = text[j] if j < len(text) else ""
        if _is_zh(before):
            if after and not (_is_zh(after) or after.isdigit() or after in "“‘《（("):
                continue
        elif not (before and (before.isdigit() or before in "%％") and _is_zh(after)):
            continue  # 「3%,调解」 is a Chinese sentence; 「1,063」 and 「a,b」 are not
        add(Edit(i, j, text[i:j], table[ch], "half-width"))
    return sorted(out, key=lambda e: e.start)


def apply_edits(text: str, todo: list[Edit]) -> str:
    """The text with the edits applied (from the end, so offsets stay valid)."""
    for e in sorted(todo, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.new + text[e.end :]
    return text


def fix_text(text: str, data: dict[str, Any]) -> tuple[str, list[Edit]]:
    """(fixed text, the edits made). One fix can make another due (「18宗),」: once the bracket is
    full-width the comma follows Chinese), so it runs until nothing is left; applied to a text it already
    fixed, it changes nothing."""
    made: list[Edit] = []
    for _ in range(5):
        todo = edits(text, data)
        if not todo:
            break
        text = apply_edits(text, todo)
        made.extend(todo)
    return text, made


_MESSAGE_KEY = {
    "half-width": "half_width_message",
    "chinese-year": "chinese_year",
    "year-dash": "year_dash_message",
}


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    for unit in ctx.units():
        by_rule: dict[str, list[Edit]] = {}
        for e in edits(unit.text, data):
            by_rule.setdefault(e.rule, []).append(e)
        for rule, todo in by_rule.items():
            first = todo[0]
            marks = "」「".join(dict.fromkeys(e.old.strip() for e in todo))
            yield ctx.finding(
                f"{FAMILY}.{rule}",
                data[_MESSAGE_KEY[rule]],
                unit.at(first.start, first.end),
                basis=data.get("basis_numbers" if rule == "chinese-year" else "basis", ""),
                excerpt=first.old,
                found=first.old,
                fixed=first.new,
                marks=marks,
                count=len(todo),
            )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="punctuation",
    name="标点和数字",
    table="punctuation",
    check=check,
    order=70,
    description="半角标点、汉字年份、年份区间的连接号（GB/T 15834、GB/T 15835），可用 drafter fix 自动改正。",
    required_keys=("chinese_year_pattern", "year_dash_pattern"),
    rules=(
        Rule(
            "punctuation.half-width",
            "半角标点",
            "汉字之间用了半角的「,」「:」「;」「()」等。",
            "warning",
            "half_width_message",
        ),
        Rule(
            "punctuation.chinese-year",
            "汉字年份",
            "正文中用「二〇二六年」等汉字写年份。",
            "warning",
            "chinese_year",
        ),
        Rule(
            "punctuation.year-dash",
            "年份区间连接号",
            "年份区间用了短横线「-」。",
            "warning",
            "year_dash_message",
        ),
    ),
)
