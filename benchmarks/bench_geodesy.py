"""Figures for geodesy: distance from 100,000 points to the default front line, on one core.

Prints: time to prepare the line, time for 100,000 points (best of 5), point-to-point throughput, and
the largest difference from dense GeographicLib sampling of the line for a sample of the points.
Usage: python benchmarks/bench_geodesy.py
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"  # one core, as the figure promises

import time  # noqa: E402

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from geographiclib.geodesic import Geodesic  # noqa: E402

from geomap.geodesy import geodesic_km, nearest_points, segments_of  # noqa: E402
from geomap.layers import frontline_for  # noqa: E402

N = 100_000


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def dense_truth_km(lat: float, lon: float, line_coords: list[np.ndarray], step_km: float = 0.02) -> float:
    """Minimum over points every 20 m along each segment's ellipsoidal geodesic (GeographicLib)."""
    g = Geodesic.WGS84
    best = np.inf
    for coords in line_coords:
        for (lo1, la1), (lo2, la2) in zip(coords[:-1], coords[1:], strict=True):
            line = g.InverseLine(la1, lo1, la2, lo2)
            s = np.linspace(0.0, line.s13, max(2, int(line.s13 / (step_km * 1000)) + 2))
            pos = [line.Position(x, Geodesic.LATITUDE | Geodesic.LONGITUDE) for x in s]
            la = np.array([p["lat2"] for p in pos])
            lo = np.array([p["lon2"] for p in pos])
            best = min(best, float(geodesic_km(np.full(len(la), lat), np.full(len(la), lon), la, lo).min()))
    return best


def main() -> None:
    layer = frontline_for("2024-12-22")
    rng = np.random.default_rng(42)
    lat, lon = rng.uniform(40.0, 62.0, N), rng.uniform(20.0, 60.0, N)

    t = time.perf_counter()
    seg = segments_of(layer.geometry)
    prep = time.perf_counter() - t
    run = best_of(lambda: nearest_points(lat, lon, seg))
    print(f"default line of contact {layer.date}: {len(seg)} segments after densification", end="")
    print(f" (prepared in {prep * 1e3:.1f} ms)")
    print(f"distance from {N:,} points to the line: {run:.3f} s on one core ({N / run / 1e6:.2f} M points/s)")

    from geomap.layers import country_outline

    big = segments_of(country_outline("UA"))
    run_big = best_of(lambda: nearest_points(lat, lon, big), repeat=2)
    print(
        f"distance from {N:,} points to Ukraine's 1:10m outline ({len(big)} segments, pruned by caps):",
        f"{run_big:.2f} s",
    )

    p2p = best_of(lambda: geodesic_km(lat, lon, lat[::-1], lon[::-1]))
    print(f"point-to-point geodesics: {N:,} in {p2p:.3f} s ({N / p2p / 1e6:.2f} M/s)")

    r = nearest_points(lat, lon, seg)
    # a lone point is a one-vertex "line": dense sampling of it is the point itself
    parts = [shapely.get_coordinates(p) for p in shapely.get_parts(layer.geometry)]
    parts = [np.vstack([c, c]) if len(c) == 1 else c for c in parts]
    idx = rng.choice(N, 20, replace=False)
    errors = [abs(r.km[i] - dense_truth_km(lat[i], lon[i], parts)) * 1000 for i in idx]
    print(
        f"difference from dense GeographicLib sampling (20 m) of the line, 20 points: max {max(errors):.3f} m"
    )


if __name__ == "__main__":
    main()
