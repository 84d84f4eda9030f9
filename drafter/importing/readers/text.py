"""Plain text files (.txt and anything without a known format), in whatever encoding they were saved.

The encoding is decided by the whole file, not by its first few kilobytes: a single NUL byte in a GBK
report does not make it "binary" (a file only is when NUL bytes are more than a few per thousand), a file
cut in the middle of its last character is read without that character (and says so), and every
candidate decoding (UTF-8, GB18030, Big5, UTF-16 without BOM, and charset_normalizer's guess) is scored
by how plausible the text is for a Chinese report: the share of its characters that are common Chinese
characters (GB2312 level 1 and Big5's common characters, computed from the codecs themselves), ASCII
or Chinese punctuation. A file whose best decoding is not plausible is refused, never imported as
mojibake (a two-line GBK note is not Korean).
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from .base import MAX_TEXT_BYTES, RawDocument, read_limited

#: Below this plausibility the best decoding is taken for mojibake and refused.
MIN_PLAUSIBILITY = 0.85
#: An already decoded text (valid UTF-8, a web page) below this is mojibake saved again.
MIN_DECODED_PLAUSIBILITY = 0.7
#: More NUL bytes than this share of the file (outside UTF-16) make it binary.
MAX_NUL_SHARE = 0.002
#: Undecodable bytes tolerated in the middle of a file (shown as U+FFFD, with a warning).
MAX_BAD_BYTES = 8
_CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·％　〇々～‧")
_REFUSE = "无法可靠识别 {name} 的文字编码（按各种编码解读都是乱码），请用记事本另存为 UTF-8 后再导入"


@functools.cache
def common_chinese() -> frozenset[str]:
    """The common Chinese characters: GB2312 level 1 (3755, simplified) and Big5's 5401 common ones
    (traditional), decoded from the codecs' own tables rather than typed into the code."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((hi, lo)).decode("gb2312"))
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (hi, lo) > (0xC6, 0x7E):
                break
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((hi, lo)).decode("big5"))
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-space characters that a Chinese report is made of (1.0 for an empty text)."""
    common = common_chinese()
    total = good = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        if (" " < ch < "\x7f") or ch in common or ch in _CJK_PUNCT or "\uff01" <= ch <= "\uff5e":
            good += 1
    return good / total if total else 1.0


@dataclass
class Decoded:
    """A decoded text file: the text, the encoding it was read in, and notes for the user."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def _tolerant(data: bytes, enc: str) -> tuple[str, int, bool]:
    """Decode; (text, bytes that could not be decoded, whether an incomplete last character was dropped).

    A damaged tail (at most one character's bytes) is dropped; undecodable bytes elsewhere become U+FFFD
    and are counted, so that the caller can warn or refuse."""
    try:
        return data.decode(enc), 0, False
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    except LookupError:
        return "", len(data), False
    if first_bad >= len(data) - 4:
        for k in (1, 2, 3):
            if len(data) > k and first_bad >= len(data) - k - 1:
                try:
                    return data[:-k].decode(enc), 0, True
                except UnicodeDecodeError:
                    continue
    text = data.decode(enc, errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in text), bad, False


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file in whatever encoding it was saved (BOM, UTF-8, GB18030/GBK, Big5, UTF-16 …)."""
    return decode_report_text(data, name).text


def decode_report_text(data: bytes, name: str) -> Decoded:
    """:func:`decode_text` with the encoding chosen and the notes for the user (a cut tail, odd bytes)."""
    for bom, enc, skip in (
        (b"\xef\xbb\xbf", "utf-8", 3),
        (b"\xff\xfe\x00\x00", "utf-32-le", 4),
        (b"\x00\x00\xfe\xff", "utf-32-be", 4),
        (b"\xff\xfe", "utf-16-le", 2),
        (b"\xfe\xff", "utf-16-be", 2),
    ):
        if data.startswith(bom):
            text, bad, cut = _tolerant(data[skip:], enc)
            if bad:
                raise InputError(f"{name} 的编码与其开头的标记不符（{enc}），文件可能已损坏")
            return Decoded(text, enc, _notes(name, bad, cut))
    candidates: list[tuple[str, bytes]] = []
    for enc in ("utf-16-le", "utf-16-be"):
        if _looks_utf16(data, enc):
            candidates.append((enc, data))
    nul = data.count(b"\x00")
    if not candidates and nul > max(2, len(data) * MAX_NUL_SHARE):
        raise InputError(f"{name} 看起来不是文本文件（含有二进制数据），无法导入")
    # Outside UTF-16, a stray NUL byte is never text: drop it, whatever the encoding.
    plain = data.replace(b"\x00", b"") if nul and not candidates else data
    candidates += [("utf-8", plain), ("gb18030", plain), ("big5", plain)]
    best: tuple[float, int, Decoded] | None = None
    for order, (enc, raw) in enumerate(candidates):
        text, bad, cut = _tolerant(raw, enc)
        if bad > MAX_BAD_BYTES or (bad and bad * 1000 > len(raw)):
            continue
        if enc == "utf-8" and not bad:
            # Valid UTF-8 is self-checking: other encodings' Chinese bytes almost never are.
            return Decoded(text, enc, _notes(name, bad, cut, nul if raw is plain else 0))
        score = plausibility(text) - bad / max(1, len(text))
        if best is None or (score, -order) > (best[0], best[1]):
            best = (score, -order, Decoded(text, enc, _notes(name, bad, cut, nul if raw is plain else 0)))
    if best is None or best[0] < MIN_PLAUSIBILITY:
        guessed = _guess(plain, name)
        if guessed is not None:
            return guessed
        raise InputError(_REFUSE.format(name=name))
    return best[2]


def _guess(data: bytes, name: str) -> Decoded | None:
    """charset_normalizer's guess, when no Chinese encoding fits: kept only if it is plausible too."""
    from charset_normalizer import from_bytes

    found = from_bytes(data[:1_000_000]).best()
    if found is None or found.encoding is None:
        return None
    text, bad, cut = _tolerant(data, found.encoding)
    if bad or plausibility(text) < MIN_PLAUSIBILITY:
        return None
    return Decoded(text, found.encoding, _notes(name, bad, cut))


