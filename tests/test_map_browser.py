"""The map in a real browser (Debian's chromium via playwright), with the network blocked.

Checks what a reader sees: the page loads with no request leaving it and no console error, the expected
markers are there, a click opens a popup with its sentence, layers toggle, the claims panel shows the
verdict, corpus maps cluster and filter, and a hostile article runs nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from map_samples import sample_report, synthetic_events

from geomap.render import render_html
from geomap.render.markers import ROLE_SHOWN, report_markers

pytestmark = pytest.mark.browser



class Opened:
    """A page opened with the network blocked, recording what a reader would not see."""

    def __init__(self, browser, html: str, tmp_path: Path, name: str = "map.html", size=(1200, 800)):
        self.path = tmp_path / name
        self.path.write_text(html, encoding="utf-8")
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(self.path.as_uri())
        self.page.wait_for_selector("[data-gm-ready='1']", timeout=30000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def markers(self) -> int:
        return self.page.locator(".gm-marker").count()


def _expected_visible(report) -> int:
    return sum(1 for m in report_markers(report) if ROLE_SHOWN[m.role])


def test_self_contained_map_loads_offline_with_markers(browser, tmp_path) -> None:
    rep = sample_report()
    o = Opened(browser, render_html(rep), tmp_path)
    assert o.requests == []
    assert o.errors == []
    assert o.markers() == _expected_visible(rep) == 5
    assert o.page.locator(".gm-legend").inner_text().count("drone attack") == 1
    assert "Drones hit Sumy" in o.page.locator(".gm-title").inner_text()
    assert o.page.locator(".leaflet-control-scale").count() == 1
    assert o.page.locator(".leaflet-control-measure").count() == 1
    assert o.page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert "GeoNames" in o.page.locator(".leaflet-control-attribution").inner_text()
    assert o.page.locator(".gm-place").count() > 3  # the gazetteer's towns on the offline basemap
    assert o.page.locator("canvas").count() >= 1  # land, water and borders drawn on the basemap canvas


def test_click_opens_popup_with_sentence(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report()), tmp_path)
    sumy = o.page.locator(".gm-role-event").first
    sumy.click()
    popup = o.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=20000)
    text = popup.inner_text()
    assert "Sumy" in text and "Drones hit an energy site in Sumy overnight" in text
    assert popup.locator("mark").first.inner_text() == "Sumy"
    assert "Суми" in text  # other names, Cyrillic
    assert o.errors == []


def test_layers_toggle(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report()), tmp_path)
    before = o.markers()
    o.page.locator(".leaflet-control-layers").hover()
    label = o.page.locator(".leaflet-control-layers-overlays label", has_text="Metonyms")
    label.locator("input").check()
    assert o.markers() == before + 2  # Moscow and Kyiv as governments
    o.page.locator(".leaflet-control-layers-overlays label", has_text="Events").locator("input").uncheck()
    assert o.markers() == before + 2 - 3
    assert o.errors == []


def test_claims_panel_lists_verdict(browser, tmp_path) -> None:
    rep = sample_report()
    o = Opened(browser, render_html(rep), tmp_path)
    panel = o.page.locator(".gm-claims").inner_text()
    assert "about 25 km from the front line" in panel
    assert rep.claims[0].verdict in panel
    assert o.page.locator("path.gm-claim-line").count() == 1


def test_hostile_article_runs_nothing(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report(hostile=True)), tmp_path)
    o.page.locator(".gm-role-event").first.click()
    o.page.locator(".leaflet-popup-content").wait_for(timeout=20000)
    o.page.locator(".gm-marker").first.hover()
    o.page.wait_for_timeout(200)
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert o.dialogs == [] and o.requests == [] and o.errors == []
    title = o.page.locator(".gm-title").inner_text()
    assert "</script>" in title and "{{ 7 * 7 }}" in title  # shown as text, not run or templated
    assert o.page.locator(".gm-popup img, .gm-popup svg, .gm-popup script, .gm-title a").count() == 0


def test_two_fragments_on_one_page(browser, tmp_path) -> None:
    a = render_html(sample_report(), fragment=True)
    b = render_html(sample_report(), fragment=True, title="Second map")
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        f"<body><h2>One</h2>{a}<h2>Two</h2>{b}</body></html>"
    )
    o = Opened(browser, html, tmp_path, "two.html")
    o.page.wait_for_function("document.querySelectorAll('[data-gm-ready]').length === 2")
    maps = o.page.locator(".folium-map")
    assert maps.count() == 2
    for i in range(2):
        assert maps.nth(i).locator(".gm-marker").count() == 5
        assert maps.nth(i).bounding_box()["height"] > 300
    assert o.errors == [] and o.requests == []


def test_corpus_clusters_filters_and_slides(browser, tmp_path) -> None:
    rows = synthetic_events(400)
    csv_path = tmp_path / "events.csv"
    keys = list(rows[0])
    csv_path.write_text(
        ",".join(keys) + "\n" + "\n".join(",".join(r[k] for k in keys) for r in rows) + "\n", encoding="utf-8"
    )
    o = Opened(browser, render_html([], events=csv_path), tmp_path)
    assert o.page.locator(".marker-cluster").count() > 0
    assert o.page.locator(".gm-filter input[type=checkbox]").count() == 6
    # markers held by the event cluster group (whether shown singly or inside clusters)
    held = (
        "() => { let n = 0; Object.values(window.__geomapMaps)[0].map.eachLayer("
        "l => { if (l.getLayers && l._topClusterLevel) { n += l.getLayers().length; } }); return n; }"
    )
    assert o.page.evaluate(held) == 400
    types = [r["event_type"] for r in rows]
    first_two = sorted(set(types))[:2]
    o.page.locator(".gm-filter input[type=checkbox]").first.uncheck()
    o.page.locator(".gm-filter input[type=checkbox]").nth(1).uncheck()
    assert o.page.evaluate(held) == sum(1 for t in types if t not in first_two)
    o.page.locator(".gm-filter input[type=checkbox]").first.check()
    o.page.locator(".gm-filter input[type=checkbox]").nth(1).check()
    slider = o.page.locator(".gm-slider input[type=range]")
    assert slider.count() == 1
    slider.fill("0")
    first_day = min(r["date"] for r in rows)
    assert f"Reported up to {first_day}" in o.page.locator(".gm-slider").inner_text()
    assert o.page.evaluate(held) == sum(1 for r in rows if r["date"] == first_day)
    assert o.errors == [] and o.requests == []


def test_full_page_is_responsive_in_an_iframe(browser, tmp_path) -> None:
    (tmp_path / "inner.html").write_text(render_html(sample_report()), encoding="utf-8")
    host = (
        "<!DOCTYPE html><html><body>"
        "<iframe src='inner.html' style='width:420px;height:320px'></iframe></body></html>"
    )
    o = Opened.__new__(Opened)
    o.requests, o.errors, o.dialogs = [], [], []
    o.page = browser.new_page(viewport={"width": 800, "height": 600})
    o.page.route("**/*", o._route)
    (tmp_path / "host.html").write_text(host, encoding="utf-8")
    o.page.goto((tmp_path / "host.html").as_uri())
    frame = o.page.frame_locator("iframe")
    frame.locator("[data-gm-ready='1']").wait_for(timeout=30000)
    box = frame.locator(".folium-map").bounding_box()
    assert 400 <= box["width"] <= 421 and 300 <= box["height"] <= 321
    assert frame.locator(".gm-marker").count() == 5
    assert o.requests == []


def test_measure_tool_measures_a_distance(browser, tmp_path) -> None:
    o = Opened(browser, render_html(sample_report()), tmp_path)
    o.page.locator(".leaflet-control-measure").dispatch_event("mouseover")  # expands, as a hover does
    o.page.locator(".leaflet-control-measure a.start").click()
    box = o.page.locator(".folium-map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    o.page.mouse.click(x - 150, y)
    o.page.mouse.click(x + 150, y)
    results = o.page.locator(".leaflet-control-measure .results").inner_text()
    assert "km" in results.lower() or "kilomet" in results.lower()
    assert o.errors == []
