"""Plain-data helpers behind the editor: which part of the report is open, how the editor's lines map
back to paragraphs, what the "current sentence" is, and the report-year deadlines.

Kept free of Textual so the rules can be tested directly and reused by the benchmark.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from typing import Any

from drafter.model import CARRIED, Paragraph, Report, Section

#: Characters that end a sentence (or a clause that reads as one) in the reports.
SENTENCE_END = "。！？；!?;"

OPENING = "opening"
CLOSING = "closing"
SECTION = "section"


@dataclass(frozen=True)
class Target:
    """What the editor shows: the opening, the closing, or one section (by index path)."""

    area: str
    path: tuple[int, ...] = ()

    def paragraphs(self, report: Report) -> list[Paragraph]:
        if self.area == OPENING:
            return report.opening
        if self.area == CLOSING:
            return report.closing
        return report.section_at(self.path).paragraphs

    def set_paragraphs(self, report: Report, paragraphs: list[Paragraph]) -> None:
        if self.area == OPENING:
            report.opening = paragraphs
        elif self.area == CLOSING:
            report.closing = paragraphs
        else:
            report.section_at(self.path).paragraphs = paragraphs

    def exists(self, report: Report) -> bool:
        if self.area != SECTION:
            return True
        try:
            report.section_at(self.path)
        except (IndexError, TypeError):
            return False
        return True


def text_of(paragraphs: list[Paragraph]) -> str:
    """One paragraph a line: the form the editor shows (soft wrap makes long lines readable)."""
    return "\n".join(p.text for p in paragraphs)


def carried_keys(report: Report) -> frozenset[str]:
    """Fingerprints of last year's wording recorded by the roll-forward (empty for other drafts)."""
    info = report.meta.extra.get("carried_from")
    keys = info.get("texts") if isinstance(info, dict) else None
    return frozenset(k for k in keys if isinstance(k, str)) if isinstance(keys, list) else frozenset()


def paragraphs_from_text(
    old: list[Paragraph], text: str, carried: frozenset[str] = frozenset()
) -> list[Paragraph]:
    """The paragraphs after an edit, keeping flags on untouched lines.

    A line that is unchanged keeps its paragraph (a carried-over paragraph stays marked as carried);
    a changed line is that paragraph :meth:`~drafter.model.Paragraph.edited`, which drops the
    "carried" marks; new lines are plain paragraphs. Blank lines are not paragraphs.
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    old_texts = [p.text for p in old]
    out: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(a=old_texts, b=lines, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.extend(old[a0:a1])
        elif op == "replace":
            for i, line in enumerate(lines[b0:b1]):
                if a0 + i < a1:
                    out.append(old[a0 + i].edited(line, carried))
                else:
                    out.append(Paragraph(line))
        elif op == "insert":
            out.extend(Paragraph(line) for line in lines[b0:b1])
    return out


def line_for_paragraph(text: str, paragraph: int) -> int:
    """Editor line of the n-th paragraph (blank lines in the editor are not paragraphs)."""
    seen = -1
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            seen += 1
            if seen == paragraph:
                return i
    return max(0, len(lines) - 1)


def sentence_start(line: str, column: int) -> int:
    """Column where the sentence containing ``column`` starts (after the last 。！？；)."""
    start = 0
    for i in range(min(column, len(line)) - 1, -1, -1):
        if line[i] in SENTENCE_END:
            start = i + 1
            break
    while start < column and line[start].isspace():
        start += 1
    return start


def current_sentence(line: str, column: int) -> str:
    """The sentence being written: from its start up to the cursor."""
    return line[sentence_start(line, column) : column]


def section_state(section: Section) -> str:
    """How far a section is written: "empty", "carried" (holds last year's text) or "written".

    Judged over the section and its sub-sections: a heading whose text sits in its sub-sections is not
    empty, and one carried paragraph anywhere below marks it, so the outline shows where work remains.
    """
    texts = [p for p in section.paragraphs if p.text.strip()]
    texts += [p for _, child in section.walk() for p in child.paragraphs if p.text.strip()]
    if not texts:
        return "empty"
    if any(CARRIED in p.flags for p in texts):
        return "carried"
    return "written"


def part_of(report: Report, path: tuple[int, ...]) -> str | None:
    """The canonical part of a section, inherited from the nearest tagged ancestor."""
    for n in range(len(path), 0, -1):
        part = report.section_at(path[:n]).part
        if part:
            return part
    return None


def top_part_of(report: Report, path: tuple[int, ...]) -> str | None:
    """The outermost tagged part (task sub-parts of "measures" give "measures")."""
    for n in range(1, len(path) + 1):
        part = report.section_at(path[:n]).part
        if part:
            return part
    return None


@dataclass(frozen=True)
class Deadline:
    label: str
    date: _dt.date


def deadlines(source: Any, year: int | None) -> list[Deadline]:
    """The deadlines for the report on ``year``: from a kind, or a ``deadlines.toml`` table."""
    if year is None:
        return []
    from ..kind_data import build_deadlines

    items = source.deadlines if hasattr(source, "deadlines") else build_deadlines(source)
    return [Deadline(d.label, d.date_for(year)) for d in items]


def format_date(d: _dt.date) -> str:
    """Dates as the reports write them: 2026年3月1日 (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"
