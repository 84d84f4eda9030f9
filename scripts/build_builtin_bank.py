"""Rebuild the built-in phrasebank (phrasebank/data/builtin.sqlite) from the corpus copied into the repo.

Run after changing the corpus or the rules in templates/fzzf/phrase_*.toml:

    python scripts/build_builtin_bank.py

It mines corpus/fzzf/*.txt and the rule-of-law paragraphs of corpus/gwr through the importer, and prints
the mining summary as one JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(REPO))
    from phrasebank.builtin import build_builtin, builtin_path

    summary = build_builtin(REPO)
    summary["path"] = str(builtin_path().relative_to(REPO))
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if not summary["failed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
