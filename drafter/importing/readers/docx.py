"""Word 2007+ documents (.docx, transitional and Strict OOXML), read from their XML in document order.

python-docx's paragraph text reads only runs and hyperlinks, and walking only the body's paragraphs and
tables misses whatever sits inside other markup, so the text of a reviewed or template-made document
vanished without a word. This reader walks the WordprocessingML itself and returns the *accepted view*:

* tracked changes: inserted and moved-to text kept, deleted and moved-from text (and deleted table rows)
  left out;
* content controls (block and inline ``w:sdt``), smart tags, custom-XML elements, hyperlinks: their
  content is read in place;
* fields: the shown result of ``w:fldSimple`` and of complex fields (``w:fldChar`` begin/separate/end) is
  kept, the field instruction is not (an instruction left open at the end of a paragraph is a broken field:
  its text is kept rather than lost);
* text boxes (``w:txbxContent`` in DrawingML or VML; ``mc:Fallback`` copies are not read twice): their
  paragraphs follow the paragraph they are anchored in;
* altChunk parts (HTML, MHT, plain text or an embedded .docx) are read where they stand;
* footnotes and endnotes are put inline at their reference as 「（注：……）」, because appended at the end
  they would land after the signature and the date, which the importer reads as the report's end.

Where a feature cannot be imported faithfully, :attr:`RawDocument.warnings` gets one line naming the
feature and how many places. Strict OOXML (namespaces under purl.oclc.org/ooxml) is read by treating its
namespaces as the transitional ones. Every XML part is checked for DTDs and entities, and the archive for
zip bombs, before any of it is parsed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

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

_W_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
_R_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M_NS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
}
_PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Parts kept in memory after the safety check (media are only measured).
_SKIPPED_FOLDERS = ("word/media/", "media/", "word/embeddings/")
#: How deep an altChunk may hold a .docx that holds an altChunk …
_MAX_NESTING = 2
_NOTE_TYPES_SKIPPED = {"separator", "continuationSeparator", "continuationNotice"}

#: One warning line per feature that is not imported as it stands in Word, with the number of places.
_WARNINGS = {
    "revision": "文档含有未接受的修订 {n} 处：已按「接受全部修订」导入（删除的文字未导入），请核对",
    "textbox": "文本框 {n} 处：其中的文字已作为单独段落放在所在段落之后，请核对位置",
    "footnote": "脚注 {n} 处：脚注文字已以「（注：……）」放在正文引用处，请核对",
    "endnote": "尾注 {n} 处：尾注文字已以「（注：……）」放在正文引用处，请核对",
    "math": "公式 {n} 处：只导入了公式中的文字，请核对",
    "comment": "批注 {n} 处未导入（批注不属于正文）",
    "image": "图片、图形或嵌入对象 {n} 处未导入（只导入文字）",
    "altchunk": "嵌入的其他格式内容 {n} 处无法导入，请在 Word 中打开后另存为 .docx 再导入",
    "note_missing": "脚注或尾注 {n} 处找不到内容，未能导入",
    "placeholder": "未填写的内容控件 {n} 处：其中的提示文字（如「单击此处输入文字」）未导入",
    "hidden": "隐藏文字 {n} 处未导入（在 Word 中不显示），如需要请在 Word 中取消隐藏后再导入",
}


def _check_zip(path: Path, data: bytes) -> dict[str, bytes]:
    """Refuse zip bombs and XML entity tricks before anything is parsed; the parts worth keeping, by name."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(f"{path.name} 已损坏或不完整，无法作为 Word 文档打开") from exc
    parts: dict[str, bytes] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(f"{path.name} 含有过多部件（{len(infos)} 个），不像是正常的 Word 文档")
        names = {i.filename for i in infos}
        if "word/document.xml" not in names and "_rels/.rels" not in names:
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
            keep = not info.filename.startswith(_SKIPPED_FOLDERS) and not info.is_dir()
            limit = MAX_XML_PART_BYTES if is_xml else MAX_UNZIPPED_BYTES
            content = _read_capped(zf, info, min(limit, MAX_UNZIPPED_BYTES - total), path, keep)
            total += len(content) if content is not None else info.file_size
            if content is not None:
                parts[info.filename] = content
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
    return parts


