"""Splitting report paragraphs into reusable clauses, and dropping what is not phrasing.

A drafter reuses a clause, not a paragraph: paragraphs are split on 。；！？ and on the enumerations
「一是……二是……」 that these reports use inside a paragraph. Fragments (a PDF page break cutting a
sentence, a bare heading number) and page noise (portal banners, 「浏览次数」, page markers) are dropped,
because a suggestion built from them would teach the drafter nothing.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .rules import MiningRules

_TERMINATORS = "。；！？;!?"
_SPLIT = re.compile(rf"[^{_TERMINATORS}]+[{_TERMINATORS}]*")
# Numbering in front of a run-in heading or clause: 一、 （一） (1) 1. 1、 ①
_LEADING_NUMBER = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d)|[①-⑳])\s*"
)
_TRAILING_PUNCT = re.compile(r"[\s，,；;：:、。！？!?]+$")
_LEADING_PUNCT = re.compile(r"^[\s，,；;：:、。！？!?）)]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff\d])[ \t\u3000]+(?=[\u4e00-\u9fff\d])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")


def clean(text: str) -> str:
    """Undo layout artefacts that would split one phrase into variants: 「2019 年」, full-width digits."""
    text = text.translate(_FULLWIDTH_DIGITS).replace("\u200b", "")
    return _SPACE_IN_CJK.sub("", text).strip()


@lru_cache(maxsize=32)
def _enumeration_pattern(enumerators: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern of a kind's enumerators, built once per tuple of them.

    Why: it is asked for at every keystroke (:func:`clause_start`); joining and escaping the alternatives
    and looking the pattern up in ``re``'s own cache cost more than the match itself."""
    if not enumerators:
        return None
    alts = "|".join(re.escape(e) for e in enumerators)
    return re.compile(rf"(?:^|(?<=[，,：:；;。\s]))(?:{alts})[，,：:]?")


def split_clauses(paragraph: str, rules: MiningRules) -> list[str]:
    """The clauses of a paragraph, in order, numbering and trailing punctuation removed (not yet filtered)."""
    text = clean(paragraph)
    enum = _enumeration_pattern(rules.enumerators)
    out: list[str] = []
    for match in _SPLIT.finditer(text):
        sentence = match.group(0)
        pieces = [sentence]
        if enum is not None:
            cuts = [m.start() for m in enum.finditer(sentence)]
            if cuts:
                bounds = [0, *cuts, len(sentence)]
                pieces = [sentence[a:b] for a, b in itertools.pairwise(bounds)]
        for piece in pieces:
            if enum is not None:
                piece = enum.sub("", piece, count=1) if enum.match(piece) else piece
            piece = _LEADING_NUMBER.sub("", piece, count=1)
            piece = _TRAILING_PUNCT.sub("", _LEADING_PUNCT.sub("", piece))
            if piece:
                out.append(piece)
    return out


def chinese_chars(text: str) -> int:
    return len(_CJK.findall(text))


def is_fragment(text: str, rules: MiningRules) -> bool:
    """Whether a clause that is not a whole phrase (too short, too long) is still text worth continuing from.

    Continuations read every clause of a report, not only those worth suggesting whole; page noise and
    clauses with hardly any Chinese are left out all the same.
    """
    n = chinese_chars(text)
    if n < 2 or n / max(len(text.replace(" ", "")), 1) < rules.min_chinese_ratio:
        return False
    return rules.noise.search(text) is None


def is_phrase(text: str, rules: MiningRules) -> bool:
    """Whether a clause (slots already removed) is reusable phrasing rather than a fragment or page noise."""
    n = chinese_chars(text)
    if n < rules.min_chars or len(text) > rules.max_chars:
        return False
    if n / max(len(text.replace(" ", "")), 1) < rules.min_chinese_ratio:
        return False
    return rules.noise.search(text) is None


_CLAUSE_END = re.compile(rf"[{_TERMINATORS}\n]")


def clause_start(text: str, rules: MiningRules, *, heading: bool = False) -> int:
    """Where the clause being typed starts in ``text`` (a paragraph up to the cursor).

    After the last 。；！？ (a heading is one clause), then after any enumerator 「一是」「四是」 that starts a
    clause and any numbering 「（一）」「1.」: what a whole phrase may replace. The enumerator and
    everything before stay as the drafter wrote them.
    """
    start = 0
    if not heading:
        ends = list(_CLAUSE_END.finditer(text))
        if ends:
            start = ends[-1].end()
    enum = _enumeration_pattern(rules.enumerators)
    while True:
        rest = text[start:]
        m = _LEADING_PUNCT.match(rest) or _LEADING_NUMBER.match(rest)
        if m and m.end() > 0:
            start += m.end()
            continue
        if enum is not None:
            hits = list(enum.finditer(rest))
            if hits:
                start += hits[-1].end()
                continue
        return start
