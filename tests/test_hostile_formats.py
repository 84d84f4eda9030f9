"""Formats LibreOffice reads must not be refused: Strict OOXML, a .doc that is RTF, Word-HTML or MHT, a
.docx saved as .md. The reader is chosen by content, never by the extension alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.importing import import_file
from drafter.kinds import get_kind

from ._hostile_build import build_docx, p
from .conftest import require_tool, run_cli

FZZF = get_kind("fzzf")

BODY = (
    p("云港市望潮区人民政府关于2026年度法治政府建设情况的报告")
    + p("市人民政府：")
    + p("2026年，望潮区坚持依法行政。")
    + p("一、主要举措和成效", "Heading1")
    + p("全面推行行政执法公示制度。")
    + p("二、存在的不足和原因", "Heading1")
    + p("基层执法力量不足。")
    + p("三、下一步工作安排", "Heading1")
    + p("加强执法队伍建设。")
    + p("云港市望潮区人民政府")
    + p("2027年1月8日")
)


def _texts(report) -> str:  # type: ignore[no-untyped-def]
    out = [x.text for x in report.opening]
    for _, s in report.walk():
        out.append(s.heading)
        out.extend(x.text for x in s.paragraphs)
    return "\n".join(out)


def test_strict_ooxml_imports_from_the_cli(tmp_path: Path) -> None:
    src = build_docx(tmp_path / "严格.docx", BODY, strict=True)
    done = run_cli("import", str(src), "-o", str(tmp_path / "严格.md"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "全面推行行政执法公示制度" in (tmp_path / "严格.md").read_text("utf-8")


def test_docx_saved_as_md_imports_and_is_shown(tmp_path: Path) -> None:
    src = build_docx(tmp_path / "报告.md", BODY)
    done = run_cli("import", str(src), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    made = [x for x in tmp_path.glob("*.md") if x.name != "报告.md"]
    assert len(made) == 1 and "全面推行行政执法公示制度" in made[0].read_text("utf-8")
    assert src.read_bytes().startswith(b"PK")  # the source is never overwritten
    for command in (["show", str(src)], ["check", str(src)]):
        shown = run_cli(*command, cwd=tmp_path)
        assert "Traceback" not in shown.stderr
        assert shown.returncode in (0, 1), shown.stderr
    exported = run_cli("export", str(src), "-o", str(tmp_path / "出.docx"), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "出.docx").is_file()


def test_editing_a_docx_saved_as_md_says_what_it_is(tmp_path: Path) -> None:
    from tui.app import make_app

    src = build_docx(tmp_path / "报告.md", BODY)
    with pytest.raises(InputError) as err:
        make_app(src)
    message = str(err.value)
    assert "Word" in message and "drafter import" in message and "\n" not in message
    assert src.read_bytes().startswith(b"PK")


def test_word_html_saved_as_doc(tmp_path: Path) -> None:
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">\n<head><meta charset="utf-8">'
        "<style>p.MsoNormal{margin:0}</style></head><body>"
        + "".join(
            f"<p class=MsoNormal>{t}</p>"
            for t in ("2026年，青禾县深入推进法治政府建设。", "一、主要举措和成效", "深化行政复议体制改革。")
        )
        + "</body></html>"
    )
    src = tmp_path / "网页.doc"
    src.write_text(page, "utf-8")
    assert "深化行政复议体制改革" in _texts(import_file(src, FZZF).report)


def test_mht_saved_as_doc(tmp_path: Path) -> None:
    html = "<html><body><p>青禾县推进严格规范公正文明执法。</p><p>一、主要举措和成效</p></body></html>"
    import base64

    payload = base64.encodebytes(html.encode("gb18030")).decode("ascii")
    mht = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        "------=_NextPart_01\r\n"
        'Content-Type: text/html; charset="gb2312"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{payload}\r\n"
        "------=_NextPart_01--\r\n"
    )
    src = tmp_path / "单个网页.doc"
    src.write_bytes(mht.encode("ascii"))
    assert "青禾县推进严格规范公正文明执法" in _texts(import_file(src, FZZF).report)


def test_rtf_saved_as_doc(tmp_path: Path) -> None:
    require_tool("soffice")
    text = "某某县司法局推进公共法律服务体系建设。"
    escaped = "".join(f"\\u{ord(c)}?" for c in text)
    rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0 " + escaped + "\\par}"
    src = tmp_path / "其实是RTF.doc"
    src.write_text(rtf, "ascii")
    assert text in _texts(import_file(src, FZZF).report)


def test_garbage_doc_still_refused(tmp_path: Path) -> None:
    """Near miss: a .doc that is none of these is refused in one line, not read as text."""
    src = tmp_path / "坏.doc"
    src.write_bytes(b"\x13\x37 not a document at all \x00\x01")
    with pytest.raises(InputError) as err:
        import_file(src, FZZF)
    assert "\n" not in str(err.value)
