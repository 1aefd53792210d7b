"""KATOTTG: the converter (scripts/build_katottg.py) on hand-written codifier rows, the shipped table, the
loader, and how approximately placed villages behave in lookups and extraction."""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from pathlib import Path

import pytest

from geomap.gazetteer.katottg import (
    KATOTTG_FILE,
    ApproxPlace,
    approximate_reason,
    attach_renamings,
    demoted_order,
    katottg_places,
)
from geomap.gazetteer.sources import FORMER, SourcePlace, SourceStats
from geomap.gazetteer.translit import skeleton
from geomap.model import Place

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "data" / "gazetteer" / KATOTTG_FILE


def _script():
    spec = importlib.util.spec_from_file_location("build_katottg", REPO / "scripts" / "build_katottg.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_katottg"] = mod  # dataclasses look their module up while the script loads
    spec.loader.exec_module(mod)
    return mod


bk = _script()

# A made-up oblast in the codifier's layout: level codes, category, name (hromada names carry a trailing
# space in the real sheet). Two hromadas: Ромашківська (centre Ромашки, known) and Вербівська (centre
# Вербове, unknown to the gazetteer); a Ковилове in each.
OB, P = "UA63000000000041885", "UA63120000000091135"
H1, H2 = "UA63120010000011111", "UA63120020000022222"
ROWS = [
    ("Кодифікатор", None, None, None, None, None, None),
    (
        "Перший рівень",
        "Другий рівень",
        "Третій рівень",
        "Четвертий рівень",
        "Додатковий рівень",
        "Кат",
        "Назва",
    ),
    (OB, None, None, None, None, "O", "Харківська"),
    (OB, P, None, None, None, "P", "Харківський"),
    (OB, P, H1, None, None, "H", "Ромашківська "),
    (OB, P, H1, "UA63120010010010001", None, "X", "Ромашки"),
    (OB, P, H1, "UA63120010020010002", None, "C", "Ковилове"),
    (OB, P, H1, "UA63120010030010003", None, "C", "Тихе"),
    (OB, P, H1, "UA63120010040010004", None, "C", "Лісне"),
    (OB, P, H2, None, None, "H", "Вербівська "),
    (OB, P, H2, "UA63120020010020001", None, "C", "Вербове"),
    (OB, P, H2, "UA63120020020020002", None, "C", "Ковилове"),
    (OB, OB, OB, "UA63000000010030001", None, "M", "Безрайонне"),  # a city directly under its oblast
    ("UA80000000000093317", None, None, None, None, "K", "Київ"),
]
REGIONS = (
    "country\tlevel\tgeonames_admin1\tiso_3166_2\tname\tnames\tlat\tlon\tparent\tsource\n"
    "UA\t1\tUA.07\tUA-63\tKharkiv Oblast\tХарківська область|Kharkiv region\t49.6\t36.5\t\tt\n"
    "UA\t1\tUA.12\t\tKyiv City\tмісто Київ\t50.45\t30.52\t\tt\n"
    "UA\t2\tUA.07\t\tKharkiv Raion\tХарківський район\t50.0\t36.25\tKharkiv Oblast\tt\n"
)


def _known(pid, lat, lon, *names, admin1="07", pop=0):
    return bk.Known(pid, admin1, lat, lon, pop, frozenset(skeleton(n) for n in names), tuple(names))


KNOWN = [
    _known("gn:1", 50.20, 36.40, "Romashky", "Ромашки"),  # the centre of H1
    _known("gn:2", 50.30, 36.50, "Tykhe", "Тихе"),  # 13 km from it: a known member
    _known("gn:3", 49.00, 37.50, "Kovylove", "Ковилове"),  # a namesake 160 km away: not H1's Ковилове
    _known("gn:4", 50.45, 30.52, "Kyiv", "Київ", admin1="12", pop=2_900_000),
]


def _decide(tmp_path, known=KNOWN):
    path = tmp_path / "regions.tsv"
    path.write_text(REGIONS, encoding="utf-8")
    oblasts, raions = bk.read_regions(path)
    units = bk.read_codifier(ROWS)
    return bk.decide(units, known, oblasts, raions, lambda s: s.upper(), skeleton)


