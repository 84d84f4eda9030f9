"""Plain text files (.txt and anything without a known format), in whatever encoding they were saved."""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from .base import MAX_TEXT_BYTES, RawDocument, read_limited


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
    data = read_limited(path, MAX_TEXT_BYTES)
    text = decode_text(data, path.name)
    check_plausible_text(text, path.name)
    return RawDocument(lines=text.splitlines(), source_format="txt")
