"""The built-in bank: mined from the sample corpus shipped in the repository, packaged with phrasebank.

A fresh install suggests phrasing with no set-up because ``phrasebank/data/builtin.sqlite`` is in the wheel.
It is rebuilt by ``python scripts/build_builtin_bank.py`` from ``corpus/fzzf/*.txt`` and the rule-of-law
passages of ``corpus/gwr`` (the State Council's work reports, turned into draft files first so that they go
through the importer like any other report). The national reports are mined as reference material
(``origin="reference"``): their phrases are offered only in the parts they fit (a year's measures, next
year's plan), below the reports of the kind, and never as the default for an empty paragraph.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from drafter.draft import save
from drafter.model import Meta, Paragraph, Report, Section

from .builtin_kind import BUILTIN_KIND

#: Paragraphs of the national work reports kept for the bank: those about rule of law and lawful administration.
GWR_KEYWORDS = re.compile(r"法治|依法行政|依法治国|执法|法律|法规|行政复议|政务公开|权力监督")
#: Headings of the national reports that mark a review of the year (measures) or next year's tasks (plan).
_GWR_PLAN = re.compile(r"任务|总体要求|工作安排|主要预期目标")
_GWR_REVIEW = re.compile(r"回顾")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def builtin_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "builtin.sqlite"


def gwr_drafts(jsonl: Path, out_dir: Path, since: int = 2000) -> list[Path]:
    """One draft (.md) per national work report since ``since``, holding only its rule-of-law sentences.

    A work report presented in year Y reviews year Y-1, so its ``year`` is Y-1; the review becomes part
    ``measures`` and the tasks part ``plan``, so the phrases land where a drafter would use them.
    """
    out: list[Path] = []
    for line in jsonl.read_text("utf-8").splitlines():
        rec = json.loads(line)
        try:
            year = int(rec.get("year") or 0)
        except (TypeError, ValueError):
            continue
        if year < since:
            continue
        part = None
        sections: dict[str, Section] = {}
        for raw in rec["content"].splitlines():
            text = raw.strip().replace("\u3000", "")
            if not text:
                continue
            m = re.match(r"^[一二三四五六七八九十]+、(.{2,40})$", text)
            if m:
                heading = m.group(1)
                part = (
                    "plan"
                    if _GWR_PLAN.search(heading)
                    else "measures"
                    if _GWR_REVIEW.search(heading)
                    else None
                )
                continue
            if part is None:
                continue
            # only the sentences about rule of law: the rest of a national report does not fit ours
            kept = "".join(m.group(0) for m in _SENTENCE.finditer(text) if GWR_KEYWORDS.search(m.group(0)))
            if not kept:
                continue
            sec = sections.setdefault(
                part, Section(heading="工作回顾" if part == "measures" else "工作任务", part=part)
            )
            sec.paragraphs.append(Paragraph(kept))
        if not sections:
            continue
        report = Report(
            # No org: 「国务院」 is not the drafter's body, and slotting it would render 「国务院颁布」 as theirs.
            meta=Meta(kind=BUILTIN_KIND, year=year - 1, org="", title=f"{year}年政府工作报告（法治部分）"),
            sections=[sections[p] for p in ("measures", "plan") if p in sections],
        )
        path = out_dir / f"gwr-{year}.md"
        save(report, path)
        out.append(path)
    return out


def build_builtin(repo: Path, out: Path | None = None, *, workers: int | None = None) -> dict[str, object]:
    """Rebuild the built-in bank from the repository's corpus; returns the mining summary."""
    from .mine import mine

    out = out or builtin_path()
    if out.exists():
        out.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        drafts = gwr_drafts(repo / "corpus" / "gwr" / "government_work_reports.jsonl", tmpdir)
        fzzf = sorted((repo / "corpus" / BUILTIN_KIND).glob("*.txt"))
        reports = mine(fzzf, out, workers=workers, kind_id=BUILTIN_KIND)
        reference = mine(drafts, out, workers=workers, origin="reference", kind_id=BUILTIN_KIND)
    summary = reference.to_json()
    summary["files"] = reports.files + reference.files
    summary["new_files"] = reports.new_files + reference.new_files
    for key in ("skipped", "failed", "not_reports", "duplicates"):
        summary[key] = reports.to_json()[key] + summary[key]
    summary["phrases_added"] = reports.phrases_added + reference.phrases_added
    summary["occurrences_added"] = reports.occurrences_added + reference.occurrences_added
    summary["seconds"] = round(reports.seconds + reference.seconds, 2)
    summary["reference_files"] = reference.new_files
    return summary
