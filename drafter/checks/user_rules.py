"""The user's own rule settings: switch a rule off, or change its severity, without touching the kind.

A clerk whose unit never writes 「其他需要报告的情况」 may not want the hint every time; a reviewer may want the
carried-paragraph warning as an error. The file sits beside the user's ``layout.toml``::

    [rules]
    "required.other" = "off"        # a rule (or one instance of it: "stale.pufa-7")
    "leftovers.carried" = "error"
    "numbering" = "hint"            # a whole family

Values: "off", "error", "warning", "hint". An id that no registered family declares is an error, so a typo
never leaves a rule on that the user meant to switch off.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..findings import Finding
from .registry import SEVERITIES, Registry, registry

RULES_FILE = "rules.toml"
VALUES = ("off", *SEVERITIES)


def user_rules_path() -> Path:
    """Where the user's rule settings live (may not exist)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter")) / RULES_FILE


@dataclass(frozen=True)
class RuleSettings:
    """Severity overrides by rule id, instance id or family id ("off" drops the finding)."""

    overrides: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def apply(self, findings: list[Finding], reg: Registry | None = None) -> list[Finding]:
        if not self.overrides:
            return findings
        reg = reg or registry()
        out = []
        for f in findings:
            rule = reg.rule_for(f.rule)
            keys = [f.rule]
            if rule is not None:
                keys += [rule.id, rule.family]
            value = next((self.overrides[k] for k in keys if k in self.overrides), None)
            if value == "off":
                continue
            if value is not None and value != f.severity:
                from dataclasses import replace

                f = replace(f, severity=value)  # type: ignore[arg-type]
            out.append(f)
        return out


def load_rule_settings(path: str | os.PathLike[str] | bool | None = True) -> RuleSettings:
    """The user's settings: ``True`` reads the default file if there is one, ``None``/``False`` none."""
    if path is None or path is False:
        return RuleSettings()
    p = user_rules_path() if path is True else Path(path)
    if not p.is_file():
        if path is True:
            return RuleSettings()
        raise InputError(f"找不到规则设置文件：{p}")
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取规则设置文件 {p}：{exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"规则设置文件 {p} 格式有误：{exc}") from exc
    table = data.get("rules", {})
    if not isinstance(table, dict):
        raise InputError(f"规则设置文件 {p} 中 [rules] 应为一个表")
    reg = registry()
    families = {f.id for f in reg.families}
    for key, value in table.items():
        if value not in VALUES:
            raise InputError(f"规则设置文件 {p} 中「{key}」的值应为 off、error、warning 或 hint")
        if key not in families and reg.rule_for(key) is None:
            raise InputError(
                f"规则设置文件 {p} 中的「{key}」不是已登记的规则；运行 drafter rules 查看全部规则"
            )
    return RuleSettings(dict(table), str(p))
