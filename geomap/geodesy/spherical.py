"""Light spherical geometry for ranking and scoring: no pyproj, no shapely, importable anywhere.

Ranking namesakes, weighing "near X" and scoring a guess against gold need distances good to a fraction
of a percent, thousands of times per article; a sphere of the mean Earth radius gives that at a tenth of
an ellipsoidal geodesic's cost. Measurements a user reads (claims, `geomap distance`) use `points.py`.
"""

from __future__ import annotations

import math

EARTH_MEAN_RADIUS_KM = 6371.0088  # IUGG mean radius R1: the sphere closest to WGS84 on average


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from the first point to the second, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def angle_between(a: float, b: float) -> float:
    """The smallest difference between two bearings, in [0, 180] degrees."""
    return abs((a - b + 180.0) % 360.0 - 180.0)
