"""Copied from last year: a paragraph of this year's report nearly identical to one of last year's.

A drafter who pastes last year's paragraph (or inserts a suggestion mined from last year's report) and forgets
it is the commonest leftover after the figures; without a figure in it, the same-figure rule never sees it.
Paragraphs are compared by character n-gram similarity (Dice coefficient over character trigrams, which
needs no word segmentation and sees a changed character at once). A paragraph whose figures were all
changed was updated, not copied. Length, n and the threshold are data (``rules.toml`` ``[copied]``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..findings import Finding, Location
from ..model import Report
from .context import CheckContext
from .registry import Family, Rule

FAMILY = "copied"
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
_SLOT = re.compile(r"「\s*[XxＸｘ]\s*」|(?<=[\u4e00-\u9fff])[XxＸｘ](?![A-Za-z])")


def normalised(text: str) -> str:
    """The text with its years, figures and our 「X」 slots blanked: a paragraph rolled forward (new year)
    or inserted from a suggestion mined from last year (figures as 「X」) is the same text."""
    t = _SPACE.sub("", text)
    t = _YEAR.sub("#", t)
    t = _SLOT.sub("0", t)
    return _NUMBER.sub("0", t)


def figures(text: str) -> set[str]:
    """The figures of a text other than its years."""
    return set(_NUMBER.findall(_YEAR.sub("", text)))


def ngrams(text: str, n: int) -> Counter[str]:
    t = normalised(text)
    return Counter(t[i : i + n] for i in range(max(0, len(t) - n + 1)))


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two n-gram multisets (0–1)."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum((a & b).values()) / total


def _prior_paragraphs(prior: Report) -> list[str]:
    return [p.text for _, s in prior.walk() for p in s.paragraphs if p.text.strip()]


def copied_paragraphs(ctx: CheckContext) -> list[tuple[Location, str, int, float]]:
    """(location, text, index of last year's paragraph, similarity) of each copied paragraph."""
    if ctx.prior is None:
        return []
    data = ctx.table(FAMILY)
    n = int(data.get("ngram", 3))
    min_chars = int(data.get("min_chars", 30))
    threshold = float(data.get("threshold", 0.85))
    prior = [(t, ngrams(t, n)) for t in _prior_paragraphs(ctx.prior)]
    out = []
    for unit in ctx.units(headings=False, title=False):
        p = unit.paragraph
        if unit.location.area != "section" or p is None or p.carried:
            continue  # carried paragraphs are the leftovers family's finding
        if len(_SPACE.sub("", unit.text)) < min_chars:
            continue
        grams = ngrams(unit.text, n)
        best, index = 0.0, -1
        for i, (_, g) in enumerate(prior):
            s = similarity(grams, g)
            if s > best:
                best, index = s, i
        if best < threshold:
            continue
        numbers = figures(unit.text)
        if numbers and not numbers & figures(prior[index][0]):
            continue  # every figure was updated: the paragraph was rewritten for this year
        out.append((unit.location, unit.text, index, best))
    return out


def check(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.table(FAMILY)
    for location, text, _, score in copied_paragraphs(ctx):
        yield ctx.finding(
            f"{FAMILY}.paragraph",
            data["message"],
            location,
            basis=data.get("basis", ""),
            excerpt=text[:30],
            percent=round(score * 100),
            start=text[:20],
        )


#: The family as registered (entry point ``drafter.checks``): its rules, their names and default severities.
family = Family(
    id="copied",
    name="照搬上年",
    table="copied",
    check=check,
    order=55,
    description="与上年报告几乎相同的段落（按字符 n 元组相似度，需用 --prior 指定上年报告）。",
    required_keys=(),
    rules=(
        Rule(
            "copied.paragraph",
            "照搬上年段落",
            "本年度报告中与上年报告某一段几乎相同的段落。",
            "warning",
            "message",
        ),
    ),
)
