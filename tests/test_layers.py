"""Reference layers: shipped borders and front lines, snapshots by date, files users bring."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import GeomapError, InputError, NotFoundError
from geomap.layers import Layer, border_of, country_outline, frontline_for, layer_for
from geomap.layers.contact import contact_line
from geomap.layers.loaders import load
from geomap.layers.snapshots import Snapshot, pick

KAZAN = (55.78874, 49.12214)  # GeoNames 551487


def _write(path: Path, obj: object) -> Path:
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def _line_feature(coords, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}


# ---------------------------------------------------------------- shipped data


def test_kazan_to_ukraines_border():
    d = border_of("UA").distance_from(KAZAN)
    assert 900 <= d.km <= 935
    assert 225 < d.bearing_deg < 240  # south-west


def test_kazan_to_the_line_of_contact_on_2024_12_22():
    d = frontline_for("2024-12-22").distance_from(KAZAN)
    assert 960 <= d.km <= 1060
    assert d.layer_date == "2024-12-22"
    assert "approximate" in d.note


def test_crimea_is_in_ukraine():
    simferopol = shapely.Point(34.10, 44.95)
    assert country_outline("UA").contains(simferopol)
    assert not country_outline("RU").contains(simferopol)
    # Russia's land border does not run across the Perekop isthmus
    assert border_of("RU").distance_from((46.10, 33.69)).km > 150
    assert border_of("Ukraine").distance_from((46.10, 33.69)).km > 150


def test_border_is_land_only():
    # Odesa is on the coast: its nearest border is Moldova's, tens of km away, not the shore
    assert 40 < border_of("UA").distance_from((46.48, 30.73)).km < 60


def test_unknown_country():
    with pytest.raises(InputError):
        border_of("Atlantis")
    with pytest.raises(NotFoundError):
        border_of("ZZ")


def test_layer_for_names():
    assert layer_for("frontline", date="2025-01-01").kind == "frontline"
    assert layer_for("border", country="RU").name.startswith("Russia")
    with pytest.raises(InputError):
        layer_for("river")


def test_layer_geojson_for_maps():
    doc = frontline_for("2024-12-22").to_geojson()
    assert doc["type"] == "FeatureCollection"
    assert doc["features"][0]["properties"]["date"] == "2024-12-22"
    assert doc["features"][0]["properties"]["approximate"] is True


# ---------------------------------------------------------------- snapshots by date


def test_snapshot_is_the_latest_not_after_the_date():
    snaps = [
        Snapshot("2024-06-01", Path("a")),
        Snapshot("2024-12-22", Path("b")),
        Snapshot("2025-03-01", Path("c")),
    ]
    assert pick("2024-12-22", snaps).date == "2024-12-22"
    assert pick("2025-02-28", snaps).date == "2024-12-22"
    assert pick("2030-01-01", snaps).date == "2025-03-01"
    assert pick(None, snaps).date == "2025-03-01"
    with pytest.raises(InputError, match="earliest"):
        pick("2020-01-01", snaps)


def test_bad_dates():
    for bad in ("yesterday", "2024-13-01", "22.12.2024"):
        with pytest.raises(InputError):
            frontline_for(bad)


# ---------------------------------------------------------------- files users bring


def test_geojson_line(tmp_path):
    path = _write(
        tmp_path / "mine.geojson",
        {
            "type": "FeatureCollection",
            "features": [_line_feature([[37.0, 48.0], [38.0, 48.0]], date="2025-02-03")],
        },
    )
    layer = frontline_for("2025-03-01", path=path)
    assert layer.date == "2025-02-03"
    # segments are ellipsoidal geodesics, which bulge ~120 m north of the parallel over this 1-degree span
    assert layer.distance_from((48.0, 37.5)).km < 0.15
    assert layer.distance_from((49.0, 37.5)).km == pytest.approx(111.2, abs=0.5)


def test_bare_geometry_and_multilinestring(tmp_path):
    path = _write(
        tmp_path / "front-2025-01-05.geojson",
        {"type": "MultiLineString", "coordinates": [[[36, 47], [36, 48]], [[38, 47], [38, 48]]]},
    )
    layer = frontline_for(None, path=path)
    assert layer.date == "2025-01-05"  # from the file name
    assert layer.distance_from((47.5, 37.9)).km < 10


def test_kml_and_kmz(tmp_path):
    kml = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Front 2025-01-10</name>
<Placemark><LineString><coordinates>37.0,48.0,0 38.0,48.0,0</coordinates></LineString></Placemark>
</Document></kml>"""
    (tmp_path / "f.kml").write_text(kml, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "f.kmz", "w") as z:
        z.writestr("doc.kml", kml)
    for name in ("f.kml", "f.kmz"):
        layer = frontline_for(None, path=tmp_path / name)
        assert layer.date == "2025-01-10"
        assert layer.distance_from((48.5, 37.5)).km == pytest.approx(55.6, abs=0.5)


