"""Which continuation comes first: a small tree ensemble estimating how many characters each one saves.

Only the first place of the list really pays (taking the third costs three keystrokes), and the engine's
own probability (:mod:`phrasebank.continuations`) is a poor judge of it on its own: it sees the mined
reports but not the draft. What decides is a mix — how the continuation fares at every context length
(its share and the number of reports there, how open that context is), where it comes from (the banks, the
draft, the section heading), and above all whether the drafter already wrote it, or wrote it after the same
characters, earlier in the draft or in this paragraph. A gradient-boosted tree ensemble learns that mix
from leave-one-report-out typing runs. It estimates the chance that the clause goes on with the
continuation (log-loss on "it fitted", a logistic link); the expected saving is that chance times the
characters taking it saves (its length less the keystroke). A model may also estimate the saving directly
(regression, an identity link: the first shipped one did), but separating the two ranks better: the
chance is what the evidence speaks to, the length is known.

The ensemble is data (``phrasebank/data/continuation_ranking.json``), fitted by
``benchmarks/fit_continuation_ranking.py`` (which needs scikit-learn, a development tool only); here it is
only evaluated, with numpy, all trees at once. ``DRAFTER_CONTINUATION_RANKING`` names another model file:
the keystroke benchmark uses it to type each report with a model that never saw that report.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from drafter.errors import InputError

from .continuations import FOLLOWING_DEPTH, PROFILE_DEPTHS, PROFILE_WIDTH, Continuation

#: Punctuation a continuation may end on (a natural stop) or start with.
_STOPS = frozenset("、，,；;。：:")
_PUNCT = frozenset('、，,；;。：:“”"‘’《》（）()')
#: The draft's text is searched only this far back (a report is 5–10 thousand characters; searching costs
#: time at every keystroke).
MEMORY_CHARS = 20_000
#: How an ensemble's sum becomes a saving (see :meth:`Forest.savings`).
LINKS = ("identity", "logistic")

#: What is known of a continuation itself and of the list it is in.
_OWN_COLUMNS = (
    "log_probability",
    "log_length",
    "log_reports",
    "depth",
    "anchored",
    "log_words",
    "own",
    "in_heading",
    "log_probability_vs_best",
    "probability_rank",
    "depth_vs_deepest",
    "is_deepest",
    "ends_at_stop",
    "starts_with_punctuation",
    "after_punctuation",
    "log_clause_chars",
    "candidates",
)
#: How it fares at each context length (:func:`phrasebank.continuations.profile_rows`).
_PROFILE_COLUMNS = (
    *(f"{name}_{d}" for d in PROFILE_DEPTHS for name in ("share", "log_total", "escape")),
    "share_deepest",
    "log_total_deepest",
    "escape_deepest",
    "share_second",
    "levels",
)
#: Whether the drafter already wrote it: in the draft, after the same characters, in this paragraph.
_DRAFT_COLUMNS = (
    "draft_count",
    "draft_count_after_2",
    "paragraph_count",
    "in_section_heading",
    "draft_count_after_1",
    "paragraph_count_after_2",
)
FEATURES: tuple[str, ...] = (*_OWN_COLUMNS, *_PROFILE_COLUMNS, *_DRAFT_COLUMNS)
_NO_PROFILE = np.full(PROFILE_WIDTH, -1.0)


@dataclass(frozen=True)
class Candidate:
    """What the ranking needs of one continuation: the engine's record and its text as it would be inserted."""

    continuation: Continuation
    insert: str
    #: From the draft itself (its memory, this paragraph, the section heading), not from a bank.
    own: bool


