"""Continuations: how the clause being typed usually goes on, up to its next natural stop.

Whole mined sentences rarely fit a new report (they carry their own figures and names), but the formulaic
stretches do: after 「全面推行行政执法公」 past reports go on 「示制度、执法全过程记录制度、……」. The context
index (:mod:`phrasebank.suffix`) gives, for the last 1, 2, … characters typed, every place in the mined
text they precede. The deepest context that is attested decides (back-off to shorter contexts only fills
the list); what follows each place is cut at the next stop (、，；。：) once it is at least
:data:`MIN_CHARS` long, before a figure the drafter must type, and at :data:`MAX_CHARS`. Identical
continuations are grouped and counted by distinct reports, not occurrences, so one report repeating
itself cannot dominate; reports of the same task and section count more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import codec
from .compiled import HARD, WORD_END, Compiled
from .suffix import DEPTH, ContextIndex

#: A continuation is cut after a stop (、，；。：), before a figure or the end of its phrase, and at this length.
MAX_CHARS = 28
#: Shorter continuations save nothing once the keystroke to take them is paid.
MIN_CHARS = 2
#: Contexts shorter than this (characters, the clause start counting as one) are not used.
MIN_DEPTH = 1
#: Each word beyond the first is this likely to fit as well, on top of what the reports' agreement shows:
#: a new report departs from any mined one sooner or later, so a longer continuation is a riskier one.
WORD_DECAY = 0.6
#: At most this many cuts of one continuation are offered (the others are its longer or shorter forms).
CUTS_PER_GROUP = 3
#: Cuts are read from this many of the likeliest continuations per suggestion asked for.
TOP_GROUPS = 2
#: At most this many places are read per context (the deepest contexts have far fewer).
MAX_PLACES = 160

_POWERS = np.cumprod(np.full(MAX_CHARS, 1_000_003, dtype=np.uint64), dtype=np.uint64)


@dataclass(frozen=True)
class Continuation:
    """One continuation: its code-unit text, its estimated probability and who attests it."""

    text: str
    depth: int
    anchored: bool
    #: Estimated probability that the clause goes on like this (back-off over context lengths).
    probability: float
    reports: int
    row: int
    sources: tuple[int, ...]
    #: Words it holds (cuts inside it).
    words: int = 1
    #: How it fares at each context length (a row of :func:`profile_rows`): what the ranking learns from.
    profile: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def expected_saving(self) -> float:
        """Characters it is expected to save once taken (its length less the keystroke, times P)."""
        return self.probability * (len(self.text) - 1)


#: Context lengths whose statistics are features of the ranking (the nearest attested shorter one stands in).
PROFILE_DEPTHS = (1, 2, 3, 4, 5, 6, 8, 10)
#: Columns of :func:`profile_rows`: share, log weight and escape at each of PROFILE_DEPTHS, then the same
#: three at the deepest level, the share at the second deepest and the number of levels.
PROFILE_WIDTH = 3 * len(PROFILE_DEPTHS) + 5


_PROFILE_AT = np.asarray(PROFILE_DEPTHS)


def profile_rows(levels: list[int], share: np.ndarray, total: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    """How each continuation fares at every context length used (``share``: levels × continuations, deepest
    level first): one row of :data:`PROFILE_WIDTH` numbers per continuation, -1 where a length is unused."""
    lv = np.asarray(levels)
    escape = np.where(total + distinct > 0, distinct / np.maximum(total + distinct, 1e-9), 1.0)
    # for each profile length, the deepest level used that is not longer (levels run deepest first)
    shorter = lv[None, :] <= _PROFILE_AT[:, None]
    at = shorter.argmax(axis=1)
    used = shorter.any(axis=1)
    n = share.shape[1]
    cols = np.full((n, len(PROFILE_DEPTHS), 3), -1.0)
    cols[:, used, 0] = share[at[used]].T
    cols[:, used, 1] = np.log1p(total[at[used]])
    cols[:, used, 2] = escape[at[used]]
    tail = np.empty((n, 5))
    tail[:, 0] = share[0]
    tail[:, 1] = math.log1p(total[0])
    tail[:, 2] = escape[0]
    tail[:, 3] = share[1] if len(lv) > 1 else -1.0
    tail[:, 4] = len(lv)
    return np.concatenate([cols.reshape(n, -1), tail], axis=1)


def context_units(codes: str) -> tuple[np.ndarray, bool]:
    """The clause's code units folded and read backwards, with SEP appended when the whole clause fits."""
    units = codec.fold(codec.to_units(codes))[::-1]
    if len(units) < DEPTH:
        return np.concatenate([units, np.zeros(1, dtype=np.uint16)]), True
    return units[: DEPTH - 1].copy(), False


