"""Test doubles shared by the tests: a small in-memory gazetteer over a handful of real places.

`FakeGazetteer` implements the NameIndex protocol (geomap.text.recognise) that recognition and
resolution need, so those stages run without an index.
"""

from __future__ import annotations

import unicodedata

from geomap.model import Candidate, Document, Place
from geomap.text.sentences import split_sentences


def _fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.lower())
    return "".join(ch for ch in d if ch.isalnum())


def place(name, lat, lon, cc, kind="settlement", admin1=None, pop=0, code=None, names=(), pid=None):
    return Place(
        name,
        lat,
        lon,
        cc,
        kind,
        admin1,
        None,
        pop,
        None,
        code,
        tuple(names),
        "test",
        pid or f"t:{name}:{lat}",
    )


PLACES = [
    place("Kharkiv Oblast", 49.6, 36.6, "UA", "admin1", names=("Kharkiv region", "Харківська область")),
    place("Donetsk Oblast", 48.0, 37.8, "UA", "admin1", names=("Donetsk region",)),
    place("Zaporizhzhia Oblast", 47.5, 35.8, "UA", "admin1", names=("Zaporizhzhia region",)),
    place("Republic of Tatarstan", 55.5, 51.0, "RU", "admin1", names=("Tatarstan",)),
    place("Ukraine", 49.0, 32.0, "UA", "country", code="PCLI"),
    place("Russia", 60.0, 100.0, "RU", "country", code="PCLI"),
    place("Kyiv", 50.45466, 30.5238, "UA", admin1="Kyiv City", pop=2_900_000, code="PPLC"),
    place("Moscow", 55.75222, 37.61556, "RU", admin1="Moscow", pop=10_000_000, code="PPLC"),
    place("Kazan", 55.78874, 49.12214, "RU", admin1="Republic of Tatarstan", pop=1_100_000, code="PPLA"),
    place("Lozova", 48.89066, 36.31412, "UA", admin1="Kharkiv Oblast", pop=54_000, code="PPL"),
    place("Lozova", 49.45, 37.85, "UA", admin1="Kharkiv Oblast", pop=130, code="PPL", pid="t:lozova-village"),
    place("Pokrovsk", 48.28198, 37.17585, "UA", admin1="Donetsk Oblast", pop=60_000, code="PPL"),
    place("Kurakhove", 47.9847, 37.28069, "UA", admin1="Donetsk Oblast", pop=18_000, code="PPL"),
    place(
        "Sontsivka",
        48.04866,
        37.18893,
        "UA",
        admin1="Donetsk Oblast",
        pop=400,
        names=("Krasnoye",),
        pid="t:sontsivka",
    ),
    place("Krasnoye", 51.0, 40.0, "RU", admin1="Voronezh Oblast", pop=3000, code="PPL"),
    place("Krasnoye", 45.0, 41.0, "RU", admin1="Stavropol Krai", pop=2500, code="PPL"),
    place("Velyka Novosilka", 47.84, 36.83, "UA", admin1="Donetsk Oblast", pop=5000, code="PPL"),
    place("Orikhiv", 47.57, 35.78, "UA", admin1="Zaporizhzhia Oblast", pop=14_000, code="PPL"),
    place(
        "Bakhmut",
        48.59,
        38.0,
        "UA",
        admin1="Donetsk Oblast",
        pop=70_000,
        names=("Artemovsk",),
        pid="t:bakhmut",
    ),
    place("Police", 53.55, 14.57, "PL", admin1="West Pomerania", pop=33_000, code="PPL"),
    place("Sunday", 10.0, 10.0, "NG", pop=600, code="PPL"),
]


class FakeGazetteer:
    """Exact lookups over the places given (scored by population, as the real index roughly does)."""

    def __init__(self, places):
        self.places = list(places)
        self.by_name: dict[str, list[Place]] = {}
        for p in self.places:
            for n in (p.name, *p.names):
                self.by_name.setdefault(_fold(n), []).append(p)

    def is_name(self, text: str) -> bool:
        return _fold(text) in self.by_name

    def exact(self, name: str) -> list[Candidate]:
        places = sorted(self.by_name.get(_fold(name), []), key=lambda p: -p.population)
        top = max((p.population for p in places), default=1) or 1
        return [Candidate(p, 0.3 + 0.4 * (p.population / top), "exact", name) for p in places]

    def region(self, country, admin1):
        return next((p for p in self.places if p.kind == "admin1" and p.name == admin1), None)


def document(text: str, sections=(), language: str = "en", date: str | None = None) -> Document:
    """A Document as ingest would make it from plain text."""
    return Document(
        text=text, sentences=split_sentences(text), sections=tuple(sections), language=language, date=date
    )
