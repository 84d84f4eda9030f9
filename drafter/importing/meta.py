"""Metadata of an imported report, each field with a confidence between 0 and 1.

Where a value comes from decides how far it can be trusted: the signature block at the end is the
report's own word (highest), then the letterhead and the title, then a covering letter; the page's
chrome (the disclosure block's 成文日期 and 发布机构) is the publisher's word, trusted less, and a publisher's
office standing in for the government is an inference (least). A value that cannot be told stays empty
with confidence 0: a wrong guess would be copied into next year's report. Dates of the page (发布日期, the
site's clock) are never the report's year or its date.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import Simp, identity, is_date_line, normalise_years, starts_like_heading
from .config import ImportConfig
from .covering_letter import CoveringLetter, take_covering_letter
from .dates import BRACKETED_DATE, CN_DATE, ISO_DATE, first_year, parse_date, parse_field_date
from .disclosure import Disclosure, scan
from .issuers import RECIPIENT, extends, government_of, is_org, squeeze, title_issuer
from .titles import find_title, is_sentence, is_title_form, reported_year, unwrap

__all__ = [
    "FIELDS",
    "MetaGuess",
    "clean_title",
    "extract_meta",
    "parse_date",
    "year_from_outline",
]

FIELDS = ("title", "org", "short", "recipient", "year", "date")

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0]+(?=[\u4e00-\u9fff])")
_COLUMN_LABEL = re.compile(r"^[【\[][^【】\[\]]{1,12}[】\]]\s*(?=\S{6})")
_SHORT = re.compile(r"(?:我|本)(?:区|县|市|局|委|镇|乡|街道|办|厅|院|旗|州|省|盟|中心)")
_ORG_DATE = re.compile(r"^(.*\S)\s+(" + CN_DATE.pattern + r")\s*$")
#: How far into the text the head (title, letterhead, recipient) may reach.
_HEAD = 20
#: How far into a heading or the opening the year reported on is looked for.
_YEAR_HORIZON = 1000

# Confidence by source (see the module docstring).
SIGNATURE = 0.9
SIGNATURE_NO_DATE = 0.7
LETTERHEAD = 0.85
TITLE = 0.8
LETTER = 0.8
PUBLISHER_OFFICE = 0.5
PUBLISHER = 0.4
DATE_SIGNATURE = 0.95
DATE_UNDER_TITLE = 0.85
DATE_LETTER = 0.8
DATE_WRITTEN_FIELD = 0.7


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
    #: Lines of page furniture removed from above the title.
    dropped: list[str] = field(default_factory=list)
    #: The covering letter taken out before the report proper, if any.
    letter: CoveringLetter | None = None
    #: The page's disclosure fields as found (label → value), for the user to compare.
    page_fields: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: object, confidence: float) -> None:
        """Keep a value only if it is more trustworthy than the one already found."""
        if value in (None, "") or confidence <= self.confidence.get(name, 0.0):
            return
        setattr(self, name, value)
        self.confidence[name] = confidence


@dataclass
class _Bodies:
    """Candidates for the issuing body, each with its confidence; the fullest name of the best one wins."""

    items: list[tuple[str, float]] = field(default_factory=list)

    def add(self, name: str, confidence: float) -> None:
        if name:
            self.items.append((name, confidence))

    def pick(self, cfg: ImportConfig, simp: Simp) -> tuple[str, float]:
        if not self.items:
            return "", 0.0
        best, conf = max(self.items, key=lambda item: item[1])
        for name, other in self.items:
            if extends(simp(name), simp(best), cfg):
                best, conf = name, max(conf, other)
        return best, conf


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


def clean_title(text: str) -> str:
    """A title as published, without the spaces that page layout put between its characters (and the
    brackets or the column label 「【法治政府建设】」 a page may put around it)."""
    return unwrap(_COLUMN_LABEL.sub("", _CJK_SPACE.sub("", normalise_years(text.strip()))))


def _for_government(name: str, cfg: ImportConfig, simp: Simp) -> str:
    """The body a letter's signer acts for: the government for its general office (「X县人民政府办公室」
    prints or sends the government's report), the government of a joint signature, else the signer."""
    if not name:
        return ""
    s = simp(name)
    for suffix in cfg.publisher_office_suffixes:
        cut = s[: -len(suffix)]
        if s.endswith(suffix) and cut.endswith(cfg.government_suffixes) and is_org(cut, cfg):
            return name[: len(cut)]
    return government_of([name], [s], cfg)


def _banner(p: str, s: str, cfg: ImportConfig) -> bool:
    """A row of bodies' names 「柏溪区人民政府  柏溪区司法局」 (a site's banner, not a letterhead)."""
    parts = s.split()
    return len(parts) > 1 and all(is_org(part, cfg) for part in parts)


