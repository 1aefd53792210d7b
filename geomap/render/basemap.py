"""The offline basemap: the whole world's land, and near the story its borders, oblast lines and names,
lakes and reservoirs, and the gazetteer's own towns and villages, so the map reads with no tile server.

Polygons are never clipped (a clipped polygon draws a straight fake coast): the world's land goes in whole,
lakes whole when they touch the area. Lines (country borders, oblast boundaries) are clipped, which adds
no artificial segment. Settlements come from the gazetteer itself: every village near the story's places,
towns across its frame, cities around it; the browser shows them by population and zoom (geomap.js).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geomap.paths import data_dir

Bounds = tuple[float, float, float, float]  # south, west, north, east
Label = tuple[float, float, str, int]  # lat, lon, name, population

# Settlements carried by a page, in three rings around the story (the browser thins them by zoom):
NEAR_DEG = 0.35  # every village within about 35 km of a story place: what a reader zooms in to see
NEAR_PER_PLACE = 500  # ...at most this many per place (a city's surroundings hold a few hundred)
NEAR_CELLS = 40  # ...around at most this many places' cells: a page stays small whatever the events
FRAME_MIN_POP = 3_000  # towns across the story's frame
FRAME_LIMIT = 2_500
WIDE_MIN_POP = 40_000  # cities around the frame, for context when zoomed out
WIDE_LIMIT = 600
TWIN_KM = 3.0  # one label for a place the gazetteer lists twice (GeoNames and the KATOTTG codifier)
SKIPPED_CODES = {"PPLX", "PPLH", "PPLQ"}  # sections of a city, historical and abandoned places
REGION_KINDS = ("admin1",)
LINE_PAD_DEG = 8.0  # country and oblast lines drawn this far around the frame
LAND_FILE = "land-world.geojson"
LAKES_FILE = "lakes-10m.geojson"
ADMIN1_FILE = "admin1-lines-10m.geojson"
COORD_DECIMALS = 3  # about 100 m: finer than the 1:10m sources


@dataclass(frozen=True, slots=True)
class Basemap:
    land: dict | None  # the world's land, whole (None when the data is not installed)
    borders: dict | None  # country boundary lines around the story
    admin1: dict | None  # first-order administrative boundary lines around the story
    lakes: dict | None  # lakes and reservoirs touching the area, whole
    places: tuple[Label, ...]  # gazetteer settlements, most populous first
    regions: tuple[tuple[float, float, str], ...]  # oblast / region names at their points
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


def basemap_file(name: str, root: Path | None = None) -> Path | None:
    path = (root or data_dir()) / "basemap" / name
    return path if path.is_file() else None


def countries_file(root: Path | None = None) -> Path | None:
    """The Natural Earth world countries GeoJSON the borders room ships (data/borders/), if installed."""
    path = (root or data_dir()) / "borders" / "countries-50m.geojson"
    return path if path.is_file() else None


Feature = tuple[Bounds, dict]  # a feature's bounding box (south, west, north, east) and its raw geometry


def _extent(coords) -> list[float]:
    """[south, west, north, east] of a GeoJSON coordinate array of any depth."""
    import numpy as np

    if coords and isinstance(coords[0], int | float):
        return [coords[1], coords[0], coords[1], coords[0]]
    if coords and coords[0] and isinstance(coords[0][0], int | float):  # a ring or a line: one array
        xy = np.asarray(coords, dtype=float)[:, :2]
        (w, s), (e, n) = xy.min(axis=0), xy.max(axis=0)
        return [float(s), float(w), float(n), float(e)]
    box = [90.0, 180.0, -90.0, -180.0]
    for c in coords:
        s, w, n, e = _extent(c)
        box = [min(box[0], s), min(box[1], w), max(box[2], n), max(box[3], e)]
    return box


@cache
def _features(path: str, mtime: float) -> tuple[Feature, ...]:
    """The file's geometries as raw GeoJSON with their boxes: a page embeds most of them as they are, and
    only the few that cross its edge go through shapely."""
    import json

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for f in data.get("features", []):
        geom = (f or {}).get("geometry")
        if geom and geom.get("coordinates"):
            bbox = f.get("bbox")  # west, south, east, north, when the file carries it
            box = (
                (bbox[1], bbox[0], bbox[3], bbox[2])
                if bbox and len(bbox) == 4
                else _extent(geom["coordinates"])
            )
            out.append((tuple(box), geom))
    return tuple(out)


def _load(path: Path | None) -> tuple[Feature, ...]:
    return _features(str(path), path.stat().st_mtime) if path else ()


def _collection(geoms) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": g} for g in geoms],
    }


def _inside(a: Bounds, b: Bounds) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def _meets(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


def world_land(path: Path | None = None) -> dict | None:
    path = path or basemap_file(LAND_FILE)
    return _collection(g for _, g in _load(path)) if path else None


def clipped_lines(features, bounds: Bounds) -> list[dict]:
    """Line geometries inside `bounds`: those wholly inside as they are, those across its edge cut."""
    import shapely
    from shapely.geometry import mapping, shape

    s, w, n, e = bounds
    out = []
    for box, geom in features:
        if not _meets(box, bounds):
            continue
        if _inside(box, bounds):
            out.append(geom)
            continue
        part = shapely.clip_by_rect(shape(geom), w, s, e, n)
        if part is not None and not part.is_empty:
            out.append(mapping(shapely.set_precision(part, 10**-COORD_DECIMALS)))
    return out


def touching(features, bounds: Bounds) -> list[dict]:
    """Whole polygons whose box meets `bounds` (never clipped: a clipped polygon draws a fake shore)."""
    return [g for box, g in features if _meets(box, bounds)]


def country_borders(bounds: Bounds) -> dict | None:
    """Country outlines near the area, as lines (a line clips cleanly; only countries that reach the
    area are turned into lines at all)."""
    import shapely
    from shapely.geometry import mapping, shape

    path = countries_file()
    if path is None:
        return None
    lines = []
    for box, geom in _load(path):
        if _meets(box, bounds):
            line = shapely.boundary(shape(geom))
            if line is not None and not line.is_empty:
                lines.append((box, mapping(line)))
    return _collection(clipped_lines(lines, bounds))


def _near_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance: plenty for telling twins apart."""
    dlat = math.radians(a[0] - b[0])
    dlon = math.radians(a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _gazetteer():
    """The gazetteer, or None when it cannot be opened here (the map then has no settlement labels)."""
    from geomap.errors import GeomapError
    from geomap.gazetteer import Gazetteer

    try:
        return Gazetteer.default()
    except (GeomapError, OSError):
        return None


def near_cells(focus: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The story's places gathered into cells of the villages' reach, the most crowded first and at most
    NEAR_CELLS of them: 10,000 events in one oblast need the villages of a few cells, not 10,000 lookups."""
    counts: dict[tuple[int, int], int] = {}
    for lat, lon in focus:
        key = (round(lat / NEAR_DEG), round(lon / (NEAR_DEG * 1.5)))
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])[:NEAR_CELLS]
    return [(k[0] * NEAR_DEG, k[1] * NEAR_DEG * 1.5) for k in ranked]


def settlements(focus: list[tuple[float, float]], frame: Bounds, gazetteer=None) -> tuple[Label, ...]:
    """Settlements to label: all villages near the story's places, towns across its frame, cities around."""
    gaz = gazetteer if gazetteer is not None else _gazetteer()
    if gaz is None:
        return ()
    found: dict[str, object] = {}
    for lat, lon in near_cells(focus):
        box = (lat - NEAR_DEG, lon - NEAR_DEG * 1.5, lat + NEAR_DEG, lon + NEAR_DEG * 1.5)
        for p in gaz.places_within(box, limit=NEAR_PER_PLACE):
            found.setdefault(p.place_id, p)
    for box, min_pop, limit in (
        (padded(frame, 0.1, 0.5), FRAME_MIN_POP, FRAME_LIMIT),
        (padded(frame, 0.6, 4.0), WIDE_MIN_POP, WIDE_LIMIT),
    ):
        for p in gaz.places_within(box, limit=limit):
            if p.population < min_pop:
                break
            found.setdefault(p.place_id, p)
    ranked = sorted(found.values(), key=lambda p: -p.population)
    kept: list[Label] = []
    by_name: dict[str, list[Label]] = {}
    for p in ranked:
        if p.feature_code in SKIPPED_CODES:
            continue
        twins = by_name.setdefault(p.name.casefold(), [])
        if any(_near_km((p.lat, p.lon), (t[0], t[1])) < TWIN_KM for t in twins):
            continue
        label = (round(p.lat, 4), round(p.lon, 4), p.name, int(p.population or 0))
        twins.append(label)
        kept.append(label)
    return tuple(kept)


def region_names(bounds: Bounds, gazetteer=None) -> tuple[tuple[float, float, str], ...]:
    """First-order regions (oblasts, federal subjects) whose point lies in the area, by name once."""
    gaz = gazetteer if gazetteer is not None else _gazetteer()
    if gaz is None:
        return ()
    seen: set[str] = set()
    out = []
    for p in gaz.places_within(bounds, kind="admin1"):
        if p.name in seen:
            continue
        seen.add(p.name)
        out.append((round(p.lat, 3), round(p.lon, 3), p.name))
    return tuple(out)


def build_basemap(
    points: list[tuple[float, float]], focus: list[tuple[float, float]] | None = None
) -> Basemap:
    """The basemap for a story whose frame holds `points`; `focus` are the places whose surroundings a
    reader zooms into (every village near them is carried)."""
    core = content_bounds(points)
    lines_box = padded(core, 0.5, at_least=LINE_PAD_DEG)
    land = world_land()
    admin1 = basemap_file(ADMIN1_FILE)
    lakes = basemap_file(LAKES_FILE)
    gaz = _gazetteer()
    return Basemap(
        land=land,
        borders=country_borders(lines_box),
        admin1=_collection(clipped_lines(_load(admin1), lines_box)) if admin1 else None,
        lakes=_collection(touching(_load(lakes), lines_box)) if lakes else None,
        places=settlements(list(focus if focus is not None else points), core, gaz),
        regions=region_names(padded(core, 0.3, at_least=2.0), gaz),
        source="Natural Earth (public domain)" if land else "",
    )
