"""Search and replace across the whole draft: headings and paragraphs of the opening, every section and
the closing, in reading order.

Front ends show the count, step through the matches and replace one or all of them. Replace-all returns
the changed report together with a snapshot of the report as it was, so a front end can undo the whole
operation in one step (a clerk renaming 区委→县委 after a roll forward must be able to take it back at
once). Replacing keeps a paragraph's flags: a mechanical rename does not make last year's carried-over
text "written"; the clerk still has to read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..model import Paragraph, Report

OPENING = "opening"
CLOSING = "closing"
#: The report's title (in the metadata; the export prints it above the text).
TITLE = "title"
SECTION = "section"
#: The ``paragraph`` index of a match in a section's heading.
HEADING = -1


@dataclass(frozen=True)
class Match:
    """One occurrence: where (area, section path, paragraph index or HEADING) and the character span."""

    area: str
    path: tuple[int, ...]
    paragraph: int
    start: int
    end: int

    @property
    def in_heading(self) -> bool:
        return self.paragraph == HEADING


@dataclass
class Replaced:
    """What replace-all did: the changed report, the report before (the undo snapshot), the count."""

    report: Report
    before: Report
    count: int


def _texts(report: Report) -> list[tuple[str, tuple[int, ...], int, str]]:
    """Every searchable text in reading order: (area, path, paragraph index or HEADING, text)."""
    out: list[tuple[str, tuple[int, ...], int, str]] = [(TITLE, (), HEADING, report.meta.title)]
    out.extend((OPENING, (), i, p.text) for i, p in enumerate(report.opening))
    for path, section in report.walk():
        out.append((SECTION, path, HEADING, section.heading))
        out.extend((SECTION, path, i, p.text) for i, p in enumerate(section.paragraphs))
    out.extend((CLOSING, (), i, p.text) for i, p in enumerate(report.closing))
    return out


def _spans(text: str, needle: str, avoid: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``needle`` in ``text``, leaving out those inside an ``avoid`` word
    (区委 inside 社区委员会 is not the district committee)."""
    blocked = [(m.start(), m.end()) for word in avoid if word for m in re.finditer(re.escape(word), text)]
    out = []
    for m in re.finditer(re.escape(needle), text):
        if not any(a < m.end() and m.start() < b for a, b in blocked):
            out.append((m.start(), m.end()))
    return out


def find_all(report: Report, needle: str, avoid: tuple[str, ...] = ()) -> list[Match]:
    """Every occurrence of ``needle`` (plain text, case as typed; non-overlapping), in reading order."""
    if not needle:
        return []
    return [
        Match(area, path, index, start, end)
        for area, path, index, text in _texts(report)
        for start, end in _spans(text, needle, avoid)
    ]


def count(report: Report, needle: str, avoid: tuple[str, ...] = ()) -> int:
    return len(find_all(report, needle, avoid))


def _paragraphs(report: Report, area: str, path: tuple[int, ...]) -> list[Paragraph]:
    if area == OPENING:
        return report.opening
    if area == CLOSING:
        return report.closing
    return report.section_at(path).paragraphs


def text_at(report: Report, match: Match) -> str:
    """The whole text (heading or paragraph) a match is in."""
    if match.area == TITLE:
        return report.meta.title
    if match.in_heading:
        return report.section_at(match.path).heading
    return _paragraphs(report, match.area, match.path)[match.paragraph].text


def replace_one(report: Report, match: Match, needle: str, replacement: str) -> bool:
    """Replace one occurrence in place; False when the text there is no longer ``needle`` (stale match)."""
    try:
        text = text_at(report, match)
    except (IndexError, TypeError):
        return False
    if text[match.start : match.end] != needle:
        return False
    new = text[: match.start] + replacement + text[match.end :]
    if match.area == TITLE:
        report.meta.title = new
    elif match.in_heading:
        report.section_at(match.path).heading = new
    else:
        paragraphs = _paragraphs(report, match.area, match.path)
        paragraphs[match.paragraph] = replace(paragraphs[match.paragraph], text=new)
    return True


def _sub(text: str, needle: str, replacement: str, avoid: tuple[str, ...]) -> tuple[str, int]:
    spans = _spans(text, needle, avoid)
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text, len(spans)


