"""How well the importer reads the national work reports as this kind: one JSON line of figures.

    python kinds/zfgzbg/scripts/measure_import.py

For each report of corpus/gwr (written out as the text file a user would have) the expected values come
from the corpus itself, not from the importer: the year reviewed is the record's year minus one, the title
is the record's title, and each top-level heading 「一、……」 of the text is labelled by a fixed reading of
its words (回顾 → review; 总体要求/总体部署/预期目标/政策取向/主要目标 → targets; 任务/重点工作/建议 → tasks;
自身建设 → self). A part counts as found when the importer tags that heading with it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bank import report_text, reports

_TOP = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(.{2,60})$")
_LABELS = (
    ("review", re.compile(r"回顾")),
    ("targets", re.compile(r"总体要求|总体部署|预期目标|政策取向|主要目标")),
    ("tasks", re.compile(r"任务|重点工作|建议")),
    ("self", re.compile(r"自身建设")),
)


def expected_parts(text: str) -> dict[str, str]:
    """heading → part, for the top-level headings the fixed reading labels (first label wins)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _TOP.match(line.strip())
        if not m:
            continue
        for pid, rx in _LABELS:
            if rx.search(m.group(1)):
                out.setdefault(re.sub(r"\s+", "", m.group(1)), pid)
                break
    return out


def measure(since: int = 0) -> dict[str, object]:
    from drafter.importing import import_text
    from drafter.kinds import get_kind

    kind = get_kind("zfgzbg")
    n = year_ok = title_ok = 0
    parts_expected = parts_found = 0
    misses: list[str] = []
    for rec in reports():
        congress_year = int(rec["year"])
        if congress_year < since:
            continue
        n += 1
        text = report_text(rec)
        report = import_text(text, kind).report
        year_ok += report.meta.year == congress_year - 1
        title_ok += report.meta.title == rec["title"]
        tagged = {
            re.sub(r"\s+", "", re.sub(r"^[一二三四五六七八九十]+、", "", s.heading)): s.part
            for s in report.sections
        }
        for heading, pid in expected_parts(text).items():
            parts_expected += 1
            if tagged.get(heading) == pid:
                parts_found += 1
            else:
                misses.append(f"{congress_year} {heading[:24]} → {tagged.get(heading)} (expected {pid})")
    return {
        "reports": n,
        "since": since,
        "year_correct": year_ok,
        "title_correct": title_ok,
        "parts_expected": parts_expected,
        "parts_found": parts_found,
        "misses": misses,
    }


if __name__ == "__main__":
    for since in (0, 2000):
        print(json.dumps(measure(since), ensure_ascii=False))
