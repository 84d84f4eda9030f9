"""Page furniture that no single pattern names: rows of page buttons, breadcrumb trails, the site's clock.

「微信 微博 QQ空间」, 「字号：大 中 小」 and 「【打印本页】 【关闭窗口】」 are rows made only of button words;
「政务公开 » 工作报告 » 年度报告」 is short names joined by separators; 「2019年12月3日星期二」 is the date a
site prints in its header, which a copy may glue to the title below it.
"""

from __future__ import annotations

import re
from functools import cache

from .config import ImportConfig

_BUTTON_PUNCT = re.compile(r"[【】\[\]|｜/:：·•\-—_()（）<>《》,，、]")
_SENTENCE = re.compile(r"[。，；！？]")


@cache
def _token_chars(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset("".join(tokens))


def is_button_row(s: str, cfg: ImportConfig) -> bool:
    """A short line made only of the words of page buttons."""
    if not cfg.chrome_tokens or len(s) > 60:
        return False
    allowed = _token_chars(cfg.chrome_tokens)
    if any(ch not in allowed and not _BUTTON_PUNCT.match(ch) and not ch.isspace() for ch in s):
        return False
    words = _BUTTON_PUNCT.sub(" ", s).split()
    return bool(words) and all(w in cfg.chrome_tokens for w in words)


@cache
def _separators(seps: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(sep) for sep in sorted(seps, key=len, reverse=True)))


def is_breadcrumb(s: str, cfg: ImportConfig) -> bool:
    """「首页 > 政务公开 > 工作报告」: at least three short names joined by separators (two when the first is
    a section of the site, 「政务公开 > 年度报告」), no sentence."""
    if not cfg.breadcrumb_separators or len(s) > 80 or _SENTENCE.search(s):
        return False
    if not any(sep in s for sep in cfg.breadcrumb_separators):
        return False
    parts = [p.strip() for p in _separators(cfg.breadcrumb_separators).split(s)]
    if not all(0 < len(p) <= 16 for p in parts):
        return False
    return len(parts) >= 3 or (len(parts) == 2 and parts[0] in cfg.breadcrumb_roots)


def site_date(s: str, cfg: ImportConfig) -> re.Match[str] | None:
    """The site's weekday date in a line that is not a sentence (a report's sentence may name a weekday)."""
    m = cfg.site_date.search(s)
    if m is None or _SENTENCE.search(s[: m.start()] + s[m.end() :]):
        return None
    return m
