"""Heading numbers of official documents (GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）.

Numbers are generated from a section's position in the outline tree, never stored in the draft.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Report, Section

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for any real outline)."""
    if n <= 0:
        raise ValueError("numbering starts at 1")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    head = _DIGITS[n // 100] + "百"
    rest = n % 100
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    return head + (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else ""))


def chinese_to_int(text: str) -> int | None:
    """Inverse of :func:`chinese_numeral` for the forms used in headings; None when not a numeral."""
    if not text or any(c not in _DIGITS + "十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS.index(c)
    return total + current


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
