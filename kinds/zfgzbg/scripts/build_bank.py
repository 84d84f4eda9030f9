"""Rebuild this kind's phrasebank (drafter_zfgzbg/data/phrasebank.sqlite) from the repository's corpus.

Run from the repository root, with drafter and this distribution installed, after changing the corpus or
the rules in drafter_zfgzbg/data/phrase_*.toml:

    python kinds/zfgzbg/scripts/build_bank.py

Each national work report in corpus/gwr/government_work_reports.jsonl (the records with a year; the other
records are the congress's resolutions approving a report, not reports) goes through the importer as this
kind, so its parts are found the way a user's report would be, and is saved as a draft; the drafts are
mined with drafter's miner. The mining summary is printed as one JSON line.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "corpus" / "gwr" / "government_work_reports.jsonl"
BANK = Path(__file__).resolve().parents[1] / "drafter_zfgzbg" / "data" / "phrasebank.sqlite"

#: The collection's licence note starts with one of these lines; it is not part of the report.
_FOOTER = ("本作品是中华人民共和国的", "本作品来自")


def reports(jsonl: Path = CORPUS) -> Iterator[dict]:
    """The records that are work reports (they carry the year of the congress), as read."""
    for line in jsonl.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("year"):
            yield rec


def report_text(rec: dict) -> str:
    """A record as the text file a user would have: the title line, then the report without the footer."""
    lines = rec["content"].splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith(_FOOTER):
            lines = lines[:i]
            break
    return rec["title"] + "\n\n" + "\n".join(lines).strip() + "\n"


def drafts(out_dir: Path, jsonl: Path = CORPUS) -> list[Path]:
    """One draft (.md) per report, imported as this kind, without an issuing body.

    No org: 「国务院」 is not the drafter's body, and slotting it would render 「国务院部署」 as theirs."""
    from drafter.draft import save
    from drafter.importing import import_text
    from drafter.kinds import get_kind

    kind = get_kind("zfgzbg")
    out: list[Path] = []
    for rec in reports(jsonl):
        report = import_text(report_text(rec), kind).report
        report.meta.org = ""
        report.meta.short = ""
        path = out_dir / f"gwr-{rec['year']}.md"
        save(report, path)
        out.append(path)
    return out


def build(out: Path = BANK, jsonl: Path = CORPUS, *, workers: int | None = None) -> dict[str, object]:
    """Mine the corpus into ``out`` (replaced); returns the mining summary."""
    from phrasebank import mine

    if out.exists():
        out.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        result = mine(drafts(Path(tmp), jsonl), out, workers=workers, kind_id="zfgzbg", check_kind=False)
    return result.to_json()


def main() -> int:
    summary = build()
    summary["bank"] = str(BANK.relative_to(REPO))
    summary.pop("skipped", None)
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if not summary["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
