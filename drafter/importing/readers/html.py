"""Web pages saved from a browser (.html/.htm), page furniture tags dropped before the text is taken."""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import InputError
from .base import MAX_TEXT_BYTES, RawDocument, read_limited
from .text import check_plausible_text, decode_text

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


def html_to_lines(text: str) -> tuple[list[str], str]:
    """The visible text of a web page as lines, and its <title>; shared with the .docx altChunk parts."""
    from bs4 import BeautifulSoup

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
    return soup.get_text("").splitlines(), doc_title


def read_html(path: Path) -> RawDocument:
    data = read_limited(path, MAX_TEXT_BYTES)
    text = decode_text(data, path.name)
    lines, doc_title = html_to_lines(text)
    check_plausible_text("\n".join(lines), path.name)
    return RawDocument(lines=lines, source_format="html", doc_title=doc_title)


def mht_html(data: bytes, name: str) -> str | None:
    """The HTML part of a single-file web page (MIME), decoded; None when it has none."""
    import email

    msg = email.message_from_bytes(data)
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = (part.get_content_charset() or "").lower()
        if charset.replace("-", "").replace("_", "") in ("gb2312", "gbk"):
            charset = "gb18030"  # the superset: GBK pages often hold characters GB2312 lacks
        try:
            return payload.decode(charset) if charset else decode_text(payload, name)
        except (LookupError, UnicodeDecodeError):
            return decode_text(payload, name)
    return None


def read_mht(path: Path) -> RawDocument:
    """A single-file web page (.mht/.mhtml, or one saved by WPS under .doc): its HTML part."""
    data = read_limited(path, MAX_TEXT_BYTES)
    text = mht_html(data, path.name)
    if text is None:
        raise InputError(f"{path.name} 是单个网页文件，但其中没有网页正文，无法导入")
    lines, doc_title = html_to_lines(text)
    check_plausible_text("\n".join(lines), path.name)
    return RawDocument(lines=lines, source_format="html", doc_title=doc_title)
