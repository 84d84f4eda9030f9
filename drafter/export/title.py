"""Breaking a long title into lines the way a person would (GB/T 9704-2012 7.3.1).

The standard wants a multi-line title "in a trapezoid or diamond", broken where the meaning allows:
after the issuing body, after 「关于」, never inside a number or a fixed phrase. The words to prefer and
to keep together are data (``[title]`` in layout.toml); the choice between candidates is a small
dynamic program that balances line lengths, favouring a shorter line above a longer one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache

from .text import display_width

# A line may not start with closing punctuation, nor end with opening punctuation.
_NO_LINE_START = set("，。、；：？！）》」』】〕’”％%)]}.,;:?!")
_NO_LINE_END = set("（《「『【〔‘“([{")
# Beyond this a "title" is really pasted body text: balancing it would cost time for nothing.
_MAX_BALANCED = 120


def _forbidden(title: str, pos: int, keep_together: Sequence[str]) -> bool:
    before, after = title[pos - 1], title[pos]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return True
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return True  # inside a number or a Latin word
    for word in keep_together:
        start = title.find(word)
        while start != -1:
            if start < pos < start + len(word):
                return True
            start = title.find(word, start + 1)
    return False


def _break_cost(title: str, pos: int, break_after: Sequence[str], names: Sequence[str]) -> float:
    # Right after the issuing body's full name (with its 「关于」) is the best place of all.
    for name in names:
        if name and (
            title.endswith(name + "关于", 0, pos)
            or (title.endswith(name, 0, pos) and not title.startswith("关于", pos))
        ):
            return -0.5
    for rank, word in enumerate(break_after):
        if title.endswith(word, 0, pos):
            return rank * 0.1
    return 6.0


def break_title(
    title: str,
    max_width: float,
    break_after: Sequence[str] = (),
    keep_together: Sequence[str] = (),
    names: Sequence[str] = (),
) -> list[str]:
    """The title's lines: one if it fits, else balanced lines broken where the meaning allows.

    ``names`` are names that must stay whole and are the best place to break after (the issuing body).
    One line more than the minimum is accepted when it avoids breaking inside a word.
    """
    title = title.strip()
    if not title or display_width(title) <= max_width:
        return [title] if title else []
    n = len(title)
    if n > _MAX_BALANCED:
        per_line = max(1, int(max_width))
        return [title[i : i + per_line] for i in range(0, n, per_line)]
    lines_needed = max(2, math.ceil(display_width(title) / max_width))
    whole = [*keep_together, *(name for name in names if name)]
    cuts = [p for p in range(1, n) if not _forbidden(title, p, whole)]
    costs = {p: _break_cost(title, p, break_after, names) for p in cuts}
    points = [0, *cuts, n]

    @cache
    def best(i: int, lines_left: int) -> tuple[float, tuple[int, ...]]:
        """Cheapest way to set title[points[i]:] in exactly ``lines_left`` lines."""
        start = points[i]
        rest = display_width(title[start:])
        if lines_left == 1:
            return (0.0, ()) if rest <= max_width else (math.inf, ())
        ideal = rest / lines_left
        result: tuple[float, tuple[int, ...]] = (math.inf, ())
        for j in range(i + 1, len(points) - 1):
            pos = points[j]
            width = display_width(title[start:pos])
            if width > max_width:
                break
            tail_cost, tail = best(j, lines_left - 1)
            if math.isinf(tail_cost):
                continue
            # Imbalance, with a small preference for a line shorter than the one below (trapezoid).
            next_width = display_width(title[pos:]) / (lines_left - 1)
            cost = costs[pos] + abs(width - ideal) * 0.25 + (0.3 if width > next_width else 0.0) + tail_cost
            if cost < result[0]:
                result = (cost, (pos, *tail))
        return result

    for fewest in range(lines_needed, n + 1):
        options = []
        for count in (fewest, fewest + 1):
            cost, positions = best(0, count)
            if not math.isinf(cost):
                options.append((cost + (count - fewest) * 2.0, positions))
        if options:
            _, positions = min(options, key=lambda o: o[0])
            edges = [0, *positions, n]
            return [title[a:b] for a, b in itertools.pairwise(edges)]
    # Every allowed break leaves a line too wide: break between characters anyway.
    per_line = max(1, int(max_width))
    return [title[i : i + per_line] for i in range(0, n, per_line)]
