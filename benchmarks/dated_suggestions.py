"""Suggestions a checker would send back, for 2026 drafts typed just before dated wording. Prints one JSON line.

    python benchmarks/dated_suggestions.py [--starts 3000] [--seed 1]

The issue's bar is 75 queries of a 2026 county draft with the built-in bank; this widens it. What a clerk may
type just before dated wording of the corpus — the 1–9 characters before every place the term data could
date (a party congress, a plan period, 普法, a renamed body, an outline …), within a sentence, and the same
with the first two characters of that wording typed too — is typed in every part of a county's, a
district's and a city's 2026 draft, and every suggestion of the built-in bank is applied. A problem is a
suggestion after which the checker (families stale and year, ``--year 2026``) finds something in the
paragraph it did not find in what was typed, or one that brings in a topic a 2026 report must not name
(十八大, 十三五, 七五/八五普法, 新冠, the 2015–2020 outline, 法制办, 工商局 …).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from drafter.checks import check_report  # noqa: E402
from drafter.model import Meta, Paragraph, Report, Section  # noqa: E402

#: Topics no suggestion may bring into a 2026 report (the issue's list, and the epidemic's other names).
FORBIDDEN = re.compile(
    r"十八大|十八届|十九大|十九届|十一五|十二五|十三五|[七八]五”?\s*普法|新冠|新型冠状病毒|核酸|疫情"
    r"|2015\s*[-—–－]\s*2020|法制办|工商局|工商行政管理局"
)
#: A section heading per part, as a 2026 draft writes them (None: the opening has none).
HEADINGS: dict[str, str | None] = {
    "opening": None,
    "measures": "2026年推进法治政府建设的主要举措和成效",
    "enforcement": "坚持严格规范公正文明执法",
    "decisions": "健全行政决策制度体系",
    "disputes": "依法有效化解社会矛盾纠纷",
    "shortcomings": "存在的不足和原因",
    "leadership": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plan": "2027年推进法治政府建设的主要安排",
}
DRAFTS = {
    "county": Meta(year=2026, org="某某县人民政府", short="我县", recipient="某某市人民政府"),
    "district": Meta(year=2026, org="某某市某某区人民政府", short="我区", recipient="某某市人民政府"),
    "city": Meta(year=2026, org="某某市人民政府", short="我市", recipient="某某省人民政府"),
}


def flags(part: str, text: str, meta: Meta) -> set[str]:
    """Rule ids the checker raises on ``text`` written as the only paragraph of ``part`` of the draft."""
    section_part = "measures" if part in {"enforcement", "decisions", "disputes"} else part
    report = Report(meta=meta)
    if part == "opening":
        report.opening = [Paragraph(text)]
    else:
        heading = HEADINGS[part] or ""
        report.sections = [Section(heading=heading, part=section_part, paragraphs=[Paragraph(text)])]
    found = check_report(report, "fzzf", year=meta.year, families=["stale", "year"])
    return {
        f.rule
        for f in found
        if f.location.paragraph == 0
        and f.location.area in {"section", "opening"}
        and f.rule != "year.unknown"
    }


def starts_before_dated_wording(limit: int, seed: int = 2026) -> list[str]:
    """What a clerk may type just before (or into) dated wording of the repository's corpus, shuffled."""
    from phrasebank.validity import validity

    texts = [p.read_text("utf-8") for p in sorted((REPO / "corpus" / "fzzf").glob("*.txt"))]
    gwr = REPO / "corpus" / "gwr" / "government_work_reports.jsonl"
    texts += [json.loads(line)["content"] for line in gwr.read_text("utf-8").splitlines()]
    anything = validity("fzzf").anything
    found: set[str] = set()
    for text in texts:
        for m in anything.finditer(text):
            if m.group(0)[:1].isdigit():
                continue  # a plain year: the checker's year rules, tested apart
            for n in (1, 2, 3, 4, 6, 9):
                typed = re.split(r"[。；;！？\n]", text[max(0, m.start() - n) : m.start() + min(n, 2)])[-1]
                if typed.strip():
                    found.add(typed)
    starts = sorted(found)
    random.Random(seed).shuffle(starts)
    return starts[:limit]


def problems(bank: object, starts: list[str], meta: Meta, k: int = 5) -> tuple[int, list[dict[str, object]]]:
    """(suggestions seen, problems) for ``starts`` typed in turn in every part of the draft ``meta``."""
    parts = list(HEADINGS)
    seen = 0
    out: list[dict[str, object]] = []
    for i, typed in enumerate(starts):
        part = parts[i % len(parts)]
        before = flags(part, typed, meta)
        for s in bank.suggest(typed, part=part, meta=meta, k=k, heading=HEADINGS[part]):  # type: ignore[attr-defined]
            seen += 1
            applied = typed[: len(typed) - s.replace] + s.insert
            added = sorted(flags(part, applied, meta) - before)
            if added or (FORBIDDEN.search(applied) and not FORBIDDEN.search(typed)):
                out.append({"part": part, "typed": typed, "applied": applied, "rules": added})
    return seen, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    from phrasebank import Bank
    from phrasebank.bank import BankLayer
    from phrasebank.builtin import builtin_path

    t = time.perf_counter()
    bank = Bank([BankLayer(builtin_path(), "builtin")])
    starts = starts_before_dated_wording(args.starts, args.seed)
    result: dict[str, object] = {"bench": "dated_suggestions", "year": 2026, "starts": len(starts)}
    for name, meta in DRAFTS.items():
        seen, found = problems(bank, starts, meta)
        result[name] = {"suggestions": seen, "problems": len(found), "examples": found[:5]}
    result["seconds"] = round(time.perf_counter() - t, 1)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