def _read_capped(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, path: Path, keep: bool = True
) -> bytes | None:
    """Decompress one part, stopping as soon as it passes ``cap`` bytes (headers may lie about sizes).

    Parts not kept (media) are only measured."""
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


# ---------------------------------------------------------------------------------------------- XML helpers
def _parse(data: bytes, name: str, path: Path) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path.name} 已损坏（{name} 不是有效的 XML），无法导入") from exc


def _tag(el: Any) -> str:
    """``w:local`` for WordprocessingML (transitional or Strict), ``mc:``/``m:`` likewise, else ``*:local``."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if ns in _W_NS:
        return "w:" + local
    if ns == _MC_NS:
        return "mc:" + local
    if ns in _M_NS:
        return "m:" + local
    return "*:" + local


def _w_attr(el: Any, name: str) -> str | None:
    for ns in _W_NS:
        value = el.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def _r_id(el: Any) -> str | None:
    for ns in _R_NS:
        value = el.get(f"{{{ns}}}id")
        if value is not None:
            return value
    return None


def _children(el: Any, tag: str) -> list[Any]:
    return [c for c in el if _tag(c) == tag]


def _rels(parts: dict[str, bytes], part: str, path: Path) -> dict[str, tuple[str, str]]:
    """Relationships of a part: id → (type, target part name)."""
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    data = parts.get(name)
    if data is None:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in _parse(data, name, path):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        full = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out[rel.get("Id") or ""] = (rel.get("Type") or "", full)
    return out


def _by_type(rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    for rtype, target in rels.values():
        if rtype.endswith("/" + suffix):
            return target
    return None


# ------------------------------------------------------------------------------------------------- reading
def read_docx(path: Path, data: bytes | None = None, source_format: str = "docx") -> RawDocument:
    """A .docx (or Strict OOXML) file's text in the accepted view, with heading hints and notes."""
    return _read_package(path, data, source_format, depth=0)


def _read_package(path: Path, data: bytes | None, source_format: str, depth: int) -> RawDocument:
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
    parts = _check_zip(path, data)
    package = _rels(parts, "", path)
    main = _by_type(package, "officeDocument") or "word/document.xml"
    if main not in parts:
        raise InputError(f"{path.name} 不是 Word 文档（缺少 word/document.xml）")
    root = _parse(parts[main], main, path)
    body = next((c for c in root if _tag(c) == "w:body"), None)
    if _tag(root) != "w:document" or body is None:
        raise InputError(f"{path.name} 不是 Word 文档（可能是 Excel、PowerPoint 或其他 Office 文件）")
    walker = _Walker(path, parts, main, depth)
    walker.block(body)
    walker.close_fields()
    if not any(line.strip() for line in walker.lines):
        raise InputError(f"{path.name} 中没有文字")
    return RawDocument(
        lines=walker.lines,
        source_format=source_format,
        level_hints=walker.hints if any(walker.hints) else None,
        warnings=walker.warnings(),
        doc_title=_core_title(parts, package, path),
    )


def _core_title(parts: dict[str, bytes], package: dict[str, tuple[str, str]], path: Path) -> str:
    name = _by_type(package, "core-properties") or "docProps/core.xml"
    if name not in parts:
        return ""
    try:
        root = _parse(parts[name], name, path)
    except InputError:
        return ""
    for el in root:
        if isinstance(el.tag, str) and el.tag.endswith("}title"):
            return (el.text or "").strip()
    return ""


