"""Issue 15's file classes from their exact inputs: JSON of the wrong shape named by path, KMZ bombs,
saved reports that are not reports, temporaries left by a killed run."""

from __future__ import annotations

import json
import os
import resource
import time
import zipfile

import pytest

from geomap.errors import InputError
from geomap.fileio import STALE_TEMPORARY_S, atomic_write_text
from geomap.layers.loaders import load
from geomap.render.inputs import load_reports

LINE = {"type": "LineString", "coordinates": [[37.0, 48.0], [38.0, 49.0]]}


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"type": "FeatureCollection", "features": "abc"}, "features: expected an array"),
        (
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": LINE, "properties": []}],
            },
            "features[0].properties: expected an object",
        ),
        ({"type": "GeometryCollection", "geometries": 5}, "geometries: expected an array"),
        ({"type": ["LineString"], "coordinates": []}, "expected an object with a 'type' string"),
        (
            {"type": "Feature", "geometry": {"type": "Point"}},
            "geometry.coordinates: a geometry needs coordinates",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": LINE}] * 3
                + [
                    {
                        "type": "Feature",
                        "geometry": {"type": "LineString", "coordinates": [[37, 48], ["a", 1]]},
                    }
                ],
            },
            "features[3].geometry.coordinates[1][0]: expected an array of numbers",
        ),  # fmt: skip
        ({"type": "LineString", "coordinates": [[37, 48], [1e400, 49]]}, "expected finite numbers"),
    ],
)
def test_geojson_of_the_wrong_shape_names_the_first_offending_path(tmp_path, doc, message):
    path = tmp_path / "line.geojson"
    path.write_text(json.dumps(doc).replace("Infinity", "1e400"))
    with pytest.raises(InputError) as info:
        load(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_geojson_nested_100000_deep_is_one_line(tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text('{"type": "LineString", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(InputError, match="nested deeper"):
        load(path)


REPORT = {"source": "a.txt", "text": "Kyiv.", "mentions": [], "claims": []}
PLACE = {"name": "Kyiv", "lat": 50.45, "lon": 30.52, "country": "UA"}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"mentions": [{"text": "Kyiv", "role": "boss", "place": PLACE}]}, "mentions[0].role"),
        ({"mentions": [{"text": "Kyiv", "start": "zero"}]}, "mentions[0].start: expected a number"),
        ({"mentions": [{"text": "Kyiv", "place": {**PLACE, "lat": 999}}]}, "mentions[0].place.lat: 999"),
        (
            {"mentions": [{"text": "Kyiv", "place": {**PLACE, "lat": float("nan")}}]},
            "place.lat: expected a number",
        ),
        ({"mentions": "none"}, "mentions: expected an array"),
        ({"claims": [{"verdict": "true"}]}, "claims[0].verdict"),
        ({"claims": [{"stated_km": "ten"}]}, "claims[0].stated_km"),
    ],
)
def test_a_saved_report_of_the_wrong_shape_names_the_path(tmp_path, change, message):
    path = tmp_path / "saved.json"
    path.write_text(json.dumps([REPORT, {**REPORT, **change}]))
    with pytest.raises(InputError) as info:
        load_reports(path)
    assert message in str(info.value) and str(info.value).startswith("saved.json: [1].")


def test_a_good_saved_report_still_loads(tmp_path):
    path = tmp_path / "saved.json"
    mention = {"text": "Kyiv", "start": 0, "end": 4, "role": "event", "place": PLACE}
    path.write_text(json.dumps({**REPORT, "mentions": [mention]}))
    assert load_reports(path)[0].mentions[0].place.place.name == "Kyiv"


def test_a_kmz_bomb_is_refused_fast_and_small(tmp_path):
    """A KMZ whose KML expands to 1 GiB of zeros (about 1 MB compressed): refused by its size and ratio,
    within 2 s and without reading it whole."""
    bomb = tmp_path / "bomb.kmz"
    block = b"\0" * (16 * 1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("doc.kml", "w", force_zip64=True) as fh:
            for _ in range(64):
                fh.write(block)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(InputError, match="zip bomb"):
        load(bomb)
    assert time.monotonic() - started < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 250 * 1024  # KB


def test_a_kmz_member_lying_about_its_size_is_still_capped(tmp_path, monkeypatch):
    """The declared size passes, the stream does not: what is read stops at the bound."""
    from geomap import limits

    monkeypatch.setattr(limits, "KMZ_MEMBER_BYTES", 2 * limits.MB)
    kml = b"<kml>" + b" " * (3 * limits.MB) + b"</kml>"
    bomb = tmp_path / "liar.kmz"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", kml)
    data = bytearray(bomb.read_bytes())
    size = len(kml).to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    data = data.replace(size, small)  # the local and central headers now declare 1000 bytes
    bomb.write_bytes(bytes(data))
    with pytest.raises(InputError, match="zip bomb|corrupt|not a KMZ"):
        load(bomb)


def test_a_killed_runs_temporaries_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "map.html"
    old = tmp_path / ".map.html.abcd1234.tmp"
    fresh = tmp_path / ".map.html.efgh5678.tmp"  # perhaps another run writing now: kept
    other = tmp_path / ".notes.txt.abcd1234.tmp"  # not ours
    for p in (old, fresh, other):
        p.write_text("partial")
    past = time.time() - STALE_TEMPORARY_S - 60
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    atomic_write_text(target, "<p>whole</p>")
    assert target.read_text() == "<p>whole</p>"
    assert not old.exists() and fresh.exists() and other.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"places": "Kyiv"}, "places: expected an array"),
        (
            {"places": [{"mention": "Kyiv", "role": "event", "lat": "north"}]},
            "places[0].lat: expected a number",
        ),
        ({"places": [{"mention": "Kyiv", "role": "event", "lat": 999, "lon": 30}]}, "places[0].lat"),
        ({"places": [{"mention": ["Kyiv"], "role": "event"}]}, "places[0].mention: expected a string"),
        ({"places": [{"mention": "Kyiv", "role": "event", "must_not_be": 5}]}, "places[0].must_not_be"),
        ({"not_places": [1, 2]}, "not_places: expected an array of strings"),
        ({"distance_claims": ["30 km"]}, "distance_claims[0]: expected an object"),
    ],
)
def test_a_gold_file_of_the_wrong_shape_names_the_path(tmp_path, change, message):
    from geomap.evaluate import load_gold

    (tmp_path / "a.txt").write_text("Kyiv was struck.")
    gold = tmp_path / "a.gold.json"
    gold.write_text(json.dumps({"article": "a.txt", "places": [], **change}))
    with pytest.raises(InputError) as info:
        load_gold(gold)
    assert message in str(info.value) and "\n" not in str(info.value)
