"""Measuring places: what `geomap distance` and `geomap.distance()` do with the names they are given.

Geodesy is pure math on points and lines; layers are the lines. Measuring a *place* needs both, and
the gazetteer to turn a name into a point: this module is where the three meet, so that none of them
has to import the others.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from geomap.errors import InputError, NotFoundError
from geomap.geodesy.points import as_point, inverse, parse_latlon
from geomap.layers import Layer, layer_for
from geomap.model import Distance, Place, Point

__all__ = ["distance", "locate"]


def locate(value: Any, what: str = "place") -> tuple[Point, str]:
    """A Point and a label for a place name, 'lat,lon' text, Place, Candidate, Point or (lat, lon)."""
    if isinstance(value, str):
        return _locate_text(value, what)
    if isinstance(value, Place):
        return as_point(value), value.label
    if hasattr(value, "place") and isinstance(value.place, Place):
        return as_point(value.place), value.place.label
    point = as_point(value)
    return point, _coordinates_label(point)


def _coordinates_label(point: Point) -> str:
    return f"{point.lat:.5f}, {point.lon:.5f}"


def _locate_text(value: str, what: str) -> tuple[Point, str]:
    """A name through the gazetteer (its best place, warning of namesakes), or 'lat,lon' text."""
    text = value.strip()
    if not text:
        raise InputError(f"the {what} name is empty")
    point = parse_latlon(text)
    if point is not None:
        return point, _coordinates_label(point)
    from geomap.gazetteer import geocode  # here: coordinates need no index

    name, _, context = text.partition(",")  # "Petropavlivka, Kharkiv Oblast": the rest is context
    found = geocode(name.strip(), context=context.strip() or None, limit=5)
    if not found:
        raise NotFoundError(f"unknown place: {text!r}")
    place = found[0].place
    label = place.label
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


def distance(
    a: Any,
    b: Any = None,
    *,
    to: str | Layer | None = None,
    date: str | None = None,
    frontline: str | None = None,
    country: str = "UA",
    held: str | None = None,
) -> Distance:
    """Geodesic distance from a to b, or from a to a reference layer.

    a, b: place names (resolved through the gazetteer), "lat,lon" text, Place, Candidate, Point or
    (lat, lon). to: "frontline" (the line of contact on `date`, or the one in the `frontline` file),
    "border" (`country`'s international border), or a geomap.layers.Layer; `held` a file of
    Ukrainian-held areas outside Ukraine that adds to the `frontline` file's occupied areas.
    """
    origin, origin_label = locate(a, "starting place")
    if b is not None and to is not None:
        raise InputError("give either a second place or a layer to measure to, not both")
    if b is None and to is None and frontline is None:
        raise InputError("give a second place, or a layer to measure to (frontline or border)")
    if b is not None:
        end, end_label = locate(b, "destination")
        km, bearing = inverse(origin.lat, origin.lon, end.lat, end.lon)
        return Distance(
            km=km, origin=origin, nearest=end, target=end_label, bearing_deg=bearing, origin_name=origin_label
        )
    if isinstance(to, Layer):
        layer = to
    else:
        layer = layer_for(to or "frontline", date=date, path=frontline, country=country, held=held)
    return dataclasses.replace(layer.distance_from(origin), origin_name=origin_label)
