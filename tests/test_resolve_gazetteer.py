"""Resolution in context with the real gazetteer, on short texts written for these tests."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract


@pytest.fixture(scope="module")
def run():
    def _run(text: str, date: str | None = "2024-12-22"):
        return extract(text, date=date)

    return _run


def _by_text(report, text):
    ms = [m for m in report.mentions if m.text == text]
    assert ms, f"{text!r} not in {[m.text for m in report.mentions]}"
    return ms


def test_inflected_russian_names_resolve_to_the_right_places(run):
    rep = run("Бои идут под Покровском и у Мирнограда, сообщили в Генштабе. В Белгороде сработала ПВО.\n")
    assert _by_text(rep, "Покровском")[0].place.place.admin1 == "Donetsk Oblast"
    assert _by_text(rep, "Мирнограда")[0].place.place.admin1 == "Donetsk Oblast"
    assert _by_text(rep, "Белгороде")[0].place.place.country == "RU"
    assert {m.role for m in rep.mentions if m.text in ("Покровском", "Мирнограда")} == {"event"}


def test_ukrainian_region_in_locative_and_capital_as_government(run):
    rep = run("Дрони атакували Сумщину вночі. Київ наполягає на посиленні ППО.\n")
    (sumy,) = _by_text(rep, "Сумщину")
    assert sumy.place.place.kind == "admin1" and sumy.role == "event"
    assert _by_text(rep, "Київ")[0].role == "metonym"


def test_a_list_of_regions_is_regions(run):
    rep = run("Drones were shot down over the Mykolaiv, Odesa and Kyiv regions overnight.\n")
    kinds = {m.text: m.place.place.kind for m in rep.mentions}  # the plural noun is the list's
    assert kinds == {"Mykolaiv": "admin1", "Odesa": "admin1", "Kyiv": "admin1"}
    assert _by_text(rep, "Kyiv")[0].place.place.name == "Kyiv Oblast"


def test_river_bank_is_not_the_city(run):
    rep = run("Російські війська обстріляли Херсон з лівого берега Дніпра.\n")
    (river,) = _by_text(rep, "Дніпра")
    assert river.place is None and "river" in river.note and river.role == "mention"
    assert _by_text(rep, "Херсон")[0].role == "event"


def test_unknown_village_near_a_known_town_is_placed_near_it(run):
    rep = run(
        "Ukrainian forces pulled back from the village of Zarichnokamianka near Pokrovsk, the army said.\n"
    )
    (m,) = _by_text(rep, "Zarichnokamianka")
    assert m.precision == 2 and m.place.place.name == "Pokrovsk" and "not in the gazetteer" in m.note
    assert m.role == "event" and m.event_type == "withdrawal"


def test_people_named_like_places_are_not_places(run):
    rep = run("Песков отказался комментировать переговоры. President Volodymyr Zelensky met Keir Starmer.\n")
    assert not {m.text for m in rep.mentions} & {"Песков", "Volodymyr", "Zelensky", "Keir", "Starmer"}


def test_ground_fighting_prefers_the_namesake_on_the_line_of_contact(run):
    text = "The defence ministry said its troops had captured the village of Lozova in the Kharkiv region.\n"
    (m,) = _by_text(run(text), "Lozova")
    assert m.place.place.population < 1000  # a village near the line, not the city of 54,000
    assert any(a.place.population > 50_000 for a in m.alternatives)


def test_dateline_and_possessive_capital(run):
    rep = run("KYIV (Reuters) - Moscow's forces pressed on near Kupiansk, Ukraine's military said.\n")
    assert _by_text(rep, "KYIV")[0].place.place.name == "Kyiv"
    assert _by_text(rep, "Moscow")[0].role == "metonym"
    (kup,) = _by_text(rep, "Kupiansk")
    assert kup.precision == 2 and kup.place.place.admin1 == "Kharkiv Oblast"


def test_self_proclaimed_republic_is_its_oblast_not_a_namesake_town(run):
    rep = run("Минобороны заявило, что войска освободили Курахово в Донецкой народной республике.\n")
    region = [m for m in rep.mentions if m.text.startswith("Донецкой")]
    assert region and region[0].text == "Донецкой народной республике"
    assert region[0].place.place.kind == "admin1"
    assert region[0].place.place.name == "Donetsk Oblast"


def test_a_river_named_like_a_city_is_not_the_city(run):
    rep = run("Russian shelling hit Nikopol, a town across the Dnipro river from Enerhodar.\n")
    dnipro = _by_text(rep, "Dnipro")
    assert all(m.place is None or m.place.place.kind == "feature" for m in dnipro)
    assert all(m.role != "event" for m in dnipro)
