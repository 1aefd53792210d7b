"""Property tests of issue 15: generated hostile input, per format, never gets past the edge as anything
but a one-line error (or a correct result), never changes the input, never leaves a file beside `-o`.

The bounded run here takes well under a minute; `python scripts/hostile_fuzz.py` runs the same properties
with many more examples (GEOMAP_HOSTILE_EXAMPLES, default 2000 each).
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_recognise import GZ

import geomap.pipeline
from geomap.cli import main
from geomap.errors import GeomapError

EXAMPLES = int(os.environ.get("GEOMAP_HOSTILE_EXAMPLES", "25"))
SECONDS_PER_CASE = 30.0  # every generated case ends well within this
KNOWN_STATUSES = {0, 2, 3}  # success, bad input, not found (errors.py); 70 would be a bug in geomap
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=30,
)
numbers = st.integers(-1000, 1000) | st.floats(allow_nan=True, allow_infinity=True)
# GeoJSON-like: the right keys with values of every shape, so the checks past the first one are reached
geometry_like = st.fixed_dictionaries(
    {"type": st.sampled_from(["Point", "LineString", "Polygon", "GeometryCollection", "Nope"]) | json_values},
    optional={
        "coordinates": json_values | st.lists(st.lists(numbers, max_size=3), max_size=4),
        "geometries": json_values,
    },
)
feature_like = st.fixed_dictionaries(
    {"type": st.just("Feature") | json_values},
    optional={"geometry": geometry_like | json_values, "properties": json_values},
)
geojson_like = (
    st.fixed_dictionaries(
        {"type": st.just("FeatureCollection")},
        optional={"features": st.lists(feature_like, max_size=4) | json_values, "properties": json_values},
    )
    | feature_like
    | geometry_like
    | json_values
)
place_like = st.fixed_dictionaries(
    {}, optional={"name": json_values, "lat": numbers | json_values, "lon": numbers}
)
report_like = st.fixed_dictionaries(
    {"text": st.text(max_size=40) | json_values},
    optional={
        "source": json_values,
        "mentions": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "role": st.sampled_from(["event", "mention", "boss"]) | json_values,
                    "place": place_like | json_values,
                    "start": numbers,
                    "confidence": numbers | json_values,
                },
            ),
            max_size=3,
        )
        | json_values,
        "claims": st.lists(json_values, max_size=3) | json_values,
    },
)


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch):
    monkeypatch.setattr(geomap.pipeline, "default_gazetteer", lambda: GZ)


def _run_cli(capsys, args: list[str], inputs: list[Path], output: Path | None) -> None:
    """Run one command and assert the contract: a known status, stderr empty or one line without a
    traceback, inputs untouched, nothing beside the output on failure, within the time bound."""
    before = {p: p.read_bytes() for p in inputs}
    started = time.monotonic()
    code = main(args)
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code in KNOWN_STATUSES, err
    assert "Traceback" not in err and err.count("\n") <= 1, err
    assert (code == 0) or err.startswith("geomap: error:"), err
    assert all(p.read_bytes() == data for p, data in before.items())
    if output is not None and code != 0:
        assert not output.exists()
        assert not [p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")]
    assert elapsed < SECONDS_PER_CASE


@HOSTILE
@given(
    data=st.binary(max_size=3000) | st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_any_article_bytes(tmp_path_factory, capsys, data):
    folder = tmp_path_factory.mktemp("article")
    article = folder / "a.txt"
    article.write_bytes(data)
    output = folder / "out.json"
    _run_cli(capsys, ["extract", str(article), "--json", "-o", str(output)], [article], output)


@HOSTILE
@given(
    text=st.text(max_size=500),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8-r", "latin-1", "utf-7"]),
    suffix=st.sampled_from([".txt", ".html", ".md"]),
)
def test_any_text_in_any_encoding(tmp_path_factory, capsys, text, encoding, suffix):
    folder = tmp_path_factory.mktemp("encoded")
    article = folder / f"a{suffix}"
    article.write_bytes(text.encode(encoding, "replace"))
    _run_cli(capsys, ["check", str(article), "--json"], [article], None)


@HOSTILE
@given(doc=geojson_like)
def test_any_json_as_a_front_line(tmp_path_factory, capsys, doc):
    folder = tmp_path_factory.mktemp("line")
    line = folder / "line.geojson"
    line.write_text(json.dumps(doc), encoding="utf-8")
    _run_cli(capsys, ["distance", "48.5,37.5", "--frontline", str(line)], [line], None)


def test_json_nested_100000_deep_as_a_front_line(tmp_path, capsys):
    line = tmp_path / "deep.geojson"
    line.write_text('{"type": "LineString", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _run_cli(capsys, ["distance", "48.5,37.5", "--frontline", str(line)], [line], None)


@HOSTILE
@given(doc=report_like | st.lists(report_like, max_size=3) | json_values)
def test_any_json_as_a_saved_report(tmp_path_factory, capsys, doc):
    """In-process (drawing a map per example would take the whole CI budget): a saved report either loads
    into Reports whose every drawn point is a real coordinate, or is one InputError."""
    from geomap.render.inputs import load_reports

    folder = tmp_path_factory.mktemp("report")
    saved = folder / "saved.json"
    saved.write_text(json.dumps(doc), encoding="utf-8")
    try:
        reports = load_reports(saved)
    except GeomapError as exc:
        assert "\n" not in str(exc)
        return
    for r in reports:
        for m in r.mentions:
            if m.place is not None:
                assert -90 <= m.place.place.lat <= 90 and -180 <= m.place.place.lon <= 180


@HOSTILE
@given(
    rows=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=6), min_size=0, max_size=8),
    header=st.lists(st.text(max_size=10), min_size=1, max_size=4),
)
def test_any_csv_as_a_batch(tmp_path_factory, capsys, monkeypatch, rows, header):
    from test_hostile_cli import _Batch

    from geomap.gazetteer.opening import Gazetteer

    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls: _Batch()))
    folder = tmp_path_factory.mktemp("csv")
    names = folder / "names.csv"
    buf = io.StringIO()
    import csv

    csv.writer(buf).writerows([header, *rows])
    names.write_text(buf.getvalue(), encoding="utf-8")
    output = folder / "out.csv"
    args = ["geocode", "--input", str(names), "--column", header[0], "-o", str(output)]
    _run_cli(capsys, args, [names], output)
    if output.exists():  # every cell a spreadsheet could run is quoted
        for row in csv.reader(io.StringIO(output.read_text(encoding="utf-8"))):
            assert not any(c and c[0] in "=+@\t\r" for c in row)


@HOSTILE
@given(
    members=st.lists(
        st.tuples(st.sampled_from(["doc.kml", "a.kml", "x.txt", "../up.kml"]), st.binary(max_size=400)),
        max_size=3,
    ),
    kind=st.sampled_from(["kmz", "dump"]),
)
def test_any_zip_archive(tmp_path_factory, capsys, members, kind):
    folder = tmp_path_factory.mktemp("zip")
    archive = folder / ("line.kmz" if kind == "kmz" else "UA.zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    if kind == "kmz":
        _run_cli(capsys, ["distance", "48.5,37.5", "--frontline", str(archive)], [archive], None)
        return
    from geomap.gazetteer.importing import import_dump

    before = archive.read_bytes()
    try:
        import_dump(archive, folder / "cache")
    except GeomapError as exc:
        assert "\n" not in str(exc)
    assert archive.read_bytes() == before


@HOSTILE
@given(lines=st.lists(st.text(max_size=60), max_size=6))
def test_any_rows_in_a_geonames_dump(tmp_path_factory, lines):
    """Random rows, some of them geoname-shaped: import skips what it cannot store, and the stored rows
    always read back."""
    from geomap.gazetteer.dumps import read_imported_places
    from geomap.gazetteer.importing import import_dump

    folder = tmp_path_factory.mktemp("dump")
    dump = folder / "UA.txt"
    shaped = ["\t".join([str(i + 1), t, t, t, "48.1", "37.5", "P", "PPL", "UA", "", "05", "", "", "", "7", "",
                         "1", "Europe/Kyiv", "2024-01-01"]) for i, t in enumerate(lines)]  # fmt: skip
    dump.write_text("\n".join(shaped + lines), encoding="utf-8", errors="surrogateescape")
    try:
        result = import_dump(dump, folder / "cache")
    except GeomapError as exc:
        assert "\n" not in str(exc)
        return
    assert len(list(read_imported_places(result.stored))) == result.rows
