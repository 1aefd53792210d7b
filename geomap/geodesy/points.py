"""Point-to-point geodesy on the WGS84 ellipsoid (pyproj's Geod wraps Karney's GeographicLib), and
checking the points users give."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from pyproj import Geod

from geomap.errors import InputError
from geomap.model import Place, Point

GEOD = Geod(ellps="WGS84")

PointLike = Point | Place | tuple[float, float] | Sequence[float]

# ---------------------------------------------------------------- points and validation


def check_latlon(lat: float, lon: float) -> None:
    """Raise InputError for coordinates outside [-90, 90] x [-180, 180] or not finite."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InputError(f"coordinates must be finite numbers, got ({lat}, {lon})")
    if not -90.0 <= lat <= 90.0:
        raise InputError(f"latitude {lat} is out of range [-90, 90]")
    if not -180.0 <= lon <= 180.0:
        raise InputError(f"longitude {lon} is out of range [-180, 180]")


def as_point(value: Any) -> Point:
    """A Point from a Point, Place, Candidate-like object with .place, or a (lat, lon) pair."""
    if isinstance(value, Point):
        point = value
    elif isinstance(value, Place):
        point = Point(value.lat, value.lon)
    elif hasattr(value, "place") and isinstance(value.place, Place):
        point = Point(value.place.lat, value.place.lon)
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        try:
            point = Point(float(value[0]), float(value[1]))
        except (TypeError, ValueError) as exc:
            raise InputError(f"not a (lat, lon) pair: {value!r}") from exc
    else:
        raise InputError(f"not a place or a (lat, lon) pair: {value!r}")
    check_latlon(point.lat, point.lon)
    return point


def parse_latlon(text: str) -> Point | None:
    """'48.5, 37.9' or '48.5 37.9' as a Point; None when the text is not a coordinate pair."""
    parts = text.replace(",", " ").replace(";", " ").split()
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    check_latlon(lat, lon)
    return Point(lat, lon)


# ---------------------------------------------------------------- point to point


def inverse(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> tuple[Any, Any]:
    """Geodesic distance in km and initial bearing in degrees [0, 360); scalars or arrays."""
    az, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    km = np.asarray(metres) / 1000.0
    bearing = np.mod(np.asarray(az), 360.0)
    if np.ndim(km) == 0:
        return float(km), float(bearing)
    return km, bearing


def geodesic_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Ellipsoidal (WGS84) distance in km; scalars or numpy arrays (broadcast)."""
    return inverse(lat1, lon1, lat2, lon2)[0]


def bearing_deg(a: PointLike, b: PointLike) -> float:
    """Initial bearing of the geodesic from a to b, degrees clockwise from north in [0, 360)."""
    pa, pb = as_point(a), as_point(b)
    return inverse(pa.lat, pa.lon, pb.lat, pb.lon)[1]


def destination(origin: PointLike, bearing: float, km: float) -> Point:
    """The point reached from origin after km along the geodesic with the given initial bearing."""
    p = as_point(origin)
    lon, lat, _ = GEOD.fwd(p.lon, p.lat, bearing, km * 1000.0)
    return Point(float(lat), float((lon + 180.0) % 360.0 - 180.0))
