"""Offline assets: Leaflet and its plugins inlined into the page, images and fonts as data: URIs.

The files are vendored from their npm releases under `static/vendor/` (see the README there), so a map
needs no CDN and no network. folium links every asset to a CDN; we switch those links off (see
`strip_links`) and put these blocks in their place.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

# name -> (css files, js files), relative to static/; order matters (Leaflet first).
BUNDLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "leaflet": (("vendor/leaflet/leaflet.css",), ("vendor/leaflet/leaflet.js",)),
    "markercluster": (
        ("vendor/markercluster/MarkerCluster.css", "vendor/markercluster/MarkerCluster.Default.css"),
        ("vendor/markercluster/leaflet.markercluster.js",),
    ),
    "fullscreen": (
        ("vendor/fullscreen/Control.FullScreen.css",),
        ("vendor/fullscreen/Control.FullScreen.js",),
    ),
    "measure": (("vendor/measure/leaflet-measure.css",), ("vendor/measure/leaflet-measure.min.js",)),
    "geomap": (("geomap.css",), ("geomap.js",)),
}
ALL = tuple(BUNDLES)

_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_MIME = {".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff"}


def _data_uri(path: Path) -> str:
    mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css_urls(css: str, base: Path) -> str:
    """Replace every relative url(...) in a stylesheet by a data: URI of the file it names."""

    def repl(m: re.Match) -> str:
        ref = m.group(2).strip()
        if ref.startswith(("data:", "#")):
            return m.group(0)
        if "://" in ref or ref.startswith("//"):
            return 'url("data:,")'  # never let a stylesheet reach the network
        target = (base / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            return 'url("data:,")'
        return f'url("{_data_uri(target)}")'

    return _URL_RE.sub(repl, css)


@cache
def _css(rel: str) -> str:
    path = STATIC / rel
    return inline_css_urls(path.read_text(encoding="utf-8"), path.parent)


@cache
def _js(rel: str) -> str:
    text = (STATIC / rel).read_text(encoding="utf-8")
    # A vendored file must never be able to close its own <script> block.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


@cache
def _default_icon_js() -> str:
    """Point Leaflet's default marker icon at inlined images (a plugin may create one, e.g. measuring);
    Leaflet cannot find them from a data: URI in its CSS and would otherwise fetch files."""
    img = STATIC / "vendor/leaflet/images"
    return (
        'L.Icon.Default.imagePath = "";\n'
        f'L.Icon.Default.mergeOptions({{iconUrl: "{_data_uri(img / "marker-icon.png")}", '
        f'iconRetinaUrl: "{_data_uri(img / "marker-icon-2x.png")}", '
        f'shadowUrl: "{_data_uri(img / "marker-shadow.png")}"}});'
    )


def asset_blocks(names: tuple[str, ...] = ALL) -> tuple[str, str]:
    """(style blocks, script blocks) for the named bundles, ready to paste into a page."""
    unknown = [n for n in names if n not in BUNDLES]
    if unknown:
        raise KeyError(f"unknown asset bundle(s): {', '.join(unknown)}")
    styles, scripts = [], []
    for name in names:
        css_files, js_files = BUNDLES[name]
        styles += [f"<style data-asset={name!r}>\n{_css(rel)}\n</style>" for rel in css_files]
        scripts += [f"<script data-asset={name!r}>\n{_js(rel)}\n</script>" for rel in js_files]
        if name == "leaflet":
            scripts.append(f"<script data-asset='leaflet-icons'>\n{_default_icon_js()}\n</script>")
    return "\n".join(styles), "\n".join(scripts)


def strip_links(element) -> None:
    """Switch off folium's CDN links on an element tree (we inline the assets ourselves)."""
    stack = [element]
    while stack:
        el = stack.pop()
        if hasattr(el, "default_js"):
            el.default_js = []
        if hasattr(el, "default_css"):
            el.default_css = []
        stack.extend(getattr(el, "_children", {}).values())


_EXTERNAL_RE = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE
)


def external_references(html: str) -> list[str]:
    """Tags that would make the browser fetch something from the network (should be none offline)."""
    return [m.group(0) for m in _EXTERNAL_RE.finditer(html)]
