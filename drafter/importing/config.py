"""The importer's patterns, read from the kind's ``import.toml`` (websites change; the code need not)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import KindError
from ..kinds import Kind


@dataclass(frozen=True)
class ImportConfig:
    chrome_strong: tuple[re.Pattern[str], ...]
    chrome_weak: tuple[re.Pattern[str], ...]
    max_weak_chars: int
    page_marker: re.Pattern[str]
    page_min_markers: int
    page_min_mid_sentence: float
    watermarks: tuple[re.Pattern[str], ...]
    watermark_address: re.Pattern[str]
    watermark_min_repeats: int
    banner_title: re.Pattern[str]
    org_suffixes: tuple[str, ...]
    publisher_office_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    title_words: tuple[str, ...]
    closing: tuple[re.Pattern[str], ...]
    attachment_first: re.Pattern[str]
    attachment_item: re.Pattern[str]
    glued_heading_ends: tuple[str, ...]
    max_run_in_heading: int
    # ---- issue 11: layouts of published reports (all with defaults, so a kind may leave them out)
    chrome_not_sentence: tuple[re.Pattern[str], ...] = ()
    chrome_tokens: frozenset[str] = frozenset()
    site_date: re.Pattern[str] = re.compile(r"(?!x)x")
    breadcrumb_separators: tuple[str, ...] = ()
    breadcrumb_roots: tuple[str, ...] = ()
    watermark_bracketed: re.Pattern[str] = re.compile(r"(?!x)x")
    watermark_bracketed_min_repeats: int = 2
    #: Disclosure-block labels by role (publisher, written, published, name, number, other).
    disclosure_labels: tuple[tuple[str, str], ...] = ()
    disclosure_weak: frozenset[str] = frozenset()
    org_reject_prefixes: tuple[str, ...] = ()
    government_suffixes: tuple[str, ...] = ("人民政府", "政府")
    joint_party: re.Pattern[str] = re.compile(r"(?!x)x")
    title_topics: tuple[str, ...] = ()
    title_ends: tuple[str, ...] = ("报告",)
    plan_ends: tuple[str, ...] = ()
    review_words: tuple[str, ...] = ()
    not_title_ends: tuple[str, ...] = ()
    doc_number: re.Pattern[str] = re.compile(r"(?!x)x")
    letter_cues: tuple[re.Pattern[str], ...] = ()
    attachment_marker: re.Pattern[str] = re.compile(r"(?!x)x")
    heading_colon_max: int = 0
    bullets: tuple[str, ...] = ()
    max_unnumbered_chars: int = 0
    min_unnumbered: int = 2
    half_width: re.Pattern[str] = re.compile(r"(?!x)x")
    #: The chrome lists as one pattern each (one search per line instead of one per pattern).
    max_chrome_chars: int = 500
    chrome_strong_any: re.Pattern[str] = re.compile(r"(?!x)x")
    chrome_not_sentence_any: re.Pattern[str] = re.compile(r"(?!x)x")
    chrome_weak_any: re.Pattern[str] = re.compile(r"(?!x)x")


def _compile(items: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for item in items:
        try:
            out.append(re.compile(item))
        except re.error as exc:
            raise KindError(f"导入规则文件 import.toml 中 {where} 的正则表达式「{item}」有误：{exc}") from exc
    return tuple(out)


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern matching where any of ``patterns`` matches (a leading 「(?i)」 is scoped to its part)."""
    parts = []
    for p in patterns:
        m = _GLOBAL_FLAGS.match(p.pattern)
        parts.append(f"(?{m.group(1)}:{p.pattern[m.end() :]})" if m else f"(?:{p.pattern})")
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x")


def _one(pattern: str | None, where: str) -> re.Pattern[str]:
    """One pattern; a missing one never matches."""
    return _compile([pattern if pattern else r"(?!x)x"], where)[0]


