"""What a reader sees at a glance (issue 11), checked in Chromium with the network blocked: labels on every
event, the gazetteer's villages when zoomed in, a frame clear of the panels, a basemap without artificial
coasts or bands, a corpus slider that hides later articles' claims and labels and picks the front line of
its date, and the page's size. The screenshots these tests take are also looked at by hand (README)."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from map_samples import sample_report
from test_map_browser import Opened

from geomap.render import render_html

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
LAND = (0xF4, 0xF1, 0xEA)  # geomap.js's land fill
SEA = (0xC9, 0xDB, 0xE6)  # geomap.css's sea
SEED_PAGE_LIMIT = 2_000_000  # bytes (issue 11)


def _state(o: Opened, expr: str):
    return o.page.evaluate(f"(() => {{ const g = Object.values(window.__geomapMaps)[0]; {expr} }})()")


BOXES = """
const box = g.map.getContainer().getBoundingClientRect();
const rect = el => { const r = el.getBoundingClientRect(); return [r.left - box.left, r.top - box.top,
  r.right - box.left, r.bottom - box.top]; };
const panels = [...g.map.getContainer().querySelectorAll('.gm-panel, .gm-title')].map(rect)
  .filter(r => r[2] > r[0] && r[3] > r[1]);
const events = g.items.filter(i => i.role === 'event' && i.onMap).map(i => {
  const p = g.map.latLngToContainerPoint(i.latlng); return {label: i.label, x: p.x, y: p.y}; });
const labels = [...g.map.getContainer().querySelectorAll('.gm-lbl-event')].map(el => el.textContent);
return {panels, events, labels, w: box.width, h: box.height};
"""


def _frame_holds(state: dict) -> None:
    """Every event is on screen, not under a panel, and has its label."""
    for ev in state["events"]:
        assert 0 <= ev["x"] <= state["w"] and 0 <= ev["y"] <= state["h"], ev
        for p in state["panels"]:
            assert not (p[0] - 4 <= ev["x"] <= p[2] + 4 and p[1] - 4 <= ev["y"] <= p[3] + 4), (ev, p)
    names = set(state["labels"])
    for ev in state["events"]:
        shown = ev["label"].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert shown in names, (shown, names)


def test_sample_events_labelled_and_clear_of_panels(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report()), tmp_path, size=(1280, 800))
    state = _state(o, BOXES)
    assert len(state["events"]) == 3
    _frame_holds(state)
    assert o.errors == [] and o.requests == []


SEED_ARTICLE = SEED / "kazan-drone-strike-2024-12-22.txt"


@pytest.mark.skipif(not SEED_ARTICLE.is_file(), reason="../shared/seed absent")
def test_seed_map_frames_kazan_and_the_ukrainian_events(browser, tmp_path) -> None:
    from geomap.pipeline import check

    report = check(SEED_ARTICLE, None, None)
    html = render_html(report)
    assert len(html.encode("utf-8")) < SEED_PAGE_LIMIT
    o = Opened(browser, html, tmp_path, size=(1280, 800))
    state = _state(o, BOXES)
    lats = [it for it in state["events"]]
    assert len(lats) >= 3
    _frame_holds(state)
    kazan = [e for e in state["events"] if "Kazan" in e["label"]]
    assert kazan, state["events"]
    o.page.screenshot(path=str(tmp_path / "seed.png"))


def test_zoom_10_on_pokrovsk_shows_villages(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report()), tmp_path, size=(1280, 800))
    _state(o, "g.map.setView([48.282, 37.182], 10, {animate: false}); return 0;")
    o.page.wait_for_timeout(100)
    names = o.page.locator(".gm-place").all_inner_texts()
    assert len(names) >= 15, names
    assert len(set(names)) >= 15


def _pixels(o: Opened):
    from PIL import Image

    return Image.open(io.BytesIO(o.page.screenshot(type="png"))).convert("RGB")


def _near(c, ref, tol=6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c, ref, strict=True))


def _share(img, points, colour) -> float:
    return sum(_near(img.getpixel(p), colour) for p in points) / len(points)


def _screen_points(o: Opened, lats: list[float], lons: list[float]) -> list[tuple[int, int]]:
    """Where each (lat, lon) of the grid lies on screen now."""
    pairs = json.dumps([[la, lo] for la in lats for lo in lons])
    xy = _state(
        o,
        f"return {pairs}.map(ll => {{ const p = g.map.latLngToContainerPoint(ll);"
        " return [Math.round(p.x), Math.round(p.y)]; });",
    )
    return [tuple(p) for p in xy]


def test_world_and_zoom_4_have_no_band_and_no_straight_coast(browser, tmp_path) -> None:
    pytest.importorskip("PIL", reason="Pillow reads the screenshot")
    o = Opened(browser, render_html(sample_report()), tmp_path, size=(1280, 800))
    # The world: the mid-Atlantic (lon -34..-28) is sea from 50 S to 64 N, at every row (the old band lay
    # across the whole world at 62-67 N).
    _state(o, "g.map.setView([20, 0], 2, {animate: false}); return 0;")
    o.page.wait_for_timeout(150)
    img = _pixels(o)
    pts = _screen_points(o, [x / 2 for x in range(-100, 129)], [-34, -32, -30, -28])
    assert _share(img, pts, SEA) > 0.97
    # Zoom 4 over Russia and Kazakhstan: land all the way east (the old clip drew a straight coast at 50 E).
    _state(o, "g.map.setView([52, 58], 4, {animate: false}); return 0;")
    o.page.wait_for_timeout(150)
    img = _pixels(o)
    pts = _screen_points(o, [x / 2 for x in range(100, 121)], [52, 56, 62, 70])
    assert _share(img, pts, SEA) < 0.03  # no sea where the steppe is


def _corpus():
    base = sample_report()
    early = dataclasses.replace(base, source="a.txt", title="Early article", date="2024-06-01")
    late = dataclasses.replace(base, source="b.txt", title="Late article", date="2024-12-22")
    undated = dataclasses.replace(base, source="c.txt", title="Undated article", date=None, claims=())
    return [early, late, undated]


def test_corpus_slider_hides_later_articles_and_picks_the_front_line(browser, tmp_path) -> None:
    from geomap.layers import frontline_for

    line = frontline_for("2024-12-22")
    series = [dataclasses.replace(line, date="2024-06-01"), line]
    o = Opened(browser, render_html(_corpus(), frontline=series), tmp_path, size=(1280, 800))
    count = (
        "return {claims: g.claims.filter(c => c.onMap).length,"
        " markers: g.items.filter(i => i.onMap).length,"
        " claimLabels: g.map.getContainer().querySelectorAll('.gm-claim-label').length,"
        " line: g.map.getContainer().getAttribute('data-gm-frontline')};"
    )
    latest = _state(o, count)
    assert latest["claims"] == 2 and latest["line"] == "2024-12-22"
    slider = o.page.locator(".gm-slider input[type=range]")
    slider.fill("0")
    first = _state(o, count)
    assert first["claims"] == 1 and first["line"] == "2024-06-01"
    assert first["markers"] < latest["markers"]
    assert first["claimLabels"] <= 1
    o.page.locator(".gm-undated input").uncheck()
    o.page.wait_for_timeout(50)
    no_undated = _state(o, count)
    assert no_undated["markers"] < first["markers"]
    assert o.page.locator(".gm-articles li").count() == 3
    assert o.errors == [] and o.requests == []