class _Styles:
    """Paragraph styles: the heading level a style gives (by name, or by outline level, through basedOn)."""

    def __init__(self, root: Any | None) -> None:
        self._styles: dict[str, tuple[str, int | None, str | None]] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root:
            if _tag(st) != "w:style" or _w_attr(st, "type") not in (None, "paragraph"):
                continue
            sid = _w_attr(st, "styleId") or ""
            name_el = next(iter(_children(st, "w:name")), None)
            name = (_w_attr(name_el, "val") or "") if name_el is not None else ""
            based = next(iter(_children(st, "w:basedOn")), None)
            self._styles[sid] = (name, _outline(st), _w_attr(based, "val") if based is not None else None)
            if _w_attr(st, "default") in ("1", "true", "on"):
                self.default = sid

    def level(self, style_id: str | None) -> int | None:
        sid = style_id or self.default
        if sid is None or sid not in self._styles:
            return None
        name = self._styles[sid][0]
        m = _HEADING_STYLE.match(name.strip())
        if m and int(m.group(1)) >= 1:
            return int(m.group(1))
        seen: set[str] = set()
        while sid is not None and sid in self._styles and sid not in seen:
            seen.add(sid)
            _, lvl, based = self._styles[sid]
            if lvl is not None:
                return lvl
            sid = based
        return None


def _outline(el: Any) -> int | None:
    """The outline level set in an element's ``w:pPr`` (1-based; Word's 0 is level 1, 9 is body text)."""
    for ppr in _children(el, "w:pPr"):
        for lvl in _children(ppr, "w:outlineLvl"):
            try:
                value = int(_w_attr(lvl, "val") or "")
            except ValueError:
                return None
            return value + 1 if 0 <= value <= 5 else None
    return None


