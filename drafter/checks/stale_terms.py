"""Stale formulations: words that were right in some year and are wrong in the year the report is about.

All facts come from ``terms.toml`` (one entry per term, with the years it is current in, its successor
group and its basis), so next year's update — a new plenum, a renamed bureau — is an edit of that file.
Implementation outlines are checked by their period: a document in the known list is never flagged; an
unknown one whose period starts after the last recorded outline (or an outline of another subject) cannot be
verified (hint); an unknown earlier period of our own outline never existed (error).
Matching is on substrings and explicit patterns: ``\\b`` never matches between Chinese characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding
from .context import CheckContext, TextUnit
from .plenums import stale_lists
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
    #: For work that ended (a campaign, a plan): what to write instead, as advice (jinja2).
    advice: str
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
        advice=entry.get("advice", ""),
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


_CLAUSE = re.compile(r"[，。；！？,;!?]")


def _excused(text: str, start: int, end: int, term: Term) -> bool:
    """A retrospective word within ``window`` characters of the same clause (「“八五”普法规划圆满收官」,
    「高质量完成“十四五”规划」); a one-character word only right after the term (「十九大后」)."""
    after = _CLAUSE.split(text[end : end + term.window], 1)[0]
    before = _CLAUSE.split(text[max(0, start - term.window) : start])[-1]
    return any(after.startswith(w) or (len(w) > 1 and w in after) for w in term.unless_after) or any(
        w in before for w in term.unless_before
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
        yield from _plenums(ctx, unit, data, taken)
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
                template = data["message_early"] if early else data["message"]
                if term.advice and not early:
                    template = data["message_ended"]
                yield ctx.finding(
                    f"{FAMILY}.{term.id}",
                    template,
                    unit.at(m.start(), m.end()),
                    severity=term.severity,
                    basis=f"术语表 {term.id}：{term.basis}",
                    excerpt=m.group(0),
                    found=m.group(0),
                    period=_period(term),
                    start=term.start,
                    suggest=_suggestion(ctx, term, terms, year),
                    advice=ctx.render(term.advice),
                )


def _plenums(
    ctx: CheckContext, unit: TextUnit, data: dict[str, Any], taken: list[tuple[int, int]]
) -> Iterator[Finding]:
    assert ctx.year is not None
    spec = ctx.terms.get("plenums", {})
    for hit in stale_lists(unit.text, ctx.terms, ctx.year):
        taken.append((hit.start, hit.end))
        yield ctx.finding(
            f"{FAMILY}.plenum",
            data["plenum"],
            unit.at(hit.start, hit.end),
            basis=f"术语表 plenums：{spec.get('basis', '')}",
            excerpt=hit.found,
            found=hit.found,
            last=hit.last,
            latest=hit.latest.name,
            held=hit.latest.held,
            suggest=ctx.render(spec.get("suggest", "二十届历次全会")),
        )


def _unverified(
    ctx: CheckContext,
    data: dict[str, Any],
    spec: dict[str, Any],
    unit: TextUnit,
    start: int,
    end: int,
    found: str,
    current: str,
) -> Finding:
    return ctx.finding(
        f"{FAMILY}.outline-unverified",
        data["outline_unverified"],
        unit.at(start, end),
        basis=f"术语表 outlines：{spec.get('basis_unverified', '')}",
        excerpt=found,
        found=found,
        current=current,
    )


def _book_name(text: str, start: int, paren: int) -> tuple[int, str, str]:
    """Where the document's name begins (after 《 or the clause break), the name up to its period, and the
    words before 「实施纲要」 (what the outline is of: 「法治政府建设」, 「法治社会建设」)."""
    head = max(text.rfind("《", 0, start), max((text.rfind(c, 0, start) for c in "，。；：、"), default=-1))
    begin = head + 1 if head >= 0 else 0
    begin = max(begin, start - 40)
    return begin, text[begin:paren].strip(), text[begin:start].strip()


def known_documents(terms: dict[str, Any]) -> tuple[tuple[str, tuple[int, int] | None], ...]:
    """(name without its period, period) of every document the kind knows to exist (terms.toml)."""
    out: list[tuple[str, tuple[int, int] | None]] = []
    for d in terms.get("documents", []):
        period = d.get("period")
        out.append((d["name"], (int(period[0]), int(period[1])) if period else None))
    return tuple(out)


def is_known_document(terms: dict[str, Any], subject: str, period: tuple[int, int] | None) -> bool:
    """The text's name (issuers and 《 included or not) ends with a known name, and the periods agree."""
    bare = re.sub(r"[\s《》“”\"]", "", subject)
    return any(
        bare.endswith(name) and (kp is None or period is None or kp == period)
        for name, kp in known_documents(terms)
    )


def _outlines(
    ctx: CheckContext, unit: TextUnit, data: dict[str, Any], taken: list[tuple[int, int]]
) -> Iterator[Finding]:
    """Outlines by their period: a known document is never flagged, an unknown one with a period after the
    last recorded outline is 「未收录，请核实」 (hint), an unknown earlier period never existed (error)."""
    spec = ctx.terms.get("outlines")
    if not spec:
        return
    year = ctx.year
    assert year is not None
    known = spec.get("known", [])
    subjects = tuple(spec.get("subjects", ["法治政府建设"]))
    current = next(
        (k for k in known if k.get("from", 0) <= year and ("to" not in k or year <= k["to"])),
        None,
    )
    if current is None and known:
        current = max(known, key=lambda k: k.get("from", 0))
    current_name = current["name"] if current else ""
    last_end = max((int(k["period"][1]) for k in known), default=0)
    for m in re.finditer(spec["pattern"], unit.text):
        period = [int(m.group(1)), int(m.group(2))]
        paren = max(unit.text.rfind("（", m.start(), m.start(1)), unit.text.rfind("(", m.start(), m.start(1)))
        begin, name, subject = _book_name(unit.text, m.start(), paren if paren >= 0 else m.start(1))
        # Another outline names its own subject (「法治社会建设」「法治乡村建设」) right before 「实施纲要」.
        other = re.search(spec.get("other_subject", "建设$"), subject) is not None
        ours = any(s in subject for s in subjects) or not other
        # The excerpt starts at the outline's subject when it is written out (not at 「对照」).
        start = begin if not ours else m.start()
        for s in subjects:
            at = unit.text.find(s, begin, m.start())
            if at >= 0:
                start = at
                break
        found = unit.text[start : m.end()].strip("《》")
        taken.append((start, m.end()))
        if not ours:
            if is_known_document(ctx.terms, name, (period[0], period[1])):
                continue  # a real document of another subject (法治社会建设实施纲要……)
            yield _unverified(ctx, data, spec, unit, start, m.end(), found, current_name)
            continue
        entry = next((k for k in known if list(k["period"]) == period), None)
        if entry is None and period[0] > last_end:
            yield _unverified(ctx, data, spec, unit, start, m.end(), found, current_name)
            continue
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
    required_keys=("message_early", "message_ended"),
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
            "stale.plenum",
            "全会列举不全",
            "列举的全会止于报告年度末之前最近一次全会以前（如2026年的报告只写到三中全会）。",
            "warning",
            "plenum",
        ),
        Rule(
            "stale.outline-unverified",
            "未收录的纲要",
            "引用了术语表未收录、期限在已知纲要之后（或名称不同）的纲要，无法核实，请核对名称和期限。",
            "hint",
            "outline_unverified",
        ),
        Rule(
            "stale.outline-stale", "旧纲要", "引用了报告年度已不适用的实施纲要。", "warning", "outline_stale"
        ),
    ),
)
