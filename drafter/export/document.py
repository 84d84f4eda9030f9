"""The report as a Word document laid out to GB/T 9704-2012.

Builds the document from the report tree: title (broken into balanced lines), a blank line, the
recipient line, the body with generated heading numbers, the closing paragraphs, the attachment note,
the issuing body and the date. Every paragraph carries a named style and nothing else except where a
number depends on the text (the signature's right indent), so a user who keeps editing in Word or WPS
keeps the look. Each written paragraph is remembered with the report location it came from, so review
comments can be anchored on the exact text a finding concerns.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph

from ..errors import DrafterError, InputError
from ..kinds import Kind
from ..model import Paragraph as DraftParagraph
from ..model import Report
from ..numbering import label_for_path
from .footer import add_page_numbers
from .layout import EMU_PER_MM, Layout
from .styles import (
    AMBIGUOUS,
    BODY,
    DATE,
    NORMAL,
    RECIPIENT,
    SIGNATURE,
    TITLE,
    apply_styles,
    heading_style,
)
from .text import clean_text, display_width, format_date_zh
from .title import break_title

#: Key of an anchor: ("title",), ("recipient",), ("opening", i), ("closing", i), ("heading", path),
#: ("section", path, i), ("signature",), ("date",), ("attachment", i).
AnchorKey = tuple


@dataclass
class Anchor:
    """A written paragraph and the draft text it holds, for placing comments."""

    paragraph: Paragraph
    #: The draft's text as the report holds it (offsets of a finding refer to this).
    source: str
    #: Characters written in front of it (a heading's generated number).
    prefix: int = 0


@dataclass
class Built:
    document: DocxDocument
    anchors: dict[AnchorKey, Anchor] = field(default_factory=dict)
    paragraphs: int = 0


def _mm(value: float) -> Emu:
    return Emu(round(value * EMU_PER_MM))


def _setup_page(document: DocxDocument, layout: Layout) -> None:
    section = document.sections[0]
    section.page_width = _mm(layout.page_width_mm)
    section.page_height = _mm(layout.page_height_mm)
    section.top_margin = _mm(layout.page_top_mm)
    section.bottom_margin = _mm(layout.page_bottom_mm)
    section.left_margin = _mm(layout.page_left_mm)
    section.right_margin = _mm(layout.page_right_mm)
    section.footer_distance = _mm(layout.page_footer_mm)
    section.header_distance = _mm(15)
    section.gutter = Emu(0)
    sect_pr = section._sectPr
    # A grid of lines only: Word's character grid (linesAndChars) comes out as 14 characters a line
    # in LibreOffice; the 28 a line come from the condensed character spacing of the styles instead.
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    sect_pr.append(
        parse_xml(f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{layout.line_pitch_twips}"/>')
    )


def _title_text(report: Report, kind: Kind | None) -> str:
    """The report's title, or the kind's title template for a report that has none."""
    if report.meta.title.strip():
        return report.meta.title
    if report.meta.year is None or kind is None:
        return ""
    try:
        return kind.title(report.meta)
    except DrafterError:
        return ""


class _Writer:
    def __init__(self, report: Report, layout: Layout, kind: Kind | None = None) -> None:
        self.kind = kind
        self.report = report
        self.layout = layout
        self.document = docx.Document()
        self.built = Built(self.document)
        self.body = self.document.element.body
        #: The last paragraph of the body, and what comes after it (attachment note, signature, date).
        self.last_body: Paragraph | None = None
        self.ending: list[Paragraph] = []

    # ------------------------------------------------------------------ paragraphs
    def paragraph(self, style: str, text: str, *, where: str, lines: list[str] | None = None) -> Paragraph:
        """Append a paragraph of ``style``; ``lines`` are written with line breaks in one paragraph."""
        paragraph = self.document.add_paragraph()
        paragraph._p.style = style
        try:
            if lines:
                # Each line its own run and each break a run without text, so that run text adds up
                # to the title's text and comment offsets stay right.
                for i, line in enumerate(lines):
                    if i:
                        paragraph.add_run().add_break()
                    run = paragraph.add_run(clean_text(line))
                    self._hint(run, line)
            elif text:
                clean = clean_text(text)
                run = paragraph.add_run(clean)
                self._hint(run, clean)
        except ValueError as exc:  # lxml refuses a character clean_text did not foresee
            raise InputError(f"{where}含有 Word 文件无法保存的字符，请删去后再导出（{exc}）") from exc
        self.built.paragraphs += 1
        return paragraph

    @staticmethod
    def _hint(run: object, text: str) -> None:
        if any(c in AMBIGUOUS for c in text):
            rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
            rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:hint="eastAsia"/>'))

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            p = self.document.add_paragraph()
            p._p.style = NORMAL
            self.ending.append(p)

    def keep_ending_with_body(self) -> None:
        """The attachment note, signature and date never stand on a page without body text.

        Keep-with-next runs from the last body paragraph to the name, so at least the body's last line
        moves over with them instead of leaving a page that holds only the signature.
        """
        if not self.ending or self.last_body is None:
            return
        for p in [self.last_body, *self.ending[:-1]]:
            p.paragraph_format.keep_with_next = True

    def body_paragraphs(self, items: list[DraftParagraph], key: tuple, where: str) -> None:
        for i, para in enumerate(items):
            p = self.paragraph(BODY, para.text, where=f"{where}第 {i + 1} 段")
            self.built.anchors[(*key, i)] = Anchor(p, para.text)

    # ------------------------------------------------------------------ parts of the document
    def title(self) -> None:
        layout = self.layout
        text = _title_text(self.report, self.kind)
        if not text.strip():
            return
        clean = clean_text(text)
        org = clean_text(self.report.meta.org).strip()
        lines = break_title(
            clean, layout.title_chars_per_line, layout.title_break_after, layout.title_keep_together, [org]
        )
        p = self.paragraph(TITLE, "", where="标题", lines=lines)
        lead = len(clean) - len(clean.lstrip())
        self.built.anchors[("title",)] = Anchor(p, text, prefix=-lead)
        self.blank(layout.title_blank_lines_after)

    def recipient(self) -> None:
        text = self.report.meta.recipient.strip()
        if not text:
            return
        colon = self.layout.recipient_colon
        written = text[:-1] + colon if text.endswith((":", "：")) else text + colon
        p = self.paragraph(RECIPIENT, written, where="主送机关")
        self.built.anchors[("recipient",)] = Anchor(p, self.report.meta.recipient)

    def outline(self) -> None:
        self.body_paragraphs(self.report.opening, ("opening",), "开头")
        for path, section in self.report.walk():
            label = label_for_path(path)
            heading = clean_text(section.heading)
            p = self.paragraph(
                heading_style(len(path)), label + heading, where=f"标题「{label}{heading[:20]}」"
            )
            self.built.anchors[("heading", path)] = Anchor(p, section.heading, prefix=len(label))
            self.body_paragraphs(section.paragraphs, ("section", path), f"「{label}{heading[:20]}」下")
        self.body_paragraphs(self.report.closing, ("closing",), "结尾")
        paragraphs = self.document.paragraphs
        self.last_body = paragraphs[-1] if paragraphs else None
        self.ending = []

    def attachments(self) -> None:
        names = [a.strip() for a in self.report.meta.attachments if a.strip()]
        if not names:
            return
        layout = self.layout
        self.blank(layout.attachments_blank_lines_before)
        label = layout.attachments_label
        label_w = display_width(label)
        for i, name in enumerate(names):
            # GB/T 9704 7.3.4: numbers 「1.」 under each other, a long name wrapping under its own start.
            number = f"{i + 1}." if len(names) > 1 else ""
            number_w = display_width(number)
            text = (label if i == 0 else "") + number + name
            p = self.paragraph(BODY, text, where=f"附件说明第 {i + 1} 项")
            self.ending.append(p)
            left = layout.chars_to_twips(layout.attachments_indent_chars + label_w + number_w)
            hanging = layout.chars_to_twips(number_w + (label_w if i == 0 else 0))
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:ind {nsdecls("w")} w:left="{left}" w:hanging="{hanging}" w:firstLineChars="0"/>'
                )
            )
            self.built.anchors[("attachment", i)] = Anchor(p, name, prefix=len(text) - len(name))

    def signature(self) -> None:
        """Issuing body and date as GB/T 9704-2012 7.3.5.3 places them when no seal is shown.

        The name sits two characters in from the right; the date's first character sits two characters
        right of the name's first; a date longer than that pushes the name left instead.
        """
        org = self.report.meta.org.strip()
        date = self.report.meta.date
        if not org and date is None:
            return
        layout = self.layout
        self.blank(layout.signature_blank_lines_before)
        date_text = format_date_zh(date.year, date.month, date.day) if isinstance(date, _dt.date) else ""
        org_w = display_width(clean_text(org))
        date_w = display_width(date_text)
        org_right = layout.signature_org_right_chars
        shift = layout.signature_date_shift_chars
        if date_text:
            org_right = max(org_right, date_w + shift + layout.signature_org_right_chars - org_w)
        date_right = org_right + org_w - shift - date_w
        if org:
            p = self.paragraph(SIGNATURE, org, where="发文机关署名")
            self.ending.append(p)
            self._right_indent(p, layout.chars_to_twips(org_right))
            self.built.anchors[("signature",)] = Anchor(p, self.report.meta.org)
        if date_text:
            p = self.paragraph(DATE, date_text, where="成文日期")
            self.ending.append(p)
            self._right_indent(p, layout.chars_to_twips(max(0.0, date_right)))
            self.built.anchors[("date",)] = Anchor(p, date_text)

    @staticmethod
    def _right_indent(p: Paragraph, twips: int) -> None:
        p._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:ind {nsdecls("w")} w:left="0" w:right="{twips}" w:firstLine="0" w:firstLineChars="0"/>'
            )
        )

    def properties(self) -> None:
        core = self.document.core_properties
        now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
        core.title = clean_text(_title_text(self.report, self.kind))[:250]
        core.author = clean_text(self.report.meta.org)[:250] or "drafter"
        core.last_modified_by = "drafter"
        core.created = now
        core.modified = now
        core.revision = 1
        core.language = "zh-CN"
        core.subject = ""
        core.keywords = ""
        core.comments = ""

    def build(self) -> Built:
        apply_styles(self.document, self.layout)
        _setup_page(self.document, self.layout)
        add_page_numbers(self.document, self.layout)
        self.title()
        self.recipient()
        self.outline()
        self.attachments()
        self.signature()
        self.keep_ending_with_body()
        self.properties()
        return self.built


def build_document(report: Report, layout: Layout, kind: Kind | None = None) -> Built:
    """The document for ``report``, not yet saved, with the anchors of every written paragraph.

    ``kind`` gives the title of a report that has none (its title template)."""
    return _Writer(report, layout, kind).build()
