"""Half-width punctuation in Chinese text (「,」 for 「，」, 「:」 for 「：」, 「(一)」 for 「（一）」).

Text copied from web pages is full of it. The importer keeps the text as found (the checks decide how it
is fixed) but tells the user once, with the count, instead of once per mark.
"""

from __future__ import annotations

from collections.abc import Iterable

from .clean import Simp, identity
from .config import ImportConfig

#: A paragraph without any of these has nothing to count (a quick test before the pattern runs).
_MARKS = ",:;!?("


def count_half_width(paragraphs: Iterable[str], cfg: ImportConfig, simp: Simp = identity) -> int:
    """How many half-width marks stand between Chinese characters (or bracket Chinese text) in the text."""
    total = 0
    for p in paragraphs:
        if any(mark in p for mark in _MARKS):
            total += len(cfg.half_width.findall(simp(p)))
    return total


def half_width_warning(count: int) -> str:
    return f"有 {count} 处中文之间使用了半角标点（如「,」「:」「(一)」），已按原样保留，请核对"
