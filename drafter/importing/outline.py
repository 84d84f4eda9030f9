"""Heading recovery: find the numbered outline (一、 （一） 1. （1）) in cleaned paragraphs.

Real reports number their headings in many ways and often lose their line breaks, so a heading is
recognised by its number and by where it stands:

* at the start of a paragraph: always a heading;
* after a sentence end inside a paragraph (items run together, a report without line breaks): a heading
  when its number continues the sequence at that level;
* right after another heading with no punctuation between (「主要举措(一)依法……」): same rule.

The heading text runs to the first full stop (a run-in heading; the rest of the paragraph is its body),
or to 「一是」 / a heading-ending word / the next number when the punctuation was lost. 「一是……二是……」
enumerations never make headings. One garbled numeral (OCR 「(S)」 for 「(三)」) is accepted when the numbers
before and after it make its value clear.

Headings without a number (「■ 主要举措」「- 存在的不足」, or short lines standing alone in a text with no
numbers at all) are recognised in :mod:`.heading_forms`; a short heading closed by a colon
(「二、存在的不足：一是……」) ends at the colon.

Matching runs on the simplified mirror of the text (same length), cutting is done on the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Paragraph, Section
from ..numbering import chinese_to_int
from .clean import Simp, identity, normalise_years
from .config import ImportConfig
from .heading_forms import bullet_heading, unnumbered_headings

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})[ \u3000]*[、．.])"
    rf"|(?P<l2>[（(][ \u3000]*(?P<n2>[{_CN}]{{1,3}})[ \u3000]*[）)][ \u3000]*[、.．]?)"
    rf"|(?P<l4>[（(][ \u3000]*(?P<n4>\d{{1,2}})[ \u3000]*[）)][ \u3000]*[、.．]?)"
    rf"|(?P<l3>(?<!\d)(?P<n3>\d{{1,2}})[ \u3000]*[.．、](?!\d))"
    rf"|(?P<lg>[（(][ \u3000]*(?P<ng>[A-Za-z\u4e00-\u9fff])[ \u3000]*[）)])"
)
_BOUNDARY = "。！？；!?;：:"
_STOPS = "。！？!?"
_PUNCT = "。！？；!?;：:，,、）)”’」』"
_TRAILING = "。；;，,、：: \u3000"
_MAX_GLUE = 80


@dataclass
class Candidate:
    start: int
    end: int
    rank: int
    number: int
    garbled: bool = False


@dataclass
class ParsedOutline:
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    headings_found: int = 0
    garbled_accepted: int = 0


def _candidates(s: str) -> list[Candidate]:
    out = []
    for m in _MARKER.finditer(s):
        if m.group("l1"):
            n = chinese_to_int(m.group("n1"))
            rank = 1
        elif m.group("l2"):
            n = chinese_to_int(m.group("n2"))
            rank = 2
        elif m.group("l3"):
            n = int(m.group("n3"))
            rank = 3
        elif m.group("l4"):
            n = int(m.group("n4"))
            rank = 4
        else:
            out.append(Candidate(m.start(), m.end(), 2, 0, garbled=True))
            continue
        if n is None or n <= 0:
            continue
        out.append(Candidate(m.start(), m.end(), rank, n))
    return out


class _Builder:
    """The outline tree under construction, with the numbering state needed to judge a candidate."""

    def __init__(self) -> None:
        self.result = ParsedOutline()
        # (rank, number, section)
        self.stack: list[tuple[int, int, Section]] = []
        # Last number used at each rank under the current parent chain, per open node.
        self.last_child: dict[int, dict[int, int]] = {}

    def expected(self, rank: int) -> int:
        """The number a heading of this rank would need to continue the sequence where it would go."""
        last = 0
        for r, n, _ in reversed(self.stack):
            if r == rank:
                last = n
                break
            if r < rank:
                break
        return last + 1

    def add(self, rank: int, number: int, heading: str) -> Section:
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        section = Section(heading=heading)
        (self.stack[-1][2].children if self.stack else self.result.sections).append(section)
        self.stack.append((rank, number, section))
        self.result.headings_found += 1
        return section

    def body(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        para = Paragraph(normalise_years(text))
        if self.stack:
            self.stack[-1][2].paragraphs.append(para)
        else:
            self.result.opening.append(para)


def _clean_heading(text: str) -> str:
    return normalise_years(text.strip().strip(_TRAILING).strip())


def _preceded_by_boundary(s: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and s[i] in " \u3000":
        i -= 1
    return i < 0 or s[i] in _BOUNDARY


def parse_outline(
    paragraphs: list[str],
    cfg: ImportConfig,
    simp: Simp = identity,
    level_hints: list[int | None] | None = None,
) -> ParsedOutline:
    """Build the outline tree from cleaned paragraphs (title, signature and chrome already removed)."""
    b = _Builder()
    mirrors = [simp(p) for p in paragraphs]
    cands = [_candidates(s) for s in mirrors]
    # Numbers of the well-formed level-2 candidates in reading order, for judging a garbled numeral.
    l2_seq = [
        (pi, c.start, c.number) for pi, cs in enumerate(cands) for c in cs if c.rank == 2 and not c.garbled
    ]

    def next_l2_number(pi: int, pos: int) -> int | None:
        i = bisect.bisect_right(l2_seq, (pi, pos, 1 << 30))
        return l2_seq[i][2] if i < len(l2_seq) else None

    # Headings without numbers: by their mark (level fixed where the mark first appears) or, in a text with
    # no numbers at all, by position and form.
    promoted = unnumbered_headings(mirrors, cfg) if level_hints is None else set()
    mark_rank: dict[str, int] = {}

    for pi, (text, s) in enumerate(zip(paragraphs, mirrors, strict=True)):
        hint = level_hints[pi] if level_hints else None
        if hint:
            lead = next((c for c in cands[pi] if c.start == 0), None)
            heading = text[lead.end :] if lead else text
            b.add(hint, lead.number if lead else b.expected(hint), _clean_heading(heading))
            continue
        if pi in promoted:
            b.add(1, b.expected(1), _clean_heading(text))
            continue
        marked = bullet_heading(s, cfg) if level_hints is None else None
        if marked is not None:
            mark, head_start, head_end, body_start = marked
            if mark not in mark_rank:
                mark_rank[mark] = b.stack[-1][0] + 1 if b.stack else 1
            rank = mark_rank[mark]
            b.add(rank, b.expected(rank), _clean_heading(text[head_start:head_end]))
            b.body(text[body_start:])
            continue
        pos = 0  # start of text not yet assigned
        glue_from: int | None = None  # end of the last heading when its body has not started
        for c in cands[pi]:
            if c.start < pos:
                continue
            at_start = c.start == 0 and pos == 0
            glued = (
                glue_from is not None
                and c.start - glue_from <= _MAX_GLUE
                and not any(ch in _STOPS for ch in s[glue_from : c.start])
            )
            boundary = _preceded_by_boundary(s, c.start) and c.start >= pos
            if c.garbled:
                exp = b.expected(2)
                nxt = next_l2_number(pi, c.start)
                if not ((at_start or boundary) and exp > 1 and nxt == exp + 1):
                    continue
                c.number = exp
                b.result.garbled_accepted += 1
            elif not at_start and (not (boundary or glued) or c.number != b.expected(c.rank)):
                continue
            # Text between the last cut and this marker belongs to the previous section.
            b.body(text[pos : c.start])
            head_start = c.end
            head_end, body_start = _heading_end(s, head_start, cfg, cands[pi], c)
            b.add(c.rank, c.number, _clean_heading(text[head_start:head_end]))
            pos = body_start
            glue_from = head_end if body_start == head_end else None
        b.body(text[pos:])
    _move_closing(b.result, cfg, simp)
    return b.result


def _heading_end(
    s: str, start: int, cfg: ImportConfig, cands: list[Candidate], this: Candidate
) -> tuple[int, int]:
    """(end of the heading text, start of the body) for a heading whose number ends at ``start``."""
    limit = len(s)
    # 「存在的不足：一是……」: a short heading closed by a colon, its body after it.
    if cfg.heading_colon_max:
        colon = next(
            (i for i in range(start, min(limit, start + cfg.heading_colon_max + 1)) if s[i] in "：:"), None
        )
        if (
            colon is not None
            and colon > start
            and colon + 1 < limit
            and not any(ch in "，,。；;" for ch in s[start:colon])
            and not any(start < c.start < colon for c in cands)
        ):
            return colon, colon + 1
    # Only a full stop close enough to make a run-in heading counts (bounded scan: long unbroken text).
    stop = next(
        (i for i in range(start, min(limit, start + cfg.max_run_in_heading + 1)) if s[i] in _STOPS), None
    )
    horizon = stop if stop is not None else min(limit, start + cfg.max_run_in_heading)
    cuts: list[int] = []
    # 「……职能一是完善……」: an enumeration glued to the heading.
    m = s.find("一是", start, horizon)
    if m > start and s[m - 1] not in _PUNCT:
        cuts.append(m)
    # 「……有关情况区委书记……」: a heading word glued to the body.
    for word in cfg.glued_heading_ends:
        i = s.find(word, start, min(horizon, start + _MAX_GLUE))
        if i >= 0:
            end = i + len(word)
            if end < limit and s[end] not in _PUNCT and s[end] not in " \u3000":
                cuts.append(end)
    # The next number glued to this heading (「主要举措(一)依法……」).
    for c in cands:
        if start < c.start < horizon and not c.garbled and c.start - start <= _MAX_GLUE:
            child = c.rank > this.rank and c.number == 1
            sibling = c.rank == this.rank and c.number == this.number + 1
            if child or sibling:
                cuts.append(c.start)
                break
    if cuts:
        end = min(cuts)
        return end, end
    if stop is not None:
        return stop, stop + 1
    if limit - start <= cfg.max_run_in_heading:
        return limit, limit
    comma = next((i for i in range(start, horizon) if s[i] in "，,"), None)
    end = comma if comma is not None else horizon
    return end, end + (1 if comma is not None else 0)


def _move_closing(result: ParsedOutline, cfg: ImportConfig, simp: Simp) -> None:
    """「特此报告。」 and the like, at the end of the last section, belong after the outline."""
    if not result.sections:
        return
    last = result.sections[-1]
    while last.children:
        last = last.children[-1]
    moved: list[Paragraph] = []
    while last.paragraphs and any(p.search(simp(last.paragraphs[-1].text)) for p in cfg.closing):
        moved.insert(0, last.paragraphs.pop())
    result.closing = moved + result.closing
