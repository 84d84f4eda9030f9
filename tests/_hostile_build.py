"""Builders for hostile inputs, made at test time (no binary fixtures): .docx packages from XML text."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_TYPES_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"

NAMESPACES = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)


def p(text: str, style: str | None = None) -> str:
    """A plain paragraph (optionally with a paragraph style id)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="我的二级"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"""


def build_docx(
    path: Path,
    body: str,
    *,
    footnotes: str | None = None,
    endnotes: str | None = None,
    extra_parts: dict[str, bytes] | None = None,
    extra_rels: list[tuple[str, str, str]] | None = None,
    strict: bool = False,
    title: str | None = None,
) -> Path:
    """Write a minimal but valid .docx whose body is ``body`` (WordprocessingML inside w:body)."""
    w_ns, r_ns, types = (W_STRICT, R_STRICT, REL_TYPES_STRICT) if strict else (W, R, REL_TYPES)
    ns = NAMESPACES.replace(W, w_ns).replace(f'xmlns:r="{R}"', f'xmlns:r="{r_ns}"')
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {ns}><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    etree.fromstring(document.encode("utf-8"))  # the test's own XML must be well-formed
    rels = [("rIdStyles", f"{types}/styles", "styles.xml")]
    parts: dict[str, bytes] = {"word/styles.xml": STYLES.replace(W, w_ns).encode("utf-8")}
    overrides = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>',
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>',
    ]
    for name, content in (("footnotes", footnotes), ("endnotes", endnotes)):
        if content is not None:
            xml = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<w:{name} {ns}>{content}</w:{name}>"
            )
            etree.fromstring(xml.encode("utf-8"))
            parts[f"word/{name}.xml"] = xml.encode("utf-8")
            rels.append((f"rId{name}", f"{types}/{name}", f"{name}.xml"))
            overrides.append(
                f'<Override PartName="/word/{name}.xml" ContentType="application/vnd.openxmlformats-'
                f'officedocument.wordprocessingml.{name}+xml"/>'
            )
    for rid, rtype, target in extra_rels or []:
        rels.append((rid, f"{types}/{rtype}", target))
    for name, data in (extra_parts or {}).items():
        parts[name] = data
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="htm" ContentType="application/xhtml+xml"/>'
        '<Default Extension="txt" ContentType="text/plain"/>' + "".join(overrides) + "</Types>"
    )
    pkg_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{types}/officeDocument" Target="word/document.xml"/>'
        + (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            if title
            else ""
        )
        + "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"/>' for rid, rtype, target in rels
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", pkg_rels)
        zf.writestr("word/document.xml", document)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        for name, data in parts.items():
            zf.writestr(name, data)
        if title:
            zf.writestr(
                "docProps/core.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{title}</dc:title></cp:coreProperties>",
            )
    return path
