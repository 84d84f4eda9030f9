"""The suggestion list as a whole (phrasebank.listing): continuations from the cursor are nested or
exclusive, so a place is worth what it adds to the places above it."""

from __future__ import annotations

import itertools

from phrasebank.listing import Offer, _deepest_chances, arrange, best_list, worth

LONG = Offer("示制度、执法全过程记录制度", 0.5)
SHORT = Offer("示制度", 0.9)
RIVAL = Offer("开透明", 0.4)


def _value(offers: list[Offer], order: list[int], truth: str) -> float:
    """What the list is worth when the clause goes on with ``truth``: the keystroke benchmark's typist
    takes the fitting offer that saves most keystrokes after its place is paid, and that is worth what
    taking it saves over typing on (:func:`phrasebank.listing.worth`) less its place."""
    taken = [
        (len(offers[i].insert) - 1 - place, worth(len(offers[i].insert)) - place)
        for place, i in enumerate(order)
        if truth.startswith(offers[i].insert) and len(offers[i].insert) - 1 - place > 0
    ]
    return max(taken, key=lambda t: t[0])[1] if taken else 0.0


def test_a_continuation_is_worth_less_than_its_length() -> None:
    # taking a continuation saves over typing one more character and being offered the rest then: the
    # longer it is, the less each further character adds
    assert worth(1) == 0.0 and worth(2) == 1.0
    steps = [worth(n + 1) - worth(n) for n in range(2, 30)]
    assert all(0 < b < a < 1 for a, b in itertools.pairwise(steps))
    assert worth(12) < 11 / 2


def test_the_first_place_goes_to_the_largest_expected_worth() -> None:
    offers = [SHORT, RIVAL, LONG]
    assert best_list(offers, 1) == [2]  # 0.5 × worth(13) beats 0.9 × worth(3) and 0.4 × worth(3)


def test_a_likely_short_continuation_comes_before_a_long_shot() -> None:
    # by characters alone the long one would come first (0.15 × 12 = 1.8 against 0.6 × 2 = 1.2); but when
    # it fits, one more character typed would bring it back more surely, so it is worth far less than 12
    likely = Offer("开透明", 0.6)
    long_shot = Offer("示制度、执法全过程记录制度", 0.15)
    assert best_list([long_shot, likely], 2) == [1, 0]


def test_a_second_place_goes_to_a_rival_rather_than_the_shorter_form_of_the_first() -> None:
    short = Offer("示制度", 0.9)
    rival = Offer("开征求意见", 0.4)
    offers = [LONG, short, rival]
    # by expected saving alone the shorter form (0.9 × 2 = 1.8) would come before the rival (0.4 × 4 = 1.6);
    # but it helps only when the long form fails (0.4 of the time) and then saves one character at place 2
    assert best_list(offers, 2) == [0, 2]
    assert best_list(offers, 3) == [0, 2, 1]


def test_when_the_chances_are_right_the_list_chosen_is_the_best_of_all_lists() -> None:
    """With outcomes as likely as the offers say (the long form 0.5, the short one 0.7 so alone 0.2, a
    rival 0.3), the list chosen is worth most of every ordered pair, and more than the order by expected
    worth alone (long first, then short, then rival)."""
    short = Offer("示制度", 0.7)
    rival = Offer("开征求意见", 0.3)
    offers = [LONG, short, rival]
    outcomes = {LONG.insert + "，": 0.5, short.insert + "，": 0.2, rival.insert + "。": 0.3}

    def expected(order: list[int]) -> float:
        return sum(p * _value(offers, order, t) for t, p in outcomes.items())

    chosen = best_list(offers, 2)
    pairs = [[a, b] for a in range(3) for b in range(3) if a != b]
    assert expected(chosen) == max(expected(order) for order in pairs)
    assert chosen == [0, 2]
    assert expected(chosen) > expected([0, 1])


def test_a_prefix_is_at_least_as_likely_as_what_extends_it() -> None:
    # the model may score a longer form above its own prefix; whenever the longer fits, the prefix does,
    # so the prefix is the deepest fit only in what is left
    prefix, longer = Offer("法治", 0.1), Offer("法治政府建设", 0.6)
    assert _deepest_chances([prefix, longer])[0] == [0.0, 0.6]
    deepest, prefixes = _deepest_chances([Offer("法治", 0.8), longer, Offer("法治政府", 0.7)])
    assert [round(p, 6) for p in deepest] == [0.1, 0.6, 0.1]
    assert sorted(prefixes[1]) == [0, 1, 2] and sorted(prefixes[2]) == [0, 2]


def test_exclusive_extensions_share_their_prefix() -> None:
    # two ways on from 「法治」 part from each other: the prefix is deepest only when neither fits
    deepest, _ = _deepest_chances([Offer("法治", 0.9), Offer("法治政府", 0.5), Offer("法治建设", 0.3)])
    assert [round(p, 6) for p in deepest] == [0.1, 0.5, 0.3]


def test_ties_keep_the_order_given_and_places_are_bounded() -> None:
    a, b = Offer("甲乙丙", 0.5), Offer("丁戊己", 0.5)
    assert best_list([a, b], 2) == [0, 1]
    assert best_list([b, a], 2) == [0, 1]
    assert best_list([a, b], 0) == []
    assert best_list([a, b], 9) == [0, 1]
    assert best_list([], 3) == []


def test_a_replacing_offer_nests_with_nothing() -> None:
    # an offer that replaces typed characters is not read from the cursor: it cannot be a prefix
    replacing = Offer("示制", 0.9, pure=False)
    assert best_list([LONG, replacing], 2) == [0, 1]


def test_what_was_typed_past_comes_after_the_rest() -> None:
    # the list builder chooses among the fresh offers only; typed-past ones follow in the order given
    past = Offer("示制度、执法全过程记录制度", 0.9, passed=True)
    offers = [past, SHORT, RIVAL, Offer("开征求意见", 0.2, passed=True)]
    assert arrange(offers, 4) == [1, 2, 0, 3]
    assert arrange(offers, 2) == [1, 2]
    assert arrange([past, LONG], 2) == [1, 0]
    assert arrange(offers, 0) == []