def test_codifier_rows_become_settlements_with_their_parents():
    units = {u.code: u for u in bk.read_codifier(ROWS)}
    assert len(units) == 8  # 7 settlements + Kyiv; no oblast, raion or hromada rows
    u = units["UA63120020020020002"]
    assert (u.name_uk, u.category, u.oblast_uk, u.raion_uk, u.hromada_uk) == (
        "Ковилове",
        "C",
        "Харківська",
        "Харківський",
        "Вербівська",
    )
    orphan = units["UA63000000010030001"]
    assert (orphan.raion_uk, orphan.hromada_uk, orphan.hromada_code) == ("", "", "")
    centres = bk.hromada_centres(list(units.values()))
    assert centres[H1].name_uk == "Ромашки" and centres[H2].name_uk == "Вербове"


def test_centre_is_the_member_the_hromada_is_named_after_even_when_not_first():
    rows = [ROWS[2], ROWS[3], ROWS[4], ROWS[6], ROWS[5]]  # Ковилове listed before Ромашки
    centres = bk.hromada_centres(bk.read_codifier(rows))
    assert centres[H1].name_uk == "Ромашки"


def test_known_approx_and_raion_placements(tmp_path):
    decisions, figures = _decide(tmp_path)
    by = {d.unit.code: d for d in decisions}
    assert by["UA63120010010010001"].status == "known"  # the centre
    assert by["UA63120010030010003"].place_id == "gn:2"  # Тихе, 13 km from its centre
    kov = by["UA63120010020010002"]  # Ковилове of H1: the only gazetteer Ковилове is 160 km away
    assert (kov.status, kov.placed_at, kov.place_id) == ("approx", "hromada", "gn:1")
    assert (kov.lat, kov.lon) == (50.20, 36.40)
    assert kov.uncertainty_km == figures["radius_default_km"]  # only one known member: the default
    assert kov.name == "КОВИЛОВЕ" and kov.admin1 == "UA.07" and kov.raion == "Kharkiv Raion"
    assert kov.centre_name == "РОМАШКИ"
    lis = by["UA63120010040010004"]
    assert lis.status == "approx" and lis.place_id == "gn:1"
    # H2's centre is unknown: its settlements fall back to the raion's centre, with the wide radius
    for code in ("UA63120020010020001", "UA63120020020020002"):
        d = by[code]
        assert (d.status, d.placed_at, d.lat, d.lon) == ("approx", "raion", 50.0, 36.25)
        assert d.uncertainty_km == bk.RAION_RADIUS_KM
    assert by["UA63000000010030001"].placed_at == "none"
    assert by["UA80000000000093317"].status == "known"  # Kyiv
    assert figures["known"] == 3 and figures["approx_raion"] == 2


def test_radius_is_the_farthest_known_member_when_enough_are_known(tmp_path):
    more = [
        *KNOWN,
        _known("gn:5", 50.25, 36.45, "Lisne", "Лісне"),
        _known("gn:6", 50.20, 36.60, "Kovylove", "Ковилове"),  # H1's Ковилове after all: 14 km east
    ]
    decisions, _ = _decide(tmp_path, more)
    by = {d.unit.code: d for d in decisions}
    assert by["UA63120010020010002"].place_id == "gn:6"  # the near namesake, not the far one
    assert all(d.status == "known" for c, d in by.items() if c.startswith("UA6312001"))
    # H2's Ковилове is unknown (its hromada's centre is unknown and the name is not unique in the oblast)
    assert by["UA63120020020020002"].status == "approx"


def test_centre_found_under_the_name_its_hromada_keeps(tmp_path):
    # Вербівська hromada's centre Вербове is unknown, but GeoNames has Verbivka (its former name, which the
    # hromada's adjective still carries) 20 km from the raion's centre: the hromada is placed there
    more = [*KNOWN, _known("gn:7", 50.10, 36.45, "Verbivka", "Вербівка")]
    decisions, _ = _decide(tmp_path, more)
    by = {d.unit.code: d for d in decisions}
    for code in ("UA63120020010020001", "UA63120020020020002"):  # the centre itself stays approximate
        assert (by[code].status, by[code].placed_at, by[code].place_id) == ("approx", "hromada", "gn:7")
    far = [*KNOWN, _known("gn:7", 48.90, 38.00, "Verbivka", "Вербівка")]  # 170 km away: not it
    decisions, _ = _decide(tmp_path, far)
    assert {d.placed_at for d in decisions if d.unit.hromada_code == H2} == {"raion"}


