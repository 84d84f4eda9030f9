"""Where a clause goes on: every position of the mined text, sorted by what precedes it.

The text the drafter has typed ends with some stretch that past reports also wrote (「全面推行行政执法公」);
what followed it there (「示制度、」) is a continuation worth offering. This is a suffix array built over the
text read backwards, so that the positions preceded by a given stretch form one contiguous range, and the
ranges for longer and longer stretches are nested: one descent, a binary search per character, finds how
far back the drafter's context is attested and where.

The order is exact up to :data:`DEPTH` characters of context (prefix doubling, a handful of numpy sorts,
done at mining time) and each phrase's context stops at its start (the separator before it), so a context
that includes the separator means "at the start of a clause". The array is stored in the bank.
"""

from __future__ import annotations

import numpy as np

from . import codec

#: Characters of context the order is exact for (a power of two).
DEPTH = 32
#: Below this many entries a range is narrowed with one vectorised search instead of a Python bisection.
_SMALL = 512


def build(units: np.ndarray) -> np.ndarray:
    """Phrase positions (int32) sorted by their preceding context, read backwards, up to DEPTH characters.

    ``units`` is the bank's SEP-separated code-unit text. Positions holding a separator are left out: a
    continuation starts at a character of a phrase.
    """
    n = len(units)
    if n == 0:
        return np.empty(0, dtype=np.int32)
    folded = codec.fold(units)
    rev = folded[::-1].astype(np.int64)
    # distance from each position of the reversed text to the next separator (0 on a separator): a
    # context never reaches past the start of its phrase
    is_sep = rev == codec.SEP
    idx = np.arange(n, dtype=np.int64)
    next_sep = np.where(is_sep, idx, n)
    next_sep = np.minimum.accumulate(next_sep[::-1])[::-1]
    to_sep = next_sep - idx
    del next_sep, is_sep
    rank = rev + 1  # 0 is "nothing": the end of a context
    del rev
    h = 1
    order = np.argsort(rank, kind="stable")
    while h < DEPTH:
        second = np.zeros(n, dtype=np.int64)
        ok = to_sep[: n - h] >= h
        second[: n - h] = np.where(ok, rank[h:], 0)
        key = rank * (int(rank.max()) + 1) + second
        del second, ok
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        del key
        new = np.empty(n, dtype=np.int64)
        fresh = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        new[order] = np.cumsum(fresh)
        del sorted_key, fresh
        rank = new
        h *= 2
        if int(rank.max()) == n:
            break  # every context distinct already
    # reversed index q is the context of forward position p = n - q
    pos = n - order
    keep = pos < n
    pos = pos[keep]
    keep = units[pos] != codec.SEP
    return pos[keep].astype(np.int32)


def first_bounds(units: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Where the entries preceded by each (folded) character start: one lookup replaces the first search."""
    first = codec.fold(units[positions.astype(np.int64) - 1])
    return np.searchsorted(first, np.arange(65537), "left").astype(np.int64)


class ContextIndex:
    """The sorted positions plus the text, for finding the positions a given context precedes."""

    def __init__(self, units: np.ndarray, positions: np.ndarray, bounds: np.ndarray | None = None) -> None:
        self.units = units
        self.positions = positions
        self._fold = codec.fold_table()
        self._first = bounds if bounds is not None and len(bounds) == 65537 else None

    def __len__(self) -> int:
        return len(self.positions)

    def descend(self, context: np.ndarray) -> list[tuple[int, int]]:
        """Ranges ``[lo, hi)`` of positions preceded by the last 1, 2, … characters of ``context``.

        ``context`` is folded code units read backwards (``context[0]`` is the character just before the
        cursor); it may end with SEP, meaning the clause starts there. Stops at the first depth with no
        match; the list holds one range per matched depth, each inside the previous one.
        """
        lo, hi = 0, len(self.positions)
        out: list[tuple[int, int]] = []
        for depth, c in enumerate(context[:DEPTH].tolist()):
            if depth == 0 and self._first is not None:
                lo, hi = int(self._first[c]), int(self._first[c + 1])
            else:
                fold, units, positions = self._fold, self.units, self.positions
                while hi - lo > _SMALL:  # bisect the range's ends, then search the rest at once
                    a, b = lo, hi
                    while a < b:  # first entry whose character is >= c
                        mid = (a + b) // 2
                        if fold[units[positions[mid] - 1 - depth]] < c:
                            a = mid + 1
                        else:
                            b = mid
                    lo = a
                    a, b = lo, hi
                    while a < b:  # first entry whose character is > c
                        mid = (a + b) // 2
                        if fold[units[positions[mid] - 1 - depth]] <= c:
                            a = mid + 1
                        else:
                            b = mid
                    hi = a
                    break
                else:
                    chars = fold[units[positions[lo:hi] - 1 - depth]]
                    a = int(np.searchsorted(chars, c, "left"))
                    b = int(np.searchsorted(chars, c, "right"))
                    lo, hi = lo + a, lo + b
            if lo >= hi:
                break
            out.append((lo, hi))
            if c == codec.SEP:
                break  # the start of the clause: nothing precedes it
        return out
