"""Geodesy: pure math on points, lines and bearings; no names, no files, no layers.

spherical.py haversine distance, initial bearing and angle between bearings on a sphere: light (no pyproj,
             no shapely), for ranking and scoring anywhere, the gazetteer included
points.py    point-to-point geodesics and bearings on the WGS84 ellipsoid (pyproj's Geod = Karney's
             GeographicLib), and checking the points users give
nearest.py   nearest points on lines and polygon boundaries, vectorised, with the error it makes
compass.py   the compass vocabulary (English, Russian, Ukrainian): words to bearings and back

May import: geomap.model, geomap.errors. Measuring a named place (gazetteer + layers) is geomap.measure.
The names below are exported lazily, so that importing `geomap.geodesy.spherical` or `.compass` does
not load pyproj and shapely.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "DENSIFY_KM": "nearest",
    "Nearest": "nearest",
    "Segments": "nearest",
    "nearest_points": "nearest",
    "point_to_geometry": "nearest",
    "segments_from_lonlat": "nearest",
    "segments_of": "nearest",
    "GEOD": "points",
    "PointLike": "points",
    "as_point": "points",
    "bearing_deg": "points",
    "check_latlon": "points",
    "destination": "points",
    "geodesic_km": "points",
    "inverse": "points",
    "parse_latlon": "points",
    "bearing_agrees": "compass",
    "compass_bearing": "compass",
    "compass_point": "compass",
    "compass_word": "compass",
    "angle_between": "spherical",
    "haversine_km": "spherical",
    "initial_bearing": "spherical",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap.geodesy' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
