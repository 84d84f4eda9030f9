"""One contract for the ending: the signature and the date come from the document's facts, placed at export.

【结尾】 holds closing text only (「特此报告。」). Clerks type the signature and the date there anyway, as in
Word; the export then printed the date above the name, or the name twice. So the last lines of the closing
that look like the issuer's name or a date are recognised here: the export takes them out of the body and
places the signature block once, from the facts (filled from those lines when the facts lack them), and the
editor offers to move them into the facts for good.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import Paragraph, Report

_CN = "〇○零一二三四五六七八九十"
_DATE = re.compile(
    rf"^\s*(\d{{4}}|[{_CN}]{{4}})\s*[年./\-]\s*([\d{_CN}]{{1,2}})\s*[月./\-]\s*([\d{_CN}]{{1,3}})\s*日?\s*$"
)
_ORG_END = re.compile(r"(人民政府|政府|委员会|局|委|办公室|办|厅|院|中心|街道办事处|街道|镇|乡|部|署|会)$")
_SENTENCE = re.compile(r"[。，,；;：:！？!?“”]")


@dataclass
class TypedEnding:
    """Signature and date lines found at the end of 【结尾】."""

    #: Indices of the closing paragraphs that are signature or date lines.
    indices: list[int]
    org: str = ""
    date: _dt.date | None = None

    @property
    def found(self) -> bool:
        return bool(self.indices)


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "〇一二三四五六七八九"
    text = text.replace("○", "〇").replace("零", "〇")
    if len(text) == 4 and all(c in digits for c in text):
        return int("".join(str(digits.index(c)) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.index(text[1])
    if text.endswith("十"):
        return digits.index(text[0]) * 10
    if "十" in text:
        a, b = text.split("十")
        return digits.index(a) * 10 + digits.index(b)
    if len(text) == 1 and text in digits:
        return digits.index(text)
    return None


def parse_date_line(text: str) -> _dt.date | None:
    """A line that is only a date (2027年1月6日, 2027-01-06, 二〇二七年一月六日)."""
    m = _DATE.match(text)
    if not m:
        return None
    try:
        y, mo, d = (_cn_number(g) for g in m.groups())
        if None in (y, mo, d):
            return None
        return _dt.date(y, mo, d)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


def looks_like_org(text: str, known: str = "") -> bool:
    t = text.strip()
    if not t or len(t) > 30 or _SENTENCE.search(t) or any(ch.isdigit() for ch in t):
        return False
    return (bool(known) and t == known.strip()) or bool(_ORG_END.search(t))


def typed_ending(report: Report, *, tail: int = 3) -> TypedEnding:
    """The signature and date lines at the end of the closing (the last ``tail`` paragraphs at most)."""
    closing = report.closing
    found = TypedEnding([])
    i = len(closing) - 1
    while i >= 0 and len(found.indices) < tail:
        text = closing[i].text.strip()
        if not text:
            found.indices.append(i)
        elif found.date is None and parse_date_line(text) is not None:
            found.date = parse_date_line(text)
            found.indices.append(i)
        elif not found.org and looks_like_org(text, report.meta.org):
            found.org = text
            found.indices.append(i)
        else:
            break
        i -= 1
    if not (found.org or found.date):
        return TypedEnding([])
    found.indices.sort()
    return found


def export_view(report: Report) -> Report:
    """The report as the exporter should lay it out: closing text only, signature and date from the facts
    (taken from typed lines when the facts lack them), so each is printed once, in order."""
    typed = typed_ending(report)
    if not typed.found:
        return report
    view = report.copy()
    if typed.org and not view.meta.org:
        view.meta.org = typed.org
    if typed.date is not None and view.meta.date is None:
        view.meta.date = typed.date
    keep = [p for i, p in enumerate(view.closing) if i not in set(typed.indices)]
    view.closing = keep
    return view


def move_ending_to_facts(report: Report) -> TypedEnding:
    """Take typed signature/date lines out of 【结尾】 into the facts (the clerk confirmed). Returns what moved;
    a typed value that differs from the facts replaces them (it is what the clerk typed last)."""
    typed = typed_ending(report)
    if not typed.found:
        return typed
    if typed.org:
        report.meta.org = typed.org
    if typed.date is not None:
        report.meta.date = typed.date
    drop = set(typed.indices)
    report.closing[:] = [p for i, p in enumerate(report.closing) if i not in drop]
    return typed


def closing_text_only(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]
