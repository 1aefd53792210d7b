"""The map's reader-facing rules without a browser (issue 11): one palette, marker labels in the article's
spelling, capped other names, framing by events, the basemap's places, and the spreadsheet workflow of
`map --input` (place names geocoded, `geocode --input` output accepted, other columns shown, escaped)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from map_samples import POKROVSK, sample_report

from geomap.cli import main
from geomap.model import Candidate, Mention, Place
from geomap.render import render_html
from geomap.render.basemap import settlements, world_land
from geomap.render.corpus import event_table
from geomap.render.markers import marker_label, report_markers
from geomap.render.palette import meanings
from geomap.render.popups import MAX_NAMES, names_html

MIN_DELTA_E = 15.0  # CIE76: two colours this far apart are told apart at a glance on a map


def _lab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = lin(r), lin(g), lin(b)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_no_colour_means_two_things() -> None:
    colours = meanings()
    assert len(set(colours.values())) == len(colours), "one colour, two meanings"
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        d = sum((p - q) ** 2 for p, q in zip(_lab(ca), _lab(cb), strict=True)) ** 0.5
        assert d >= MIN_DELTA_E, f"{a} and {b} look alike ({ca} vs {cb}, ΔE {d:.1f})"


def _mention(text: str, place: Place, matched: str | None = None) -> Mention:
    return Mention(text, 0, len(text), role="event", place=Candidate(place, 0.9, matched_name=matched))


def test_label_is_the_article_spelling_then_the_gazetteer_name() -> None:
    assert marker_label(POKROVSK, [_mention("Покровском", POKROVSK, "Покровск")]) == "Покровск (Pokrovsk)"
    assert marker_label(POKROVSK, [_mention("Pokrovsk", POKROVSK, "Pokrovsk")]) == "Pokrovsk"
    evil = Place("<b>X</b>", 1.0, 2.0, "UA", place_id="x:1")
    assert marker_label(evil, [_mention("<i>y</i>", evil)]) == "&lt;i&gt;y&lt;/i&gt; (&lt;b&gt;X&lt;/b&gt;)"


def test_popup_names_capped_and_facts_first() -> None:
    many = Place("Kyiv", 50.45, 30.52, "UA", names=tuple(f"Name{i}" for i in range(25)), place_id="k:1")
    html = names_html(many)
    shown = html.split("<details")[0]
    assert sum(f"Name{i}," in shown or f"Name{i}<" in shown for i in range(25)) <= MAX_NAMES
    assert f"{25 - MAX_NAMES} more" in html
    popup = next(m.popup for m in report_markers(sample_report()) if "Sumy" in m.label)
    assert popup.index("gm-facts") < popup.index("<blockquote>") < popup.index("gm-names")


def test_first_view_frames_events_not_every_mention() -> None:
    html = render_html(sample_report())
    cfg = json.loads(re.search(r"GeomapRender\((\{.*\})\);", html, re.S).group(1))
    (s, w), (n, e) = cfg["fit"]
    # the metonyms Moscow and Kyiv and the caption's Zagan lie outside; Sumy and Kramatorsk inside
    assert s <= 48.72305 <= n and w <= 34.80029 <= e
    assert e < 38.0 and n < 51.5  # Moscow (55.7 N, 37.6 E) is not framed


def test_basemap_carries_villages_near_the_story() -> None:
    places = settlements([(POKROVSK.lat, POKROVSK.lon)], (48.0, 36.8, 48.6, 37.6))
    if not places:
        pytest.skip("the gazetteer index is not available")
    near = [p for p in places if abs(p[0] - POKROVSK.lat) < 0.3 and abs(p[1] - POKROVSK.lon) < 0.45]
    assert len(near) >= 40
    assert [p[3] for p in places] == sorted((p[3] for p in places), reverse=True)
    names = [p[2] for p in places]
    assert "Pokrovsk" in names and "Myrnohrad" in names


def test_world_land_is_whole_and_crosses_no_antimeridian() -> None:
    land = world_land()
    assert land is not None
    for feat in land["features"]:
        geom = feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for poly in polys:
            for ring in poly:
                lons = [pt[0] for pt in ring]
                jumps = [a for a, b in itertools.pairwise(lons) if abs(a - b) > 180]
                assert not jumps or min(pt[1] for pt in ring) <= -60, "a ring jumps across 180°"


def test_events_table_geocodes_names_and_keeps_other_columns() -> None:
    rows = [
        {"place": "Kramatorsk", "date": "2024-12-20", "description": "<script>x()</script> strike"},
        {"place": "Qzxwvplace", "description": "nowhere"},
        {"geomap_name": "Sumy", "geomap_lat": "50.9216", "geomap_lon": "34.80029", "note": "from geocode"},
        {"description": "neither name nor coordinates"},
    ]
    table = event_table(rows, "t.csv")
    assert table.geocoded == 1 and table.skipped == 2 and len(table.markers) == 2
    kram, sumy = table.markers
    assert abs(kram.lat - 48.72) < 0.1 and abs(kram.lon - 37.56) < 0.1
    assert "&lt;script&gt;x()&lt;/script&gt; strike" in kram.popup and "<script>" not in kram.popup
    assert "description" in kram.popup
    assert sumy.label == "Sumy" and "from geocode" in sumy.popup


def test_cli_map_input_with_place_names_only(tmp_path: Path) -> None:
    csv_path = tmp_path / "events.csv"
    csv_path.write_text(
        "place,event_type,date,description\n"
        "Kramatorsk,shelling,2024-12-20,hit overnight\n"
        "Pokrovsk,battle,2024-12-21,fighting on the outskirts\n"
        "Qzxwvplace,battle,2024-12-21,unknown\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.html"
    assert main(["map", "--input", str(csv_path), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    cfg = json.loads(re.search(r"GeomapRender\((\{.*\})\);", html, re.S).group(1))
    labels = [m[9] for m in cfg["markers"]]
    assert labels == ["Kramatorsk", "Pokrovsk"]
    assert "fighting on the outskirts" in html


def test_cli_place_column(tmp_path: Path) -> None:
    csv_path = tmp_path / "sheet.csv"
    csv_path.write_text("where,what\nKramatorsk,shelling reported\n", encoding="utf-8")
    out = tmp_path / "sheet.html"
    assert main(["map", "--input", str(csv_path), "--place-column", "where", "-o", str(out)]) == 0
    assert "shelling reported" in out.read_text(encoding="utf-8")
    assert main(["map", "--input", str(csv_path), "--place-column", "nope", "-o", str(out)]) != 0
