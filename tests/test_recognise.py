"""Recognition, resolution and interpretation on a small in-memory gazetteer (no index needed).

The fake gazetteer implements the NameIndex protocol over a handful of real places, so these tests
exercise the span logic, people/organisation filters, aliases, qualifiers and roles in isolation.
"""

from __future__ import annotations

import unicodedata

import pytest

from geomap.model import Candidate, Document, Place, Section
from geomap.pipeline import extract_document
from geomap.text.recognise import recognise
from geomap.text.sentences import split_sentences


def _fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.lower())
    return "".join(ch for ch in d if ch.isalnum())


def _p(name, lat, lon, cc, kind="settlement", admin1=None, pop=0, code=None, names=(), pid=None):
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
    _p("Kharkiv Oblast", 49.6, 36.6, "UA", "admin1", names=("Kharkiv region", "Харківська область")),
    _p("Donetsk Oblast", 48.0, 37.8, "UA", "admin1", names=("Donetsk region",)),
    _p("Zaporizhzhia Oblast", 47.5, 35.8, "UA", "admin1", names=("Zaporizhzhia region",)),
    _p("Republic of Tatarstan", 55.5, 51.0, "RU", "admin1", names=("Tatarstan",)),
    _p("Ukraine", 49.0, 32.0, "UA", "country", code="PCLI"),
    _p("Russia", 60.0, 100.0, "RU", "country", code="PCLI"),
    _p("Kyiv", 50.45466, 30.5238, "UA", admin1="Kyiv City", pop=2_900_000, code="PPLC"),
    _p("Moscow", 55.75222, 37.61556, "RU", admin1="Moscow", pop=10_000_000, code="PPLC"),
    _p("Kazan", 55.78874, 49.12214, "RU", admin1="Republic of Tatarstan", pop=1_100_000, code="PPLA"),
    _p("Lozova", 48.89066, 36.31412, "UA", admin1="Kharkiv Oblast", pop=54_000, code="PPL"),
    _p("Lozova", 49.45, 37.85, "UA", admin1="Kharkiv Oblast", pop=130, code="PPL", pid="t:lozova-village"),
    _p("Pokrovsk", 48.28198, 37.17585, "UA", admin1="Donetsk Oblast", pop=60_000, code="PPL"),
    _p("Kurakhove", 47.9847, 37.28069, "UA", admin1="Donetsk Oblast", pop=18_000, code="PPL"),
    _p(
        "Sontsivka",
        48.04866,
        37.18893,
        "UA",
        admin1="Donetsk Oblast",
        pop=400,
        names=("Krasnoye",),
        pid="t:sontsivka",
    ),
    _p("Krasnoye", 51.0, 40.0, "RU", admin1="Voronezh Oblast", pop=3000, code="PPL"),
    _p("Krasnoye", 45.0, 41.0, "RU", admin1="Stavropol Krai", pop=2500, code="PPL"),
    _p("Velyka Novosilka", 47.84, 36.83, "UA", admin1="Donetsk Oblast", pop=5000, code="PPL"),
    _p("Orikhiv", 47.57, 35.78, "UA", admin1="Zaporizhzhia Oblast", pop=14_000, code="PPL"),
    _p(
        "Bakhmut",
        48.59,
        38.0,
        "UA",
        admin1="Donetsk Oblast",
        pop=70_000,
        names=("Artemovsk",),
        pid="t:bakhmut",
    ),
    _p("Police", 53.55, 14.57, "PL", admin1="West Pomerania", pop=33_000, code="PPL"),
    _p("Sunday", 10.0, 10.0, "NG", pop=600, code="PPL"),
]


class FakeGazetteer:
    def __init__(self, places):
        self.by_name: dict[str, list[Place]] = {}
        for p in places:
            for n in (p.name, *p.names):
                self.by_name.setdefault(_fold(n), []).append(p)

    def is_name(self, text: str) -> bool:
        return _fold(text) in self.by_name

    def exact(self, name: str) -> list[Candidate]:
        places = sorted(self.by_name.get(_fold(name), []), key=lambda p: -p.population)
        top = max((p.population for p in places), default=1) or 1
        return [Candidate(p, 0.3 + 0.4 * (p.population / top), "exact", name) for p in places]

    def region(self, country, admin1):
        return next((p for p in PLACES if p.kind == "admin1" and p.name == admin1), None)


