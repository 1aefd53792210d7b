"""Recognition, resolution and interpretation on a small in-memory gazetteer (no index needed).

The fake gazetteer (tests/fakes.py) implements the NameIndex protocol over a handful of real places, so
these tests exercise the span logic, people/organisation filters, aliases, qualifiers and roles in isolation.
"""

from __future__ import annotations

import pytest
from fakes import PLACES, FakeGazetteer
from fakes import document as _doc

from geomap.model import Section
from geomap.pipeline import extract_document
from geomap.text.recognise import recognise

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
