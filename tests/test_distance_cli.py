"""`geomap distance` as a user runs it: readable text, the JSON contract, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main

KAZAN = "55.78874,49.12214"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _gazetteer_ready() -> bool:
    try:
        from geomap.gazetteer import geocode

        return bool(geocode("Kurakhove", limit=1))
    except Exception:
        return False


needs_gazetteer = pytest.mark.skipif(not _gazetteer_ready(), reason="geomap.gazetteer is not usable yet")


def test_point_to_point_json(capsys):
    code, out, _ = run(capsys, "distance", "48.04866,37.18893", "47.9847,37.28069", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["km"] == pytest.approx(9.9, abs=0.3)
    assert d["miles"] == pytest.approx(d["km"] / 1.609344, abs=1e-3)
    assert d["from"] == {"lat": 48.04866, "lon": 37.18893}
    assert d["to"] == {"lat": 47.9847, "lon": 37.28069}


def test_to_frontline_text_shows_the_computation(capsys):
    code, out, _ = run(capsys, "distance", KAZAN, "--to", "frontline", "--date", "2024-12-22")
    assert code == 0
    for word in ("km", "miles", "from", "nearest", "bearing", "south-west", "2024-12-22", "approximate"):
        assert word in out


def test_to_frontline_json(capsys):
    code, out, _ = run(capsys, "distance", KAZAN, "--to", "frontline", "--date", "2025-01-15", "--json")
    d = json.loads(out)
    assert code == 0
    assert 960 <= d["km"] <= 1060
    assert d["layer_date"] == "2024-12-22"  # the latest snapshot not after the date
    assert set(d["nearest"]) == {"lat", "lon"}


def test_to_border_json(capsys):
    code, out, _ = run(capsys, "distance", KAZAN, "--to", "border", "--country", "UA", "--json")
    d = json.loads(out)
    assert code == 0
    assert 900 <= d["km"] <= 935
    assert d["target"] == "Ukraine's international border"


def test_own_frontline_file(capsys, tmp_path):
    path = tmp_path / "line.geojson"
    path.write_text(json.dumps({"type": "LineString", "coordinates": [[37, 48], [37, 49]]}), encoding="utf-8")
    code, out, _ = run(capsys, "distance", "48.5,38", "--frontline", str(path), "--json")
    assert code == 0
    assert json.loads(out)["km"] == pytest.approx(73.9, abs=0.5)


@pytest.mark.parametrize(
    ("content", "args"),
    [
        ("not json at all", ()),
        ('{"type": "Polygon", "coordinates": [[[36, 47], [38, 49], [38, 47], [36, 49], [36, 47]]]}', ()),
        ('{"type": "FeatureCollection", "features": []}', ()),
        ('{"type": "LineString", "coordinates": [[37, 95], [38, 48]]}', ()),
    ],
)
def test_bad_frontline_files_are_one_line_errors(capsys, tmp_path, content, args):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "distance", KAZAN, "--to", "frontline", "--frontline", str(path), *args)
    assert code != 0
    assert out == ""
    assert err.startswith("geomap: error:") and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("95,10", "--to", "border"),
        ("10,200", "48,37"),
        (KAZAN,),
        (KAZAN, "--to", "moon"),
        (KAZAN, "--to", "frontline", "--date", "2024-02-30"),
        (KAZAN, "--to", "frontline", "--date", "1999-01-01"),
        (KAZAN, "--to", "border", "--country", "Narnia"),
        (KAZAN, "48,37", "--to", "border"),
        ("Qwxzzyv Nonexistentsk", "48,37"),
    ],
)
def test_bad_input_is_a_one_line_error(capsys, args):
    code, out, err = run(capsys, "distance", *args)
    assert code != 0
    assert err.startswith("geomap: error:") and err.count("\n") == 1, err


def test_whole_process_exit_status():
    out = subprocess.run(
        [sys.executable, "-m", "geomap", "distance", "91,0", "48,37"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr


@needs_gazetteer
def test_names_sontsivka_to_kurakhove(capsys):
    code, out, _ = run(capsys, "distance", "Sontsivka", "Kurakhove", "--json")
    assert code == 0
    assert json.loads(out)["km"] == pytest.approx(9.9, abs=0.3)


@needs_gazetteer
def test_names_kazan_to_frontline_and_border(capsys):
    _, out, _ = run(capsys, "distance", "Kazan", "--to", "frontline", "--date", "2024-12-22", "--json")
    assert 960 <= json.loads(out)["km"] <= 1060
    _, out, _ = run(capsys, "distance", "Kazan", "--to", "border", "--json")
    assert 900 <= json.loads(out)["km"] <= 935


@needs_gazetteer
def test_python_api_with_names():
    import geomap

    d = geomap.distance("Sontsivka", "Kurakhove")
    assert d.km == pytest.approx(9.9, abs=0.3)
    assert "Sontsivka" in d.origin_name


def test_python_api_with_points():
    import geomap
    from geomap.model import Point

    d = geomap.distance(Point(55.78874, 49.12214), to="border")
    assert 900 <= d.km <= 935
    assert geomap.distance((50.0, 36.0), (50.0, 36.0)).km == 0.0


def test_no_stray_files(tmp_path, capsys):
    before = set(Path.cwd().iterdir())
    run(capsys, "distance", KAZAN, "--to", "border")
    assert set(Path.cwd().iterdir()) == before


@needs_gazetteer
def test_namesakes_are_flagged_and_a_region_picks_one(capsys):
    _, out, _ = run(capsys, "distance", "Petropavlivka", "Kupiansk")
    assert "places so named" in out
    code, out, _ = run(capsys, "distance", "Petropavlivka, Kharkiv Oblast", "Kupiansk", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["km"] < 15  # the village next to Kupiansk, not a namesake elsewhere
    assert "Kharkiv" in d["from_name"]
    # namesakes the region told apart are no longer counted (others within the region still are)
    assert "best of 5 " not in d["from_name"]
