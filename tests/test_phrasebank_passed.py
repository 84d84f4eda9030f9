"""Continuations the drafter typed past are not offered first again (phrasebank.passed, via the protocol)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from phrasebank import Bank, open_banks
from phrasebank.passed import PassedOver
from phrasebank.protocol import Session
from tests._phrasebank_fixtures import mine_bodies_bank

COUNTY = {"year": 2026, "org": "某某县人民政府", "short": "我县", "part": "measures"}


@dataclass
class _S:
    insert: str
    replace: int = 0


def test_what_was_typed_past_is_avoided_while_the_paragraph_goes_on() -> None:
    passed = PassedOver()
    assert passed.avoid("全面推行") == ()
    passed.shown("全面推行", [_S("行政执法公示制度"), _S("政务公开"), _S("的", 0), _S("法治", 3)])
    # typed 「行」 by hand: the rest of the first is what was turned down; 「政务公开」 did not start with it
    assert passed.avoid("全面推行行") == ("政执法公示制度",)
    passed.shown("全面推行行", [])
    # still typing past it: its rest goes on being avoided
    assert passed.avoid("全面推行行政") == ("执法公示制度",)
    passed.shown("全面推行行政", [])
    # the drafter left it (typed something else): nothing more to avoid
    assert passed.avoid("全面推行行政许") == ()


def test_only_pure_continuations_worth_taking_count_and_a_change_forgets() -> None:
    passed = PassedOver()
    passed.avoid("依法")
    # a whole phrase (replace > 0) rewrites the clause; 「行政」 at place 3 costs 4 keystrokes: neither counts
    passed.shown("依法", [_S("行政决策程序", 2), _S("治", 0), _S("x", 0), _S("行政", 0)])
    assert passed.avoid("依法行") == ()
    passed.shown("依法行", [_S("政决策")])
    assert passed.avoid("依法") == ()  # a backspace: nothing was typed past
    passed.shown("依法", [_S("行政决策")])
    assert passed.avoid("依法行政决策") == ()  # taken whole: nothing of it is left
    passed.shown("依法行政决策", [_S("程序规定")])
    assert passed.avoid("另一段") == ()  # another paragraph


def test_taking_a_shorter_form_passes_over_only_what_would_have_saved_more() -> None:
    """Taking 「部门」 at the first place saves one keystroke, as 「部门的职责」 at the fourth would have: the
    drafter may take either, so the longer one is not turned down. A longer form that would have saved more
    (「示制度、执法全过程记录制度」 at the second place against 「示制度」 at the first) is."""
    passed = PassedOver()
    passed.avoid("明确了各")
    passed.shown("明确了各", [_S("部门"), _S("类市场主体"), _S("部门的"), _S("部门的职责")])
    assert passed.avoid("明确了各部门") == ()
    passed.shown("明确了各部门", [])
    assert passed.avoid("明确了各部门的") == ()  # nothing carried over either

    passed = PassedOver()
    passed.avoid("全面推行行政执法公")
    passed.shown("全面推行行政执法公", [_S("示制度"), _S("示制度、执法全过程记录制度"), _S("开透明")])
    assert passed.avoid("全面推行行政执法公示制度") == ("、执法全过程记录制度",)
    # typed by hand, the same characters save nothing: every longer form worth taking was passed over
    passed = PassedOver()
    passed.avoid("明确了各")
    passed.shown("明确了各", [_S("类市场主体"), _S("部门的职责")])
    assert passed.avoid("明确了各部") == ("门的职责",)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return open_banks(mine_bodies_bank(tmp_path_factory), builtin=False)


def test_the_session_does_not_offer_first_what_the_drafter_just_typed_past(bank: Bank) -> None:
    """Typing a clause, at each place the drafter types the next character by hand: whatever of the list
    they typed past (continuations worth taking that start with that character) comes back only after every
    other continuation; a session that saw no list offers some of it earlier, so the test would catch a
    session that forgot."""
    clause = "严格规范公正文明执法，全面推行行政执法公示制度"
    checked = 0
    for i in range(1, len(clause)):
        session = Session(bank)
        before = session.handle({"text": clause[:i], **COUNTY})["suggestions"]
        typed = clause[i]
        rests = tuple(
            s["insert"][1:]
            for place, s in enumerate(before)
            if s["kind"] == "continuation"
            and s["insert"].startswith(typed)
            and len(s["insert"]) > max(place + 1, 1)
        )
        if not rests:
            continue
        after = session.handle({"text": clause[: i + 1], **COUNTY})["suggestions"]
        passed = [s["insert"].startswith(rests) for s in after if s["kind"] == "continuation"]
        assert passed == sorted(passed), (clause[: i + 1], rests, after)
        fresh = Session(bank).handle({"text": clause[: i + 1], **COUNTY})["suggestions"]
        again = [s["insert"].startswith(rests) for s in fresh if s["kind"] == "continuation"]
        checked += again != sorted(again)
    assert checked > 0
