"""Import the invented family fixtures of tests/fixtures/import_families and measure the metadata against
their labels; print one JSON line.

Figures, as the bar of issue 11 counts them: the year reported on right over all fixtures; the title right
over the fixtures that print one; the issuing body right over those that name one; the date right over
those that carry one; fields that must stay empty and did; issuing bodies the text does not contain (must
be 0); and the same per family. Run: python benchmarks/import_families.py
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections import defaultdict
from pathlib import Path

from drafter.importing import import_file
from drafter.importing.traditional import to_simplified
from drafter.kinds import get_kind as _get_kind

FZZF = _get_kind("fzzf")

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "import_families"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", to_simplified(text))


def _ratio(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def main() -> None:
    labels = json.loads((FIXTURES / "labels.json").read_text("utf-8"))["files"]
    year, title, org, date, empty = [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]
    invented = 0
    families: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    wrong: list[str] = []
    for name, label in sorted(labels.items()):
        result = import_file(FIXTURES / name, FZZF)
        meta = result.report.meta
        fam = families[label["family"]]
        want_date = _dt.date.fromisoformat(label["date"]) if label["date"] else None
        checks = [
            ("year", year, meta.year, label["year"], True),
            ("title", title, meta.title, label["title"], bool(label["title"])),
            ("org", org, meta.org, label["org"], bool(label["org"])),
            ("date", date, meta.date, want_date, want_date is not None),
        ]
        for field, tally, got, want, counted in checks:
            ok = got == want
            if counted:
                tally[1] += 1
                tally[0] += ok
                fam[field][1] += 1
                fam[field][0] += ok
            else:
                empty[1] += 1
                empty[0] += ok and result.confidence[field] == 0.0
            if not ok:
                wrong.append(f"{name}:{field}")
        source = _flat((FIXTURES / name).read_text("utf-8"))
        if meta.org and _flat(meta.org) not in source:
            invented += 1
    print(
        json.dumps(
            {
                "benchmark": "import_families",
                "fixtures": len(labels),
                "families": len(families),
                "year_right": _ratio(year),
                "title_right_of_printed": _ratio(title),
                "org_right_of_named": _ratio(org),
                "date_right_of_dated": _ratio(date),
                "empty_kept_empty": _ratio(empty),
                "org_not_in_text": invented,
                "by_family": {
                    f: {field: _ratio(t) for field, t in sorted(v.items())}
                    for f, v in sorted(families.items())
                },
                "wrong": wrong,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
