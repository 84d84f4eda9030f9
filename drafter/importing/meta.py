"""Metadata of an imported report, each field with a confidence between 0 and 1.

Where a value comes from decides how far it can be trusted: the signature block at the end is the
report's own word (high), the disclosure page's 成文日期 field is the publisher's (a little lower), a
publisher's office standing in for the government is an inference (lower still). A value that cannot be
told stays empty with confidence 0: a wrong guess would be copied into next year's report.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..numbering import chinese_to_int
from .clean import Simp, identity, is_date_line, normalise_years, starts_like_heading
from .config import ImportConfig

FIELDS = ("title", "org", "short", "recipient", "year", "date")

_ISO_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
_CN_DATE = re.compile(
    r"([\d〇○零一二三四五六七八九]{4})\s*年\s*([\d〇○零一二三四五六七八九十]{1,3})\s*月\s*([\d〇○零一二三四五六七八九十]{1,3})\s*日"
)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0]+(?=[\u4e00-\u9fff])")
_SHORT = re.compile(r"(?:我|本)(?:区|县|市|局|委|镇|乡|街道|办|厅|院|旗|州|省|盟|中心)")
_NO_PUNCT = re.compile(r"^[^。，,；;：:、！？!?“”\"]+$")
_RECIPIENT = re.compile(r"^([^。，,；;！？]{2,40}?)[：:]$")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


@dataclass
class MetaGuess:
    title: str = ""
    org: str = ""
    short: str = ""
    recipient: str = ""
    year: int | None = None
    date: _dt.date | None = None
    attachments: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0.0))

    def set(self, name: str, value: object, confidence: float) -> None:
        """Keep a value only if it is more trustworthy than the one already found."""
        if value in (None, "") or confidence <= self.confidence.get(name, 0.0):
            return
        setattr(self, name, value)
        self.confidence[name] = confidence


def _take_attachment_note(body: list[str], cfg: ImportConfig, simp: Simp) -> list[str]:
    """Remove the attachment note (「附件：1.……」 and its numbered items) from the end of the body.

    It stands between the body and the signature, so once the signature is gone it is the tail; only a
    tail made entirely of the note's lines is taken, so a numbered body item is never mistaken for it.
    """
    for start in range(len(body) - 1, max(len(body) - 30, -1), -1):
        first = cfg.attachment_first.match(simp(body[start]).strip())
        if not first:
            continue
        items = [body[start].strip()[first.start(1) :].strip()]
        for line in body[start + 1 :]:
            m = cfg.attachment_item.match(simp(line).strip())
            if not m:
                return []
            items.append(line.strip()[m.start(1) :].strip())
        del body[start:]
        return items
    return []


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return chinese_to_int(text.replace("〇", "零").replace("○", "零"))


def parse_date(text: str) -> _dt.date | None:
    """A date written 2025-01-06, 2025/1/6, 2025年1月6日 or 二〇二五年一月六日; None if not a real date."""
    m = _ISO_DATE.match(text) or _CN_DATE.search(text)
    if not m:
        return None
    y, mo, d = (_cn_number(g) for g in m.groups())
    if y is None or mo is None or d is None:
        return None
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def clean_title(text: str) -> str:
    """A title as published, without the spaces that page layout put between its characters."""
    return _CJK_SPACE.sub("", normalise_years(text.strip()))


def _is_title(s: str, cfg: ImportConfig) -> bool:
    return (
        len(s) <= 80
        and any(w in s for w in cfg.title_words)
        and not s.endswith(("。", "：", ":"))
        and not starts_like_heading(s)
        and "。" not in s
    )


def _is_org(s: str, cfg: ImportConfig) -> bool:
    s = s.replace(" ", "").replace("\u3000", "")
    return (
        2 <= len(s) <= 40
        and bool(_NO_PUNCT.match(s))
        and not starts_like_heading(s)
        and not any(w in s for w in cfg.title_words)
        and s.endswith(cfg.org_suffixes)
    )


def _field_value(pattern: re.Pattern[str], lines: list[str], simp: Simp) -> str:
    for line in lines:
        m = pattern.search(simp(line))
        if m:
            return line[m.start(1) : m.end(1)].strip()
    return ""


def extract_meta(
    paragraphs: list[str],
    chrome: list[str],
    cfg: ImportConfig,
    simp: Simp = identity,
    *,
    min_year: int = 1949,
    max_year: int = 2100,
    title_year_offset: int = 0,
) -> tuple[MetaGuess, list[str]]:
    """Metadata from the head and tail of the report and from the page's chrome; returns the body paragraphs
    with the title, recipient line and signature taken out. ``title_year_offset`` is the kind's: how far
    the year a title names lies after the year reported on."""
    g = MetaGuess()
    body = list(paragraphs)
    publish_date: _dt.date | None = None

    # ---- head: title, issuing body above it, recipient line, a bare publication date
    i = 0
    head_org = ""
    while i < len(body):
        p = body[i]
        s = simp(p)
        if starts_like_heading(s):
            break
        if not g.title and _is_title(s, cfg):
            g.set("title", clean_title(p), 0.9)
            del body[i]
            continue
        if g.title and clean_title(p) == g.title:
            # The title repeated (page heading and document heading, or a metadata block copied twice).
            del body[i]
            continue
        if (
            not g.title
            and i + 1 < len(body)
            and len(s) <= 40
            and _NO_PUNCT.match(s)
            and not _is_org(s, cfg)
            and _is_title(s + simp(body[i + 1]), cfg)
        ):
            # A long title broken over two lines.
            g.set("title", clean_title(p + body[i + 1]), 0.8)
            del body[i : i + 2]
            continue
        if _ISO_DATE.match(s) or (is_date_line(s) and len(s) <= 16):
            publish_date = parse_date(s)
            del body[i]
            continue
        if not g.recipient:
            m = _RECIPIENT.match(s)
            if m and "如下" not in s and _is_org(m.group(1).split("、")[0], cfg):
                g.set("recipient", p[: m.end(1)].strip(), 0.9)
                del body[i]
                continue
        if not head_org and _is_org(s, cfg):
            head_org = p.replace(" ", "").replace("\u3000", "")
            del body[i]
            continue
        break

    # ---- tail: signature (issuing body, date); a title repeated below the text is page furniture
    while body and (not body[-1].strip() or (g.title and clean_title(body[-1]) == g.title)):
        body.pop()
    if body and is_date_line(simp(body[-1])):
        g.set("date", parse_date(simp(body[-1])), 0.95)
        body.pop()
        if body and _is_org(simp(body[-1]), cfg):
            g.set("org", body.pop().replace(" ", "").replace("\u3000", ""), 0.9)
    elif body and _is_org(simp(body[-1]), cfg) and len(body[-1]) <= 30:
        g.set("org", body.pop().replace(" ", "").replace("\u3000", ""), 0.7)
    if head_org:
        g.set("org", head_org, 0.8)
    g.attachments = _take_attachment_note(body, cfg, simp)

    # ---- the page's fields (disclosure pages, document-sharing banners)
    written = parse_date(_field_value(cfg.field_written, chrome, simp))
    published = parse_date(_field_value(cfg.field_published, chrome, simp))
    g.set("date", written, 0.8)
    name = _field_value(cfg.field_name, chrome, simp)
    if name and any(w in simp(name) for w in cfg.title_words):
        g.set("title", clean_title(name), 0.85)
    for line in chrome:
        m = cfg.banner_title.search(simp(line))
        if m:
            g.set("title", clean_title(line[m.start(1) : m.end(1)]), 0.7)
            break
    if g.title and body and body[0].startswith(g.title) and len(body[0]) > len(g.title):
        # 「2022年法治政府建设情况报告2022年,区委……」: the title run into the first paragraph.
        body[0] = body[0][len(g.title) :]

    # The issuer named in the title: 「海陵试验区管委会关于2019年……」, 「濠江区2024年……」.
    issuer = ""
    if g.title:
        m = _YEAR.search(g.title)
        if m:
            issuer = re.sub(r"(关于|对)$", "", g.title[: m.start()]).strip()
    publisher = _field_value(cfg.field_publisher, chrome, simp).replace(" ", "")
    s_issuer, s_publisher = simp(issuer), simp(publisher)
    if publisher and not g.org:
        org = publisher
        if s_issuer.endswith(cfg.place_suffixes) and s_issuer in s_publisher:
            for suffix in cfg.publisher_office_suffixes:
                if s_publisher.endswith(suffix) and len(org) > len(suffix) + 2:
                    org = org[: -len(suffix)]
                    break
        if not issuer or s_issuer in s_publisher:
            g.set("org", org, 0.6)
    if issuer and not g.org and _is_org(s_issuer, cfg) and not s_issuer.endswith(cfg.place_suffixes):
        g.set("org", issuer, 0.5)

    # ---- year reported on
    if g.title:
        m = _YEAR.search(g.title)
        if m and min_year <= int(m.group(1)) - title_year_offset <= max_year:
            g.set("year", int(m.group(1)) - title_year_offset, 0.9)

    # ---- the date when the signature and the 成文日期 are missing: the publication date, less trusted
    if g.date is None and g.year is not None:
        for d in (published, publish_date):
            if d is not None and d.year in (g.year, g.year + 1):
                g.set("date", d, 0.4)
                break
    if g.date is not None and g.year is not None and g.date.year not in (g.year, g.year + 1):
        # A date that does not fit the year reported on is more likely a page's than the report's.
        g.confidence["date"] = min(g.confidence["date"], 0.3)

    # ---- how the report names its issuer (我区, 本局 ...)
    counts = Counter(p[m.start() : m.end()] for p in body for m in _SHORT.finditer(simp(p)))
    if counts:
        word, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if n >= 2:
            g.set("short", word, round(min(0.9, n / total), 2))
    return g, body


def year_from_outline(
    headings: list[str], opening: list[str], guess: MetaGuess, min_year: int, max_year: int
) -> None:
    """The year reported on when no title gives it: the earliest year named in part one's heading or the
    opening (a plan heading names the year after)."""
    for text, confidence in [(h, 0.6) for h in headings[:1]] + [(o, 0.4) for o in opening[:1]]:
        m = _YEAR.search(text)
        if m and min_year <= int(m.group(1)) <= max_year:
            guess.set("year", int(m.group(1)), confidence)
            return
