"""Page numbers as GB/T 9704-2012 7.5 sets them: 「— 3 —」, 4号 宋体, odd pages right, even pages left.

The number is a PAGE field, so Word and WPS renumber the pages as the text changes. Different odd and
even footers need the document-wide switch ``w:evenAndOddHeaders`` in settings.xml; python-docx's
section attribute of the same name is accepted and does nothing, hence the settings call below.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from .layout import TWIPS_PER_PT, Layout
from .styles import FOOTER, rfonts_xml


def _run(text: str, layout: Layout) -> str:
    font = layout.fonts_page_number
    # The dashes are "ambiguous" characters: the hint keeps them in the Chinese font, full width.
    return (
        f'<w:r><w:rPr>{rfonts_xml(font, font, hint=True)}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    )


def _field_runs(layout: Layout) -> str:
    font = layout.fonts_page_number
    rpr = f"<w:rPr>{rfonts_xml(font, font)}</w:rPr>"
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _fill(paragraph: Paragraph, layout: Layout, *, odd: bool) -> None:
    indent = round(layout.page_number_side_indent_chars * layout.sizes_page_number_pt * TWIPS_PER_PT)
    side = f'w:right="{indent}" w:left="0"' if odd else f'w:left="{indent}" w:right="0"'
    jc = "right" if odd else "left"
    dash = layout.page_number_dash
    p = paragraph._p
    for child in list(p):
        p.remove(child)
    xml = (
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{FOOTER}"/>'
        f'<w:ind {side} w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>'
        f"{_run(dash + ' ', layout)}{_field_runs(layout)}{_run(' ' + dash, layout)}</w:p>"
    )
    for child in parse_xml(xml):
        p.append(child)


def add_page_numbers(document: DocxDocument, layout: Layout) -> None:
    """Odd footer (also the first page's) right-aligned, even footer left-aligned, both one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        section.different_first_page_header_footer = False
        _fill(section.footer.paragraphs[0], layout, odd=True)
        _fill(section.even_page_footer.paragraphs[0], layout, odd=False)
