"""The reader registry: one module per format, and the one place that decides which reader a file gets.

The decision looks at the file's content first and its extension second, because published reports arrive
with extensions that lie: a .doc that is really a .docx, a .doc saved by WPS as RTF or as a web page, a .txt
that is a Word file. Everything that reads a report file (the importer, the checker's source lines, the
phrasebank's miner) goes through :func:`pick_reader` / :func:`read_document`, so a new format is one module
and one entry in :data:`READERS`.
"""

from __future__ import annotations

import shutil  # noqa: F401  (tests patch readers.shutil.which to simulate a machine without LibreOffice)
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from .base import (
    _ENCRYPTED_MARK,
    CONVERT_TIMEOUT,
    MAX_DOCX_BYTES,
    MAX_PARTS,
    MAX_TEXT_BYTES,
    MAX_UNZIPPED_BYTES,
    MAX_XML_PART_BYTES,
    OLE_MAGIC,
    ZIP_MAGIC,
    RawDocument,
    check_readable,
    read_limited,
    sniff,
)
from .doc import read_doc
from .docx import read_docx
from .html import read_html, read_mht
from .text import check_plausible_text, decode_text, read_txt

__all__ = [
    "CONVERT_TIMEOUT",
    "MAX_DOCX_BYTES",
    "MAX_PARTS",
    "MAX_TEXT_BYTES",
    "MAX_UNZIPPED_BYTES",
    "MAX_XML_PART_BYTES",
    "OLE_MAGIC",
    "READERS",
    "ZIP_MAGIC",
    "RawDocument",
    "Reader",
    "check_plausible_text",
    "check_readable",
    "decode_text",
    "pick_reader",
    "read_doc",
    "read_document",
    "read_docx",
    "read_html",
    "read_limited",
    "read_mht",
    "read_txt",
    "sniff",
]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mht")
WORD_SUFFIXES = (".doc", ".wps", ".rtf", ".dot", ".wpt")
DRAFT_SUFFIXES = (".md",)


@dataclass(frozen=True)
class Reader:
    """A format: its name (as shown in ``source_format``) and the function that reads it."""

    name: str
    read: Callable[[Path], RawDocument] | None
    #: Why the format is refused (``read`` is None): one Chinese line.
    refusal: str = ""


def _refuse_pdf(path: Path) -> RawDocument:
    raise InputError("暂不支持直接导入 PDF：请用 Word/WPS 打开后另存为 .docx，或复制文字存为 .txt 再导入")


def _read_ole(path: Path) -> RawDocument:
    data = read_limited(path, MAX_DOCX_BYTES)
    if _ENCRYPTED_MARK in data:
        raise InputError(f"{path.name} 设置了打开密码（已加密），请取消密码后另存再导入")
    return read_doc(path)


def _head(path: Path, size: int = 2048) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _looks_html(path: Path) -> bool:
    low = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith(b"<!--"):  # Word and WPS pages may open with a comment
        low = low.partition(b"-->")[2].lstrip()
    return low.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in low


def _looks_mht(path: Path) -> bool:
    """A single-file web page (.mht), as WPS and Word save a 「网页」 that is then renamed .doc."""
    low = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return low.startswith((b"mime-version:", b"from:", b"content-type: multipart/related")) and (
        b"multipart/related" in low or b"text/html" in low
    )


#: Every reader, by name. ``draft`` is our own Markdown draft (read by :mod:`drafter.draft`, not here).
READERS: dict[str, Reader] = {
    "docx": Reader("docx", read_docx),
    "doc": Reader("doc", _read_ole),
    "rtf": Reader("rtf", read_doc),
    "html": Reader("html", read_html),
    "mht": Reader("mht", read_mht),
    "txt": Reader("txt", read_txt),
    "pdf": Reader("pdf", _refuse_pdf),
    "draft": Reader("draft", None),
}


def pick_reader(path: Path) -> Reader:
    """The reader for a file, by its content first (the extension may lie), then by its extension."""
    magic = sniff(path)
    suffix = path.suffix.lower()
    if magic == "zip":
        return READERS["docx"]
    if magic == "ole":
        return READERS["doc"]
    if magic == "rtf":
        return READERS["rtf"]
    if magic == "pdf" or suffix == ".pdf":
        return READERS["pdf"]
    if suffix in DRAFT_SUFFIXES:
        return READERS["draft"]
    if _looks_mht(path):
        return READERS["mht"]
    if suffix in HTML_SUFFIXES or _looks_html(path):
        return READERS["html"]
    if suffix in WORD_SUFFIXES:
        # Neither Word, WPS, RTF nor a web page: not something LibreOffice reads either.
        raise InputError(f"{path.name} 不是有效的 Word/WPS 文档，文件可能已损坏或扩展名有误")
    return READERS["txt"]


def read_document(path: Path) -> RawDocument:
    """Read any supported file except our own drafts (which :func:`drafter.draft.load` reads)."""
    check_readable(path)
    reader = pick_reader(path)
    if reader.read is None:
        raise InputError(f"{path.name} 是草稿文件，请直接打开")
    return reader.read(path)
