"""Cleaning: take the page furniture out of a copied report and put broken sentences back together.

Only what does not belong to the report is touched: site banners, disclosure-page fields, copyright
footers, page numbers, page markers cut into words, line breaks inside a sentence, and the spaces and
bracket widths of numbers and years. Every other character of the body is kept as it was.

All pattern tests run on a simplified-character mirror of each line (``simp``), which has the same length
as the line, so traditional-character input is cleaned the same way without being converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .chrome import is_breadcrumb, is_button_row
from .config import ImportConfig, any_of
from .mirror import Simp, identity

# C0/C1 control characters other than tab and newline; they never belong to report text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b-\u200d\u2060]")
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
#: Characters that may end a sentence (or a line that is complete on its own).
SENTENCE_END = "。！？；：!?;:…”’」』）)】》"
_SENTENCE_MARK = re.compile(r"[。，；！？]")
_MID_SENTENCE_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z，、,（(“‘《〈%]$")
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、](?!\d))"
)
_DATE_LINE = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*$"
)
_YEAR_SPACE_AFTER = re.compile(r"(?<=\d{4})[ \t\u3000\xa0]+(?=年)")
_YEAR_SPACE_BEFORE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\xa0]+(?=\d{4}[ \t\u3000\xa0]*年)")
_YEAR_SPACE_AROUND_DU = re.compile(r"(?<=\d{4}年)[ \t\u3000\xa0]+(?=度)")


def split_lines(text: str) -> list[str]:
    """Lines of a decoded text, with control characters dropped and each line stripped of its indentation."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text).replace("\t", " ")
    return [line.strip() for line in text.split("\n")]


def normalise_years(text: str) -> str:
    """「关于 2019 年度」 → 「关于2019年度」: spaces inside a year are layout, not text."""
    text = _YEAR_SPACE_AFTER.sub("", text)
    text = _YEAR_SPACE_BEFORE.sub("", text)
    return _YEAR_SPACE_AROUND_DU.sub("", text)


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(line))


def starts_like_heading(line: str) -> bool:
    return bool(_HEADING_START.match(line))


def ends_mid_sentence(line: str) -> bool:
    return bool(_MID_SENTENCE_END.search(line.rstrip()))


def strip_page_markers(lines: list[str], cfg: ImportConfig, simp: Simp = identity) -> tuple[list[str], int]:
    """Remove 「2、」「3、」… page markers that a document-sharing site cut into the text, and rejoin the pages.

    A marker is recognised by its sequence (1, 2, 3 … on successive text lines) and by falling in the middle
    of a sentence; a real list 「1、…。」「2、…。」 ends its items with full stops and is left alone.
    Returns the lines and the number of markers removed.
    """
    content = [i for i, line in enumerate(lines) if line]
    # Walk the text lines looking for the longest run numbered 1, 2, 3 … from the first text lines on.
    seq: list[int] = []
    expected = 1
    for i in content:
        m = cfg.page_marker.match(simp(lines[i]))
        if m and int(m.group(1)) == expected:
            seq.append(i)
            expected += 1
        elif seq and not m:
            # A page's text is one long line in such copies; any other line breaks the sequence.
            break
    if len(seq) < cfg.page_min_markers:
        return lines, 0
    mid = 0
    for i in seq[1:]:
        prev = max((j for j in content if j < i), default=None)
        if prev is not None and ends_mid_sentence(lines[prev]):
            mid += 1
    if mid / max(1, len(seq) - 1) < cfg.page_min_mid_sentence:
        return lines, 0
    out = list(lines)
    markers = set(seq)
    result: list[str] = []
    for i, line in enumerate(out):
        if i in markers:
            m = cfg.page_marker.match(simp(line))
            assert m is not None
            rest = line[m.end() :]
            if i != seq[0] and result:
                # Join to the page before it, across any blank lines.
                while result and not result[-1]:
                    result.pop()
                if result:
                    result[-1] = result[-1] + rest
                    continue
            result.append(rest)
        else:
            result.append(line)
    return result, len(seq)


