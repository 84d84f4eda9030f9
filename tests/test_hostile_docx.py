"""Word text must never vanish silently: tracked changes, text boxes, content controls, fields, footnotes,
altChunk parts, Strict OOXML. Every .docx is built here from XML text (accepted view expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.importing import import_file
from drafter.importing.readers import read_document, read_docx
from drafter.kinds import get_kind

from ._hostile_build import build_docx, p, r

FZZF = get_kind("fzzf")

TRACKED = (
    "<w:p>"
    + r("全年审核规范性文件")
    + '<w:ins w:id="1" w:author="审核员" w:date="2026-11-02T09:00:00Z">'
    + r("十二")
    + "</w:ins>"
    + '<w:del w:id="2" w:author="审核员"><w:r><w:delText>八</w:delText></w:r></w:del>'
    + r("件")
    + "</w:p>"
)
MOVED = (
    "<w:p>"
    + '<w:moveFrom w:id="3" w:author="a">'
    + r("旧位置的话")
    + "</w:moveFrom>"
    + r("青禾县司法局")
    + '<w:moveTo w:id="4" w:author="a">'
    + r("牵头组织")
    + "</w:moveTo>"
    + r("行政执法培训")
    + "</w:p>"
)
TEXTBOX = (
    "<w:p>"
    + r("正文在前")
    + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    + "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
    + p("文本框里的典型案例")
    + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    + "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p("文本框里的典型案例")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    + "</w:p>"
)
VML_BOX = (
    "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p("旧式文本框中的复议案件数")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)
BLOCK_SDT = (
    '<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>'
    + p("云港市望潮区人民政府")
    + "</w:sdtContent></w:sdt>"
)
INLINE_SDT = (
    "<w:p>"
    + r("报告年度：")
    + '<w:sdt><w:sdtPr><w:alias w:val="年度"/></w:sdtPr><w:sdtContent>'
    + r("2026年")
    + "</w:sdtContent></w:sdt>"
    + '<w:smartTag w:uri="urn:x" w:element="place">'
    + r("望潮区")
    + "</w:smartTag>"
    + '<w:customXml w:element="org">'
    + r("法治办")
    + "</w:customXml>"
    + "</w:p>"
)
FIELDS = (
    "<w:p>"
    + r("共办理行政复议案件")
    + '<w:fldSimple w:instr=" DOCPROPERTY 案件数 ">'
    + r("三十七")
    + "</w:fldSimple>"
    + r("件，出庭应诉")
    + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    + '<w:r><w:instrText xml:space="preserve"> MERGEFIELD 应诉数 </w:instrText></w:r>'
    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    + r("二十一")
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    + r("次")
    + "</w:p>"
)
FOOTNOTE = (
    "<w:p>"
    + r("推行行政执法三项制度")
    + '<w:r><w:footnoteReference w:id="1"/></w:r>'
    + r("取得成效")
    + "</w:p>"
)
FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    + r("即公示、全过程记录和法制审核")
    + "</w:p></w:footnote>"
)


def _lines(path: Path) -> list[str]:
    return [line for line in read_docx(path).lines if line.strip()]


def _all(path: Path) -> str:
    return "\n".join(read_docx(path).lines)


def test_tracked_changes_are_read_accepted(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "修订.docx", TRACKED + MOVED)
    text = _all(doc)
    assert "全年审核规范性文件十二件" in text
    assert "青禾县司法局牵头组织行政执法培训" in text
    assert "八" not in text and "旧位置的话" not in text
    warnings = read_docx(doc).warnings
    assert sum("修订" in w for w in warnings) == 1


def test_text_boxes_once_each(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "文本框.docx", TEXTBOX + VML_BOX)
    text = _all(doc)
    assert text.count("文本框里的典型案例") == 1  # mc:Fallback repeats the box: read it once
    assert "旧式文本框中的复议案件数" in text
    assert text.index("正文在前") < text.index("文本框里的典型案例")
    warnings = read_docx(doc).warnings
    assert [w for w in warnings if "文本框" in w] == [next(w for w in warnings if "文本框" in w)]
    assert "2 处" in next(w for w in warnings if "文本框" in w)


def test_content_controls_smart_tags_custom_xml(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "控件.docx", BLOCK_SDT + INLINE_SDT)
    lines = _lines(doc)
    assert "云港市望潮区人民政府" in lines
    assert "报告年度：2026年望潮区法治办" in lines
    assert "单位" not in "".join(lines)  # the control's alias is not text


def test_fields_keep_result_drop_instruction(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "域.docx", FIELDS)
    lines = _lines(doc)
    assert lines == ["共办理行政复议案件三十七件，出庭应诉二十一次"]


def test_nested_field_instruction_is_dropped(tmp_path: Path) -> None:
    nested = (
        "<w:p>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + "<w:r><w:instrText> IF </w:instrText></w:r>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + "<w:r><w:instrText> MERGEFIELD x </w:instrText></w:r>"
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("内层结果")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><w:instrText> = 1 "是" </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("外层结果")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + r("之后")
        + "</w:p>"
    )
    doc = build_docx(tmp_path / "嵌套域.docx", nested)
    assert _lines(doc) == ["外层结果之后"]


def test_footnotes_inline_with_one_warning(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "脚注.docx", FOOTNOTE, footnotes=FOOTNOTES)
    raw = read_docx(doc)
    text = "\n".join(raw.lines)
    assert "推行行政执法三项制度（注：即公示、全过程记录和法制审核）取得成效" in text
    assert sum("脚注" in w for w in raw.warnings) == 1


def test_endnotes_inline(tmp_path: Path) -> None:
    body = "<w:p>" + r("开展府院联动") + '<w:r><w:endnoteReference w:id="2"/></w:r></w:p>'
    notes = '<w:endnote w:id="2"><w:p>' + r("与县人民法院共同召开联席会议") + "</w:p></w:endnote>"
    raw = read_docx(build_docx(tmp_path / "尾注.docx", body, endnotes=notes))
    assert "开展府院联动（注：与县人民法院共同召开联席会议）" in raw.lines
    assert sum("尾注" in w for w in raw.warnings) == 1


def test_alt_chunk_html_is_read(tmp_path: Path) -> None:
    html = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<p>嵌入网页中的第一段</p><p>嵌入网页中的第二段</p></body></html>"
    ).encode()
    doc = build_docx(
        tmp_path / "嵌入.docx",
        p("前文") + '<w:altChunk r:id="rIdChunk"/>' + p("后文"),
        extra_parts={"word/afchunk.htm": html},
        extra_rels=[("rIdChunk", "aFChunk", "afchunk.htm")],
    )
    lines = _lines(doc)
    assert lines == ["前文", "嵌入网页中的第一段", "嵌入网页中的第二段", "后文"]
    assert "color" not in "".join(lines)


def test_alt_chunk_of_unknown_format_is_reported(tmp_path: Path) -> None:
    doc = build_docx(
        tmp_path / "嵌入2.docx",
        p("前文") + '<w:altChunk r:id="rIdChunk"/>',
        extra_parts={"word/chunk.bin": b"\x00\x01\x02binary"},
        extra_rels=[("rIdChunk", "aFChunk", "chunk.bin")],
    )
    raw = read_docx(doc)
    assert any("嵌入" in w and "1 处" in w for w in raw.warnings)


def test_tables_in_order_and_deleted_rows_dropped(tmp_path: Path) -> None:
    table = (
        "<w:tbl><w:tr><w:tc>"
        + p("单元格甲")
        + "</w:tc><w:tc>"
        + p("单元格乙")
        + '</w:tc></w:tr><w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr><w:tc>'
        + '<w:p><w:del w:id="10" w:author="a"><w:r><w:delText>删掉的行</w:delText></w:r></w:del></w:p>'
        + "</w:tc></w:tr></w:tbl>"
    )
    lines = _lines(build_docx(tmp_path / "表.docx", p("表前") + table + p("表后")))
    assert lines == ["表前", "单元格甲", "单元格乙", "表后"]


def test_heading_styles_and_outline_levels_still_hinted(tmp_path: Path) -> None:
    body = p("一、主要成效", "Heading1") + p("正文一段") + p("（一）健全制度", "a5")
    raw = read_docx(build_docx(tmp_path / "标题.docx", body, title="青禾县报告"))
    pairs = [(line, hint) for line, hint in zip(raw.lines, raw.level_hints or [], strict=True) if line]
    assert pairs == [("一、主要成效", 1), ("正文一段", None), ("（一）健全制度", 2)]
    assert raw.doc_title == "青禾县报告"


def test_plain_docx_has_no_warnings(tmp_path: Path) -> None:
    """Near miss: an ordinary document says nothing."""
    raw = read_docx(build_docx(tmp_path / "普通.docx", p("一段普通文字") + p("又一段")))
    assert raw.warnings == []
    assert [x for x in raw.lines if x] == ["一段普通文字", "又一段"]


def test_strict_ooxml_is_read(tmp_path: Path) -> None:
    body = p("严格格式中的标题", "Heading1") + TRACKED.replace("w:ins", "w:ins")
    doc = build_docx(tmp_path / "严格.docx", body, strict=True)
    raw = read_document(doc)
    text = "\n".join(raw.lines)
    assert "严格格式中的标题" in text and "全年审核规范性文件十二件" in text
    assert raw.level_hints and raw.level_hints[0] == 1


REPORT_BODY = (
    p("青禾县人民政府关于2026年法治政府建设情况的报告")
    + p("县委：")
    + p("2026年，我县深入推进依法行政。")
    + p("一、主要举措和成效")
    + TRACKED
    + MOVED
    + TEXTBOX
    + BLOCK_SDT
    + INLINE_SDT
    + FIELDS
    + FOOTNOTE
    + p("二、存在的不足和原因")
    + p("行政执法规范化水平有待提高。")
    + p("三、下一步工作安排")
    + p("持续深化法治政府建设。")
    + p("青禾县人民政府")
    + p("2027年1月6日")
)


def test_whole_report_with_every_feature_comes_back_complete(tmp_path: Path) -> None:
    doc = build_docx(tmp_path / "全部.docx", REPORT_BODY, footnotes=FOOTNOTES)
    result = import_file(doc, FZZF)
    report = result.report
    body = "\n".join(
        [p_.text for p_ in report.opening]
        + [x.heading + "\n" + "\n".join(q.text for q in x.paragraphs) for _, x in report.walk()]
        + [p_.text for p_ in report.closing]
    )
    full = body + "\n" + report.meta.org + report.meta.title
    for expected in (
        "全年审核规范性文件十二件",
        "青禾县司法局牵头组织行政执法培训",
        "文本框里的典型案例",
        "云港市望潮区人民政府",
        "报告年度：2026年望潮区法治办",
        "共办理行政复议案件三十七件，出庭应诉二十一次",
        "（注：即公示、全过程记录和法制审核）",
    ):
        assert expected in full, expected
    for absent in ("旧位置的话", "MERGEFIELD", "DOCPROPERTY"):
        assert absent not in full
    assert full.count("文本框里的典型案例") == 1
    assert len(result.warnings) == len(set(result.warnings))


@pytest.mark.parametrize("name", ["x.md", "x.txt"])
def test_docx_saved_under_another_extension_is_read(tmp_path: Path, name: str) -> None:
    doc = build_docx(tmp_path / name, p("扩展名写错的报告正文"))
    assert "扩展名写错的报告正文" in read_document(doc).lines


def test_unfilled_content_control_placeholder_is_not_report_text(tmp_path: Path) -> None:
    body = (
        p("已填写的段落")
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + p("单击或点击此处输入文字。")
        + "</w:sdtContent></w:sdt>"
        + "<w:p>"
        + r("填报单位：")
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + r("请输入单位名称")
        + "</w:sdtContent></w:sdt></w:p>"
    )
    raw = read_docx(build_docx(tmp_path / "占位.docx", body))
    text = "\n".join(raw.lines)
    assert "单击或点击此处输入文字" not in text and "请输入单位名称" not in text
    assert "填报单位：" in text
    assert any("未填写" in w and "2 处" in w for w in raw.warnings)


def test_hidden_text_is_left_out_and_said(tmp_path: Path) -> None:
    body = (
        "<w:p>"
        + r("看得见的文字")
        + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>模板中的隐藏说明</w:t></w:r>"
        + '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>不隐藏</w:t></w:r>'
        + "</w:p>"
    )
    raw = read_docx(build_docx(tmp_path / "隐藏.docx", body))
    assert [x for x in raw.lines if x] == ["看得见的文字不隐藏"]
    assert any("隐藏" in w and "1 处" in w for w in raw.warnings)


def test_broken_field_keeps_its_text(tmp_path: Path) -> None:
    """A field that begins and never separates or ends within its paragraph is broken: keep the text."""
    body = (
        "<w:p>"
        + r("前半句")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + r("后半句仍是正文")
        + "</w:p>"
        + p("下一段")
    )
    assert _lines(build_docx(tmp_path / "坏域.docx", body)) == ["前半句后半句仍是正文", "下一段"]


def test_alt_chunk_holding_a_docx(tmp_path: Path) -> None:
    inner = build_docx(tmp_path / "内层.docx", p("内嵌文档中的一段") + TRACKED)
    doc = build_docx(
        tmp_path / "外层.docx",
        p("外层前文") + '<w:altChunk r:id="rIdChunk"/>' + p("外层后文"),
        extra_parts={"word/afchunk.docx": inner.read_bytes()},
        extra_rels=[("rIdChunk", "aFChunk", "afchunk.docx")],
    )
    assert _lines(doc) == ["外层前文", "内嵌文档中的一段", "全年审核规范性文件十二件", "外层后文"]


def test_ruby_base_text_is_kept(tmp_path: Path) -> None:
    body = (
        "<w:p>"
        + r("地名")
        + "<w:r><w:ruby><w:rubyPr/><w:rt>"
        + r("pī")
        + "</w:rt><w:rubyBase>"
        + r("邳")
        + "</w:rubyBase></w:ruby></w:r>"
        + r("州")
        + "</w:p>"
    )
    assert _lines(build_docx(tmp_path / "注音.docx", body)) == ["地名邳州"]


def test_spreadsheet_renamed_docx_is_named(tmp_path: Path) -> None:
    import zipfile

    from drafter.errors import InputError

    src = tmp_path / "表格.docx"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="urn:x"/>')
    with pytest.raises(InputError) as err:
        read_docx(src)
    assert "Excel" in str(err.value)
