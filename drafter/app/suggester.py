"""Suggestions off the UI thread: one long-lived thread, newest request wins.

A typist produces requests faster than they may be answered; queueing them would make the list lag
behind the text. Here a request replaces any request not yet started, so the thread always works on
the sentence as it is now, and the UI thread only ever hands over a tuple. Textual-free: the caller
passes a callback (the screen posts a message from it, which is thread-safe).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Result = Callable[[int, list[Any], str], None]


class Suggester:
    def __init__(self, on_result: Result, *, bank: Any = None, k: int = 5) -> None:
        self._on_result = on_result
        self._bank = bank
        self._k = k
        self._cond = threading.Condition()
        self._pending: tuple[int, str, str | None, Any] | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="drafter-suggest", daemon=True)
        self._thread.start()

    def request(self, generation: int, text: str, part: str | None, meta: Any) -> None:
        with self._cond:
            self._pending = (generation, text, part, meta)
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _run(self) -> None:
        from .suggest import bank_for_meta

        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._pending is not None)
                if self._closed:
                    return
                request, self._pending = self._pending, None
            assert request is not None
            generation, text, part, meta = request
            try:
                # The draft's kind decides the bank (its own, or the built-in one), unless one was given.
                bank = self._bank if self._bank is not None else bank_for_meta(meta)
                found = list(bank.suggest(text, part=part, meta=meta, k=self._k))
            except Exception as exc:  # a broken bank must not take the editor down
                self._on_result(generation, [], str(exc) or type(exc).__name__)
                continue
            self._on_result(generation, found, "")