def _notes(name: str, bad: int, cut: bool, nul: int = 0) -> list[str]:
    notes = []
    if cut:
        notes.append(f"{name} 末尾有一个不完整的字符（文件可能不完整），已忽略该字符，请核对结尾")
    if bad:
        notes.append(f"{name} 中有 {bad} 个字节无法识别，已显示为「\ufffd」，请核对")
    if nul:
        notes.append(f"{name} 中有 {nul} 个空字符（NUL），已删除")
    return notes


def _looks_utf16(data: bytes, enc: str) -> bool:
    """UTF-16 without BOM: every other byte NUL for ASCII, or Chinese that decodes cleanly and plausibly."""
    sample = data[:65536]
    if len(sample) < 4:
        return False
    sample = sample[: len(sample) // 2 * 2]
    try:
        text = sample.decode(enc)
    except UnicodeDecodeError:
        return False
    good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    if good / max(1, len(text)) <= 0.95:
        return False
    return plausibility(text) >= MIN_PLAUSIBILITY


def check_plausible_text(text: str, name: str) -> None:
    """Refuse binary data that happened to decode: a report is mostly Chinese and ordinary characters."""
    sample = text[:200_000]
    if not sample.strip():
        raise InputError(f"{name} 中没有文字")
    chinese = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if chinese > len(sample) * 0.05 and plausibility(sample) < MIN_DECODED_PLAUSIBILITY:
        raise InputError(
            f"{name} 的文字看起来是乱码（编码曾被错误转换），请找到原始文件或另存为 UTF-8 后再导入"
        )
    bad = sum(1 for ch in sample if (not ch.isprintable() and ch not in "\r\n\t\u3000\xa0") or ch == "\ufffd")
    if bad > len(sample) * 0.05:
        raise InputError(f"{name} 看起来不是文本文件（含有大量无法显示的字符），无法导入")
    if not chinese:
        raise InputError(f"{name} 中没有中文文字，不像是一份报告")


def read_txt(path: Path) -> RawDocument:
    data = read_limited(path, MAX_TEXT_BYTES)
    decoded = decode_report_text(data, path.name)
    check_plausible_text(decoded.text, path.name)
    return RawDocument(lines=decoded.text.splitlines(), source_format="txt", warnings=decoded.notes)
