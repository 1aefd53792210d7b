"""What issue 10 asks of the line of contact on the real occupied-area files in ../shared/frontline.

The files are test inputs only (DeepState's content, no open licence): they are read from ../shared and
these tests skip, with the reason, where it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from geomap.geodesy.nearest import nearest_points, segments_of
from geomap.layers import border_of, country_outline, frontline_for

FRONT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "frontline"

KAZAN = (55.7963, 49.1088)
ARMYANSK = (46.1088, 33.6921)
KHARKIV = (49.9935, 36.2304)
KHERSON = (46.6354, 32.6169)
SUDZHA = (51.1917, 35.2722)
KURSK = (51.7373, 36.1874)
DONETSK = (48.0159, 37.8028)


def _file(name: str) -> Path:
    path = FRONT_DIR / name
    if not path.is_file():
        pytest.skip(f"../shared/frontline/{name} is absent (only CI and developers have it)")
    return path


def _km(layer, point) -> float:
    return layer.distance_from(point).km


def test_kazan_armyansk_kharkiv_on_2024_12_22_from_the_cyterat_file():
    layer = frontline_for("2024-12-22", path=_file("deepstatemap_data_20241222.geojson"))
    assert layer.date == "2024-12-22"  # from the YYYYMMDD in the name
    assert 975 <= _km(layer, KAZAN) <= 1005
    assert 70 <= _km(layer, ARMYANSK) <= 85
    assert 28 <= _km(layer, KHARKIV) <= 36


def test_the_derived_line_keeps_off_the_border_and_the_coast():
    layer = frontline_for(None, path=_file("deepstatemap_data_20241222.geojson"))
    ua = country_outline("UA")
    land = border_of("UA").geometry
    coast = ua.boundary.difference(land.buffer(1e-4))
    pts = shapely.get_coordinates(shapely.segmentize(layer.geometry, 0.005))  # every ~0.5 km
    outside = ~shapely.contains_xy(ua.buffer(0.0001), pts[:, 0], pts[:, 1])
    assert not outside.any()  # clipped to Ukraine: nothing past the border at all
    near_land = nearest_points(pts[:, 1], pts[:, 0], segments_of(land)).km
    near_coast = nearest_points(pts[:, 1], pts[:, 0], segments_of(coast)).km
    spacing_km = 0.5
    assert (near_land < 0.5).sum() * spacing_km < 10  # only where the front meets the border
    assert (near_coast < 0.5).sum() * spacing_km < 10  # only where the front meets the sea


def test_the_dnipro_front_at_kherson_is_kept_on_2023_06_01():
    layer = frontline_for("2023-06-01", path=_file("occupied-2023-06-01.geojson"))
    assert _km(layer, KHERSON) < 3.0


def test_a_raw_api_answer_is_read_by_status():
    raw = frontline_for(None, path=_file("deepstate-api-raw-1734816028.geojson"))
    assert raw.name == "line of contact"  # not the first feature's name
    assert raw.date == "2024-12-21"  # from the Unix time in the name
    assert raw.distance_from((54.7104, 20.4522)).km > 900  # Kaliningrad: the joke polygon is not a front
    assert raw.distance_from((61.78, 34.36)).km > 1000  # Petrozavodsk (Karelia) likewise
    assert 975 <= _km(raw, KAZAN) <= 1005
    assert raw.inside(DONETSK) == "occupied area"


def test_the_raw_answer_gives_the_cyterat_line_of_that_day_within_2_km():
    raw = frontline_for(None, path=_file("deepstate-api-raw-1734816028.geojson"))
    daily = frontline_for(None, path=_file("deepstatemap_data_20241222.geojson"))

    def farthest(a, b) -> float:
        pts = shapely.get_coordinates(shapely.segmentize(a.geometry, 0.01))
        return float(np.max(nearest_points(pts[:, 1], pts[:, 0], segments_of(b.geometry)).km))

    # the raw answer also holds the Kursk salient's line, which the daily export has not
    held = raw.held
    pts = shapely.get_coordinates(shapely.segmentize(raw.geometry, 0.01))
    if held is not None:
        keep = ~shapely.dwithin(held.boundary, shapely.points(pts), 0.02)
        pts = pts[keep]
    raw_to_daily = float(np.max(nearest_points(pts[:, 1], pts[:, 0], segments_of(daily.geometry)).km))
    assert raw_to_daily < 2.0
    assert farthest(daily, raw) < 2.0


def test_sudzha_with_the_held_area_added():
    layer = frontline_for(
        "2024-08-20",
        path=_file("deepstatemap_data_20240820.geojson"),
        held=_file("ukrainian-held-in-russia-2024-08-20.geojson"),
    )
    d = layer.distance_from(SUDZHA)
    assert d.km < 6.0
    assert d.inside == "Ukrainian-held area"
    assert 70 <= _km(layer, KURSK) <= 85


def test_a_kmz_export_gives_the_same_line():
    kmz = frontline_for(None, path=_file("deepstatemap_data_20241222.kmz"))
    geojson = frontline_for(None, path=_file("deepstatemap_data_20241222.geojson"))
    assert _km(kmz, KAZAN) == pytest.approx(_km(geojson, KAZAN), abs=0.5)


def test_a_place_behind_the_line_is_said_to_be():
    layer = frontline_for("2024-12-22", path=_file("deepstatemap_data_20241222.geojson"))
    d = layer.distance_from(DONETSK)
    assert d.inside == "occupied area"
    assert "behind the front line" in d.note
    assert layer.distance_from(KHARKIV).inside == ""


def test_a_file_newer_than_the_date_asked_is_said():
    layer = frontline_for("2023-06-01", path=_file("deepstatemap_data_20241222.geojson"))
    assert "after the date asked for" in layer.note


def test_check_and_map_judge_with_the_users_file(tmp_path):
    """`map --frontline FILE` and `check --frontline FILE` report the same computed km."""
    from geomap.pipeline import check

    path = _file("deepstatemap_data_20241222.geojson")
    article = tmp_path / "kazan.txt"
    article.write_text(
        "Published 2024-12-22.\n\nKazan lies some 1,000 km from the front line, officials said.\n",
        encoding="utf-8",
    )
    by_check = check(article, None, path)
    by_map = check(article, None, frontline_for(None, path=path))  # what `map` hands down
    got = [c.computed_km for c in by_check.claims]
    assert got and got == [c.computed_km for c in by_map.claims]
    assert 975 <= got[0] <= 1005


def test_a_raw_file_with_no_occupied_feature_is_refused(tmp_path):
    from geomap.errors import InputError

    doc = json.loads(_file("deepstate-api-raw-1734816028.geojson").read_text(encoding="utf-8"))
    doc["features"] = [
        f
        for f in doc["features"]
        if "status.occupied" not in f["properties"].get("name", "")
        and "territories." not in f["properties"].get("name", "")
    ]
    bad = tmp_path / "raw-no-occupied.geojson"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="no occupied area"):
        frontline_for(None, path=bad)
