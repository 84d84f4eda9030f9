"""Text as Word can hold it.

A .docx is XML 1.0, which cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF;
lxml refuses them and python-docx would raise halfway through the document. Draft text can carry such
characters (pasted from web pages, PDFs, old WPS files), so they are removed before writing, and
comment anchors are moved to match. Emoji and very long paragraphs are valid XML and pass unchanged.
"""

from __future__ import annotations

import re

# Everything XML 1.0 forbids, plus C1 controls and DEL (allowed by XML, meaningless in a report, and
# rejected by some Word versions). Tab stays: python-docx writes it as w:tab.
_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators inside a paragraph: the draft keeps a paragraph on one line.
_BREAKS = re.compile("[\n\r\u2028\u2029]")


def clean_text(text: str) -> str:
    """``text`` with the characters a .docx cannot hold removed and in-paragraph breaks dropped."""
    return _BREAKS.sub("", _BAD.sub("", text))


def is_removed(ch: str) -> bool:
    return bool(_BAD.match(ch) or _BREAKS.match(ch))


def clean_offset(text: str, offset: int) -> int:
    """Where character ``offset`` of ``text`` lands in :func:`clean_text` of it."""
    offset = max(0, min(offset, len(text)))
    head = text[:offset]
    return len(clean_text(head))


def display_width(text: str) -> float:
    """Width in body characters: half-width letters and digits count one half."""
    return sum(0.5 if ord(c) < 0x2E80 and not 0x2000 <= ord(c) <= 0x206F else 1.0 for c in text)


def format_date_zh(year: int, month: int, day: int) -> str:
    """GB/T 9704: Arabic numerals, the year in full, no leading zeros: 2025年1月6日."""
    return f"{year}年{month}月{day}日"
