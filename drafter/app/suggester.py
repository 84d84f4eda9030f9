"""Suggestions off the UI thread: one long-lived thread, newest request wins, through the protocol.

A typist produces requests faster than they may be answered; queueing them would make the list lag
behind the text. Here a request replaces any request not yet started, so the thread always works on
the sentence as it is now, and the UI thread only ever hands over a dict. The request and the answer
are exactly those of ``drafter suggest --stdio`` (:mod:`phrasebank.protocol`): the editor gets what any
other front end gets, including continuations from what the drafter wrote earlier in the session.
Textual-free: the caller passes a callback (the screen posts a message from it, which is thread-safe).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Result = Callable[[int, list["Offer"], str], None]


@dataclass(frozen=True)
class Offer:
    """One suggestion as the protocol answers it."""

    #: Text to insert at the cursor, after deleting ``replace`` characters before it.
    insert: str
    replace: int
    #: The phrase as shown in the list.
    text: str
    #: "continuation" (how the clause goes on) or "phrase" (a whole clause in place of the one typed).
    kind: str
    #: In how many reports it was found, and which (by title).
    frequency: int
    sources: tuple[str, ...]

    @classmethod
    def from_answer(cls, item: dict[str, Any]) -> Offer:
        return cls(
            insert=str(item["insert"]),
            replace=int(item["replace"]),
            text=str(item["text"]),
            kind=str(item["kind"]),
            frequency=int(item.get("reports", 0)),
            sources=tuple(item.get("sources", ())),
        )


class Suggester:
    def __init__(
        self,
        on_result: Result,
        *,
        kind_id: str,
        bank: Any = None,
        k: int = 5,
        builtin: bool = True,
    ) -> None:
        """``bank``: a bank file the user named (over the kind's own), or an opened bank (tests)."""
        self._on_result = on_result
        self._k = k
        self._session: Any = None
        self._kind_id = kind_id
        self._bank = bank
        self._builtin = builtin
        self._cond = threading.Condition()
        self._pending: tuple[int, dict[str, Any]] | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="drafter-suggest", daemon=True)
        self._thread.start()

    def request(self, generation: int, request: dict[str, Any]) -> None:
        """Ask for suggestions (a protocol request without ``id``; ``k`` is filled in)."""
        with self._cond:
            self._pending = (generation, {**request, "k": self._k})
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _open_session(self) -> Any:
        from phrasebank.protocol import Session

        from .kinds import resolve_kind
        from .suggest import banks_for

        if (
            self._bank is not None
            and not isinstance(self._bank, (str, bytes))
            and hasattr(self._bank, "suggest")
        ):
            return Session(self._bank, default_kind=self._kind_id)
        user_bank = self._bank

        def bank_of(kind_id: str) -> Any:
            return banks_for(resolve_kind(kind_id), user_bank, self._builtin)

        return Session(bank_of, default_kind=self._kind_id)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._pending is not None)
                if self._closed:
                    return
                pending, self._pending = self._pending, None
            assert pending is not None
            generation, request = pending
            try:
                if self._session is None:
                    self._session = self._open_session()
                answer = self._session.handle({"id": generation, **request})
            except Exception as exc:  # a broken bank must not take the editor down
                self._on_result(generation, [], str(exc) or type(exc).__name__)
                continue
            if "error" in answer:
                self._on_result(generation, [], str(answer["error"]))
                continue
            self._on_result(generation, [Offer.from_answer(s) for s in answer["suggestions"]], "")
