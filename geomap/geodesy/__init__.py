"""Distances on the WGS84 ellipsoid: point to point, and point to lines and polygon boundaries.

points.py  point-to-point geodesics and bearings (pyproj's Geod = Karney's GeographicLib)
nearest.py nearest points on lines and polygon boundaries, vectorised, with the error it makes
compass.py compass words (English, Russian, Ukrainian) and whether a bearing agrees with one
This module: `distance()`, the public entry point that resolves names and picks layers.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError, InputError, NotFoundError
from geomap.geodesy.compass import bearing_agrees, compass_bearing, compass_point, compass_word
from geomap.geodesy.nearest import (
    DENSIFY_KM,
    Nearest,
    Segments,
    nearest_points,
    point_to_geometry,
    segments_from_lonlat,
    segments_of,
)
from geomap.geodesy.points import (
    GEOD,
    PointLike,
    as_point,
    bearing_deg,
    check_latlon,
    destination,
    geodesic_km,
    inverse,
    parse_latlon,
)
from geomap.model import Distance, Place, Point

if TYPE_CHECKING:
    from geomap.layers import Layer

__all__ = [
    "DENSIFY_KM", "GEOD", "Nearest", "PointLike", "Segments", "as_point", "bearing_agrees", "bearing_deg",
    "check_latlon", "compass_bearing", "compass_point", "compass_word", "destination", "distance",
    "geodesic_km", "inverse", "nearest_points", "parse_latlon", "point_to_geometry", "resolve",
    "segments_from_lonlat", "segments_of",
]  # fmt: skip


def resolve(value: Any, what: str = "place") -> tuple[Point, str]:
    """A Point and a label for a place name, 'lat,lon' text, Place, Candidate, Point or (lat, lon)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise InputError(f"the {what} name is empty")
        point = parse_latlon(text)
        if point is not None:
            return point, f"{point.lat:.5f}, {point.lon:.5f}"
        try:
            from geomap.gazetteer import geocode
        except ImportError as exc:
            raise GeomapError(f"cannot look up {text!r}: the gazetteer is not available ({exc})") from exc
        name, _, context = text.partition(",")  # "Petropavlivka, Kharkiv Oblast": the rest is context
        found = geocode(name.strip(), context=context.strip() or None, limit=5)
        if not found:
            raise NotFoundError(f"unknown place: {text!r}")
        place = found[0].place
        label = _place_label(place)
        namesakes = sum(
            1
            for c in found[1:]
            if c.place.name == place.name
            and c.place.place_id != place.place_id
            and (not context.strip() or c.place.admin1 == place.admin1)  # the region told them apart
        )
        if namesakes:
            label += f" [best of {namesakes + 1} places so named: write 'Name, Region' or give lat,lon]"
        return Point(place.lat, place.lon), label
    if isinstance(value, Place):
        return as_point(value), _place_label(value)
    if hasattr(value, "place") and isinstance(value.place, Place):
        return as_point(value.place), _place_label(value.place)
    point = as_point(value)
    return point, f"{point.lat:.5f}, {point.lon:.5f}"


def _place_label(place: Place) -> str:
    where = ", ".join(x for x in (place.admin1, place.country) if x)
    return f"{place.name} ({where})" if where else place.name


def distance(
    a: Any,
    b: Any = None,
    *,
    to: str | Layer | None = None,
    date: str | None = None,
    frontline: str | None = None,
    country: str = "UA",
) -> Distance:
    """Geodesic distance from a to b, or from a to a reference layer.

    a, b: place names (resolved through the gazetteer), "lat,lon" text, Place, Candidate, Point or
    (lat, lon). to: "frontline" (the line of contact on `date`, or the one in the `frontline` file),
    "border" (`country`'s international border), or a geomap.layers.Layer.
    """
    origin, origin_label = resolve(a, "starting place")
    if b is not None and to is not None:
        raise InputError("give either a second place or a layer to measure to, not both")
    if b is None and to is None and frontline is None:
        raise InputError("give a second place, or a layer to measure to (frontline or border)")
    if b is not None:
        end, end_label = resolve(b, "destination")
        km, bearing = inverse(origin.lat, origin.lon, end.lat, end.lon)
        return Distance(
            km=km, origin=origin, nearest=end, target=end_label, bearing_deg=bearing, origin_name=origin_label
        )
    from geomap import layers

    if isinstance(to, layers.Layer):
        layer = to
    else:
        layer = layers.layer_for(to or "frontline", date=date, path=frontline, country=country)
    return dataclasses.replace(layer.distance_from(origin), origin_name=origin_label)