def test_kml_polygon(tmp_path):
    kml = """<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon>
<outerBoundaryIs><LinearRing><coordinates>37,48 38,48 38,49 37,49 37,48</coordinates></LinearRing>
</outerBoundaryIs></Polygon></Placemark></kml>"""
    (tmp_path / "area.kml").write_text(kml, encoding="utf-8")
    loaded = load(tmp_path / "area.kml")
    assert len(loaded.areas) == 1 and not loaded.lines


def test_occupied_area_becomes_its_line_of_contact(tmp_path):
    # an "occupied area": Ukraine east of 38 E. Its boundary follows the Russian border and the Azov
    # coast except along 38 E, which is therefore the whole line of contact.
    area = shapely.intersection(country_outline("UA"), shapely.box(38.0, 46.0, 41.0, 51.0))
    area = max(shapely.get_parts(area), key=lambda g: g.area)
    line = contact_line(area, country_outline("UA"))
    xs = shapely.get_coordinates(line)[:, 0]
    ys = shapely.get_coordinates(line)[:, 1]
    assert xs.min() > 37.99 and xs.max() < 38.01
    assert ys.max() - ys.min() > 2.0  # from near the coast to near the border
    path = _write(
        tmp_path / "occupied.geojson",
        {"type": "Feature", "properties": {}, "geometry": area.__geo_interface__},
    )
    layer = frontline_for(None, path=path)
    assert layer.areas is not None
    assert layer.distance_from((48.5, 37.0)).km == pytest.approx(74.0, abs=1.5)
    assert "derived from occupied-area polygons" in layer.note


def test_area_with_no_free_land_beside_it_has_no_front():
    # all of Ukraine "occupied": every edge is the land border or the coast, none faces free land
    ua = country_outline("UA")
    with pytest.raises(InputError, match="no front"):
        contact_line(ua, ua)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "not GeoJSON"),
        ('{"hello": "world"}', "not GeoJSON"),
        ('{"type": "Topology", "objects": {}}', "not GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "empty geometry"),
        ('{"type": "LineString", "coordinates": []}', "empty geometry"),
        ('{"type": "LineString", "coordinates": [[37, 48], [37, 48]]}', "fewer than two"),
        ('{"type": "LineString", "coordinates": [[37, 148], [38, 48]]}', "out of range"),
        ('{"type": "LineString", "coordinates": [[237, 48], [38, 48]]}', "out of range"),
        ('{"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}', "invalid polygon"),
        ('{"type": "LineString", "coordinates": [["a", "b"], [1, 2]]}', "not GeoJSON"),
        ('{"type": "Point", "coordinates": [37, 48]}', "no lines or polygons"),
    ],
)
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        frontline_for(None, path=path)


def test_bad_kml_and_kmz(tmp_path):
    (tmp_path / "a.kml").write_text("<kml><oops", encoding="utf-8")
    (tmp_path / "b.kmz").write_bytes(b"not a zip")
    (tmp_path / "c.kml").write_text(
        "<kml><Placemark><LineString><coordinates></coordinates></LineString></Placemark></kml>",
        encoding="utf-8",
    )
    for name, message in (("a.kml", "not KML"), ("b.kmz", "not a KMZ"), ("c.kml", "empty geometry")):
        with pytest.raises(InputError, match=message):
            frontline_for(None, path=tmp_path / name)


def test_missing_file(tmp_path):
    with pytest.raises(NotFoundError):
        frontline_for(None, path=tmp_path / "nope.geojson")