def _letterhead(p: str, s: str, cfg: ImportConfig) -> bool:
    """A body's name on a line of its own (a site banner 「北湖区人民政府  北湖区司法局」 is not one)."""
    return is_org(s, cfg) and not re.search(r"\s", p.strip())


def _consistent(letterhead: str, issuer: str, simp: Simp) -> bool:
    """A letterhead belongs to the report when the title names no issuer or the letterhead contains it."""
    return not issuer or simp(issuer) in simp(letterhead)


def _repeat_length(body: list[str], i: int, title: str, cfg: ImportConfig, simp: Simp) -> int:
    """How many paragraphs from ``i`` print the title again (possibly broken over lines), or 0."""
    for k in (1, 2, 3):
        if i + k > len(body):
            break
        joined = clean_title("".join(body[i : i + k]))
        if joined == title or (
            len(joined) >= 8 and title.endswith(joined) and is_title_form(simp(joined), cfg)
        ):
            return k
    return 0


def _read_head(
    body: list[str], cfg: ImportConfig, simp: Simp, g: MetaGuess, bodies: _Bodies
) -> tuple[str, str]:
    """Title, letterhead, recipient and a date under the title, taken from the head of ``body``.

    Returns the (body, place) the title names as its issuer."""
    limit = 0
    while limit < min(len(body), _HEAD):
        s = simp(body[limit])
        if starts_like_heading(s) or is_sentence(s):
            break
        limit += 1
    simps = [simp(p) for p in body[:limit]]
    span = find_title(simps, limit, cfg)
    issuer = place = ""
    letterheads: list[str] = []
    if span is not None:
        title = clean_title("".join(body[span.start : span.end]))
        g.set("title", title, 0.9)
        issuer, place = title_issuer(title, simp(title), cfg)
        for p, s in zip(body[: span.start], simps[: span.start], strict=True):
            if _letterhead(p, s, cfg) and _consistent(p, issuer or place, simp):
                letterheads.append(squeeze(p))
            elif not (is_date_line(s) or ISO_DATE.match(s) or cfg.doc_number.match(squeeze(s))):
                g.dropped.append(p)
        del body[: span.end]
    i = 0
    while i < len(body):
        p = body[i]
        s = simp(p)
        if starts_like_heading(s):
            break
        if g.title:
            k = _repeat_length(body, i, g.title, cfg, simp)
            if k:
                # The title printed again (page heading, then the document's own).
                del body[i : i + k]
                continue
        if g.title:
            again = find_title([simp(x) for x in body[i : i + 3]], min(3, len(body) - i), cfg)
            if again is not None and again.start == 0:
                other = clean_title("".join(body[i : i + again.end]))
                if any(w in simp(other) for w in cfg.title_words) or any(
                    title_issuer(other, simp(other), cfg)
                ):
                    # The page's heading, then the document's own title worded a little differently: the
                    # document's title is the report's.
                    g.title = other
                    issuer, place = title_issuer(other, simp(other), cfg)
                    del body[i : i + again.end]
                    continue
        if cfg.doc_number.match(squeeze(s)) or _banner(p, s, cfg):
            del body[i]
            continue
        if BRACKETED_DATE.match(s):
            g.set("date", parse_date(s), DATE_UNDER_TITLE)
            del body[i]
            continue
        if ISO_DATE.match(s) or (is_date_line(s) and len(s) <= 16):
            # A bare date under the title is the page's publication date: not the report's.
            del body[i]
            continue
        if not g.recipient:
            m = RECIPIENT.match(s)
            if m and "如下" not in s and is_org(m.group(1).split("、")[0], cfg):
                g.set("recipient", p[: m.end(1)].strip(), 0.9)
                del body[i]
                continue
        if _letterhead(p, s, cfg) and _consistent(p, issuer or place, simp):
            letterheads.append(squeeze(p))
            del body[i]
            continue
        break
    for name in letterheads[:1]:
        bodies.add(government_of([name], [simp(name)], cfg), LETTERHEAD)
    return issuer, place


def _read_tail(body: list[str], cfg: ImportConfig, simp: Simp, g: MetaGuess, bodies: _Bodies) -> None:
    """The signature: the issuing body (or two, party committee and government) above a date."""
    while body and (not body[-1].strip() or (g.title and clean_title(body[-1]) == g.title)):
        body.pop()
    if not body:
        return
    last = simp(body[-1])
    m = _ORG_DATE.match(last.strip()) if len(last) <= 60 else None
    if is_date_line(last):
        g.set("date", parse_date(last), DATE_SIGNATURE)
        body.pop()
        names: list[str] = []
        while body and len(names) < 2 and is_org(simp(body[-1]), cfg):
            names.insert(0, body.pop().strip())
        if names:
            bodies.add(government_of(names, [simp(n) for n in names], cfg), SIGNATURE)
    elif m and is_org(m.group(1), cfg):
        # 「青禾县司法局　2025年1月10日」 on one line.
        g.set("date", parse_date(m.group(2)), DATE_SIGNATURE)
        line = body.pop().strip()
        name = line[: m.end(1)]
        bodies.add(government_of([name], [simp(name)], cfg), SIGNATURE)
    elif is_org(last, cfg) and len(body[-1]) <= 30:
        name = body.pop().strip()
        bodies.add(government_of([name], [simp(name)], cfg), SIGNATURE_NO_DATE)