def test_one_gazetteer_place_is_claimed_by_one_settlement(tmp_path):
    rows = ROWS[:9]
    rows = [*rows, (OB, P, H1, "UA63120010050010005", None, "C", "Тихе")]  # a second Тихе in H1
    path = tmp_path / "regions.tsv"
    path.write_text(REGIONS, encoding="utf-8")
    oblasts, raions = bk.read_regions(path)
    decisions, _ = bk.decide(bk.read_codifier(rows), KNOWN, oblasts, raions, str, skeleton)
    tykhe = [d for d in decisions if d.unit.name_uk == "Тихе"]
    assert sorted(d.status for d in tykhe) == ["approx", "known"]


def test_russian_names_only_where_namesakes_agree():
    def k(*names):
        return bk.Known("gn:0", "07", 0, 0, 0, frozenset(), names)

    def cyr(n):
        return any("\u0400" <= ch <= "\u04ff" for ch in n)

    known = [
        k("Kamianka", "Кам'янка", "Каменка"),
        k("Kamianka", "Кам'янка", "Каменка"),
        k("Hlyboke", "Глибоке", "Глубокое"),  # seen once: not enough
        k("Zoriane", "Зоряне", "Звёздное"),
        k("Zoriane", "Зоряне", "Зоряное"),  # contradicted: no Russian name
    ]
    ru = bk.russian_names(known, ["Кам'янка", "Глибоке", "Зоряне"], cyr)
    assert ru == {"Кам'янка": "Каменка"}


def test_written_table_loads_and_yields_to_places_already_known(tmp_path):
    decisions, _ = _decide(tmp_path)
    out = tmp_path / KATOTTG_FILE
    rows = bk.write_tsv(decisions, out, keep_known=False)
    assert rows == 5  # 4 approximate + Безрайонне without a point (skipped by the loader)
    st = SourceStats(name="t")
    places = list(katottg_places(out, st))
    assert len(places) == 4 and st.skipped == 1
    kov = next(p for p in places if p.place_id == "katottg:UA63120010020010002")
    assert isinstance(kov, ApproxPlace) and kov.uncertainty_km > 0
    assert (kov.admin1_code, kov.source, kov.population) == ("07", "katottg:РОМАШКИ hromada", 0)
    assert "Ковилове" in kov.names
    # a dump imported later knows H1's Ковилове: the approximate row steps aside
    dump = SourcePlace("gn:9", "Kovylove", 50.21, 36.55, "UA", admin1_code="07", source="geonames-dump")
    dump.add_name("Kovylove", 0)
    st2 = SourceStats(name="t")
    kept = {p.place_id for p in katottg_places(out, st2, known=[dump])}
    assert "katottg:UA63120010020010002" not in kept and len(kept) == 3


def test_renamings_without_coordinates_attach_former_names(tmp_path):
    decisions, _ = _decide(tmp_path)
    out = tmp_path / KATOTTG_FILE
    bk.write_tsv(decisions, out, keep_known=False)
    places = list(katottg_places(out, SourceStats(name="t")))
    ren = tmp_path / "renamings_ua.tsv"
    ren.write_text(
        "geonameid\tname\tadmin1\told_names\tnew_names\tyear\tlat\tlon\tsource\n"
        "\tLisne\t07\tKrasnolisne|Краснолесное\tЛісне\t2024\t\t\tt\n"  # one Лісне in UA.07: attached
        "\tKovylove\t07\tStarokovylove\t\t2024\t\t\tt\n"  # two approximate Ковилове: ambiguous
        "123\tTykhe\t07\tKrasnotykhe\t\t2016\t\t\tt\n",  # has a GeoNames id: not ours
        encoding="utf-8",
    )
    assert attach_renamings(places, ren) == 1
    lisne = next(p for p in places if p.place_id == "katottg:UA63120010040010004")
    assert lisne.names["Краснолесное"] == FORMER and lisne.names["Krasnolisne"] == FORMER
    assert not any("Starokovylove" in p.names for p in places)


