"""The wheel carries the whole package and its data, and a non-editable install reads the same data.

A wheel once shipped no `data/`: the index silently held 28,000 places fewer and `distance --to frontline`
failed. These tests build the wheel from the checkout (not the editable install the suite runs from).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tracked(folder: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout: the files to ship are the tracked ones")
    return [line for line in out.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
         "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return next(out.glob("geomap-*.whl"))


def test_listed_packages_are_every_package_on_disk():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "geomap").rglob("__init__.py")} | {
        "geomap.data"
    }
    assert listed == on_disk


@pytest.mark.slow
def test_wheel_holds_every_module_and_data_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = [f for f in _tracked("geomap") if f.endswith(".py")]
    data = ["geomap/data/" + f.removeprefix("data/") for f in _tracked("data")]
    assert modules and len(data) >= 10
    missing = [f for f in modules + data if f not in names]
    assert not missing, f"the wheel lacks {missing[:10]}"


@pytest.mark.slow
def test_non_editable_install_reads_the_same_data(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "GEOMAP_DATA"}

    def run(*args: str, installed: bool) -> str:
        extra = {"PYTHONPATH": str(target)} if installed else {}
        cmd = [sys.executable, *args]
        proc = subprocess.run(cmd, cwd=tmp_path, env=env | extra, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    where = "import geomap.paths as p; print(p.data_dir())"
    assert Path(run("-c", where, installed=True).strip()).is_relative_to(target)
    assert Path(run("-c", where, installed=False).strip()) == REPO / "data"
    info = [json.loads(run("-m", "geomap", "gazetteer", "info", "--json", installed=i)) for i in (1, 0)]
    counts = [(i["places"], i["kinds"], [(s["name"], s["rows"]) for s in i["sources"]]) for i in info]
    assert counts[0] == counts[1]
