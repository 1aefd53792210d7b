"""Put a built map into a whole page or an embeddable fragment, and take a PNG of it in Chromium."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from geomap.errors import InputError
from geomap.fileio import atomic_write_bytes
from geomap.render.assets import asset_blocks, external_references
from geomap.render.build import BuiltMap
from geomap.render.escape import html_text as esc

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGE_CSS = (
    "<style>html,body{margin:0;padding:0;width:100%;height:100%;overflow:hidden}"
    ".folium-map{position:absolute;top:0;left:0;right:0;bottom:0}</style>"
)


def page_html(built: BuiltMap) -> str:
    """A whole, self-contained HTML page that fills its window (or the iframe it sits in)."""
    styles, scripts = asset_blocks()
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{esc(built.title)}</title>\n{PAGE_CSS}\n{styles}\n{scripts}\n</head>\n<body>\n"
        f"{built.html}\n<script>\n{built.script}\n</script>\n</body>\n</html>\n"
    )


def fragment_html(built: BuiltMap) -> str:
    """An HTML fragment for inclusion in another page: one wrapper <div>, ids unique to this map."""
    styles, scripts = asset_blocks()
    return (
        f"<div class='gm-fragment' id='{built.name}_wrap'>\n{styles}\n{scripts}\n"
        f"{built.html}\n<script>\n{built.script}\n</script>\n</div>\n"
    )


def check_offline(html: str) -> None:
    """Refuse to write a 'self-contained' map that would still fetch something (a bug, not user error)."""
    bad = external_references(html)
    if bad:
        raise RuntimeError(f"map would load {len(bad)} external resource(s), e.g. {bad[0][:120]}")


def screenshot(
    html: str, png: str | Path, *, width: int = 1280, height: int = 800, timeout_ms: int = 20000
) -> Path:
    """Render the page in headless Chromium (network blocked) and write a PNG atomically."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        raise InputError("--png needs Chromium: install it with 'apt-get install chromium'")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise InputError("--png needs the playwright package: pip install playwright") from None
    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with tempfile.TemporaryDirectory(prefix="geomap-png-") as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.route("**/*", _local_only)
                    page.goto(page_file.as_uri())
                    page.wait_for_selector("[data-gm-ready='1']", timeout=timeout_ms)
                    page.wait_for_timeout(400)  # let tiles of vector layers and fades settle
                    data = page.screenshot(type="png")
                finally:
                    browser.close()
        except PlaywrightError as exc:
            raise InputError(f"could not take the PNG in Chromium: {str(exc).splitlines()[0]}") from None
    return atomic_write_bytes(png, data)


def _local_only(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()
