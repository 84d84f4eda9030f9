"""The document's facts (报告信息): year, issuer, short form, recipient, date, title, attachments.

They are set when a draft is created and must stay editable: a clerk who rolled forward another unit's
report for 某某县 has 「濠江区」 in the title and 「区委、区政府」 in the text. Changing the issuer or the year
therefore offers two things, each previewed before anything changes: a title regenerated from the kind's
template, and the replacement of the old body's names (and years) everywhere in the text.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace

from ..kinds import Kind
from ..model import Meta, Paragraph, Report

_ORG_SUFFIXES = ("人民政府", "政府", "办公室")
#: Administrative units, longest first: the last one in a place name is the body's own level.
_UNITS = ("自治州", "自治县", "街道", "省", "市", "区", "县", "州", "盟", "旗", "镇", "乡")
#: Words built on the unit character that change with it (区委 → 县委).
_UNIT_WORDS = (
    "委",
    "政府",
    "人大",
    "人大常委会",
    "政协",
    "纪委",
    "委办",
    "府办",
    "直各部门",
    "直单位",
    "属各部门",
)
_UNIT_PREFIXES = ("全", "我", "本", "各")


@dataclass
class Facts:
    year: int | None = None
    org: str = ""
    short: str = ""
    recipient: str = ""
    date: _dt.date | None = None
    title: str = ""
    attachments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Replacement:
    old: str
    new: str
    count: int


@dataclass
class FactChange:
    """What changing the facts would do besides storing them: a new title, replacements in the text."""

    facts: Facts
    title: str | None = None
    replacements: list[Replacement] = field(default_factory=list)
    year_delta: int = 0
    year_count: int = 0

    @property
    def offers(self) -> bool:
        return self.title is not None or bool(self.replacements) or bool(self.year_count)


def facts_of(report: Report) -> Facts:
    m = report.meta
    return Facts(m.year, m.org, m.short, m.recipient, m.date, m.title, list(m.attachments))


def place_of(org: str) -> str:
    """「汕头市濠江区人民政府」→「汕头市濠江区」."""
    org = org.strip()
    for suffix in _ORG_SUFFIXES:
        if org.endswith(suffix) and len(org) > len(suffix):
            return org[: -len(suffix)]
    return org


def _last_unit(place: str) -> tuple[str, str]:
    """(the last place component, its unit): 「汕头市濠江区」→(「濠江区」, 「区」)."""
    best = ("", "")
    for unit in _UNITS:
        idx = place.rfind(unit)
        if idx > 0:
            start = max(
                (place.rfind(u, 0, idx) + len(u) for u in _UNITS if place.rfind(u, 0, idx) >= 0), default=0
            )
            comp = place[start : idx + len(unit)]
            if idx + len(unit) == len(place) and len(comp) > len(best[0]):
                best = (comp, unit)
    return best


def name_pairs(old_org: str, new_org: str) -> list[tuple[str, str]]:
    """Old → new names to replace when the issuer changes, longest first (so parts of names follow)."""
    old_place, new_place = place_of(old_org), place_of(new_org)
    pairs: list[tuple[str, str]] = []
    if old_org and new_org and old_org != new_org:
        pairs.append((old_org, new_org))
    if old_place and new_place and old_place != new_place:
        pairs.append((old_place, new_place))
    old_comp, old_unit = _last_unit(old_place)
    new_comp, new_unit = _last_unit(new_place)
    if old_comp and new_comp and old_comp != new_comp:
        pairs.append((old_comp, new_comp))
        old_bare, new_bare = old_comp[: -len(old_unit)], new_comp[: -len(new_unit)]
        if len(old_bare) >= 2 and new_bare and old_bare != new_bare:
            pairs.append((old_bare, new_bare))
    if old_unit and new_unit and old_unit != new_unit and len(old_unit) == 1 and len(new_unit) == 1:
        for word in _UNIT_WORDS:
            pairs.append((old_unit + word, new_unit + word))
        for prefix in _UNIT_PREFIXES:
            pairs.append((prefix + old_unit, prefix + new_unit))
    seen: set[str] = set()
    out = []
    for old, new in sorted(pairs, key=lambda p: -len(p[0])):
        if old not in seen:
            seen.add(old)
            out.append((old, new))
    return out


def _texts(report: Report) -> list[str]:
    out = [report.meta.title, *(p.text for p in report.opening)]
    for _, s in report.walk():
        out.append(s.heading)
        out.extend(p.text for p in s.paragraphs)
    out.extend(p.text for p in report.closing)
    return out


def _replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return text
    rx = re.compile("|".join(re.escape(old) for old, _ in pairs))
    table = dict(pairs)
    return rx.sub(lambda m: table[m.group(0)], text)


def plan_change(report: Report, kind: Kind, new: Facts) -> FactChange:
    """What changing the facts to ``new`` would offer (nothing is changed here)."""
    from ..rollforward import shift_years

    old = report.meta
    change = FactChange(new)
    pairs = name_pairs(old.org, new.org) if new.org.strip() else []
    texts = _texts(report)
    joined = "\n".join(texts)
    for o, n in pairs:
        count = joined.count(o)
        if count:
            change.replacements.append(Replacement(o, n, count))
    if new.year is not None and old.year is not None and new.year != old.year:
        change.year_delta = new.year - old.year
        change.year_count = sum(1 for t in texts if shift_years(t, old.year, change.year_delta) != t)
    if new.org != old.org or new.year != old.year:
        meta = replace(old, org=new.org, year=new.year, short=new.short, recipient=new.recipient)
        title = kind.title(meta)
        if title != (new.title or old.title):
            change.title = title
    return change


def apply_change(
    report: Report, change: FactChange, *, title: bool = True, names: bool = True, years: bool = True
) -> None:
    """Store the facts, and apply the offers the clerk accepted, in place."""
    from ..rollforward import shift_years

    old_year = report.meta.year
    f = change.facts
    meta: Meta = report.meta
    pairs = [(r.old, r.new) for r in change.replacements] if names else []
    delta = change.year_delta if years and old_year is not None else 0

    def fix(text: str) -> str:
        text = _replace_all(text, pairs)
        return shift_years(text, old_year, delta) if delta and old_year is not None else text

    def fix_paragraphs(items: list[Paragraph]) -> list[Paragraph]:
        return [Paragraph(fix(p.text), p.flags) if fix(p.text) != p.text else p for p in items]

    if pairs or delta:
        report.opening = fix_paragraphs(report.opening)
        report.closing = fix_paragraphs(report.closing)
        for _, s in report.walk():
            s.heading = fix(s.heading)
            s.paragraphs = fix_paragraphs(s.paragraphs)
        meta.promises = [fix(p) for p in meta.promises]
    meta.year, meta.org, meta.short, meta.recipient = (
        f.year,
        f.org.strip(),
        f.short.strip(),
        f.recipient.strip(),
    )
    meta.date = f.date
    meta.attachments = [a.strip() for a in f.attachments if a.strip()]
    if title and change.title is not None:
        meta.title = change.title
    else:
        meta.title = fix(f.title) if (pairs or delta) and f.title == report.meta.title else f.title
