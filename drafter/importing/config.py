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
    field_written: re.Pattern[str]
    field_published: re.Pattern[str]
    field_name: re.Pattern[str]
    field_publisher: re.Pattern[str]
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


def _compile(items: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for item in items:
        try:
            out.append(re.compile(item))
        except re.error as exc:
            raise KindError(f"导入规则文件 import.toml 中 {where} 的正则表达式「{item}」有误：{exc}") from exc
    return tuple(out)


def _field(pattern: str) -> re.Pattern[str]:
    # 「成文日期: 2025-01-06」 possibly followed by another field on the same line.
    return re.compile(rf"{pattern}\s*[:：]\s*(\S[^\s:：]*(?:\s[^\s:：]+)*?)(?=\s{{2,}}|\s+\S+\s*[:：]|$)")


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
    try:
        return ImportConfig(
            chrome_strong=_compile(chrome.get("strong", []), "chrome.strong"),
            chrome_weak=_compile(chrome.get("weak", []), "chrome.weak"),
            max_weak_chars=int(chrome.get("max_weak_chars", 40)),
            page_marker=_compile([pages.get("pattern", r"^(\d{1,3})[、.．]")], "page_markers")[0],
            page_min_markers=int(pages.get("min_markers", 3)),
            page_min_mid_sentence=float(pages.get("min_mid_sentence", 0.6)),
            watermarks=_compile(marks.get("patterns", []), "watermarks.patterns"),
            watermark_address=_compile([marks.get("address", r"(?!x)x")], "watermarks.address")[0],
            watermark_min_repeats=int(marks.get("min_repeats", 3)),
            field_written=_field(meta.get("field_written", "成文日期")),
            field_published=_field(meta.get("field_published", "发布日期")),
            field_name=_field(meta.get("field_name", "名称")),
            field_publisher=_field(meta.get("field_publisher", "发布机构")),
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
        )
    except (TypeError, ValueError) as exc:
        raise KindError(f"导入规则文件 import.toml 格式有误：{exc}") from exc


def load_config(kind: Kind) -> ImportConfig:
    """The import patterns of a kind (cached per data folder)."""
    return _load(kind.root)
