"""Which phrasebank serves a draft: the kind's own bank when it ships one, else the built-in bank.

The built-in bank is mined from rule-of-law reports; suggesting its phrasing in a government work report
would put another kind's subject into the draft. So a kind that declares ``bank`` in its kind.toml is
served by that bank alone, with a bank the user names explicitly layered over it; the user's default
personal bank (mined from whatever they fed ``drafter mine``, usually the built-in kind's reports) and
the built-in bank serve only kinds without their own. Opening a bank builds its index (about a second),
so each combination is opened once per process.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..kinds import Kind
from ..model import Meta
from .kinds import resolve_kind

_lock = threading.Lock()
_opened: dict[tuple[str, str | None, bool], Any] = {}


def banks_for(kind: Kind, user_bank: str | os.PathLike[str] | None = None, builtin: bool = True) -> Any:
    """The :class:`phrasebank.Bank` for drafts of ``kind`` (cached per kind folder, user bank and ``builtin``).

    ``user_bank`` is a bank the user named (``--bank``); it must exist. ``builtin`` False leaves out the
    bank that comes with the software (the kind's own, or the built-in one)."""
    key = (str(kind.root), str(Path(user_bank).resolve()) if user_bank is not None else None, builtin)
    with _lock:
        bank = _opened.get(key)
        if bank is None:
            bank = _open(kind, user_bank, builtin)
            _opened[key] = bank
    return bank


def _open(kind: Kind, user_bank: str | os.PathLike[str] | None, builtin: bool) -> Any:
    from phrasebank import open_banks
    from phrasebank.bank import Bank, BankLayer

    if kind.bank_path is None:
        if user_bank is None and builtin:
            from phrasebank import default_bank

            return default_bank()  # the process-wide one the editor warms up: opened once
        return open_banks(user_bank, builtin=builtin)
    layers = []
    if user_bank is not None:
        layers.append(BankLayer(user_bank, "user"))
    if builtin:
        if not kind.bank_path.is_file():
            raise UsageError(f"报告类型「{kind.name}」的词句库缺失：{kind.bank_path}")
        layers.append(BankLayer(kind.bank_path, kind.id))
    return Bank(layers, kind_id=kind.id)


def bank_for_meta(meta: Meta | None) -> Any:
    """The bank for a draft, by the kind its metadata names (the default kind when it names none)."""
    return banks_for(resolve_kind(meta.kind if meta is not None and meta.kind else None))


def warm_up(meta: Meta | None) -> None:
    """Load jieba and the bank a draft will use now (call from a worker thread, never the UI thread)."""
    from ..segment import warm_up as warm_jieba

    warm_jieba()
    bank_for_meta(meta)


def known_parts(kind: Kind) -> list[str]:
    """Every id ``--part`` accepts for this kind: its parts, their tasks, opening and closing."""
    from phrasebank.parts import known_parts as _known

    return _known(kind.id)


def suggest_for(
    text: str,
    *,
    kind: Kind,
    meta: Meta | None = None,
    part: str | None = None,
    k: int = 5,
    user_bank: str | os.PathLike[str] | None = None,
    builtin: bool = True,
) -> list[Any]:
    """The top ``k`` phrases for ``text`` in ``part`` of a draft of ``kind``, from that kind's banks.

    An unknown part or an empty bank is one Chinese line (:class:`UsageError`)."""
    if part is not None and part not in known_parts(kind):
        raise UsageError(f"未知的部分「{part}」；可用：{'、'.join(known_parts(kind))}")
    bank = banks_for(kind, user_bank, builtin)
    if len(bank) == 0:
        raise UsageError("没有可用的词句库：未使用内置词句库，也未给出 --bank；请先运行 drafter mine 文件夹")
    if meta is not None and not meta.kind:
        meta = dataclasses.replace(meta, kind=kind.id)  # slot rules are the kind's; the caller's meta stays
    return bank.suggest(text, part=part, meta=meta, k=k)


def serve_suggestions(
    stdin: IO[str],
    stdout: IO[str],
    *,
    kind: Kind,
    user_bank: str | os.PathLike[str] | None = None,
    builtin: bool = True,
) -> int:
    """``drafter suggest --stdio``: answer one JSON request a line until end of input (see docs/json.md).

    A request that names another kind (``"kind"``) is served by that kind's banks; the same user bank
    and ``builtin`` choice apply. Returns how many requests were answered."""
    from phrasebank.protocol import serve_stdio

    banks_for(kind, user_bank, builtin)  # a missing or broken bank is one line before any request is read

    def bank_of(kind_id: str) -> Any:
        other = kind if kind_id == kind.id else resolve_kind(kind_id)
        return banks_for(other, user_bank, builtin)

    return serve_stdio(stdin, stdout, bank_of, default_kind=kind.id)


def suggestion_request(
    text: str,
    *,
    meta: Meta | None,
    kind: Kind,
    part: str | None = None,
    heading: str | None = None,
    in_heading: bool = False,
    k: int = 5,
) -> dict[str, Any]:
    """The protocol request for the paragraph ``text`` typed so far (what the editor sends per keystroke)."""
    request: dict[str, Any] = {
        "text": text,
        "part": part,
        "heading": heading,
        "in_heading": in_heading,
        "kind": (meta.kind if meta is not None and meta.kind else None) or kind.id,
        "k": k,
    }
    if meta is not None:
        request.update(year=meta.year, org=meta.org, short=meta.short, recipient=meta.recipient)
    return request
