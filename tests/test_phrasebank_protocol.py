"""The stdio protocol: one JSON request a line in, one answer a line out, bad lines answered and skipped."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phrasebank import Bank, open_banks
from phrasebank.protocol import Session, handle_request, serve_stdio
from tests._phrasebank_fixtures import STOCK_ENFORCEMENT, mine_bodies_bank
from tests.conftest import REPO

COUNTY = {"year": 2026, "org": "某某县人民政府", "short": "我县"}


@pytest.fixture(scope="module")
def bank_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mine_bodies_bank(tmp_path_factory)


@pytest.fixture(scope="module")
def bank(bank_path: Path) -> Bank:
    return open_banks(bank_path, builtin=False)


def _serve(bank: Bank, lines: list[str]) -> list[dict]:
    out = io.StringIO()
    serve_stdio(io.StringIO("".join(line + "\n" for line in lines)), out, bank)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_answers_each_line_with_its_id_and_the_documented_fields(bank: Bank) -> None:
    req = {
        "id": 7,
        "text": "全面推行行政执法公",
        "part": "measures",
        "heading": "坚持严格规范公正文明执法",
        **COUNTY,
        "k": 3,
    }
    (answer,) = _serve(bank, [json.dumps(req, ensure_ascii=False)])
    assert answer["id"] == 7 and "error" not in answer
    sugg = answer["suggestions"]
    assert 1 <= len(sugg) <= 3
    for s in sugg:
        assert set(s) == {"insert", "replace", "text", "kind", "reports", "sources"}
        assert s["kind"] in {"continuation", "phrase"}
        assert isinstance(s["replace"], int) and s["replace"] >= 0
    # every suggestion here keeps what was typed: the stock clause goes on from the cursor
    assert all(s["replace"] == 0 and s["insert"].startswith("示制度") for s in sugg[:2])
    cont = next(s for s in sugg if s["kind"] == "continuation")
    assert cont["reports"] == 3 and len(cont["sources"]) == 3


def test_bad_lines_get_an_error_and_the_loop_goes_on(bank: Bank) -> None:
    lines = [
        "not json at all",
        json.dumps({"id": 2, "text": "依法", "part": "nonsense"}),
        json.dumps({"id": 3, "part": "plan"}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": 5, "text": "依法", "k": 0}),
        json.dumps({"id": 6, "text": "依法", "year": "二〇二六"}),
        "",
        json.dumps({"id": 8, "text": "深入学习贯彻", **COUNTY}, ensure_ascii=False),
    ]
    answers = _serve(bank, lines)
    assert [a.get("id") for a in answers] == [None, 2, 3, None, 5, 6, 8]  # the blank line is not answered
    for a in answers[:-1]:
        assert "error" in a and "suggestions" not in a
        assert a["error"] and "\n" not in a["error"] and "Traceback" not in a["error"]
    assert "未知的部分" in answers[1]["error"]
    assert "text" in answers[2]["error"]
    assert "suggestions" in answers[-1]


def test_handle_request_without_a_session(bank: Bank) -> None:
    answer = handle_request({"id": "a", "text": "", "part": "plan", **COUNTY}, bank)
    assert answer["id"] == "a" and answer["suggestions"]
    # an empty paragraph: continuations from the start of a paragraph first, whole openings in half the list
    kinds = [s["kind"] for s in answer["suggestions"]]
    assert kinds == sorted(kinds) and kinds.count("phrase") == len(kinds) // 2, kinds
    assert all(s["replace"] == 0 for s in answer["suggestions"])


def test_session_continues_from_the_draft_itself(bank: Bank) -> None:
    """A paragraph the drafter finished (the next request starts another) is a source of continuations."""
    session = Session(bank)
    own = "开展“清风护航”专项整治行动，查处违规案件一批"
    session.handle({"text": own, "part": "measures", **COUNTY})
    session.handle({"text": "", "part": "measures", **COUNTY})  # the cursor moved to a new paragraph
    answer = session.handle({"text": "同时开展“清风护", "part": "measures", **COUNTY})
    inserts = {s["insert"]: s for s in answer["suggestions"]}
    assert any(i.startswith("航”") for i in inserts), inserts
    hit = next(s for i, s in inserts.items() if i.startswith("航”"))
    assert hit["sources"] == ["本稿"]
    # a fresh session knows nothing of it
    fresh = Session(bank).handle({"text": "同时开展“清风护", "part": "measures", **COUNTY})
    assert not any(s["insert"].startswith("航”") for s in fresh["suggestions"])


def test_the_paragraph_being_typed_is_a_source_of_its_own_continuations(bank: Bank) -> None:
    """A paragraph names its own programme twice: its earlier clauses count before it is finished."""
    typed = "开展“清风护航”专项整治行动，同时在乡镇开展“清风护"
    answer = Session(bank).handle({"text": typed, "part": "measures", **COUNTY})
    hits = [s for s in answer["suggestions"] if s["insert"].startswith("航”")]
    assert hits and hits[0]["sources"] == ["本稿"], answer["suggestions"]
    # the clause being typed is not its own source: nothing repeats what was just typed
    answer = Session(bank).handle({"text": "开展“清风护", "part": "measures", **COUNTY})
    assert not any(s["insert"].startswith("航”") for s in answer["suggestions"])


def test_python_m_protocol_in_a_subprocess(bank_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(tmp_path))
    lines = [
        json.dumps({"id": 1, "text": "全面推行行政执法公", "part": "measures", **COUNTY}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": 3, "text": "", "part": None, **COUNTY}, ensure_ascii=False),
    ]
    out = subprocess.run(
        [sys.executable, "-m", "phrasebank.protocol", "--bank", str(bank_path), "--no-builtin"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, None, 3]
    assert any(s["insert"].startswith("示制度") for s in answers[0]["suggestions"])
    assert "error" in answers[1]
    assert answers[2]["suggestions"]


def test_subprocess_refuses_a_missing_bank_in_one_line(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "phrasebank.protocol", "--bank", str(tmp_path / "none.sqlite")],
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0
    assert "词句库" in out.stderr


def test_no_builtin_leaves_the_builtin_bank_out(bank_path: Path) -> None:
    with_builtin = open_banks(bank_path)
    without = open_banks(bank_path, builtin=False)
    assert [layer.name for layer in with_builtin.layers] == ["user", "builtin"]
    assert [layer.name for layer in without.layers] == ["user"]
    assert STOCK_ENFORCEMENT  # the fixtures' stock phrase is what the first test continues
