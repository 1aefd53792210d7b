"""GeomapGeocoder as geopy users know geocoders: reverse, repr, exactly_one, language, RateLimiter."""

from __future__ import annotations

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location
from geopy.point import Point

from geomap import GeomapGeocoder
from geomap.gazetteer.geopy_adapter import languages


@pytest.fixture(scope="module")
def geocoder() -> GeomapGeocoder:
    return GeomapGeocoder()


def test_reverse_finds_pokrovsk_first(geocoder):
    loc = geocoder.reverse((48.28, 37.18))
    assert isinstance(loc, Location)
    assert loc.raw["name"] == "Pokrovsk" and loc.raw["admin1"] == "Donetsk Oblast"
    assert loc.address == "Pokrovsk, Donetsk Oblast, UA"
    assert 0 <= loc.raw["distance_km"] < 2


def test_reverse_many_are_nearest_first_and_take_any_geopy_point(geocoder):
    many = geocoder.reverse("48.28, 37.18", exactly_one=False, limit=4)
    assert isinstance(many, list) and len(many) == 4
    km = [loc.raw["distance_km"] for loc in many]
    assert km == sorted(km) and len({loc.raw["place_id"] for loc in many}) == 4
    assert geocoder.reverse(Point(48.28, 37.18)).raw["name"] == "Pokrovsk"


def test_reverse_far_from_any_place_is_none(geocoder):
    assert geocoder.reverse((0.0, -30.0)) is None  # mid-Atlantic
    assert geocoder.reverse((0.0, -30.0), exactly_one=False) is None
    assert geocoder.reverse((0.0, -30.0), max_km=None) is not None


def test_exactly_one_as_geopy_documents(geocoder):
    one = geocoder.geocode("Kremennaya")
    many = geocoder.geocode("Kremennaya", exactly_one=False)
    assert isinstance(one, Location) and isinstance(many, list) and len(many) > 1
    assert many[0].raw["place_id"] == one.raw["place_id"]
    assert geocoder.geocode("Qzxqzxqzx no such place", exactly_one=False) is None


def test_language_picks_the_name_form(geocoder):
    assert geocoder.geocode("Kyiv", language="uk").address.startswith("Київ")
    assert geocoder.geocode("Kharkiv", language="uk-UA,en;q=0.5").address.startswith("Харків")
    assert geocoder.geocode("Pokrovsk", language="uk").address.startswith("Покровськ")  # not its former name
    assert geocoder.geocode("Pokrovsk", language="ru").address.startswith("Покровск")
    assert geocoder.geocode("Kyiv", language="en").address.startswith("Kyiv")
    assert geocoder.geocode("Kyiv").address.startswith("Kyiv")
    assert geocoder.reverse((48.28, 37.18), language="uk").address.startswith("Покровськ")
    assert languages("ru;q=0.5, uk") == ["uk", "ru"]


def test_rate_limiter_wraps_geocode_and_reverse(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0)
    assert geocode("Artemovsk").raw["name"] == "Bakhmut"
    assert reverse((48.59, 38.0)).raw["name"] == "Bakhmut"


def test_repr_is_readable():
    g = GeomapGeocoder(context="Donetsk Oblast")
    assert repr(g).startswith("GeomapGeocoder(context='Donetsk Oblast', min_score=0.0")
    g.geocode("Kyiv")
    assert "index='" in repr(g)
