"""The second kind, 政府工作报告 (``zfgzbg``), installed as its own distribution and used end to end.

Everything goes through the CLI in a fresh process (or the TUI through Textual's pilot), as a user would:
the kind is found through its entry point, a report of the corpus is imported as it, checked, suggested
for and exported. Nothing of the built-in kind may show: no 「法治政府」 in its file names, titles, findings or
suggestions, and no rule family fires that its rules.toml does not enable.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import GWR, REPO, run_cli

KIND_DIR = REPO / "kinds" / "zfgzbg"
FZZF_WORD = "法治政府"
#: The families the kind's rules.toml enables (registry ids).
ENABLED = {"year", "stale", "leftovers"}


def _corpus_module() -> ModuleType:
    """The kind's build script, which turns a corpus record into the text file a user would have."""
    spec = importlib.util.spec_from_file_location("zfgzbg_build_bank", KIND_DIR / "scripts" / "build_bank.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Reports of the corpus (by the year of the congress) written out as .txt files."""
    build = _corpus_module()
    folder = tmp_path_factory.mktemp("gwr")
    out = {}
    for rec in build.reports(GWR):
        year = int(rec["year"])
        if year in (2019, 2025):
            path = folder / f"{year}年政府工作报告.txt"
            path.write_text(build.report_text(rec), "utf-8")
            out[year] = path
    assert set(out) == {2019, 2025}
    return out


def _ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def _json(proc: subprocess.CompletedProcess) -> dict:
    return json.loads(_ok(proc).stdout)


# ----------------------------------------------------------------------------- kinds, new
def test_kinds_lists_the_second_kind() -> None:
    out = _ok(run_cli("kinds")).stdout
    assert "zfgzbg\t政府工作报告" in out
    assert "fzzf" in out


def test_new_draft_has_the_kinds_outline_and_title(tmp_path: Path) -> None:
    _ok(
        run_cli(
            "new",
            "--kind",
            "zfgzbg",
            "--year",
            "2026",
            "--org",
            "青禾县人民政府",
            "--short",
            "我县",
            cwd=tmp_path,
        )
    )
    (path,) = tmp_path.glob("*.md")
    # The report reviewing 2026 is delivered at the congress of 2027 and titled so.
    assert path.name == "青禾县2027年政府工作报告.md"
    data = _json(run_cli("show", path.name, "--json", cwd=tmp_path))
    assert data["meta"]["kind"] == "zfgzbg" and data["meta"]["year"] == 2026
    assert data["meta"]["title"] == "2027年青禾县政府工作报告"
    assert [(s["number"], s["heading"], s["part"]) for s in data["outline"]] == [
        ("一、", "2026年工作回顾", "review"),
        ("二、", "2027年工作总体要求和主要预期目标", "targets"),
        ("三、", "2027年重点工作", "tasks"),
        ("四、", "全面加强政府自身建设", "self"),
    ]
    text = path.read_text("utf-8")
    assert "各位代表：" in text and "我代表青禾县人民政府" in text
    assert FZZF_WORD not in text and FZZF_WORD not in path.name


# ----------------------------------------------------------------------------- import
@pytest.mark.parametrize(
    "congress, headings",
    [
        (2019, ["2018年工作回顾", "2019年经济社会发展总体要求和政策取向", "2019年政府工作任务"]),
        (2025, ["2024年工作回顾", "2025年经济社会发展总体要求和政策取向", "2025年政府工作任务"]),
    ],
)
def test_import_a_corpus_report(
    corpus_files: dict[int, Path], tmp_path: Path, congress: int, headings: list[str]
) -> None:
    src = corpus_files[congress]
    data = _json(run_cli("import", "--kind", "zfgzbg", str(src), "-o", str(tmp_path / "r.md"), "--json"))
    meta = data["report"]["meta"]
    assert meta["kind"] == "zfgzbg"
    assert meta["title"] == f"{congress}年中华人民共和国国务院政府工作报告"
    assert meta["year"] == congress - 1, "the year reviewed is the one before the congress"
    assert [s["heading"] for s in data["report"]["outline"]] == headings
    assert [s["part"] for s in data["report"]["outline"]] == ["review", "targets", "tasks"]
    assert data["parts"]["review"] == [[0]] and data["parts"]["tasks"] == [[2]]
    tasks = data["report"]["outline"][2]["children"]
    assert len(tasks) >= 6 and all(t["part"] is None for t in tasks)


# ----------------------------------------------------------------------------- check
def _findings(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def _families(findings: list[dict]) -> set[str]:
    return {f["rule"].split(".", 1)[0] for f in findings}


def test_check_a_corpus_report_in_its_own_year_is_clean(corpus_files: dict[int, Path]) -> None:
    proc = run_cli("check", "--kind", "zfgzbg", str(corpus_files[2025]), "--json")
    findings = _findings(proc)
    assert [f for f in findings if f["severity"] == "error"] == []
    assert _families(findings) <= ENABLED
    assert all(FZZF_WORD not in f["message"] + f.get("basis", "") + f.get("excerpt", "") for f in findings)


def test_check_an_old_report_redated_reports_its_stale_terms(corpus_files: dict[int, Path]) -> None:
    # The 2019 report (reviewing 2018) checked as if it reviewed 2025: its plan period and congress are old.
    proc = run_cli("check", "--kind", "zfgzbg", str(corpus_files[2019]), "--year", "2025", "--json")
    assert proc.returncode == 1, proc.stderr  # the years of the title and headings are errors
    findings = _findings(proc)
    rules = {f["rule"] for f in findings}
    assert {"stale.fyp-13", "stale.congress-19", "year.title", "year.heading", "year.plan-heading"} <= rules
    assert _families(findings) <= ENABLED
    title = next(f for f in findings if f["rule"] == "year.title")
    assert "2026年" in title["message"], "the title of a report reviewing 2025 names 2026"
    for f in findings:
        assert FZZF_WORD not in f["message"] + f.get("basis", ""), f


#: An invented county report reviewing 2026 (congress of 2027), with what the kind's rules must find and
#: near misses they must leave alone. It has no shortcomings part, no signature and no date, and never
#: mentions 习近平法治思想: the built-in kind's rules would report all of that, this kind's must not.
WANGCHAO = """2027年望潮区政府工作报告
各位代表：
现在，我代表望潮区人民政府，向大会报告政府工作，请予审议，并请政协委员和其他列席人员提出意见。
一、2026年工作回顾
过去一年，全区地区生产总值增长XX%，比2025年提高0.5个百分点，“十四五”时期打下的基础持续巩固。
我们深入贯彻党的十九大精神，扎实推进各项工作，市场主体和经营主体数量稳步增长。
二、2027年工作总体要求和主要预期目标
今年全区发展主要预期目标是：地区生产总值增长6%左右，城镇新增就业【待填写】人。
三、2026年重点工作
（一）加快建设现代化产业体系。培育壮大新兴产业，推动传统产业改造提升。
（二）扎实推进乡村全面振兴。巩固拓展脱贫攻坚成果，推动乡村产业发展。
四、全面加强政府自身建设
坚持依法行政，自觉接受区人大及其常委会的监督，持续改进工作作风。
"""


def test_check_finds_what_the_kind_enables_and_nothing_else(tmp_path: Path) -> None:
    src = tmp_path / "望潮区政府工作报告.txt"
    src.write_text(WANGCHAO, "utf-8")
    proc = run_cli("check", "--kind", "zfgzbg", str(src), "--json")
    findings = _findings(proc)
    assert json.loads(proc.stdout)["year"] in (2026, "2026")
    by_rule: dict[str, list[dict]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    # Found: placeholders, a stale congress, the old word for business entities, a tasks heading with the
    # year reviewed instead of the congress year.
    assert {f["excerpt"] for f in by_rule["leftovers.placeholder"]} == {"XX", "【待填写】"}
    assert [f["excerpt"] for f in by_rule["stale.congress-19"]] == ["党的十九大"]
    assert [f["excerpt"] for f in by_rule["stale.market-entity"]] == ["市场主体"]
    assert [f["excerpt"] for f in by_rule["year.plan-heading"]] == ["2026年"]
    assert "2027年" in by_rule["year.plan-heading"][0]["message"]
    # Near misses: the right title year, a comparison year, a past plan period named as such, the current
    # word 经营主体, and 「今年」 (the congress year in this kind) stay quiet.
    assert "year.title" not in by_rule and "year.body" not in by_rule and "year.relative" not in by_rule
    assert "stale.fyp-14" not in by_rule and "stale.business-entity" not in by_rule
    assert not any(f["rule"] == "year.heading" for f in findings)
    # No family outside the kind's rules.toml, no word of the other kind.
    assert _families(findings) <= ENABLED
    assert all(FZZF_WORD not in f["message"] + f.get("basis", "") for f in findings)


def test_the_same_report_as_the_builtin_kind_would_be_reported_differently(tmp_path: Path) -> None:
    """The near miss above is meaningful: the built-in kind's families do fire on this text."""
    src = tmp_path / "望潮区.txt"
    src.write_text(WANGCHAO, "utf-8")
    families = _families(_findings(run_cli("check", "--kind", "fzzf", str(src), "--json")))
    assert families - ENABLED, "the built-in kind reports parts/ending/expected content on this text"


# ----------------------------------------------------------------------------- bank selection
def test_kinds_declare_their_bank_and_title_year() -> None:
    from drafter.kinds import get_kind

    builtin, gwr = get_kind("fzzf"), get_kind("zfgzbg")
    assert builtin.bank_path is None and builtin.title_year_offset == 0
    assert gwr.bank_path is not None and gwr.bank_path.is_file() and gwr.title_year_offset == 1


def test_banks_for_serves_a_kind_its_own_bank_only(tmp_path: Path) -> None:
    import shutil

    from drafter.app.suggest import banks_for
    from drafter.errors import UsageError
    from drafter.kinds import Kind, get_kind

    gwr = get_kind("zfgzbg")
    bank = banks_for(gwr)
    assert [layer.name for layer in bank.layers] == ["zfgzbg"]
    assert banks_for(gwr) is bank, "opened once per process"
    # A bank the user names is layered over the kind's own; the built-in bank never joins.
    user = tmp_path / "mine.sqlite"
    shutil.copy(gwr.bank_path, user)
    assert [layer.name for layer in banks_for(gwr, user).layers] == ["user", "zfgzbg"]
    assert [layer.name for layer in banks_for(gwr, user, builtin=False).layers] == ["user"]
    # A kind whose declared bank is missing says so in one line.
    data = tmp_path / "data"
    shutil.copytree(gwr.root, data, ignore=shutil.ignore_patterns("*.sqlite"))
    broken = Kind.from_dir(data)
    with pytest.raises(UsageError, match="词句库缺失"):
        banks_for(broken)


# ----------------------------------------------------------------------------- suggest
@pytest.fixture(scope="module")
def zfgzbg_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    _ok(
        run_cli(
            "new",
            "--kind",
            "zfgzbg",
            "--year",
            "2026",
            "--org",
            "青禾县人民政府",
            "--short",
            "我县",
            "-o",
            "d.md",
            cwd=folder,
        )
    )
    return folder / "d.md"


@pytest.mark.parametrize(
    "part, text, word",
    [
        ("tasks", "加快建设现代化产业体系", "产业"),
        ("self", "加强政府自身建设", "政府"),
        # The strongest lure: the very words of the other kind. Its bank must not answer.
        (None, "深入推进法治政府建设", ""),
        ("review", "", ""),
    ],
)
def test_suggest_uses_the_kinds_own_bank(zfgzbg_draft: Path, part: str | None, text: str, word: str) -> None:
    args = ["suggest", "--draft", str(zfgzbg_draft), "-k", "8", "--json"]
    if part:
        args += ["--part", part]
    data = _json(run_cli(*args, text))
    found = data["suggestions"]
    assert found, "the kind's bank answers"
    assert {s["bank"] for s in found} == {"zfgzbg"}
    assert all("政府工作报告" in src for s in found for src in s["sources"])
    assert all(FZZF_WORD not in s["text"] for s in found), [s["text"] for s in found]
    if word:
        assert any(word in s["text"] for s in found)
    if part:
        assert any(s["part"] == part for s in found)


def test_suggest_for_the_builtin_kind_still_uses_the_builtin_bank(tmp_path: Path) -> None:
    _ok(
        run_cli(
            "new", "--year", "2025", "--org", "某某区人民政府", "--short", "我区", "-o", "f.md", cwd=tmp_path
        )
    )
    data = _json(run_cli("suggest", "--draft", "f.md", "深入推进法治政府建设", "--json", cwd=tmp_path))
    assert data["suggestions"] and {s["bank"] for s in data["suggestions"]} == {"builtin"}


def test_suggest_refuses_a_part_the_kind_lacks(zfgzbg_draft: Path) -> None:
    proc = run_cli("suggest", "--draft", str(zfgzbg_draft), "--part", "measures", "加强")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "未知的部分「measures」" in proc.stderr and "重点工作" in proc.stderr  # names, not ids


# ----------------------------------------------------------------------------- export
def test_export_an_imported_report_to_docx(corpus_files: dict[int, Path], tmp_path: Path) -> None:
    import docx

    draft = tmp_path / "r.md"
    _ok(run_cli("import", "--kind", "zfgzbg", str(corpus_files[2025]), "-o", str(draft)))
    out = tmp_path / "r.docx"
    _ok(run_cli("export", str(draft), "-o", str(out)))
    doc = docx.Document(str(out))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[0] == "2025年中华人民共和国国务院政府工作报告"
    assert doc.core_properties.title == texts[0]
    for heading in (
        "一、2024年工作回顾",
        "二、2025年经济社会发展总体要求和政策取向",
        "三、2025年政府工作任务",
    ):
        assert heading in texts
    # A heading run into its paragraph (「（一）……需求。促进……」) is exported as a heading line of its own.
    assert "（一）大力提振消费、提高投资效益，全方位扩大国内需求" in texts


def test_export_a_new_draft_uses_the_kinds_title(zfgzbg_draft: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "d.docx"
    _ok(run_cli("export", str(zfgzbg_draft), "-o", str(out)))
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    assert texts[0] == "2027年青禾县政府工作报告"
    assert "四、全面加强政府自身建设" in texts
    assert all(FZZF_WORD not in t for t in texts)


# ----------------------------------------------------------------------------- TUI
def test_tui_opens_a_draft_of_the_kind(
    zfgzbg_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import make_app
    from tui.screens.main import MainScreen
    from tui.widgets.outline import OutlineTree

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "d.md"
    path.write_bytes(zfgzbg_draft.read_bytes())

    async def run() -> None:
        app = make_app(path, suggestions=False, save_delay=30)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            main = app.main
            assert main.kind.id == "zfgzbg"
            tree = main.query_one(OutlineTree)
            labels = []

            def visit(node) -> None:  # type: ignore[no-untyped-def]
                for child in node.children:
                    labels.append(str(child.label))
                    visit(child)

            visit(tree.root)
            joined = "\n".join(labels)
            for heading in (
                "一、2026年工作回顾",
                "二、2027年工作总体要求和主要预期目标",
                "三、2027年重点工作",
                "四、全面加强政府自身建设",
            ):
                assert heading in joined, joined
            assert FZZF_WORD not in joined
            guidance = str(main.query_one("#guidance").render())
            assert "2026年" in guidance and FZZF_WORD not in guidance

    asyncio.run(run())


def test_tui_first_run_form_of_the_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input, Label

    from tui.app import make_app
    from tui.screens.first_run import FirstRunScreen

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    async def run() -> None:
        app = make_app(None, kind="zfgzbg", folder=tmp_path, suggestions=False)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FirstRunScreen)
            texts = [str(w.render()) for w in form.query(Label)]
            texts += [w.placeholder for w in form.query(Input)]
            assert "新建政府工作报告" in texts
            assert all(FZZF_WORD not in t for t in texts), texts

    asyncio.run(run())


def test_tui_suggests_from_the_kinds_bank(
    zfgzbg_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual import events

    from tui.app import make_app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "d.md"
    path.write_bytes(zfgzbg_draft.read_bytes())

    async def run() -> None:
        import time

        app = make_app(path, save_delay=30)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            main = app.main
            deadline = time.monotonic() + 90
            while main.bank_state == "loading" and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert main.bank_state == "ready"
            gen = main.suggestion_generation
            app.post_message(events.Paste("深入推进法治政府建设"))
            while not (
                main.suggestion_generation > gen and main.suggestions_shown == main.suggestion_generation
            ):
                assert time.monotonic() < deadline, "no suggestions"
                await pilot.pause(0.05)
            shown = main.query_one("#suggestions").suggestions
            # from the kind's own bank: every source is a national work report
            assert shown and all("政府工作报告" in src for s in shown for src in s.sources), shown
            assert all(FZZF_WORD not in s.text for s in shown)

    asyncio.run(run())


# ----------------------------------------------------------------------------- the distribution
@pytest.mark.slow
def test_the_distribution_builds_and_installs_on_its_own(tmp_path: Path) -> None:
    """The kind's wheel, built alone, installs with --no-deps next to drafter's wheel and works from there."""
    dist = tmp_path / "dist"
    for project in (KIND_DIR, REPO):
        proc = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(project)],
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
    kind_wheel = next(dist.glob("drafter_zfgzbg-*.whl"))
    names = zipfile.ZipFile(kind_wheel).namelist()
    for name in (
        "kind.toml",
        "rules.toml",
        "terms.toml",
        "synonyms.toml",
        "import.toml",
        "phrasebank.sqlite",
    ):
        assert f"drafter_zfgzbg/data/{name}" in names
    assert not any(n.startswith(("drafter/", "phrasebank/", "tui/", "scripts/")) for n in names)
    entry_points = (
        zipfile.ZipFile(kind_wheel).read("drafter_zfgzbg-0.1.0.dist-info/entry_points.txt").decode()
    )
    assert "[drafter.kinds]" in entry_points and "zfgzbg = drafter_zfgzbg:kind" in entry_points

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    main_wheel = next(dist.glob("drafter-*.whl"))
    proc = subprocess.run([*pip, str(main_wheel)], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = subprocess.run([*pip, "--no-deps", str(kind_wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]

    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    exe = str(venv / "bin" / "drafter")

    def drafter(*args: str) -> subprocess.CompletedProcess:
        return _ok(
            subprocess.run([exe, *args], cwd=work, capture_output=True, text=True, timeout=300, env=env)
        )

    assert "zfgzbg\t政府工作报告" in drafter("kinds").stdout
    drafter("new", "--kind", "zfgzbg", "--year", "2026", "--org", "青禾县人民政府", "-o", "d.md")
    show = json.loads(drafter("show", "d.md", "--json").stdout)
    assert [s["part"] for s in show["outline"]] == ["review", "targets", "tasks", "self"]
    found = json.loads(drafter("suggest", "--draft", "d.md", "--part", "tasks", "加快建设", "--json").stdout)
    assert found["suggestions"] and {s["bank"] for s in found["suggestions"]} == {"zfgzbg"}
    # The installed kind is the wheel's, not the repository's folder.
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import drafter_zfgzbg; print(drafter_zfgzbg.DATA)"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert str(venv) in where.stdout and str(REPO) not in where.stdout
