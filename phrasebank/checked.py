"""The last word on a suggestion that names a year: the checker itself.

Term data dates most phrases at mining time (:mod:`phrasebank.validity`). A year in the text is different:
whether the checker accepts 「在2025年度……考评中」 in a 2026 report depends on the words around the year once
the phrase is rendered for this draft (a placeholder such as 「上级地名」 is longer than a real place name and
moves the excusing word out of reach). So a suggestion whose inserted text names a year before the draft's
is run through the checker's year and stale families, on the paragraph as it would read, and dropped if
flagged. Few suggestions name a year, and the verdicts are cached.

The clerk's text and a suggestion may also name together something dated that neither names alone:
「深入开展“七五”普」 followed by 「法内容」 (mined from an innocent 「丰富普法内容」) reads 「“七五”普法」. A stretch
running across the cursor is dated with the term data mined phrases are dated with (:func:`joins_dated`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .compiled import SEGMENT_END
from .validity import Validity, validity

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
#: A blank the drafter fills (「上级地名」「单位名称」): checked as the short name it will become, since its
#: length alone would move an excusing word (「考评」 after a year) out of the checker's reach.
_BLANK = re.compile(r"「[^「」X]{1,8}」")


def names_earlier_year(text: str, year: int) -> bool:
    return any(int(y) < year for y in _YEAR.findall(text))


#: Characters on each side of the cursor searched for a dated stretch that an insert would finish (the
#: longest term of the data, 「第六个五年法治宣传教育规划」, is 12); a search costs time at every keystroke.
JOIN_CHARS = 16


def joins_dated(before: str, insert: str, year: int, kind_id: str) -> bool:
    """Whether the text before the cursor and the insert together name something the term data dates out
    of ``year`` (:mod:`phrasebank.validity`, the dating mined phrases get): a stretch it could date starts
    before the cursor and ends in the insert, and what runs from its start is not valid for the year.

    Why not the checker: this runs for the few suggestions of every keystroke, and the checker costs
    milliseconds on a paragraph it has not seen; the term data is the checker's own.
    """
    val = validity(kind_id)
    if not before or not insert:
        return False
    for ch in (before[-1], insert[0]):  # most joins hold a character no dated stretch has: no search
        if ch not in val.chars and not ch.isspace():
            return False
    tail = before[-JOIN_CHARS:]
    cut = len(tail)
    window = tail + insert[:JOIN_CHARS]
    pos = 0
    while pos < cut:
        m = val.anything.search(window, pos)
        if m is None or m.start() >= cut:
            return False
        if m.end() > cut:
            return not _valid(val, window, tail, m.start(), year)
        pos = m.start() + 1
    return False


#: Where a stretch dated on its own begins: where mining cuts a phrase into stretches
#: (:func:`phrasebank.compiled.segments`), or where a sentence ends (mining never joins two sentences).
_STOP = re.compile(f"{SEGMENT_END.pattern}|[。！？]")


def _valid(val: Validity, window: str, tail: str, start: int, year: int) -> bool:
    """Whether the typed stretch and the insert read together are right for ``year``, dated as mining dates
    a stretch: from the last stop before the cursor (what comes before it, 「实施纲要（」, may be what makes
    a period an outline's). Where the typed stretch is dated on its own, only what runs from the stretch
    across the cursor (from ``start``) is dated: the clerk's own wording is theirs."""
    stops = list(_STOP.finditer(tail))
    begin = stops[-1].end() if stops else 0
    lo, hi = val.span(tail[begin:])
    if lo <= year <= hi:
        lo, hi = val.span(window[begin:])
    else:
        lo, hi = val.span(window[start:])
    return lo <= year <= hi


@lru_cache(maxsize=4096)
def flagged(paragraph: str, start: int, part: str | None, year: int, kind_id: str) -> bool:
    """Whether the checker flags the stretch of ``paragraph`` from ``start`` in a report on ``year``."""
    from drafter.checks import check_report
    from drafter.kinds import get_kind
    from drafter.model import Meta, Paragraph, Report, Section

    from .parts import part_top

    kind = get_kind(kind_id)

    head = _BLANK.sub("某某", paragraph[:start])
    paragraph, start = head + _BLANK.sub("某某", paragraph[start:]), len(head)
    meta = Meta(kind=kind_id, year=year)
    report = Report(meta=meta)
    if part in (None, "opening"):
        report.opening = [Paragraph(paragraph)]
    else:
        top = part_top(part, kind_id)
        if kind.part(top or "") is None:
            top = kind.part_id("work") or kind.parts[0].id
        report.sections = [Section(heading="", part=top, paragraphs=[Paragraph(paragraph)])]
    for f in check_report(report, kind, year=year, families=["stale", "year"]):
        loc = f.location
        if loc.paragraph != 0 or loc.area not in {"opening", "section"}:
            continue
        if loc.end is None or loc.end > start:
            return True
    return False
