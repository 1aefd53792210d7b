"""The line of contact's derivation on small shapes made here: clip, border and coast removed, slivers,
holes, held areas, raw statuses and dates in file names."""

from __future__ import annotations

import json

import pytest
import shapely

from geomap.errors import InputError
from geomap.layers import border_of, country_outline, frontline_for
from geomap.layers.contact import HOLE_MIN_KM2, derive_contact
from geomap.layers.deepstate import raw_status
from geomap.layers.loaders import date_in_name

UA = country_outline("UA")
LAND = border_of("UA").geometry


def _east_of(lon: float):
    """Ukraine east of a meridian (its largest piece): an occupied area with one straight front."""
    return max(
        shapely.get_parts(shapely.intersection(UA, shapely.box(lon, 44.0, 41.0, 53.0))), key=lambda g: g.area
    )


def _xs(geom):
    return shapely.get_coordinates(geom)[:, 0]


def test_a_spill_past_the_border_is_clipped_and_removed():
    spill = shapely.union(_east_of(38.0), shapely.box(39.5, 49.0, 40.5, 50.5))  # 40+ km into Russia
    c = derive_contact(spill, UA, LAND)
    assert _xs(c.line).min() > 37.99 and _xs(c.line).max() < 38.03
    assert UA.buffer(1e-6).contains(c.occupied)


def test_a_sliver_hole_is_no_front_but_a_pocket_is():
    area = _east_of(38.0)
    sliver = shapely.Point(38.8, 48.9).buffer(0.003)  # ~0.1 km2
    pocket = shapely.Point(38.5, 48.3).buffer(0.05)  # ~60 km2
    assert area.contains(sliver) and area.contains(pocket)
    assert sliver.area * 111 * 74 < HOLE_MIN_KM2
    c = derive_contact(area.difference(sliver).difference(pocket), UA, LAND)
    assert c.dropped_slivers == 1
    assert shapely.Point(38.8, 48.9).distance(c.line) > 0.5  # ~60 km to the 38 E front
    assert shapely.Point(38.5, 48.3).distance(c.line) < 0.06


def test_a_free_strip_along_the_border_is_a_drawing_gap():
    # the occupied area stops ~1.5 km short of the Russian border along its eastern edge
    area = _east_of(38.0)
    gap = LAND.buffer(0.012)
    c = derive_contact(area.difference(gap), UA, LAND)
    assert _xs(c.line).max() < 38.05


def test_a_polygon_outside_ukraine_is_refused():
    with pytest.raises(InputError, match="outside Ukraine"):
        derive_contact(shapely.box(45.0, 52.0, 46.0, 53.0), UA, LAND)


def test_a_held_area_in_russia_adds_its_own_line():
    held = shapely.Polygon([(35.0, 51.0), (35.6, 51.0), (35.6, 51.4), (35.0, 51.4)]).difference(UA)
    c = derive_contact(_east_of(38.0), UA, LAND, held=held)
    inner = shapely.Point(35.3, 51.35)
    assert c.held is not None and c.held.contains(inner)
    assert inner.distance(c.line) == pytest.approx(0.05, abs=0.005)  # its northern edge


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Окуповано /// Occupied /// geoJSON.status.occupied\n", "occupied"),
        ("ОРДЛО /// ORDLO /// geoJSON.territories.ordlo", "occupied"),
        ("Звільнено 25.03 /// Liberated 25.03\xa0/// geoJSON.status.dismissed_at {{at:25.03}}", "liberated"),
        ("Статус невідомий /// Unknown status /// geoJSON.status.unknown", "ignored"),
        ("Напрямок удару /// Direction of attack /// geoJSON.status.attack_direction\n", "ignored"),
        ("some unit /// geoJSON.units.brigade.1-x", "ignored"),
        ("Bakhmut", None),
    ],
)
def test_raw_statuses(name, status):
    assert raw_status({"name": name}) == status


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("deepstatemap_data_20241222.geojson", "2024-12-22"),
        ("occupied-2023-06-01.geojson", "2023-06-01"),
        ("deepstate-api-raw-1734816028.geojson", "2024-12-21"),
        ("area-20241399.geojson", None),  # no 99th day
        ("area-12345678.geojson", None),
        ("front.geojson", None),
    ],
)
def test_dates_in_file_names(name, date):
    assert date_in_name(name) == date


def _feature(name, geom):
    return {"type": "Feature", "properties": {"name": name}, "geometry": shapely.geometry.mapping(geom)}


def test_a_raw_file_counts_only_occupied_polygons(tmp_path):
    occupied = _east_of(38.0)
    liberated = shapely.box(36.0, 48.0, 37.0, 49.0)  # in free Ukraine: no line of its own
    joke = shapely.box(20.0, 54.4, 22.5, 55.2)  # over Kaliningrad
    doc = {
        "type": "FeatureCollection",
        "features": [
            _feature("Звільнено /// Liberated /// geoJSON.status.dismissed", liberated),
            _feature("Окуповано /// Occupied /// geoJSON.status.occupied", occupied),
            _feature("Окуповано /// Prussia /// geoJSON.territories.prussia", joke),
            _feature(
                "Напрямок удару /// Direction of attack /// geoJSON.status.attack_direction",
                shapely.Point(37, 48),
            ),
        ],
    }
    path = tmp_path / "deepstate-api-raw-1734816028.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    layer = frontline_for(None, path=path)
    assert layer.name == "line of contact" and layer.date == "2024-12-21"
    assert _xs(layer.geometry).max() < 38.03 and _xs(layer.geometry).min() > 37.99
    assert layer.distance_from((54.71, 20.45)).km > 900
    assert layer.inside((48.0, 39.0)) == "occupied area"
    assert layer.inside((48.5, 36.5)) == ""


def test_dates_older_or_newer_than_asked_are_said(tmp_path):
    path = tmp_path / "occupied-20240101.geojson"
    path.write_text(json.dumps(_feature("x", _east_of(38.0))), encoding="utf-8")
    assert "after the date asked for" in frontline_for("2023-06-01", path=path).note
    assert "days before 2024-03-01" in frontline_for("2024-03-01", path=path).note
    assert "days before" not in frontline_for("2024-01-10", path=path).note
    assert "after the newest" in frontline_for("2030-01-01").note
