"""Import the five corpus reports and measure them against labels.json; print one JSON line.

Figures: level-1 and level-2 heading recall, metadata fields equal to the labels, parts found at the
labelled path (or absent as labelled), and the time to import each file after jieba is loaded.
Run: python benchmarks/import_corpus.py
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import time
from pathlib import Path

from drafter import segment
from drafter.importing import import_file
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.parts import locate_parts, section_paths_by_heading

FZZF = _get_kind("fzzf")

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "fzzf"


def key(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def main() -> None:
    labels = json.loads((CORPUS / "labels.json").read_text("utf-8"))["reports"]
    kind = get_kind("fzzf")
    t0 = time.perf_counter()
    segment.warm_up()
    warm = time.perf_counter() - t0
    l1 = [0, 0]
    l2 = [0, 0]
    meta_ok = [0, 0]
    parts_ok = [0, 0]
    times = {}
    for name, label in sorted(labels.items()):
        t = time.perf_counter()
        report = import_file(CORPUS / name, FZZF).report
        times[name] = round(time.perf_counter() - t, 4)
        got1 = [key(s.heading) for s in report.sections]
        for i, entry in enumerate(label["outline"]):
            l1[1] += 1
            l1[0] += key(entry["heading"]) in got1
            kids = (
                {key(c.heading) for c in report.sections[i].children} if i < len(report.sections) else set()
            )
            l2[1] += len(entry["children"])
            l2[0] += sum(key(c) in kids for c in entry["children"])
        m = report.meta
        date = _dt.date.fromisoformat(label["date"]) if label["date"] else None
        for got, want in (
            (m.title, label["title"] or ""),
            (m.org, label["org"] or ""),
            (m.recipient, label["recipient"] or ""),
            (m.year, label["year"]),
            (m.date, date),
        ):
            meta_ok[1] += 1
            meta_ok[0] += got == want
        located = locate_parts(report, kind)
        for part, path in label["parts"].items():
            parts_ok[1] += 1
            if path is None:
                parts_ok[0] += located[part] == []
            else:
                parts_ok[0] += section_paths_by_heading(report, path) in located[part]
    print(
        json.dumps(
            {
                "benchmark": "import_corpus",
                "files": len(labels),
                "level1_recall": l1[0] / l1[1],
                "level2_recall": l2[0] / l2[1],
                "level2_found": l2[0],
                "level2_total": l2[1],
                "metadata_equal": f"{meta_ok[0]}/{meta_ok[1]}",
                "parts_as_labelled": f"{parts_ok[0]}/{parts_ok[1]}",
                "jieba_warm_up_s": round(warm, 3),
                "import_seconds": times,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
