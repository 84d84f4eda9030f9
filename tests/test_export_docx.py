"""The exported .docx read back with python-docx: styles, fonts, page set-up, text, comments, bad text."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from drafter.draft import save
from drafter.errors import InputError
from drafter.export import export_docx, load_layout
from drafter.export.layout import Layout
from drafter.export.title import break_title
from drafter.findings import Finding, Location
from drafter.importing import import_file
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.model import Meta, Paragraph, Report, Section
from drafter.numbering import numbered_outline

from .conftest import CORPUS, run_cli

FZZF = _get_kind("fzzf")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def layout() -> Layout:
    return load_layout(user_file=False)


@pytest.fixture(scope="module")
def haojiang() -> Report:
    report = import_file(CORPUS / "2024-haojiang.txt", FZZF).report
    report.meta.recipient = "汕头市人民政府"
    report.meta.attachments = ["2024年度法治政府建设工作台账", "重大行政决策事项目录"]
    return report


def _export(report: Report, path: Path, layout: Layout, **kw) -> docx.document.Document:
    kw.setdefault("kind", FZZF)
    export_docx(report, path, layout=layout, **kw)
    return docx.Document(str(path))


def _style_xml(document, style_id: str):
    for el in document.styles.element.findall(f"{W}style"):
        if el.get(f"{W}styleId") == style_id:
            return el
    raise AssertionError(f"style {style_id} missing")


def _comment_ranges(document) -> dict[str, str]:
    """Comment id → the document text between its range start and end."""
    active: dict[str, str] = {}
    done: dict[str, str] = {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            active[el.get(qn("w:id"))] = ""
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            done[cid] = active.pop(cid)
        elif el.tag == qn("w:t"):
            for key in active:
                active[key] += el.text or ""
    assert not active, "a comment range was never closed"
    return done


# ---------------------------------------------------------------------- the clean copy
def test_page_setup_styles_and_fonts(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    d = _export(haojiang, tmp_path / "r.docx", layout)
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37.0,
        35.0,
        28.0,
        26.0,
    ]
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"

    normal = _style_xml(d, "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:ascii")) == "Times New Roman"
    assert normal.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "32"
    assert normal.find(f"{W}rPr/{W}spacing").get(qn("w:val")) == "-5"
    assert normal.find(f"{W}pPr/{W}widowControl").get(qn("w:val")) == "0"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    title = _style_xml(d, "Title")
    assert title.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "44"
    assert title.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "center"
    expected = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    for level, font in expected.items():
        h = _style_xml(d, f"Heading{level}")
        assert h.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == font
        assert h.find(f"{W}rPr/{W}b").get(qn("w:val")) == "0", "no bold by default"
        assert h.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == str(level - 1)
    body = _style_xml(d, "BodyText")
    assert body.find(f"{W}pPr/{W}ind").get(qn("w:firstLine")) == "630"  # two 15.75 pt characters

    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        styles = z.read("word/styles.xml").decode()
        names = z.namelist()
    # Theme fonts would win over the names; the East Asian language must be Chinese, not Japanese.
    assert "Theme=" not in styles and "ja-JP" not in styles
    assert 'w:eastAsia="zh-CN"' in styles
    assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names


def test_paragraph_styles_text_and_generated_numbers(
    tmp_path: Path, haojiang: Report, layout: Layout
) -> None:
    d = _export(haojiang, tmp_path / "r.docx", layout)
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    assert paras[0] == ("Title", "濠江区2024年法治政府建设年度报告")
    assert paras[1] == ("Normal", "")  # one blank line after the title
    assert paras[2] == ("Salutation", "汕头市人民政府：")
    expected = [("Body Text", p.text) for p in haojiang.opening]
    for path, label, section in numbered_outline(haojiang):
        expected.append((f"Heading {len(path)}", label + section.heading))
        expected.extend(("Body Text", p.text) for p in section.paragraphs)
    expected.extend(("Body Text", p.text) for p in haojiang.closing)
    assert paras[3 : 3 + len(expected)] == expected
    assert any(t.startswith("一、") for _, t in paras) and any(t.startswith("（八）") for _, t in paras)
    tail = paras[3 + len(expected) :]
    assert tail == [
        ("Normal", ""),
        ("Body Text", "附件：1.2024年度法治政府建设工作台账"),
        ("Body Text", "2.重大行政决策事项目录"),
        ("Normal", ""),
        ("Signature", "汕头市濠江区人民政府"),
        ("Date", "2025年1月6日"),
    ]
    # 「附件：」 two characters in; the 「2.」 under the 「1.」; wrapped names under their first character.
    advance = layout.char_advance_twips
    first, second = d.paragraphs[-5].paragraph_format, d.paragraphs[-4].paragraph_format
    assert first.left_indent.twips == second.left_indent.twips == 6 * advance
    assert first.first_line_indent.twips == -4 * advance and second.first_line_indent.twips == -1 * advance


def test_signature_and_date_placement(tmp_path: Path, layout: Layout) -> None:
    """GB/T 9704 7.3.5.3: name two characters in; the date starts two characters right of the name."""
    advance = layout.char_advance_twips
    for org, date, org_in, date_in in [
        ("汕头市濠江区人民政府", dt.date(2025, 1, 6), 2, 4),  # date (6 chars) shorter than name (10)
        ("某局", dt.date(2025, 12, 31), 9, 2),  # date (7 chars) longer: the name moves left
    ]:
        report = Report(meta=Meta(year=2024, org=org, date=date, title="标题"), opening=[Paragraph("正文。")])
        d = _export(report, tmp_path / "s.docx", layout)
        sig, day = d.paragraphs[-2], d.paragraphs[-1]
        assert day.text == f"{date.year}年{date.month}月{date.day}日"
        assert sig.paragraph_format.right_indent.twips == org_in * advance
        assert day.paragraph_format.right_indent.twips == date_in * advance
        assert sig.style.name == "Signature" and day.style.name == "Date"


def test_footer_page_fields_odd_right_even_left(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    d = _export(haojiang, tmp_path / "r.docx", layout)
    assert d.settings.odd_and_even_pages_header_footer is True
    s = d.sections[0]
    for footer, jc, side in ((s.footer, "right", "w:right"), (s.even_page_footer, "left", "w:left")):
        p = footer.paragraphs[0]
        xml = p._p
        assert xml.find(f"{W}pPr/{W}jc").get(qn("w:val")) == jc
        assert xml.find(f"{W}pPr/{W}ind").get(qn(side)) == "280"  # one 14 pt character
        instr = "".join(t.text for t in xml.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert p.text == "— 1 —"
    footer_style = _style_xml(d, "Footer")
    assert footer_style.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "28"
    assert footer_style.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "宋体"


def test_recipient_colon_and_single_attachment(tmp_path: Path, layout: Layout) -> None:
    report = Report(
        meta=Meta(title="标题", recipient="市政府:", attachments=["台账"]), opening=[Paragraph("正文。")]
    )
    d = _export(report, tmp_path / "r.docx", layout)
    texts = [p.text for p in d.paragraphs]
    assert "市政府：" in texts and "附件：台账" in texts


def test_long_title_breaks_at_meaningful_places(tmp_path: Path, layout: Layout) -> None:
    title = "汕头市濠江区人民政府关于2024年法治政府建设年度情况的报告"
    lines = break_title(
        title, layout.title_chars_per_line, layout.title_break_after, layout.title_keep_together
    )
    assert "".join(lines) == title and len(lines) == 2
    assert lines[0].endswith(("关于", "人民政府"))
    assert all(len(line) <= layout.title_chars_per_line for line in lines)
    # Numbers and fixed phrases are never split, however narrow the line.
    for width in range(6, 20):
        got = break_title(title, width, layout.title_break_after, layout.title_keep_together)
        assert "".join(got) == title
        assert not any(a[-1:].isdigit() and b[:1].isdigit() for a, b in itertools.pairwise(got))
        assert not any(a.endswith("法治") and b.startswith("政府") for a, b in itertools.pairwise(got))
    width, words, whole = layout.title_chars_per_line, layout.title_break_after, layout.title_keep_together
    # The issuing body's name stays whole, with its 「关于」; a third line beats breaking inside a name.
    assert break_title(
        "广西壮族自治区南宁市青秀区司法局2023年法治政府建设年度报告",
        width,
        words,
        whole,
        ["广西壮族自治区南宁市青秀区司法局"],
    ) == ["广西壮族自治区南宁市青秀区司法局", "2023年法治政府建设年度报告"]
    assert break_title(
        "中共某某市某某区委员会某某市某某区人民政府关于2025年度法治政府建设工作情况的报告",
        width,
        words,
        whole,
    ) == ["中共某某市某某区委员会", "某某市某某区人民政府关于", "2025年度法治政府建设工作情况的报告"]
    report = Report(meta=Meta(title=title), opening=[Paragraph("正文。")])
    d = _export(report, tmp_path / "t.docx", layout)
    first = d.paragraphs[0]
    assert first.style.name == "Title" and len(first._p.findall(f"{W}r/{W}br")) == 1
    assert first.text.replace("\n", "") == title


def test_layout_overrides_from_user_file(tmp_path: Path) -> None:
    user = tmp_path / "layout.toml"
    user.write_text('[headings]\nbold_levels = [2, 3]\n[fonts]\nbody = "仿宋"\n', "utf-8")
    custom = load_layout(user_file=user)
    assert custom.headings_bold_levels == (2, 3) and custom.fonts_body == "仿宋"
    assert custom.page_top_mm == 37  # everything else stays the standard's
    report = Report(meta=Meta(title="标"), sections=[Section("甲", children=[Section("乙")])])
    d = _export(report, tmp_path / "b.docx", custom)
    assert _style_xml(d, "Heading2").find(f"{W}rPr/{W}b").get(qn("w:val")) is None  # <w:b/> = bold
    assert _style_xml(d, "Heading1").find(f"{W}rPr/{W}b").get(qn("w:val")) == "0"
    assert _style_xml(d, "Normal").find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "仿宋"

    for text, words in [
        ("[page]\ntop = 30\n", "[page] top"),
        ('[page]\ntop_mm = "三十"\n', "[page] top_mm"),
        ("[page\n", "格式有误"),
        ("[page]\nleft_mm = 150\nright_mm = 150\n", "页边距"),
    ]:
        user.write_text(text, "utf-8")
        with pytest.raises(InputError, match=r"版式") as info:
            load_layout(user_file=user)
        assert words in info.value.message


# ---------------------------------------------------------------------- review copy
def _findings(report: Report) -> list[Finding]:
    sec_path = (0, 0, 0)
    para = report.section_at(sec_path).paragraphs[0].text
    start = para.index("二十大")
    heading = report.section_at((1,)).heading
    findings = [
        Finding("whole", "hint", "整份报告的问题"),
        Finding(
            "para",
            "warning",
            "段落中的问题",
            Location(sec_path, "section", 0, start, start + 3),
            excerpt="二十大",
        ),
        Finding(
            "heading", "error", "标题中的问题", Location((1,), "heading", None, 0, 2), excerpt=heading[:2]
        ),
        Finding("section", "hint", "整节的问题", Location((2,), "section")),
        Finding(
            "opening",
            "warning",
            "开头的问题",
            Location((), "opening", 0, 0, 5),
            excerpt=report.opening[0].text[:5],
        ),
        Finding("meta", "error", "日期的问题", Location((), "meta"), excerpt="2025年1月6日"),
        Finding("title", "hint", "标题年份", Location((), "title", None, 3, 8), excerpt="2024年"),
        Finding("gone", "hint", "已不存在的位置", Location((9, 9), "section", 3, 1, 2)),
        Finding("attachment", "hint", "附件名称", Location((), "meta"), excerpt="工作台账"),
        Finding("same-run", "hint", "与上一条重叠", Location(sec_path, "section", 0, start + 1, start + 6)),
    ]
    # Each finding carries its rule's Chinese name (what the comment shows instead of the id).
    return [replace(f, rule_name=_RULE_NAMES[f.rule]) for f in findings]


_RULE_NAMES = {
    "whole": "整份",
    "para": "段落",
    "heading": "小标题",
    "section": "整节",
    "opening": "开头",
    "meta": "日期",
    "title": "标题",
    "gone": "已删位置",
    "attachment": "附件",
    "same-run": "重叠",
}


def test_review_copy_one_comment_per_finding_on_its_text(
    tmp_path: Path, haojiang: Report, layout: Layout
) -> None:
    findings = _findings(haojiang)
    d = _export(haojiang, tmp_path / "review.docx", layout, review=True, findings=findings)
    comments = list(d.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} == {"drafter"}
    by_rule = {}
    ranges = _comment_ranges(d)
    by_name = {name: rule for rule, name in _RULE_NAMES.items()}
    for c in comments:
        # The comment names the rule in Chinese (「（检查项：段落）」), never by its English id.
        assert "（规则 " not in c.text
        name = c.text.rsplit("（检查项：", 1)[1].rstrip("）")
        by_rule[by_name[name]] = ranges[str(c.comment_id)]
    assert by_rule["para"] == "二十大"
    assert (
        by_rule["same-run"]
        == haojiang.section_at((0, 0, 0))
        .paragraphs[0]
        .text[haojiang.section_at((0, 0, 0)).paragraphs[0].text.index("二十大") + 1 :][:5]
    )
    assert by_rule["heading"] == haojiang.section_at((1,)).heading[:2]  # after the generated 「二、」
    assert by_rule["section"].startswith("三、")
    assert by_rule["opening"] == haojiang.opening[0].text[:5]
    assert by_rule["meta"] == "2025年1月6日"
    assert by_rule["title"] == "2024年"
    assert by_rule["attachment"] == "工作台账"
    title = d.paragraphs[0].text
    assert by_rule["whole"] == title and by_rule["gone"] == title  # nothing is dropped
    # Splitting runs never changes the text.
    clean = _export(haojiang, tmp_path / "clean.docx", layout)
    assert [p.text for p in d.paragraphs] == [p.text for p in clean.paragraphs]
    first = next(c for c in comments if "段落中的问题" in c.text)
    assert first.text.startswith("【警告】段落中的问题")


def test_clean_copy_never_has_comments(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    d = _export(haojiang, tmp_path / "clean.docx", layout, findings=_findings(haojiang))
    assert len(list(d.comments)) == 0
    assert d.element.body.find(f".//{W}commentRangeStart") is None


def test_review_copy_of_real_checker_findings(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    from drafter import checks

    findings = checks.check_report(haojiang, FZZF)
    assert findings, "the haojiang report has known flaws"
    d = _export(haojiang, tmp_path / "review.docx", layout, review=True, findings=findings)
    assert len(list(d.comments)) == len(findings)
    ranges = _comment_ranges(d)
    for f in findings:
        if f.excerpt and f.location.start is not None:
            assert f.excerpt in ranges.values()


# ---------------------------------------------------------------------- bad text
def test_control_characters_emoji_long_and_empty(tmp_path: Path, layout: Layout) -> None:
    long_text = "依法行政" * 2500
    report = Report(
        meta=Meta(title="标题\x07测试", org="某区人民政府\x00", date=dt.date(2025, 1, 6)),
        opening=[
            Paragraph("开头\x0b有\x1f控制\ud800字符\ufffe。"),
            Paragraph("表情😀🇨🇳不丢。"),
            Paragraph(""),
        ],
        sections=[
            Section("空的部分"),
            Section("", children=[Section("有\x0c标题", paragraphs=[Paragraph(long_text)])]),
            Section("含制表符", paragraphs=[Paragraph("甲\t乙\n丙\r\n丁\u2028戊")]),
        ],
    )
    findings = [
        Finding("r", "hint", "控制\x01字符后面的词", Location((), "opening", 0, 5, 7), excerpt="控制"),
        Finding("r2", "hint", "长段落", Location((1, 0), "section", 0, 9996, 10000)),
    ]
    d = _export(report, tmp_path / "bad.docx", layout, review=True, findings=findings)
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "标题测试"
    assert "开头有控制字符。" in texts and "表情😀🇨🇳不丢。" in texts
    assert "一、空的部分" in texts and "二、" in texts and "（一）有标题" in texts
    assert long_text in texts and "甲\t乙丙丁戊" in texts
    assert "某区人民政府" in texts
    ranges = _comment_ranges(d)
    assert sorted(ranges.values()) == sorted(["控制", "依法行政"])
    assert "\x01" not in "".join(c.text for c in d.comments)


def test_unwritable_text_names_the_paragraph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, layout: Layout
) -> None:
    """If a character ever slips past the cleaning, the message says which paragraph to fix."""
    import drafter.export.document as document

    monkeypatch.setattr(document, "clean_text", lambda text: text)
    report = Report(
        meta=Meta(title="标题"),
        sections=[Section("组织领导", paragraphs=[Paragraph("好的。"), Paragraph("坏\x00的。")])],
    )
    with pytest.raises(InputError) as info:
        export_docx(report, tmp_path / "x.docx", layout=layout)
    assert "「一、组织领导」下第 2 段" in info.value.message
    assert not (tmp_path / "x.docx").exists()


# ---------------------------------------------------------------------- command line
def test_cli_export_draft_and_review(tmp_path: Path) -> None:
    kind = get_kind("fzzf")
    report = kind.new_report(2025, "某某区人民政府", "我区", "某某市人民政府", dt.date(2026, 1, 6))
    report.sections[0].children[0].paragraphs.append(Paragraph("我区2024年出台文件3件。"))
    draft = tmp_path / "草稿.md"
    save(report, draft)
    res = run_cli("export", str(draft), "--json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["path"].endswith("草稿.docx") and data["review"] is False and data["comments"] == 0
    assert docx.Document(str(tmp_path / "草稿.docx")).paragraphs[0].text == report.meta.title

    again = run_cli("export", str(draft), cwd=tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr and "Traceback" not in again.stderr
    forced = run_cli("export", str(draft), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "已导出" in forced.stdout

    bad = run_cli("export", str(draft), "-o", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert bad.returncode == 2 and ".docx" in bad.stderr
    missing = run_cli("export", str(tmp_path / "无.md"), cwd=tmp_path)
    assert missing.returncode == 2 and "找不到" in missing.stderr

    import drafter.checks  # noqa: F401

    review = run_cli(
        "export", str(draft), "--review", "-o", str(tmp_path / "审阅.docx"), "--json", cwd=tmp_path
    )
    assert review.returncode == 0, review.stderr
    data = json.loads(review.stdout)
    assert data["review"] is True and data["comments"] == len(data["findings"]) > 0
    assert len(list(docx.Document(str(tmp_path / "审阅.docx")).comments)) == data["comments"]


def test_cli_export_imports_other_formats(tmp_path: Path) -> None:
    src = tmp_path / "2024-haojiang.txt"
    src.write_bytes((CORPUS / "2024-haojiang.txt").read_bytes())
    res = run_cli("export", str(src), "-o", str(tmp_path / "out.docx"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    d = docx.Document(str(tmp_path / "out.docx"))
    assert d.paragraphs[0].text == "濠江区2024年法治政府建设年度报告"
    assert [p.text for p in d.paragraphs[-2:]] == ["汕头市濠江区人民政府", "2025年1月6日"]


def test_every_part_is_well_formed_xml(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    export_docx(haojiang, tmp_path / "r.docx", layout=layout, review=True, findings=_findings(haojiang))
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
        types = z.read("[Content_Types].xml").decode()
        assert "comments+xml" in types


# Child order of the elements we write, from the WordprocessingML schema (ECMA-376 part 1, 17.3.1.26,
# 17.3.2.28, 17.6.17): Word refuses ("unreadable content") a file whose children are out of order, even
# where LibreOffice and python-docx do not mind.
_SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
    "printerSettings sectPrChange",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic "
    "embedBoldItalic",
}


def test_children_in_schema_order_for_word(tmp_path: Path, haojiang: Report, layout: Layout) -> None:
    export_docx(haojiang, tmp_path / "r.docx", layout=layout, review=True, findings=_findings(haojiang))
    checked = 0
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        for name in z.namelist():
            if not name.startswith("word/") or not name.endswith(".xml"):
                continue
            root = etree.fromstring(z.read(name))
            for parent, order in _SCHEMA_ORDER.items():
                rank = {tag: i for i, tag in enumerate(order.split())}
                for el in root.iter(f"{W}{parent}"):
                    tags = [etree.QName(c).localname for c in el if etree.QName(c).namespace == W[1:-1]]
                    if parent == "rPr" and el.getparent().tag == f"{W}pPr":
                        continue  # paragraph-mark properties: same order, checked as rPr anyway
                    unknown = [t for t in tags if t not in rank]
                    assert not unknown, f"{name}: unexpected {unknown} in {parent}"
                    positions = [rank[t] for t in tags]
                    assert positions == sorted(positions), f"{name}: {parent} children out of order: {tags}"
                    checked += 1
    assert checked > 100


def test_empty_report_still_holds_its_findings(tmp_path: Path, layout: Layout) -> None:
    d = _export(
        Report(), tmp_path / "e.docx", layout, review=True, findings=[Finding("a", "hint", "整份报告为空")]
    )
    assert len(list(d.comments)) == 1
    untitled = Report(meta=Meta(year=2024, org="某区人民政府"))
    d = _export(untitled, tmp_path / "t.docx", layout)
    assert d.paragraphs[0].text == "某区2024年法治政府建设年度报告"  # the kind's title template