def test_reason_and_demotion():
    approx = Place(
        "Hlyboke",
        50.21,
        36.42,
        "UA",
        admin1="Kharkiv Oblast",
        uncertainty_km=18.2,
        source="katottg:Lyptsi hromada",
        place_id="katottg:X",
    )
    exact = Place("Hlyboke", 49.9, 36.9, "UA", admin1="Kharkiv Oblast", place_id="gn:1")
    other = Place("Hlyboke", 47.0, 37.3, "UA", admin1="Donetsk Oblast", place_id="gn:2")
    assert approximate_reason(approx) == (
        "position approximate: placed at the centre of Lyptsi hromada, within ~18 km"
    )
    items = [(0.9, approx), (0.6, exact), (0.5, other)]
    ranked = demoted_order(items)
    assert [items[i][1].place_id for i, _ in ranked] == ["gn:1", "katottg:X", "gn:2"]
    assert ranked[1][1] < ranked[0][1]
    items = [(0.9, approx), (0.95, other)]
    alone = demoted_order(items)
    assert [items[i][1].place_id for i, _ in alone] == ["gn:2", "katottg:X"]  # other region: order by score
    assert Place("A", 0, 0, None).to_dict().get("uncertainty_km") is None
    assert approx.to_dict()["uncertainty_km"] == 18.2


# ----------------------------------------------------------------------------- the shipped table
@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_table_is_well_formed(table):
    assert len(table) > 20_000
    assert tuple(table[0]) == bk.TABLE_COLUMNS
    codes = [r["katottg"] for r in table]
    assert len(set(codes)) == len(codes)
    for r in table:
        assert r["status"] == "approx" and len(r["katottg"]) == 19 and r["katottg"].startswith("UA")
        assert r["category"] in ("C", "X", "M", "T") and r["admin1"].startswith("UA.")
        if r["placed_at"] == "none":
            continue
        lat, lon, radius = float(r["lat"]), float(r["lon"]), float(r["uncertainty_km"])
        assert 44.0 <= lat <= 52.5 and 22.0 <= lon <= 40.3, r
        assert 0 < radius <= 60, r


def test_table_places_front_line_villages_at_their_hromada(table):
    def row(name_uk, hromada):
        hits = [r for r in table if r["name_uk"] == name_uk and r["hromada"] == hromada]
        assert len(hits) == 1, (name_uk, hromada)
        return hits[0]

    hl = row("Глибоке", "Липецька")
    assert (hl["name"], hl["admin1"], hl["hromada_centre"]) == ("Hlyboke", "UA.07", "Lyptsi")
    # Lyptsi lies ~25 km north of Kharkiv; the village is within the stated radius of it
    assert math.isclose(float(hl["lat"]), 50.21, abs_tol=0.05)
    assert row("Котлине", "Покровська")["hromada_centre"] == "Pokrovsk"
    assert row("Крохмальне", "Петропавлівська")["raion"] == "Kupiansk Raion"
    assert row("Ступочки", "Костянтинівська")["admin1"] == "UA.05"


# ----------------------------------------------------------------------------- in the gazetteer
SMALL_ADMIN = (
    "country\tlevel\tgeonames_admin1\tiso_3166_2\tname\tnames\tlat\tlon\tparent\tsource\n"
    "UA\t1\tUA.07\tUA-63\tKharkiv Oblast\tKharkiv region|Харківська область\t49.6\t36.5\t\ttest\n"
    "UA\t1\tUA.05\tUA-14\tDonetsk Oblast\tDonetsk region|Донецька область\t48.1\t37.7\t\ttest\n"
)
SMALL_EXTRA = (
    "id\tname\tnames\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tfeature_code\tsource\n"
    "x:centre\tRomashky\tРомашки\tUA\t07\t\t50.20\t36.40\t900\tPPL\ttest\n"
    "x:vorony\tVorony\tВорони\tUA\t07\t\t49.50\t37.50\t\tPPL\ttest\n"  # exact, 90 km from the approx one
)
SMALL_KATOTTG = "\t".join(bk.TABLE_COLUMNS) + "\n" + "".join(
    "\t".join(row) + "\n"
    for row in (
        ("UA63120010020010002", "Vorony", "Ворони", "Вороны", "C", "UA.07", "Kharkiv Raion", "Ромашківська",
         "Romashky", "approx", "hromada", "50.2000", "36.4000", "x:centre", "12.5"),
        ("UA63120010030010003", "Kovylove", "Ковилове", "", "C", "UA.07", "Kharkiv Raion", "Ромашківська",
         "Romashky", "approx", "hromada", "50.2000", "36.4000", "x:centre", "12.5"),
        ("UA14120010030010003", "Kovylove", "Ковилове", "", "C", "UA.05", "Kramatorsk Raion", "Тестівська",
         "Testivka", "approx", "raion", "48.7000", "37.6000", "", "60"),
    )
)  # fmt: skip


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from geomap.gazetteer.opening import Gazetteer
    from geomap.gazetteer.sourceset import SourceSet

    root = tmp_path_factory.mktemp("katottg")
    d = root / "data" / "gazetteer"
    d.mkdir(parents=True)
    (d / "admin_regions.tsv").write_text(SMALL_ADMIN, encoding="utf-8")
    (d / "settlements_extra.tsv").write_text(SMALL_EXTRA, encoding="utf-8")
    (d / KATOTTG_FILE).write_text(SMALL_KATOTTG, encoding="utf-8")
    return Gazetteer.open(SourceSet(data=root / "data", cache=root / "cache", defaults=False))


