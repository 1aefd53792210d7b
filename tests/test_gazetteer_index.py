"""The compiled index on small sources: curated TSVs, GeoNames dump import, rebuilds, concurrent builds."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import pytest

from geomap.errors import InputError, NotFoundError
from geomap.gazetteer.importing import import_dump
from geomap.gazetteer.opening import Gazetteer, _evict
from geomap.gazetteer.sourceset import SourceSet

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"

ADMIN = (
    "country\tlevel\tgeonames_admin1\tiso_3166_2\tname\tnames\tlat\tlon\tparent\tsource\n"
    "UA\t1\tUA.05\tUA-14\tDonetsk Oblast\tDonetsk region|Донецкая область|Донецька область"
    "\t48.1\t37.7\t\ttest\n"
    "UA\t2\t\t\tTestove Raion\tТестовий район\t48.15\t37.4\tDonetsk Oblast\ttest\n"
    "UA\t1\tbad\t\t\t\tnot-a-number\t37\t\ttest\n"
)
EXTRA = (
    "id\tname\tnames\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tfeature_code\tsource\n"
    "x:test-hamlet\tZelenyi Hai Test\tЗелений Гай Тест|Zelyony Gay Test"
    "\tUA\t05\t\t48.2\t37.3\t40\tPPL\ttest\n"
    "x:broken\tBroken\t\tUA\t05\t\tnowhere\t37.3\t\tPPL\ttest\n"
)
RENAMED = (
    "geonameid\tname\tadmin1\told_names\tnew_names\tyear\tlat\tlon\tsource\n"
    "\tNovotestivka\t05\tKrasnotestivka|Красноармейское Тест\tНовотестівка\t2016\t48.3\t37.6\ttest\n"
)


def _data(tmp_path: Path, *, extra: str = EXTRA) -> Path:
    d = tmp_path / "data" / "gazetteer"
    d.mkdir(parents=True, exist_ok=True)
    (d / "admin_regions.tsv").write_text(ADMIN, encoding="utf-8")
    (d / "settlements_extra.tsv").write_text(extra, encoding="utf-8")
    (d / "renamings_ua.tsv").write_text(RENAMED, encoding="utf-8")
    return tmp_path / "data"


@pytest.fixture
def small(tmp_path: Path) -> tuple[SourceSet, Gazetteer]:
    sources = SourceSet(data=_data(tmp_path), cache=tmp_path / "cache", defaults=False)
    return sources, Gazetteer.open(sources)


def test_a_missing_curated_table_is_loud_for_geomaps_own_data(tmp_path, monkeypatch):
    """A broken install (a table missing from the shipped data) is an error, never a smaller index; a
    subset folder (a test's, GEOMAP_DATA's) builds from what it holds."""
    from geomap.gazetteer.opening import ensure_index
    from geomap.gazetteer.sources import CURATED_FILES
    from geomap.paths import data_dir, data_is_shipped

    monkeypatch.delenv("GEOMAP_DATA", raising=False)
    assert data_is_shipped()
    shipped = SourceSet(data=data_dir(), cache=tmp_path / "cache", complete=True)
    assert [p.name for p in shipped.curated()] == list(CURATED_FILES)  # the checkout's data is whole
    subset = SourceSet(data=_data(tmp_path), cache=tmp_path / "cache", defaults=False)
    assert len(subset.curated()) == 3 < len(CURATED_FILES)
    broken = SourceSet(data=_data(tmp_path), cache=tmp_path / "cache", defaults=False, complete=True)
    with pytest.raises(NotFoundError, match="data file .* is missing: reinstall geomap"):
        ensure_index(broken)
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").glob("gazetteer-*"))
    monkeypatch.setenv("GEOMAP_DATA", str(tmp_path / "data"))
    assert not data_is_shipped()


def test_curated_sources_are_indexed(small):
    _, gz = small
    hamlet = gz.lookup("Зелений Гай Тест")[0]
    assert hamlet.place.place_id == "x:test-hamlet" and hamlet.place.admin1 == "Donetsk Oblast"
    renamed = gz.lookup("Krasnotestivka")[0]
    assert renamed.place.name == "Novotestivka" and renamed.match == "renamed"
    region = gz.lookup("Донецкая область")[0]
    assert region.place.kind == "admin1" and region.match == "region"
    assert gz.region("UA", "05").name == "Donetsk Oblast"
    assert gz.region("UA", "Donetsk Oblast").name == "Donetsk Oblast"
    assert gz.region("UA", "99") is None
    assert gz.place("x:test-hamlet").name == "Zelenyi Hai Test"
    with pytest.raises(NotFoundError):
        gz.place("gn:1")


def test_malformed_curated_rows_are_skipped_and_counted(small):
    _, gz = small
    stats = {s["name"]: s for s in gz.info()["sources"]}
    assert stats["curated admin_regions.tsv"]["skipped"] == 1
    assert stats["curated settlements_extra.tsv"]["skipped"] == 1


def test_context_uses_curated_region(small):
    _, gz = small
    best = gz.lookup("Zelyony Gay Test", context="Donetsk region")[0]
    assert best.place.place_id == "x:test-hamlet"
    assert any("Donetsk Oblast" in r for r in best.reasons)


def test_is_name_and_exact(small):
    _, gz = small
    assert gz.is_name("Zelenyi Hai Test") and gz.is_name("ZELENYI-HAI test")
    assert gz.is_name("Зелений Гай Тест")
    assert not gz.is_name("Nowhere at all") and not gz.is_name("") and not gz.is_name("x" * 500)
    assert [c.place.place_id for c in gz.exact("Zelyony Gay Test")] == ["x:test-hamlet"]
    with pytest.raises(InputError):
        gz.exact("   ")


def test_index_rebuilt_when_a_source_grows(tmp_path):
    data = _data(tmp_path)
    sources = SourceSet(data=data, cache=tmp_path / "cache", defaults=False)
    first = Gazetteer.open(sources)
    assert (
        first.lookup("Brand New Village Test") == []
        or first.lookup("Brand New Village Test")[0].match == "fuzzy"
    )
    extra = data / "gazetteer" / "settlements_extra.tsv"
    extra.write_text(
        EXTRA + "x:new\tBrand New Village Test\t\tUA\t05\t\t48.0\t37.0\t10\tPPL\ttest\n", encoding="utf-8"
    )
    second = Gazetteer.open(sources)
    assert second.dir != first.dir
    assert second.lookup("Brand New Village Test")[0].place.place_id == "x:new"
    assert first.dir.exists()  # kept: another install, or a running process, may still use it
    _evict(tmp_path / "cache", keep=second.dir, now=time.time() + 31 * 86400)  # unused for a month
    assert not first.dir.exists()
    assert first.lookup("Zelenyi Hai Test")[0].place.place_id == "x:test-hamlet"  # mapped files still work
    assert sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith("gazetteer-")) == [
        second.dir.name
    ]


def test_the_fingerprint_hashes_every_module_the_build_imports():
    """The build's modules come from its own imports (buildcode.py), not a hand-kept list: the context fit
    (which once went unhashed) and the distances are among them, the queries' opening is not."""
    from geomap.gazetteer.buildcode import build_modules

    modules = build_modules()
    for needed in ("collect", "build", "answers", "lookup", "rank", "context", "store", "twins", "keys"):
        assert f"geomap.gazetteer.{needed}" in modules
    assert "geomap.geodesy.spherical" in modules and "geomap.geodesy" not in modules  # not its package
    assert not {"geomap.gazetteer.opening", "geomap.gazetteer.batch", "geomap.gazetteer"} & set(modules)


