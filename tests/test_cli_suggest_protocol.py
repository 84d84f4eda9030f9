"""``drafter suggest --stdio`` and ``drafter bank`` as a user (or an editor plug-in) runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._phrasebank_fixtures import BODIES, mine_bodies_bank, report_text, write_report
from tests.conftest import run_cli

COUNTY = {"year": 2026, "org": "青禾县人民政府", "short": "我县"}


@pytest.fixture(scope="module")
def bank_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mine_bodies_bank(tmp_path_factory)


def _lines(*objs: object) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objs)


def test_stdio_answers_every_line_and_survives_bad_ones(bank_path: Path, tmp_path: Path) -> None:
    out = run_cli(
        "suggest",
        "--stdio",
        "--bank",
        str(bank_path),
        "--no-builtin",
        input=_lines(
            {
                "id": 1,
                "text": "一是全面推行行政执法公",
                "part": "measures",
                "heading": None,
                "k": 5,
                **COUNTY,
            },
            "not json",
            {"id": 3, "text": "x", "part": "没有这个部分"},
            {"id": 4, "text": "全面推行", "k": 0},
            {"id": 5, "text": "", "part": "plan", **COUNTY},
        ),
        env={"XDG_DATA_HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, None, 3, 4, 5]
    first = answers[0]["suggestions"]
    assert first and all(set(s) == {"insert", "replace", "text", "kind", "reports", "sources"} for s in first)
    cont = [s for s in first if s["kind"] == "continuation"]
    assert any(s["insert"].startswith("示制度") and s["replace"] == 0 for s in cont)
    # a phrase replaces only the clause: the enumerator 「一是」 is never inside what it replaces
    for s in first:
        assert s["replace"] <= len("全面推行行政执法公")
    assert all("报告" in src for s in first for src in s["sources"])  # named by title
    for bad in answers[1:4]:
        assert set(bad) == {"id", "error"} and bad["error"]
    assert "未知的部分" in answers[2]["error"]
    assert answers[4]["suggestions"]


def test_no_builtin_without_a_bank_is_one_line(tmp_path: Path) -> None:
    out = run_cli("suggest", "--no-builtin", "依法行政", env={"XDG_DATA_HOME": str(tmp_path)})
    assert out.returncode != 0
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0
    assert "词句库" in out.stderr


def test_bank_list_stats_remove(bank_path: Path, tmp_path: Path) -> None:
    bank = tmp_path / "copy.sqlite"
    bank.write_bytes(bank_path.read_bytes())
    listing = run_cli("bank", "list", "--bank", str(bank), "--json")
    assert listing.returncode == 0, listing.stderr
    reports = json.loads(listing.stdout)["reports"]
    assert [r["name"] for r in reports] == [f"r{i}.txt" for i in range(len(BODIES))]
    plain = run_cli("bank", "list", "--bank", str(bank))
    assert "r0.txt" in plain.stdout and "年" in plain.stdout
    stats = json.loads(run_cli("bank", "stats", "--bank", str(bank), "--json").stdout)
    assert stats["reports"] == len(BODIES) and stats["index"] == "stored"
    shown = run_cli("bank", "stats", "--bank", str(bank)).stdout
    assert "主要举措和成效" in shown and "measures" not in shown  # parts by their Chinese names
    removed = run_cli("bank", "remove", "r0.txt", "--bank", str(bank), "--json")
    assert removed.returncode == 0, removed.stderr
    assert json.loads(removed.stdout)["removed"] == "r0.txt"
    after = json.loads(run_cli("bank", "list", "--bank", str(bank), "--json").stdout)["reports"]
    assert "r0.txt" not in [r["name"] for r in after] and len(after) == len(BODIES) - 1
    assert json.loads(run_cli("bank", "stats", "--bank", str(bank), "--json").stdout)["index"] == "stored"
    missing = run_cli("bank", "remove", "没有这份.txt", "--bank", str(bank))
    assert missing.returncode == 2 and "没有报告" in missing.stderr and "Traceback" not in missing.stderr


def test_bank_without_a_user_bank_says_how_to_make_one(tmp_path: Path) -> None:
    out = run_cli("bank", "list", env={"XDG_DATA_HOME": str(tmp_path)})
    assert out.returncode == 2 and "drafter mine" in out.stderr and "Traceback" not in out.stderr


def test_mine_names_what_it_skips(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    place, org, short, unit = BODIES[0]
    write_report(folder, "报告.txt", report_text(org, place, short, unit, 2025))
    (folder / "同一份.txt").write_bytes((folder / "报告.txt").read_bytes().replace(b"\n", b"\r\n"))
    (folder / "通知.txt").write_text(
        "关于召开会议的通知\n\n各单位：\n定于下周一召开会议，请准时参加。\n", "utf-8"
    )
    out = run_cli("mine", str(folder), "--bank", str(tmp_path / "b.sqlite"))
    assert out.returncode == 0, out.stderr
    assert "通知.txt" in out.stderr and "同一份" in out.stderr and "Traceback" not in out.stderr
