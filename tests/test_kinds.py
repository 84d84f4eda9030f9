"""Report kinds: the built-in fzzf kind's data, and a third-party kind found through its entry point."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from drafter.errors import KindError, UsageError
from drafter.kinds import Kind, available_kinds, get_kind
from drafter.templating import render_string

from .conftest import run_cli

OUTLINE_2015 = [
    "依法全面履行政府职能",
    "完善依法行政制度体系",
    "推进行政决策科学化、民主化、法治化",
    "坚持严格规范公正文明执法",
    "强化对行政权力的制约和监督",
    "依法有效化解社会矛盾纠纷",
    "全面提高政府工作人员法治思维和依法行政能力",
]


def test_builtin_kind_is_an_entry_point() -> None:
    assert "fzzf" in available_kinds()
    kind = get_kind("fzzf")
    assert [p.id for p in kind.parts] == ["measures", "shortcomings", "leadership", "plan", "other"]
    assert kind.part("other").required == "hint"
    assert all(p.basis for p in kind.parts)


@pytest.mark.parametrize(
    "year, outline_id, provisional",
    [
        (2016, "2015-2020", False),
        (2020, "2015-2020", False),
        (2021, "2021-2025", False),
        (2025, "2021-2025", False),
        (2026, "2021-2025", True),
    ],
)
def test_outline_by_year(year: int, outline_id: str, provisional: bool) -> None:
    outline = get_kind("fzzf").outline_for_year(year)
    assert outline is not None
    assert (outline.id, outline.provisional) == (outline_id, provisional)


def test_new_report_2019_uses_2015_outline() -> None:
    r = get_kind("fzzf").new_report(2019, "测试区人民政府", "我区")
    measures = r.sections[0]
    assert measures.part == "measures"
    assert [c.heading for c in measures.children] == OUTLINE_2015
    assert r.meta.title == "测试区2019年法治政府建设年度报告"
    plan = r.find_part("plan")[0][1]
    assert plan.heading.startswith("2020年")
    assert "习近平法治思想" not in r.opening[0].text  # named only from 2021 on
    assert "我区" in r.opening[0].text


def test_guidance_names_the_year() -> None:
    kind = get_kind("fzzf")
    r = kind.new_report(2025, "某某县人民政府", "我县")
    assert "2026年" in kind.guidance("plan", r.meta)
    assert "原因" in kind.guidance("shortcomings", r.meta)
    assert "健全突发事件应对体系" in kind.guidance("emergencies", r.meta)


def test_year_out_of_range() -> None:
    with pytest.raises(UsageError, match="1850"):
        get_kind("fzzf").new_report(1850, "x")


def test_unknown_kind() -> None:
    with pytest.raises(UsageError, match="未知的报告类型"):
        get_kind("nosuchkind")


def test_templates_are_sandboxed() -> None:
    with pytest.raises(KindError):
        render_string("{{ ''.__class__.__mro__[1].__subclasses__() }}")


def test_broken_kind_data(tmp_path: Path) -> None:
    (tmp_path / "kind.toml").write_text("id = 'x'\nname = [", "utf-8")
    with pytest.raises(KindError, match="格式有误"):
        Kind.from_dir(tmp_path)


def _write_tiny_kind(root: Path) -> None:
    pkg = root / "tinykind"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\nfrom drafter.kinds import Kind\n\n"
        "def kind():\n    return Kind.from_dir(Path(__file__).parent / 'data')\n",
        "utf-8",
    )
    (pkg / "data" / "kind.toml").write_text(
        textwrap.dedent(
            """
            id = "tiny"
            name = "述职报告"
            min_year = 2020
            max_year = 2030
            title = "{{ org }}{{ year }}年述职报告"
            closing = "closing.j2"
            [[parts]]
            id = "work"
            name = "履职情况"
            heading = "{{ year }}年履职情况"
            guidance = "写明{{ year }}年的主要工作。"
            [[parts]]
            id = "next"
            name = "下步打算"
            heading = "{{ year + 1 }}年打算"
            """
        ),
        "utf-8",
    )
    (pkg / "data" / "closing.j2").write_text("以上报告，请审议。\n", "utf-8")
    dist = root / "tinykind-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tinykind\nVersion: 0.1\n", "utf-8")
    (dist / "entry_points.txt").write_text("[drafter.kinds]\ntiny = tinykind:kind\n", "utf-8")


def test_third_party_kind_via_entry_point(tmp_path: Path) -> None:
    plugin_root = tmp_path / "site"
    _write_tiny_kind(plugin_root)
    env = {"PYTHONPATH": str(plugin_root)}
    out = run_cli("kinds", "--json", env=env)
    assert out.returncode == 0, out.stderr
    ids = [k["id"] for k in json.loads(out.stdout)["kinds"]]
    # Other installed kinds (the test set-up installs kinds/zfgzbg) are listed too, in order.
    assert {"fzzf", "tiny"} <= set(ids) and ids == sorted(ids)

    draft_path = tmp_path / "tiny.md"
    out = run_cli("new", "--kind", "tiny", "--year", "2024", "--org", "张三", "-o", str(draft_path), env=env)
    assert out.returncode == 0, out.stderr
    out = run_cli("show", str(draft_path), "--json", env=env)
    data = json.loads(out.stdout)
    assert data["meta"]["kind"] == "tiny"
    assert data["meta"]["title"] == "张三2024年述职报告"
    assert [(s["number"], s["heading"], s["part"]) for s in data["outline"]] == [
        ("一、", "2024年履职情况", "work"),
        ("二、", "2025年打算", "next"),
    ]
    assert "以上报告，请审议。" in draft_path.read_text("utf-8")

    out = run_cli("new", "--kind", "tiny", "--year", "2019", "-o", str(tmp_path / "t2.md"), env=env)
    assert out.returncode == 2 and "2020—2030" in out.stderr
