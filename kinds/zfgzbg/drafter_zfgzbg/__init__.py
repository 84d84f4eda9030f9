"""The report kind 政府工作报告 (government work report), kind id ``zfgzbg``, as a drafter plugin.

The kind is a data folder (``data/``): its outline, how reports name their parts, the checks that apply to
it and its own phrasebank mined from the national reports 1954–2025. drafter finds it through the entry
point ``drafter.kinds`` declared in this distribution's pyproject, exactly as it finds the built-in kind.
"""

from __future__ import annotations

from pathlib import Path

from drafter.kinds import Kind

__all__ = ["DATA", "kind"]

#: The kind's data folder, shipped inside the package so a wheel carries it.
DATA = Path(__file__).resolve().parent / "data"


def kind() -> Kind:
    """The kind object drafter asks the entry point for (read and validated on first use)."""
    return Kind.from_dir(DATA)
