"""The built wheel carries templates and data: installed in a fresh venv outside the repo, it works."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    wheel = next(dist.glob("drafter-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "drafter/_templates/fzzf/kind.toml" in names
    assert "drafter/_templates/fzzf/outlines.toml" in names
    assert any(n.startswith("phrasebank/") for n in names)
    assert not any(n.startswith(("tests/", "corpus/")) for n in names)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = venv / "bin" / "pip"
    proc = subprocess.run(
        [str(pip), "install", "-q", str(wheel)], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return venv / "bin" / "drafter"


def _drafter(exe: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize(
    "year, first_task, n_tasks", [(2025, "深入学习贯彻习近平法治思想", 10), (2019, "依法全面履行政府职能", 7)]
)
def test_wheel_new_and_show(
    installed: Path, tmp_path: Path, year: int, first_task: str, n_tasks: int
) -> None:
    out = _drafter(
        installed, "new", "--year", str(year), "--org", "测试区人民政府", "-o", "x.md", cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    show = _drafter(installed, "show", "x.md", "--json", cwd=tmp_path)
    assert show.returncode == 0, show.stderr
    data = json.loads(show.stdout)
    assert [s["part"] for s in data["outline"]] == ["measures", "shortcomings", "leadership", "plan"]
    tasks = data["outline"][0]["children"]
    assert len(tasks) == n_tasks and tasks[0]["heading"] == first_task
