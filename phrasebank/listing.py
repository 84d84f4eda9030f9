"""Which continuations fill the list, and in what order: the list worth most to the drafter as a whole.

Ranking each continuation by the characters it is expected to save when offered first
(:mod:`phrasebank.ranking`) is right for the first place only. Further down, a continuation is worth what
it adds to the ones above it, and continuations from the cursor are never independent: two of them are
either nested (「示制度」 and 「示制度、执法全过程记录制度」: whenever the longer fits, the shorter does too) or
exclusive (they part at some character, so at most one fits). A second place given to the shorter form of
the first adds only when the longer one fails; given to a rival it adds whenever the rival is right.

So the candidates form a tree by prefix; from each one's chance of fitting follows the chance that it is
the deepest that fits, and the drafter, seeing the list, takes the fitting one that saves most once its
place is paid (taking place ``i`` costs ``1 + i`` keystrokes, as the keystroke benchmark counts). What
that is worth is less than the characters it saves (:func:`worth`): without it the drafter types one more
character and is offered the rest then. The list is filled place by place with the candidate that adds
most to what it is expected to be worth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: How fast what a continuation is worth grows with its length (see :func:`worth`). Keystroke benchmark
#: (``benchmarks/keystroke_savings.py``, fold models): 18,365 keystrokes counted by length (exponent 1),
#: 18,319 at 0.5, 18,296 at 0.6, 18,304 at 0.7; every report gained.
WORTH_EXPONENT = 0.6


@dataclass(frozen=True)
class Offer:
    """A continuation as the list builder sees it: what it inserts and its chance of fitting."""

    insert: str
    chance: float
    #: Inserted at the cursor with nothing replaced (only those can nest).
    pure: bool = True
    #: Goes on with what the drafter just typed past (:mod:`phrasebank.passed`): shown only after the rest.
    passed: bool = False


def chance_of(saving: float, insert: str) -> float:
    """The chance that a continuation fits, from the characters it is expected to save when taken first
    (:func:`phrasebank.ranking.expected_savings`: the chance times its length less the keystroke)."""
    return min(max(saving / (len(insert) - 1), 0.0), 1.0) if len(insert) > 1 else 0.0


def _deepest_chances(offers: Sequence[Offer]) -> tuple[list[float], list[list[int]]]:
    """For each offer, the chance that it is the deepest offer that fits, and the offers it extends
    (itself included): its prefixes among the offers."""
    n = len(offers)
    chance = [min(max(o.chance, 0.0), 1.0) for o in offers]
    prefixes: list[list[int]] = [[i] for i in range(n)]
    longer: list[list[int]] = [[] for _ in range(n)]
    for i, a in enumerate(offers):
        if not a.pure:
            continue
        for j, b in enumerate(offers):
            if i != j and b.pure and len(b.insert) > len(a.insert) and b.insert.startswith(a.insert):
                prefixes[j].append(i)
                longer[i].append(j)
    # whenever a longer form fits, its prefix does: a prefix is at least as likely
    for i in sorted(range(n), key=lambda i: -len(offers[i].insert)):
        for j in longer[i]:
            chance[i] = max(chance[i], chance[j])
    # the offers extending i directly (no offer between) part from each other: exclusive
    direct = [[j for j in longer[i] if not any(j in longer[m] for m in longer[i])] for i in range(n)]
    deepest = [max(chance[i] - min(sum(chance[j] for j in direct[i]), chance[i]), 0.0) for i in range(n)]
    return deepest, prefixes


def worth(length: int) -> float:
    """What taking a fitting continuation of ``length`` characters saves, at this keystroke: not its length
    less the keystroke, but what it saves over typing one more character and being offered the rest then.

    After one more character the rest of a long continuation is usually offered again, and more surely
    (its context is longer): in the leave-one-report-out typing runs a fitting continuation of 2
    characters was worth 0.7 keystrokes over typing on, of 3 characters 1.0, of 5 characters 1.55 and of
    7 or more 1.5–1.75 (``benchmarks/fit_continuation_ranking.py`` prints them as ``worth_by_length``).
    Counting each continuation at its length put long shots above likely short ones. The shape
    ``(length - 1) **`` :data:`WORTH_EXPONENT` keeps a 2-character one at the keystroke it saves and grows
    ever more slowly.
    """
    return float(length - 1) ** WORTH_EXPONENT if length > 1 else 0.0


def _payoff(offer: Offer, place: int) -> tuple[int, float]:
    """Taken at ``place``: the keystrokes it saves (what the drafter chooses by) and what that is worth."""
    length = len(offer.insert)
    return length - 1 - place, worth(length) - place


def best_list(offers: Sequence[Offer], places: int) -> list[int]:
    """Indices of the offers to show, best first: each place goes to the offer that adds most to what the
    list is expected to be worth (ties: the earlier offer, so the given order decides).

    The drafter (as the keystroke benchmark's typist) takes, of the offers that fit, the one saving most
    keystrokes once its place is paid; that choice is worth :func:`worth` of its length less its place."""
    deepest, prefixes = _deepest_chances(offers)
    n = len(offers)
    # per outcome (which offer is the deepest that fits): what the offer the drafter would take saves and
    # is worth (see _payoff)
    taken = [(0, 0.0)] * n
    chosen: list[int] = []
    for place in range(min(max(places, 0), n)):
        best, best_gain = -1, -1.0
        for cand in range(n):
            if cand in chosen:
                continue
            saves, value = _payoff(offers[cand], place)
            gain = sum(
                deepest[outcome] * (value - taken[outcome][1])
                for outcome in range(n)
                if cand in prefixes[outcome] and saves > taken[outcome][0]
            )
            if gain > best_gain:
                best, best_gain = cand, gain
        chosen.append(best)
        payoff = _payoff(offers[best], place)
        for outcome in range(n):
            if best in prefixes[outcome] and payoff[0] > taken[outcome][0]:
                taken[outcome] = payoff
    return chosen


def arrange(offers: Sequence[Offer], places: int) -> list[int]:
    """The list as shown: :func:`best_list` of the offers not typed past, then those typed past (in the
    order given), ``places`` in all. Used by the bank and by the fit script's typist alike."""
    fresh = [i for i, o in enumerate(offers) if not o.passed]
    chosen = [fresh[i] for i in best_list([offers[i] for i in fresh], places)]
    return (chosen + [i for i, o in enumerate(offers) if o.passed])[: max(places, 0)]
