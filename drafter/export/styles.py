"""Named paragraph styles of the exported document, so the look survives further editing in Word or WPS.

The styles are Word's built-in ones (Title, Heading 1–4, Body Text, Salutation, Signature, Date, footer),
which Word and WPS show under their Chinese names (标题, 标题 1, 正文文本, 称呼, 签名, 日期, 页脚) and which
the navigation pane and importers understand. python-docx's default template is replaced wholesale: its
styles name theme fonts (which win over explicit names), tag East Asian text as Japanese and use
colours and spacing that have nothing to do with GB/T 9704.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .layout import TWIPS_PER_PT, Layout

# Style ids of the built-in styles used for each element.
TITLE = "Title"
BODY = "BodyText"
RECIPIENT = "Salutation"
SIGNATURE = "Signature"
DATE = "Date"
FOOTER = "Footer"
NORMAL = "Normal"


def heading_style(level: int) -> str:
    return f"Heading{min(max(level, 1), 9)}"


#: Characters whose script Word guesses (quotes, dashes, ellipsis, middle dot): drawn in the Latin font
#: unless the run says w:hint="eastAsia".
AMBIGUOUS = frozenset("\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7\u2013\u2016\u2025\u00a7\u00b0\u00d7")


def rfonts_xml(latin: str, east_asia: str, *, hint: bool = False) -> str:
    hint_attr = ' w:hint="eastAsia"' if hint else ""
    return (
        f"<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)}"
        f" w:eastAsia={quoteattr(east_asia)} w:cs={quoteattr(latin)}{hint_attr}/>"
    )


def _rpr(
    latin: str, east_asia: str, size_pt: float, *, bold: bool = False, spacing: int | None = None
) -> str:
    half_points = round(size_pt * 2)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    spacing_xml = f'<w:spacing w:val="{spacing}"/>' if spacing is not None else ""
    return (
        f"<w:rPr>{rfonts_xml(latin, east_asia)}{weight}{spacing_xml}"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


def _ppr(
    *,
    pitch: int | None = None,
    first_line: int | None = None,
    first_line_chars: int | None = None,
    jc: str | None = None,
    keep_next: bool | None = None,
    widow: bool | None = None,
    outline: int | None = None,
    right: int | None = None,
    single: bool = False,
    snap: bool | None = None,
) -> str:
    parts = ["<w:pPr>"]
    if keep_next is not None:
        parts.append("<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>')
    if widow is not None:
        parts.append("<w:widowControl/>" if widow else '<w:widowControl w:val="0"/>')
    if pitch is not None:
        # Latin/CJK auto spacing would widen lines that hold digits and break the 28-a-line grid.
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if snap is not None:
        parts.append("<w:snapToGrid/>" if snap else '<w:snapToGrid w:val="0"/>')
    if pitch is not None:
        parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>')
    elif single:
        parts.append('<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
    if first_line is not None or right is not None:
        attrs = ""
        if first_line is not None:
            attrs += f' w:firstLine="{first_line}"'
            if first_line_chars is not None:
                attrs += f' w:firstLineChars="{first_line_chars}"'
        if right is not None:
            attrs += f' w:right="{right}"'
        parts.append(f'<w:ind w:left="0"{attrs}/>')
    if jc is not None:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    parts.append("</w:pPr>")
    return "".join(parts)


def _style(
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = NORMAL,
    next_id: str | None = None,
    ppr: str = "",
    rpr: str = "",
    default: bool = False,
    priority: int | None = None,
    hidden: bool = False,
    extra: str = "",
) -> str:
    attrs = f' w:type="{kind}"' + (' w:default="1"' if default else "") + f' w:styleId="{style_id}"'
    body = f'<w:name w:val="{name}"/>'
    if based_on:
        body += f'<w:basedOn w:val="{based_on}"/>'
    if next_id:
        body += f'<w:next w:val="{next_id}"/>'
    if priority is not None:
        body += f'<w:uiPriority w:val="{priority}"/>'
    if hidden:
        body += "<w:semiHidden/><w:unhideWhenUsed/>"
    else:
        body += "<w:qFormat/>"
    return f"<w:style{attrs}>{body}{ppr}{rpr}{extra}</w:style>"


def styles_xml(layout: Layout) -> list[str]:
    """The style elements, as XML text: every number comes from ``layout``."""
    latin = layout.fonts_latin
    body = layout.fonts_body
    size = layout.sizes_body_pt
    pitch = layout.line_pitch_twips
    spacing = layout.char_spacing_twips
    indent = layout.chars_to_twips(layout.body_first_line_indent_chars)
    indent_chars = round(layout.body_first_line_indent_chars * 100)
    bold_levels = set(layout.headings_bold_levels)
    styles = [
        _style(
            "DefaultParagraphFont",
            "Default Paragraph Font",
            kind="character",
            based_on=None,
            default=True,
            priority=1,
            hidden=True,
        ),
        _style(
            "TableNormal",
            "Normal Table",
            kind="table",
            based_on=None,
            default=True,
            priority=99,
            hidden=True,
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        _style(
            NORMAL,
            "Normal",
            based_on=None,
            default=True,
            priority=0,
            ppr=_ppr(widow=False, pitch=pitch, jc="both"),
            rpr=_rpr(latin, body, size, spacing=spacing),
        ),
        _style(
            BODY,
            "Body Text",
            next_id=BODY,
            priority=1,
            ppr=_ppr(first_line=indent, first_line_chars=indent_chars),
        ),
        _style(
            TITLE,
            "Title",
            next_id=NORMAL,
            priority=10,
            # Off the grid: LibreOffice gives a 22 pt line on a line grid two grid lines; the exact
            # line spacing (the grid pitch) keeps it to one, as in Word.
            ppr=_ppr(first_line=0, jc="center", keep_next=False, snap=False),
            rpr=_rpr(latin, layout.fonts_title, layout.sizes_title_pt, spacing=0),
        ),
        _style(RECIPIENT, "Salutation", next_id=BODY, priority=1, ppr=_ppr(first_line=0, jc="left")),
        _style(
            SIGNATURE,
            "Signature",
            next_id=DATE,
            priority=1,
            ppr=_ppr(first_line=0, jc="right", right=layout.chars_to_twips(layout.signature_org_right_chars)),
        ),
        _style(
            DATE,
            "Date",
            next_id=NORMAL,
            priority=1,
            ppr=_ppr(
                first_line=0,
                jc="right",
                right=layout.chars_to_twips(
                    layout.signature_org_right_chars + layout.signature_date_shift_chars
                ),
            ),
        ),
        _style(
            FOOTER,
            "footer",
            priority=99,
            ppr=_ppr(
                widow=False,
                pitch=round(layout.sizes_page_number_pt * 1.2 * TWIPS_PER_PT),
                first_line=0,
                jc="right",
            ),
            rpr=_rpr(
                layout.fonts_page_number, layout.fonts_page_number, layout.sizes_page_number_pt, spacing=0
            ),
        ),
        _style(
            "CommentText",
            "annotation text",
            priority=99,
            hidden=True,
            ppr=_ppr(first_line=0, jc="left", single=True),
            rpr=_rpr(latin, "宋体", 10.5, spacing=0),
        ),
        _style(
            "CommentReference",
            "annotation reference",
            kind="character",
            based_on="DefaultParagraphFont",
            priority=99,
            hidden=True,
            rpr='<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
        ),
    ]
    for level in range(1, 10):
        styles.append(
            _style(
                heading_style(level),
                f"heading {level}",
                based_on=BODY,
                next_id=BODY,
                priority=9,
                ppr=_ppr(keep_next=layout.headings_keep_with_next, outline=level - 1),
                rpr=_rpr(latin, layout.heading_font(level), size, bold=level in bold_levels, spacing=spacing),
            )
        )
    return styles


def _font_table_xml(layout: Layout) -> str:
    """Declare the fonts, with the usual Windows name as altName so Word substitutes sensibly.

    On a machine without 仿宋_GB2312 or 楷体_GB2312, Word falls back to the alternate name (仿宋, 楷体),
    which every Chinese Windows has; charset 86 marks them as GB2312 fonts.
    """
    alternates = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
    names = [
        layout.fonts_latin,
        layout.fonts_body,
        layout.fonts_title,
        *layout.fonts_headings,
        layout.fonts_page_number,
        "宋体",
    ]
    out = []
    for name in dict.fromkeys(names):
        cjk = any(ord(c) > 0x2E80 for c in name)
        alt = f"<w:altName w:val={quoteattr(alternates[name])}/>" if name in alternates else ""
        charset = "86" if cjk else "00"
        out.append(
            f'<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{"modern" if cjk else "roman"}"/><w:pitch w:val="variable"/></w:font>'
        )
    return "".join(out)


def apply_styles(document: DocxDocument, layout: Layout) -> None:
    """Replace the template's defaults, styles and font table with ours."""
    styles_el = document.styles.element
    for child in list(styles_el):
        if child.tag in (qn("w:docDefaults"), qn("w:style")):
            styles_el.remove(child)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>"
        + _rpr(layout.fonts_latin, layout.fonts_body, layout.sizes_body_pt)
        + "</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    styles_el.insert(0, defaults)
    for xml in styles_xml(layout):
        styles_el.append(parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1)))

    part = document.part
    # Word 2010's copy of the old styles would otherwise come back when the file is opened there.
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rid]
    # The template's thumbnail would show a picture of an unrelated page in file browsers.
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]
    for rel in part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            fonts_part = rel.target_part
            fonts_part._blob = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                f"<w:fonts {nsdecls('w')}>{_font_table_xml(layout)}</w:fonts>"
            ).encode()
