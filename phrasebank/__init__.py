"""Phrasebank: how past reports went on, offered as the drafter types — continuations and whole phrases.

Public surface: :func:`suggest`, :func:`open_banks`, :func:`warm_up`, :func:`mine`, :class:`Suggestion`,
:class:`Bank`; the stdio protocol every front end speaks is :mod:`phrasebank.protocol` (``handle_request``,
``serve_stdio``, ``Session``), bank maintenance is :mod:`phrasebank.maintenance` (``list_sources``,
``remove_source``, ``stats``). Never imports textual: the TUI is one client among others (CLI, tests,
scripts).
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
