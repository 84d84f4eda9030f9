"""Issuing bodies: what a body's name looks like, how a title names its issuer, joint issuers.

A name is only ever taken from the text (title, letterhead, signature, the page's 发布机构 field) and
never built: 「青禾县」 in a title does not make 「青禾县人民政府」 unless the text itself says so.
"""

from __future__ import annotations

import re

from .clean import starts_like_heading
from .config import ImportConfig
from .dates import YEAR_TOKEN

_NO_PUNCT = re.compile(r"^[^。，,；;：:、！？!?“”\"]+$")
#: A recipient line: 「青禾县人大常委会：」.
RECIPIENT = re.compile(r"^([^。，,；;！？]{2,40}?)[：:]$")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")


def squeeze(text: str) -> str:
    """The text without any spaces (layout, not part of a name)."""
    return _SPACE.sub("", text)


def is_org(s: str, cfg: ImportConfig) -> bool:
    """True for a body's name (simplified text): no punctuation, ends like a body, not an addressee list."""
    if len(s) > 80:
        return False
    s = squeeze(s)
    return (
        2 <= len(s) <= 40
        and bool(_NO_PUNCT.match(s))
        and not starts_like_heading(s)
        and not any(w in s for w in cfg.title_words)
        and s.endswith(cfg.org_suffixes)
        and not s.startswith(cfg.org_reject_prefixes)
    )


def is_place(s: str, cfg: ImportConfig) -> bool:
    s = squeeze(s)
    return 2 <= len(s) <= 20 and bool(_NO_PUNCT.match(s)) and s.endswith(cfg.place_suffixes)


def split_joint(name: str, s: str, cfg: ImportConfig) -> str:
    """The government of a joint issuer 「中共青禾县委青禾县人民政府」 (``s`` is the simplified ``name``), or ''."""
    m = cfg.joint_party.match(s)
    if not m:
        return ""
    rest = s[m.end() :].lstrip("、 \u3000")
    if len(rest) >= 4 and rest.endswith(cfg.government_suffixes) and is_org(rest, cfg):
        return name[len(s) - len(rest) :]
    return ""


def government_of(names: list[str], simp_names: list[str], cfg: ImportConfig) -> str:
    """The body a signature speaks for: of 「中共X县委」 and 「X县人民政府」 (on one line or two), the government."""
    parts: list[tuple[str, str]] = []
    for name, s in zip(names, simp_names, strict=True):
        pieces = [p for p in _SPACE.split(name.strip()) if p]
        spieces = [p for p in _SPACE.split(s.strip()) if p]
        if len(pieces) > 1 and all(is_org(p, cfg) for p in spieces):
            parts.extend(zip(pieces, spieces, strict=True))
        else:
            parts.append((squeeze(name), squeeze(s)))
    for name, s in reversed(parts):
        gov = split_joint(name, s, cfg)
        if gov:
            return gov
    for name, s in reversed(parts):
        if not cfg.joint_party.match(s) and s.endswith(cfg.government_suffixes):
            return name
    return parts[-1][0] if parts else ""


def title_issuer(title: str, s: str, cfg: ImportConfig) -> tuple[str, str]:
    """(body, place) named at the head of a title: 「青禾县司法局关于2024年……」 → (青禾县司法局, ''),
    「濠江区2024年……」 → ('', 濠江区), 「2021年鹤鸣县法治政府建设情况」 → ('', 鹤鸣县). ``s`` is the
    simplified ``title``; a joint issuer gives its government."""
    start = 2 if s.startswith("关于") else 0
    ends: list[int] = []
    guanyu = s.find("关于", start)
    year = YEAR_TOKEN.search(s, start)
    if year and year.start() == start:
        start = year.end() + (1 if s[year.end() : year.end() + 1] == "度" else 0)
        year = YEAR_TOKEN.search(s, start)
    if guanyu > start:
        ends = [guanyu]
    else:
        topics = [i for w in cfg.title_topics if (i := s.find(w, start)) > start]
        ends = sorted(
            ({min(topics)} if topics else set())
            | ({year.start()} if year and year.start() > start else set())
        )
    for pick_org in (True, False):
        for end in ends:
            name, sname = title[start:end], s[start:end]
            trimmed = sname.rstrip("的、对 \u3000")
            name, sname = name[: len(trimmed)], trimmed
            if len(sname) < 2:
                continue
            gov = split_joint(name, sname, cfg)
            if gov:
                return gov, ""
            if is_org(sname, cfg):
                return name, ""
            if not pick_org and is_place(sname, cfg):
                return "", name
    return "", ""


def extends(fuller: str, name: str, cfg: ImportConfig) -> bool:
    """True when ``fuller`` is the same body as ``name`` with more of its name: 「湛江市霞山区司法局」 for
    「霞山区司法局」, 「云港市望潮区柳湾街道办事处」 for 「柳湾街道」, 「汕头市濠江区人民政府」 for 「濠江区」."""
    if fuller == name or not name:
        return False
    i = fuller.find(name)
    if i < 0 or i > 12:
        return False
    tail = fuller[i + len(name) :]
    return tail == "" or tail in cfg.government_suffixes
