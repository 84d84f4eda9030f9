"""The draft file is lossless: load(save(r)) == r for any report, whatever its text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import draft
from drafter.errors import DraftFormatError, InputError
from drafter.kinds import get_kind
from drafter.model import CARRIED, NEEDS_DATA, Meta, Paragraph, Report, Section

# Text that looks like real report text, plus every kind of character that could confuse Markdown.
CHINESE = "法治政府建设年度报告依法行政我区全面贯彻落实党的二十大精神推进严格规范公正文明执法"
PUNCT = "，。、；：？！“”‘’（）《》【】—…·「」『』〔〕％"
MARKDOWN = "#*-_>+=|`~[]!{}<&;\\ \u3000\t."
ODD = "\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\u200b\r\n😀𠮷é"

text_chars = st.sampled_from(list(CHINESE + PUNCT + MARKDOWN + ODD + "0123456789abcXY"))
texts = st.one_of(
    st.text(text_chars, min_size=0, max_size=60),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(
        [
            "---",
            "# 标题",
            "<!-- drafter: carried -->",
            "1. 加强领导",
            "\\",
            "&amp;",
            "&#x41;",
            "   ",
            "",
            "{#measures}",
        ]
    ),
)
headings = texts
part_ids = st.one_of(
    st.none(), st.sampled_from(["measures", "plan", "xi-thought", "party-leadership", "a.b:c_d"])
)
flags = st.sets(st.sampled_from([CARRIED, NEEDS_DATA]), max_size=2).map(frozenset)
paragraphs = st.builds(Paragraph, texts, flags)


def sections(depth: int) -> st.SearchStrategy[Section]:
    children = st.just([]) if depth >= 4 else st.lists(st.deferred(lambda: sections(depth + 1)), max_size=3)
    return st.builds(
        Section,
        heading=headings,
        part=part_ids,
        paragraphs=st.lists(paragraphs, max_size=3),
        children=children,
    )


yaml_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
metas = st.builds(
    Meta,
    kind=st.sampled_from(["fzzf", "gwr", "tiny"]),
    year=st.one_of(st.none(), st.integers(2004, 2100)),
    org=yaml_text,
    short=yaml_text,
    recipient=yaml_text,
    date=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
    title=yaml_text,
    attachments=st.lists(yaml_text, max_size=3),
    promises=st.lists(yaml_text, max_size=3),
    extra=st.dictionaries(st.sampled_from(["reviewer", "note", "版本"]), yaml_text, max_size=2),
)
reports = st.builds(
    Report,
    meta=metas,
    opening=st.lists(paragraphs, max_size=3),
    sections=st.lists(sections(1), max_size=4),
    closing=st.lists(paragraphs, max_size=2),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_roundtrip_text(report: Report) -> None:
    assert draft.loads(draft.dumps(report)) == report


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports)
def test_roundtrip_file(tmp_path: Path, report: Report) -> None:
    path = tmp_path / "稿.md"
    draft.save(report, path)
    assert draft.load(path) == report


def test_new_report_roundtrip_and_readable(tmp_path: Path) -> None:
    report = get_kind("fzzf").new_report(2025, "测试区人民政府", "我区", "测试市人民政府")
    path = tmp_path / "draft.md"
    draft.save(report, path)
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    assert "# 2025年推进法治政府建设的主要举措和成效 {#measures}" in text
    assert "一、" not in text  # numbers are generated, never stored
    assert draft.load(path) == report


def test_save_keeps_backup_and_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    first = Report(meta=Meta(year=2024, org="甲"))
    second = Report(meta=Meta(year=2025, org="乙"))
    draft.save(first, path)
    draft.save(second, path)
    assert draft.load(path) == second
    assert draft.loads((tmp_path / "d.md.bak").read_text("utf-8")) == first
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_hand_edited_draft_is_tolerated() -> None:
    text = "---\r\nyear: '2025'\r\ndate: 2026年1月6日\r\n---\r\n\r\n# 一部分 {#measures}\r\n第一行\r\n接着写\r\n\r\n### 跳级\r\n"
    r = draft.loads(text)
    assert r.meta.year == 2025 and r.meta.date == dt.date(2026, 1, 6)
    assert r.sections[0].paragraphs == [Paragraph("第一行接着写")]
    assert r.sections[0].children[0].heading == "跳级"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("---\nyear: [\n---\n", "元数据格式有误"),
        ("---\nyear: 二〇二五\n---\n", "年份"),
        ("---\nyear: 2025\n", "结束行"),
        ("---\ndrafter_format: 99\n---\n", "更新版本"),
        ("---\ndate: 明天\n---\n", "日期"),
    ],
)
def test_bad_header_gives_chinese_message(text: str, fragment: str) -> None:
    with pytest.raises(DraftFormatError) as err:
        draft.loads(text)
    assert fragment in str(err.value)


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到"):
        draft.load(tmp_path / "missing.md")
    with pytest.raises(InputError, match="文件夹"):
        draft.load(tmp_path)
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("法治政府".encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        draft.load(gbk)
    if os.geteuid() != 0:
        locked = tmp_path / "locked.md"
        locked.write_text("x")
        locked.chmod(0)
        with pytest.raises(InputError, match="权限"):
            draft.load(locked)
