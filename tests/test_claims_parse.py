"""Distance statements as reporters write them (en/ru/uk), and measures that are not location claims."""

from __future__ import annotations

import pytest

from geomap.claims.parse import find_statements

# (sentence, expected fields of the single statement found)
CLAIMS = [
    # English
    ("The strike hit a tower some 1,000 kilometers (620 miles) from the frontier.",
     dict(value=1000, unit="km", qualifier="about", target_kind="frontier", conversion=(620, 620, "mi"))),
    ("The village lies 30 km north of Kharkiv.",
     dict(value=30, unit="km", qualifier="exact", direction="north", target_kind="place",
          target_text="Kharkiv")),
    ("Belgorod is about 20 miles from the border.",
     dict(value=20, unit="mi", qualifier="about", target_kind="border", border_owner=None)),
    ("The depot is more than 100 km behind the front line.",
     dict(value=100, qualifier="more_than", relation="behind", target_kind="frontline")),
    ("Residents living within 5 km were evacuated.", dict(value=5, qualifier="within", target_kind=None)),
    ("Shelling hit towns 15-20 km from the front.",
     dict(low=15, high=20, qualifier="range", target_kind="frontline")),
    ("The strike landed between 15 and 20 kilometres from the border.",
     dict(low=15, high=20, qualifier="range", target_kind="border")),
    ("Its positions are a dozen kilometres from the front line.", dict(value=12, target_kind="frontline")),
    ("The airbase is two hundred miles from Moscow.",
     dict(value=200, unit="mi", target_kind="place", target_text="Moscow")),
    ("The ship sank 12 nautical miles off the coast of Crimea.", dict(value=12, unit="nmi", relation="off")),
    ("The post is 500 metres from the Russian border.",
     dict(value=500, unit="m", target_kind="border", border_owner="RU")),
    ("The refinery lies 1,023 km from the border with Russia.",
     dict(value=1023, sig=4, target_kind="border", border_partner="RU")),
    ("Civilians live less than a kilometre from the front line.",
     dict(value=1, qualifier="less_than", target_kind="frontline")),
    ("The plant is roughly 60 kilometres south-east of Zaporizhzhia.",
     dict(value=60, qualifier="about", direction="south-east", target_text="Zaporizhzhia")),
    ("Troops were located 25km (15 miles) west of Donetsk.",
     dict(value=25, direction="west", conversion=(15, 15, "mi"), target_text="Donetsk")),
    ("Fighting raged around 40 kilometres northeast of Kupiansk.",
     dict(value=40, qualifier="about", direction="northeast")),
    ("The town is nearly 50 km from the front line.", dict(value=50, qualifier="almost")),
    ("The depot was at least 300 km from the border.", dict(value=300, qualifier="more_than")),
    ("Villages up to 10 km from the front were evacuated.", dict(value=10, qualifier="less_than")),
    ("The airfield is about 100 miles (160 km) inside Russia.",
     dict(value=100, unit="mi", relation="inside", target_kind="border", border_owner="RU",
          conversion=(160, 160, "km"))),
    ("The hamlet sits a few kilometres from the front line.",
     dict(low=2, high=5, qualifier="vague", target_kind="frontline")),
    ("Drones reach towns dozens of kilometres from the front.", dict(low=20, high=99, qualifier="vague")),
    ("Refineries hundreds of kilometres from the front line burn.", dict(low=200, high=999)),
    ("The clinic is just 5 km from the line of contact.", dict(value=5, target_kind="frontline")),
    ("Kramatorsk, 20 km away, was also shelled.", dict(value=20, relation="away", target_kind=None)),
    ("Positions some 30 kilometres to the north of Kharkiv came under fire.",
     dict(value=30, direction="north", target_text="Kharkiv")),
    ("A second blast was heard 40 km south of the city.",
     dict(value=40, direction="south", target_kind="backref")),
    ("The base is 60 miles from the Ukrainian border.", dict(value=60, border_owner="UA")),
    ("The plant is about 1.5 thousand km from Ukraine.",
     dict(value=1500, sig=2, target_kind="place", target_text="Ukraine")),
    ("The school stands at a distance of 30 km from the border.", dict(value=30, target_kind="border")),
    ("It is 7 kilometers from the contact line.", dict(value=7, target_kind="frontline")),
    ("Reserves gathered 10-15 kilometres behind the frontline.",
     dict(low=10, high=15, relation="behind", target_kind="frontline")),
    ("Artillery hit villages 20 to 30 km from the frontlines.", dict(low=20, high=30)),
    ("Rescuers worked 3.5 km from the front line.", dict(value=3.5, sig=2)),
    ("The convoy was spotted 8 km from the Belarusian border.", dict(value=8, border_owner="BY")),
    ("The village is 12 km (7.5 miles) from the front line.", dict(value=12, conversion=(7.5, 7.5, "mi"))),
    ("Reni lies just 10 km upriver from Izmail.", dict(value=10, target_text="Izmail")),
    ("Nikopol is roughly 20 km across the reservoir from Enerhodar.",
     dict(value=20, qualifier="about", target_text="Enerhodar")),
    ("The base is 30 km as the crow flies from Kyiv.", dict(value=30, target_text="Kyiv")),
    ("Pokrovsk is only around 5 miles from Russian lines.",
     dict(value=5, unit="mi", qualifier="about", target_kind="frontline")),
    ("The village is within artillery range, 15 km from Russian positions.",
     dict(value=15, target_kind="frontline")),
    ("Ukraine hit a target 1,800 kilometres inside Russia.",
     dict(value=1800, relation="inside", target_kind="border", border_owner="RU")),
    ("Russian forces were 2 miles from the centre of Toretsk.",
     dict(value=2, unit="mi", target_text="Toretsk")),
    # Russian
    ("Дрон упал в 1000 км от линии фронта.", dict(value=1000, target_kind="frontline")),
    ("Взрыв прогремел в 30 километрах к северу от Харькова.",
     dict(value=30, direction="северу", target_kind="place", target_text="Харькова")),
    ("Город находится в 15 км севернее Донецка.",
     dict(value=15, direction="севернее", target_text="Донецка")),
    ("Склад расположен более чем в 100 км от линии фронта.", dict(value=100, qualifier="more_than")),
    ("Село находится около 20 км от границы.", dict(value=20, qualifier="about", target_kind="border")),
    ("Аэродром примерно в 50 км от российской границы.",
     dict(value=50, qualifier="about", border_owner="RU")),
    ("Поселок в 10 км от границы с Украиной.", dict(value=10, border_partner="UA")),
    ("Объект на расстоянии 30 км от линии соприкосновения.", dict(value=30, target_kind="frontline")),
    ("Судно было в 12 морских милях от побережья Крыма.", dict(value=12, unit="nmi", target_text="Крыма")),
    ("Завод в 1,5 тыс. км от границы.", dict(value=1500, target_kind="border")),
    ("Эвакуация в пределах 5 км от линии фронта.", dict(value=5, qualifier="within")),
    ("Удары наносятся от 15 до 20 км от линии фронта.", dict(low=15, high=20, qualifier="range")),
    ("Деревня в двадцати километрах от границы.", dict(value=20, target_kind="border")),
    ("Казань находится в тысяче километров от фронта.", dict(value=1000, target_kind="frontline")),
    ("Город в 30-ти километрах от линии фронта.", dict(value=30)),
    ("Обстрел в 5 км к юго-западу от Покровска.", dict(value=5, direction="юго-западу")),
    ("Населённый пункт расположен в полутора километрах от границы.", dict(value=1.5, target_kind="border")),
    ("Село в 3 км от позиций ВСУ.", dict(value=3, target_kind="frontline")),
    ("Москва находится примерно в 450 км от границы с Украиной.",
     dict(value=450, qualifier="about", border_partner="UA")),
    # Ukrainian
    ("Село розташоване за 30 км від кордону.", dict(value=30, target_kind="border")),
    ("Місто розташоване приблизно за 20 км від лінії фронту.",
     dict(value=20, qualifier="about", target_kind="frontline")),
    ("Вибух за 10 км на південний схід від Покровська.",
     dict(value=10, direction="південний схід", target_text="Покровська")),
    ("Склад розташований понад 100 км від лінії фронту.", dict(value=100, qualifier="more_than")),
    ("Люди живуть менш ніж за 5 км від передової.",
     dict(value=5, qualifier="less_than", target_kind="frontline")),
    ("Село у 40 кілометрах від російського кордону.", dict(value=40, border_owner="RU")),
    ("Громада за 50 км від кордону з Росією.", dict(value=50, border_partner="RU")),
    ("Бої тривають близько 15 кілометрів північніше Харкова.",
     dict(value=15, qualifier="about", direction="північніше")),
    ("Удари за 15-20 км від лінії зіткнення.", dict(low=15, high=20, target_kind="frontline")),
    ("Аеродром за двісті кілометрів від фронту.", dict(value=200, target_kind="frontline")),
    ("Завод за тисячу кілометрів від лінії фронту.", dict(value=1000)),
    ("Місто на відстані 25 км від кордону.", dict(value=25, target_kind="border")),
    ("Місто за 20 км від лінії розмежування.", dict(value=20, target_kind="frontline")),
    ("Село лежить за кілька кілометрів від кордону.", dict(low=2, high=9, qualifier="vague")),
    ("Курахове — за 30 км на захід від Донецька.", dict(value=30, direction="захід", target_text="Донецька")),
]  # fmt: skip

