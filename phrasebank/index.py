"""Inverted index of character bigrams: narrows a million phrases to a few hundred per keystroke.

Scoring every phrase per keystroke costs 40–700 ms at 100,000 phrases; the index answers in about a
millisecond. Postings are numpy arrays in CSR form (sorted bigram codes, offsets, phrase rows), built once at
mining time from the bank's code-unit text (:mod:`phrasebank.codec`) with one sort and a neighbour
comparison, stored in the bank and loaded as they are: opening does no per-phrase work. The arrays are never
written after construction, so any number of threads may query at once.
"""

from __future__ import annotations

import re

import numpy as np

from . import codec

#: Candidate phrases are drawn from the query's rarest bigrams, up to this many postings in all …
RARE_BUDGET = 8_000
#: … but from at least this many of them.
MIN_RARE = 2
_KEEP = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z\ue001-\ue0ff]+")


def index_text(text: str) -> str:
    """The characters that count for matching: Chinese, letters, digits and slot code units."""
    return _KEEP.sub("", text)


def _bigram_codes(units: np.ndarray) -> np.ndarray:
    return (units[:-1].astype(np.uint32) << np.uint32(16)) | units[1:].astype(np.uint32)


def query_bigrams(text: str) -> np.ndarray:
    """Distinct bigram codes of a query's code-unit text (empty for fewer than two characters)."""
    units = codec.fold(codec.to_units(text))
    units = units[codec.keep_mask()[units]]
    if len(units) < 2:
        return np.empty(0, dtype=np.uint32)
    return distinct_sorted(_bigram_codes(units))  # np.unique, without its overhead on a few dozen codes


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` for a large array, as one sort and a neighbour comparison (much faster on numpy 2.x)."""
    if len(values) == 0:
        return values
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


class BigramIndex:
    """Bigram → phrase rows (CSR): ``keys`` sorted, rows of ``keys[i]`` are ``postings[offsets[i]:offsets[i+1]]``."""

    def __init__(self, keys: np.ndarray, offsets: np.ndarray, postings: np.ndarray, size: int) -> None:
        self.keys = keys
        self.offsets = offsets
        self.postings = postings
        self.size = size

    @classmethod
    def build(cls, units: np.ndarray, starts: np.ndarray) -> BigramIndex:
        """The index of the phrases laid out in ``units`` (SEP-separated, phrase ``i`` from ``starts[i]``)."""
        size = len(starts) - 1
        if size <= 0:
            return cls.empty(max(size, 0))
        folded = codec.fold(units)
        row = np.cumsum(folded == codec.SEP, dtype=np.int64) - 1  # phrase row of every position
        kept = np.flatnonzero(codec.keep_mask()[folded])
        ku = folded[kept]
        kr = row[kept]
        del row, kept
        same = kr[1:] == kr[:-1]
        codes = _bigram_codes(ku)[same]
        rows = kr[:-1][same]
        del ku, kr, same
        pairs = distinct_sorted((codes.astype(np.uint64) << np.uint64(32)) | rows.astype(np.uint64))
        del codes, rows
        bigram = (pairs >> np.uint64(32)).astype(np.uint32)
        postings = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int32)
        del pairs
        if len(bigram) == 0:
            return cls.empty(size)
        starts_b = np.flatnonzero(np.r_[True, bigram[1:] != bigram[:-1]])
        return cls(bigram[starts_b], np.r_[starts_b, len(bigram)].astype(np.int64), postings, size)

    @classmethod
    def empty(cls, size: int) -> BigramIndex:
        return cls(np.empty(0, np.uint32), np.zeros(1, np.int64), np.empty(0, np.int32), size)

    def overlap(self, bigrams: np.ndarray) -> np.ndarray:
        """For each phrase, how many of the query's distinct bigrams it contains."""
        if len(bigrams) == 0 or len(self.keys) == 0:
            return np.zeros(self.size, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.keys, bigrams), len(self.keys) - 1)
        pos = pos[self.keys[pos] == bigrams]
        if len(pos) == 0:
            return np.zeros(self.size, dtype=np.int64)
        chunks = [self.postings[self.offsets[p] : self.offsets[p + 1]] for p in pos.tolist()]
        return np.bincount(np.concatenate(chunks), minlength=self.size)

    def postings_of(self, bigrams: np.ndarray) -> list[np.ndarray]:
        """The posting list (sorted rows) of each query bigram; empty for a bigram no phrase has."""
        if len(self.keys) == 0:
            return [np.empty(0, np.int32) for _ in bigrams]
        pos = np.minimum(np.searchsorted(self.keys, bigrams), len(self.keys) - 1)
        hit = self.keys[pos] == bigrams
        return [
            self.postings[self.offsets[p] : self.offsets[p + 1]] if h else np.empty(0, np.int32)
            for p, h in zip(pos.tolist(), hit.tolist(), strict=True)
        ]

    @staticmethod
    def overlap_of(lists: list[np.ndarray], rows: np.ndarray) -> np.ndarray:
        """How many of the posting lists hold each of ``rows`` (the exact overlap, for a few rows)."""
        ov = np.zeros(len(rows), dtype=np.int64)
        for plist in lists:
            if len(plist) == 0:
                continue
            i = np.minimum(np.searchsorted(plist, rows), len(plist) - 1)
            ov += plist[i] == rows
        return ov

    def candidates(
        self, bigrams: np.ndarray, prior: np.ndarray, limit: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the ``limit`` phrases most likely to score best, and their exact bigram overlap.

        Candidates come from the query's rarest bigrams (posting lists up to :data:`RARE_BUDGET` rows in
        all, at least :data:`MIN_RARE` lists), so the work grows with how specific the query is, not with
        the size of the bank; they are ranked by how many of those bigrams they hold plus the prior, and
        their overlap with all the query's bigrams is then counted exactly for the scorer.
        """
        rows, lists = self._candidates(bigrams, prior, limit, allowed)
        if len(rows) == 0:
            return rows, rows
        return rows, self.overlap_of(lists, rows)

    def candidate_rows(
        self, bigrams: np.ndarray, prior: np.ndarray, limit: int, allowed: np.ndarray | None = None
    ) -> np.ndarray:
        """The rows :meth:`candidates` gives, without the overlap: a caller that reads the rows' text anyway
        counts it from there (:meth:`phrasebank.compiled.Compiled.similarity_overlap`), which is cheaper
        than one search per query bigram."""
        return self._candidates(bigrams, prior, limit, allowed)[0]

    def _candidates(
        self, bigrams: np.ndarray, prior: np.ndarray, limit: int, allowed: np.ndarray | None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        n = self.size
        nq = len(bigrams)
        if n == 0 or nq == 0:
            return np.empty(0, dtype=np.int64), []
        lists = self.postings_of(bigrams)
        order = sorted(range(nq), key=lambda i: len(lists[i]))
        chosen: list[np.ndarray] = []
        total = 0
        for i in order:
            plist = lists[i]
            if len(plist) == 0:
                continue
            if len(chosen) >= MIN_RARE and total + len(plist) > RARE_BUDGET:
                break
            chosen.append(plist)
            total += len(plist)
        if not chosen:
            return np.empty(0, dtype=np.int64), lists
        merged = np.sort(np.concatenate(chosen))
        fresh = np.empty(len(merged), dtype=bool)
        fresh[0] = True
        np.not_equal(merged[1:], merged[:-1], out=fresh[1:])
        starts = np.flatnonzero(fresh)
        rows = merged[starts].astype(np.int64)
        count = np.empty(len(starts), dtype=np.int64)  # run lengths (np.diff with append= is slow)
        np.subtract(starts[1:], starts[:-1], out=count[:-1])
        count[-1] = len(merged) - starts[-1]
        if allowed is not None:
            ok = allowed[rows]
            rows, count = rows[ok], count[ok]
        if len(rows) == 0:
            return rows, lists
        est = np.float32(100.0 / len(chosen)) * count.astype(np.float32) + prior[rows]
        if limit < len(rows):
            top = np.argpartition(-est, limit)[:limit]
            rows, est = rows[top], est[top]
        return rows[np.argsort(-est, kind="stable")], lists
