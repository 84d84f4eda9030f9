"""Publication safety: what must not reach a report that is published to the public.

The regulation (第二十四条) has the report published 「除涉及党和国家秘密的」, after a 保密审查. What reviewers
send back is ordinary: an ID-card number or a mobile number left in a case description, a 「内部资料」 or
密级 mark copied from an internal draft, the name of a party in an individual case. The patterns, the words
that excuse them and the messages are data (``rules.toml`` ``[publication]``); an ID-card number counts
only when its GB 11643 check digit is valid, so a long file number is not taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "publication"

_ID = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![0-9])(1[3-9]\d(?:[ -]?\d{4}){2})(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit_ok(number: str) -> bool:
    """GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17 digits."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    marks = re.compile(data["mark_pattern"])
    party = re.compile(data["party_pattern"])
    surnames = set(data.get("surnames", ""))
    not_names = tuple(data.get("not_names", []))
    for unit in ctx.units():
        text = unit.text
        for m in _ID.finditer(text):
            if id_check_digit_ok(m.group(1)):
                yield _hit(ctx, data, unit, m.start(1), m.end(1), "id-card", "id_card")
        for m in _MOBILE.finditer(text):
            yield _hit(ctx, data, unit, m.start(1), m.end(1), "mobile", "mobile")
        for m in marks.finditer(text):
            yield _hit(ctx, data, unit, m.start(), m.end(), "secret-mark", "secret_mark")
        for m in party.finditer(text):
            name = m.group("name")
            if name[0] not in surnames or "某" in name or name.startswith(not_names):
                continue
            yield _hit(
                ctx,
                data,
                unit,
                m.start("name"),
                m.end("name"),
                "party-name",
                "party_name",
                role=m.group("role"),
            )


def _hit(
    ctx: CheckContext,
    data: dict[str, Any],
    unit: Any,
    start: int,
    end: int,
    rule: str,
    key: str,
    **values: Any,
) -> Finding:
    found = unit.text[start:end]
    masked = found[:2] + "*" * max(0, len(found) - 4) + found[-2:] if len(found) > 6 else found[:1] + "某"
    return ctx.finding(
        f"{FAMILY}.{rule}",
        data[key],
        unit.at(start, end),
        basis=data.get("basis", ""),
        excerpt=found,
        found=found,
        masked=masked,
        **values,
    )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="publication",
    name="公开前保密审查",
    table="publication",
    check=check,
    order=45,
    description="报告要向社会公开：身份证号码、手机号码、密级和「内部」标志、个案当事人姓名不应出现。",
    required_keys=("mark_pattern", "party_pattern"),
    rules=(
        Rule("publication.id-card", "身份证号码", "校验位正确的18位公民身份号码。", "error", "id_card"),
        Rule("publication.mobile", "手机号码", "11位手机号码。", "error", "mobile"),
        Rule(
            "publication.secret-mark",
            "密级或内部标志",
            "「秘密★」「内部资料」「注意保存」等标志。",
            "error",
            "secret_mark",
        ),
        Rule(
            "publication.party-name",
            "当事人姓名",
            "个案中写出了当事人、申请人等的真实姓名。",
            "warning",
            "party_name",
        ),
    ),
)