NOT_CLAIMS = [
    "It was the 1,000th day of the war.",
    "A 30-km convoy was seen on the highway.",
    "There was a 40 km-long queue at the crossing.",
    "The car drove at 100 km/h through the town.",
    "Kyiv fears a 5,000-km range missile.",
    "Missiles with a range of 300 km were delivered.",
    "Troops advanced 5 km near the village.",
    "The 1,000-km (620-mile) front line is quiet.",
    "The front line stretches 1,000 km.",
    "The drone flew 1,000 km from its launch site to hit Kazan.",
    "Some 20 square kilometres of land were retaken.",
    "The city raised $5m from donors.",
    "Soldiers dug 5 km of trenches.",
    "A 40 km long column approached.",
    "Jets fly at 800 km per hour.",
    "The war entered its 1,000th day.",
    "Ракета дальностью 300 км.",
    "Колонна длиной 40 км стоит у границы.",
    "Видна 40-километровая колонна.",
    "Машина ехала со скоростью 100 км/ч.",
    "Войска продвинулись на 2 км.",
    "Ракети з дальністю 300 км.",
    "Колона завдовжки 40 км.",
    "Авто їхало зі швидкістю 100 км/год.",
    "Війська просунулися на 3 км.",
    "He walked 20 km to safety.",
    "The car stopped 30 metres from the front of the building.",
    "The nearest hospital is 10 km from the nearest pharmacy.",
    "Судно было в 12 морских милях от побережья.",
    "The hospital is 30 km by road from the town.",  # road distance, not a straight line
]


