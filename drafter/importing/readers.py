"""Readers: turn a file of any supported format into lines of text (and heading levels where the format has
them), refusing anything unsafe or absurd before it costs time or memory.

Limits are checked before decompressing or decoding: a zip bomb is recognised from the archive directory
and from a capped streaming read, an XML part with a DTD or entities is refused (defusedxml), and a text far
larger than any report is refused from its size on disk.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

#: Largest text-like file accepted (a long report is about 100 KB).
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Largest .docx/.doc file accepted on disk.
MAX_DOCX_BYTES = 50 * 1024 * 1024
#: Largest total of the uncompressed parts of a .docx, and of its main XML part.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_XML_PART_BYTES = 40 * 1024 * 1024
#: Largest number of parts in a .docx.
MAX_PARTS = 2000
#: Time allowed to LibreOffice for converting a .doc/.wps file.
CONVERT_TIMEOUT = 120

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


@dataclass
class RawDocument:
    """What a reader found: lines of text, optional heading levels (docx styles), and notes for the user."""

    lines: list[str]
    source_format: str
    level_hints: list[int | None] | None = None
    warnings: list[str] = field(default_factory=list)
    doc_title: str = ""


def check_readable(path: Path) -> int:
    """Size of a readable regular file; one-line errors for missing, folder, unreadable, empty."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{path}") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    if path.is_dir():
        raise InputError(f"{path} 是一个文件夹，请给出报告文件")
    if not path.is_file():
        raise InputError(f"{path} 不是普通文件")
    if not os.access(path, os.R_OK):
        raise InputError(f"没有权限读取 {path}")
    if st.st_size == 0:
        raise InputError(f"{path} 是空文件")
    return st.st_size


def _read(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError as exc:
        raise InputError(f"没有权限读取 {path}") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(f"{path.name} 太大（超过 {limit // 1024 // 1024} MB），不像是一份年度报告")
    return data


def sniff(path: Path) -> str:
    """The format from the file's first bytes (the extension may lie): 'zip', 'ole' or 'text'."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "text"


# --------------------------------------------------------------------------------------- text
def decode_text(data: bytes, name: str) -> str:
    """Decode a text file in whatever encoding it was saved (BOM, UTF-8, GB18030/GBK, UTF-16 …)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without BOM: every other byte is NUL for ASCII, and CJK text decodes cleanly.
    for enc in ("utf-16-le", "utf-16-be"):
        if _looks_utf16(data, enc):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass
    if b"\x00" in data[:4096]:
        raise InputError(f"{name} 看起来不是文本文件（含有二进制数据），无法导入")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(f"无法识别 {name} 的文字编码，请用记事本另存为 UTF-8 后再导入")
    enc = best.encoding
    if enc.lower().replace("_", "") in ("gb2312", "gbk", "hz"):
        enc = "gb18030"  # the superset: GBK files often hold characters GB2312 lacks
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise InputError(f"无法识别 {name} 的文字编码，请用记事本另存为 UTF-8 后再导入") from exc


def _looks_utf16(data: bytes, enc: str) -> bool:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    try:
        text = sample.decode(enc)
    except UnicodeDecodeError:
        return False
    good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t" or "\u4e00" <= ch <= "\u9fff")
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return good / max(1, len(text)) > 0.95 and (cjk > len(text) * 0.2 or b"\x00" in sample)


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} 的编码与其开头的标记不符（{enc}），文件可能已损坏") from exc


def check_plausible_text(text: str, name: str) -> None:
    """Refuse binary data that happened to decode: a report is mostly Chinese and ordinary characters."""
    sample = text[:200_000]
    if not sample.strip():
        raise InputError(f"{name} 中没有文字")
    bad = sum(1 for ch in sample if (not ch.isprintable() and ch not in "\r\n\t\u3000\xa0") or ch == "\ufffd")
    if bad > len(sample) * 0.05:
        raise InputError(f"{name} 看起来不是文本文件（含有大量无法显示的字符），无法导入")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in sample):
        raise InputError(f"{name} 中没有中文文字，不像是一份报告")


def read_txt(path: Path) -> RawDocument:
    data = _read(path, MAX_TEXT_BYTES)
    text = decode_text(data, path.name)
    check_plausible_text(text, path.name)
    return RawDocument(lines=text.splitlines(), source_format="txt")


# --------------------------------------------------------------------------------------- html
_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "iframe",
    "form",
    "select",
    "button",
    "template",
    "svg",
    "head",
)
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "hr",
    "center",
)


def read_html(path: Path) -> RawDocument:
    data = _read(path, MAX_TEXT_BYTES)
    from bs4 import BeautifulSoup

    text = decode_text(data, path.name)
    soup = BeautifulSoup(text, "html.parser")
    doc_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(
        class_=re.compile(r"(^|[-_ ])(nav|menu|breadcrumb|footer|header|share|sidebar)", re.I)
    ):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body_text = soup.get_text("")
    check_plausible_text(body_text, path.name)
    return RawDocument(lines=body_text.splitlines(), source_format="html", doc_title=doc_title)


# --------------------------------------------------------------------------------------- docx
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
        data = _read(path, MAX_DOCX_BYTES)
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            raise InputError(f"{path.name} 设置了打开密码（已加密），请在 Word 中取消密码后另存再导入")
        return read_doc(path)
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


# --------------------------------------------------------------------------------------- doc / wps
def read_doc(path: Path) -> RawDocument:
    """Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            f"导入 {path.suffix or '.doc'} 文件需要 LibreOffice：请安装 Debian 软件包 libreoffice-writer-nogui"
            "（sudo apt install libreoffice-writer-nogui），或在 Word/WPS 中另存为 .docx 后再导入"
        )
    check_readable(path)
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / (
            "input" + (path.suffix.lower() if path.suffix.lower() in (".doc", ".wps") else ".doc")
        )
        shutil.copyfile(path, src)
        profile = (tmpdir / "profile").as_uri()
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(tmpdir / "out"),
                    str(src),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"LibreOffice 转换 {path.name} 超时，文件可能已损坏") from exc
        except OSError as exc:
            raise InputError(f"无法启动 LibreOffice 转换 {path.name}：{exc}") from exc
        out = tmpdir / "out" / (src.stem + ".docx")
        if not out.exists():
            raise InputError(f"LibreOffice 无法转换 {path.name}，文件可能已损坏或已加密")
        data = _read(out, MAX_DOCX_BYTES)
        fmt = "wps" if path.suffix.lower() == ".wps" else "doc"
        return read_docx(path, data, source_format=fmt)
