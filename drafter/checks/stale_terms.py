"""Stale formulations: words that were right in some year and are wrong in the year the report is about.

All facts come from ``terms.toml`` (one entry per term, with the years it is current in, its successor
group and its basis), so next year's update — a new plenum, a renamed bureau — is an edit of that file.
Implementation outlines are checked by their period: a period that is not in the file never existed.
Matching is on substrings and explicit patterns: ``\\b`` never matches between Chinese characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding
from .context import CheckContext, TextUnit
from .registry import Family, Rule

FAMILY = "stale"


@dataclass(frozen=True)
class Term:
    id: str
    group: str
    label: str
    pattern: re.Pattern[str]
    start: int | None
    end: int | None
    early: int
    unless_after: tuple[str, ...]
    unless_before: tuple[str, ...]
    window: int
    suggest: str
    severity: str | None
    basis: str

    def current(self, year: int) -> bool:
        return (self.start is None or year >= self.start - self.early) and (
            self.end is None or year <= self.end
        )


def _term(entry: dict[str, Any]) -> Term:
    return Term(
        id=entry["id"],
        group=entry.get("group", entry["id"]),
        label=entry.get("label", ""),
        pattern=re.compile("|".join(f"(?:{p})" for p in entry["patterns"])),
        start=entry.get("from"),
        end=entry.get("to"),
        early=int(entry.get("early", 0)),
        unless_after=tuple(entry.get("unless_after", ())),
        unless_before=tuple(entry.get("unless_before", ())),
        window=int(entry.get("window", 6)),
        suggest=entry.get("suggest", ""),
        severity=entry.get("severity"),
        basis=entry.get("basis", ""),
    )


def load_terms(terms: dict[str, Any]) -> tuple[Term, ...]:
    """The term entries of ``terms.toml``, patterns compiled."""
    return tuple(_term(e) for e in terms.get("terms", []))


def _period(term: Term) -> str:
    if term.start is not None and term.end is not None:
        return f"{term.start}—{term.end}年"
    if term.end is not None:
        return f"{term.end}年及以前"
    return f"{term.start}年以后"


def _suggestion(ctx: CheckContext, term: Term, terms: tuple[Term, ...], year: int) -> str:
    for other in terms:
        if other.group == term.group and other is not term and other.current(year) and other.label:
            return other.label
    if term.suggest:
        return ctx.render(term.suggest)
    return "当年通行的提法"


def _excused(text: str, start: int, end: int, term: Term) -> bool:
    after = text[end : end + term.window]
    before = text[max(0, start - term.window) : start]
    return any(after.startswith(w) or w in after[: len(w) + 2] for w in term.unless_after) or any(
        before.endswith(w) for w in term.unless_before
    )


def check(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.year is None:
        return
    year = ctx.year
    data = ctx.table(FAMILY)
    terms = load_terms(ctx.terms)
    for unit in ctx.units():
        taken: list[tuple[int, int]] = []
        yield from _outlines(ctx, unit, data, taken)
        for term in terms:
            if term.current(year):
                continue
            for m in term.pattern.finditer(unit.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if _excused(unit.text, m.start(), m.end(), term):
                    continue
                taken.append((m.start(), m.end()))
                early = term.start is not None and year < term.start - term.early
                yield ctx.finding(
                    f"{FAMILY}.{term.id}",
                    data["message_early"] if early else data["message"],
                    unit.at(m.start(), m.end()),
                    severity=term.severity,
                    basis=f"术语表 {term.id}：{term.basis}",
                    excerpt=m.group(0),
                    found=m.group(0),
                    period=_period(term),
                    start=term.start,
                    suggest=_suggestion(ctx, term, terms, year),
                )


def _outlines(
    ctx: CheckContext, unit: TextUnit, data: dict[str, Any], taken: list[tuple[int, int]]
) -> Iterator[Finding]:
    spec = ctx.terms.get("outlines")
    if not spec:
        return
    year = ctx.year
    assert year is not None
    known = spec.get("known", [])
    current = next(
        (k for k in known if k.get("from", 0) <= year and ("to" not in k or year <= k["to"])),
        None,
    )
    if current is None and known:
        current = max(known, key=lambda k: k.get("from", 0))
    current_name = current["name"] if current else ""
    for m in re.finditer(spec["pattern"], unit.text):
        period = [int(m.group(1)), int(m.group(2))]
        start = m.start()
        # Extend the excerpt back over the outline's name when it is written out.
        head = unit.text.rfind("法治政府建设", max(0, start - 12), start)
        if head >= 0:
            start = head
        found = unit.text[start : m.end()].strip("《》")
        entry = next((k for k in known if list(k["period"]) == period), None)
        taken.append((start, m.end()))
        if entry is None:
            meant = next(
                (x.get("meant", "") for x in spec.get("mistakes", []) if list(x["period"]) == period), ""
            )
            yield ctx.finding(
                f"{FAMILY}.outline-unknown",
                data["outline_unknown"],
                unit.at(start, m.end()),
                basis=f"术语表 outlines：{spec.get('basis_unknown', '')}",
                excerpt=found,
                found=found,
                meant=meant,
                current=current_name,
            )
            continue
        if entry.get("from", 0) <= year and ("to" not in entry or year <= entry["to"]):
            continue
        yield ctx.finding(
            f"{FAMILY}.outline-stale",
            data["outline_stale"],
            unit.at(start, m.end()),
            basis=f"术语表 outlines：{entry.get('basis', '')}",
            excerpt=found,
            found=found,
            period=f"{entry.get('from')}—{entry.get('to', '')}年",
            current=current_name,
        )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="stale",
    name="过时提法",
    table="stale",
    check=check,
    order=40,
    description="已过时的会议、规划、普法、纲要、机构名称等提法（terms.toml）。",
    required_keys=("message_early",),
    rules=(
        Rule(
            "stale.term",
            "过时提法",
            "术语表中在报告年度已不适用的提法；严重程度可由术语表逐条设定。",
            "warning",
            "message",
            instances="term",
        ),
        Rule(
            "stale.outline-unknown",
            "不存在的纲要",
            "引用了并不存在的实施纲要名称。",
            "error",
            "outline_unknown",
        ),
        Rule(
            "stale.outline-stale", "旧纲要", "引用了报告年度已不适用的实施纲要。", "warning", "outline_stale"
        ),
    ),
)
