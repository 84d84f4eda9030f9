"""Roll-forward: last year's real report becomes this year's draft (drafter new --from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import load, save
from drafter.errors import UsageError
from drafter.importing import import_file
from drafter.kinds import get_kind
from drafter.kinds import get_kind as _get_kind
from drafter.model import CARRIED, NEEDS_DATA
from drafter.rollforward import has_figures, roll_forward, roll_forward_file, shift_years

from .conftest import CORPUS, run_cli

FZZF = _get_kind("fzzf")

FZZF = _get_kind("fzzf")


def test_shift_years_moves_reported_and_plan_year_only() -> None:
    assert shift_years("2024年度法治政府建设情况", 2024, 1) == "2025年度法治政府建设情况"
    assert shift_years("2025年度工作计划", 2024, 1) == "2026年度工作计划"
    # Ranges and book titles are names, not dates.
    assert (
        shift_years("《法治政府建设实施纲要（2021—2025年）》", 2024, 1)
        == "《法治政府建设实施纲要（2021—2025年）》"
    )
    assert shift_years("三年行动（2023—2025年）", 2024, 1) == "三年行动（2023—2025年）"
    assert shift_years("2019年工作", 2024, 1) == "2019年工作"


def test_has_figures() -> None:
    assert has_figures("受理行政复议案件23件")
    assert has_figures("办结率达100%")
    assert has_figures("网上可办率达93.03%")
    assert not has_figures("2024年，我区深入学习贯彻习近平法治思想。")
    assert not has_figures("健全完善依法行政制度体系")


def test_roll_forward_haojiang() -> None:
    kind = get_kind("fzzf")
    last = import_file(CORPUS / "2024-haojiang.txt", FZZF).report
    draft = roll_forward(last, 2025, kind=kind)
    assert draft.meta.year == 2025
    assert draft.meta.title == "濠江区2025年法治政府建设年度报告"
    assert draft.meta.org == "汕头市濠江区人民政府"
    assert draft.meta.date is None
    # Same outline, years moved on: reported year 2024 → 2025, plan year 2025 → 2026.
    assert [s.heading for s in draft.sections] == [
        "2025年度法治政府建设情况",
        "存在问题和原因",
        "2026年度工作计划",
    ]
    assert [len(s.children) for s in draft.sections] == [len(s.children) for s in last.sections]
    assert [s.part for s in draft.sections] == ["measures", "shortcomings", "plan"]
    # Every paragraph kept, text unchanged, marked carried; those with figures need this year's data.
    old = [p for _, s in last.walk() for p in s.paragraphs]
    new = [p for _, s in draft.walk() for p in s.paragraphs]
    assert [p.text for p in new] == [p.text for p in old]
    assert all(CARRIED in p.flags for p in new + draft.opening)
    with_figures = [p for p in new if NEEDS_DATA in p.flags]
    assert with_figures and all(has_figures(p.text) for p in with_figures)
    assert all(NEEDS_DATA not in p.flags for p in new if not has_figures(p.text))
    # Last year's plan items are this year's promises.
    assert draft.meta.promises == [
        "抓好统筹协调,推动责任落实",
        "加大改革力度,推动实践创新",
        "着眼能力提升,推动依法行政",
    ]
    # The source report is left as it was.
    assert last.meta.year == 2024 and not last.meta.promises
    assert all(CARRIED not in p.flags for _, s in last.walk() for p in s.paragraphs)


def test_roll_forward_promises_from_whole_sentence_items_and_nested_parts() -> None:
    hailing = roll_forward(import_file(CORPUS / "2019-hailing.txt", FZZF).report, 2020, FZZF)
    assert len(hailing.meta.promises) == 6
    assert hailing.meta.promises[0] == "严格依照法定权限和程序制定规范性文件,认真做好规范性文件审查把关工作"
    assert hailing.sections[0].heading == "2020年度推进法治政府建设的主要举措和成效"
    pulandian = roll_forward(import_file(CORPUS / "2016-pulandian.txt", FZZF).report, 2017, FZZF)
    assert [s.heading for s in pulandian.sections] == ["2017年法治政府建设主要工作", "2018年工作打算"]
    assert pulandian.sections[1].children[0].heading == "制定2018年法治政府建设工作要点"
    assert pulandian.meta.promises[0] == "制定2017年法治政府建设工作要点"
    assert pulandian.meta.recipient == "大连市人民政府"


def test_roll_forward_refuses_going_backwards() -> None:
    last = import_file(CORPUS / "2024-haojiang.txt", FZZF).report
    with pytest.raises(UsageError):
        roll_forward(last, 2024, FZZF)


def test_roll_forward_file_from_a_draft(tmp_path: Path) -> None:
    last = import_file(CORPUS / "2019-xiashan.txt", FZZF).report
    path = tmp_path / "2019.md"
    save(last, path)
    draft = roll_forward_file(path, year=2020, kind=get_kind("fzzf"), org="湛江市霞山区司法局", short="本局")
    assert draft.meta.short == "本局"
    assert draft.sections[2].heading == "2021年工作要点"
    assert draft.meta.promises == [
        "加快法治政府建设进程",
        "加快提高行政决策水平",
        "着力提升行政执法效能",
        "依法有效化解矛盾纠纷",
    ]


def test_cli_new_from_last_year(tmp_path: Path) -> None:
    out = tmp_path / "2025.md"
    proc = run_cli("new", "--from", str(CORPUS / "2024-haojiang.txt"), "--year", "2025", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    draft = load(out)
    assert draft.meta.year == 2025
    assert draft.meta.promises
    assert draft.sections[-1].heading == "2026年度工作计划"
    assert all(p.carried for _, s in draft.walk() for p in s.paragraphs)
    # Editing a carried paragraph clears its marks.
    p = draft.sections[0].children[0].children[0].paragraphs[0]
    assert not p.edited("新写的内容").flags


def test_cli_new_from_missing_file(tmp_path: Path) -> None:
    proc = run_cli(
        "new", "--from", str(tmp_path / "nope.txt"), "--year", "2025", "-o", str(tmp_path / "x.md")
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