@cache
def _load(root: Path) -> ImportConfig:
    path = root / "import.toml"
    try:
        data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KindError(f"导入规则文件 {path} 格式有误：{exc}") from exc
    chrome = data.get("chrome", {})
    pages = data.get("page_markers", {})
    meta = data.get("meta", {})
    outline = data.get("outline", {})
    marks = data.get("watermarks", {})
    disclosure = data.get("disclosure", {})
    punctuation = data.get("punctuation", {})
    roles = ("issuer", "publisher", "written", "published", "name", "number", "other")
    labels = tuple((label, role) for role in roles for label in disclosure.get(role, []))
    try:
        strong = _compile(chrome.get("strong", []), "chrome.strong")
        weak = _compile(chrome.get("weak", []), "chrome.weak")
        not_sentence = _compile(chrome.get("not_sentence", []), "chrome.not_sentence")
        return ImportConfig(
            chrome_strong=strong,
            chrome_weak=weak,
            max_weak_chars=int(chrome.get("max_weak_chars", 40)),
            page_marker=_compile([pages.get("pattern", r"^(\d{1,3})[、.．]")], "page_markers")[0],
            page_min_markers=int(pages.get("min_markers", 3)),
            page_min_mid_sentence=float(pages.get("min_mid_sentence", 0.6)),
            watermarks=_compile(marks.get("patterns", []), "watermarks.patterns"),
            watermark_address=_compile([marks.get("address", r"(?!x)x")], "watermarks.address")[0],
            watermark_min_repeats=int(marks.get("min_repeats", 3)),
            banner_title=_compile([meta.get("banner_title", r"《([^《》]{4,80}?)\.(?:docx?|pdf)》")], "meta")[
                0
            ],
            org_suffixes=tuple(meta.get("org_suffixes", ["人民政府", "局"])),
            publisher_office_suffixes=tuple(meta.get("publisher_office_suffixes", ["办公室"])),
            place_suffixes=tuple(meta.get("place_suffixes", ["区", "县", "市"])),
            title_words=tuple(meta.get("title_words", ["报告"])),
            closing=_compile(meta.get("closing", ["^特此报告"]), "meta.closing"),
            attachment_first=_compile(
                [meta.get("attachment_first", r"^附件[:：]\s*(?:\d{1,2}[.．、]\s*)?(\S.*)$")],
                "meta.attachment_first",
            )[0],
            attachment_item=_compile(
                [meta.get("attachment_item", r"^\d{1,2}[.．、]\s*(\S.*)$")], "meta.attachment_item"
            )[0],
            glued_heading_ends=tuple(outline.get("glued_heading_ends", ["有关情况"])),
            max_run_in_heading=int(outline.get("max_run_in_heading", 150)),
            chrome_not_sentence=not_sentence,
            max_chrome_chars=int(chrome.get("max_chars", 500)),
            chrome_strong_any=any_of(strong),
            chrome_not_sentence_any=any_of(not_sentence),
            chrome_weak_any=any_of(weak),
            chrome_tokens=frozenset(chrome.get("tokens", [])),
            site_date=_one(chrome.get("site_date"), "chrome.site_date"),
            breadcrumb_separators=tuple(chrome.get("breadcrumb_separators", [])),
            breadcrumb_roots=tuple(chrome.get("breadcrumb_roots", [])),
            watermark_bracketed=_one(marks.get("bracketed"), "watermarks.bracketed"),
            watermark_bracketed_min_repeats=int(marks.get("bracketed_min_repeats", 2)),
            disclosure_labels=labels,
            disclosure_weak=frozenset(disclosure.get("weak", [])),
            org_reject_prefixes=tuple(meta.get("org_reject_prefixes", [])),
            government_suffixes=tuple(meta.get("government_suffixes", ["人民政府", "政府"])),
            joint_party=_one(meta.get("joint_party"), "meta.joint_party"),
            title_topics=tuple(meta.get("title_topics", [])),
            title_ends=tuple(meta.get("title_ends", ["报告"])),
            plan_ends=tuple(meta.get("plan_ends", [])),
            review_words=tuple(meta.get("review_words", [])),
            not_title_ends=tuple(meta.get("not_title_ends", [])),
            doc_number=_one(meta.get("doc_number"), "meta.doc_number"),
            letter_cues=_compile(meta.get("letter_cues", []), "meta.letter_cues"),
            attachment_marker=_one(meta.get("attachment_marker"), "meta.attachment_marker"),
            heading_colon_max=int(outline.get("heading_colon_max", 0)),
            bullets=tuple(outline.get("bullets", [])),
            max_unnumbered_chars=int(outline.get("max_unnumbered_chars", 0)),
            min_unnumbered=int(outline.get("min_unnumbered", 2)),
            half_width=_one(punctuation.get("half_width"), "punctuation.half_width"),
        )
    except (TypeError, ValueError) as exc:
        raise KindError(f"导入规则文件 import.toml 格式有误：{exc}") from exc


def load_config(kind: Kind) -> ImportConfig:
    """The import patterns of a kind (cached per data folder)."""
    return _load(kind.root)
