"""Which continuations fill the list, and in what order: the list worth most to the drafter as a whole.

Ranking each continuation by the characters it is expected to save when offered first
(:mod:`phrasebank.ranking`) is right for the first place only. Further down, a continuation is worth what
it adds to the ones above it, and continuations from the cursor are never independent: two of them are
either nested (「示制度」 and 「示制度、执法全过程记录制度」: whenever the longer fits, the shorter does too) or
exclusive (they part at some character, so at most one fits). A second place given to the shorter form of
the first adds only when the longer one fails; given to a rival it adds whenever the rival is right.

So the candidates form a tree by prefix; from each one's chance of fitting follows the chance that it is
the deepest that fits, and the drafter, seeing the list, takes the fitting one that saves most once its
place is paid (taking place ``i`` costs ``1 + i`` keystrokes, as the keystroke benchmark counts). The list
is filled place by place with the candidate that adds most to that expected saving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """A continuation as the list builder sees it: what it inserts and its chance of fitting."""

    insert: str
    chance: float
    #: Inserted at the cursor with nothing replaced (only those can nest).
    pure: bool = True


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


def best_list(offers: Sequence[Offer], places: int) -> list[int]:
    """Indices of the offers to show, best first: each place goes to the offer that adds most to the
    keystrokes the list is expected to save (ties: the earlier offer, so the given order decides)."""
    deepest, prefixes = _deepest_chances(offers)
    # per outcome (which offer is the deepest that fits), what the places filled so far save
    saved = [0.0] * len(offers)
    chosen: list[int] = []
    for place in range(min(max(places, 0), len(offers))):
        best, best_gain = -1, -1.0
        for cand in range(len(offers)):
            if cand in chosen:
                continue
            worth = len(offers[cand].insert) - 1 - place
            gain = sum(
                deepest[outcome] * (worth - saved[outcome])
                for outcome in range(len(offers))
                if cand in prefixes[outcome] and worth > saved[outcome]
            )
            if gain > best_gain:
                best, best_gain = cand, gain
        chosen.append(best)
        worth = len(offers[best].insert) - 1 - place
        for outcome in range(len(offers)):
            if best in prefixes[outcome]:
                saved[outcome] = max(saved[outcome], worth)
    return chosen