def test_layer_is_plain_data():
    layer = Layer(
        name="test", kind="frontline", geometry=shapely.LineString([(30, 50), (31, 50)]), date="2025-01-01"
    )
    assert layer.label == "test (2025-01-01)"
    assert len(layer.distances([50.0, 51.0], [30.5, 30.5]).km) == 2


def test_border_between_two_countries():
    from geomap.layers import border_between

    ua_ru = border_between("UA", "RU")
    assert ua_ru.name == border_between("Russia", "Ukraine").name == "Russia–Ukraine border"
    assert ua_ru.note == "the part of Ukraine's international border along Russia"
    kharkiv = (49.98081, 36.25272)
    assert 25 < ua_ru.distance_from(kharkiv).km < 40
    # from Kyiv the nearest border is Belarus's, the Russian one is much further
    kyiv = (50.45466, 30.5238)
    assert (
        border_between("UA", "BY").distance_from(kyiv).km < border_between("UA", "RU").distance_from(kyiv).km
    )
    with pytest.raises(InputError, match="no land border"):
        border_between("UA", "FI")


def test_several_touching_occupied_polygons_are_dissolved(tmp_path):
    # two adjacent occupied polygons split at 39 E: the shared edge is not a front
    ua = country_outline("UA")
    west = shapely.intersection(ua, shapely.box(38.0, 46.0, 39.0, 51.0))
    east = shapely.intersection(ua, shapely.box(39.0, 46.0, 41.0, 51.0))
    feats = [
        {"type": "Feature", "properties": {"date": "2025-02-01"}, "geometry": g.__geo_interface__}
        for g in (
            max(shapely.get_parts(west), key=lambda g: g.area),
            max(shapely.get_parts(east), key=lambda g: g.area),
        )
    ]
    path = _write(tmp_path / "areas.geojson", {"type": "FeatureCollection", "features": feats})
    layer = frontline_for("2025-03-01", path=path)
    xs = shapely.get_coordinates(layer.geometry)[:, 0]
    assert xs.min() > 37.99 and xs.max() < 38.01  # only the 38 E edge remains
    assert layer.date == "2025-02-01"


def test_kml_multigeometry(tmp_path):
    kml = """<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><MultiGeometry>
<LineString><coordinates>36,47 36,48</coordinates></LineString>
<LineString><coordinates>38,47 38,48</coordinates></LineString>
</MultiGeometry></Placemark></Document></kml>"""
    (tmp_path / "m.kml").write_text(kml, encoding="utf-8")
    layer = frontline_for(None, path=tmp_path / "m.kml")
    assert layer.distance_from((47.5, 37.9)).km < 10
    assert layer.distance_from((47.5, 36.1)).km < 10


def test_distance_to_a_layer_object():
    from geomap.measure import distance

    layer = Layer(name="my line", kind="frontline", geometry=shapely.LineString([(37, 48), (37, 49)]))
    d = distance((48.5, 38.0), to=layer)
    assert d.km == pytest.approx(73.9, abs=0.5)
    assert d.target == "my line"


def test_format_is_sniffed_when_the_extension_lies(tmp_path):
    kml = "<kml><Placemark><LineString><coordinates>37,48 38,48</coordinates></LineString></Placemark></kml>"
    (tmp_path / "line.xml").write_text(kml, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "line.zip", "w") as z:
        z.writestr("doc.kml", kml)
    for name in ("line.xml", "line.zip"):
        assert frontline_for(None, path=tmp_path / name).distance_from((48.5, 37.5)).km == pytest.approx(
            55.6, abs=0.5
        )


def test_kml_with_too_few_coordinates(tmp_path):
    (tmp_path / "one.kml").write_text(
        "<kml><Placemark><LineString><coordinates>37,48</coordinates></LineString></Placemark></kml>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="malformed KML LineString"):
        frontline_for(None, path=tmp_path / "one.kml")


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-300, 300) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["LineString", "MultiLineString", "Polygon", "MultiPolygon", "Point", "Feature", "Nope"]),
    _json,
)
def test_arbitrary_geojson_never_crashes(tmp_path, kind, coords):
    path = tmp_path / "fuzz.geojson"
    path.write_text(json.dumps({"type": kind, "coordinates": coords, "geometry": coords}), encoding="utf-8")
    try:
        layer = frontline_for(None, path=path)
    except GeomapError:
        return
    assert layer.distance_from((48.0, 37.0)).km >= 0
