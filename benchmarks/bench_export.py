"""Export time of a 30-page report, beside pandoc's Markdown→docx time for the same text.

Builds the draft from the corpus report 2024-haojiang.txt (imported, then its outline repeated: 30 pages laid
out to GB/T 9704), times ``export_docx`` (median of several runs, after one
warm-up run that is reported separately) and ``pandoc -f markdown -t docx`` on the draft file itself.
With LibreOffice installed the export is also rendered once to count its pages.
Prints one JSON line. Bar: export ≤ 1 s.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafter.kinds import get_kind as _get_kind

FZZF = _get_kind("fzzf")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from drafter.draft import dumps  # noqa: E402
from drafter.export import export_docx, load_layout  # noqa: E402
from drafter.importing import import_file  # noqa: E402

RUNS = 5


def build_report():
    report = import_file(REPO / "corpus" / "fzzf" / "2024-haojiang.txt", FZZF).report
    report.meta.recipient = "汕头市人民政府"
    copies = [report.copy() for _ in range(4)]
    # Three whole outlines (28 pages) plus the last two parts once more: 30 pages.
    report.sections = [s for c in copies[:3] for s in c.sections] + copies[3].sections[1:]
    return report


def main() -> None:
    report = build_report()
    layout = load_layout(user_file=False)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        export_docx(report, out / "first.docx", layout=layout)
        first = time.perf_counter() - start
        times = []
        for i in range(RUNS):
            start = time.perf_counter()
            export_docx(report, out / f"run{i}.docx", layout=layout)
            times.append(time.perf_counter() - start)

        draft = out / "draft.md"
        draft.write_text(dumps(report), "utf-8")
        pandoc = shutil.which("pandoc")
        pandoc_times = []
        if pandoc:
            for i in range(3):
                start = time.perf_counter()
                subprocess.run(
                    [pandoc, "-f", "markdown", "-t", "docx", "-o", str(out / f"p{i}.docx"), str(draft)],
                    check=True,
                    capture_output=True,
                )
                pandoc_times.append(time.perf_counter() - start)

        pages = None
        from drafter.export.render import find_soffice, render_pdf

        if find_soffice():
            import pdfplumber

            (pdf,) = render_pdf([out / "first.docx"], out)
            with pdfplumber.open(pdf) as doc:
                pages = len(doc.pages)

    result = {
        "benchmark": "export",
        "pages": pages,
        "chars": report.char_count(),
        "paragraphs": sum(len(s.paragraphs) + 1 for _, s in report.walk()) + len(report.opening),
        "export_s": round(statistics.median(times), 3),
        "export_max_s": round(max(times), 3),
        "export_first_s": round(first, 3),
        "pandoc_s": round(statistics.median(pandoc_times), 3) if pandoc_times else None,
        "bar_s": 1.0,
        "ok": max(times) <= 1.0,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
