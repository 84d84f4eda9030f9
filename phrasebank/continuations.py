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
#: (Typing runs, keystroke savings with refitted rankings: 0.6 → 14.82%, 0.5 → 14.96%, 0.4 → 15.01%,
#: 0.3 → 15.12%, 0.2 → 14.87%: a short continuation taken and the next one offered beats a long one
#: that fails.)
WORD_DECAY = 0.3
#: Matched verbatim over this many characters, the drafter is following a mined text (last year's report
#: retyped): it goes on as that one did, word after word, and each word beyond the first is this likely.
FOLLOWING_DEPTH = 12
FOLLOWING_WORD_DECAY = 0.6
_TITLE_OPEN, _TITLE_CLOSE = ord("《"), ord("》")
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
_COLS = np.arange(MAX_CHARS)
_STEPS = np.arange(MAX_PLACES, dtype=np.float64)
_COLS_PLUS_ONE = _COLS.astype(np.uint64) + np.uint64(1)
#: Per tuple of levels used, where each level's statistics go in a profile row (see :func:`_profile_plan`).
_PLANS: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}


def _profile_plan(levels: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which level fills each column of a profile row: (share columns, their levels, per-level statistic
    columns, their levels). Depends only on the levels used, so it is worked out once per tuple of levels
    (a few dozen in practice) instead of with a dozen small numpy operations per query."""
    key = tuple(levels)
    plan = _PLANS.get(key)
    if plan is None:
        share_cols: list[int] = []
        share_src: list[int] = []
        stat_cols: list[int] = []
        stat_src: list[int] = []
        for i, depth in enumerate(PROFILE_DEPTHS):
            # the deepest level used that is not longer (levels run deepest first)
            at = next((j for j, lv in enumerate(levels) if lv <= depth), None)
            if at is None:
                continue
            share_cols.append(3 * i)
            share_src.append(at)
            stat_cols.append(3 * i + 1)
            stat_src.append(at)
        tail = 3 * len(PROFILE_DEPTHS)
        share_cols.append(tail)
        share_src.append(0)
        if len(levels) > 1:
            share_cols.append(tail + 3)
            share_src.append(1)
        plan = (
            np.asarray(share_cols, dtype=np.intp),
            np.asarray(share_src, dtype=np.intp),
            np.asarray(stat_cols, dtype=np.intp),
            np.asarray(stat_src, dtype=np.intp),
        )
        if len(_PLANS) < 4096:  # levels are runs of depths: a few dozen tuples; never grows unbounded
            _PLANS[key] = plan
    return plan


def profile_rows(levels: list[int], share: np.ndarray, total: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    """How each continuation fares at every context length used (``share``: levels × continuations, deepest
    level first): one row of :data:`PROFILE_WIDTH` numbers per continuation, -1 where a length is unused."""
    escape = np.where(total + distinct > 0, distinct / np.maximum(total + distinct, 1e-9), 1.0)
    return _profile_rows(levels, share, total, escape)


def _profile_rows(levels: list[int], share: np.ndarray, total: np.ndarray, escape: np.ndarray) -> np.ndarray:
    """:func:`profile_rows` with the escapes already known: the columns that do not depend on the
    continuation are filled once in one row, repeated, and the shares written with one assignment."""
    share_cols, share_src, stat_cols, stat_src = _profile_plan(levels)
    row = np.full(PROFILE_WIDTH, -1.0)
    if len(stat_cols):
        row[stat_cols] = np.log1p(total[stat_src])
        row[stat_cols + 1] = escape[stat_src]
    tail = 3 * len(PROFILE_DEPTHS)
    row[tail + 1] = math.log1p(total[0])
    row[tail + 2] = escape[0]
    row[tail + 4] = len(levels)
    out = np.repeat(row[None, :], share.shape[1], axis=0)
    out[:, share_cols] = share[share_src].T
    return out


def context_units(codes: str) -> tuple[np.ndarray, bool]:
    """The clause's code units folded and read backwards, with SEP appended when the whole clause fits."""
    units = codec.to_units(codes)
    if len(units) < DEPTH:
        out = np.zeros(len(units) + 1, dtype=np.uint16)
        out[: len(units)] = codec.fold(units[::-1])
        return out, True
    return codec.fold(units[:-DEPTH:-1]), False


def _hard_end(window: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Where each window must end: before a separator (end of phrase), a figure the drafter types or a
    title naming a source's own body."""
    # HARD bits as booleans: argmax finds the first one (0 when there is none: told apart by reading it
    # back, cheaper than a second pass over the window with ``any``)
    hard = (flags & HARD).astype(np.bool_)
    first = hard.argmax(axis=1)
    return np.where(hard[np.arange(len(first)), first], first, window.shape[1])


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
    """Suffix-array entries to read and the depth each is matched to: deep ones all, shallow ones sampled.

    Worked out in Python on the few numbers involved (the sample as ``np.linspace`` computes it), with
    two searches for the depths, rather than with a dozen numpy calls on tiny arrays."""
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
        num = MAX_PLACES - (deep[1] - deep[0])
        # np.linspace(lo, hi - 1, num).astype(np.int64), computed the way numpy does (num > 1): i * step
        # + lo in doubles, the last one exactly hi - 1, truncated. The step is over 1 (hi - lo > MAX_PLACES
        # >= num), so the sample is strictly increasing: only the deep range can repeat entries of it.
        sample = _STEPS[:num] * (float(hi - 1 - lo) / (num - 1))
        sample += lo
        sample[-1] = hi - 1
        sample = sample.astype(np.int64)
        if deep[1] > deep[0]:
            a, b = np.searchsorted(sample, deep)
            entries = np.concatenate([sample[:a], np.arange(deep[0], deep[1]), sample[b:]])
        else:
            entries = sample
    # ranges are nested: an entry is outside the deepest levels only, so the deepest level holding it is
    # the one after those that start after it or end at or before it (two runs from the deepest)
    bounds = np.array([ranges[d - 1] for d in levels], dtype=np.int64)  # deepest first
    n = len(levels)
    outside = np.maximum(
        n - np.searchsorted(bounds[::-1, 0], entries, "right"),  # starts, shallowest first: non-decreasing
        np.searchsorted(bounds[:, 1], entries, "right"),  # ends, deepest first: non-decreasing
    )
    depth = np.array(levels, dtype=np.int64)[outside]
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
    if not ok.all():
        places, rows, edepth = places[ok], rows[ok], edepth[ok]
        if len(places) == 0:
            return []
    span = places[:, None] + _COLS
    window = bank.units[span]
    end = _hard_end(window, bank.flags[span])
    if invalid is not None and len(invalid[0]):
        j = np.searchsorted(invalid[1], places, "right")
        # a negative distance (a wrong stretch under way) drops the place below, like a zero one
        stop = np.where(j < len(invalid[0]), invalid[0].take(j, mode="clip") - places, MAX_CHARS)
        end = np.minimum(end, stop)
    keep = end > 0
    if not keep.all():
        places, rows, edepth, window, end = places[keep], rows[keep], edepth[keep], window[keep], end[keep]
        if len(places) == 0:
            return []
    inside = end[:, None] > _COLS
    masked = np.where(inside, codec.fold(window), 0).astype(np.uint64)
    # hashes wrap around modulo 2**64, so any order of the sums gives the same values
    running = np.cumsum(masked * _POWERS, axis=1)
    full_hash = running[:, -1] ^ end.astype(np.uint64)
    # np.unique(full_hash, return_index=True, return_inverse=True), without its generic overhead
    by_hash = np.argsort(full_hash, kind="stable")
    sorted_hash = full_hash[by_hash]
    new_group = np.empty(len(sorted_hash), dtype=bool)
    new_group[0] = True
    np.not_equal(sorted_hash[1:], sorted_hash[:-1], out=new_group[1:])
    first = by_hash[new_group]
    inverse = np.empty(len(sorted_hash), dtype=np.int64)
    inverse[by_hash] = np.cumsum(new_group) - 1
    n_groups = len(first)

    # distinct (group, report) pairs: deepest depth and best weight each has
    src_lo = bank.src_off[rows]
    counts = bank.src_off[rows + 1] - src_lo
    rep = np.repeat(np.arange(len(rows)), counts)
    offset = np.repeat(src_lo - np.cumsum(counts) + counts, counts)
    srcs = bank.src_ids[np.arange(len(rep)) + offset].astype(np.int64)
    g = inverse[rep]
    key = g * (int(srcs.max(initial=0)) + 1) + srcs
    w = weight[rows][rep].astype(np.float64)
    dep = edepth[rep]
    order = np.lexsort((-w, -dep, key))
    key, g, srcs, w, dep = key[order], g[order], srcs[order], w[order], dep[order]
    fresh = np.empty(len(key), dtype=bool)
    if len(key):
        fresh[0] = True
        np.not_equal(key[1:], key[:-1], out=fresh[1:])
    pg, ps, pw, pd = g[fresh], srcs[fresh], w[fresh], dep[fresh]

    # interpolate the context lengths: mass of each group at each level (pairs at that depth or deeper)
    n_levels = len(levels)
    level_of = np.searchsorted(-np.asarray(levels, dtype=np.int64), -pd)  # levels run deepest first
    mass = np.bincount(level_of * n_groups + pg, weights=pw, minlength=n_levels * n_groups)
    mass = np.cumsum(mass.reshape(n_levels, n_groups), axis=0)
    total = mass.sum(axis=1)
    distinct = (mass > 0).sum(axis=1)
    escape = np.where(total > 0, distinct / np.maximum(total + distinct, 1e-9), 1.0)
    remaining = np.empty(n_levels)
    remaining[0] = 1.0
    np.cumprod(escape[:-1], out=remaining[1:])
    lam = remaining * (1.0 - escape)
    p_group = (lam[:, None] * mass / np.maximum(total, 1e-9)[:, None]).sum(axis=0)
    reach = np.zeros(n_groups, dtype=np.int64)
    np.maximum.at(reach, pg, pd)

    # every allowed cut of the likeliest groups, with the probability of all groups starting with it
    gw = window[first]
    gend = end[first]
    starts = places[first]
    valid = gend[:, None] > _COLS
    prefix_hash = running[first] ^ _COLS_PLUS_ONE
    top = np.argsort(-p_group, kind="stable")[: TOP_GROUPS * k]
    cut = ((bank.word_flags()[starts[top, None] + _COLS + 1] & WORD_END) > 0) & valid[top]
    top_end = gend[top]
    cut[np.arange(len(top)), np.maximum(top_end - 1, 0)] = top_end > 0
    cut[:, : MIN_CHARS - 1] = False
    ti, ei = np.nonzero(cut)
    if len(ti) == 0:
        return []
    gi = top[ti]
    # words before each cut: a title (《…》) is one, however many words it has (it is taken whole or
    # not at all; counting its words would cut 《法治政府建设实施纲要（2021-2025年）》 short)
    top_w = np.where(valid[top], gw[top], 0)
    open_title = codes.rfind("《") > codes.rfind("》")
    titled = np.cumsum(top_w == _TITLE_OPEN, axis=1) - np.cumsum(top_w == _TITLE_CLOSE, axis=1) + open_title
    closes = top_w == _TITLE_CLOSE
    closed_later = (np.cumsum(closes[:, ::-1], axis=1)[:, ::-1] - closes) > 0  # a 》 after the cut
    counted = cut & ~((titled > 0) & closed_later)
    words = (np.cumsum(counted, axis=1) - counted)[ti, ei]
    h = prefix_hash[gi, ei]
    # the probability of a cut is that of every group starting with it (groups × cuts comparison), built
    # cuts × groups from whole rows of the transposed arrays (cheaper than gathering columns), then laid
    # out groups × cuts as before so that the product sums in the same order
    starting_t = np.ascontiguousarray(valid.T)[ei] & (np.ascontiguousarray(prefix_hash.T)[ei] == h[:, None])
    starting = np.ascontiguousarray(starting_t.T)
    prob = p_group @ starting
    prob = prob * np.where(reach[gi] >= FOLLOWING_DEPTH, FOLLOWING_WORD_DECAY, WORD_DECAY) ** words
    gain = prob * ei  # length (ei + 1) less the keystroke that takes it
    picked: list[int] = []
    seen: set[int] = set()
    per_group: dict[int, int] = {}
    h_list, gi_list = h.tolist(), gi.tolist()
    lead = gw[gi, ei].tolist()  # the last unit of each cut
    for j in np.argsort(-gain, kind="stable").tolist():
        hj = h_list[j]
        gg = gi_list[j]
        if hj in seen or per_group.get(gg, 0) >= CUTS_PER_GROUP:
            continue
        if 0xD800 <= lead[j] < 0xDC00:
            continue  # would split a character beyond the BMP
        seen.add(hj)
        per_group[gg] = per_group.get(gg, 0) + 1
        picked.append(j)
        if len(picked) >= k:
            break
    if not picked:
        return []
    sel = np.asarray(picked)
    # which groups start with each picked cut, and so which reports attest it
    starting_sel = starting[:, sel]  # groups × picked
    member = starting_t[sel]  # picked × groups
    by_src = np.argsort(ps, kind="stable")
    src_sorted = ps[by_src]
    new_src = np.empty(len(src_sorted), dtype=bool)
    new_src[:1] = True
    np.not_equal(src_sorted[1:], src_sorted[:-1], out=new_src[1:])
    runs = np.flatnonzero(new_src)
    present = np.logical_or.reduceat(member[:, pg[by_src]], runs, axis=1)  # picked × distinct reports
    run_src = src_sorted[runs]
    depth_of = np.where(member, reach[None, :], 0).max(axis=1).tolist()
    share = (mass @ starting_sel) / np.maximum(total, 1e-9)[:, None]  # levels × picked
    profiles = _profile_rows(levels, share, total, escape)
    out: list[Continuation] = []
    n_context = len(context)
    prob_list, words_list, ei_list = prob.tolist(), words.tolist(), ei.tolist()
    reach_list = reach.tolist()
    first_rows = rows[first].tolist()
    for n, j in enumerate(picked):
        gg, e = gi_list[j], ei_list[j]
        srcs_c = tuple(run_src[present[n]].tolist())
        # built as the dataclass's __init__ would (frozen, every field set, no __post_init__), without
        # its per-field object.__setattr__ calls
        c = object.__new__(Continuation)
        c.__dict__.update(
            text=codec.from_units(gw[gg, : e + 1]),
            depth=depth_of[n],
            anchored=anchored and reach_list[gg] == n_context,
            probability=prob_list[j],
            reports=len(srcs_c),
            row=first_rows[gg],
            sources=srcs_c,
            words=words_list[j] + 1,
            profile=profiles[n],
        )
        out.append(c)
    return out
