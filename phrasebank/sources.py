"""How a report a phrase came from is named to the drafter."""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?:19|20)\d{2}")


def display_name(name: str, title: str | None) -> str:
    """The report's own title when it has one, else its file name; a title without its year
    (「政府工作报告」) names no report in particular, so the file name follows it."""
    title = (title or "").strip()
    if not title:
        return name
    return title if _YEAR.search(title) else f"{title}（{name}）"