@pytest.mark.parametrize(("sentence", "expected"), CLAIMS, ids=[c[0][:40] for c in CLAIMS])
def test_claim_phrasings(sentence: str, expected: dict) -> None:
    found = find_statements(sentence)
    assert len(found) == 1, found
    st = found[0]
    for key, want in expected.items():
        got = getattr(st, key)
        if isinstance(want, float | int) and not isinstance(want, bool) and got is not None:
            assert got == pytest.approx(want), (key, got)
        else:
            assert got == want, (key, got)
    if "low" not in expected and st.qualifier not in ("range", "vague"):
        assert st.low == st.high == st.value
    assert sentence[st.start : st.end] == st.text


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_claims(sentence: str) -> None:
    assert find_statements(sentence) == []


def test_enough_phrasings() -> None:
    assert len(CLAIMS) + len(NOT_CLAIMS) >= 60


def test_offsets_in_longer_text_and_several_statements() -> None:
    text = (
        "Officials said the town was hit. It lies 12 km from the front line.\n\n"
        "Another village, 30 km north of Sumy, was shelled; it is 8 km from the border."
    )
    found = find_statements(text)
    assert [s.value for s in found] == [12, 30, 8]
    for s in found:
        assert text[s.start : s.end] == s.text
        assert text[s.target_start : s.target_end] == s.target_text


def test_statement_text_starts_at_the_hedge() -> None:
    (st,) = find_statements("The tower was hit some 1,000 kilometers (620 miles) from the frontier.")
    assert st.text == "some 1,000 kilometers (620 miles) from the frontier"
    assert st.km == pytest.approx(1000)


def test_miles_and_metres_in_km() -> None:
    (mi,) = find_statements("It is 20 miles from the border.")
    (m,) = find_statements("It is 800 metres from the border.")
    assert mi.km == pytest.approx(32.18688)
    assert m.km == pytest.approx(0.8)


def test_descending_range_is_not_a_range() -> None:
    assert find_statements("It is 20-15 km from the front line.") == []


def test_no_crash_on_odd_text() -> None:
    for text in ("", "km", "from the border", "1,000", "в км от", "a a a km from", "(( 5 km ))"):
        find_statements(text)
