"""Every supported format gives the same report: .docx written with python-docx and read back, .doc/.wps
through LibreOffice, web pages with their chrome, text in GBK/UTF-16, traditional characters, our drafts."""

from __future__ import annotations

import datetime as _dt
import html
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from drafter.draft import dumps, save
from drafter.errors import InputError
from drafter.importing import import_file, read_report
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.parts import locate_parts

from .conftest import CORPUS, require_tool, run_cli

FZZF = _get_kind("fzzf")


def outline(report) -> list[tuple[tuple[int, ...], str, str | None]]:
    return [(path, s.heading, s.part) for path, s in report.walk()]


def texts(report) -> list[str]:
    out = [p.text for p in report.opening + report.closing]
    for _, s in report.walk():
        out.extend(p.text for p in s.paragraphs)
    return out


def corpus_docx(name: str, path: Path) -> Path:
    """A Word file holding a corpus report's lines as plain paragraphs (numbers typed, as most are)."""
    d = docx.Document()
    for line in (CORPUS / name).read_text("utf-8").splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    d.save(path)
    return path


def styled_docx(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "属性中的标题"
    d.add_paragraph("某某区2024年法治政府建设年度报告", style="Title")
    d.add_paragraph("某某市人民政府：")
    d.add_paragraph("2024年，我区深入学习贯彻习近平法治思想。现将有关情况报告如下：")
    d.add_heading("2024年推进法治政府建设的主要举措和成效", level=1)
    d.add_heading("健全政府机构职能体系", level=2)
    d.add_paragraph("全年办理政务服务事项12万件。")
    d.add_heading("党政主要负责人履行推进法治建设第一责任人职责情况", level=2)
    d.add_paragraph("区委常委会会议研究法治议题8次。")
    d.add_heading("存在的不足和原因", level=1)
    d.add_paragraph("一是执法队伍素质有待提高。二是原因分析不够。")
    d.add_heading("2025年工作计划", level=1)
    d.add_paragraph("（一）加强行政执法监督。完善执法监督机制。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "执法案件"
    table.cell(0, 1).text = "120件"
    d.add_paragraph("特此报告。")
    d.add_paragraph("某某区人民政府")
    d.add_paragraph("2025年1月6日")
    d.save(path)
    return path


def test_docx_with_heading_styles(tmp_path: Path) -> None:
    result = import_file(styled_docx(tmp_path / "styled.docx"), FZZF)
    report = result.report
    assert result.source_format == "docx"
    m = report.meta
    assert (m.title, m.org, m.recipient, m.year, m.date) == (
        "某某区2024年法治政府建设年度报告",
        "某某区人民政府",
        "某某市人民政府",
        2024,
        _dt.date(2025, 1, 6),
    )
    assert outline(report) == [
        ((0,), "2024年推进法治政府建设的主要举措和成效", "measures"),
        ((0, 0), "健全政府机构职能体系", "functions"),
        ((0, 1), "党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ((1,), "存在的不足和原因", "shortcomings"),
        ((2,), "2025年工作计划", "plan"),
        ((2, 0), "加强行政执法监督", None),
    ]
    assert [p.text for p in report.sections[2].children[0].paragraphs] == [
        "完善执法监督机制。",
        "执法案件",
        "120件",
    ]
    assert [p.text for p in report.closing] == ["特此报告。"]


@pytest.mark.parametrize("name", ["2016-pulandian.txt", "2019-xiashan.txt", "2024-haojiang.txt"])
def test_docx_of_a_corpus_report_equals_the_text_import(tmp_path: Path, name: str) -> None:
    from_text = import_file(CORPUS / name, FZZF).report
    from_docx = import_file(corpus_docx(name, tmp_path / "r.docx"), FZZF).report
    assert outline(from_docx) == outline(from_text)
    assert texts(from_docx) == texts(from_text)
    assert from_docx.meta == from_text.meta


def test_docx_core_title_used_when_the_text_has_none(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "某某县2023年法治政府建设年度报告"
    d.add_paragraph("一、2023年主要工作")
    d.add_paragraph("全年审查规范性文件12件。")
    d.save(tmp_path / "t.docx")
    result = import_file(tmp_path / "t.docx", FZZF)
    assert result.report.meta.title == "某某县2023年法治政府建设年度报告"
    assert 0 < result.confidence["title"] < 0.6
    assert result.report.meta.year == 2023


def _html_page(name: str) -> str:
    lines = [line.strip() for line in (CORPUS / name).read_text("utf-8").splitlines() if line.strip()]
    body = "\n".join(
        f"<p>{html.escape(line[:10])}<span>{html.escape(line[10:])}</span></p>" for line in lines
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>站点首页</title>
<style>p {{ margin: 0 }}</style><script>var nav = "一、首页";</script></head>
<body><header><a href="/">网站首页</a> <a href="/x">政务公开</a></header>
<nav><ul><li>一、机构概况</li><li>二、政策文件</li></ul></nav>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article">{body}</div>
<footer>主办：某某区人民政府办公室 技术支持：某某公司</footer></body></html>"""


@pytest.mark.parametrize("name", ["2019-hailing.txt", "2024-haojiang.txt"])
def test_html_page(tmp_path: Path, name: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(_html_page(name), "utf-8")
    from_html = import_file(page, FZZF)
    from_text = import_file(CORPUS / name, FZZF).report
    assert from_html.source_format == "html"
    assert outline(from_html.report) == outline(from_text)
    assert texts(from_html.report) == texts(from_text)
    text = dumps(from_html.report)
    for chrome in ("网站首页", "机构概况", "var nav", "技术支持", "政策文件"):
        assert chrome not in text


def test_html_in_gbk(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    source = _html_page("2019-xiashan.txt").replace('charset="utf-8"', 'charset="gbk"')
    page.write_bytes(source.encode("gbk"))
    assert outline(import_file(page, FZZF).report) == outline(
        import_file(CORPUS / "2019-xiashan.txt", FZZF).report
    )


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    source = (CORPUS / "2019-xiashan.txt").read_text("utf-8")
    path = tmp_path / f"r-{encoding}.txt"
    path.write_bytes(source.replace("\n", "\r\n").encode(encoding))
    assert dumps(import_file(path, FZZF).report) == dumps(
        import_file(CORPUS / "2019-xiashan.txt", FZZF).report
    )


def test_traditional_text_kept_and_matched(tmp_path: Path) -> None:
    import opencc

    source = (CORPUS / "2024-haojiang.txt").read_text("utf-8")
    traditional = opencc.OpenCC("s2t").convert(source)
    assert traditional != source
    path = tmp_path / "trad.txt"
    path.write_text(traditional, "utf-8")
    result = import_file(path, FZZF)
    simplified = import_file(CORPUS / "2024-haojiang.txt", FZZF).report
    report = result.report
    assert result.traditional
    # Structure and parts as for the simplified original; the text stays in traditional characters.
    assert [(p, s.part) for p, s in report.walk()] == [(p, s.part) for p, s in simplified.walk()]
    assert report.sections[1].heading == "存在問題和原因"
    assert report.meta.title == "濠江區2024年法治政府建設年度報告"
    assert report.meta.org == "汕頭市濠江區人民政府"
    assert (report.meta.year, report.meta.date) == (2024, simplified.meta.date)
    kind = get_kind("fzzf")
    assert locate_parts(report, kind) == locate_parts(simplified, kind)
    assert any("繁体" in w for w in result.warnings)
    # On request the text is converted.
    converted = import_file(path, FZZF, simplify=True).report
    assert [s.heading for s in converted.sections] == [s.heading for s in simplified.sections]
    assert converted.meta.title == simplified.meta.title


def test_markdown_draft_is_read_as_saved(tmp_path: Path) -> None:
    report = import_file(CORPUS / "2019-hailing.txt", FZZF).report
    path = tmp_path / "draft.md"
    save(report, path)
    assert read_report(path, FZZF) == report
    result = import_file(path, FZZF)
    assert result.source_format == "md"
    assert result.confidence["title"] == 1.0 and result.confidence["recipient"] == 0.0


def _to_doc(docx_path: Path, out_dir: Path) -> Path:
    soffice = require_tool("soffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out_dir / (docx_path.stem + ".doc")


def test_doc_and_wps_through_libreoffice(tmp_path: Path) -> None:
    doc = _to_doc(styled_docx(tmp_path / "styled.docx"), tmp_path)
    result = import_file(doc, FZZF)
    assert result.source_format == "doc"
    expected = import_file(tmp_path / "styled.docx", FZZF).report
    assert [s.heading for s in result.report.sections] == [s.heading for s in expected.sections]
    assert result.report.meta.title == expected.meta.title
    wps = tmp_path / "styled.wps"
    shutil.copyfile(doc, wps)
    assert import_file(wps, FZZF).source_format == "wps"


def test_doc_without_libreoffice_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.importing import readers

    doc = tmp_path / "old.doc"
    doc.write_bytes(readers.OLE_MAGIC + bytes(1024))
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as err:
        import_file(doc, FZZF)
    assert "libreoffice-writer-nogui" in str(err.value)
    assert "\n" not in str(err.value)


def test_cli_import_json(tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    proc = run_cli("import", str(CORPUS / "2024-haojiang.txt"), "-o", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["path"] == str(out)
    assert data["source_format"] == "txt"
    assert data["confidence"]["date"] > 0 and data["confidence"]["recipient"] == 0
    assert data["parts"]["leadership"] == [[0, 0, 2]]
    assert data["parts"]["other"] == []
    assert data["report"]["meta"]["year"] == 2024
    assert [s["heading"] for s in data["report"]["outline"]] == [
        "2024年度法治政府建设情况",
        "存在问题和原因",
        "2025年度工作计划",
    ]
    assert out.exists()
    # Without --force an existing draft is not overwritten.
    again = run_cli("import", str(CORPUS / "2024-haojiang.txt"), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr


def test_cli_import_default_output_name(tmp_path: Path) -> None:
    shutil.copyfile(CORPUS / "2019-xiashan.txt", tmp_path / "霞山.txt")
    proc = run_cli("import", "霞山.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "霞山.md").exists()
    assert "2019年工作开展情况" in proc.stdout


def test_watermarks_injected_mid_word_are_removed() -> None:
    from drafter.importing import import_text

    source = (CORPUS / "2024-haojiang.txt").read_text("utf-8")
    marked = (
        source.replace("法治政府", "法治www.wendang-x.com政府", 6)
        .replace("行政执法", "行政第壹文秘执法", 4)
        .replace("依法行政", "依法原创力文档行政", 2)
    )
    clean = import_text(source, FZZF).report
    result = import_text(marked, FZZF)
    assert dumps(result.report) == dumps(clean)
    assert any("水印" in w for w in result.warnings)
    # An address cited once is the report's own text.
    cited = source.replace("广东政务服务网", "广东政务服务网（www.gdzwfw.gov.cn）", 1)
    assert "www.gdzwfw.gov.cn" in dumps(import_text(cited, FZZF).report)


def test_repeated_metadata_block_and_title() -> None:
    from drafter.importing import import_text

    source = (CORPUS / "2024-haojiang.txt").read_text("utf-8")
    lines = source.splitlines()
    block = "\n".join(lines[:12])
    doubled = block + "\n" + source + "\n" + block + "\n濠江区2024年法治政府建设年度报告\n"
    clean = import_text(source, FZZF).report
    again = import_text(doubled, FZZF).report
    assert dumps(again) == dumps(clean)


def test_docx_outline_levels_and_heading_styled_title(tmp_path: Path) -> None:
    """Headings known only by their outline level (WPS, Word's navigation pane); a title styled Heading 1."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_heading("某某县2024年法治政府建设年度报告", level=1)

    def outline_paragraph(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        element = OxmlElement("w:outlineLvl")
        element.set(qn("w:val"), str(level))
        p._p.get_or_add_pPr().append(element)

    outline_paragraph("主要举措和成效", 0)
    d.add_paragraph("正文一。")
    outline_paragraph("健全依法行政制度体系", 1)
    d.add_paragraph("正文二。")
    outline_paragraph("存在问题", 0)
    d.add_paragraph("正文三。")
    d.save(tmp_path / "o.docx")
    report = import_file(tmp_path / "o.docx", FZZF).report
    assert report.meta.title == "某某县2024年法治政府建设年度报告"
    assert outline(report) == [
        ((0,), "主要举措和成效", "measures"),
        ((0, 0), "健全依法行政制度体系", "institutions"),
        ((1,), "存在问题", "shortcomings"),
    ]
    assert texts(report) == ["正文一。", "正文二。", "正文三。"]


def _walk(text: str) -> list[tuple[tuple[int, ...], str, list[str]]]:
    from drafter.importing import import_text

    return [(p, s.heading, [x.text for x in s.paragraphs]) for p, s in import_text(text, FZZF).report.walk()]


def test_outline_levels_brackets_and_enumerations() -> None:
    text = (
        "一、主要举措\n（一）第一项\n1.细项甲。正文甲。\n（1）更细。正文。\n2、细项乙。正文乙。\n"
        "(二)第二项。正文二。\n二、存在问题\n一是问题一。二是问题二。\n"
    )
    assert _walk(text) == [
        ((0,), "主要举措", []),
        ((0, 0), "第一项", []),
        ((0, 0, 0), "细项甲", ["正文甲。"]),
        ((0, 0, 0, 0), "更细", ["正文。"]),
        ((0, 0, 1), "细项乙", ["正文乙。"]),
        ((0, 1), "第二项", ["正文二。"]),
        ((1,), "存在问题", ["一是问题一。二是问题二。"]),
    ]


def test_headings_inside_one_unbroken_line() -> None:
    text = "报告正文开头。一、主要工作。正文。（一）甲项一是内容。（二）乙项。正文。二、下一步工作打算（一）丙项。正文。"
    assert _walk(text) == [
        ((0,), "主要工作", ["正文。"]),
        ((0, 0), "甲项", ["一是内容。"]),
        ((0, 1), "乙项", ["正文。"]),
        ((1,), "下一步工作打算", []),
        ((1, 0), "丙项", ["正文。"]),
    ]


def test_numbers_out_of_sequence_stay_body_text() -> None:
    # 「(S)」 is read as a garbled 「(二)」 only when the numbers around it say so; 「1、2月份」 is a date.
    assert _walk("一、主要举措\n（一）第一项。正文。(S)不是标题。\n（二）第二项。正文。\n") == [
        ((0,), "主要举措", []),
        ((0, 0), "第一项", ["正文。(S)不是标题。"]),
        ((0, 1), "第二项", ["正文。"]),
    ]
    assert _walk("一、主要举措\n（一）第一项。全年受理案件。3.5万件。1、2月份开展检查。\n")[-1] == (
        (0, 0),
        "第一项",
        ["全年受理案件。3.5万件。1、2月份开展检查。"],
    )
    assert (
        _walk("一、主要举措\n（一）第一项。正文。\n(S)第二项。正文。\n（三）第三项。正文。\n")[2][1]
        == "第二项"
    )


ATTACHMENT_TEXT = """某某区2025年法治政府建设年度报告

一、主要举措和成效

我区全年办理行政复议案件12件，我区依法行政水平持续提升。

二、{tail_heading}

1. 完善制度。
2. 加强培训。

特此报告。
{note}
某某区人民政府
2026年1月6日
"""


def test_attachment_note_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    note = "附件：1.工作台账\n2.重大行政决策事项目录\n"
    path.write_text(ATTACHMENT_TEXT.format(tail_heading="下一步工作打算", note=note), "utf-8")
    report = import_file(path, FZZF).report
    assert report.meta.attachments == ["工作台账", "重大行政决策事项目录"]
    assert [p.text for p in report.closing] == ["特此报告。"]
    assert report.meta.org == "某某区人民政府"


def test_numbered_items_without_attachment_label_stay_body(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(ATTACHMENT_TEXT.format(tail_heading="下一步工作打算", note=""), "utf-8")
    report = import_file(path, FZZF).report
    assert report.meta.attachments == []
    assert "完善制度" in dumps(report) and "加强培训" in dumps(report)
