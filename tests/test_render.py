"""The map's HTML: self-contained, escaped, one marker per place, fragments, corpus input, CLI."""

from __future__ import annotations

import json
import re

import pytest
from map_samples import sample_report, synthetic_events

from geomap.cli import main
from geomap.errors import InputError, NotFoundError
from geomap.model import Candidate, Mention, Place, Report
from geomap.render import render_html, render_map
from geomap.render.assets import external_references
from geomap.render.claims_layer import claims_panel, geodesic_points, stated_text
from geomap.render.corpus import read_events
from geomap.render.escape import script_json
from geomap.render.markers import group_mentions, report_markers
from geomap.render.popups import highlighted_sentence


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_report())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(sample_report(hostile=True))


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)


def test_page_is_self_contained(page: str) -> None:
    assert external_references(page) == []
    assert not re.search(r"https?://[^\s'\"]*(cdn|unpkg|jsdelivr)", page, flags=re.IGNORECASE)
    assert "L.markerClusterGroup" in page or "markerClusterGroup" in page  # plugin inlined
    assert 'data-asset="leaflet"' in page or "data-asset='leaflet'" in page
    assert "url(images/" not in page  # CSS images inlined as data: URIs
    assert "data:image/png;base64," in page


def test_script_json_cannot_break_out() -> None:
    s = script_json({"a": "</script><script>alert(1)</script>", "b": "x\u2028y", "c": "<!--"})
    assert "</script" not in s and "<!--" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><script>alert(1)</script>", "b": "x\u2028y", "c": "<!--"}


def test_hostile_article_strings_are_escaped(page: str, hostile_page: str) -> None:
    for raw in (
        "<script>window.__pwned",
        "<img src=x",
        "<svg onload",
        "</script><script>",
        '<a href="javascript',
    ):
        assert raw not in hostile_page
    # the hostile page has exactly as many script elements as the benign one
    assert len(_scripts(hostile_page)) == len(_scripts(page))
    assert "&lt;/script&gt;" in hostile_page or "\\u003c/script" in hostile_page
    # folium passes scripts through Jinja: article text must not be evaluated as a template
    assert "{{ 7 * 7 }} {% raw %}" in hostile_page


def test_one_marker_per_place_with_dominant_role() -> None:
    text = "Kyiv said. Drones hit Kyiv. Kyiv wants help."
    kyiv = Place("Kyiv", 50.45, 30.52, "UA", place_id="gn:703448")
    ms = [
        Mention("Kyiv", 0, 4, "Kyiv said.", role="metonym", place=Candidate(kyiv, 0.9)),
        Mention(
            "Kyiv",
            22,
            26,
            "Drones hit Kyiv.",
            role="event",
            event_type="drone attack",
            place=Candidate(kyiv, 0.9),
        ),
        Mention("Kyiv", 28, 32, "Kyiv wants help.", role="metonym", place=Candidate(kyiv, 0.9)),
        Mention("Nowhere", 0, 1, role="event"),  # unresolved: not drawn
    ]
    assert len(group_mentions(ms)) == 1
    (marker,) = report_markers(Report("a.txt", text, mentions=tuple(ms)))
    assert marker.role == "event" and marker.event_type == "drone attack"
    assert marker.popup.count("<blockquote>") == 3  # every mention listed
    assert "Drones hit <mark>Kyiv</mark>." in marker.popup


def test_marker_fields_are_written_down_once_for_both_sides(page: str) -> None:
    """geomap.js reads the marker arrays by the field order MarkerRow declares."""
    from geomap.render.assets import STATIC
    from geomap.render.markers import MarkerRow

    js = (STATIC / "geomap.js").read_text(encoding="utf-8")
    declared = re.search(r"var MARKER_FIELDS = (\[[^\]]*\]);", js)
    assert declared and tuple(json.loads(declared.group(1))) == MarkerRow._fields
    assert not re.search(r"\bm\[\d", js)  # no field read by a bare position
    data = json.loads(re.search(r"GeomapRender\((\{.*\})\);", page).group(1))
    rows = [dict(zip(MarkerRow._fields, m, strict=True)) for m in data["markers"]]
    sumy = next(r for r in rows if r["tooltip"] == "Sumy")
    assert (sumy["lat"], sumy["lon"]) == (50.9216, 34.80029)
    assert data["roles"][sumy["role"]] == "event" and data["types"][sumy["type"]]["name"] == "drone attack"


def test_highlight_uses_offsets_not_first_occurrence() -> None:
    text = "Kyiv and Kyiv again."
    m = Mention("Kyiv", 9, 13, sentence=text)
    assert highlighted_sentence(text, m) == "Kyiv and <mark>Kyiv</mark> again."


def test_region_only_places_get_areas_and_countries_do_not() -> None:
    rep = sample_report()
    markers = {m.tooltip.split(" ")[0]: m for m in report_markers(rep)}
    assert markers["Donetsk"].precision == 3 and markers["Donetsk"].radius_km > 0
    assert markers["Sumy"].precision == 1 and markers["Sumy"].radius_km == 0


def test_claims_panel_and_lines() -> None:
    rep = sample_report()
    panel = claims_panel(rep.claims)
    assert "about 25 km from the front line" in panel and rep.claims[0].verdict in panel
    assert stated_text(rep.claims[0]) == "≈25 km"
    pts = geodesic_points((55.79, 49.12), (49.6, 37.9))
    assert len(pts) > 20 and pts[0] == (55.79, 49.12) and pts[-1] == (49.6, 37.9)


