"""Suggestion: part-aware ranking, openings for empty text, the built-in bank from a fresh install."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from drafter.model import Meta
from phrasebank import Bank, mine, open_banks
from phrasebank.bank import make_query
from phrasebank.builtin import builtin_path
from tests.conftest import run_cli

COUNTY = Meta(year=2025, org="某某县人民政府", short="我县")


@pytest.fixture(scope="module")
def corpus_bank(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Bank:
    path = tmp_path_factory.mktemp("bank") / "corpus.sqlite"
    mine([corpus_dir], path, kind_id="fzzf")
    return open_banks(path, builtin=False)


def _phrases(found: list) -> list:
    # Issue 13: continuations and whole phrases come in one list; this test is about the whole phrases.
    return [s for s in found if s.kind == "phrase"]


def test_part_changes_the_order(corpus_bank: Bank) -> None:
    """The same words typed in the plan and in the shortcomings part: each part's own phrasing comes first."""
    text = "提升依法行政能力"
    in_plan = corpus_bank.suggest(text, part="plan", meta=COUNTY, k=10)
    in_short = corpus_bank.suggest(text, part="shortcomings", meta=COUNTY, k=10)
    assert _phrases(in_plan)[0].part == "plan"
    assert _phrases(in_short)[0].part == "shortcomings"
    assert _phrases(in_short)[0].function == "问题表述"
    # whole phrases by score; continuations before them, in the order that makes the best list as a whole
    # (phrasebank.listing), which is not always by score
    assert [s.score for s in _phrases(in_plan)] == sorted((s.score for s in _phrases(in_plan)), reverse=True)
    kinds = [s.kind for s in in_plan]
    assert kinds == sorted(kinds, key=lambda kind: kind != "continuation")
    first = _phrases(in_short)[0]
    layer = corpus_bank.layers[0]
    scores = {
        part: {
            layer.phrase(sc, row, make_query(text, meta=COUNTY)).text: sc
            for sc, row in layer.search(make_query(text, part=part, meta=COUNTY), 20)
        }
        for part in ("shortcomings", None)
    }
    assert scores["shortcomings"][first.text] > scores[None][first.text]


def test_task_query_prefers_its_task_then_measures(corpus_bank: Bank) -> None:
    found = corpus_bank.suggest("行政执法", part="enforcement", meta=COUNTY, k=10)
    assert _phrases(found)[0].part == "enforcement"


def test_empty_text_gives_openings(corpus_bank: Bank) -> None:
    found = corpus_bank.suggest("", meta=COUNTY, k=5)
    # an empty paragraph: how paragraphs begin (continuations), and whole openings in half the places
    assert any(s.kind == "continuation" and s.replace == 0 for s in found), found
    openings = [s for s in found if s.kind == "phrase"]
    # Issue 13: only openings right for 2025 (the 2019 one is written under 「党的十九大」); it used to be 5
    assert len(openings) >= 2 and all(s.part == "opening" for s in openings)
    assert not any("十九大" in s.text for s in found)
    assert any("十九大" in s.text for s in corpus_bank.suggest("", meta=Meta(year=2019, short="我县"), k=5))
    # full-width punctuation when nothing the drafter wrote says otherwise, whatever the source used
    assert any(s.text.startswith("2025年，") for s in openings)
    assert not any("," in s.text for s in openings)
    plan = [s for s in corpus_bank.suggest("", part="plan", meta=COUNTY, k=4) if s.kind == "phrase"]
    assert len(plan) == 2 and all(s.part == "plan" for s in plan)
    assert all(s.function for s in plan)


def test_every_suggestion_has_source_and_frequency(corpus_bank: Bank) -> None:
    for s in corpus_bank.suggest("推进政务公开", meta=COUNTY, k=5):
        # sources are named by the reports' titles (the file name only when a report has none)
        assert s.frequency >= 1 and s.sources and "报告" in s.sources[0] and not s.sources[0].endswith(".txt")
        details = corpus_bank.occurrences(s)
        assert details and details[0]["source"] in s.sources and details[0]["original"]


def test_suggest_from_worker_threads(corpus_bank: Bank) -> None:
    expected = [s.text for s in corpus_bank.suggest("完善行政复议", meta=COUNTY)]
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                results.append([s.text for s in corpus_bank.suggest("完善行政复议", meta=COUNTY)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 80 and all(r == expected for r in results)


def test_user_bank_is_layered_over_builtin(tmp_path: Path, corpus_dir: Path) -> None:
    user = tmp_path / "user.sqlite"
    mine([corpus_dir / "2024-haojiang.txt"], user, kind_id="fzzf")
    bank = open_banks(user)
    assert [layer.name for layer in bank.layers] == ["user", "builtin"]
    found = bank.suggest("健全党政主要负责人年度述法机制", meta=COUNTY, k=3)
    assert found[0].bank == "user"
    assert len({s.text for s in found}) == len(found)  # the same phrase in both layers is shown once


def test_builtin_bank_is_shipped_and_works_in_a_fresh_process(tmp_path: Path) -> None:
    assert builtin_path().is_file()
    out = run_cli(
        "suggest",
        "--json",
        "--year",
        "2025",
        "--org",
        "某某县人民政府",
        "--short",
        "我县",
        "--part",
        "plan",
        "加强行政复议",
        env={"XDG_DATA_HOME": str(tmp_path)},  # no user bank: the built-in one alone
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["suggestions"]) == 5
    top = data["suggestions"][0]
    # continuations of the typed clause come first, a whole phrase about it keeps a place in the list
    assert top["bank"] == "builtin" and top["kind"] == "continuation"
    phrases = [s for s in data["suggestions"] if s["kind"] == "phrase"]
    assert phrases and "行政复议" in phrases[0]["text"]
    assert set(phrases[0]) >= {"text", "template", "score", "part", "function", "frequency", "sources"}
    empty = run_cli("suggest", "--year", "2025", "--short", "我县", env={"XDG_DATA_HOME": str(tmp_path)})
    assert empty.returncode == 0 and empty.stdout.startswith("1. ")


def test_suggest_with_draft_uses_its_year_and_body(tmp_path: Path) -> None:
    from drafter.draft import save
    from drafter.kinds import get_kind

    draft = tmp_path / "draft.md"
    # 2024: the only opening in the corpus written in the draft's own voice (「我区全面贯彻落实党的二十大和二十届
    # 三中全会精神」) is stale for 2025 and later, and is rightly not offered there.
    save(get_kind("fzzf").new_report(2024, "某某县人民政府", "我县"), draft)
    out = run_cli(
        "suggest", "--draft", str(draft), "--json", "-k", "20", "", env={"XDG_DATA_HOME": str(tmp_path)}
    )
    assert out.returncode == 0, out.stderr
    texts = [s["text"] for s in json.loads(out.stdout)["suggestions"]]
    assert any(t.startswith("2024年，我县") for t in texts)
    assert not any("濠江" in t or "2023年，" in t for t in texts)


def test_unknown_part_is_a_usage_error() -> None:
    out = run_cli("suggest", "--part", "nonsense", "依法行政")
    assert out.returncode == 2 and "未知的部分" in out.stderr and "Traceback" not in out.stderr
