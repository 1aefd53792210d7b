"""End to end: real articles through geomap.pipeline onto the map (the seed and the examples)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.render import render_html
from geomap.render.assets import external_references
from geomap.render.markers import ROLE_SHOWN, place_key, report_markers

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = sorted(
    p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html", ".md") and p.name != "README.md"
)
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")


@pytest.fixture(scope="module")
def extract():
    pipeline = pytest.importorskip("geomap.pipeline", reason="geomap.pipeline is not built yet")
    return pipeline.extract


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_examples_map_offline(extract, article: Path) -> None:
    report = extract(article)
    html = render_html(report)
    assert external_references(html) == []
    drawn = report_markers(report)
    located = {
        place_key(m.place.place) for m in report.mentions if m.place and m.place.place.kind != "country"
    }
    assert len(drawn) == len(located)  # one marker per located place


def test_seed_map_in_browser(extract, seed_article: Path, tmp_path: Path) -> None:
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    report = extract(seed_article)
    out = tmp_path / "seed.html"
    assert main(["map", str(seed_article), "-o", str(out)]) == 0
    expected = sum(1 for m in report_markers(report) if ROLE_SHOWN[m.role])
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith(("file:", "data:"))
                else (requests.append(r.request.url), r.abort())
            ),
        )
        page.goto(out.as_uri())
        page.wait_for_selector("[data-gm-ready='1']", timeout=30000)
        assert page.locator(".gm-marker").count() == expected
        panel = page.locator(".gm-claims").inner_text()
        assert "1,000 kilometers" in panel and "consistent" in panel
        page.locator(".gm-role-event", has=page.locator(".gm-event")).first.click()
        assert page.locator(".leaflet-popup-content mark").count() >= 1
        browser.close()
    assert requests == [] and errors == []


@pytest.mark.browser
def test_png_export(tmp_path: Path) -> None:
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    pytest.importorskip("playwright.sync_api")
    from map_samples import sample_report

    from geomap.render import render_map

    png = tmp_path / "map.png"
    render_map(sample_report(), tmp_path / "map.html", png=png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_cli_maps_several_articles_as_a_corpus(extract, tmp_path: Path) -> None:
    arts = [EXAMPLES / "en-kupiansk-front.txt", EXAMPLES / "uk-sumy-kursk.md"]
    if not all(a.is_file() for a in arts):
        pytest.skip("examples are absent")
    out = tmp_path / "corpus.html"
    frag = tmp_path / "corpus-fragment.html"
    assert main(["map", *map(str, arts), "-o", str(out)]) == 0
    assert main(["map", *map(str, arts), "-o", str(frag), "--fragment"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "2 article(s)" in html and '"filter":true' in html
    assert external_references(html) == [] and external_references(frag.read_text(encoding="utf-8")) == []
    assert frag.read_text(encoding="utf-8").startswith("<div class='gm-fragment'")
