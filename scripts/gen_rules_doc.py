"""Write docs/rules.md from the rule registry (run after adding or changing a rule)."""

from __future__ import annotations

from pathlib import Path

from drafter.app.rules import rules_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    target.write_text(rules_markdown() + "\n", "utf-8")
    print(f"wrote {target}")
