"""The checker on the five real reports of the corpus, and on a report rolled forward without edits."""

from __future__ import annotations

from collections import Counter

import pytest

from drafter.app.review import check_file
from drafter.checks import check_report, part_verdicts
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.parts import section_paths_by_heading
from drafter.rollforward import roll_forward_file

FZZF = _get_kind("fzzf")

FILES = [
    "2016-pulandian.txt",
    "2019-hailing.txt",
    "2019-xiashan.txt",
    "2022-district-docshare.txt",
    "2024-haojiang.txt",
]


@pytest.fixture(scope="module")
def checked(corpus_dir):
    return {name: check_file(corpus_dir / name) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_required_part_verdicts_match_labels(name, checked, labels):
    report, findings = checked[name]
    expected = labels[name]["parts"]
    verdicts = {v.id: v for v in part_verdicts(report, FZZF)}
    missing = {
        f.rule.split(".", 1)[1]
        for f in findings
        if f.rule.startswith("required.") and f.rule != "required.no-causes"
    }
    for part_id, heading_path in expected.items():
        verdict = verdicts[part_id]
        if heading_path is None:
            assert not verdict.present, f"{name}: {part_id} should be absent, found at {verdict.places}"
            assert part_id in missing
        else:
            path = section_paths_by_heading(report, heading_path)
            assert path is not None, f"{name}: labelled heading path {heading_path} not in the import"
            assert path in verdict.places, f"{name}: {part_id} expected at {path}, found {verdict.places}"
            assert part_id not in missing


@pytest.mark.parametrize("name", ["2016-pulandian.txt", "2019-hailing.txt", "2019-xiashan.txt"])
def test_reports_without_the_first_responsible_person_part_get_an_error(name, checked):
    _, findings = checked[name]
    lead = [f for f in findings if f.rule == "required.leadership"]
    assert len(lead) == 1 and lead[0].severity == "error"


def test_haojiang_has_the_four_main_parts_with_leadership_inside_part_one(checked):
    report, findings = checked["2024-haojiang.txt"]
    verdicts = {v.id: v for v in part_verdicts(report, FZZF)}
    for part_id in ("measures", "shortcomings", "leadership", "plan"):
        assert verdicts[part_id].present
    (place,) = verdicts["leadership"].places
    assert place[0] == verdicts["measures"].places[0][0] and len(place) > 1
    assert not [f for f in findings if f.severity == "error" and f.rule.startswith("required.")]


def test_corpus_flaws_are_reported(checked):
    # Pulandian lists its problems without causes; xiashan has no signature or date.
    assert "required.no-causes" in {f.rule for f in checked["2016-pulandian.txt"][1]}
    assert {"ending.no-org", "ending.no-date"} <= {f.rule for f in checked["2019-xiashan.txt"][1]}
    # Pulandian is signed and dated 2017年1月26日, before the deadlines.
    assert not [f for f in checked["2016-pulandian.txt"][1] if f.rule.startswith("ending.")]
    # Hailing numbers its items 「1、」 and uses half-width brackets: one hint per style.
    styles = [f.excerpt for f in checked["2019-hailing.txt"][1] if f.rule == "numbering.style"]
    assert sorted(styles) == ["(一)", "1、"]


def test_every_finding_points_at_real_text(checked):
    for name, (report, findings) in checked.items():
        for f in findings:
            loc = f.location
            if loc.start is None:
                continue
            if loc.area == "title":
                text = report.meta.title
            elif loc.area == "heading":
                text = report.section_at(loc.section).heading
            elif loc.area in ("opening", "closing"):
                text = getattr(report, loc.area)[loc.paragraph].text
            else:
                text = report.section_at(loc.section).paragraphs[loc.paragraph].text
            assert text[loc.start : loc.end] == f.excerpt, (name, f)


@pytest.fixture(scope="module")
def rolled(corpus_dir):
    report = roll_forward_file(corpus_dir / "2019-xiashan.txt", year=2025, kind=get_kind("fzzf"))
    return report, check_report(report, FZZF)


def test_rolled_forward_report_checked_unedited(rolled):
    report, findings = rolled
    rules = Counter(f.rule for f in findings)
    # 七五普法 is named as current in a report on 2025.
    pufa = [f for f in findings if f.rule == "stale.pufa-7"]
    assert pufa and "八五" in pufa[0].message
    # Part one still follows the 2015–2020 outline's tasks.
    old = [f for f in findings if f.rule == "expected.old-outline"]
    assert len(old) == 1 and "2015—2020年" in old[0].message and "2021—2025年" in old[0].message
    # The years in the body were left at 2019.
    body_years = [f for f in findings if f.rule == "year.body"]
    assert body_years and all(f.excerpt.startswith("2019") for f in body_years)
    # Every carried paragraph is reported, one finding each.
    carried = sum(1 for _, s in report.walk() for p in s.paragraphs if p.carried) + sum(
        1 for p in report.opening + report.closing if p.carried
    )
    assert carried > 0 and rules["leftovers.carried"] == carried
    # And the regulation's part that was already missing is still missing.
    assert rules["required.leadership"] == 1


def test_rolled_forward_report_checks_its_promises(rolled):
    report, findings = rolled
    assert report.meta.promises
    named = {f.excerpt for f in findings if f.rule == "plan_coverage.missing"}
    assert named <= set(report.meta.promises)
