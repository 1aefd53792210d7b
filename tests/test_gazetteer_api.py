"""The Python API: geomap.geocode, Gazetteer, contexts, the geopy adapter, and bad input."""

from __future__ import annotations

import pytest

import geomap
from geomap.errors import InputError
from geomap.gazetteer import Context, Gazetteer, fold
from geomap.model import Point


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_public_api_wiring():
    assert geomap.geocode("Kiev")[0].place.name == "Kyiv"
    assert geomap.Gazetteer is Gazetteer
    assert fold("Kup’iansk") == "kupiansk"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 100_000, "Kyiv\x07", "\u0085Kyiv"])
def test_bad_names_raise_input_error(gz, bad):
    with pytest.raises(InputError) as exc:
        gz.lookup(bad)
    assert "\n" not in str(exc.value)


def test_bad_limit(gz):
    with pytest.raises(InputError):
        gz.lookup("Kyiv", limit=0)


def test_context_parsing(gz):
    ctx = gz._context("village, northeastern Kharkiv region")
    assert ctx.kind == "village" and ctx.bearing == 45 and ctx.region.name == "Kharkiv Oblast"
    near = gz._context("near Kurakhove")
    assert near.near_name == "Kurakhove" and abs(near.near.lat - 47.98) < 0.05
    assert gz._context("UA").country == "UA"
    assert gz._context("48.0, 37.8").near == Point(48.0, 37.8)
    ru = gz._context("Донецкой области")
    assert ru.region is not None and ru.region.name == "Donetsk Oblast"
    assert gz._context("Zzzqqq land").unresolved == ("Zzzqqq land",)


def test_context_objects_and_points(gz):
    ctx = Context(near=Point(48.05, 37.19), near_name="the front")
    assert gz.lookup("Krasnoye", context=ctx)[0].place.name == "Sontsivka"
    assert gz.lookup("Krasnoye", context=(48.05, 37.19))[0].place.name == "Sontsivka"
    assert gz.lookup("Pokrovsk", context="RU")[0].place.country == "RU"


def test_distance_reason(gz):
    best = gz.lookup("Krasnoye", context="near Kurakhove")[0]
    assert any("km from Kurakhove" in r for r in best.reasons)


def test_is_name_speed_path(gz):
    assert gz.is_name("Kharkov") and gz.is_name("Харків") and gz.is_name("kup'iansk")
    assert not gz.is_name("the") or gz.is_name("the")  # a real word may be a place name; must not raise
    assert not gz.is_name("Qwxzyvvbnm")


def test_exact_has_no_fuzzy(gz):
    assert gz.exact("Kramatorks") == []
    assert gz.exact("Kramatorsk")[0].place.name == "Kramatorsk"


def test_geopy_adapter():
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders.base import Geocoder
    from geopy.location import Location

    geolocator = geomap.GeomapGeocoder()
    assert isinstance(geolocator, Geocoder)
    loc = geolocator.geocode("Artemovsk")
    assert isinstance(loc, Location) and loc.raw["name"] == "Bakhmut"
    assert abs(loc.latitude - 48.59) < 0.05 and abs(loc.longitude - 38.0) < 0.05
    many = geolocator.geocode("Lozova", exactly_one=False, limit=3)
    assert len(many) >= 2
    assert geolocator.geocode({"city": "Krasnoye", "state": "Donetsk region"}).raw["name"] == "Sontsivka"
    assert geolocator.geocode("") is None
    assert geolocator.geocode("Qwxzyvvbnm", fuzzy=False) is None
    assert RateLimiter(geolocator.geocode, min_delay_seconds=0)("Kiev").raw["name"] == "Kyiv"


def test_a_raion_in_the_context_narrows_the_oblast():
    from geomap import geocode

    village = geocode("Lozova", context="Izium Raion")[0]  # the Borova village, not Lozova the city
    assert village.place.admin2 == "Izium Raion" and village.place.population < 1000
    assert any("Izium Raion" in r for r in village.reasons)
    city = geocode("Lozova", context="Lozova Raion")[0]
    assert city.place.population > 40_000


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Киеве", 50.45, 30.52), ("в Туле", 54.19, 37.62), ("в Артемовске", 48.59, 37.99)],
)
def test_a_cyrillic_inflected_form_beats_a_latin_look_alike(query, lat, lon):
    from geomap import geocode

    top = geocode(query)[0]  # "Киеве" romanises like Kévé (Togo), "Туле" like Tulle (France)
    assert abs(top.place.lat - lat) < 0.2 and abs(top.place.lon - lon) < 0.2, top


@pytest.mark.parametrize(
    ("typo", "admin1"),
    [("Toretks", "Donetsk Oblast"), ("Pokrovks", "Donetsk Oblast"), ("Kramatorks", "Donetsk Oblast")],
)
def test_two_swapped_letters_are_one_typo(typo, admin1):
    from geomap import geocode

    top = geocode(typo)[0]  # "ts"/"sk" digraphs must not hide a swap from the fuzzy tier
    assert top.place.admin1 == admin1 and top.match == "fuzzy", top


def test_a_place_s_own_name_beats_a_name_another_place_once_had():
    from geomap import geocode

    # Podilsk (Odesa Oblast) is the town's own name; GeoNames also lists it for Kropyvnytskyi's district.
    assert geocode("Podilsk")[0].place.admin1 == "Odesa Oblast"


def test_a_guessed_village_point_never_takes_a_region_s_name():
    from geomap import geocode

    # KATOTTG lists a village Харківщина (Sumy Oblast); in reporting the word is Kharkiv Oblast.
    found = geocode("Харківщині", limit=5)
    assert found[0].place.kind == "admin1" and found[0].place.admin1 == "Kharkiv Oblast"
    assert all(c.place.uncertainty_km == 0 for c in found)


def test_a_romanisation_of_a_big_place_s_cyrillic_name_beats_a_small_place_s_latin_alternate():
    from geomap import geocode

    # "Nikolayev" romanises Николаев (Mykolaiv, ~470,000 people); a town in Lviv Oblast lists the Latin
    # spelling itself among its alternate names.
    assert geocode("Nikolayev")[0].place.admin1 == "Mykolaiv Oblast"
