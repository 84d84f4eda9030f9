"""The layout measured, not assumed: the export rendered by LibreOffice headless and measured with pdfplumber.

GB/T 9704-2012: A4; type area 156 × 225 mm with top 37 mm and left 28 mm margins; 22 lines a page and 28
characters a line; title 2号 (22 pt), body 3号 (16 pt); page numbers 「— N —」 in 4号 (14 pt), odd pages
right and even pages left, one character in, the dashes 7 mm below the type area. The Chinese fonts are
substituted through the project's fontconfig file: every CJK font draws a character one em wide, so
sizes, positions and counts are those of the real fonts.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pdfplumber
import pytest

from drafter.export import export_docx, load_layout
from drafter.export.render import render_pdf
from drafter.findings import Finding, Location
from drafter.importing import import_file
from drafter.kinds import get_kind as _get_kind
from drafter.model import Meta, Paragraph, Report, Section

from .conftest import CORPUS, require_tool

FZZF = _get_kind("fzzf")

pytestmark = pytest.mark.slow

MM = 72 / 25.4
PITCH = 579 / 20  # points
TOP, BOTTOM, LEFT, RIGHT = 37, 297 - 35, 28, 210 - 26  # type area edges in mm
CLOSING_PUNCT = set("，。、；：？！）》」』】〕’”,.;:?!)")
TOL = 1.0  # mm, the standard's tolerance
ADVANCE = 16 - 5 / 20  # points: a 3号 character condensed by 0.25 pt


@dataclass
class Line:
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(round(c["size"], 1) for c in self.chars if c["text"].strip())

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars) / MM

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars) / MM

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"] / MM

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"] / MM


def page_lines(page) -> list[Line]:
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (c["bottom"], c["x0"]))
    rows: list[list[dict]] = []
    for c in chars:
        if rows and abs(rows[-1][0]["bottom"] - c["bottom"]) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [Line(sorted(r, key=lambda c: c["x0"])) for r in rows]


def split_footer(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    body = [ln for ln in lines if ln.bottom <= BOTTOM + TOL]
    footer = [ln for ln in lines if ln.top > BOTTOM + TOL]
    return body, footer


@pytest.fixture(scope="module")
def haojiang() -> Report:
    report = import_file(CORPUS / "2024-haojiang.txt", FZZF).report
    report.meta.recipient = "汕头市人民政府"
    return report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, haojiang: Report) -> dict[str, pdfplumber.PDF]:
    require_tool("soffice")
    out = tmp_path_factory.mktemp("render")
    layout = load_layout(user_file=False)
    export_docx(haojiang, out / "haojiang.docx", layout=layout)

    # One page, body lines of characters only, so every full line shows the 28 exactly.
    one = Report(
        meta=Meta(
            year=2025,
            org="某某县人民政府",
            recipient="某某市人民政府",
            date=dt.date(2026, 1, 6),
            title="某某县2025年法治政府建设年度报告",
        ),
        opening=[Paragraph("依法行政" * 30 + "。")],
        sections=[
            Section(
                "推进法治政府建设的主要举措和成效",
                paragraphs=[Paragraph("法治政府建设" * 12 + "。")],
                children=[
                    Section("健全行政决策制度体系", paragraphs=[Paragraph("严格规范公正文明执法" * 5 + "。")])
                ],
            ),
            Section("存在的不足和原因", paragraphs=[Paragraph("基层执法力量不足" * 3 + "。")]),
        ],
        closing=[Paragraph("特此报告。")],
    )
    export_docx(one, out / "one.docx", layout=layout)
    findings = [Finding("x", "hint", "批注", Location((0,), "section", 0, 0, 4), excerpt="法治政府")]
    export_docx(one, out / "review.docx", layout=layout, review=True, findings=findings)

    # Its body ends one line short of a page: the signature must not go over alone.
    pulandian = import_file(CORPUS / "2016-pulandian.txt", FZZF).report
    export_docx(pulandian, out / "pulandian.docx", layout=layout)

    pdfs = render_pdf(
        [out / "haojiang.docx", out / "one.docx", out / "review.docx", out / "pulandian.docx"], out
    )
    opened = {p.stem: pdfplumber.open(p) for p in pdfs}
    yield opened
    for pdf in opened.values():
        pdf.close()


def _check_page_geometry(pdf: pdfplumber.PDF) -> None:
    for page in pdf.pages:
        assert abs(page.width / MM - 210) < 0.5 and abs(page.height / MM - 297) < 0.5


def _full_lines(pdf: pdfplumber.PDF) -> list[Line]:
    """Body lines of full-width characters at their natural advance that run to the right margin.

    A line that the line-breaking rules shortened is stretched by justification: its characters sit
    further apart than their natural advance, so it is left out rather than miscounted.
    """
    out = []
    for page in pdf.pages:
        body, _ = split_footer(page_lines(page))
        for line in body:
            if line.size != 16 or abs(line.x0 - LEFT) > 0.5:
                continue
            chars = line.chars
            if chars[-1]["text"] in CLOSING_PUNCT and chars[-1]["x0"] / MM > RIGHT - 1:
                chars = chars[:-1]  # punctuation hanging into the margin
            if len(chars) < 2 or any(c["x1"] - c["x0"] < 14 for c in chars):
                continue
            steps = [b["x0"] - a["x0"] for a, b in itertools.pairwise(chars)]
            if max(abs(step - ADVANCE) for step in steps) > 0.2:
                continue  # stretched by justification
            if chars[-1]["x1"] / MM < RIGHT - 3:
                continue
            out.append(Line(chars))
    return out


def test_libreoffice_opens_both_copies(rendered, haojiang: Report) -> None:
    """A PDF is only written when LibreOffice could load the file; its text must all be there."""
    report = haojiang
    text = "".join(ln.text for page in rendered["haojiang"].pages for ln in split_footer(page_lines(page))[0])
    # LibreOffice does not draw a half-width comma hanging at the end of a line (the corpus report has
    # half-width commas in Chinese text); compare without them.
    text = re.sub(r"[\s,.;:]", "", text)
    for _, section in report.walk():
        for para in section.paragraphs:
            assert re.sub(r"[\s,.;:]", "", para.text) in text
    one = re.sub(r"\s", "", rendered["review"].pages[0].extract_text())
    assert "某某县2025年法治政府建设年度报告" in one and "特此报告。" in one


@pytest.mark.parametrize("name", ["haojiang", "one"])
def test_page_size_margins_and_type_sizes(rendered, name: str) -> None:
    pdf = rendered[name]
    _check_page_geometry(pdf)
    if name == "one":
        assert len(pdf.pages) == 1
    else:
        assert len(pdf.pages) >= 5
    first, _ = split_footer(page_lines(pdf.pages[0]))
    assert first[0].size == 22, "title in 2号"
    assert abs((first[0].x0 + first[0].x1) / 2 - (LEFT + RIGHT) / 2) < TOL, "title centred"
    body_sizes = {ln.size for page in pdf.pages for ln in split_footer(page_lines(page))[0][1:]}
    assert body_sizes == {16}, "everything after the title in 3号"
    lefts = [ln.x0 for page in pdf.pages for ln in split_footer(page_lines(page))[0] if ln.size == 16]
    assert abs(min(lefts) - LEFT) < TOL, f"left margin {min(lefts):.2f} mm"
    full = _full_lines(pdf)
    assert full, "no full body line to measure"
    rights = [ln.x1 for ln in full]
    assert all(abs(r - RIGHT) < TOL for r in rights), (
        f"right margin off: {min(rights):.2f}–{max(rights):.2f} mm"
    )
    # Type area top: the first line's slot is centred on its glyphs, one line pitch high.
    for page in pdf.pages[:-1] if len(pdf.pages) > 1 else pdf.pages:
        body, _ = split_footer(page_lines(page))
        top = body[0].center - PITCH / MM / 2
        assert abs(top - TOP) < TOL, f"top margin {top:.2f} mm"


@pytest.mark.parametrize("name", ["haojiang", "one"])
def test_28_characters_on_a_full_line(rendered, name: str) -> None:
    full = _full_lines(rendered[name])
    assert len(full) >= (4 if name == "one" else 10)
    counts = {len(ln.chars) for ln in full}
    assert counts == {28}, f"characters on full lines: {sorted(counts)}"


def test_22_lines_on_every_full_page(rendered) -> None:
    pdf = rendered["haojiang"]
    for number, page in enumerate(pdf.pages[:-1], start=1):
        body, _ = split_footer(page_lines(page))
        c0 = body[0].center
        slots = []
        for line in body:
            offset = (line.center - c0) * MM / PITCH
            assert abs(offset - round(offset)) < 0.1, f"page {number}: line off the {PITCH} pt grid"
            slots.append(round(offset))
        assert slots[-1] + 1 == 22, f"page {number} has {slots[-1] + 1} lines"
        bottom = body[-1].center + PITCH / MM / 2
        assert abs(bottom - BOTTOM) < TOL, f"page {number}: type area ends at {bottom:.2f} mm"


@pytest.mark.parametrize("name", ["haojiang", "one"])
def test_page_numbers_odd_right_even_left(rendered, name: str) -> None:
    pdf = rendered[name]
    one_char = 14 / MM
    for number, page in enumerate(pdf.pages, start=1):
        _, footer = split_footer(page_lines(page))
        assert len(footer) == 1, f"page {number}: footer lines {[f.text for f in footer]}"
        line = footer[0]
        assert line.text == f"—{number}—", line.text  # spaces are not drawn as characters
        assert line.size == 14, "page numbers in 4号"
        dash = line.chars[0]
        assert dash["x1"] - dash["x0"] > 12, "the dash is a full-width em dash"
        assert abs(line.center - (BOTTOM + 7)) < TOL, (
            f"dashes {line.center - BOTTOM:.2f} mm below the type area"
        )
        if number % 2:
            assert abs(line.x1 - (RIGHT - one_char)) < TOL, f"odd page {number} number at {line.x1:.2f} mm"
        else:
            assert abs(line.x0 - (LEFT + one_char)) < TOL, f"even page {number} number at {line.x0:.2f} mm"
    if name == "haojiang":
        assert len(pdf.pages) >= 2


def test_heading_fonts_reach_the_east_asian_slot(rendered) -> None:
    """黑体 and 楷体 headings render in other fonts than the 仿宋 body: the names sit in w:eastAsia."""
    pdf = rendered["one"]
    lines = split_footer(page_lines(pdf.pages[0]))[0]

    def font(prefix: str) -> str:
        line = next(ln for ln in lines if ln.text.startswith(prefix))
        return line.chars[-1]["fontname"]

    body = font("依法行政")
    assert len({body, font("一、推进"), font("（一）健全")}) == 3


def test_signature_and_date_to_the_right(rendered) -> None:
    lines = split_footer(page_lines(rendered["one"].pages[0]))[0]
    org = next(ln for ln in lines if ln.text == "某某县人民政府")
    date = next(ln for ln in lines if ln.text == "2026年1月6日")
    advance = ADVANCE / MM
    # The date (6 characters) would start less than two characters right of the 7-character name: it
    # goes two characters in from the right and the name moves left to stay two characters ahead.
    assert abs(date.x1 - (RIGHT - 2 * advance)) < TOL
    assert abs(org.x1 - (RIGHT - 3 * advance)) < TOL
    assert date.top > org.bottom and date.x0 > org.x0
    closing = next(ln for ln in lines if ln.text == "特此报告。")
    assert abs((org.center - closing.center) * MM / PITCH - 2) < 0.1, "one blank line before the name"


@pytest.mark.parametrize("name", ["haojiang", "pulandian"])
def test_signature_never_alone_on_its_page(rendered, name: str) -> None:
    pdf = rendered[name]
    body, _ = split_footer(page_lines(pdf.pages[-1]))
    org = next(
        i for i, ln in enumerate(body) if ln.text in ("汕头市濠江区人民政府", "大连市普兰店区人民政府")
    )
    assert org >= 1 and body[org - 1].size == 16 and body[org - 1].x0 < LEFT + 1, "body text above the name"
    assert len(pdf.pages) > 1