def features(
    candidates: Sequence[Candidate], text: str, clause_start: int, heading: str, in_heading: bool, draft: str
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate, for the paragraph ``text`` typed up to the cursor.

    ``draft`` is what the drafter wrote before this paragraph (the session's memory), searched for the
    candidate as written and after the same one or two characters.
    """
    if not candidates:
        return np.zeros((0, len(FEATURES)))
    draft = draft[-MEMORY_CHARS:]
    conts = [cand.continuation for cand in candidates]
    best_p = max(c.probability for c in conts)
    deepest = max(c.depth for c in conts)
    order = sorted(range(len(conts)), key=lambda j: -conts[j].probability)
    rank = {j: r for r, j in enumerate(order)}
    after_punct = float(bool(text) and text[-1] in _PUNCT)
    clause_chars = math.log1p(len(text) - clause_start)
    ctx1, ctx2 = text[-1:], text[-2:]
    before = text[:-1]
    n = len(candidates)
    inserts = [cand.insert for cand in candidates]
    # rows built as tuples and converted in one call (the same float64 values as assigning each row)
    own = np.array(
        [
            (
                math.log(c.probability + 1e-9),
                math.log(max(len(ins), 1)),
                math.log1p(c.reports),
                c.depth,
                c.anchored,
                math.log(max(c.words, 1)),
                cand.own,
                in_heading,
                math.log(c.probability / best_p + 1e-9) if best_p > 0 else 0.0,
                rank[j],
                c.depth / max(deepest, 1),
                c.depth == deepest,
                bool(ins) and ins[-1] in _STOPS,
                bool(ins) and ins[0] in _PUNCT,
                after_punct,
                clause_chars,
                n,
            )
            for j, (cand, c, ins) in enumerate(zip(candidates, conts, inserts, strict=True))
        ],
        dtype=np.float64,
    )
    long_text = len(text) > 2
    drafted = np.array(
        [
            (
                math.log1p(draft.count(ins)) if draft else 0.0,
                math.log1p(draft.count(ctx2 + ins)) if draft and text else 0.0,
                math.log1p(text.count(ins)),
                ins in heading,
                math.log1p(draft.count(ctx1 + ins)) if draft and text else 0.0,
                math.log1p(before.count(ctx2 + ins)) if long_text else 0.0,
            )
            for ins in inserts
        ],
        dtype=np.float64,
    )
    profiles = np.asarray(
        [c.profile if c.profile is not None else _NO_PROFILE for c in conts], dtype=np.float64
    )
    return np.concatenate([own, profiles, drafted], axis=1)


@dataclass(frozen=True)
class Forest:
    """Trees padded to one node count, evaluated together: ``base`` plus each tree's leaf, then ``link``."""

    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float
    left: np.ndarray  # (trees, nodes) int
    right: np.ndarray  # (trees, nodes) int
    leaf: np.ndarray  # (trees, nodes) bool
    value: np.ndarray  # (trees, nodes) float
    base: float
    depth: int
    names: tuple[str, ...]
    #: "identity": the sum is the expected saving; "logistic": it is the log-odds that the continuation fits.
    link: str = "identity"

    def __post_init__(self) -> None:
        # Flat arrays in which a leaf is its own child with an infinite threshold: a walk is then three
        # gathers and a comparison per level, the same for every tree.
        trees, width = self.feature.shape
        flat = np.arange(trees * width, dtype=np.int64)
        offset = flat - flat % width
        leaf = self.leaf.ravel()
        object.__setattr__(self, "_feature", np.where(leaf, 0, self.feature.ravel()))
        object.__setattr__(self, "_threshold", np.where(leaf, np.inf, self.threshold.ravel()))
        object.__setattr__(self, "_left", np.where(leaf, flat, self.left.ravel() + offset))
        object.__setattr__(self, "_right", np.where(leaf, flat, self.right.ravel() + offset))
        object.__setattr__(self, "_roots", np.arange(trees, dtype=np.int64) * width)
        object.__setattr__(self, "_bits", _leaf_bits(self))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The ensemble's sum, one per row of ``x``.

        Every test of every tree is made at once and the leaf each row reaches read from them (see
        :func:`_leaf_bits`), rather than walking the trees a level a step (:meth:`predict_walk`, seven
        rounds of gathers): the same leaves, summed in the same order, so the same sums to the last bit.
        """
        bits = self._bits  # type: ignore[attr-defined]
        n = len(x)
        if bits is None or n == 0:
            return self.predict_walk(x)
        cols, threshold, left_leaves, segments, values, lowest, tree_offset = bits
        xt = np.ascontiguousarray(x.T, dtype=np.float64)
        # a test that fails (NaN included, as in the walk) sends the row right: off go the left subtree's leaves
        right = ~(xt[cols] <= threshold)
        gone = np.bitwise_or.reduceat(left_leaves * right, segments, axis=0)  # trees × rows
        leaf = np.ascontiguousarray((lowest[~gone] + tree_offset).T)  # rows × trees, as the walk's nodes
        return self.base + values[leaf].sum(axis=1)

    def predict_walk(self, x: np.ndarray) -> np.ndarray:
        """The ensemble's sum, one per row of ``x``: every tree walked at once, one level a step."""
        n = len(x)
        if n == 0:
            return np.zeros(0)
        feature, threshold = self._feature, self._threshold  # type: ignore[attr-defined]
        left, right = self._left, self._right  # type: ignore[attr-defined]
        node = np.broadcast_to(self._roots, (n, len(self._roots))).copy()  # type: ignore[attr-defined]
        flat_x = np.ascontiguousarray(x, dtype=np.float64).ravel()
        row = (np.arange(n, dtype=np.int64) * x.shape[1])[:, None]
        for _ in range(self.depth):
            node = np.where(flat_x[row + feature[node]] <= threshold[node], left[node], right[node])
        return self.base + self.value.ravel()[node].sum(axis=1)

    def savings(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Expected characters saved by taking each continuation first (``lengths``: as inserted)."""
        raw = self.predict(x)
        if self.link == "logistic":
            return (lengths - 1.0) / (1.0 + np.exp(-raw))
        return raw

    def to_json(self) -> dict[str, object]:
        return {
            "version": 1,
            "link": self.link,
            "features": list(self.names),
            "base": self.base,
            "depth": self.depth,
            "trees": [
                {
                    "feature": self.feature[i].tolist(),
                    "threshold": self.threshold[i].tolist(),
                    "left": self.left[i].tolist(),
                    "right": self.right[i].tolist(),
                    "leaf": self.leaf[i].astype(int).tolist(),
                    "value": self.value[i].tolist(),
                }
                for i in range(self.feature.shape[0])
            ],
        }


#: Leaves a tree may have for :func:`_leaf_bits` (one bit each in a uint16).
_MAX_LEAVES = 16


@lru_cache(maxsize=1)
def _lowest_bit() -> np.ndarray:
    """The index of the lowest set bit of every uint16 (0 for 0, never looked up)."""
    v = np.arange(1 << _MAX_LEAVES, dtype=np.int64)
    out = np.zeros(1 << _MAX_LEAVES, dtype=np.int64)
    low = v & -v
    for b in range(_MAX_LEAVES):
        out[low == (1 << b)] = b
    return out


def _leaf_bits(forest: Forest) -> tuple[np.ndarray, ...] | None:
    """Tables to find every tree's leaf from all its tests made at once (QuickScorer, Lucchese et al. 2015).

    Each tree's leaves are numbered left to right, one bit each. A test that fails (the row goes right)
    rules out the leaves of its left subtree; the leaf reached is the leftmost one no failed test rules
    out. So a forest is one gather of the tested features, one comparison, an OR per tree and a table of
    lowest bits: a handful of numpy calls instead of several per tree level. The leaves are those the
    level walk reaches, as long as no tree is deeper than the walk goes (``depth``) and a tree has at most
    :data:`_MAX_LEAVES` leaves; otherwise None (the walk is used).
    """
    trees = forest.feature.shape[0]
    width = forest.feature.shape[1]
    cols: list[int] = []
    thresholds: list[float] = []
    masks: list[int] = []
    segments: list[int] = []
    values = np.zeros((trees, _MAX_LEAVES))
    for t in range(trees):
        leaves: list[int] = []
        tests: list[tuple[int, int]] = []  # (node, bits of its left subtree's leaves)
        stack = [(0, 0, False)]  # (node, depth, children done): an explicit post-order walk
        bits_of: dict[int, int] = {}
        while stack:
            v, d, done = stack.pop()
            if not 0 <= v < width or d > forest.depth:
                return None
            if forest.leaf[t, v]:
                bits_of[v] = 1 << len(leaves)
                leaves.append(v)
                if len(leaves) > _MAX_LEAVES:
                    return None
            elif done:
                lo, hi = int(forest.left[t, v]), int(forest.right[t, v])
                bits_of[v] = bits_of[lo] | bits_of[hi]
                tests.append((v, bits_of[lo]))
            else:
                lo, hi = int(forest.left[t, v]), int(forest.right[t, v])
                # the left subtree is numbered first: pushed last
                stack.extend([(v, d, True), (hi, d + 1, False), (lo, d + 1, False)])
        segments.append(len(cols))
        if not tests:  # a tree that is one leaf: a test that rules out nothing keeps its segment
            cols.append(0)
            thresholds.append(np.inf)
            masks.append(0)
        for v, left_bits in tests:
            cols.append(int(forest.feature[t, v]))
            thresholds.append(float(forest.threshold[t, v]))
            masks.append(left_bits)
        values[t, : len(leaves)] = forest.value[t, leaves]
    return (
        np.asarray(cols, dtype=np.intp),
        np.asarray(thresholds, dtype=np.float64)[:, None],
        np.asarray(masks, dtype=np.uint16)[:, None],
        np.asarray(segments, dtype=np.intp),
        values.ravel(),
        _lowest_bit(),
        (np.arange(trees, dtype=np.int64) * _MAX_LEAVES)[:, None],
    )


def forest_from_json(obj: dict[str, object]) -> Forest:
    """A forest from its JSON form; one whose features are not :data:`FEATURES` is refused."""
    names = tuple(obj["features"])  # type: ignore[arg-type]
    if names != FEATURES:
        raise ValueError("continuation ranking model was fitted on other features")
    link = str(obj.get("link", "identity"))
    if link not in LINKS:
        raise ValueError(f"unknown link {link!r}")
    trees = obj["trees"]  # type: ignore[assignment]
    width = max(len(tr["feature"]) for tr in trees)  # type: ignore[union-attr]

    def pad(key: str, fill: float, dtype: type) -> np.ndarray:
        out = np.full((len(trees), width), fill, dtype=dtype)  # type: ignore[arg-type]
        for i, tr in enumerate(trees):  # type: ignore[arg-type]
            out[i, : len(tr[key])] = tr[key]
        return out

    return Forest(
        feature=pad("feature", 0, np.int64),
        threshold=pad("threshold", 0.0, np.float64),
        left=pad("left", 0, np.int64),
        right=pad("right", 0, np.int64),
        leaf=pad("leaf", 1, np.int64).astype(bool),
        value=pad("value", 0.0, np.float64),
        base=float(obj["base"]),  # type: ignore[arg-type]
        depth=int(obj["depth"]),  # type: ignore[call-overload]
        names=names,
        link=link,
    )


_SHIPPED = str(Path(__file__).resolve().parent / "data" / "continuation_ranking.json")


def model_path() -> Path:
    """The ranking model in use: ``DRAFTER_CONTINUATION_RANKING`` or the one shipped with phrasebank."""
    return Path(os.environ.get("DRAFTER_CONTINUATION_RANKING") or _SHIPPED)


@lru_cache(maxsize=4)
def _load(path: str) -> Forest:
    try:
        return forest_from_json(json.loads(Path(path).read_text("utf-8")))
    except OSError as exc:
        raise InputError(f"续写排序模型无法读取：{path}（{exc.strerror or exc}）") from exc
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(f"续写排序模型文件已损坏或版本不符：{path}") from exc


def forest() -> Forest:
    """The ranking model (read once per file)."""
    return _load(os.environ.get("DRAFTER_CONTINUATION_RANKING") or _SHIPPED)


def expected_savings(
    candidates: Sequence[Candidate], text: str, clause_start: int, heading: str, in_heading: bool, draft: str
) -> np.ndarray:
    """Characters each candidate is expected to save when offered first (never negative)."""
    x = features(candidates, text, clause_start, heading, in_heading, draft)
    saving = forest().savings(x, np.asarray([len(cand.insert) for cand in candidates], dtype=np.float64))
    # A clause the drafter typed word for word as a mined one (last year's report, reused) goes on as that
    # one did: the five sample reports, written by different bodies, hardly ever show such a match, so
    # the trees cannot have learned it; the engine's own estimate is a floor there.
    own_estimate = np.asarray(
        [
            cand.continuation.expected_saving if cand.continuation.depth >= FOLLOWING_DEPTH else 0.0
            for cand in candidates
        ]
    )
    return np.maximum(np.maximum(saving, own_estimate), 0.0)
