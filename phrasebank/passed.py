"""Continuations the drafter passed over: not offered again while they keep typing past them.

When the list showed 「法行政工作」 and the drafter typed 「法」 by hand instead of taking it, the rest of it,
「行政工作」, is what they did not want: offering it again at the next keystroke (and 「政工作」 at the one
after) fills the list's first places with what was just turned down. Predictive keyboards demote a passed-over
word the same way. Only suggestions that were worth taking count (longer than the keystrokes taking them at
their place would cost), since a short one low in the list may have been skipped for its price, not for
being wrong; and when the drafter took a suggestion, a longer one going on from it is turned down only if
it would have saved more (taking 「部门」 first saves as much as 「部门的职责」 fourth would have: the
drafter had no reason to prefer the longer one, so it may well be right). The record lasts while each
request extends the previous one; a paragraph changed in any other way (a deletion, another paragraph)
forgets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Shown(Protocol):
    """What of a suggestion this needs (:class:`phrasebank.bank.Suggestion` has it)."""

    insert: str
    replace: int


class PassedOver:
    """One session's record of the continuations shown at the last request."""

    def __init__(self) -> None:
        self._text = ""
        self._shown: list[tuple[int, str]] = []
        self._avoid: tuple[str, ...] = ()

    def avoid(self, text: str) -> tuple[str, ...]:
        """The inserts not to offer first for ``text``: what the drafter typed past since the last request."""
        typed = text[len(self._text) :] if text.startswith(self._text) else None
        if not typed:
            # another paragraph, a deletion, or the same text asked again: nothing was passed over
            self._avoid = () if typed is None else self._avoid
            self._shown = [] if typed is None else self._shown
            self._text = text
            return self._avoid
        # what the drafter's way of typing this saved: a suggestion taken, at its place, or nothing (by hand)
        done = max([0, *(len(ins) - 1 - place for place, ins in self._shown if ins == typed)])
        rest = {
            shown[len(typed) :]
            for shown in self._avoid
            if len(shown) > len(typed) and shown.startswith(typed)
        }
        rest.update(
            ins[len(typed) :]
            for place, ins in self._shown
            if len(ins) > len(typed) and ins.startswith(typed) and len(ins) - 1 - place > done
        )
        self._text = text
        self._shown = []
        self._avoid = tuple(sorted(rest))
        return self._avoid

    def shown(self, text: str, suggestions: Sequence[Shown]) -> None:
        """Record the list answered for ``text`` (pure continuations only: a whole phrase rewrites the clause)."""
        if text != self._text:
            self._avoid = ()
            self._text = text
        # pure continuations with their places: one taken tells what the drafter chose, one worth taking
        # (saving more than its place costs) and typed past was turned down
        self._shown = [(place, s.insert) for place, s in enumerate(suggestions) if s.replace == 0]
