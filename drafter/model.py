"""The report as plain data: metadata plus an outline tree of sections.

Numbers such as 「一、」 or 「（一）」 are never stored: they follow from a section's place in the tree
(see :mod:`drafter.numbering`), so moving or deleting a section can never leave a stale number behind.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

#: Paragraph flag: text copied from last year's report and not yet edited by the drafter.
CARRIED = "carried"
#: Paragraph flag: carried-over text that holds figures which need this year's data.
NEEDS_DATA = "needs-data"
#: Paragraph flag: carried-over text the drafter confirmed as still right this year (确认沿用).
KEPT = "kept"


def text_key(text: str) -> str:
    """A short fingerprint of a paragraph's text (whitespace ignored), to recognise last year's wording."""
    import hashlib

    return hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph. ``flags`` is a small set of markers such as :data:`CARRIED`."""

    text: str
    flags: frozenset[str] = frozenset()

    @property
    def carried(self) -> bool:
        return CARRIED in self.flags

    def edited(self, text: str, carried_keys: frozenset[str] | set[str] = frozenset()) -> Paragraph:
        """The paragraph after the drafter changed it. It stays last year's text while its wording is one
        of last year's (``carried_keys``: e.g. a change typed and undone); otherwise the marks go."""
        if carried_keys and text_key(text) in carried_keys:
            flags = set(self.flags) | {CARRIED}
            if any(ch.isdigit() for ch in text):
                flags.add(NEEDS_DATA)
            return Paragraph(text, frozenset(flags))
        return Paragraph(text, self.flags - {CARRIED, NEEDS_DATA, KEPT})


@dataclass
class Section:
    """A heading (without its number), its canonical part id if known, its paragraphs and sub-sections."""

    heading: str
    part: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], Section]]:
        """Yield (index path, section) for this section's descendants, depth first."""
        for i, child in enumerate(self.children):
            p = (*path, i)
            yield p, child
            yield from child.walk(p)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Meta:
    """What the report is about and who issues it. Unknown values stay empty rather than guessed."""

    kind: str = ""
    year: int | None = None
    org: str = ""
    short: str = ""
    recipient: str = ""
    date: _dt.date | None = None
    title: str = ""
    attachments: list[str] = field(default_factory=list)
    #: Roll-forward: last year's plan items this year's report should report on.
    promises: list[str] = field(default_factory=list)
    #: Keys written by other tools or later versions, kept as they are.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    meta: Meta = field(default_factory=Meta)
    #: Paragraphs before the first heading (the opening).
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    #: Paragraphs after the outline (「特此报告。」 and the like), before the signature.
    closing: list[Paragraph] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[tuple[int, ...], Section]]:
        """Yield (index path, section) over the whole outline, depth first."""
        root = Section(heading="", children=self.sections)
        yield from root.walk()

    def section_at(self, path: tuple[int, ...]) -> Section:
        sections = self.sections
        node: Section | None = None
        for i in path:
            node = sections[i]
            sections = node.children
        if node is None:
            raise IndexError("empty path")
        return node

    def find_part(self, part: str) -> list[tuple[tuple[int, ...], Section]]:
        """All sections tagged with a canonical part id, outermost first."""
        return [(p, s) for p, s in self.walk() if s.part == part]

    def copy(self) -> Report:
        def copy_section(s: Section) -> Section:
            return replace(s, paragraphs=list(s.paragraphs), children=[copy_section(c) for c in s.children])

        return Report(
            meta=replace(
                self.meta,
                attachments=list(self.meta.attachments),
                promises=list(self.meta.promises),
                extra=dict(self.meta.extra),
            ),
            opening=list(self.opening),
            sections=[copy_section(s) for s in self.sections],
            closing=list(self.closing),
        )

    def char_count(self) -> int:
        """Characters of text the drafter wrote (headings and paragraphs, no whitespace)."""
        texts = [p.text for p in self.opening + self.closing]
        for _, s in self.walk():
            texts.append(s.heading)
            texts.extend(p.text for p in s.paragraphs)
        return sum(len("".join(t.split())) for t in texts)
