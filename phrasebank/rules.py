"""The phrasebank's rules, read once from the kind's data files (``phrase_mining.toml``, ``phrase_functions.toml``).

Noise patterns, numbers that are names, the words that become slots and the rhetorical-function rules change
with policy and with the reports people feed in; they live in TOML so that an edit there, not a code change,
adjusts mining.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from drafter.errors import KindError
from drafter.kinds import get_kind


@dataclass(frozen=True)
class MiningRules:
    min_chars: int
    max_chars: int
    min_chinese_ratio: float
    noise: re.Pattern[str]
    enumerators: tuple[str, ...]
    max_year_offset: int
    keep_numbers: frozenset[str]
    org_suffixes: tuple[str, ...]
    units: tuple[str, ...]
    unit_words: tuple[str, ...]
    unit_word_blockers: str
    short_forms: tuple[str, ...]
    short_form_blockers: str
    short_form_followers: str
    place_min_count: int
    not_places: frozenset[str]


def _get(table: dict[str, Any], key: str, name: str) -> Any:
    try:
        return table[key]
    except KeyError as exc:
        raise KindError(f"词句库规则文件 {name} 缺少 {key}") from exc


@cache
def mining_rules(kind_id: str) -> MiningRules:
    """Sentence and slot rules of a kind (cached: read once per process)."""
    name = "phrase_mining.toml"
    data = get_kind(kind_id).load_data(name)
    sent = _get(data, "sentences", name)
    slots = _get(data, "slots", name)
    try:
        noise = re.compile("|".join(f"(?:{p})" for p in sent.get("noise", [])) or r"(?!x)x")
    except re.error as exc:
        raise KindError(f"词句库规则文件 {name} 中的 noise 正则有误：{exc}") from exc
    return MiningRules(
        min_chars=int(sent.get("min_chars", 8)),
        max_chars=int(sent.get("max_chars", 160)),
        min_chinese_ratio=float(sent.get("min_chinese_ratio", 0.6)),
        noise=noise,
        enumerators=tuple(sent.get("enumerators", [])),
        max_year_offset=int(slots.get("max_year_offset", 2)),
        keep_numbers=frozenset(slots.get("keep_numbers", [])),
        org_suffixes=tuple(sorted(slots.get("org_suffixes", []), key=len, reverse=True)),
        units=tuple(sorted(slots.get("units", []), key=len, reverse=True)),
        unit_words=tuple(slots.get("unit_words", [])),
        unit_word_blockers=str(slots.get("unit_word_blockers", "")),
        short_forms=tuple(sorted(slots.get("short_forms", []), key=len, reverse=True)),
        short_form_blockers=str(slots.get("short_form_blockers", "")),
        short_form_followers=str(slots.get("short_form_followers", "")),
        place_min_count=int(slots.get("place_min_count", 3)),
        not_places=frozenset(slots.get("not_places", [])),
    )


@dataclass(frozen=True)
class FunctionRule:
    name: str
    weight: float
    pattern: tuple[re.Pattern[str], ...]
    parts: frozenset[str]
    part_bonus: float


@dataclass(frozen=True)
class FunctionRules:
    default: str
    min_score: float
    rules: tuple[FunctionRule, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rules)


@cache
def function_rules(kind_id: str) -> FunctionRules:
    """Rhetorical-function rules of a kind (cached)."""
    name = "phrase_functions.toml"
    data = get_kind(kind_id).load_data(name)
    rules = []
    for item in data.get("functions", []):
        try:
            pats = tuple(re.compile(p) for p in item.get("patterns", []))
        except re.error as exc:
            raise KindError(f"词句库规则文件 {name} 中「{item.get('name')}」的正则有误：{exc}") from exc
        rules.append(
            FunctionRule(
                name=_get(item, "name", name),
                weight=float(item.get("weight", 1.0)),
                pattern=pats,
                parts=frozenset(item.get("parts", [])),
                part_bonus=float(item.get("part_bonus", 0.0)),
            )
        )
    return FunctionRules(
        default=str(data.get("default", "具体举措")),
        min_score=float(data.get("min_score", 1.0)),
        rules=tuple(rules),
    )
