"""Words that look like places and are not: common English words that are also small towns somewhere,
names of forces and formations, weapons, aircraft models, given names. Sentences written for these
tests; each word is tried in several positions of a sentence, read with the real gazetteer."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract

COMMON_ENGLISH = (
    "Air Force Village Shot Channel Hope Council Human Independence Freedom Victory Energy Orange Liberty "
    "Security Union Central Bridge Castle Hill Park Rock Eagle Summit Peace Grain Deal Justice Post Star"
).split()
CONTEXTS = (
    "Officials from {w} said the talks would continue.",
    "The {w} statement came late on Monday, hours after the strike on Kharkiv.",
    "{w} is what both sides say they want.",
    "Russia's {w} and Civil Society body met in Moscow.",
)


def _places(text: str) -> list[str]:
    return [m.text for m in extract(text, date="2024-12-22").mentions if m.place is not None]


@pytest.mark.parametrize("word", COMMON_ENGLISH)
def test_common_english_words_are_not_places(word) -> None:
    for context in CONTEXTS:
        found = _places(context.format(w=word))
        assert word not in found, (context, found)


def test_the_places_around_them_are_still_found() -> None:
    assert _places(CONTEXTS[1].format(w="Council")) == ["Kharkiv"]
    assert "Moscow" in _places(CONTEXTS[3].format(w="Human"))
    # a common word that is what the news means by it stays a place
    assert _places("Talks in Paris and London ended; Georgia sent a delegation.") == [
        "Paris",
        "London",
        "Georgia",
    ]
    assert _places("Russian troops shelled the village of Hope overnight.") == ["Hope"]


@pytest.mark.parametrize(
    "text",
    [
        "Подразделения «Южной» группировки войск улучшили положение.",
        "Подразделения группировки войск „Центр“ продолжили продвижение.",
        "Группировка войск «Восток» отразила контратаки. Группировка «Север» наступает.",
        "Речник ОСУВ «Хортиця» повідомив про 40 атак. Угруповання військ «Таврія» стримує натиск.",
        "Бригада «Азов» та корпус «Дніпро» тримають оборону.",
        "A spokesman for the Khortytsia group of forces said 40 attacks were repelled.",
        "The Tavria operational-strategic group reported heavy fighting.",
    ],
)
def test_force_and_formation_names_are_not_places(text) -> None:
    assert _places(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine received more Stryker vehicles and Javelin missiles.",
        "Russia launched Tu-95 bombers and Su-34 jets; a Ka-52 was downed.",
        "Россия применила Искандер и Кинжал, сообщили Воздушные силы.",
        "Сили оборони відбили 68 атак. Назар Волошин заявив про втрати ворога.",
        "Сили ППО збили 30 шахедів над Україною.",
    ],
)
def test_weapons_models_forces_and_names_are_not_places(text) -> None:
    found = [p for p in _places(text) if p not in ("Ukraine", "Russia", "Україною", "Россия")]
    assert found == []