def test_small_index_holds_approximate_villages(small):
    top = small.lookup("Ковилове", "Kharkiv Oblast")[0]
    assert top.place.place_id == "katottg:UA63120010030010003"
    assert top.place.uncertainty_km == 12.5 and top.place.admin1 == "Kharkiv Oblast"
    assert any("placed at the centre of Romashky hromada, within ~12 km" in r for r in top.reasons)
    assert top.to_dict()["uncertainty_km"] == 12.5
    raion = small.lookup("Kovylove", "Donetsk Oblast")[0]
    assert raion.place.uncertainty_km == 60 and "Kramatorsk Raion" in " ".join(raion.reasons)
    assert small.lookup("Вороны")[0].place.name == "Vorony"  # the derived Russian name is a name too
    exact_place = small.lookup("Romashky")[0].place
    assert "uncertainty_km" not in exact_place.to_dict()


@pytest.mark.parametrize(
    "context", [None, "Kharkiv Oblast", "Харківська область", "near Romashky", "50.2,36.4"]
)
def test_an_approximate_village_never_outranks_an_exact_namesake_of_its_region(small, context):
    ranked = small.lookup("Vorony", context)
    ids = [c.place.place_id for c in ranked]
    assert ids.index("x:vorony") < ids.index("katottg:UA63120010020010002"), (context, ranked)
    assert ranked[0].score > ranked[1].score


# ----------------------------------------------------------------------------- the default gazetteer
LYPTSI = (50.2092, 36.4209)


def test_hlyboke_in_kharkiv_oblast_is_found_near_lyptsi():
    from geomap.gazetteer import geocode
    from geomap.geodesy.spherical import haversine_km

    for name, context in (("Hlyboke", "Kharkiv Oblast"), ("Глибоке", "Харківська область")):
        top = geocode(name, context)[0]
        assert top.place.uncertainty_km > 0, (name, top)
        assert haversine_km(top.place.lat, top.place.lon, *LYPTSI) < 1, (name, top)
        assert any("Lyptsi hromada" in r for r in top.reasons)


ARTICLE = (
    "Russian troops shelled the village of Hlyboke in Kharkiv Oblast overnight, regional officials said.\n\n"
    "Further south, Ukrainian units held positions near Kotlyne, west of Pokrovsk in Donetsk Oblast."
)


def test_extract_places_katottg_villages_with_precision_2():
    from geomap.pipeline import extract

    report = extract(ARTICLE).to_dict()
    by_text = {m["text"]: m for m in report["mentions"]}
    for name in ("Hlyboke", "Kotlyne"):
        m = by_text[name]
        assert m["precision"] == 2 and m["place"]["uncertainty_km"] > 0, m
        assert "position approximate" in m["note"]
        assert m["place"]["admin1"] in ("Kharkiv Oblast", "Donetsk Oblast")
    pokrovsk = by_text["Pokrovsk"]
    assert pokrovsk["precision"] == 1 and "uncertainty_km" not in pokrovsk["place"]
    # the JSON contract is unchanged but for the one added key
    contract = {"name", "lat", "lon", "country", "admin1", "score", "geonameid", "names"}
    assert contract <= set(by_text["Hlyboke"]["place"])
    assert set(by_text["Hlyboke"]["place"]) - set(pokrovsk["place"]) == {"uncertainty_km"}
