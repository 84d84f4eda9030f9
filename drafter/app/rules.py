"""The list of every rule the checker can report, for ``drafter rules`` and the generated docs/rules.md."""

from __future__ import annotations

from typing import Any

from ..checks.registry import kind_severity, registry
from ..checks.user_rules import RuleSettings, load_rule_settings, user_rules_path
from ..findings import SEVERITY_ZH
from ..kinds import Kind


def rule_rows(kind: Kind | None = None, settings: RuleSettings | None = None) -> list[dict[str, Any]]:
    """One row per rule: id, family, names, default severity, and what applies for a kind and a user."""
    reg = registry()
    enabled = {f.id for f in reg.enabled(kind)} if kind is not None else None
    rows = []
    for family in reg.families:
        for rule in family.rules:
            severity = kind_severity(kind, rule) if kind is not None else rule.severity
            effective: str = severity
            if settings is not None:
                for key in (rule.id, family.id):
                    if key in settings.overrides:
                        effective = settings.overrides[key]
                        break
            if enabled is not None and family.id not in enabled:
                effective = "off"
            rows.append(
                {
                    "id": rule.id,
                    "family": family.id,
                    "family_name": family.name,
                    "name": rule.name,
                    "description": rule.description,
                    "default_severity": rule.severity,
                    "severity": effective,
                    "instances": rule.instances or None,
                }
            )
    return rows


def rules_markdown() -> str:
    """docs/rules.md: generated from the registry (a test keeps the file in step)."""
    reg = registry()
    out = [
        "# 检查规则一览",
        "",
        "本文件由 `python scripts/gen_rules_doc.py` 根据规则注册表自动生成，请勿手工修改。",
        "`drafter rules` 列出同样的内容；在用户配置文件夹的 `rules.toml` 中可关闭某条规则或改变其严重程度：",
        "",
        "```toml",
        "[rules]",
        '"required.other" = "off"',
        '"leftovers.carried" = "error"',
        "```",
        "",
    ]
    for family in reg.families:
        out += [f"## {family.name}（`{family.id}`）", "", family.description, ""]
        out += ["| 规则 | 名称 | 默认 | 说明 |", "|---|---|---|---|"]
        for rule in family.rules:
            rid = f"`{rule.id}`" + (f"（按{rule.instances}细分）" if rule.instances else "")
            out.append(f"| {rid} | {rule.name} | {SEVERITY_ZH[rule.severity]} | {rule.description} |")
        out.append("")
    return "\n".join(out)


def settings_for_user() -> tuple[RuleSettings, str]:
    return load_rule_settings(True), str(user_rules_path())
