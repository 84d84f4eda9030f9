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

from functools import cache

import numpy as np

from . import codec

#: Characters of context the order is exact for (a power of two).
DEPTH = 32
#: Up to this many code units the order is found with one sort of whole contexts (:func:`_build_small`).
SMALL_BUILD = 2000
#: Up to this many code units the contexts are sorted as Python strings (:func:`_build_tiny`).
TINY_BUILD = 400
_COLUMNS = np.arange(DEPTH, dtype=np.int64)


def build(units: np.ndarray) -> np.ndarray:
    """Phrase positions (int32) sorted by their preceding context, read backwards, up to DEPTH characters.

    ``units`` is the bank's SEP-separated code-unit text. Positions holding a separator are left out: a
    continuation starts at a character of a phrase.
    """
    n = len(units)
    if n == 0:
        return np.empty(0, dtype=np.int32)
    if n <= TINY_BUILD:
        return _build_tiny(units)
    if n <= SMALL_BUILD:
        return _build_small(units)
    return _build_doubling(units)


def _build_small(units: np.ndarray) -> np.ndarray:
    """:func:`build` for a short text (a paragraph, a heading) with one sort of whole contexts.

    Why: the prefix doubling costs five rounds of a dozen numpy calls whatever the size, which was most of
    the cost of a paragraph's index. Here each reversed position's context — the folded text from it up to
    and including the next separator, at most DEPTH units — is written out as a row of DEPTH code points
    (unit + 1, then 0 for "nothing", the doubling's ranks) and the rows are sorted once as fixed-width
    strings, which numpy compares code point by code point: the same order, and, the sort being stable,
    the same order of equal contexts (reversed positions ascending). Rows cost 4 * DEPTH bytes a unit,
    hence only for short texts.
    """
    n = len(units)
    rank = codec.fold(units)[::-1].astype(np.uint32) + np.uint32(1)
    idx = np.arange(n, dtype=np.int64)
    next_sep = np.where(rank == codec.SEP + 1, idx, n)
    next_sep = np.minimum.accumulate(next_sep[::-1])[::-1]
    padded = np.zeros(n + DEPTH, dtype=np.uint32)
    padded[:n] = rank
    rows = padded[idx[:, None] + _COLUMNS]
    rows[_COLUMNS[None, :] > (next_sep - idx)[:, None]] = 0  # a context stops after its separator
    order = np.argsort(rows.view(f"U{DEPTH}").ravel(), kind="stable")
    return _positions(units, order)


def _build_tiny(units: np.ndarray) -> np.ndarray:
    """:func:`_build_small` for a clause or two (a paragraph typed so far), with Python's sort.

    Why: the paragraph's index is built at every clause typed, and for a hundred units the dozen numpy
    calls of :func:`_build_small` (and its sort of fixed-width strings) cost several times more than
    sorting a hundred short Python strings. Each context is the same row as there — code points unit + 1
    up to and including the next separator, at most DEPTH — as a string without the zero padding: Python
    compares strings code point by code point and a proper prefix first, as numpy compares the padded
    rows, and ``sorted`` is stable like the argsort, so the order is the same.
    """
    n = len(units)
    rank = (codec.fold(units)[::-1].astype(np.int64) + 1).tolist()
    text = "".join(map(chr, rank))
    sep = codec.SEP + 1
    ends = [0] * n
    next_sep = n
    for i in range(n - 1, -1, -1):
        if rank[i] == sep:
            next_sep = i
        ends[i] = min(next_sep + 1, i + DEPTH)
    keys = [text[i:e] for i, e in enumerate(ends)]
    # :func:`_positions` on the Python list: reversed index q is forward position n - q (q = 0 is the
    # text's end), separators left out
    forward = units.tolist()
    return np.array(
        [n - q for q in sorted(range(n), key=keys.__getitem__) if q and forward[n - q] != codec.SEP],
        dtype=np.int32,
    )


