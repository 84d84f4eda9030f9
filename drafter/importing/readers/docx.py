"""Word 2007+ documents (.docx), checked for zip bombs and XML tricks before python-docx opens them."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from ...errors import InputError
from .base import (
    _ENCRYPTED_MARK,
    MAX_DOCX_BYTES,
    MAX_PARTS,
    MAX_UNZIPPED_BYTES,
    MAX_XML_PART_BYTES,
    OLE_MAGIC,
    ZIP_MAGIC,
    RawDocument,
    check_readable,
    read_limited,
)

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse zip bombs and XML entity tricks before python-docx touches the archive."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(f"{path.name} 已损坏或不完整，无法作为 Word 文档打开") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(f"{path.name} 含有过多部件（{len(infos)} 个），不像是正常的 Word 文档")
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise InputError(f"{path.name} 不是 Word 文档（缺少 word/document.xml）")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_UNZIPPED_BYTES:
            raise InputError(f"{path.name} 解压后过大（{declared // 1024 // 1024} MB），疑似压缩炸弹，已拒绝")
        total = 0
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring

        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(f"{path.name} 已加密，请在 Word 中取消密码后另存再导入")
            is_xml = info.filename.endswith((".xml", ".rels"))
            limit = MAX_XML_PART_BYTES if is_xml else MAX_UNZIPPED_BYTES
            content = _read_capped(zf, info, min(limit, MAX_UNZIPPED_BYTES - total), path)
            total += len(content) if content is not None else info.file_size
            if is_xml and content is not None:
                try:
                    fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
                except DefusedXmlException as exc:
                    raise InputError(
                        f"{path.name} 含有不安全的 XML 内容（文档类型定义或外部实体），已拒绝导入"
                    ) from exc
                except Exception as exc:  # ParseError and friends: broken XML
                    raise InputError(
                        f"{path.name} 已损坏（{info.filename} 不是有效的 XML），无法导入"
                    ) from exc


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, path: Path) -> bytes | None:
    """Decompress one part, stopping as soon as it passes ``cap`` bytes (headers may lie about sizes).

    Media parts are only measured, not kept."""
    keep = info.filename.endswith((".xml", ".rels"))
    out = bytearray()
    size = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise InputError(f"{path.name} 解压后过大，疑似压缩炸弹，已拒绝")
                if keep:
                    out += chunk
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"{path.name} 已损坏或不完整（{info.filename} 无法解压），无法导入") from exc
    return bytes(out) if keep else None


def read_docx(path: Path, data: bytes | None = None, source_format: str = "docx") -> RawDocument:
    if data is None:
        check_readable(path)
        data = read_limited(path, MAX_DOCX_BYTES)
    if data.startswith(OLE_MAGIC):
        # Old Word or an encrypted .docx: the registry sends these to the LibreOffice reader.
        if _ENCRYPTED_MARK in data:
            raise InputError(f"{path.name} 设置了打开密码（已加密），请在 Word 中取消密码后另存再导入")
        raise InputError(f"{path.name} 是旧版 Word 文档（.doc），请用 drafter import 导入")
    if not data.startswith(ZIP_MAGIC):
        raise InputError(f"{path.name} 不是有效的 Word 文档（.docx），文件可能已损坏或扩展名有误")
    _check_zip(path, data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds of errors on broken packages
        raise InputError(f"{path.name} 已损坏，无法作为 Word 文档打开") from exc
    lines: list[str] = []
    hints: list[int | None] = []
    title = ""
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:
        title = ""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            _docx_paragraph(docx.text.paragraph.Paragraph(child, document), lines, hints)
        elif child.tag == qn("w:tbl"):
            for p in child.iter(qn("w:p")):
                _docx_paragraph(docx.text.paragraph.Paragraph(p, document), lines, hints, in_table=True)
    if not any(line.strip() for line in lines):
        raise InputError(f"{path.name} 中没有文字")
    return RawDocument(
        lines=lines,
        source_format=source_format,
        level_hints=hints if any(hints) else None,
        doc_title=title,
    )


def _docx_paragraph(p: object, lines: list[str], hints: list[int | None], in_table: bool = False) -> None:
    text = getattr(p, "text", "") or ""
    level: int | None = None
    if not in_table:
        try:
            style = p.style.name if p.style is not None else ""  # type: ignore[attr-defined]
        except Exception:
            style = ""
        m = _HEADING_STYLE.match(style or "")
        level = int(m.group(1)) if m and int(m.group(1)) >= 1 else _outline_level(p)
    parts = text.split("\n")
    for i, part in enumerate(parts):
        lines.append(part)
        hints.append(level if i == 0 and part.strip() else None)


def _outline_level(p: object) -> int | None:
    """A paragraph's outline level (set on it or on its style, as WPS and Word's navigation pane use it)."""
    try:
        values = p._p.xpath("./w:pPr/w:outlineLvl/@w:val")  # type: ignore[attr-defined]
        if not values and p.style is not None:  # type: ignore[attr-defined]
            values = p.style.element.xpath("./w:pPr/w:outlineLvl/@w:val")  # type: ignore[attr-defined]
        level = int(values[0]) + 1 if values else None
    except (AttributeError, ValueError, TypeError):
        return None
    return level if level is not None and 1 <= level <= 6 else None
