"""Report titles as published: their forms, titles broken over lines, and the year a title reports on.

A title is told by its form, not by one layout: short, without sentence punctuation, naming a report
(报告, 汇报, 总结) or its subject (法治政府建设 …) and ending like a report title. The forms seen on real pages:
「X关于2024年度法治政府建设工作情况的报告」, 「X 2024年度法治政府建设工作报告」, 「2024年X法治政府建设情况」,
「X2024年工作总结和2025年工作打算」, joint 「中共X县委 X县人民政府关于……的报告」, each possibly broken over
two or three lines (the body on one line, 「关于……」 on the next).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .clean import is_date_line, starts_like_heading
from .config import ImportConfig
from .dates import YEAR_TOKEN, year_of
from .issuers import is_org, squeeze

_SENTENCE_PUNCT = set("。，,；;！？!?：:")
#: Characters of breadcrumbs and table rows, never of a title.
_NOT_TITLE_CHARS = set("<>＜＞»›|｜")
_WRAPPED = re.compile(r"^[《【]([^《》【】]+)[》】]$")
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]{1,14}[)）]$")
#: A fragment that cannot end a title: the title goes on on the next line.
_OPEN_ENDS = (
    "的",
    "和",
    "及",
    "暨",
    "与",
    "关于",
    "对",
    "于",
    "年",
    "年度",
    "法治政府",
    "法治",
    "建设",
    "工作",
    "推进",
    "依法行政",
)
_MAX_TITLE = 80
_MAX_FRAGMENT = _MAX_TITLE


@dataclass(frozen=True)
class TitleSpan:
    start: int
    end: int  # exclusive: paragraphs start … end-1 make the title


def unwrap(text: str) -> str:
    """A title without the brackets a page put around it: 「《X报告》」 → 「X报告」."""
    m = _WRAPPED.match(text.strip())
    return m.group(1).strip() if m else text


def is_title_form(s: str, cfg: ImportConfig) -> bool:
    """True for a line (simplified text) shaped like a report title."""
    if len(s) > 2 * _MAX_TITLE:
        return False
    t = unwrap(squeeze(s))
    if not 6 <= len(t) <= _MAX_TITLE or any(ch in _SENTENCE_PUNCT or ch in _NOT_TITLE_CHARS for ch in t):
        return False
    if starts_like_heading(t) or is_date_line(t) or cfg.doc_number.match(t):
        return False
    core = _TRAILING_BRACKET.sub("", t.split("——")[0] if t.find("——") > 5 else t)
    if core.endswith(cfg.not_title_ends):
        return False
    if not any(w in core for w in cfg.title_words + cfg.title_topics):
        return False
    if core.endswith(cfg.title_ends):
        return True
    return core.endswith(cfg.plan_ends) and any(w in core for w in cfg.review_words)


def is_sentence(s: str) -> bool:
    """A line of running text (it ends the head of a report)."""
    t = s.strip()
    return len(t) > _MAX_TITLE or any(ch in "。，,；;！？!?" for ch in t)


def _fragment(s: str, cfg: ImportConfig) -> bool:
    t = squeeze(s)
    return (
        0 < len(t) <= _MAX_FRAGMENT
        and not any(ch in _SENTENCE_PUNCT for ch in t)
        and not starts_like_heading(t)
        and not is_date_line(t)
        and not cfg.doc_number.match(t)
    )


def _grow(
    acc: str, simps: Sequence[str], k: int, limit: int, first: int, cfg: ImportConfig
) -> tuple[str, int]:
    """Join the following fragments while the title so far cannot end (at most three lines in all)."""
    while (
        not is_title_form(acc, cfg)
        and k < limit
        and k - first < 3
        and _fragment(simps[k], cfg)
        and (squeeze(acc).endswith(_OPEN_ENDS) or not is_title_form(simps[k], cfg))
        and len(squeeze(acc + simps[k])) <= _MAX_TITLE
    ):
        acc += simps[k]
        k += 1
    return acc, k


def find_title(simps: Sequence[str], limit: int, cfg: ImportConfig) -> TitleSpan | None:
    """The title among the first ``limit`` paragraphs (simplified text), which stand before the first
    heading or sentence: one title-shaped line, or up to three lines that only together make one.

    A body's name on its own line joins the title only when the next line goes on with 「关于」 or a year
    (the issuer set apart); a name above a title that names a body itself is a letterhead, and a line
    above that is page furniture."""
    for i in range(limit):
        if not _fragment(simps[i], cfg):
            continue
        j = i
        while j < limit and j - i < 2 and is_org(simps[j], cfg) and not is_title_form(simps[j], cfg):
            j += 1
        if j > i:
            nxt = squeeze(simps[j]) if j < limit else ""
            if nxt.startswith(("关于", "对")) or YEAR_TOKEN.match(nxt):
                acc, k = _grow("".join(simps[i : j + 1]), simps, j + 1, limit, j, cfg)
                if is_title_form(acc, cfg):
                    return TitleSpan(i, k)
            continue
        acc, k = _grow(simps[i], simps, i + 1, limit, i, cfg)
        if is_title_form(acc, cfg):
            return TitleSpan(i, k)
    return None


def reported_year(s: str, cfg: ImportConfig) -> int | None:
    """The year a title reports on: its first year that is not only the year of a plan
    (「2024年工作总结和2025年工作打算」 → 2024, 「2025年工作计划暨2024年工作总结」 → 2024)."""
    t = squeeze(s)
    tokens = list(YEAR_TOKEN.finditer(t))
    for n, m in enumerate(tokens):
        segment = t[m.start() : tokens[n + 1].start() if n + 1 < len(tokens) else len(t)]
        plan = any(w in segment for w in (*cfg.plan_ends, "要点"))
        if plan and not any(w in segment for w in cfg.review_words):
            continue
        return year_of(m)
    return year_of(tokens[0]) if tokens else None
