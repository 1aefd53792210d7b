"""Ukrainian places shown under the national romanisation (KMU 55), GeoNames' form kept as a name."""

from __future__ import annotations

import pytest

from geomap.gazetteer.official import official_name
from geomap.gazetteer.sources import PRIMARY, SourcePlace


def _place(name: str, *names: str, country: str = "UA") -> SourcePlace:
    p = SourcePlace(place_id="t:1", name=name, lat=48.0, lon=37.0, country=country)
    p.add_name(name, PRIMARY)
    for n in names:
        p.add_name(n, 2)
    return p


@pytest.mark.parametrize(
    ("geonames", "names", "official"),
    [
        ("Kupyansk", ("Купянск", "Куп'янськ"), "Kupiansk"),
        ("Zaporizhzhya", ("Запорожье", "Запоріжжя"), "Zaporizhzhia"),
        ("Hulyaypole", ("Гуляйполе",), "Huliaipole"),  # one Cyrillic spelling, shared by both languages
        ("Kharkiv", ("Харьков", "Харків"), None),  # already the official form
        ("Podilskyi", ("Подільськ",), None),  # another place's former name, not this one's in other letters
        ("Dmitriyevka", ("Дмитриевка", "Дмитрівка"), None),  # the Russian form: a different skeleton
    ],
)
def test_the_official_romanisation_of_the_same_name(geonames, names, official) -> None:
    assert official_name(_place(geonames, *names)) == official


def test_only_ukrainian_places() -> None:
    assert official_name(_place("Kupyansk", "Куп'янськ", country="RU")) is None


def test_the_gazetteer_shows_and_finds_both_forms() -> None:
    from geomap import geocode

    (best,) = geocode("Kupyansk", limit=1)
    assert best.place.name == "Kupiansk" and "Kupyansk" in best.place.names
    assert geocode("Berdyansk", limit=1)[0].place.name == "Berdiansk"
    assert geocode("Zaporizhzhia", limit=1)[0].place.name == "Zaporizhzhia"
