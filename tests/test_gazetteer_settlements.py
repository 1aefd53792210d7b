"""Curated villages (data/gazetteer/settlements_extra.tsv) resolve where war reporting puts them.

Driven by the table itself: every row must be found with only its oblast as context, and must be the
top answer unless another place of that oblast has the same name (a bare oblast context cannot tell
namesakes apart; there a nearby-town context must pick the village). Hand-picked cases cover
namesakes across oblasts, the two Lozova villages and Russian/Ukrainian inflected forms.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
LOZOVA_CITY = (48.89066, 36.31412)
LOZOVA_BOROVA = (49.45, 37.85)
LOZOVA_VOVCHANSK = (50.1775, 37.29389)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


OBLAST = {r["geonames_admin1"]: r["name"] for r in _tsv("admin_regions.tsv") if r["level"] == "1"}
ROWS = [r for r in _tsv("settlements_extra.tsv") if f"{r['country']}.{r['admin1']}" in OBLAST]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_table_is_large_and_sourced() -> None:
    assert len(ROWS) >= 45
    assert all(r["source"] and r["admin2"] for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row_resolves_with_its_oblast(gz: Gazetteer, row: dict[str, str]) -> None:
    oblast = OBLAST[f"{row['country']}.{row['admin1']}"]
    point = (float(row["lat"]), float(row["lon"]))
    found = gz.lookup(row["name"], context=oblast, limit=5)
    assert found, row["id"]
    at = [i for i, c in enumerate(found) if _km((c.place.lat, c.place.lon), point) < 2]
    assert at, (row["id"], [(c.place.name, c.place.lat, c.place.lon) for c in found])
    namesakes = [  # other places of that oblast this name also means (any match but a misspelling)
        c for c in found[: at[0]] if c.place.admin1 == oblast and c.match != "fuzzy"
    ]
    if not namesakes:
        assert at[0] == 0, (row["id"], found[0].place)
    assert found[at[0]].place.admin2 == row["admin2"]


# (query, context, expected point): namesakes told apart by oblast or by a nearby town
NAMESAKES = [
    ("Makiivka", "Luhansk Oblast", (49.22719, 37.98667)),  # not the city of Makiivka, Donetsk Oblast
    ("Makiivka", "village near Svatove", (49.22719, 37.98667)),
    ("Novodonetske", "village near Velyka Novosilka", (47.75417, 36.96111)),  # not the town near Dobropillia
    ("Sukha Balka", "Donetsk Oblast", (48.31778, 37.76444)),
    ("Semenivka", "near Avdiivka", (48.18250, 37.63111)),
    ("Pishchane", "near Kupiansk", (49.56833, 37.83278)),
    ("Lozova", "village near Kupiansk, Kharkiv region", LOZOVA_BOROVA),
]


@pytest.mark.parametrize("query,context,expected", NAMESAKES)
def test_namesake_resolves_by_context(gz: Gazetteer, query: str, context: str, expected) -> None:
    best = gz.lookup(query, context=context, limit=3)[0]
    assert _km((best.place.lat, best.place.lon), expected) < 2, best


def test_lozova_village_never_the_city(gz: Gazetteer) -> None:
    """The Russian MoD's "Lozova in the northeastern Kharkiv region" (2024-12-22) is the Borova village.

    Both Lozova villages lie in the north-east of the oblast, so the phrase alone cannot separate them
    (the Vovchansk one is larger); both must rank above the city, and the Borova one must be offered.
    """
    found = gz.lookup("Lozova", context="village, northeastern Kharkiv region", limit=5)
    top_two = [(c.place.lat, c.place.lon) for c in found[:2]]
    assert all(_km(p, LOZOVA_CITY) > 100 for p in top_two)
    assert any(_km(p, LOZOVA_BOROVA) < 2 for p in top_two)
    assert any(_km(p, LOZOVA_VOVCHANSK) < 2 for p in top_two)


# Russian and Ukrainian inflected forms (pymorphy knows these words as place names or adjectives)
INFLECTED = [
    ("под Уманским", "Donetsk Oblast", (48.15444, 37.56528)),
    ("під Уманським", "Donetsk Oblast", (48.15444, 37.56528)),
    ("у Семёновки", "Donetsk Oblast", (48.18250, 37.63111)),
    ("у Семенівці", "Donetsk Oblast", (48.18250, 37.63111)),
    ("в Орловке", "Donetsk Oblast", (48.16250, 37.63722)),
    ("под Соколом", "Donetsk Oblast", (48.23167, 37.55333)),
    ("в Макеевке", "Luhansk Oblast", (49.22719, 37.98667)),
    ("под Горобьевкой", "Kharkiv Oblast", (49.83167, 37.72889)),
    ("в Котляровке", "Kharkiv Oblast", (49.63056, 37.90667)),
    ("у Песчаного", "Kharkiv Oblast", (49.56833, 37.83278)),
    ("в Новопокровке", "Zaporizhzhia Oblast", (47.50556, 35.98500)),
    ("у Сухой Балки", "Donetsk Oblast", (48.31778, 37.76444)),
    ("біля Сухої Балки", "Donetsk Oblast", (48.31778, 37.76444)),
    ("под Макаровкой", "Donetsk Oblast", (47.77806, 36.80139)),
]


@pytest.mark.parametrize("query,context,expected", INFLECTED)
def test_inflected_form_resolves(gz: Gazetteer, query: str, context: str, expected) -> None:
    best = gz.lookup(query, context=context, limit=3)[0]
    assert _km((best.place.lat, best.place.lon), expected) < 2, best
    assert best.place.source.endswith("settlements_extra.tsv")
