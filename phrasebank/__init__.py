"""Phrasebank: reusable phrasing mined from past reports, suggested as the drafter types.

Public surface: :func:`suggest`, :func:`open_banks`, :func:`warm_up`, :func:`mine`, :class:`Suggestion`,
:class:`Bank`. Never imports textual: the TUI is one client among others (CLI, tests, scripts).
"""

from __future__ import annotations

from .bank import Bank, Suggestion
from .mine import MineResult, mine
from .suggest import default_bank, open_banks, reset_default_bank, suggest, user_bank_path, warm_up

__all__ = [
    "Bank",
    "MineResult",
    "Suggestion",
    "default_bank",
    "mine",
    "open_banks",
    "reset_default_bank",
    "suggest",
    "user_bank_path",
    "warm_up",
]
