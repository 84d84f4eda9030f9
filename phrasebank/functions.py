"""Tagging a phrase with its rhetorical function (总体概述, 具体举措, 数据成效, 问题表述 …).

The Manchester Academic Phrasebank sorts phrasing by what it does, not only by where it goes; a drafter
writing the shortcomings part wants 「问题表述」 and 「原因分析」 phrasing, not measures. The rules are data
(``templates/fzzf/phrase_functions.toml``): patterns that vote for a function, plus a bonus from the part
the phrase was found in.
"""

from __future__ import annotations

from .rules import FunctionRules


def tag(template: str, part: str | None, rules: FunctionRules) -> str:
    """The rhetorical function of a phrase template found in ``part`` (a part or task id, or None), by the
    kind's rules (:func:`phrasebank.rules.function_rules`)."""
    best_name, best_score = rules.default, 0.0
    for rule in rules.rules:
        score = sum(rule.weight for p in rule.pattern if p.search(template))
        if score and part is not None and part in rule.parts:
            score += rule.part_bonus
        if score > best_score:
            best_name, best_score = rule.name, score
    return best_name if best_score >= rules.min_score else rules.default


def function_names(rules: FunctionRules) -> tuple[str, ...]:
    """Every function a phrase can be tagged with (for browsing)."""
    names = list(rules.names)
    if rules.default not in names:
        names.insert(0, rules.default)
    return tuple(names)
