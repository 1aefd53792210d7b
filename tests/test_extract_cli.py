"""`geomap extract` and geomap.extract: output contracts and bad input, on the in-memory gazetteer."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_recognise import GZ

import geomap.pipeline
from geomap.cli import main
from geomap.outputs import CSV_COLUMNS

ARTICLE = (
    "Drones hit Pokrovsk overnight, the regional governor said.\n\n"
    "Moscow said its forces had captured the village of Lozova in the northeastern Kharkiv region.\n\n"
    "Advertisement\n\n"
    "Kyiv was struck by missiles =cmd| on Monday.\n"
)


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch):
    monkeypatch.setattr(geomap.pipeline, "default_gazetteer", lambda: GZ)


@pytest.fixture()
def article(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_python_api_returns_a_report(article):
    import geomap

    rep = geomap.extract(article, date="2024-12-22")
    assert rep.date == "2024-12-22"
    assert {m.text for m in rep.mentions} >= {"Pokrovsk", "Lozova", "Kharkiv region", "Moscow", "Kyiv"}


def test_json_contract(article, capsys):
    assert main(["extract", str(article), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["text"], str) and data["mentions"]
    for m in data["mentions"]:
        assert data["text"][m["start"] : m["end"]] == m["text"]
        assert m["role"] in ("event", "mention", "metonym", "noise")
        assert m["precision"] in (1, 2, 3) and 0 <= m["confidence"] <= 1
        assert "event_type" in m and isinstance(m["alternatives"], list)
        if m["place"] is not None:
            assert {"name", "lat", "lon", "country", "admin1", "score", "geonameid", "names"} <= m[
                "place"
            ].keys()
    roles = {m["text"]: m["role"] for m in data["mentions"]}
    assert roles["Pokrovsk"] == "event" and roles["Moscow"] == "metonym"


def test_several_files_make_an_array_and_one_csv(article, tmp_path, capsys):
    other = tmp_path / "second.txt"
    other.write_text("Shelling was reported in Kurakhove.", encoding="utf-8")
    assert main(["extract", str(article), str(other), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    out = tmp_path / "out.csv"
    assert main(["extract", str(article), str(other), "--csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r[0] for r in rows[1:]} == {"story.txt", "second.txt"}
    assert not any(cell.startswith("=") for r in rows for cell in r)


def test_geojson_features_are_resolved_points(article, capsys):
    assert main(["extract", str(article), "--geojson"]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["role"] in ("event", "mention", "metonym", "noise")


def test_table_is_the_default(article, capsys):
    assert main(["extract", str(article)]) == 0
    out = capsys.readouterr().out
    assert "Pokrovsk" in out and "event" in out


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert main(["extract", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "<stdin>"


@pytest.mark.parametrize(
    "content, args, fragment",
    [
        (None, ["missing.txt"], "no such file"),
        (b"", [], "empty"),
        (b"\x00\x01\x02" * 100, [], ""),
        (ARTICLE.encode(), ["--json", "--csv"], "choose one"),
        (ARTICLE.encode(), ["--date", "yesterday"], "date"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, capsys, content, args, fragment):
    target = tmp_path / "in.txt"
    if content is not None:
        target.write_bytes(content)
    files = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    if content is not None:
        files = [str(target), *args]
    code = main(["extract", *files])
    err = capsys.readouterr().err
    if content == b"\x00\x01\x02" * 100 and code == 0:
        return  # a binary file may also be read as (empty-of-places) text; no traceback either way
    assert code != 0
    assert err.startswith("geomap: error:") and err.count("\n") == 1
    assert fragment in err


def test_output_file_is_written_whole(article, tmp_path):
    out = tmp_path / "sub" / "r.json"
    assert main(["extract", str(article), "--json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["mentions"]
