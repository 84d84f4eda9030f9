"""What every reader shares: the document it returns, the size limits, and sniffing a file's real format.

Limits are checked before decompressing or decoding: a zip bomb is recognised from the archive directory
and from a capped streaming read, an XML part with a DTD or entities is refused (defusedxml), and a text far
larger than any report is refused from its size on disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError

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


def read_limited(path: Path, limit: int) -> bytes:
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
    """The format from the file's first bytes (the extension may lie): 'zip', 'ole', 'rtf', 'pdf' or 'text'."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        head = head.lstrip()
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "text"
