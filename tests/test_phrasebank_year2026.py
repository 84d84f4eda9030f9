"""A 2026 county draft and the built-in bank: nothing the checker flags, no topic of an earlier period.

75 queries over every part (empty paragraphs, ordinary starts, and starts that lead into dated wording in
the mined reports: 「以党的十」「深入开展“」「提升大规模」 …). Every suggestion, applied to what was typed, is
checked by the checker itself (families stale and year, ``--year 2026``) and against the list of topics
that must not reach a 2026 report.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from drafter.model import Meta
from phrasebank import Bank
from phrasebank.bank import BankLayer
from phrasebank.builtin import builtin_path


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "dated_suggestions", Path(__file__).resolve().parents[1] / "benchmarks" / "dated_suggestions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_BENCH = _benchmark()
DRAFT = Meta(
    year=2026,
    org="某某县人民政府",
    short="我县",
    recipient="某某市人民政府",
    title="某某县2026年法治政府建设年度报告",
)
FORBIDDEN = _BENCH.FORBIDDEN
HEADINGS = _BENCH.HEADINGS
STARTS = ["", "深入", "以党的十", "深入开展“", "认真贯彻落实《法治政府建设实施纲要", "全面推行", "提升大规模"]
EXTRA = {
    "opening": ["2026年，我县", "坚持以习近平", "以党的"],
    "measures": ["统筹做好", "发挥政府法", "今年是完成“"],
    "enforcement": ["配合工商", "严格规范公正"],
    "decisions": ["严格落实重大行政决策"],
    "disputes": ["扎实推进“"],
    "shortcomings": ["一是", "对照", "主要原因是"],
    "leadership": ["党政主要负责人", "县委、县政府"],
    "plan": ["2027年，我县将", "“十", "深入推进", "持续深化"],
}


def queries() -> list[tuple[str, str]]:
    out = [(part, text) for part in HEADINGS for text in STARTS]
    out += [(part, text) for part, texts in EXTRA.items() for text in texts]
    return out


@pytest.fixture(scope="module")
def builtin() -> Bank:
    """The built-in bank alone (no user bank, whatever the machine has)."""
    return Bank([BankLayer(builtin_path(), "builtin")])


def _flags(part: str, text: str) -> list[str]:
    """Rule ids the checker raises on ``text`` written in ``part`` of a 2026 draft."""
    return sorted(_BENCH.flags(part, text, DRAFT))


def test_there_are_75_queries() -> None:
    assert len(queries()) == 75


def test_nothing_dated_or_flagged_for_a_2026_county_draft(builtin: Bank) -> None:
    seen = 0
    problems: list[tuple[str, str, str, object]] = []
    for part, typed in queries():
        for s in builtin.suggest(typed, part=part, meta=DRAFT, k=5, heading=HEADINGS[part]):
            seen += 1
            applied = typed[: len(typed) - s.replace] + s.insert
            if FORBIDDEN.search(applied) and not FORBIDDEN.search(typed):
                problems.append((part, typed, applied, "forbidden topic"))
            flags = _flags(part, applied)
            if flags:
                problems.append((part, typed, applied, flags))
            assert "区委" not in applied and "全区" not in applied, (part, typed, applied)
    assert seen >= 200  # the bank answers: the test is not vacuous
    assert problems == []


def test_national_reports_only_where_they_fit_never_as_the_default(builtin: Bank) -> None:
    """Mined from the national work reports: offered in measures and plan, never for an empty paragraph,
    never in the shortcomings or the opening."""

    def national(found: list) -> list:
        return [s for s in found if any("政府工作报告" in src for src in s.sources)]

    for part in HEADINGS:
        assert national(builtin.suggest("", part=part, meta=DRAFT, k=10)) == [], part
    for typed in ("依法行政", "推进法治", "加强", "严格规范"):
        assert national(builtin.suggest(typed, part="shortcomings", meta=DRAFT, k=10)) == []
        assert national(builtin.suggest(typed, part="opening", meta=DRAFT, k=10)) == []
    # and they do speak where they fit: a clause only the national reports have, typed in the plan
    found = builtin.suggest("推进法治政府建设和治理创新", part="plan", meta=DRAFT, k=10)
    assert national(found), found
    assert (
        national(builtin.suggest("推进法治政府建设和治理创新", part="shortcomings", meta=DRAFT, k=10)) == []
    )


def test_starts_that_lead_into_dated_wording_get_nothing_flagged(builtin: Bank) -> None:
    """Typed text ending just before or inside dated wording of the corpus: no suggestion adds a finding the
    typed text did not already have (a term the clerk began is not finished for them either); the full run,
    3,000 starts for three drafts, is ``benchmarks/dated_suggestions.py``."""
    starts = _BENCH.starts_before_dated_wording(400)
    assert len(starts) == 400
    seen, problems = _BENCH.problems(builtin, starts, DRAFT)
    assert seen >= 1000
    assert problems == []