def remove_watermarks(lines: list[str], cfg: ImportConfig, simp: Simp = identity) -> tuple[list[str], int]:
    """Cut injected watermarks out of the text, wherever they stand (even inside a word).

    Named watermarks (sharing-site names) always go; a web address only when it recurs, since a report may
    cite an address once."""
    mirror = [simp(line) for line in lines]
    counts: dict[str, int] = {}
    for s in mirror:
        for m in cfg.watermark_address.finditer(s):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    repeated = [re.escape(a) for a, n in counts.items() if n >= cfg.watermark_min_repeats]
    names: dict[str, int] = {}
    for s in mirror:
        for m in cfg.watermark_bracketed.finditer(s):
            names[m.group(0)] = names.get(m.group(0), 0) + 1
    repeated += [re.escape(a) for a, n in names.items() if n >= cfg.watermark_bracketed_min_repeats]
    patterns = list(cfg.watermarks)
    if repeated:
        patterns.append(re.compile("|".join(sorted(repeated, key=len, reverse=True))))
    if not patterns:
        return lines, 0
    combined = any_of(tuple(patterns))
    removed = 0
    out = []
    for line, s in zip(lines, mirror, strict=True):
        if not combined.search(s):
            out.append(line)
            continue
        spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(s) if m.end() > m.start())
        if not spans:
            out.append(line)
            continue
        pieces = []
        pos = 0
        for a, b in spans:
            if a < pos:
                a = pos
            if b <= a:
                continue
            pieces.append(line[pos:a])
            pos = b
            removed += 1
        pieces.append(line[pos:])
        out.append("".join(pieces).strip())
    return out, removed


def is_chrome(line: str, cfg: ImportConfig, simp: Simp = identity) -> bool:
    """True for a line of page furniture (banner, footer, disclosure field, page number, button row,
    breadcrumb trail)."""
    s = simp(line)
    if not s or len(s) > cfg.max_chrome_chars:
        return False
    if cfg.chrome_strong_any.search(s):
        return True
    if not _SENTENCE_MARK.search(s) and cfg.chrome_not_sentence_any.search(s):
        return True
    if is_button_row(s, cfg) or is_breadcrumb(s, cfg):
        return True
    return (
        len(s) <= cfg.max_weak_chars
        and not starts_like_heading(s)
        and not s.endswith("。")
        and bool(cfg.chrome_weak_any.search(s))
    )


def drop_chrome(lines: list[str], cfg: ImportConfig, simp: Simp | None = None) -> tuple[list[str], list[str]]:
    """Split lines into (report lines, chrome lines); blank lines are kept where they were.

    Besides single lines of furniture, the disclosure block is recognised as a whole (a label on one line,
    its value on the next), and the site's clock is cut from a title it was glued to. Without ``simp`` the
    lines are matched through the traditional-to-simplified mapping (harmless on simplified text), so a
    caller reading a traditional-character file drops the same furniture."""
    from .chrome import site_date
    from .disclosure import scan

    if simp is None:
        from .traditional import to_simplified

        simp = to_simplified

    mirrors = [simp(line) for line in lines]
    block, _ = scan(mirrors, cfg)
    kept: list[str] = []
    chrome: list[str] = []
    for i, (line, s) in enumerate(zip(lines, mirrors, strict=True)):
        if i in block or is_chrome(s, cfg):
            chrome.append(line)
            kept.append("")
            continue
        m = site_date(s, cfg) if s and len(s) <= cfg.max_chrome_chars else None
        if m is None:
            kept.append(line)
            continue
        rest = s[m.end() :]
        if m.start() == 0 and any(w in rest for w in cfg.title_words + cfg.title_topics):
            # 「2019年12月3日星期二南溪县2024年度法治政府建设情况报告」: keep the title.
            chrome.append(line[: m.end()])
            kept.append(line[m.end() :].strip())
        else:
            chrome.append(line)
            kept.append("")
    return kept, chrome


def rejoin(
    lines: list[str],
    simp: Simp = identity,
    bullets: tuple[str, ...] = (),
    complete: Callable[[str], bool] | None = None,
) -> list[str]:
    """Paragraphs from lines: a line broken inside a sentence (PDF page ends, hard wraps) is joined to the
    next text line, across blank lines, unless the next line starts a numbered heading, a marked one
    (``bullets``: 「■」「- 」) or a signature, or the line is ``complete`` on its own (a long title).

    Short lines (titles, signatures, headings without body) are never joined: they are complete as they are.
    """
    paras: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            continue
        s = simp(line)
        marked = bool(bullets) and s.lstrip().startswith(bullets)
        if joinable and paras and not starts_like_heading(s) and not is_date_line(s) and not marked:
            paras[-1] = paras[-1] + line
        else:
            paras.append(line)
        last = simp(paras[-1])
        heading_only = starts_like_heading(last) and "。" not in last
        joinable = (
            ends_mid_sentence(last)
            and len(last) >= 40
            and not heading_only
            and not (complete is not None and complete(last))
        )
    return paras
