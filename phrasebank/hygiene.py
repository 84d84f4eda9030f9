"""What may go into a bank: reports of the kind, each once.

A folder of past reports also holds memos, notices and tables; mined, their text would turn up as
suggestions in the middle of a report. And the same report often sits there twice, as .txt and .docx: mined
twice, each of its phrases would count as «found in two reports». Both are decided on the imported report:
its shape (title, recognised parts, subject words; thresholds in ``phrase_mining.toml`` ``[reports]``) and a
hash of its normalised text (characters only, so layout, line breaks and punctuation width do not matter).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from drafter.kinds import get_kind
from drafter.model import Report

from .parts import part_top

_NOT_TEXT = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbf0-9A-Za-z]+")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)


@dataclass(frozen=True)
class ReportRules:
    min_chars: int
    min_parts: int
    keywords: tuple[str, ...]
    min_keywords: int
    other_kinds: tuple[str, ...]
    other_kind_words: tuple[str, ...]
    other_kind_window: int


@cache
def report_rules(kind_id: str) -> ReportRules:
    data = get_kind(kind_id).load_data("phrase_mining.toml").get("reports", {})
    return ReportRules(
        min_chars=int(data.get("min_chars", 600)),
        min_parts=int(data.get("min_parts", 2)),
        keywords=tuple(data.get("keywords", [])),
        min_keywords=int(data.get("min_keywords", 0)),
        other_kinds=tuple(data.get("other_kinds", [])),
        other_kind_words=tuple(data.get("other_kind_words", [])),
        other_kind_window=int(data.get("other_kind_window", 300)),
    )


def report_text(report: Report) -> str:
    parts = [report.meta.title, *(p.text for p in report.opening)]
    for _, s in report.walk():
        parts.append(s.heading)
        parts.extend(p.text for p in s.paragraphs)
    parts.extend(p.text for p in report.closing)
    return "\n".join(parts)


def text_hash(report: Report) -> str:
    """Hash of the report's characters (no spacing, punctuation or width): one report in two formats is one."""
    body = report_text(report).translate(_WIDTH)
    return hashlib.sha256(_NOT_TEXT.sub("", body).encode("utf-8")).hexdigest()


def not_a_report(report: Report, kind_id: str) -> str | None:
    """Why a document is not a report of the kind (one Chinese line), or None when it is one."""
    rules = report_rules(kind_id)
    title = _TRAILING_NOTE.sub("", report.meta.title.strip()).strip()
    for word in rules.other_kinds:
        if title.endswith(word) and not title.endswith("报告"):
            return f"标题「{report.meta.title.strip()}」表明这是{word}，不是年度报告"
    text = report_text(report)
    start = text[: rules.other_kind_window]
    for word in rules.other_kind_words:
        if word in start:
            return f"开头写有「{word}」，像是通知或纪要，不是年度报告"
    chars = len(_CJK.findall(text))
    if chars < rules.min_chars:
        return f"正文只有 {chars} 个汉字，不像一份完整的年度报告"
    kind = get_kind(kind_id)
    ids = {p.id for p in kind.parts}
    found = {part_top(s.part, kind_id) for _, s in report.walk() if s.part}
    found &= ids
    if len(found) < rules.min_parts:
        return f"只识别出 {len(found)} 个报告部分（至少需要 {rules.min_parts} 个），不像本类报告"
    hits = sum(text.count(k) for k in rules.keywords)
    if hits < rules.min_keywords:
        return "正文很少谈到法治政府建设，不像本类报告"
    return None