def test_the_import_scan_reads_imports_only():
    from geomap.gazetteer.buildcode import _imports

    text = (
        '"""Docs: see geomap.gazetteer.sources, and\nfrom geomap.gazetteer.fuzzy import nothing."""\n'
        "from geomap.gazetteer.keys import FOLDED\n"
        "from geomap.gazetteer import (\n    morph,  # the analysers\n    fold,\n)\n"
        "def f():\n    import geomap.gazetteer.twins as twins\n    from geomap.errors import InputError\n"
        "x = geomap_name = 1\n"
    )
    assert _imports(text) == {
        "geomap.gazetteer.fuzzy",  # a docstring line that reads as an import: hashed, harmlessly
        "geomap.gazetteer.keys",
        "geomap.gazetteer.morph",
        "geomap.gazetteer.fold",
        "geomap.gazetteer.twins",
        "geomap.errors",
    }


def _open_in_child(args: tuple[str, str]) -> str:
    data, cache = args
    gz = Gazetteer.open(SourceSet(data=Path(data), cache=Path(cache), defaults=False))
    return f"{gz.dir.name}:{gz.lookup('Zelenyi Hai Test')[0].place.place_id}"


def test_concurrent_processes_build_once(tmp_path):
    data = _data(tmp_path)
    cache = tmp_path / "cache"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        # bounded: a child that dies would leave a bare Pool.map waiting for ever
        results = pool.map_async(_open_in_child, [(str(data), str(cache))] * 3).get(timeout=240)
    assert len(set(results)) == 1 and results[0].endswith(":x:test-hamlet")
    leftovers = [p.name for p in cache.iterdir() if p.name.startswith(".build-")]
    assert leftovers == []


