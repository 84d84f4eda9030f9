"""A kind is a contract: a third kind written only for this test, installed through entry points, works end
to end through the CLI (new, import, check, export) without a trace of the built-in kind.

The tiny kind has two parts whose roles are "work" and "next", a year range 2020–2030 and its own title
template; its rules.toml enables only the year and leftovers families. The generic code must find its
next-year part by role (the heading rule), name files after its own title, refuse years outside its range,
and never say 「法治政府」.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import docx
import pytest

from .conftest import run_cli

KIND_TOML = """
id = "tiny"
name = "述职报告"
min_year = 2020
max_year = 2030
title = "{{ org }}{{ year }}年度述职报告"
closing = "closing.j2"
[[parts]]
id = "duty"
role = "work"
name = "履职情况"
heading = "{{ year }}年履职情况"
guidance = "写明{{ year }}年的主要工作。"
[[parts]]
id = "ahead"
role = "next"
name = "下步打算"
heading = "{{ year + 1 }}年打算"
"""

RULES_TOML = """
[years]
unknown = "无法确定报告年度。标题可写作「{{ example }}」。"
title = "标题中的「{{ found }}」与报告年度{{ year }}年不一致。"
heading = "小标题「{{ heading }}」中的「{{ found }}」应为{{ expected }}年。"
plan_heading = "打算部分的小标题「{{ heading }}」中的「{{ found }}」应为{{ expected }}年。"
body = "正文中的「{{ found }}」早于报告年度。"
[years.relative_message]
text = "「{{ found }}」请写明年份（{{ suggest }}）。"

