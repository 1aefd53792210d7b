"""Point-to-point geodesy, bearings and compass words, checked against GeographicLib directly."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import InputError
from geomap.geodesy import (
    as_point,
    bearing_agrees,
    bearing_deg,
    compass_bearing,
    compass_point,
    compass_word,
    destination,
    geodesic_km,
    inverse,
    parse_latlon,
)
from geomap.model import Place, Point

lats = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
lons = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)
points = st.tuples(lats, lons)


def _glib_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000.0


@settings(max_examples=300, deadline=None)
@given(points, points)
def test_agrees_with_geographiclib_to_a_millimetre(a, b):
    assert abs(geodesic_km(*a, *b) - _glib_km(a, b)) < 1e-6


@settings(max_examples=200, deadline=None)
@given(points, points)
def test_symmetric(a, b):
    assert geodesic_km(*a, *b) == pytest.approx(geodesic_km(*b, *a), abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(points, points, points)
def test_triangle_inequality(a, b, c):
    assert geodesic_km(*a, *c) <= geodesic_km(*a, *b) + geodesic_km(*b, *c) + 1e-6


def test_vectorised_matches_scalar():
    rng = np.random.default_rng(1)
    la1, la2 = rng.uniform(-80, 80, 50), rng.uniform(-80, 80, 50)
    lo1, lo2 = rng.uniform(-180, 180, 50), rng.uniform(-180, 180, 50)
    km = geodesic_km(la1, lo1, la2, lo2)
    for i in range(50):
        assert km[i] == pytest.approx(_glib_km((la1[i], lo1[i]), (la2[i], lo2[i])), abs=1e-6)


def test_known_distance_sontsivka_kurakhove():
    # GeoNames coordinates of the two Donetsk-oblast villages
    assert geodesic_km(48.04866, 37.18893, 47.9847, 37.28069) == pytest.approx(9.9, abs=0.3)


def test_bearing_and_destination_round_trip():
    kharkiv = Point(49.98081, 36.25272)
    there = destination(kharkiv, 45.0, 30.0)
    km, az = inverse(kharkiv.lat, kharkiv.lon, there.lat, there.lon)
    assert km == pytest.approx(30.0, abs=1e-6)
    assert az == pytest.approx(45.0, abs=1e-6)
    assert bearing_deg(kharkiv, there) == pytest.approx(45.0, abs=1e-6)


@pytest.mark.parametrize(
    ("word", "deg"),
    [
        ("north", 0),
        ("N", 0),
        ("north-east", 45),
        ("northeast", 45),
        ("north-eastern", 45),
        ("NE", 45),
        ("east-north-east", 67.5),
        ("ENE", 67.5),
        ("south-south-west", 202.5),
        ("north-north-west", 337.5),
        ("NNW", 337.5),
        ("westward", 270),
        ("северо-восток", 45),
        ("северо-восточнее", 45),
        ("к югу", 180),
        ("юго-западнее", 225),
        ("на північний схід", 45),
        ("південно-західніше", 225),
        ("на захід", 270),
    ],
)
def test_compass_bearing(word, deg):
    assert compass_bearing(word) == pytest.approx(deg)


@pytest.mark.parametrize("word", ["", "up", "north-south", "NS", "city", "east-west"])
def test_not_a_compass_word(word):
    assert compass_bearing(word) is None


def test_compass_words_of_bearings():
    assert compass_word(0) == "north"
    assert compass_word(44) == "north-east"
    assert compass_word(359) == "north"
    assert compass_word(22.6) == "north-north-east"
    assert compass_word(22.6, winds=8) == "north-east"
    assert compass_word(200, winds=4) == "south"
    assert compass_point(350) == "N"
    assert compass_point(191) == "S"
    with pytest.raises(InputError):
        compass_word(10, winds=12)


def test_bearing_agrees():
    assert bearing_agrees(50, "north-east")
    assert bearing_agrees(85, "north-east")
    assert not bearing_agrees(100, "north-east")
    assert bearing_agrees(350, "north")
    assert not bearing_agrees(180, "north")
    assert bearing_agrees(20, "NNE")
    assert not bearing_agrees(60, "NNE")
    assert bearing_agrees(60, "NNE", tolerance_deg=40)
    with pytest.raises(InputError):
        bearing_agrees(0, "upwards")


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=359.999))
def test_word_of_bearing_agrees_with_bearing(b):
    assert bearing_agrees(b, compass_word(b), tolerance_deg=11.25)


def test_points_are_validated():
    assert as_point((48.0, 37.0)) == Point(48.0, 37.0)
    assert as_point(Place("X", 1.0, 2.0, "UA")) == Point(1.0, 2.0)
    for bad in [(91, 0), (0, 181), (math.nan, 0), ("a", "b"), "48,37", None]:
        with pytest.raises(InputError):
            as_point(bad)
    assert parse_latlon("48.5, 37.9") == Point(48.5, 37.9)
    assert parse_latlon("Kharkiv") is None
    with pytest.raises(InputError):
        parse_latlon("95, 10")


def test_one_compass_vocabulary_read_alike_by_every_reader():
    """The recogniser's and the gazetteer's compass words are the claims checker's, with the same bearings."""
    from geomap.gazetteer import context
    from geomap.geodesy.compass import COMPASS_WORDS, EIGHT_WINDS, PHRASE_STEMS, WORD_STEMS
    from geomap.text import stoplists

    assert stoplists.DIRECTIONS is COMPASS_WORDS and stoplists.DIRECTION_STEMS is WORD_STEMS
    assert context.DIRECTIONS is COMPASS_WORDS and context._DIR_WORDS_RU_UK is PHRASE_STEMS
    for wind in EIGHT_WINDS:
        for word in (*wind.english, *wind.adjective_stems, *wind.word_stems, *wind.slot_stems):
            assert compass_bearing(word) == wind.bearing, word
            assert bearing_agrees(wind.bearing, word)
        for stem in wind.word_stems:
            assert stoplists.direction_of(stem + "ный") == wind.bearing
        for stem in wind.adjective_stems:
            assert context._direction(f"село, {stem}ая часть области")[0] == wind.bearing


def test_the_geodesy_package_imports_light():
    """The gazetteer imports the spherical and compass modules: they must not pull in pyproj or shapely."""
    code = (
        "import sys, geomap.geodesy, geomap.geodesy.spherical, geomap.geodesy.compass; "
        "print(sorted({'pyproj', 'shapely', 'numpy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
