"""Headings without a number: set off by a mark (「■ 主要举措」「- 存在的不足」), or standing alone.

A marked line is a heading when it reads like one (short, no comma); 「- 全年办理案件37件，同比增长12%。」
stays a list item of the body. The level of a mark is the level where it first appears: at the top
when no heading is open yet, one below the open heading otherwise.

A text file may carry no numbers at all: its headings are then short lines standing alone between
paragraphs (after a sentence end, before a longer paragraph). They are only taken when the text has no
numbered level-1 heading and there are at least two of them; a short line inside a numbered outline
(「典型做法」) stays body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .clean import is_date_line, starts_like_heading
from .config import ImportConfig

_LEVEL_ONE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")
_HEAD_PUNCT = re.compile(r"[，,；;：:]")
_ALL_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_STOPS = "。！？!?"
_ENDS = ("。", "！", "？", "；", "：", "”", "」", "）", ")", "!", "?", ";", ":")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[。，；]")
_MAX_MARKED = 40
_MAX_RUN_IN = 30


@cache
def _marks(bullets: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted(bullets, key=len, reverse=True)
    return re.compile(r"^\s*(" + "|".join(map(re.escape, names)) + ")") if names else re.compile(r"(?!x)x")


def bullet_heading(s: str, cfg: ImportConfig) -> tuple[str, int, int, int] | None:
    """(mark, heading start, heading end, body start) when the paragraph ``s`` is a marked heading."""
    found = _marks(cfg.bullets).match(s)
    if found is None:
        return None
    mark = found.group(1)
    lead = found.start(1)
    start = found.end(1)
    while start < len(s) and s[start] in " \u3000":
        start += 1
    if mark.isascii() and not mark.isalnum() and start == lead + len(mark):
        # 「-」 only marks a heading when a space follows it (「-2」 is a number).
        return None
    text = s[start:]
    stop = next((i for i, ch in enumerate(text) if ch in _STOPS), None)
    head = text if stop is None else text[:stop]
    if not head.strip() or len(head) > _MAX_MARKED or _HEAD_PUNCT.search(head):
        return None
    if not _CJK.search(head):
        return None
    if stop is None:
        return mark, start, len(s), len(s)
    if not text[stop + 1 :].strip() or len(head) > _MAX_RUN_IN:
        # 「- 完善制度。」 is an item of a list, not a heading.
        return None
    return mark, start, start + stop, start + stop + 1


def unnumbered_headings(mirrors: Sequence[str], cfg: ImportConfig) -> set[int]:
    """Indexes of paragraphs that are headings by position and form alone (see the module docstring)."""
    if cfg.max_unnumbered_chars <= 0:
        return set()
    found = []
    for i, s in enumerate(mirrors):
        t = s.strip()
        if not 2 <= len(t) <= cfg.max_unnumbered_chars or not _CJK.search(t):
            continue
        if _ALL_PUNCT.search(t) or starts_like_heading(t) or is_date_line(t):
            continue
        if i + 1 >= len(mirrors):
            continue
        nxt = mirrors[i + 1].strip()
        if len(nxt) < max(len(t) + 4, 10) or not _SENTENCE.search(nxt):
            continue
        if i > 0 and not mirrors[i - 1].rstrip().endswith(_ENDS):
            continue
        found.append(i)
    if len(found) < cfg.min_unnumbered:
        return set()
    if any(_LEVEL_ONE.match(s) or bullet_heading(s, cfg) for s in mirrors):
        return set()
    return set(found)