# --------------------------------------------------------------------------- GeoNames dumps


def test_import_dump_zip_and_alternates(tmp_path):
    cache = tmp_path / "cache"
    places = import_dump(FIXTURES / "XX.zip", cache)
    assert (places.kind, places.rows, places.skipped) == ("geonames", 5, 2)
    alts = import_dump(FIXTURES / "alternateNamesV2.txt", cache)
    assert alts.kind == "alternates" and alts.skipped == 1
    gz = Gazetteer.open(SourceSet(data=_data(tmp_path), cache=cache, defaults=False))
    testove = gz.lookup("Тестовое")[0]
    assert testove.place.geonameid == 99000001 and testove.place.admin1 == "Donetsk Oblast"
    assert gz.lookup("Krasnotestovka")[0].match == "renamed"  # historic alternate name
    assert not gz.is_name("https://example.org/Testove")
    river = gz.lookup("Vovcha River Test")[0]
    assert river.place.kind == "feature" and river.place.feature_code == "STM"
    village = gz.lookup("Malovillage")[0]
    assert village.place.admin2 == "Test Raion"
    assert gz.lookup("Small Village Test")[0].place.geonameid == 99000005
    info = {s["name"]: s for s in gz.info()["sources"]}
    assert any(name.startswith("imported geonames-XX") for name in info)


def test_import_plain_txt(tmp_path):
    result = import_dump(FIXTURES / "XX.txt", tmp_path)
    assert result.rows == 5 and result.skipped == 2 and result.stored.is_file()


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("XX-truncated.zip", InputError, "truncated or corrupt zip"),
        ("cp1251.txt", InputError, "not UTF-8"),
        ("README.md", InputError, "not a GeoNames dump"),
        ("missing.zip", NotFoundError, "no such file"),
    ],
)
def test_import_bad_files(tmp_path, name, error, message):
    with pytest.raises(error) as exc:
        import_dump(FIXTURES / name, tmp_path)
    assert message in str(exc.value) and "\n" not in str(exc.value)
    assert not (tmp_path / "sources").exists() or not list((tmp_path / "sources").iterdir())


def test_import_directory_and_empty(tmp_path):
    with pytest.raises(InputError):
        import_dump(tmp_path, tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        import_dump(empty, tmp_path)


def test_corrupt_index_is_a_clear_error(small, tmp_path):
    sources, gz = small
    shutil.copytree(gz.dir, tmp_path / "copy")
    (tmp_path / "copy" / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="unreadable"):
        Gazetteer(tmp_path / "copy")


def test_unreadable_curated_file_does_not_break_the_gazetteer(tmp_path):
    data = _data(tmp_path)
    (data / "gazetteer" / "renamings_ua.tsv").write_bytes("geonameid\tname\nне UTF-8".encode("cp1251"))
    gz = Gazetteer.open(SourceSet(data=data, cache=tmp_path / "cache", defaults=False))
    assert gz.lookup("Zelenyi Hai Test")[0].place.place_id == "x:test-hamlet"
    stats = {s["name"]: s for s in gz.info()["sources"]}
    assert "not loaded" in stats["curated renamings_ua.tsv"]["detail"]


def test_context_not_understood_is_said(small):
    _, gz = small
    best = gz.lookup("Zelenyi Hai Test", context="Qqqzzz Land")[0]
    assert any("context not understood: Qqqzzz Land" in r for r in best.reasons)
