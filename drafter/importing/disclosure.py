"""The metadata block of a government information-disclosure page (索引号 / 发文字号 / 发布机构 / 成文日期 …)
and the release line of an article page (发布时间 / 来源 / 浏览次数).

Such lines are page furniture, but they carry facts: 发布机构 is a candidate for the issuing body and 成文日期
for the date (both trusted less than the report's own title and signature), 名称 / 标题 for the title. Their
dates are never the report's year. Sites print the block in one or two columns, after bullets, in brackets
(「[ 发布机构 ]」「【有效性】」), as table cells (「索 引 号 | … | 主题分类 | …」), with a label alone on its line
and the value on the next, sometimes twice; all these are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .config import ImportConfig
from .mirror import Simp, identity

#: Characters that may stand before a label (bullets, brackets, table bars, spaces).
_LEAD = set("·•●▪◆◇■□-–—*|｜[]【】〔〕 \u3000\t")
#: Separators after a label.
_SEP = set(":：|｜]】〕")
_STRIP = "|｜[]【】〔〕·•●▪◆◇■□*:： \u3000\t"
_SENTENCE = re.compile(r"[。，；！？]")


@dataclass
class Field:
    label: str
    role: str
    value: str


@dataclass
class Disclosure:
    fields: list[Field] = field(default_factory=list)

    def first(self, role: str) -> str:
        """The first non-empty value given for a role (publisher, written, published, name, number)."""
        return next((f.value for f in self.fields if f.role == role and f.value), "")


@dataclass
class _Hit:
    start: int
    value_start: int
    label: str
    explicit: bool


@cache
def _pattern(labels: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    names = sorted({label for label, _ in labels}, key=len, reverse=True)
    return re.compile("|".join(r"[ \u3000]*".join(map(re.escape, name)) for name in names))


@cache
def _first_chars(labels: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(label[0] for label, _ in labels)


def _hits(s: str, cfg: ImportConfig) -> list[_Hit]:
    """Labels standing as labels in a line: after a lead character or the line start, before a separator,
    a space or the line end. Empty unless the line starts with one."""
    if not cfg.disclosure_labels or len(s) > cfg.max_chrome_chars:
        return []
    first = next((ch for ch in s if ch not in _LEAD), "")
    if first not in _first_chars(cfg.disclosure_labels):
        return []
    out: list[_Hit] = []
    for m in _pattern(cfg.disclosure_labels).finditer(s):
        a, b = m.span()
        if a > 0 and s[a - 1] not in _LEAD:
            continue
        j = b
        while j < len(s) and s[j] in " \u3000\t":
            j += 1
        explicit = j < len(s) and s[j] in _SEP
        if not (explicit or j == len(s) or j > b):
            continue
        out.append(_Hit(a, j + 1 if explicit else j, re.sub(r"\s", "", m.group(0)), explicit))
    if not out or any(ch not in _LEAD for ch in s[: out[0].start]):
        return []
    return out


def _fields(line: str, hits: list[_Hit], roles: dict[str, str]) -> list[Field]:
    out = []
    for n, hit in enumerate(hits):
        end = hits[n + 1].start if n + 1 < len(hits) else len(line)
        out.append(Field(hit.label, roles[hit.label], line[hit.value_start : end].strip(_STRIP)))
    return out


def _value_like(s: str) -> bool:
    t = s.strip()
    return 0 < len(t) <= 60 and not _SENTENCE.search(t)


def scan(lines: Sequence[str], cfg: ImportConfig, simp: Simp = identity) -> tuple[set[int], Disclosure]:
    """(indexes of the block's lines, the fields they give). A label with nothing after it takes the next
    line as its value when the labels and values alternate (a table copied cell by cell)."""
    roles = dict(cfg.disclosure_labels)
    mirrors = [simp(line) for line in lines]
    hits = [_hits(s, cfg) for s in mirrors]
    marked: set[int] = set()
    fields: list[Field] = []

    def accepted(i: int) -> bool:
        h = hits[i]
        return bool(h) and (h[0].explicit or h[0].label not in cfg.disclosure_weak)

    def next_text(i: int) -> int | None:
        j = i + 1
        while j < len(lines) and not mirrors[j].strip():
            j += 1
        return j if j < len(lines) else None

    paired_before = False
    for i in range(len(mirrors)):
        if i in marked or not hits[i]:
            continue
        weak_alone = not accepted(i)
        near = any(k in marked or (0 <= k < len(lines) and accepted(k)) for k in (i - 2, i - 1, i + 1, i + 2))
        if weak_alone and not near:
            continue
        found = _fields(lines[i], hits[i], roles)
        marked.add(i)
        if len(found) == 1 and not found[0].value:
            j = next_text(i)
            after = next_text(j) if j is not None else None
            if (
                j is not None
                and not hits[j]
                and _value_like(mirrors[j])
                and (paired_before or (after is not None and bool(hits[after])))
            ):
                found[0].value = lines[j].strip(_STRIP)
                marked.add(j)
                paired_before = True
            else:
                paired_before = False
        fields.extend(found)
    return marked, Disclosure(fields)
