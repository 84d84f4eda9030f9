"""How long ``drafter check`` takes on a 20-page report, after start-up. Prints one JSON line.

    python benchmarks/bench_check.py [--pages 20] [--runs 5]

The report is real text: the corpus report 2024-haojiang.txt with the sections of the other corpus reports
appended to part one until it reaches the wanted length (a page of an official document holds about
22 lines × 28 characters). It is written out as a .txt file and checked the way the CLI does — import,
raw-line scan, every rule family — with last year's report (2016-pulandian.txt, imported) as ``--prior``.
Start-up (imports, jieba's dictionary) is measured apart; the bar (≤ 1 s) holds for the first check
(cold caches: kind data, tokenization) and for every repeated one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from drafter.kinds import get_kind as _get_kind

FZZF = _get_kind("fzzf")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHARS_PER_PAGE = 22 * 28


def build_text(pages: int) -> str:
    """A report of about ``pages`` pages of real text, written out as plain text with its numbers."""
    from drafter.importing import read_report
    from drafter.numbering import numbered_outline

    corpus = REPO / "corpus" / "fzzf"
    base = read_report(corpus / "2024-haojiang.txt", FZZF)
    donors = [
        read_report(corpus / n, FZZF) for n in ("2016-pulandian.txt", "2019-hailing.txt", "2019-xiashan.txt")
    ]
    measures = base.sections[0]
    extra = [c for d in donors for s in d.sections for c in s.children if c.paragraphs]
    i = 0
    while base.char_count() < pages * CHARS_PER_PAGE and extra:
        measures.children.append(extra[i % len(extra)])
        i += 1
    lines = [base.meta.title, ""]
    lines += [p.text for p in base.opening]
    for _, label, section in numbered_outline(base):
        lines.append(f"{label}{section.heading}")
        lines += [p.text for p in section.paragraphs]
    lines += [p.text for p in base.closing]
    lines += ["", base.meta.org or "汕头市濠江区人民政府", "2025年1月6日"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from drafter.app.review import check_file
    from drafter.segment import warm_up

    warm_up()
    startup = time.perf_counter() - t0
    prior = REPO / "corpus" / "fzzf" / "2016-pulandian.txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(build_text(args.pages), "utf-8")
        first = time.perf_counter()
        report, findings = check_file(path, prior_path=prior)
        first_run = time.perf_counter() - first
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            report, findings = check_file(path, prior_path=prior)
            times.append(time.perf_counter() - t)
    chars = report.char_count()
    median = statistics.median(times)
    print(
        json.dumps(
            {
                "benchmark": "check",
                "pages": round(chars / CHARS_PER_PAGE, 1),
                "chars": chars,
                "findings": len(findings),
                "startup_s": round(startup, 3),
                "first_check_s": round(first_run, 3),
                "check_median_s": round(median, 3),
                "check_max_s": round(max(times), 3),
                "runs": args.runs,
                "limit_s": 1.0,
                "ok": max(first_run, *times) <= 1.0,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
