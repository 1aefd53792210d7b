"""Roles, event types, claimants and aliases in English, Russian and Ukrainian (in-memory gazetteer)."""

from __future__ import annotations

import pytest
from fakes import PLACES, FakeGazetteer
from fakes import document as _doc
from fakes import place as _p

from geomap.pipeline import extract_document
from geomap.text.triggers import EVENT_TYPES, event_word, means_word

EXTRA = [
    _p("Kursk", 51.73, 36.19, "RU", admin1="Kursk Oblast", pop=440_000, names=("Курск", "Курска", "Курске")),
    _p(
        "Kherson",
        46.64,
        32.61,
        "UA",
        admin1="Kherson Oblast",
        pop=280_000,
        names=("Херсон", "Херсона", "Херсоні", "Херсоне"),
    ),
    _p("Kharkiv", 49.98, 36.25, "UA", admin1="Kharkiv Oblast", pop=1_400_000, names=("Харків", "Харькова")),
    _p("Москва", 55.75222, 37.61556, "RU", admin1="Moscow", pop=10_000_000, code="PPLC", pid="t:moscow-cyr"),
    _p("Київ", 50.45466, 30.5238, "UA", admin1="Kyiv City", pop=2_900_000, code="PPLC", pid="t:kyiv-cyr"),
]
GZ = FakeGazetteer(PLACES + EXTRA)


def _run(text: str, language: str = "en"):
    doc = _doc(text)
    doc = type(doc)(text=doc.text, sentences=doc.sentences, sections=doc.sections, language=language)
    return {m.text: m for m in extract_document(doc, GZ).mentions}


def test_threat_plan_and_attempt_are_mentions():
    ms = _run("Russia plans to attack Kharkiv again, and its attempt to capture Pokrovsk failed.")
    assert ms["Kharkiv"].role == "mention"
    assert ms["Pokrovsk"].role == "mention"


def test_reported_strike_is_an_event_with_means():
    ms = _run("A Russian missile struck Kharkiv on Tuesday, killing two people.")
    assert ms["Kharkiv"].role == "event" and ms["Kharkiv"].event_type == "missile strike"


def test_place_sense_of_a_capital_is_not_a_metonym():
    ms = _run("Air defences were active over Kyiv as explosions shook the city.")
    assert ms["Kyiv"].role in ("event", "mention")
    ms = _run("Kyiv was hit by drones overnight.")
    assert ms["Kyiv"].role == "event"


def test_capital_as_government():
    ms = _run("Moscow denied the report. Kyiv insists it will hold the line.")
    assert ms["Moscow"].role == "metonym" and ms["Kyiv"].role == "metonym"


def test_english_claimant_with_side_in_phrase():
    ms = _run("Ukraine's General Staff said Russian forces shelled Kherson overnight.")
    assert ms["Kherson"].role == "event" and ms["Kherson"].event_type == "shelling"
    assert ms["Kherson"].claimant == "Ukrainian General Staff"


def test_russian_metonym_event_and_claimant():
    ms = _run("Москва заявила, что украинские дроны атаковали Курск.", "ru")
    assert ms["Москва"].role == "metonym"
    assert ms["Курск"].role == "event" and ms["Курск"].event_type == "drone attack"
    assert ms["Курск"].claimant == "Russian government"


def test_ukrainian_inflected_event_and_claimant():
    ms = _run("Генштаб ЗСУ повідомив про обстріл Херсона вранці.", "uk")
    assert ms["Херсона"].role == "event" and ms["Херсона"].event_type == "shelling"
    assert ms["Херсона"].place.place.name == "Kherson"
    assert ms["Херсона"].claimant == "Ukrainian General Staff"


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("Fighting continued around Bakhmut, which Russia calls Artemovsk.", "Bakhmut", "Artemovsk"),
        ("Troops advanced near Artemovsk (Bakhmut) on Friday.", "Artemovsk", "Bakhmut"),
    ],
)
def test_stated_aliases_share_one_entity_and_place(text, a, b):
    ms = _run(text)
    assert ms[a].entity == ms[b].entity
    assert ms[a].place.place.place_id == ms[b].place.place.place_id == "t:bakhmut"
    assert ms[a].role == ms[b].role == "event"


def test_parenthesised_region_is_a_qualifier_not_an_alias():
    ms = _run("Drones struck Kazan (Tatarstan) overnight.")
    assert ms["Kazan"].entity != ms["Tatarstan"].entity
    assert ms["Kazan"].role == "event" and ms["Tatarstan"].role == "mention"


def test_listed_places_share_the_event():
    ms = _run("Russian forces captured Kurakhove and Velyka Novosilka, the ministry said.")
    assert ms["Kurakhove"].role == ms["Velyka Novosilka"].role == "event"
    assert ms["Velyka Novosilka"].event_type == "capture claim"


def test_event_vocabulary():
    assert event_word("encircled") == "encirclement"
    assert event_word("освободили") == "capture claim"
    assert event_word("оточення") == "encirclement"
    assert means_word("безпілотників") == "drone attack"
    assert set(EVENT_TYPES) >= {"drone attack", "capture claim", "encirclement", "shelling", "advance"}
