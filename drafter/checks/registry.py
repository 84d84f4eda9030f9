"""The rule registry: every check family and every rule it can report, declared in one place each.

A family is a :class:`Family` object in its own module, registered in the entry-point group
``drafter.checks`` (the built-in families register there exactly as a third party's would). Each family
declares its rules: a stable id, a Chinese name and description, the default severity, and the key of its
message template in the kind's ``rules.toml``. Nothing else in the code spells a rule id or a severity
default, so ``drafter rules`` and the rule list in docs/rules.md are always complete, and a user can switch
a rule off or change its severity in their own ``rules.toml`` (see :mod:`drafter.checks.user_rules`).

A family runs on a kind when the kind's ``rules.toml`` has the family's table. A table that matches no
registered family is an error (a misspelt table must never switch a family off in silence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from ..errors import KindError
from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..kinds import Kind

#: ``check(ctx: drafter.checks.context.CheckContext) -> Iterable[Finding]`` (the context module imports
#: this one, so it is named here, not imported).
CheckFunction = Callable[[Any], Iterable[Finding]]

ENTRY_POINT_GROUP = "drafter.checks"
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "hint")


@dataclass(frozen=True)
class Rule:
    """One thing a family can report."""

    #: Stable id, "<family>.<name>" (shown in --json, used in the user's rules.toml).
    id: str
    #: Short Chinese name (shown to people instead of the id).
    name: str
    #: What it finds and why a reviewer cares, in Chinese.
    description: str
    severity: Severity = "warning"
    #: The key of the message template in the family's table of the kind's rules.toml ("" = none needed).
    message: str = ""
    #: True when findings carry an instance after the id ("stale.pufa-7" for the rule "stale.term"):
    #: the instance comes from the kind's data (a term id, a part id).
    instances: str = ""

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def short(self) -> str:
        return self.id.split(".", 1)[1]


@dataclass(frozen=True)
class Family:
    """A rule family: the check function, the table of rules.toml it reads, and the rules it reports."""

    id: str
    name: str
    #: The family's table in the kind's rules.toml.
    table: str
    check: CheckFunction
    rules: tuple[Rule, ...]
    #: Reading order of a reviewer (lower first).
    order: int = 100
    description: str = ""
    #: Message keys a kind must define in the table (validated at load), besides the rules' own.
    required_keys: tuple[str, ...] = field(default=())

    def rule(self, short: str) -> Rule:
        for r in self.rules:
            if r.short == short:
                return r
        raise KeyError(f"{self.id}.{short}")


class Registry:
    """The families in reading order, and every rule by id."""

    def __init__(self, families: Iterable[Family]) -> None:
        self.families = tuple(sorted(families, key=lambda f: (f.order, f.id)))
        self.by_table = {f.table: f for f in self.families}
        self.rules: dict[str, Rule] = {r.id: r for f in self.families for r in f.rules}

    def family(self, family_id: str) -> Family | None:
        return next((f for f in self.families if f.id == family_id), None)

    def rule_for(self, finding_rule: str) -> Rule | None:
        """The registered rule of a finding's rule id (an instance id such as "stale.pufa-7" included)."""
        rule = self.rules.get(finding_rule)
        if rule is not None:
            return rule
        family = finding_rule.split(".", 1)[0]
        return next(
            (r for r in self.rules.values() if r.instances and r.family == family),
            None,
        )

    def enabled(self, kind: Kind) -> list[Family]:
        """The families a kind turns on (its rules.toml has their table), after validating that file."""
        validate_rules_file(kind, self)
        tables = kind.data("rules.toml")
        return [f for f in self.families if f.table in tables]


@cache
def registry() -> Registry:
    """All families installed through the ``drafter.checks`` entry points (built-in ones included)."""
    families: list[Family] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj: Any = ep.load()
        except Exception as exc:  # a broken third-party family must not take the checker down
            raise KindError(f"检查类别「{ep.name}」加载失败：{exc}") from exc
        if not isinstance(obj, Family):
            raise KindError(f"检查类别「{ep.name}」的入口没有给出 Family 对象")
        families.append(obj)
    ids = [f.id for f in families]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise KindError(f"检查类别重复登记：{'、'.join(dup)}")
    return Registry(families)


def validate_rules_file(kind: Kind, reg: Registry | None = None) -> None:
    """Every table of the kind's rules.toml belongs to a registered family, and holds its messages."""

    def check() -> bool:
        r = reg or registry()
        tables = kind.data("rules.toml")
        for name, table in tables.items():
            family = r.by_table.get(name)
            if family is None:
                known = "、".join(f.table for f in r.families)
                raise KindError(
                    f"报告类型「{kind.id}」的 rules.toml 中的表「{name}」不对应任何已登记的检查类别（可用：{known}）"
                )
            if not isinstance(table, dict):
                raise KindError(f"报告类型「{kind.id}」的 rules.toml 中「{name}」应为一个表")
            for key in (*family.required_keys, *(ru.message for ru in family.rules if ru.message)):
                path = key.split(".")
                node: Any = table
                for part in path:
                    node = node.get(part) if isinstance(node, dict) else None
                if not isinstance(node, str):
                    raise KindError(
                        f"报告类型「{kind.id}」的 rules.toml 中缺少消息模板「{name}.{key}」（应为文字）"
                    )
            overrides = table.get("severity", {})
            if not isinstance(overrides, dict):
                raise KindError(f"报告类型「{kind.id}」的 rules.toml 中「{name}.severity」应为一个表")
            for short, value in overrides.items():
                if value not in SEVERITIES:
                    raise KindError(
                        f"报告类型「{kind.id}」的 rules.toml 中「{name}.severity.{short}」应为 error、warning 或 hint"
                    )
                if short not in {ru.short for ru in family.rules}:
                    raise KindError(
                        f"报告类型「{kind.id}」的 rules.toml 中「{name}.severity」没有规则「{short}」"
                    )
        return True

    kind.typed("checks.validated", check)


def kind_severity(kind: Kind, rule: Rule) -> Severity:
    """A rule's severity for a kind: the kind's ``[<table>.severity]`` override, else the rule's default."""
    reg = registry()
    family = reg.family(rule.family)
    if family is None:
        return rule.severity
    table = kind.data("rules.toml").get(family.table, {})
    value = table.get("severity", {}).get(rule.short) if isinstance(table, dict) else None
    return value if value in SEVERITIES else rule.severity
