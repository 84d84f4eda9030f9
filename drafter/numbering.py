"""Heading numbers of official documents (GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）.

Numbers are generated from a section's position in the outline tree, never stored in the draft.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Report, Section

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十, 12000 → 一万二千.

    An outline may have thousands of sections at one level (a generated list); numbers of a hundred
    million and more are written in digits rather than refused."""
    if n <= 0:
        raise ValueError("numbering starts at 1")
    if n >= 100_000_000:
        return str(n)
    high, low = divmod(n, 10_000)
    if not high:
        return _below_10000(low, leading=True)
    text = _below_10000(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_10000(low, leading=False)
    return text


def _below_10000(n: int, *, leading: bool) -> str:
    """1..9999 in words; 「十」 alone for 10–19 only at the very start of a numeral."""
    if leading and 10 <= n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = ""
    gap = False
    started = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = gap or started
            continue
        if gap:
            out += "零"
            gap = False
        out += _DIGITS[digit] + unit
        started = True
    return out


def chinese_to_int(text: str) -> int | None:
    """Inverse of :func:`chinese_numeral` for the forms used in headings; None when not a numeral."""
    if not text or any(c not in _DIGITS + "十百千万" for c in text):
        return None
    units = {"十": 10, "百": 100, "千": 1000}
    total, section, current = 0, 0, 0
    for c in text:
        if c == "万":
            total += ((section + current) or 1) * 10_000
            section, current = 0, 0
        elif c in units:
            section += (current or 1) * units[c]
            current = 0
        else:
            current = _DIGITS.index(c)
    return total + section + current


def number_label(level: int, n: int) -> str:
    """The number of the n-th section (1-based) at a level (1-based), with its punctuation."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    # Below level 4 the standard says nothing; circled numbers are the common house style.
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    return circled[n - 1] if n <= len(circled) else f"{n})"


def label_for_path(path: tuple[int, ...]) -> str:
    """Number label of the section at an index path (0-based indices)."""
    return number_label(len(path), path[-1] + 1)


def numbered_outline(report: Report) -> Iterator[tuple[tuple[int, ...], str, Section]]:
    """Yield (path, label, section) for every section, depth first."""
    for path, section in report.walk():
        yield path, label_for_path(path), section
