"""Keystroke savings, leave-one-report-out, through the suggestion protocol. Prints one JSON line.

    python benchmarks/keystroke_savings.py [--k 5] [--in-process] [--report NAME] [--verbose]

For each of the five reports of corpus/fzzf: a bank is mined from the other four, ``python -m
drafter suggest --stdio --bank BANK --no-builtin`` is started, and the held-out report is typed into it as a
clerk would type it, character by character, paragraph by paragraph (headings with ``in_heading``), with
the report's own year, issuing body and short form and each section's part and heading. After every
character the typist looks at the suggestions and takes one only when applying it (delete ``replace``
characters, insert ``insert``) leaves text that is still a prefix of the paragraph; taking the suggestion
at place ``i`` (0 = first) costs ``1 + i`` keystrokes, so it is taken only when it saves more than that, the
one saving most winning. No edits of a taken suggestion. Keystroke savings = 1 − keystrokes / characters.

The continuations are ranked by a model fitted on typing runs of these same reports
(``benchmarks/fit_continuation_ranking.py``); so that no report is typed with a model that saw it, each one
is typed with its fold model (``benchmarks/data/ranking-folds/NAME.json``, fitted without it) unless
``--shipped-model`` is given.

The protocol's session remembers the paragraphs already typed (the draft's own text is a source of
continuations, shown as 「本稿」); ``--no-memory`` sends each request to a fresh session to measure the banks
alone. ``--in-process`` calls :class:`phrasebank.protocol.Session` directly (the same code, without the
pipe), for quick iteration.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

Ask = Callable[[dict[str, Any]], dict[str, Any]]


def units(report: Any) -> Iterator[dict[str, Any]]:
    """What the clerk types, in order: (text, part, heading, in_heading) for every heading and paragraph."""
    from phrasebank.parts import part_top

    for p in report.opening:
        yield {"text": p.text, "part": "opening", "heading": None, "in_heading": False}

    def walk(sections: list[Any], inherited: str | None) -> Iterator[dict[str, Any]]:
        for s in sections:
            part = part_top(s.part, "fzzf") if s.part else inherited
            yield {"text": s.heading, "part": part, "heading": s.heading, "in_heading": True}
            for p in s.paragraphs:
                yield {"text": p.text, "part": part, "heading": s.heading, "in_heading": False}
            yield from walk(s.children, part)

    yield from walk(report.sections, None)
    for p in report.closing:
        yield {"text": p.text, "part": "closing", "heading": None, "in_heading": False}


def short_of(meta: Any) -> str:
    if meta.short:
        return meta.short
    from phrasebank.rules import mining_rules
    from phrasebank.slots import context_for

    return str(context_for(meta, mining_rules("fzzf"))["short"]).strip("「」") if meta.org else ""


def type_paragraph(target: str, base: dict[str, Any], ask: Ask, k: int, stats: dict[str, Any]) -> int:
    """Keystrokes spent typing ``target`` with suggestions."""
    typed = ""
    keys = 0
    while len(typed) < len(target):
        answer = ask({**base, "text": typed, "k": k})
        best: tuple[int, str, int, str] | None = None
        for rank, s in enumerate(answer.get("suggestions", [])):
            cut = len(typed) - int(s["replace"])
            if cut < 0:
                continue
            new = typed[:cut] + s["insert"]
            if len(new) > len(typed) and target.startswith(new):
                gain = len(new) - len(typed) - (1 + rank)
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, new, rank, s["kind"])
        if best is not None:
            stats["taken"][best[3]] = stats["taken"].get(best[3], 0) + 1
            stats["saved"][best[3]] = stats["saved"].get(best[3], 0) + best[0]
            typed = best[1]
            keys += 1 + best[2]
        else:
            typed = target[: len(typed) + 1]
            keys += 1
    return keys


def request_fields(unit: dict[str, Any], fields: str) -> dict[str, Any]:
    """What the typist tells the protocol: ``all`` (part, heading and ``in_heading``), ``issue`` (only the
    fields the protocol's specification lists: no ``in_heading``) or ``bare`` (part and heading null too),
    to see how much the savings owe to context a plug-in may not send."""
    if fields == "all":
        return unit
    unit = {key: value for key, value in unit.items() if key != "in_heading"}
    if fields == "bare":
        unit["part"] = unit["heading"] = None
    return unit


FOLDS = REPO / "benchmarks" / "data" / "ranking-folds"


def run_report(
    held_out: Path,
    others: list[Path],
    k: int,
    in_process: bool,
    verbose: bool,
    memory: bool = True,
    fold_model: bool = True,
    fields: str = "all",
) -> dict[str, Any]:
    from drafter.importing import read_report
    from drafter.kinds import get_kind
    from phrasebank import mine

    report = read_report(held_out, get_kind("fzzf"))
    meta = report.meta
    base = {"year": meta.year, "org": meta.org or "", "short": short_of(meta)}
    model = FOLDS / f"{held_out.stem}.json"
    if fold_model:
        if not model.is_file():
            raise SystemExit(f"no fold model {model}: run benchmarks/fit_continuation_ranking.py")
        os.environ["DRAFTER_CONTINUATION_RANKING"] = str(model)
    else:
        os.environ.pop("DRAFTER_CONTINUATION_RANKING", None)
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank.sqlite"
        mine(others, bank, kind_id="fzzf")
        stats: dict[str, Any] = {"taken": {}, "saved": {}}
        proc = None
        if in_process:
            from phrasebank import open_banks
            from phrasebank.protocol import Session

            session = Session(open_banks(bank, builtin=False), remember=memory)

            def ask(req: dict[str, Any]) -> dict[str, Any]:
                return session.handle(req)
        else:
            env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
            # What an editor plug-in runs: ``drafter suggest --stdio``; measuring the banks alone (no memory
            # of the draft) needs the protocol module's own switch.
            command = (
                ["-c", "from drafter.cli import run; run()", "suggest", "--stdio"]
                if memory
                else ["-m", "phrasebank.protocol", "--no-memory"]
            )
            proc = subprocess.Popen(
                [sys.executable, *command, "--bank", str(bank), "--no-builtin"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                cwd=REPO,
                env=env,
            )
            counter = iter(range(1, 10**9))

            def ask(req: dict[str, Any]) -> dict[str, Any]:
                assert proc is not None and proc.stdin is not None and proc.stdout is not None
                rid = next(counter)
                proc.stdin.write(json.dumps({"id": rid, **req}, ensure_ascii=False) + "\n")
                proc.stdin.flush()
                answer = json.loads(proc.stdout.readline())
                if answer.get("id") != rid or "error" in answer:
                    raise RuntimeError(f"protocol error: {answer}")
                return answer

        chars = keys = 0
        try:
            for unit in units(report):
                text = unit.pop("text")
                if not text:
                    continue
                unit = request_fields(unit, fields)
                spent = type_paragraph(text, {**base, **unit}, ask, k, stats)
                if verbose:
                    print(f"{1 - spent / len(text):6.1%}  {text[:60]}", file=sys.stderr)
                chars += len(text)
                keys += spent
        finally:
            if proc is not None:
                assert proc.stdin is not None
                proc.stdin.close()
                proc.wait(timeout=60)
    return {
        "report": held_out.name,
        "model": model.name if fold_model else "shipped",
        "chars": chars,
        "keystrokes": keys,
        "savings": round(1 - keys / chars, 4) if chars else 0.0,
        "taken": stats["taken"],
        "saved_chars": stats["saved"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--in-process", action="store_true")
    ap.add_argument("--report", action="append", help="only this held-out report (file name)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument(
        "--no-memory", action="store_true", help="banks only: no continuations from the draft itself"
    )
    ap.add_argument(
        "--shipped-model",
        action="store_true",
        help="rank with the shipped model (fitted on every report, the held-out one included)",
    )
    ap.add_argument(
        "--fields",
        choices=("all", "issue", "bare"),
        default="all",
        help="all: part, heading, in_heading; issue: no in_heading; bare: no part or heading either",
    )
    args = ap.parse_args()
    files = sorted((REPO / "corpus" / "fzzf").glob("*.txt"))
    started = time.perf_counter()
    results = []
    for held in files:
        if args.report and held.name not in args.report:
            continue
        others = [f for f in files if f != held]
        results.append(
            run_report(
                held,
                others,
                args.k,
                args.in_process,
                args.verbose,
                not args.no_memory,
                not args.shipped_model,
                args.fields,
            )
        )
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
    chars = sum(r["chars"] for r in results)
    keys = sum(r["keystrokes"] for r in results)
    out = {
        "bench": "keystroke_savings",
        "k": args.k,
        "via": "Session.handle" if args.in_process else "drafter suggest --stdio",
        "memory": not args.no_memory,
        "fields": args.fields,
        "model": "shipped" if args.shipped_model else "fold (never saw the report typed)",
        "savings": round(1 - keys / chars, 4) if chars else 0.0,
        "mean_per_report": round(sum(r["savings"] for r in results) / len(results), 4) if results else 0.0,
        "chars": chars,
        "keystrokes": keys,
        "reports": results,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
