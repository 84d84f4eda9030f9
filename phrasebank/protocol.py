"""The suggestion protocol every front end speaks: one JSON object a line in, one a line out.

``drafter suggest --stdio`` and the TUI's suggestion worker answer through :func:`handle_request`, so an
editor plug-in, a script and the TUI get the same suggestions. A request::

    {"id": 1, "text": "<paragraph up to the cursor>", "part": "measures" | null,
     "heading": "<current section heading>" | null, "year": 2026, "org": "某某县人民政府", "short": "我县",
     "k": 5}

(optional: ``"in_heading": true`` when the cursor is in a heading; ``"recipient"`` — the body the report
goes to, whose place fills 「市委、市政府」 of the level above; ``"context"`` — other paragraphs of the draft,
a list of strings, to continue from as well). The answer::

    {"id": 1, "suggestions": [{"insert": "…", "replace": 0, "text": "…", "kind": "continuation" | "phrase",
     "reports": 3, "sources": ["…"]}]}

``insert`` goes in at the cursor after deleting the ``replace`` characters before it. A line that is not a
valid request gets ``{"id": …, "error": "<one Chinese line>"}`` and the loop goes on until end of input.

A session (:class:`Session`, one per ``serve_stdio``) remembers the paragraphs the drafter finished — a
request whose text does not extend the previous one starts another paragraph — and continues from them too
(:mod:`phrasebank.memory`), with 「本稿」 as their source.

Run as ``python -m phrasebank.protocol [--bank FILE] [--no-builtin]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import IO, Any

from drafter.errors import DrafterError
from drafter.model import Meta

from .bank import Bank
from .memory import DraftMemory
from .parts import known_parts
from .passed import PassedOver

#: Largest ``k`` a request may ask for.
MAX_K = 50
_FIELDS = {
    "id",
    "text",
    "part",
    "heading",
    "year",
    "org",
    "short",
    "recipient",
    "k",
    "in_heading",
    "kind",
    "context",
}


#: A bank, or how to get the bank for a kind id (a front end serving several kinds).
Banks = Bank | Callable[[str], Bank]


class RequestError(ValueError):
    """A request that cannot be answered; the message is the one Chinese line sent back."""


def _str(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RequestError(f"字段 {name} 应为字符串")
    return value


def parse_request(obj: Any, default_kind: str) -> dict[str, Any]:
    """The request's fields, checked (raises :class:`RequestError` with a Chinese message).

    ``default_kind`` is the kind a request that names none is about (the front end's)."""
    if not isinstance(obj, dict):
        raise RequestError("每行应为一个 JSON 对象")
    unknown = sorted(set(obj) - _FIELDS)
    if unknown:
        raise RequestError(f"未知字段：{'、'.join(unknown)}")
    if "text" not in obj:
        raise RequestError("缺少字段 text（光标前的段落文字）")
    text = _str(obj, "text")
    kind_id = _str(obj, "kind") or default_kind
    try:
        parts = known_parts(kind_id)
    except DrafterError as exc:
        raise RequestError(exc.message) from exc
    part = obj.get("part")
    if part is not None:
        if not isinstance(part, str):
            raise RequestError("字段 part 应为字符串或 null")
        if part not in parts:
            raise RequestError(f"未知的部分「{part}」；可用：{'、'.join(parts)}")
    year = obj.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
        raise RequestError("字段 year 应为 1900—2100 之间的整数或 null")
    k = obj.get("k", 5)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise RequestError(f"字段 k 应为 1—{MAX_K} 之间的整数")
    in_heading = obj.get("in_heading", False)
    if not isinstance(in_heading, bool):
        raise RequestError("字段 in_heading 应为 true 或 false")
    heading = obj.get("heading")
    if heading is not None and not isinstance(heading, str):
        raise RequestError("字段 heading 应为字符串或 null")
    context = obj.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise RequestError("字段 context 应为字符串列表")
    meta = Meta(
        kind=kind_id,
        year=year,
        org=_str(obj, "org"),
        short=_str(obj, "short"),
        recipient=_str(obj, "recipient"),
    )
    return {
        "text": text,
        "part": part,
        "heading": heading,
        "meta": meta,
        "k": k,
        "in_heading": in_heading,
        "context": context,
    }


def _default_kind(banks: Banks, default_kind: str | None) -> str:
    if default_kind:
        return default_kind
    if isinstance(banks, Bank) and banks.kind_id:
        return banks.kind_id
    raise RequestError("未指定报告类型（kind）")


def handle_request(
    obj: Any,
    bank: Banks,
    memory: DraftMemory | None = None,
    *,
    default_kind: str | None = None,
    passed: PassedOver | None = None,
) -> dict[str, Any]:
    """One request (a decoded JSON value) → one answer (a dict ready for ``json.dumps``).

    ``memory`` is the session's record of the draft (see :class:`Session`); without it only the banks speak.
    ``bank`` may be a function from kind id to bank, for front ends that serve drafts of several kinds.
    """
    rid = obj.get("id") if isinstance(obj, dict) else None
    try:
        req = parse_request(obj, _default_kind(bank, default_kind))
        if not isinstance(bank, Bank):
            bank = bank(req["meta"].kind)
        if memory is not None:
            for paragraph in req["context"]:
                memory.add(paragraph, req["meta"])
            memory.observe(req["text"], req["meta"])
        avoid = passed.avoid(req["text"]) if passed is not None else ()
        found = bank.suggest(
            req["text"],
            part=req["part"],
            meta=req["meta"],
            k=req["k"],
            heading=req["heading"],
            in_heading=req["in_heading"],
            memory=memory,
            avoid=avoid,
        )
        if passed is not None:
            passed.shown(req["text"], found)
    except RequestError as exc:
        return {"id": rid, "error": str(exc)}
    except DrafterError as exc:
        return {"id": rid, "error": exc.message}
    return {
        "id": rid,
        "suggestions": [
            {
                "insert": s.insert,
                "replace": s.replace,
                "text": s.text,
                "kind": s.kind,
                "reports": s.frequency,
                "sources": list(s.sources),
            }
            for s in found
        ],
    }


class Session:
    """One front end's conversation: the banks, and what the drafter has written so far."""

    def __init__(self, bank: Banks, *, remember: bool = True, default_kind: str | None = None) -> None:
        self.bank = bank
        self.default_kind = default_kind
        self.memory = DraftMemory() if remember else None
        self.passed = PassedOver() if remember else None

    def handle(self, obj: Any) -> dict[str, Any]:
        return handle_request(obj, self.bank, self.memory, default_kind=self.default_kind, passed=self.passed)

    def handle_line(self, line: str) -> dict[str, Any] | None:
        """One input line → its answer; None for a blank line (nothing to answer)."""
        if not line.strip():
            return None
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            return {"id": None, "error": f"不是有效的 JSON（第 {exc.colno} 个字符附近）"}
        return self.handle(obj)


def serve_stdio(
    stdin: IO[str],
    stdout: IO[str],
    bank: Banks,
    *,
    remember: bool = True,
    default_kind: str | None = None,
) -> int:
    """Answer every line of ``stdin`` on ``stdout`` until end of input; returns how many were answered.

    ``remember=False`` answers each line from the banks alone (no memory of the draft).
    """
    session = Session(bank, remember=remember, default_kind=default_kind)
    answered = 0
    for line in stdin:
        answer = session.handle_line(line)
        if answer is None:
            continue
        stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        stdout.flush()
        answered += 1
    return answered


def main(argv: list[str] | None = None) -> int:
    """``python -m phrasebank.protocol``: serve the protocol over stdin/stdout."""
    ap = argparse.ArgumentParser(
        prog="python -m phrasebank.protocol", description="按行读写 JSON 的参考表述服务"
    )
    ap.add_argument("--bank", help="另用这个词句库（代替默认的用户词句库）")
    ap.add_argument("--no-builtin", action="store_true", help="不使用内置词句库")
    ap.add_argument("--no-memory", action="store_true", help="不根据本次会话中已写的段落给出续写")
    args = ap.parse_args(argv)
    from .suggest import open_banks

    for stream in (sys.stdin, sys.stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    try:
        bank = open_banks(args.bank, builtin=not args.no_builtin)
    except DrafterError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    try:
        serve_stdio(sys.stdin, sys.stdout, bank, remember=not args.no_memory)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
