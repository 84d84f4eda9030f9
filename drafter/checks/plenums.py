"""The plenum sequence: a list of plenums that stops before the latest one held by the report year's end.

「深入贯彻党的二十大和二十届二中、三中全会精神」 was right in a report on 2024 and is stale in one on 2026,
after the fourth plenum: roll-forward keeps the list as it was. The plenums and when each was held are
data (``terms.toml`` ``[[plenums.sessions]]``); 「二十届历次全会」 names no plenum and is always fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Session:
    congress: str
    ordinal: int
    name: str
    held: str  # "2025年10月"
    year: int


@dataclass(frozen=True)
class StaleList:
    """A plenum list in the text that stops before ``latest``."""

    start: int
    end: int
    found: str
    last: str
    latest: Session


def load_sessions(terms: dict[str, Any]) -> tuple[Session, ...]:
    out = []
    for s in terms.get("plenums", {}).get("sessions", []):
        out.append(Session(s["congress"], int(s["ordinal"]), s["name"], s.get("held", ""), int(s["year"])))
    return tuple(out)


def latest_session(sessions: tuple[Session, ...], congress: str, year: int) -> Session | None:
    """The last plenum of a congress held by the end of ``year``."""
    held = [s for s in sessions if s.congress == congress and s.year <= year]
    return max(held, key=lambda s: s.ordinal, default=None)


@dataclass(frozen=True)
class GuideList:
    """A list of plenums in the text used as the current guide (followed by 精神/部署, not by 以来)."""

    start: int
    end: int
    found: str
    congress: str
    #: ordinal of the last plenum the list names
    last: int


def guide_lists(text: str, terms: dict[str, Any]) -> Iterator[GuideList]:
    """Every plenum list used as the current guide, whatever the year (the checker and the phrasebank's
    dating both read lists this way)."""
    spec = terms.get("plenums", {})
    sessions = load_sessions(terms)
    guide_after = tuple(spec.get("guide_after", ["精神", "决策部署", "部署"]))
    past_after = tuple(spec.get("past_after", ["以来", "召开", "之前", "前"]))
    for congress in sorted({s.congress for s in sessions}):
        rx = re.compile(
            re.escape(congress)
            + r"((?:[一二三四五六七八九]中(?:全会)?\s*[、，和及与]\s*)*[一二三四五六七八九]中)全会"
        )
        for m in rx.finditer(text):
            ordinals = [_ZH[c] for c in re.findall(r"[一二三四五六七八九]", m.group(1))]
            after = text[m.end() : m.end() + 6]
            if not ordinals or any(after.startswith(w) for w in past_after):
                continue
            if any(w in after for w in guide_after):
                yield GuideList(m.start(), m.end(), m.group(0), congress, max(ordinals))


def stale_lists(text: str, terms: dict[str, Any], year: int) -> Iterator[StaleList]:
    """Plenum lists used as the current guide that end before the latest plenum of the year."""
    sessions = load_sessions(terms)
    for hit in guide_lists(text, terms):
        latest = latest_session(sessions, hit.congress, year)
        if latest is None or hit.last >= latest.ordinal:
            continue
        last = next((s.name for s in sessions if s.congress == hit.congress and s.ordinal == hit.last), "")
        yield StaleList(hit.start, hit.end, hit.found, last or hit.found, latest)