GZ = FakeGazetteer(PLACES)

TEXT = (
    "Russian President Vladimir Putin said on Sunday that his forces had captured Pokrovsk.\n\n"
    "Police said drones attacked Kazan overnight, the capital of Tatarstan.\n\n"
    "The Russian defence ministry said on Telegram its troops had “liberated” the villages of Lozova in the "
    "northeastern Kharkiv region and Krasnoye -- called Sontsivka in Ukraine.\n\n"
    "Kurakhove, which Russia has almost surrounded, lies in the Donetsk region.\n\n"
    "Moscow’s army wants to capture the whole Donetsk region, with Kyiv struggling to hold the line.\n\n"
    "Putin threatened to strike the centre of Kyiv.\n\n"
    "Photo: a drill near Orikhiv in 2023 (Photo by Someone / AFP)"
)


def _doc(text: str, sections=()) -> Document:
    return Document(text=text, sentences=split_sentences(text), sections=tuple(sections), language="en")


@pytest.fixture(scope="module")
def report():
    cap = TEXT.index("Photo:")
    return extract_document(_doc(TEXT, [Section(cap, len(TEXT), "caption")]), GZ)


def _find(report, text, nth=0):
    ms = [m for m in report.mentions if m.text == text]
    assert len(ms) > nth, f"{text!r} not found in {[m.text for m in report.mentions]}"
    return ms[nth]


def test_offsets_point_into_the_text(report):
    for m in report.mentions:
        assert report.text[m.start : m.end] == m.text


def test_people_platforms_and_months_are_not_places(report):
    texts = {m.text for m in report.mentions}
    assert not texts & {"Putin", "Vladimir", "Vladimir Putin", "Telegram", "Sunday", "Police", "Russian"}


def test_region_phrases_and_multiword(report):
    kh = _find(report, "Kharkiv region")
    assert kh.place.place.kind == "admin1" and kh.role == "mention"
    assert _find(report, "Donetsk region").place.place.name == "Donetsk Oblast"


def test_village_in_named_region_beats_the_namesake_city(report):
    lozova = _find(report, "Lozova")
    assert lozova.place.place.place_id == "t:lozova-village"
    assert lozova.role == "event" and lozova.event_type == "capture claim"
    assert lozova.claimant == "Russian defence ministry"
    assert any(a.place.population == 54_000 for a in lozova.alternatives)


def test_stated_alias_is_one_place(report):
    kr, so = _find(report, "Krasnoye"), _find(report, "Sontsivka")
    assert kr.place.place.place_id == so.place.place.place_id == "t:sontsivka"
    assert kr.entity == so.entity
    assert kr.role == so.role == "event"


def test_roles(report):
    assert _find(report, "Kazan").role == "event"
    assert _find(report, "Kazan").event_type == "drone attack"
    assert _find(report, "Kurakhove").event_type == "encirclement"
    assert _find(report, "Moscow").role == "metonym"
    assert _find(report, "Kyiv", 0).role == "metonym"
    assert _find(report, "Kyiv", 1).role == "mention"  # a threat, not an event
    assert _find(report, "Orikhiv").role == "noise"
    assert _find(report, "Ukraine").role == "mention"
    assert _find(report, "Pokrovsk").role == "event"


def test_unknown_village_falls_back_to_the_stated_region():
    text = "Russian troops captured the village of Zelenyi Hai in the Zaporizhzhia region, officials said."
    rep = extract_document(_doc(text), GZ)
    m = next(m for m in rep.mentions if m.text.startswith("Zelen"))
    assert m.precision == 3 and m.place.place.name == "Zaporizhzhia Oblast"
    assert "not in the gazetteer" in m.note


def test_namesake_outside_stated_region_is_not_chosen():
    text = "Shelling hit Pokrovsk in the Kharkiv region on Monday."
    rep = extract_document(_doc(text), GZ)
    m = next(m for m in rep.mentions if m.text == "Pokrovsk")
    assert m.precision == 3 and m.place.place.name == "Kharkiv Oblast"
    assert m.alternatives and m.alternatives[0].place.name == "Pokrovsk"


def test_recognise_is_linear_and_nonoverlapping():
    rec = recognise(_doc(TEXT * 3), GZ)
    spans = [(t.start, t.end) for t in rec.toponyms]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