class _Walker:
    """Walks WordprocessingML in document order, appending lines (and heading hints) for the accepted view."""

    def __init__(self, path: Path, parts: dict[str, bytes], main: str, depth: int) -> None:
        self.path = path
        self.parts = parts
        self.depth = depth
        self.rels = _rels(parts, main, path)
        styles_name = _by_type(self.rels, "styles")
        styles_root = (
            _parse(parts[styles_name], styles_name, path) if styles_name and styles_name in parts else None
        )
        self.styles = _Styles(styles_root)
        self.lines: list[str] = []
        self.hints: list[int | None] = []
        self.counts: Counter[str] = Counter()
        self.extra_warnings: list[str] = []
        #: Open complex fields, innermost last: [state, text held while in the instruction].
        self.fields: list[list[Any]] = []
        self.notes: dict[tuple[str, str], str] = {}
        for kind in ("footnote", "endnote"):
            name = _by_type(self.rels, kind + "s")
            if name and name in parts:
                self._read_notes(kind, _parse(parts[name], name, path))

    # ----------------------------------------------------------------------------------- notes
    def _read_notes(self, kind: str, root: Any) -> None:
        for note in root:
            if _tag(note) != "w:" + kind or _w_attr(note, "type") in _NOTE_TYPES_SKIPPED:
                continue
            sub = _Walker.__new__(_Walker)
            sub.__dict__.update(self.__dict__)
            sub.lines, sub.hints, sub.fields, sub.notes = [], [], [], {}
            sub.counts = self.counts
            sub.block(note, in_table=True)
            sub.close_fields()
            text = "".join(line.strip() for line in sub.lines)
            self.notes[(kind, _w_attr(note, "id") or "")] = text

    # ----------------------------------------------------------------------------------- blocks
    def block(self, container: Any, in_table: bool = False) -> None:
        for child in container:
            tag = _tag(child)
            if tag == "w:p":
                self.paragraph(child, in_table)
            elif tag in ("w:tbl", "w:tc"):
                self.block(child, in_table=True)
            elif tag == "w:tr":
                if any(_children(pr, "w:del") for pr in _children(child, "w:trPr")):
                    self.counts["revision"] += 1
                    continue
                self.block(child, in_table=True)
            elif tag == "w:sdt":
                if _placeholder(child):
                    self.counts["placeholder"] += 1
                    continue
                for content in _children(child, "w:sdtContent"):
                    self.block(content, in_table)
            elif tag in ("w:customXml", "w:ins", "w:moveTo", "w:smartTag"):
                self.block(child, in_table)
            elif tag in ("w:del", "w:moveFrom"):
                self.counts["revision"] += 1
            elif tag == "w:altChunk":
                self.alt_chunk(child)
            elif tag == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    self.block(branch, in_table)

    def paragraph(self, p: Any, in_table: bool) -> None:
        buf: list[str] = []
        boxes: list[Any] = []
        self.inline(p, buf, boxes)
        # A field instruction never spans paragraphs: one still open is broken, its text is kept.
        for frame in self.fields:
            if frame[0] == "instr":
                buf.extend(frame[1])
                frame[0], frame[1] = "result", []
        level = None if in_table else self._level(p)
        for i, part in enumerate("".join(buf).split("\n")):
            self.lines.append(part)
            self.hints.append(level if i == 0 and part.strip() else None)
        for box in boxes:
            self.block(box, in_table=True)

    def _level(self, p: Any) -> int | None:
        style_id = None
        for ppr in _children(p, "w:pPr"):
            for ps in _children(ppr, "w:pStyle"):
                style_id = _w_attr(ps, "val")
        name_level = self.styles.level(style_id)
        own = _outline(p)
        if name_level is not None and style_id is not None and self._by_name(style_id):
            return name_level
        return own if own is not None else name_level

    def _by_name(self, style_id: str) -> bool:
        entry = self.styles._styles.get(style_id)
        return bool(entry and _HEADING_STYLE.match(entry[0].strip()))

    # ----------------------------------------------------------------------------------- inline content
    def inline(self, el: Any, buf: list[str], boxes: list[Any]) -> None:
        for child in el:
            tag = _tag(child)
            if tag == "w:r":
                self.run(child, buf, boxes)
            elif tag in ("w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr", "w:customXmlPr", "w:smartTagPr", ""):
                continue
            elif tag in ("w:del", "w:moveFrom"):
                self.counts["revision"] += 1
            elif tag in ("w:ins", "w:moveTo"):
                self.counts["revision"] += 1
                self.inline(child, buf, boxes)
            elif tag == "w:sdt":
                if _placeholder(child):
                    self.counts["placeholder"] += 1
                    continue
                for content in _children(child, "w:sdtContent"):
                    self.inline(content, buf, boxes)
            elif tag in ("m:oMath", "m:oMathPara"):
                self.counts["math"] += 1
                self._math(child, buf)
            elif tag == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    self.inline(branch, buf, boxes)
            else:  # hyperlinks, smart tags, custom XML, simple fields, bidi wrappers …: their content
                self.inline(child, buf, boxes)

    def _math(self, el: Any, buf: list[str]) -> None:
        for node in el.iter():
            if _tag(node) == "m:t" and not self._in_instruction():
                buf.append(node.text or "")

    def _in_instruction(self) -> bool:
        return any(frame[0] == "instr" for frame in self.fields)

    def _text(self, text: str, buf: list[str]) -> None:
        if self._in_instruction():
            next(f for f in reversed(self.fields) if f[0] == "instr")[1].append(text)
        else:
            buf.append(text)

    def run(self, r: Any, buf: list[str], boxes: list[Any]) -> None:
        if _hidden(r):
            # Still follow field characters, so that a hidden field's end is not missed.
            if any(_tag(c) == "w:t" and c.text for c in r):
                self.counts["hidden"] += 1
            for child in r:
                if _tag(child) == "w:fldChar":
                    self._field_char(child)
            return
        for child in r:
            tag = _tag(child)
            if tag == "w:t":
                self._text(child.text or "", buf)
            elif tag in ("w:tab", "w:ptab"):
                self._text("\t", buf)
            elif tag == "w:br":
                if _w_attr(child, "type") in (None, "textWrapping"):
                    self._text("\n", buf)
            elif tag == "w:cr":
                self._text("\n", buf)
            elif tag == "w:noBreakHyphen":
                self._text("-", buf)
            elif tag == "w:fldChar":
                self._field_char(child)
            elif tag in ("w:footnoteReference", "w:endnoteReference"):
                kind = tag[2:-9]  # footnote / endnote
                text = self.notes.get((kind, _w_attr(child, "id") or ""))
                if text is None:
                    self.counts["note_missing"] += 1
                else:
                    self.counts[kind] += 1
                    if text:
                        self._text(f"（注：{text}）", buf)
            elif tag == "w:ruby":
                # Phonetic guide: the base text is the text; the guide above it is not.
                for base in _children(child, "w:rubyBase"):
                    self.inline(base, buf, boxes)
            elif tag == "w:commentReference":
                self.counts["comment"] += 1
            elif tag in ("w:drawing", "w:pict", "w:object", "mc:AlternateContent"):
                found = len(boxes)
                branch = _choose(child) if tag == "mc:AlternateContent" else child
                if branch is not None:
                    _find_boxes(branch, boxes)
                if len(boxes) == found:
                    self.counts["image"] += 1
                self.counts["textbox"] += len(boxes) - found
            elif tag in ("m:oMath", "m:oMathPara"):
                self.counts["math"] += 1
                self._math(child, buf)

    def _field_char(self, el: Any) -> None:
        kind = _w_attr(el, "fldCharType")
        if kind == "begin":
            self.fields.append(["instr", []])
        elif kind == "separate" and self.fields:
            self.fields[-1][0], self.fields[-1][1] = "result", []
        elif kind == "end" and self.fields:
            self.fields.pop()

    def close_fields(self) -> None:
        self.fields.clear()

    # ----------------------------------------------------------------------------------- altChunk
    def alt_chunk(self, el: Any) -> None:
        rel = self.rels.get(_r_id(el) or "")
        data = self.parts.get(rel[1]) if rel else None
        lines = _chunk_lines(self.path, data, self.depth) if data else None
        if lines is None:
            self.counts["altchunk"] += 1
            return
        for line in lines:
            self.lines.append(line)
            self.hints.append(None)

    def warnings(self) -> list[str]:
        return [
            template.format(n=self.counts[key]) for key, template in _WARNINGS.items() if self.counts[key]
        ]


