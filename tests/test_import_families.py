"""The importer against invented reports laid out the way published reports really are (issue 11).

One or more fixtures per family of layouts (title forms, titles split or printed twice, disclosure blocks,
page chrome, covering letters, self-reference, traditional characters, heading forms, the year reported on,
half-width punctuation), each with a near miss that must not trigger the rule. Expectations are in
``tests/fixtures/import_families/labels.json``; every text, place and body in them is invented.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

import pytest

from drafter.importing import ImportResult, import_file, import_text
from drafter.importing.traditional import to_simplified
from drafter.kinds import get_kind as _get_kind
from drafter.model import Report

FZZF = _get_kind("fzzf")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import_families"
LABELS: dict[str, dict] = json.loads((FIXTURES / "labels.json").read_text("utf-8"))["files"]
NAMES = sorted(LABELS)


def body_texts(report: Report) -> list[str]:
    """Headings and paragraphs of the imported report, metadata left out."""
    out = [p.text for p in report.opening + report.closing]
    for _, s in report.walk():
        out.append(s.heading)
        out.extend(p.text for p in s.paragraphs)
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


_cache: dict[str, ImportResult] = {}


def imported(name: str) -> ImportResult:
    if name not in _cache:
        _cache[name] = import_file(FIXTURES / name, FZZF)
    return _cache[name]


def test_labels_cover_every_fixture_and_family() -> None:
    files = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert files == NAMES
    families = {label["family"] for label in LABELS.values()}
    assert len(NAMES) >= 40
    # Every family has a fixture and a near miss.
    for family in families:
        kinds = {bool(label.get("near_miss")) for label in LABELS.values() if label["family"] == family}
        assert kinds == {True, False}, family


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str) -> None:
    label = LABELS[name]
    result = imported(name)
    meta = result.report.meta
    want_date = _dt.date.fromisoformat(label["date"]) if label["date"] else None
    got = {"title": meta.title, "org": meta.org, "year": meta.year, "date": meta.date}
    want = {"title": label["title"], "org": label["org"], "year": label["year"], "date": want_date}
    assert got == want
    if "recipient" in label:
        assert meta.recipient == label["recipient"]
    if "short" in label:
        assert meta.short == label["short"]


@pytest.mark.parametrize("name", NAMES)
def test_confidence_follows_the_source_of_each_field(name: str) -> None:
    """Unknown stays unknown with confidence 0; a body known only from the page's 发布机构 is trusted less
    than one printed in the title or signed at the end."""
    label = LABELS[name]
    conf = imported(name).confidence
    for field in ("title", "org", "year", "date"):
        if label[field] in (None, ""):
            assert conf[field] == 0.0, field
        else:
            assert 0.0 < conf[field] <= 1.0, field
    if label["org"]:
        if label.get("org_from_chrome"):
            assert conf["org"] <= 0.5
        else:
            assert conf["org"] >= 0.7


@pytest.mark.parametrize("name", NAMES)
def test_no_issuing_body_the_text_does_not_contain(name: str) -> None:
    meta = imported(name).report.meta
    source = flat(to_simplified((FIXTURES / name).read_text("utf-8")))
    if meta.org:
        assert flat(to_simplified(meta.org)) in source
    if meta.title:
        assert flat(to_simplified(meta.title)) in source


@pytest.mark.parametrize("name", NAMES)
def test_outline(name: str) -> None:
    label = LABELS[name]
    report = imported(name).report
    if "outline" in label:
        got = [[s.heading, [c.heading for c in s.children]] for s in report.sections]
        assert got == label["outline"]
    else:
        assert [s.heading for s in report.sections] == label["headings"]


@pytest.mark.parametrize("name", NAMES)
def test_body_kept_and_chrome_gone(name: str) -> None:
    label = LABELS[name]
    result = imported(name)
    texts = body_texts(result.report)
    joined = "\n".join(texts)
    for s in label.get("body_absent", []):
        assert s not in joined, s
    for s in label.get("body_present", []):
        assert any(s in t for t in texts), s
    if "opening_starts" in label:
        assert result.report.opening, "no opening"
        assert result.report.opening[0].text.startswith(label["opening_starts"])
    if "warning" in label:
        assert any(label["warning"] in w for w in result.warnings), result.warnings
    if "no_warning" in label:
        assert not any(label["no_warning"] in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("name", [n for n in NAMES if LABELS[n].get("warning") != "水印"])
def test_body_characters_are_the_sources(name: str) -> None:
    """Only whole lines of chrome, a covering letter and metadata are taken out: every paragraph kept is
    the source's own text."""
    source = flat((FIXTURES / name).read_text("utf-8"))
    for text in body_texts(imported(name).report):
        assert flat(text) in source, text[:40]


def test_disclosure_lines_never_reach_the_checks() -> None:
    """The checks read the file's own lines (kept by the import, through the same chrome filter): the
    disclosure block's dates must not become date-format findings or a signature date."""
    for name in NAMES:
        if LABELS[name]["family"] not in ("disclosure", "traditional", "site-date", "release-lines"):
            continue
        lines = import_file(FIXTURES / name, FZZF).source_lines
        assert lines is not None
        for line in lines:
            s = to_simplified(line)
            field = r"^[\s·•\[【|-]*(?:索\s*引\s*号|发布机构|成文日期|发布日期|发布时间|来源[:：])"
            assert not re.search(field, s) and "星期" not in s, (name, line)


def test_half_width_punctuation_is_one_warning_with_a_count() -> None:
    text = "某某县2024年法治政府建设年度报告\n2024年,我县推进依法行政:成效明显。\n一、主要举措\n(一)完善制度。正文。\n"
    result = import_text(text, FZZF)
    notes = [w for w in result.warnings if "半角" in w]
    assert len(notes) == 1
    assert "3 处" in notes[0]
    # Kept as found.
    assert result.report.opening[0].text == "2024年,我县推进依法行政:成效明显。"
    # Numbers and addresses are not Chinese text.
    clean = import_text("某某县2024年法治政府建设年度报告\n全年办理1,200件，详见 http://a.gov.cn 。\n", FZZF)
    assert not any("半角" in w for w in clean.warnings)


def test_year_of_the_title_wins_over_a_heading_and_the_publication() -> None:
    text = (
        "发布日期：2025-02-03\n某某县2023年度法治政府建设情况报告\n"
        "一、2022年度主要举措\n正文。\n二、2024年工作打算\n正文。\n"
    )
    result = import_text(text, FZZF)
    assert result.report.meta.year == 2023
    assert result.report.meta.date is None and result.confidence["date"] == 0.0


def test_full_width_indentation_is_text(tmp_path: Path) -> None:
    """Web copies indent every paragraph with 「　　」 (U+3000), which Python does not count as printable:
    such a file must not be refused as binary."""
    path = tmp_path / "indented.txt"
    lines = ["某某县2024年法治政府建设年度报告"] + ["　　　　一是完善制度。"] * 40
    path.write_text("\n".join(lines), "utf-8")
    assert import_file(path, FZZF).report.meta.title == "某某县2024年法治政府建设年度报告"


def test_page_fields_are_carried_as_found() -> None:
    """The disclosure block's facts reach the caller as found, apart from the report's own metadata."""
    result = imported("f21_disclosure_two_columns.txt")
    assert result.page_fields["发布机构"] == "梅岭县人民政府办公室"
    assert result.page_fields["成文日期"] == "2025-02-14"
    assert result.page_fields["发布日期"] == "2025-02-17"
    assert imported("f14_split_two_lines.txt").page_fields == {}
