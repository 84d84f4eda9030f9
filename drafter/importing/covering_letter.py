"""A covering letter (报送函) printed before the report proper.

Units send their report under a short letter: to the 人大常委会 (「现将……报告随文报送，请予审议」), to the
依法治市办, or as a 函 whose attachment is the report. The letter is not part of the report and must not
be rolled into next year's draft; what it says about the report is kept: the recipient, the issuing body
and date of its signature, the report's title as its attachment note names it.

A letter is told by its shape: before any heading, a sentence that hands something over (letter_cues),
then a signature date, then the report (a title, an attachment marker 「附件」, or the report's text). A
report that opens with its recipient and 「现将有关情况报告如下：」 has no date before its first heading,
so it is left alone.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .clean import Simp, identity, is_date_line, starts_like_heading
from .config import ImportConfig
from .dates import parse_date
from .issuers import RECIPIENT, is_org, squeeze
from .titles import find_title, is_title_form

_HORIZON = 16


@dataclass
class CoveringLetter:
    paragraphs: list[str] = field(default_factory=list)
    title: str = ""
    recipient: str = ""
    org: str = ""
    date: _dt.date | None = None
    #: The report's title as the letter's attachment note gives it.
    attachment_title: str = ""


def take_covering_letter(body: list[str], cfg: ImportConfig, simp: Simp = identity) -> CoveringLetter | None:
    """Remove a covering letter from the head of ``body`` and return what it says, or None."""
    mirrors = [simp(p) for p in body[:_HORIZON]]
    for d, s in enumerate(mirrors):
        if starts_like_heading(s):
            return None
        if not is_date_line(s):
            continue
        if not any(cue.search(x) for x in mirrors[:d] for cue in cfg.letter_cues):
            return None
        end = d + 1
        if end < len(body) and cfg.attachment_marker.match(simp(body[end]).strip()):
            end += 1
            report_follows = end < len(body)
        else:
            ahead = [simp(p) for p in body[end : end + 3]]
            span = find_title(ahead, len(ahead), cfg)
            report_follows = span is not None and span.start == 0
        if not report_follows:
            return None
        letter = _read(body[:end], mirrors[:end], cfg)
        del body[:end]
        return letter
    return None


def _read(paras: list[str], mirrors: list[str], cfg: ImportConfig) -> CoveringLetter:
    letter = CoveringLetter(paragraphs=list(paras))
    date_at = max(i for i, s in enumerate(mirrors) if is_date_line(s))
    letter.date = parse_date(mirrors[date_at])
    if date_at > 0 and is_org(mirrors[date_at - 1], cfg):
        letter.org = squeeze(paras[date_at - 1])
    head: list[str] = []
    for p, s in zip(paras, mirrors, strict=True):
        m = RECIPIENT.match(s.strip())
        if m and not letter.recipient and is_org(m.group(1).split("、")[0], cfg):
            letter.recipient = p.strip()[: m.end(1)].strip()
            break
        head.append(p.strip())
    letter.title = squeeze("".join(head))
    for p, s in zip(paras, mirrors, strict=True):
        m = cfg.attachment_first.match(s.strip())
        if not m:
            continue
        name = p.strip()[m.start(1) :].strip().strip("《》")
        if is_title_form(s.strip()[m.start(1) :].strip().strip("《》"), cfg):
            letter.attachment_title = name
        break
    return letter
