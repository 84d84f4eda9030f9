"""The whole document as the Word export will lay it out, for a read-only preview (预览全文).

The editor shows one part at a time; the clerk also needs the whole report at once, with what only the
export adds: the generated numbers 「一、」「（一）」, the title broken into lines as the export breaks it,
the recipient with its colon, the attachment note, the issuing body and the date at the right. Each
block says where it came from (so the preview can jump to it in the editor) and which findings of the
last check are about it (the preview marks them in the margin). The order and the wording follow
:mod:`drafter.export.document`, which builds the .docx from the same values.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..model import Report
from ..numbering import label_for_path

#: Block kinds, in the order the export writes them.
TITLE = "title"
RECIPIENT = "recipient"
HEADING = "heading"
PARAGRAPH = "paragraph"
ATTACHMENT = "attachment"
SIGNATURE = "signature"
DATE = "date"

OPENING = "opening"
CLOSING = "closing"
SECTION = "section"


@dataclass
class Block:
    """One paragraph of the exported document.

    ``area``/``path``/``paragraph`` locate it in the draft (``paragraph`` None for a heading; ``area``
    empty for what the export makes up from the metadata). ``align`` is "center", "left" or "right";
    ``indent`` the first-line indent in characters.
    """

    kind: str
    text: str
    area: str = ""
    path: tuple[int, ...] = ()
    paragraph: int | None = None
    align: str = "left"
    indent: int = 0
    level: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        """Whether Enter on it can open it in the editor."""
        return self.area in (OPENING, CLOSING, SECTION)


def _title_lines(report: Report, kind: Any, layout: Any) -> list[str]:
    from ..errors import DrafterError

    title = report.meta.title.strip()
    if not title and report.meta.year is not None and kind is not None:
        try:
            title = kind.title(report.meta)
        except DrafterError:
            title = ""
    if not title:
        return []
    if layout is None:
        return [title]
    from ..export.title import break_title

    return break_title(
        title,
        layout.title_chars_per_line,
        layout.title_break_after,
        layout.title_keep_together,
        [report.meta.org.strip()],
    )


def _layout(kind: Any) -> Any:
    """The export's layout (title line length, colon, labels); None if it cannot be read."""
    try:
        from ..export import layout_for

        return layout_for(kind)
    except Exception:  # a broken user layout file: the preview still shows the text
        return None


def _date_text(date: Any) -> str:
    if isinstance(date, _dt.date):
        from ..export.text import format_date_zh

        return format_date_zh(date.year, date.month, date.day)
    return ""


def build_preview(report: Report, kind: Any, findings: list[Finding] | None = None) -> list[Block]:
    """The blocks of the exported document, findings attached to the block each is about."""
    layout = _layout(kind)
    blocks: list[Block] = []
    lines = _title_lines(report, kind, layout)
    if lines:
        blocks.append(Block(TITLE, "\n".join(lines), area="", align="center"))
    recipient = report.meta.recipient.strip()
    if recipient:
        colon = layout.recipient_colon if layout is not None else "："
        text = recipient[:-1] + colon if recipient.endswith((":", "：")) else recipient + colon
        blocks.append(Block(RECIPIENT, text))
    for i, p in enumerate(report.opening):
        blocks.append(Block(PARAGRAPH, p.text, area=OPENING, paragraph=i, indent=2))
    for path, section in report.walk():
        blocks.append(
            Block(
                HEADING,
                label_for_path(path) + section.heading,
                area=SECTION,
                path=path,
                indent=2,
                level=len(path),
            )
        )
        for i, p in enumerate(section.paragraphs):
            blocks.append(Block(PARAGRAPH, p.text, area=SECTION, path=path, paragraph=i, indent=2))
    for i, p in enumerate(report.closing):
        blocks.append(Block(PARAGRAPH, p.text, area=CLOSING, paragraph=i, indent=2))
    names = [a.strip() for a in report.meta.attachments if a.strip()]
    label = layout.attachments_label if layout is not None else "附件："
    for i, name in enumerate(names):
        number = f"{i + 1}." if len(names) > 1 else ""
        blocks.append(Block(ATTACHMENT, (label if i == 0 else "　" * len(label)) + number + name, indent=2))
    org = report.meta.org.strip()
    if org:
        blocks.append(Block(SIGNATURE, org, align="right"))
    date = _date_text(report.meta.date)
    if date:
        blocks.append(Block(DATE, date, align="right"))
    _attach(blocks, findings or [])
    return blocks


def _attach(blocks: list[Block], findings: list[Finding]) -> None:
    """Give each finding to the block it is about (a finding about the whole report goes to the title)."""
    by_place: dict[tuple[str, tuple[int, ...], int | None], Block] = {}
    for b in blocks:
        if b.area:
            by_place[(b.area, b.path, b.paragraph)] = b
    first = blocks[0] if blocks else None
    for f in findings:
        loc = f.location
        path = tuple(loc.section)
        if loc.area == "heading":
            key: tuple[str, tuple[int, ...], int | None] = (SECTION, path, None)
        elif loc.area in (OPENING, CLOSING):
            key = (loc.area, (), loc.paragraph)
        elif path:
            key = (SECTION, path, loc.paragraph)
        else:
            key = ("", (), None)
        block = by_place.get(key) or by_place.get((SECTION, path, None))
        if block is None and loc.area == "title":
            block = next((b for b in blocks if b.kind == TITLE), None)
        block = block or first
        if block is not None:
            block.findings.append(f)
