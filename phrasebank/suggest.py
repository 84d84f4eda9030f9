"""The library entry points: open the banks, warm them up, suggest.

The default bank (built-in + the user's own) is opened once per process and shared. Opening reads the index
stored in the bank (milliseconds; no tokenizer is needed to suggest), so :func:`warm_up` is cheap, but a UI
still calls it from a worker thread before the first keystroke. After that :func:`suggest` takes a few
milliseconds and is safe from any thread.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from drafter.model import Meta

from .bank import Bank, BankLayer, Suggestion
from .builtin import builtin_path
from .builtin_kind import BUILTIN_KIND

_lock = threading.Lock()
_default: Bank | None = None


def user_bank_path() -> Path:
    """Where the user's own bank lives (platformdirs' user data folder for "drafter")."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafter", appauthor=False)) / "phrasebank.sqlite"


def open_banks(user_bank: str | os.PathLike[str] | None = None, *, builtin: bool = True) -> Bank:
    """The built-in bank with the user's bank layered over it.

    ``user_bank`` None means the default user bank, used if it exists. A file given explicitly must exist
    and be a phrasebank (else :class:`~drafter.errors.InputError`).
    """
    layers: list[BankLayer] = []
    if user_bank is not None:
        layers.append(BankLayer(user_bank, "user"))
    else:
        default = user_bank_path()
        if default.is_file():
            layers.append(BankLayer(default, "user"))
    if builtin:
        path = builtin_path()
        if path.is_file():
            layers.append(BankLayer(path, "builtin"))
    return Bank(layers, kind_id=BUILTIN_KIND)


def default_bank() -> Bank:
    """The process-wide default bank, opened on first use (thread-safe)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = open_banks()
    return _default


def reset_default_bank() -> None:
    """Forget the default bank (after mining into the user bank, so the next suggestion sees it)."""
    global _default
    with _lock:
        _default = None


def warm_up() -> None:
    """Open the default banks now (call from a worker thread, never on the UI thread).

    Suggesting needs no tokenizer any more, so jieba is not loaded here: whoever needs it (the checker's
    part matching) warms it with :func:`drafter.segment.warm_up`.
    """
    default_bank()


def suggest(
    text: str,
    *,
    part: str | None = None,
    meta: Meta | None = None,
    k: int = 5,
    bank: Bank | None = None,
    heading: str | None = None,
    in_heading: bool = False,
) -> list[Suggestion]:
    """Top-``k`` suggestions for the paragraph ``text`` typed up to the cursor in a section of ``part``.

    Continuations of the clause and whole phrases in one list, rendered with ``meta``'s year and body; each
    says what to insert at the cursor and how many characters before it that replaces. Empty text gives how
    paragraphs of that part usually begin, and its most typical openings in half the places (of the report
    itself when ``part`` is None).
    """
    return (bank or default_bank()).suggest(
        text, part=part, meta=meta, k=k, heading=heading, in_heading=in_heading
    )