def read_disclosure(chrome: list[str], cfg: ImportConfig, simp: Simp = identity) -> Disclosure:
    """The disclosure block's fields among the chrome lines."""
    return scan(chrome, cfg, simp)[1]


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
    """Metadata from the head and tail of the report, a covering letter and the page's chrome; returns the
    body paragraphs with the letter, title, recipient line and signature taken out. ``title_year_offset``
    is the kind's: how far the year a title names lies after the year reported on."""
    g = MetaGuess()
    body = list(paragraphs)
    bodies = _Bodies()

    # ---- a covering letter before the report proper
    letter = take_covering_letter(body, cfg, simp)
    if letter is not None:
        g.letter = letter
        g.set("recipient", letter.recipient, LETTER)
        bodies.add(_for_government(letter.org, cfg, simp), SIGNATURE)
        g.set("date", letter.date, DATE_LETTER)

    # ---- head and tail of the report
    issuer, place = _read_head(body, cfg, simp, g, bodies)
    _read_tail(body, cfg, simp, g, bodies)
    g.attachments = _take_attachment_note(body, cfg, simp)

    # ---- the page's fields (disclosure pages, document-sharing banners), the letter's attachment note
    fields = read_disclosure(chrome, cfg, simp)
    for f in fields.fields:
        if f.value and f.role != "other":
            g.page_fields.setdefault(f.label, f.value)
    g.set("date", parse_field_date(simp(fields.first("written"))), DATE_WRITTEN_FIELD)
    name = fields.first("name")
    if name and is_title_form(simp(name), cfg):
        g.set("title", clean_title(name), 0.85)
    for line in chrome:
        m = cfg.banner_title.search(simp(line))
        if m:
            g.set("title", clean_title(line[m.start(1) : m.end(1)]), 0.7)
            break
    if letter is not None and letter.attachment_title:
        g.set("title", clean_title(letter.attachment_title), 0.7)
    if g.title and body and body[0].startswith(g.title) and len(body[0]) > len(g.title):
        # 「2022年法治政府建设情况报告2022年,区委……」: the title run into the first paragraph.
        body[0] = body[0][len(g.title) :]
    if g.title and not (issuer or place):
        issuer, place = title_issuer(g.title, simp(g.title), cfg)

    # ---- the issuing body: signature, letterhead, title, then the page's 发布机构
    bodies.add(issuer, TITLE)
    issuing = squeeze(fields.first("issuer"))
    if issuing and (not (issuer or place) or simp(issuer or place) in simp(issuing)):
        bodies.add(issuing, PUBLISHER_OFFICE)
    publisher = squeeze(fields.first("publisher"))
    s_publisher = simp(publisher)
    if publisher:
        if place and not issuer and simp(place) in s_publisher:
            # The government's general office publishes the government's report.
            org = publisher
            for suffix in cfg.publisher_office_suffixes:
                if s_publisher.endswith(suffix) and len(org) > len(suffix) + 2:
                    org = org[: -len(suffix)]
                    break
            bodies.add(org, PUBLISHER_OFFICE)
        elif issuer and simp(issuer) in s_publisher:
            bodies.add(publisher, PUBLISHER_OFFICE)
        elif not issuer and not place:
            bodies.add(publisher, PUBLISHER)
    org, confidence = bodies.pick(cfg, simp)
    g.set("org", org, confidence)

    # ---- year reported on: the title's (never a date of the page)
    if g.title:
        y = reported_year(simp(g.title), cfg)
        if y is not None:
            y -= title_year_offset
        if y is not None and min_year <= y <= max_year:
            g.set("year", y, 0.9)
    if g.year is None and letter is not None:
        for text in letter.paragraphs:
            y = first_year(simp(text), min_year, max_year)
            if y is not None:
                g.set("year", y, 0.5)
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
    """The year reported on when no title gives it: the first year named in part one's heading or the
    opening (a plan heading names the year after; a cited document's name does not count)."""
    for text, confidence in [(h, 0.6) for h in headings[:1]] + [(o, 0.4) for o in opening[:1]]:
        y = first_year(text[:_YEAR_HORIZON], min_year, max_year)
        if y is not None:
            guess.set("year", y, confidence)
            return