def _placeholder(sdt: Any) -> bool:
    """A content control still showing its prompt (「单击此处输入文字」): the prompt is not report text."""
    return any(_children(pr, "w:showingPlcHdr") for pr in _children(sdt, "w:sdtPr"))


def _hidden(r: Any) -> bool:
    """A run formatted as hidden text (``w:vanish``), which Word does not show or print."""
    for rpr in _children(r, "w:rPr"):
        for vanish in _children(rpr, "w:vanish"):
            return _w_attr(vanish, "val") not in ("0", "false", "off")
    return False


def _choose(alternate: Any) -> Any | None:
    """Of an ``mc:AlternateContent``, the first ``mc:Choice`` (else the fallback): never both."""
    choices = _children(alternate, "mc:Choice") or _children(alternate, "mc:Fallback")
    return choices[0] if choices else None


def _find_boxes(el: Any, boxes: list[Any]) -> None:
    for child in el:
        tag = _tag(child)
        if tag == "w:txbxContent":
            boxes.append(child)
        elif tag == "mc:AlternateContent":
            branch = _choose(child)
            if branch is not None:
                _find_boxes(branch, boxes)
        else:
            _find_boxes(child, boxes)


def _chunk_lines(path: Path, data: bytes, depth: int) -> list[str] | None:
    """The lines of an altChunk part (HTML, MHT, plain text or a .docx), or None when it cannot be read."""
    from .html import html_to_lines, mht_html
    from .text import check_plausible_text, decode_text

    try:
        if data.startswith(ZIP_MAGIC):
            if depth >= _MAX_NESTING:
                return None
            return _read_package(path, data, "docx", depth + 1).lines
        head = data[:4096].lower()
        if head.startswith(b"mime-version") or b"\nmime-version:" in head:
            html = mht_html(data, path.name)
            if html is None:
                return None
            lines = html_to_lines(html)[0]
            check_plausible_text("\n".join(lines), path.name)
            return lines
        if data.lstrip().startswith(b"{\\rtf"):
            return None
        text = decode_text(data, path.name)
        lower = text[:4096].lower()
        lines = (
            html_to_lines(text)[0]
            if ("<html" in lower or "<body" in lower or "<p" in lower)
            else text.splitlines()
        )
        check_plausible_text("\n".join(lines), path.name)
        return lines
    except InputError:
        return None
