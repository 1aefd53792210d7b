"""Python as a notebook uses it: completion finds the API, maps display, reports become DataFrames."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from map_samples import sample_report

import geomap
from geomap.outputs import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def test_completion_lists_the_api():
    names = dir(geomap)
    for name in ("extract", "geocode", "render_map", "to_dataframe", "GeomapGeocoder", "Report"):
        assert name in names and name in geomap.__all__
    assert "import_module" not in names and "Any" not in names
    for name in geomap.__all__:  # every listed name is really there
        assert getattr(geomap, name) is not None


def test_render_map_returns_a_folium_map_and_writes_nothing(tmp_path, monkeypatch):
    import folium

    from geomap.render.export import external_references

    monkeypatch.chdir(tmp_path)
    m = geomap.render_map(sample_report())
    assert isinstance(m, folium.Map)
    shown = m._repr_html_()
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert not external_references(page)  # self-contained: no script, style or tile fetched
    assert list(tmp_path.iterdir()) == []  # no path given: nothing written
    m.save(tmp_path / "saved.html")
    assert (tmp_path / "saved.html").read_text(encoding="utf-8") == page
    assert "GeomapMap" in repr(m)


def test_render_map_writes_when_given_a_path(tmp_path):
    out = tmp_path / "m.html"
    m = geomap.render_map(sample_report(), out)
    assert out.read_text(encoding="utf-8") == m.page


def test_dataframe_is_flat_one_row_per_mention_in_csv_order():
    report = sample_report()
    df = geomap.to_dataframe([report])
    assert len(df) == len(report.mentions)
    assert tuple(df.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    for column in df.columns:
        assert not any(isinstance(v, dict | list | tuple) for v in df[column]), column
    placed = [m for m in report.mentions if m.place is not None]
    assert df["lat"].notna().sum() == len(placed)
    assert str(df["precision"].dtype) == "Int64"
    assert report.to_pandas().equals(df)
    assert df.loc[0, "mention"] == report.mentions[0].text


def test_dataframe_of_an_extracted_article_matches_the_csv():
    import csv
    import io

    from geomap.outputs import to_csv

    report = geomap.extract(ROOT / "examples" / "en-kupiansk-front.txt")
    df = geomap.to_dataframe([report, report])
    rows = list(csv.DictReader(io.StringIO(to_csv([report, report]))))
    assert len(df) == len(rows) == 2 * len(report.mentions)
    for i, row in enumerate(rows):
        assert df.loc[i, "place"] == (row["place"] or None)
        assert df.loc[i, "role"] == row["role"]


def test_geodataframe_when_geopandas_is_installed():
    gpd = pytest.importorskip("geopandas", reason="geopandas is the optional extra geomap[geo]")
    gdf = geomap.to_geodataframe([sample_report()])
    assert isinstance(gdf, gpd.GeoDataFrame) and gdf.crs.to_epsg() == 4326
    first = gdf[gdf["lat"].notna()].iloc[0]
    assert (first.geometry.x, first.geometry.y) == pytest.approx((first["lon"], first["lat"]))