def replace_all(report: Report, needle: str, replacement: str, avoid: tuple[str, ...] = ()) -> Replaced:
    """Replace every occurrence in ``report`` (changed in place) as one operation.

    ``before`` is a copy of the report as it was: putting it back undoes the whole replace-all.
    """
    before = report.copy()
    found = 0
    if needle:
        report.meta.title, found = _sub(report.meta.title, needle, replacement, avoid)
        for _, section in list(report.walk()):
            section.heading, n = _sub(section.heading, needle, replacement, avoid)
            found += n
        lists = [report.opening, report.closing, *(s.paragraphs for _, s in report.walk())]
        for paragraphs in lists:
            for i, p in enumerate(paragraphs):
                text, n = _sub(p.text, needle, replacement, avoid)
                if n:
                    paragraphs[i] = replace(p, text=text)
                    found += n
    return Replaced(report, before, found)


def restore(report: Report, snapshot: Report) -> None:
    """Put a snapshot's content back into ``report`` (the same object the front end holds)."""
    copy = snapshot.copy()
    report.meta = copy.meta
    report.opening = copy.opening
    report.sections = copy.sections
    report.closing = copy.closing


# ----------------------------------------------------------------------------- after a roll forward
def _body_name(title: str, year: Any) -> str:
    """The issuing body at the head of a title: 「濠江区2024年法治政府建设年度报告」 gives 「濠江区」."""
    title = title.strip()
    if year is not None:
        head, sep, _ = title.partition(str(year))
        if sep and head.strip():
            return head.strip()
    m = re.match(r"^(.+?)(?:关于|\d{4}年)", title)
    return m.group(1).strip() if m else ""


def _strip_suffixes(name: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Offer:
    """A replacement offered after a roll forward, with the words it must leave alone."""

    old: str
    new: str
    avoid: tuple[str, ...] = ()


def rename_offers(report: Report, kind: Any) -> list[Offer]:
    """Replacements to offer right after a roll forward: last year's body name and short form (and the
    level words built on them, such as 区委→县委) to this year's, as the kind's ``rename.toml`` lists them.

    Only pairs that differ and still occur in the draft are offered, the longest names first.
    """
    info = report.meta.extra.get("carried_from")
    if not isinstance(info, dict):
        return []
    data = kind.data("rename.toml")
    suffixes = list(data.get("body_suffixes", []))
    level_chars = str(data.get("levels", ""))
    patterns = list(data.get("level_words", []))
    avoid = tuple(data.get("avoid", []))
    old_full = str(info.get("org") or "") or _body_name(str(info.get("title") or ""), info.get("year"))
    old_full = _strip_suffixes(old_full, suffixes)
    new_body = _strip_suffixes(report.meta.org.strip(), suffixes)
    pairs: list[tuple[str, str]] = []
    if old_full and new_body and old_full != new_body:
        pairs.append((old_full, new_body))
        # 「汕头市濠江区」 is mostly written 「濠江区」 in its own report.
        inner = re.match(rf"^.+?[{level_chars}](.+[{level_chars}])$", old_full) if level_chars else None
        if inner and inner.group(1) != new_body:
            pairs.append((inner.group(1), new_body))
        # 「在濠江落地落实」: the bare name, without its level, is common too (濠江 → 青禾).
        own = inner.group(1) if inner else old_full
        if level_chars and own[-1:] in level_chars and new_body[-1:] in level_chars:
            old_bare, new_bare = own[:-1], new_body[:-1]
            if (
                len(old_bare) >= 2
                and new_bare
                and old_bare != new_bare
                and not re.search(rf"[{level_chars}]", old_bare)
            ):
                pairs.append((old_bare, new_bare))
    old_level = old_full[-1:] if old_full[-1:] in level_chars else ""
    new_level = new_body[-1:] if new_body[-1:] in level_chars else ""
    old_short = str(info.get("short") or "") or (f"我{old_level}" if old_level else "")
    new_short = report.meta.short.strip()
    if not new_short or new_short == old_short:
        new_short = f"我{new_level}" if new_level else ""
    if old_short and new_short and old_short != new_short:
        pairs.append((old_short, new_short))
    if old_level and new_level and old_level != new_level:
        for pattern in patterns:
            pair = (pattern.replace("{level}", old_level), pattern.replace("{level}", new_level))
            if pair not in pairs:
                pairs.append(pair)
    offers = [Offer(old, new, avoid) for old, new in pairs]
    return [o for o in offers if count(report, o.old, o.avoid)]
