"""Regions as real reports name them: declined region nouns, lists sharing one noun, raions named after
their centres, abbreviations, offices and administrations. Sentences written for these tests, in
Russian, Ukrainian and English, read with the real gazetteer."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract
from geomap.text.regionnouns import centre_names, region_noun


def _places(text: str) -> dict[str, tuple[str, str]]:
    """Mention text -> (place name, role)."""
    rep = extract(text, date="2024-12-22")
    return {m.text: (m.place.place.name, m.role) for m in rep.mentions if m.place is not None}


@pytest.mark.parametrize(
    ("word", "kind", "plural", "singular"),
    [
        ("областями", "oblast", True, False),
        ("области", "oblast", True, True),  # Курской области (one) / Курскую и Брянскую области (two)
        ("краю", "krai", False, True),
        ("районах", "raion", True, False),
        ("районі", "raion", False, True),
        ("громади", "hromada", True, True),
        ("regions", "region", True, False),
        ("ова", "body", True, True),
    ],
)
def test_region_nouns_in_every_case(word, kind, plural, singular) -> None:
    rn = region_noun(word)
    assert rn is not None and (rn.kind, rn.plural, rn.singular) == (kind, plural, singular)


def test_the_centre_a_raion_adjective_is_named_after() -> None:
    assert "стародуб" in centre_names("Стародубском")
    assert "туапсе" in centre_names("туапсинский")
    assert "покровськ" in centre_names("Покровському")
    assert "шевченкове" in centre_names("Шевченківської")
    assert "донецьк" in centre_names("донецького")
    assert centre_names("Київ") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Беспилотники сбиты над Краснодарским краем и Ростовской областью.",
         {"Краснодарским краем": "Krasnodar Krai", "Ростовской областью": "Rostov Oblast"}),
        ("Над Липецкой и Орловской областями уничтожены беспилотники.",
         {"Липецкой": "Lipetsk Oblast", "Орловской": "Oryol Oblast"}),
        ("Дрони атакували Воронезьку, Курську та Бєлгородську області.",
         {"Воронезьку": "Voronezh Oblast", "Курську": "Kursk Oblast", "Бєлгородську": "Belgorod Oblast"}),
        ("Обстрілу зазнали села в Сумській і Чернігівській областях.",
         {"Сумській": "Sumy Oblast", "Чернігівській": "Chernihiv Oblast"}),
        ("Drones were downed over the Bryansk and Smolensk regions.",
         {"Bryansk": "Bryansk Oblast", "Smolensk": "Smolensk Oblast"}),
    ],
)  # fmt: skip
def test_declined_and_listed_regions(text, expected) -> None:
    got = _places(text)
    assert {k: got[k][0] for k in expected if k in got} == expected, got


def test_a_raion_the_gazetteer_lacks_stands_for_its_centre() -> None:
    got = _places("В Туапсинском районе Краснодарского края горел нефтезавод. Обстрелян Стародубский район.")
    assert got["Туапсинском районе"][0] == "Tuapse"
    assert got["Стародубский район"][0] == "Starodub"
    got = _places("У Куп’янській громаді Харківщини обстріляли три села.")
    assert got["Куп’янській громаді"][0] in ("Kupiansk", "Kupyansk")


def test_abbreviated_republics_are_their_oblasts() -> None:
    got = _places("Бои продолжаются в ДНР и ЛНР. Russian troops advanced in the DPR.")
    assert got["ДНР"][0] == "Donetsk Oblast" and got["ЛНР"][0] == "Luhansk Oblast"
    assert got["DPR"][0] == "Donetsk Oblast"


def test_an_office_does_not_swallow_its_region() -> None:
    """The governor's title is followed by the region, then the person: the region stays a place, a
    mention (the seat of the office), and its later mentions are not taken for the person."""
    got = _places(
        "Губернатор Белгородской области Вячеслав Гладков сообщил о пострадавших. "
        "В Белгородской области объявлена тревога."
    )
    assert got["Белгородской области"][0] == "Belgorod Oblast"  # both mentions, neither taken for a person
    assert "Вячеслав" not in got and "Гладков" not in got
    rep = extract("Губернатор Белгородской области Вячеслав Гладков сообщил о пострадавших.")
    (m,) = rep.mentions
    assert m.place.place.name == "Belgorod Oblast" and m.role == "mention"
    got = _places("Голова Сумської ОВА Олег Григоров повідомив про обстріл Сум.")
    assert got["Сумської ОВА"] == ("Sumy Oblast", "metonym")
    assert got["Сум"][0] == "Sumy"


def test_a_region_noun_understood_from_earlier_in_the_sentence() -> None:
    got = _places("Пять дронов сбили над Брянской областью, три — над Курской, два — над Орловской.")
    assert got["Курской"][0] == "Kursk Oblast" and got["Орловской"][0] == "Oryol Oblast"


def test_a_plant_named_after_its_town_is_at_the_town() -> None:
    got = _places("Беспилотники атаковали Саратовский НПЗ. Рязанський нафтопереробний завод горить.")
    assert got["Саратовский"][0] == "Saratov" and got["Рязанський"][0].startswith("Ryazan")


def test_an_adjective_of_an_unknown_two_word_name_is_not_a_place_alone() -> None:
    got = _places("Бои шли в районе Черкасского Поречного и Мартыновки Курской области.")
    assert "Черкасского" not in got