def _build_doubling(units: np.ndarray) -> np.ndarray:
    """:func:`build` by prefix doubling (a handful of numpy sorts: any size, the bank's own text)."""
    n = len(units)
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
        fresh = np.empty(n, dtype=bool)
        fresh[0] = True
        np.not_equal(sorted_key[1:], sorted_key[:-1], out=fresh[1:])
        new[order] = np.cumsum(fresh)
        del sorted_key, fresh
        rank = new
        h *= 2
        if int(rank.max()) == n:
            break  # every context distinct already
    return _positions(units, order)


def _positions(units: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The forward positions of reversed indexes in ``order``, separators and the text's end left out."""
    # reversed index q is the context of forward position p = n - q
    n = len(units)
    pos = n - order
    keep = pos < n
    pos = pos[keep]
    keep = units[pos] != codec.SEP
    return pos[keep].astype(np.int32)


def first_bounds(units: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Where the entries preceded by each (folded) character start: one lookup replaces the first search."""
    first = codec.fold(units[positions.astype(np.int64) - 1])
    return np.searchsorted(first, np.arange(65537), "left").astype(np.int64)


@cache
def _fold_list() -> list[int]:
    """The fold table as a Python list: a descent reads a few dozen entries one at a time, and indexing a
    list is several times faster than indexing a numpy array for one element."""
    return codec.fold_table().tolist()


def _flat_view(array: np.ndarray) -> memoryview:
    """A memoryview of a 1-d array (indexing it gives Python ints, far cheaper than numpy scalars)."""
    return memoryview(np.ascontiguousarray(array))


class ContextIndex:
    """The sorted positions plus the text, for finding the positions a given context precedes."""

    def __init__(self, units: np.ndarray, positions: np.ndarray, bounds: np.ndarray | None = None) -> None:
        self.units = units
        self.positions = positions
        self._fold = codec.fold_table()
        self._first = bounds if bounds is not None and len(bounds) == 65537 else None
        self._units_view = _flat_view(units)
        self._positions_view = _flat_view(positions)

    def __len__(self) -> int:
        return len(self.positions)

    def descend(self, context: np.ndarray) -> list[tuple[int, int]]:
        """Ranges ``[lo, hi)`` of positions preceded by the last 1, 2, … characters of ``context``.

        ``context`` is folded code units read backwards (``context[0]`` is the character just before the
        cursor); it may end with SEP, meaning the clause starts there. Stops at the first depth with no
        match; the list holds one range per matched depth, each inside the previous one.

        Each depth narrows the previous range with an equal-range bisection in pure Python over memoryviews
        (a few dozen element reads per query: cheaper than numpy calls or numpy scalar indexing).
        """
        lo, hi = 0, len(self.positions)
        out: list[tuple[int, int]] = []
        fold, units, positions = _fold_list(), self._units_view, self._positions_view
        for depth, c in enumerate(context[:DEPTH].tolist()):
            if depth == 0 and self._first is not None:
                lo, hi = int(self._first[c]), int(self._first[c + 1])
            else:
                back = 1 + depth
                a, b = lo, hi
                while a < b:  # find one entry whose character is c, narrowing both ends on the way
                    mid = (a + b) >> 1
                    x = fold[units[positions[mid] - back]]
                    if x < c:
                        a = mid + 1
                    elif x > c:
                        b = mid
                    else:
                        lo_a, lo_b = a, mid  # first entry >= c lies in [a, mid]
                        while lo_a < lo_b:
                            m = (lo_a + lo_b) >> 1
                            if fold[units[positions[m] - back]] < c:
                                lo_a = m + 1
                            else:
                                lo_b = m
                        hi_a, hi_b = mid + 1, b  # first entry > c lies in [mid + 1, b]
                        while hi_a < hi_b:
                            m = (hi_a + hi_b) >> 1
                            if fold[units[positions[m] - back]] <= c:
                                hi_a = m + 1
                            else:
                                hi_b = m
                        a, b = lo_a, hi_a
                        break
                else:
                    b = a  # no entry holds c
                lo, hi = a, b
            if lo >= hi:
                break
            out.append((lo, hi))
            if c == codec.SEP:
                break  # the start of the clause: nothing precedes it
        return out