def test_fragment_has_unique_ids_and_no_page_shell() -> None:
    a = render_html(sample_report(), fragment=True)
    b = render_html(sample_report(), fragment=True)
    for frag in (a, b):
        assert "<html" not in frag and "<body" not in frag and "html,body" not in frag
    ids_a = set(re.findall(r"id=['\"]([^'\"]+)", a))
    ids_b = set(re.findall(r"id=['\"]([^'\"]+)", b))
    assert ids_a and not ids_a & ids_b


def test_render_map_is_atomic(tmp_path) -> None:
    out = tmp_path / "m.html"
    with pytest.raises(InputError):
        render_map(sample_report(), out, tiles="No.Such.Provider")
    assert not out.exists() and list(tmp_path.iterdir()) == []
    render_map(sample_report(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_online_tiles_are_opt_in() -> None:
    html = render_html(sample_report(), tiles="OpenStreetMap.Mapnik")
    assert "tile.openstreetmap.org" in html


def test_events_csv_and_geojson(tmp_path) -> None:
    rows = synthetic_events(30)
    csv_path = tmp_path / "events.csv"
    keys = list(rows[0])
    csv_path.write_text(
        ",".join(keys) + "\n" + "\n".join(",".join(r[k] for k in keys) for r in rows) + "\n", encoding="utf-8"
    )
    markers = read_events(csv_path)
    assert len(markers) == 30 and all(m.role == "event" and m.date for m in markers)
    gj = tmp_path / "events.geojson"
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [37.1, 48.2]},
            "properties": {"name": "A<b>"},
        }
    ]
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    (m,) = read_events(gj)
    assert m.tooltip == "A&lt;b&gt;"


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,lat,lon\nQzxwvplace,,\n", "no row could be placed"),
        ("name,lat,lon\n,,\n", "without coordinates or a known place name"),
        ("name,lat,lon\nA,north,3\n", "not a number"),
        ("name,lat,lon\nA,95,3\n", "out of range"),
        ("", "empty"),
    ],
)
def test_bad_events_files(tmp_path, content: str, message: str) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_events(p)
    with pytest.raises(NotFoundError):
        read_events(tmp_path / "missing.csv")


def test_report_json_round_trip() -> None:
    rep = sample_report()
    back = Report.from_dict(json.loads(json.dumps(rep.to_dict())))
    assert [m.place.place.name if m.place else None for m in back.mentions] == [
        m.place.place.name if m.place else None for m in rep.mentions
    ]
    assert back.claims[0].verdict == rep.claims[0].verdict
    got, want = back.claims[0].readings[0].distance.nearest, rep.claims[0].readings[0].distance.nearest
    assert (got.lat, got.lon) == pytest.approx((want.lat, want.lon), abs=1e-5)


def test_cli_map(tmp_path, capsys) -> None:
    src = tmp_path / "report.json"
    src.write_text(json.dumps(sample_report().to_dict()), encoding="utf-8")
    out = tmp_path / "sub" / "map.html"
    assert main(["map", str(src), "-o", str(out), "--title", "My map"]) == 0
    assert out.is_file() and "My map" in out.read_text(encoding="utf-8")
    assert main(["map", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.html")]) != 0
    assert main(["map", str(src), "-o", str(tmp_path / "x.png")]) != 0
    assert main(["map", str(src), "-o", str(tmp_path / "y.html"), "--date", "yesterday"]) != 0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["map", str(bad), "-o", str(tmp_path / "z.html")]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("geomap: error:") == 4
    assert not any(p.name in ("x.html", "y.html", "z.html") for p in tmp_path.iterdir())


def test_frontline_file_is_drawn_and_bad_one_refused(tmp_path) -> None:
    line = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"date": "2024-11-01"},
                "geometry": {"type": "LineString", "coordinates": [[37.5, 49.6], [37.9, 48.9], [37.4, 47.9]]},
            }
        ],
    }
    path = tmp_path / "my-line.geojson"
    path.write_text(json.dumps(line), encoding="utf-8")
    html = render_html(sample_report(), frontline=path, date="2024-11-01")
    assert "[37.9,48.9]" in html.replace(" ", "")
    bad = tmp_path / "bad.geojson"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError):
        render_html(sample_report(), frontline=bad)
    with pytest.raises(NotFoundError):
        render_html(sample_report(), frontline=tmp_path / "missing.geojson")


def test_corpus_of_reports_has_dates_for_the_slider() -> None:
    from dataclasses import replace

    early = replace(sample_report(), date="2024-12-20", source="early.txt")
    late = sample_report()
    html = render_html([early, late])
    assert '"dates":["2024-12-20","2024-12-22"]' in html
    assert '"filter":true' in html
    assert "2 article(s)" in html


def test_saved_reports_array_and_extract_tables(tmp_path) -> None:
    from geomap.render.inputs import load_reports

    both = tmp_path / "two.json"
    both.write_text(json.dumps([sample_report().to_dict(), sample_report().to_dict()]), encoding="utf-8")
    assert len(load_reports(both)) == 2
    # a GeoJSON row for a country (as `geomap extract --geojson` writes) gets no marker
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": lonlat},
            "properties": {"place": name, "kind": kind, "role": "mention", "article": "a.txt"},
        }
        for name, kind, lonlat in (("Ukraine", "country", [31.0, 49.0]), ("Sumy", "settlement", [34.8, 50.9]))
    ]
    gj = tmp_path / "ex.geojson"
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    (m,) = read_events(gj)
    assert m.tooltip == "Sumy" and m.role == "mention"
