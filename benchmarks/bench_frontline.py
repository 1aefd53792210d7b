"""Figures for front lines from real occupied-area files (../shared/frontline, test inputs only).

Prints, per file: time to load it and derive its line of contact (best of 3, no cache), the derived line's
length, and the distances issue 10 checks (Kazan, Armyansk, Kharkiv, Kherson, Sudzha, Kursk); then the time
for the distance from 100,000 points to one derived line on one core. Runs on older checkouts too (for
benchmarks/side_by_side.py): what they cannot do is printed as "-".
Usage: python benchmarks/bench_frontline.py
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"  # one core, as the figure promises

import inspect  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from pyproj import Geod  # noqa: E402

from geomap.layers.snapshots import load_frontline  # noqa: E402

FRONT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "frontline"
FILES = (
    "deepstatemap_data_20241222.geojson",
    "deepstatemap_data_20241222.kmz",
    "deepstate-api-raw-1734816028.geojson",
    "occupied-2023-06-01.geojson",
    "deepstatemap_data_20240820.geojson",
    "deepstatemap_data_20250601.geojson",
)
HELD = "ukrainian-held-in-russia-2024-08-20.geojson"
PLACES = {
    "Kazan": (55.7963, 49.1088),
    "Armyansk": (46.1088, 33.6921),
    "Kharkiv": (49.9935, 36.2304),
    "Kherson": (46.6354, 32.6169),
    "Sudzha": (51.1917, 35.2722),
    "Kursk": (51.7373, 36.1874),
}
N = 100_000


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def length_km(geom) -> float:
    geod = Geod(ellps="WGS84")
    return sum(geod.geometry_length(p) for p in shapely.get_parts(geom)) / 1000.0


def distances(layer) -> str:
    return "  ".join(f"{name} {layer.distance_from(p).km:,.1f} km" for name, p in PLACES.items())


def main() -> None:
    if not FRONT_DIR.is_dir():
        sys.exit(f"bench_frontline: {FRONT_DIR} is absent (the real files are test inputs, not shipped)")
    for name in FILES:
        path = FRONT_DIR / name
        secs, layer = best_of(lambda p=path: load_frontline(p))
        print(f"{name}: load and derive {secs * 1000:,.0f} ms, line {length_km(layer.geometry):,.0f} km")
        print(f"  {name}: {distances(layer)}")
    if "held" in inspect.signature(load_frontline).parameters:
        base = FRONT_DIR / "deepstatemap_data_20240820.geojson"
        secs, layer = best_of(lambda: load_frontline(base, held=FRONT_DIR / HELD))
        print(f"with {HELD}: load and derive {secs * 1000:,.0f} ms")
        print(f"  with {HELD}: {distances(layer)}")
    else:
        print(f"with {HELD}: - (held areas not supported)")
    layer = load_frontline(FRONT_DIR / FILES[0])
    rng = np.random.default_rng(7)
    lats, lons = rng.uniform(44.0, 56.0, N), rng.uniform(22.0, 50.0, N)
    prep, _ = best_of(lambda: layer.segments)
    secs, _ = best_of(lambda: layer.distances(lats, lons))
    print(f"{N:,} points to the derived 2024-12-22 line: {secs * 1000:,.0f} ms (one core)")


if __name__ == "__main__":
    main()
