"""Which report years a mined phrase is right for, from the same term data the checker uses.

A phrase from a 2016 report that is 「以党的十八大和十八届历次全会精神为指导」 must never reach a 2026 draft:
the checker would flag it, and the drafter would have taken it on trust. Each phrase gets, at mining time,
the span of years ``(lo, hi)`` it may be suggested for:

* every term of ``terms.toml`` it names (party congresses, plan periods, 普法 plans, renamed bodies), read
  through the checker's own loader (:func:`drafter.checks.stale_terms.load_terms`), limits it to the years
  that term is current — strictly, without the checker's 「以来」 excuses, since a suggestion is taken on trust;
* an implementation outline 「实施纲要（YYYY—YYYY年）」 limits it to that outline's years (an outline that
  never existed makes it never valid);
* dated topics the checker does not cover (新冠, 十一五, campaigns) come from ``phrase_mining.toml``
  ``[[dated]]`` in the same format;
* a word the checker always flags in a finished year's report (今年, 明年 …, ``rules.toml`` ``[years]``)
  makes it never valid;
* a year left as written (a target such as 「到2020年」, a period 「2016—2020年」) ends its span;
* a list of plenums used as the current guide (「二十届二中、三中全会精神」) is right from the year its last
  plenum was held until the year before the next one (``terms.toml`` ``[[plenums.sessions]]``, the data of
  the checker's plenum sequence, :mod:`drafter.checks.plenums`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from drafter.kinds import get_kind

#: Open ends of a span (they fit numpy int16).
FIRST_YEAR = 0
LAST_YEAR = 9999
NEVER = (LAST_YEAR, FIRST_YEAR)
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?<![\d\-—–－~～])((?:19|20)\d{2})(?=\s*年)")


@dataclass(frozen=True)
class DatedPattern:
    id: str
    pattern: re.Pattern[str]
    lo: int
    hi: int


def _plenum_years(terms: dict[str, Any]) -> dict[tuple[str, int], tuple[int, int]]:
    """(congress, ordinal of a list's last plenum) → the report years that list is current for: from the
    year that plenum was held until the year before the next one."""
    from drafter.checks.plenums import load_sessions

    sessions = load_sessions(terms)
    out = {}
    for congress in {s.congress for s in sessions}:
        held = sorted((s for s in sessions if s.congress == congress), key=lambda s: s.ordinal)
        for i, s in enumerate(held):
            out[(congress, s.ordinal)] = (s.year, held[i + 1].year - 1 if i + 1 < len(held) else LAST_YEAR)
    return out


@dataclass(frozen=True)
class Validity:
    """The compiled term data of a kind: call :meth:`span` on a phrase's text."""

    terms: tuple[DatedPattern, ...]
    outline: re.Pattern[str] | None
    outlines: dict[tuple[int, int], tuple[int, int]]
    never: tuple[str, ...]
    margin: int
    #: Matches wherever any rule could apply: most phrases are dated by nothing and skip the rest.
    anything: re.Pattern[str]
    #: the kind's term data (for its plenum lists) and the years each list is current for
    terms_data: dict[str, Any] = field(default_factory=dict)
    plenum_years: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    #: Every character a match of ``anything`` can hold, but for whitespace and what a negated class takes
    #: (only inside the optional 「（…）」 after a plan's name): the characters of the patterns' sources
    #: and the digits. A stretch running across the cursor holds the characters on both sides of it.
    chars: frozenset[str] = frozenset()
    #: Units a body slot is rendered as when a phrase is dated (``phrase_mining.toml`` ``[validity]``).
    dating_units: tuple[str, ...] = ("区", "县", "市")

    def may_date(self, text: str) -> bool:
        return self.anything.search(text) is not None

    def span(self, text: str, source_years: tuple[int, int] | None = None) -> tuple[int, int]:
        """The years ``(lo, hi)`` the phrase may be suggested for; ``lo > hi`` means never."""
        lo, hi = FIRST_YEAR, LAST_YEAR
        if any(w in text for w in self.never):
            return NEVER
        for term in self.terms:
            if term.pattern.search(text):
                lo, hi = max(lo, term.lo), min(hi, term.hi)
        if self.plenum_years:
            from drafter.checks.plenums import guide_lists

            for hit in guide_lists(text, self.terms_data):
                years = self.plenum_years.get((hit.congress, hit.last))
                if years is not None:
                    lo, hi = max(lo, years[0]), min(hi, years[1])
        covered: list[tuple[int, int]] = []
        if self.outline is not None:
            for m in self.outline.finditer(text):
                covered.append(m.span())
                years = self.outlines.get((int(m.group(1)), int(m.group(2))))
                if years is None:
                    return NEVER  # an outline that was never issued
                lo, hi = max(lo, years[0]), min(hi, years[1])
        for m in _RANGE.finditer(text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            covered.append(m.span())
            hi = min(hi, int(m.group(2)))
        newest_source = source_years[1] if source_years else None
        for m in _YEAR.finditer(text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            year = int(m.group(1))
            if newest_source is not None and year <= newest_source:
                hi = min(hi, newest_source + self.margin)  # a date in the source's past
            else:
                hi = min(hi, max(year, newest_source or year))  # a target: right until it is reached
        return (lo, hi) if lo <= hi else NEVER


def _dated(entries: list[dict[str, Any]]) -> list[DatedPattern]:
    out = []
    for e in entries:
        pats = e.get("patterns", [])
        if not pats:
            continue
        start = e.get("from")
        early = int(e.get("early", 0))
        out.append(
            DatedPattern(
                id=str(e.get("id", "")),
                pattern=re.compile("|".join(f"(?:{p})" for p in pats)),
                lo=FIRST_YEAR if start is None else int(start) - early,
                hi=LAST_YEAR if e.get("to") is None else int(e["to"]),
            )
        )
    return out


@cache
def validity(kind_id: str) -> Validity:
    """The kind's term data, compiled once per process."""
    from drafter.checks.stale_terms import load_terms

    kind = get_kind(kind_id)
    terms_data = kind.load_data("terms.toml")
    patterns: list[DatedPattern] = [
        DatedPattern(
            id=t.id,
            pattern=t.pattern,
            lo=FIRST_YEAR if t.start is None else t.start - t.early,
            hi=LAST_YEAR if t.end is None else t.end,
        )
        for t in load_terms(terms_data)
    ]
    mining = kind.load_data("phrase_mining.toml")
    patterns.extend(_dated(mining.get("dated", [])))
    spec = terms_data.get("outlines") or {}
    outline = re.compile(spec["pattern"]) if spec.get("pattern") else None
    outlines = {
        (int(k["period"][0]), int(k["period"][1])): (
            int(k.get("from", FIRST_YEAR)),
            int(k["to"]) if "to" in k else LAST_YEAR,
        )
        for k in spec.get("known", [])
    }
    try:
        relative = kind.load_data("rules.toml").get("years", {}).get("relative", [])
    except Exception:  # a kind without checker rules still gets the term data
        relative = []
    never = tuple(str(r["word"]) for r in relative if r.get("word"))
    margin = int(mining.get("validity", {}).get("past_year_margin", 2))
    dating_units = tuple(str(u) for u in mining.get("validity", {}).get("dating_units", ["区", "县", "市"]))
    parts = [t.pattern.pattern for t in patterns] + [re.escape(w) for w in never]
    plenum_years = _plenum_years(terms_data)
    parts += [_RANGE.pattern, _YEAR.pattern] + ([outline.pattern] if outline is not None else [])
    parts += [re.escape(congress) + "[一二三四五六七八九]中" for congress in {c for c, _ in plenum_years}]
    anything = re.compile("|".join(f"(?:{p})" for p in parts))
    chars = frozenset(anything.pattern) | frozenset("0123456789")
    return Validity(
        tuple(patterns),
        outline,
        outlines,
        never,
        margin,
        anything,
        terms_data,
        plenum_years,
        chars,
        dating_units,
    )