def _hard_end(window: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Where each window must end: before a separator (end of phrase), a figure the drafter types or a
    title naming a source's own body."""
    hard = (flags & HARD) > 0
    return np.where(hard.any(axis=1), hard.argmax(axis=1), window.shape[1])


def _levels(ranges: list[tuple[int, int]], anchored: bool, n_context: int) -> list[int]:
    """The context depths used, deepest first."""
    out = []
    for depth in range(len(ranges), 0, -1):
        is_anchored = anchored and depth == n_context
        if depth < MIN_DEPTH and not (is_anchored and depth >= 2):
            break
        out.append(depth)
    return out


def _entries(ranges: list[tuple[int, int]], levels: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Suffix-array entries to read and the depth each is matched to: deep ones all, shallow ones sampled."""
    lo, hi = ranges[levels[-1] - 1]  # the shallowest level used holds all the others
    if hi - lo <= MAX_PLACES:
        entries = np.arange(lo, hi)
    else:
        deep = next(
            (
                ranges[d - 1]
                for d in reversed(levels)
                if ranges[d - 1][1] - ranges[d - 1][0] <= MAX_PLACES // 2
            ),
            (0, 0),
        )
        sample = np.linspace(lo, hi - 1, MAX_PLACES - (deep[1] - deep[0])).astype(np.int64)
        entries = np.unique(np.concatenate([np.arange(deep[0], deep[1]), sample]))
    bounds = np.asarray([ranges[d - 1] for d in levels], dtype=np.int64)  # deepest first
    inside = (bounds[None, :, 0] <= entries[:, None]) & (entries[:, None] < bounds[None, :, 1])
    depth = np.asarray(levels, dtype=np.int64)[inside.argmax(axis=1)]
    return entries, depth


def find(
    bank: Compiled,
    index: ContextIndex,
    codes: str,
    allowed: np.ndarray,
    weight: np.ndarray,
    k: int,
    invalid: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Continuation]:
    """The ``k`` continuations of a clause (code-unit text) expected to save most, best first.

    ``allowed`` (per phrase) drops phrases not to be read here (reference material out of its parts);
    ``weight`` (per phrase) is how much a report's phrase counts here (task, part, heading); ``invalid``
    (sorted starts, cumulative ends) are the stretches wrong for the draft's year: a continuation stops
    before one.

    Each context length is a distribution over what follows, each report counted once; the lengths are
    interpolated (PPM-C escapes: the more different things a context has seen, the more it leaves to the
    shorter ones). Every cut of what follows at a word end (jieba, at mining time), a stop, a figure or the
    phrase end is a candidate, with the probability of everything that starts with it, so a safe common
    start 「落实行政执法」 competes with its longer variants.
    """
    if len(index) == 0:
        return []
    context, anchored = context_units(codes)
    ranges = index.descend(context)
    levels = _levels(ranges, anchored, len(context))
    if not levels:
        return []
    entries, edepth = _entries(ranges, levels)
    places = index.positions[entries].astype(np.int64)
    rows = np.searchsorted(bank.starts, places, "right") - 1
    ok = allowed[rows]
    places, rows, edepth = places[ok], rows[ok], edepth[ok]
    if len(places) == 0:
        return []
    span = places[:, None] + np.arange(MAX_CHARS)
    window = bank.units[span]
    end = _hard_end(window, bank.flags[span])
    if invalid is not None and len(invalid[0]):
        j = np.searchsorted(invalid[1], places, "right")
        has = j < len(invalid[0])
        stop = np.where(has, invalid[0][np.minimum(j, len(invalid[0]) - 1)] - places, MAX_CHARS)
        end = np.minimum(end, np.clip(stop, 0, MAX_CHARS))
    keep = end > 0
    if not keep.all():
        places, rows, edepth, window, end = places[keep], rows[keep], edepth[keep], window[keep], end[keep]
        if len(places) == 0:
            return []
    inside = np.arange(MAX_CHARS) < end[:, None]
    masked = np.where(inside, codec.fold(window), 0).astype(np.uint64)
    full_hash = (masked * _POWERS).sum(axis=1) ^ end.astype(np.uint64)
    uniq, first, inverse = np.unique(full_hash, return_index=True, return_inverse=True)
    n_groups = len(uniq)

    # distinct (group, report) pairs: deepest depth and best weight each has
    counts = bank.src_off[rows + 1] - bank.src_off[rows]
    rep = np.repeat(np.arange(len(rows)), counts)
    offset = np.repeat(bank.src_off[rows] - np.cumsum(counts) + counts, counts)
    srcs = bank.src_ids[np.arange(int(counts.sum())) + offset].astype(np.int64)
    g = inverse[rep].astype(np.int64)
    key = g * (int(srcs.max(initial=0)) + 1) + srcs
    w = weight[rows][rep].astype(np.float64)
    dep = edepth[rep]
    order = np.lexsort((-w, -dep, key))
    key, g, srcs, w, dep = key[order], g[order], srcs[order], w[order], dep[order]
    fresh = np.r_[True, key[1:] != key[:-1]] if len(key) else np.zeros(0, dtype=bool)
    pg, ps, pw, pd = g[fresh], srcs[fresh], w[fresh], dep[fresh]

    # interpolate the context lengths: mass of each group at each level (pairs at that depth or deeper)
    n_levels = len(levels)
    level_of = np.searchsorted(-np.asarray(levels, dtype=np.int64), -pd)  # levels run deepest first
    mass = np.bincount(level_of * n_groups + pg, weights=pw, minlength=n_levels * n_groups)
    mass = np.cumsum(mass.reshape(n_levels, n_groups), axis=0)
    total = mass.sum(axis=1)
    distinct = (mass > 0).sum(axis=1)
    escape = np.where(total > 0, distinct / np.maximum(total + distinct, 1e-9), 1.0)
    remaining = np.r_[1.0, np.cumprod(escape)[:-1]]
    lam = remaining * (1.0 - escape)
    p_group = (lam[:, None] * mass / np.maximum(total, 1e-9)[:, None]).sum(axis=0)
    reach = np.zeros(n_groups, dtype=np.int64)
    np.maximum.at(reach, pg, pd)

    # every allowed cut of the likeliest groups, with the probability of all groups starting with it
    gw = window[first]
    gm = masked[first]
    gend = end[first]
    starts = places[first]
    cols = np.arange(MAX_CHARS)
    valid = cols < gend[:, None]
    prefix_hash = np.cumsum(gm * _POWERS, axis=1) ^ (cols.astype(np.uint64) + np.uint64(1))
    top = np.argsort(-p_group, kind="stable")[: TOP_GROUPS * k]
    cut = ((bank.flags[starts[top, None] + cols + 1] & WORD_END) > 0) & valid[top]
    cut[np.arange(len(top)), np.maximum(gend[top] - 1, 0)] = gend[top] > 0
    cut[:, : MIN_CHARS - 1] = False
    ti, ei = np.nonzero(cut)
    if len(ti) == 0:
        return []
    gi = top[ti]
    words = np.cumsum(cut, axis=1)[ti, ei] - 1
    h = prefix_hash[gi, ei]
    # the probability of a cut is that of every group starting with it (groups × cuts comparison)
    starting = valid[:, ei] & (prefix_hash[:, ei] == h[None, :])
    prob = p_group @ starting
    prob = prob * WORD_DECAY**words
    gain = prob * ei  # length (ei + 1) less the keystroke that takes it
    picked: list[int] = []
    seen: set[int] = set()
    per_group: dict[int, int] = {}
    for j in np.argsort(-gain, kind="stable").tolist():
        hj = int(h[j])
        gg = int(gi[j])
        if hj in seen or per_group.get(gg, 0) >= CUTS_PER_GROUP:
            continue
        if 0xD800 <= int(gw[gg, ei[j]]) < 0xDC00:
            continue  # would split a character beyond the BMP
        seen.add(hj)
        per_group[gg] = per_group.get(gg, 0) + 1
        picked.append(j)
        if len(picked) >= k:
            break
    if not picked:
        return []
    sel = np.asarray(picked)
    sel_e = ei[sel]
    # which groups start with each picked cut, and so which reports attest it
    member = valid[:, sel_e].T & (h[sel][:, None] == prefix_hash[:, sel_e].T)  # picked × groups
    by_src = np.argsort(ps, kind="stable")
    src_sorted = ps[by_src]
    runs = np.flatnonzero(np.r_[True, src_sorted[1:] != src_sorted[:-1]])
    present = np.logical_or.reduceat(member[:, pg[by_src]], runs, axis=1)  # picked × distinct reports
    run_src = src_sorted[runs]
    depth_of = np.where(member, reach[None, :], 0).max(axis=1)
    out: list[Continuation] = []
    share = (mass @ starting[:, sel]) / np.maximum(total, 1e-9)[:, None]  # levels × picked
    profiles = profile_rows(levels, share, total, distinct.astype(np.float64))
    for n, j in enumerate(picked):
        gg, e = int(gi[j]), int(ei[j])
        srcs_c = run_src[present[n]].tolist()
        out.append(
            Continuation(
                text=codec.from_units(gw[gg, : e + 1]),
                depth=int(depth_of[n]),
                anchored=anchored and int(reach[gg]) == len(context),
                probability=float(prob[j]),
                reports=len(srcs_c),
                row=int(rows[first[gg]]),
                sources=tuple(srcs_c),
                words=int(words[j]) + 1,
                profile=profiles[n],
            )
        )
    return out
