"""The shipped reference data is consistent with its provenance files and with itself."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import shapely

from geomap.geodesy import geodesic_km
from geomap.layers import border_of, country_outline
from geomap.paths import data_dir

FRONT = data_dir() / "frontline"


def _rows(date: str) -> list[dict]:
    with (FRONT / f"line-of-contact-{date}.settlements.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_snapshot_follows_its_settlement_list_in_order():
    rows = _rows("2024-12-22")
    doc = json.loads((FRONT / "line-of-contact-2024-12-22.geojson").read_text(encoding="utf-8"))
    assert doc["properties"]["approximate"] is True and doc["properties"]["error_km"] > 0
    for feature in doc["features"]:
        sector = feature["properties"]["sector"]
        want = [(float(r["lon"]), float(r["lat"])) for r in rows if r["sector"] == sector and r["lat"]]
        got = shapely.get_coordinates(shapely.geometry.shape(feature["geometry"]))
        assert got.shape == (len(want), 2)
        assert np.allclose(got, want, atol=1e-5)
    unresolved = [r["name"] for r in rows if not r["lat"]]
    assert unresolved == doc["properties"]["unresolved"]


def test_settlements_lie_in_ukraine_and_the_line_is_continuous():
    rows = [r for r in _rows("2024-12-22") if r["lat"]]
    ua = country_outline("UA")
    for r in rows:
        assert ua.contains(shapely.Point(float(r["lon"]), float(r["lat"]))), r["name"]
    main = [r for r in rows if r["sector"] == "main"]
    for a, b in zip(main[:-1], main[1:], strict=True):
        gap = geodesic_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
        assert gap < 100, (a["name"], b["name"], gap)  # a namesake far away would break the line


def test_sontsivka_to_kurakhove_from_the_resolved_list():
    rows = {r["name"]: r for r in _rows("2024-12-22")}
    s, k = rows["Sontsivka"], rows["Kurakhove"]
    km = geodesic_km(float(s["lat"]), float(s["lon"]), float(k["lat"]), float(k["lon"]))
    assert km == pytest.approx(9.9, abs=0.3)


def test_borders_are_valid_and_ukraine_touches_its_neighbours():
    ua = country_outline("UA")
    assert ua.is_valid
    line = border_of("UA")
    assert set(
        json.loads((data_dir() / "borders" / "land-borders-10m.geojson").read_text())["features"][0][
            "properties"
        ]["neighbours"]
    ) == {"BY", "HU", "MD", "PL", "RO", "RU", "SK"}
    # the land border is a part of the outline's boundary
    assert ua.boundary.buffer(1e-4).contains(line.geometry)


def test_basemap_layers_exist_and_put_crimea_in_ukraine():
    doc = json.loads((data_dir() / "borders" / "countries-50m.geojson").read_text(encoding="utf-8"))
    by_name = {f["properties"]["name"]: shapely.geometry.shape(f["geometry"]) for f in doc["features"]}
    simferopol = shapely.Point(34.10, 44.95)
    assert by_name["Ukraine"].contains(simferopol)
    assert not by_name["Russia"].contains(simferopol)
    assert (data_dir() / "borders" / "land-50m.geojson").stat().st_size > 100_000