[leftovers]
placeholder = "「{{ found }}」尚未填写（{{ what }}）。"
empty = "「{{ heading }}」下面没有内容。"
carried = "这一段沿用上年原文。"
needs_data = "这一段沿用上年数据（{{ figures }}）。"
same_figure = "「{{ found }}」与上年相同。"
figure_pattern = "\\\\d+"
[[leftovers.placeholders]]
pattern = "XX"
what = "占位符"
"""


def _install_tiny_kind(root: Path, rules: str = RULES_TOML) -> dict[str, str]:
    pkg = root / "tinykind"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\nfrom drafter.kinds import Kind\n\n"
        "def kind():\n    return Kind.from_dir(Path(__file__).parent / 'data')\n",
        "utf-8",
    )
    (pkg / "data" / "kind.toml").write_text(textwrap.dedent(KIND_TOML), "utf-8")
    (pkg / "data" / "rules.toml").write_text(textwrap.dedent(rules), "utf-8")
    (pkg / "data" / "closing.j2").write_text("以上报告，请审议。\n", "utf-8")
    dist = root / "tinykind-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tinykind\nVersion: 0.1\n", "utf-8")
    (dist / "entry_points.txt").write_text("[drafter.kinds]\ntiny = tinykind:kind\n", "utf-8")
    return {"PYTHONPATH": str(root)}


@pytest.fixture
def tiny(tmp_path: Path) -> dict[str, str]:
    return _install_tiny_kind(tmp_path / "site")


def _no_fzzf(*texts: str) -> None:
    for text in texts:
        assert "法治政府" not in text, text


def test_new_names_the_file_after_the_kinds_title(tmp_path: Path, tiny: dict[str, str]) -> None:
    out = run_cli("new", "--kind", "tiny", "--year", "2024", "--org", "青禾县审计局", cwd=tmp_path, env=tiny)
    assert out.returncode == 0, out.stderr
    made = list(tmp_path.glob("*.md"))
    assert [p.name for p in made] == ["青禾县审计局2024年度述职报告.md"]
    _no_fzzf(out.stdout, out.stderr, made[0].read_text("utf-8"))


def test_year_outside_the_kinds_range_is_refused_everywhere(tmp_path: Path, tiny: dict[str, str]) -> None:
    out = run_cli("new", "--kind", "tiny", "--year", "2019", "-o", str(tmp_path / "a.md"), env=tiny)
    assert out.returncode == 2 and "2020—2030" in out.stderr
    draft = tmp_path / "b.md"
    assert run_cli("new", "--kind", "tiny", "--year", "2024", "-o", str(draft), env=tiny).returncode == 0
    out = run_cli("check", str(draft), "--year", "2019", env=tiny)
    assert out.returncode == 2 and "2020—2030" in out.stderr, out.stderr
    _no_fzzf(out.stderr)


def test_next_year_heading_rule_follows_the_next_role(tmp_path: Path, tiny: dict[str, str]) -> None:
    draft = tmp_path / "t.md"
    assert (
        run_cli(
            "new", "--kind", "tiny", "--year", "2024", "--org", "青禾县审计局", "-o", str(draft), env=tiny
        ).returncode
        == 0
    )
    text = draft.read_text("utf-8")
    text = text.replace("2025年打算 {#ahead}", "2025年打算 {#ahead}\n\n组织全员轮训。")
    text = text.replace("2024年履职情况 {#duty}", "2024年履职情况 {#duty}\n\n完成审计项目12个。")
    draft.write_text(text, "utf-8")
    out = run_cli("check", str(draft), "--json", env=tiny)
    data = json.loads(out.stdout)
    rules = [f["rule"] for f in data["findings"]]
    assert not any(r.startswith("year.") for r in rules), data["findings"]
    # The same heading naming the year reported on is wrong in the next-year part.
    draft.write_text(text.replace("2025年打算 {#ahead}", "2024年打算 {#ahead}"), "utf-8")
    data = json.loads(run_cli("check", str(draft), "--json", env=tiny).stdout)
    found = [f for f in data["findings"] if f["rule"] == "year.plan-heading"]
    assert len(found) == 1 and "2025" in found[0]["message"], data["findings"]
    # Only the families the kind enables run: no fzzf rule (required parts, stale terms, ending …).
    assert {r.split(".")[0] for r in (f["rule"] for f in data["findings"])} <= {"year", "leftovers"}
    _no_fzzf(json.dumps(data, ensure_ascii=False))


def test_import_check_export_of_the_tiny_kind(tmp_path: Path, tiny: dict[str, str]) -> None:
    source = tmp_path / "上年述职.txt"
    source.write_text(
        "青禾县审计局2023年度述职报告\n\n"
        "一、2023年履职情况\n全年完成审计项目XX个，提出审计建议36条。\n"
        "二、2024年打算\n深化预算执行审计。\n\n青禾县审计局\n2024年1月8日\n",
        "utf-8",
    )
    out = run_cli("import", str(source), "--kind", "tiny", "-o", str(tmp_path / "i.md"), "--json", env=tiny)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["report"]["meta"]["kind"] == "tiny"
    assert [p for p, places in data["parts"].items() if places] == ["duty", "ahead"]
    _no_fzzf(out.stdout)

    out = run_cli("check", str(tmp_path / "i.md"), "--json", env=tiny)
    checked = json.loads(out.stdout)
    assert [f["rule"] for f in checked["findings"]] == ["leftovers.placeholder"], checked["findings"]
    assert checked["findings"][0]["rule_name"] == "占位符"

    target = tmp_path / "i.docx"
    out = run_cli("export", str(tmp_path / "i.md"), "-o", str(target), env=tiny)
    assert out.returncode == 0, out.stderr
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "青禾县审计局2023年度述职报告" in text
    _no_fzzf(out.stdout, text)
    out = run_cli("export", str(tmp_path / "i.md"), "--review", "--json", env=tiny)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["comments"] == 1


def test_a_misspelt_rules_table_is_an_error_not_silence(tmp_path: Path) -> None:
    env = _install_tiny_kind(tmp_path / "site", RULES_TOML.replace("[leftovers]", "[leftover]"))
    draft = tmp_path / "t.md"
    assert run_cli("new", "--kind", "tiny", "--year", "2024", "-o", str(draft), env=env).returncode == 0
    out = run_cli("check", str(draft), env=env)
    assert out.returncode == 2
    assert "rules.toml" in out.stderr and "leftover" in out.stderr and "Traceback" not in out.stderr


def test_rules_lists_every_registered_rule_and_the_docs_are_generated(tmp_path: Path) -> None:
    from drafter.app.rules import rules_markdown
    from drafter.checks import registry

    out = run_cli("rules", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["rules"]
    assert {r["id"] for r in rows} == set(registry().rules)
    assert all(r["name"] and r["description"] for r in rows)
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text("utf-8")
    assert doc.strip() == rules_markdown().strip(), "docs/rules.md is stale: run scripts/gen_rules_doc.py"


def test_user_rules_switch_a_rule_off_and_change_a_severity(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "drafter").mkdir(parents=True)
    draft = tmp_path / "d.md"
    env = {"XDG_CONFIG_HOME": str(config)}
    assert (
        run_cli("new", "--year", "2025", "--org", "青禾县人民政府", "-o", str(draft), env=env).returncode == 0
    )
    before = json.loads(run_cli("check", str(draft), "--json", env=env).stdout)["findings"]
    assert any(f["rule"] == "leftovers.empty-section" and f["severity"] == "warning" for f in before)
    assert any(f["rule"] == "ending.no-date" for f in before)
    (config / "drafter" / "rules.toml").write_text(
        '[rules]\n"leftovers.empty-section" = "hint"\n"ending" = "off"\n', "utf-8"
    )
    after = json.loads(run_cli("check", str(draft), "--json", env=env).stdout)["findings"]
    assert not any(f["rule"].startswith("ending.") for f in after)
    assert {f["severity"] for f in after if f["rule"] == "leftovers.empty-section"} == {"hint"}
    (config / "drafter" / "rules.toml").write_text('[rules]\n"leftovers.emptysection" = "off"\n', "utf-8")
    out = run_cli("check", str(draft), env=env)
    assert out.returncode == 2 and "leftovers.emptysection" in out.stderr
