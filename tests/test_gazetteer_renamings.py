"""Renamed settlements of Ukraine (data/gazetteer/renamings_ua.tsv) resolve from their former names.

War reporting names places by their Soviet names, by the names the occupation authorities restored after 2022
(Artemovsk, Dzerzhinsk, Volodarskoye) and by names replaced in 2024-2026. Each sampled renaming is looked up
in every form a reporter uses (English press spelling, Russian, Ukrainian, a Russian phrase with a
preposition), with and without the oblast as context; a former name must not pull the lookup away from an
unrelated, bigger namesake in the oblast the context names; and the table itself must stay sourced.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.fold import fold

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows("renamings_ua.tsv")
OBLAST = {
    r["geonames_admin1"][3:]: r["name"]
    for r in _rows("admin_regions.tsv")
    if r["country"] == "UA" and r["level"] == "1"
}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


# --------------------------------------------------------------------------- the table


def test_table_is_large_sourced_and_dated() -> None:
    assert len(ROWS) >= 250
    assert all(r["source"] for r in ROWS)
    years = {r["year"] for r in ROWS}
    assert {"1989", "2016", "2024"} <= years
    assert all(1900 <= int(y) <= 2030 for y in years)


def test_every_row_has_cyrillic_and_latin_former_names() -> None:
    for row in ROWS:
        old = row["old_names"].split("|")
        assert any(CYRILLIC.search(n) for n in old), row["name"]
        assert any(not CYRILLIC.search(n) for n in old), row["name"]


def test_unverified_years_say_so() -> None:
    """A row either names the resolution, report or article that dates it, or says its year is unchecked."""
    dated = re.compile(r"(resolution|Wikipedia|report|order|decision)", re.IGNORECASE)
    for row in ROWS:
        assert dated.search(row["source"]) or "not checked" in row["source"], row["name"]


def test_east_and_south_dominate() -> None:
    # Donetsk, Luhansk, Kharkiv, Zaporizhzhia, Kherson, Dnipropetrovsk, Mykolaiv, Odesa
    east_south = {"05", "14", "07", "26", "08", "04", "16", "17"}
    assert sum(r["admin1"] in east_south for r in ROWS) >= len(ROWS) * 2 // 3


# --------------------------------------------------------------------------- every former-name form


# (geonameid, oblast code, forms without context, forms that need the oblast as context)
SAMPLE: list[tuple[int, str, tuple[str, ...], tuple[str, ...]]] = [
    (713174, "05", ("Artemovsk", "Артемовск", "Артемівськ", "в Артемовске"), ()),
    (704422, "05", ("Krasnoarmeysk", "Красноармейск", "Красноармійськ", "под Красноармейском"), ()),
    # "в Димитрове" is also the Ukrainian nominative of Dymytrove (now Oleksandriiske): context decides
    (710035, "05", ("Dimitrov", "Dymytrov", "Димитров"), ("в Димитрове",)),
    # Dzerzhinsk (Nizhny Novgorod Oblast) and Dzyarzhynsk (Belarus) share all forms but Latin "Dzerzhynsk"
    (709354, "05", ("Dzerzhynsk",), ("Dzerzhinsk", "Дзержинск", "Дзержинськ", "в Дзержинске")),
    (704204, "05", ("Krasny Liman", "Красный Лиман", "Червоний Лиман", "в Красном Лимане"), ()),
    (705812, "10", ("Kirovograd", "Кировоград", "Кіровоград", "в Кировограде"), ()),
    (709930, "04", ("Dnepropetrovsk", "Днепропетровск", "Дніпропетровськ", "в Днепропетровске"), ()),
    (709932, "04", ("Dneprodzerzhinsk", "Днепродзержинск", "Дніпродзержинськ", "в Днепродзержинске"), ()),
    (699751, "05", ("Novgorodskoye", "Новгородское", "Новгородське", "в Новгородском"), ()),
    (704288, "05", (), ("Krasnoye", "Красное", "Красне", "в Красном")),
    (692975, "14", ("Stakhanov", "Стаханов", "в Стаханове"), ()),
    (704403, "14", ("Krasnodon", "Краснодон", "в Краснодоне"), ()),
    (692105, "14", ("Свердловськ",), ("Sverdlovsk", "Свердловск", "в Свердловске")),
    (704202, "14", ("Krasny Luch", "Красный Луч", "Красний Луч", "в Красном Луче"), ()),
    (707688, "17", ("Illichivsk", "Ilyichevsk", "Ильичёвск", "Іллічівськ", "в Ильичёвске"), ()),
    (704679, "17", ("Котовськ",), ("Kotovsk", "Котовск", "в Котовске")),
    (691037, "08", ("Tsyurupinsk", "Tsiurupynsk", "Цюрупинск", "Цюрупинськ", "в Цюрупинске"), ()),
    (6559559, "18", ("Комсомольськ",), ("Komsomolsk", "Комсомольск", "в Комсомольске")),
    (7525990, "16", ("Yuzhnoukrainsk", "Южноукраинск", "Южноукраїнськ", "в Южноукраинске"), ()),
    (699445, "04", ("Новомосковськ",), ("Novomoskovsk", "Новомосковск", "в Новомосковске")),
    (704388, "07", ("Krasnograd", "Красноград", "в Краснограде"), ()),
    (697592, "14", (), ("Pervomaisk", "Первомайск", "Первомайськ", "в Первомайске")),
    (691374, "05", ("Torez", "Торез", "в Торезе"), ()),
    (705809, "14", ("Кіровськ",), ("Kirovsk", "Кировск", "в Кировске")),
    (713176, "05", ("Artyomovo", "Артемове"), ("Artemove", "Артёмово")),
    (691741, "05", ("Telmanovo", "Тельманово", "Тельманове"), ()),
    (705186, "05", (), ("Komsomolskoye", "Комсомольское", "Комсомольське")),
    (691705, "14", ("Teplogorsk", "Теплогорск", "Теплогірськ", "в Теплогорске"), ()),
    (688073, "05", ("Yunokommunarovsk", "Юнокоммунаровск", "Юнокомунарівськ"), ()),
    (
        691999,
        "14",
        ("Severodonetsk", "Sievierodonetsk", "Северодонецк", "Сєвєродонецьк", "в Северодонецке"),
        (),
    ),
    (697637, "13", ("Pereyaslav-Khmelnitsky", "Переяслав-Хмельницкий", "Переяслав-Хмельницький"), ()),
    (689151, "05", (), ("Volodarskoye", "Володарское", "Володарське")),
    (690713, "10", (), ("Ulyanovka", "Ульяновка")),
    (705821, "05", (), ("Kirovo", "Кирово", "Кірове")),
    (13561143, "05", (), ("Ворошиловский район", "Voroshylovskyi district")),
]
NO_CONTEXT = [(gid, form) for gid, _, forms, _ in SAMPLE for form in forms]
WITH_CONTEXT = [(gid, code, form) for gid, code, free, ctx in SAMPLE for form in (*free, *ctx)]


@pytest.mark.parametrize(("gid", "form"), NO_CONTEXT, ids=[f for _, f in NO_CONTEXT])
def test_former_name_resolves_without_context(gz, gid, form):
    best = gz.lookup(form, limit=3)[0]
    assert best.place.geonameid == gid, (form, best.place.name, best.place.admin1, best.reasons)


@pytest.mark.parametrize(("gid", "code", "form"), WITH_CONTEXT, ids=[f for _, _, f in WITH_CONTEXT])
def test_former_name_resolves_with_oblast_context(gz, gid, code, form):
    best = gz.lookup(form, context=OBLAST[code], limit=3)[0]
    assert best.place.geonameid == gid, (form, OBLAST[code], best.place.name, best.place.admin1, best.reasons)


def test_former_names_are_marked_renamed(gz):
    for form in (
        "Krasnoarmeysk",
        "Stakhanov",
        "Yuzhnoukrainsk",
        "Teplogorsk",
        "Tsyurupinsk",
        "Novgorodskoye",
        "Torez",
    ):
        assert gz.lookup(form)[0].match == "renamed", form


def test_russian_context_works_too(gz):
    assert gz.lookup("Дзержинск", context="Донецкая область")[0].place.geonameid == 709354
    assert gz.lookup("Красное", context="Донецкая область")[0].place.geonameid == 704288
    assert gz.lookup("Первомайск", context="Луганская область")[0].place.geonameid == 697592


# --------------------------------------------------------------------------- no capture of namesakes


# (form, context, what the top answer must be: a geonameid, or ("RU", admin1 word) for a Russian namesake)
NAMESAKES: list[tuple[str, str, object]] = [
    ("Pervomaisk", "Mykolaiv Oblast", 697593),  # the unrenamed city, not Sokolohirsk (Luhansk Oblast)
    ("Pervomaisk", "Luhansk Oblast", 697592),
    ("Krasnoye", "Lviv Oblast", 704277),  # Krasne in Lviv Oblast, not Sontsivka
    ("Dimitrov", "Kirovohrad Oblast", 710032),  # Dymytrove, now Oleksandriiske, not Myrnohrad
    ("Komsomolske", "Kharkiv Oblast", 705183),  # Slobozhanske (Zmiiv), not Kalmiuske in Donetsk Oblast
    ("Komsomolske", "Donetsk Oblast", 705186),
    ("Novomoskovsk", "Tula Oblast", ("RU", "Tula")),
    ("Dzerzhinsk", "Nizhny Novgorod Oblast", ("RU", "Nizhny")),
    ("Kirovsk", "Murmansk Oblast", ("RU", "Murmansk")),
    ("Kotovsk", "Tambov Oblast", ("RU", "Tambov")),
    ("Sverdlovsk", "Luhansk Oblast", 692105),
]


@pytest.mark.parametrize(
    ("form", "context", "expected"), NAMESAKES, ids=[f"{f}|{c}" for f, c, _ in NAMESAKES]
)
def test_former_name_does_not_capture_namesake_elsewhere(gz, form, context, expected):
    best = gz.lookup(form, context=context, limit=3)[0]
    got = (best.place.name, best.place.country, best.place.admin1, best.place.geonameid)
    if isinstance(expected, int):
        assert best.place.geonameid == expected, got
    else:
        assert best.place.country == expected[0] and expected[1] in (best.place.admin1 or ""), got


def _names(place) -> set[str]:
    return {fold(n) for n in (place.name, *place.names)}


def test_every_row_is_found_from_its_former_name_in_context(gz):
    """Table-wide: each row's first Cyrillic former name, with the row's oblast as context, finds the row's
    place among the first five, and only places that carry the same name (today or formerly: several villages
    of one oblast were all Kirove or Zhovtneve) may rank above it."""
    misses = []
    for row in ROWS:
        old = next(n for n in row["old_names"].split("|") if CYRILLIC.search(n))
        found = gz.lookup(old, context=OBLAST[row["admin1"]], limit=5)
        at = next(
            (
                i
                for i, c in enumerate(found)
                if c.place.geonameid == int(row["geonameid"])
                or abs(c.place.lat - float(row["lat"])) + abs(c.place.lon - float(row["lon"])) < 0.06
            ),
            None,
        )
        if at is None or any(fold(old) not in _names(c.place) for c in found[:at]):
            misses.append(
                f"{old} ({OBLAST[row['admin1']]}) -> {[c.place.name for c in found]}, want {row['name']}"
            )
    assert len(misses) <= len(ROWS) // 50, "\n".join(misses)
