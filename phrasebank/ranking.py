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

from .continuations import PROFILE_DEPTHS, PROFILE_WIDTH, Continuation

#: Punctuation a continuation may end on (a natural stop) or start with.
_STOPS = frozenset("、，,；;。：:")
_PUNCT = frozenset('、，,；;。：:“”"‘’《》（）()')
#: Characters of context matched verbatim from which the engine's own estimate is trusted as a floor.
VERBATIM_DEPTH = 12
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
    own = np.zeros((n, len(_OWN_COLUMNS)))
    for j, cand in enumerate(candidates):
        c, ins = cand.continuation, cand.insert
        own[j] = (
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
    drafted = np.zeros((n, len(_DRAFT_COLUMNS)))
    for j, cand in enumerate(candidates):
        ins = cand.insert
        drafted[j] = (
            math.log1p(draft.count(ins)) if draft else 0.0,
            math.log1p(draft.count(ctx2 + ins)) if draft and text else 0.0,
            math.log1p(text.count(ins)),
            ins in heading,
            math.log1p(draft.count(ctx1 + ins)) if draft and text else 0.0,
            math.log1p(before.count(ctx2 + ins)) if len(text) > 2 else 0.0,
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

    def predict(self, x: np.ndarray) -> np.ndarray:
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
            cand.continuation.expected_saving if cand.continuation.depth >= VERBATIM_DEPTH else 0.0
            for cand in candidates
        ]
    )
    return np.maximum(np.maximum(saving, own_estimate), 0.0)
