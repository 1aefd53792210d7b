"""Distances on the WGS84 ellipsoid: point to point, and point to lines and polygon boundaries.

Point-to-point distances and bearings come from pyproj's Geod, which wraps Karney's GeographicLib
(agreement with GeographicLib is at the nanometre level). Point-to-line distances are found in two
steps, both vectorised over many points at once:

1. Selection: every vertex is mapped to a unit vector along its geocentric radius, segments become
   great-circle arcs on that sphere, and the nearest arc for each point is found with a few matrix
   products (no Python loop per point).
2. Measurement: the nearest point found on that arc is mapped back to the ellipsoid and the distance
   to it is measured with an exact ellipsoidal geodesic.

Because the distance is stationary at the foot of the perpendicular, placing the foot a little off
the true ellipsoidal foot changes the distance only to second order. A segment between two vertices
is the ellipsoidal geodesic through them: segments longer than 10 km get intermediate points on that
geodesic first, so the arcs never stray from it by more than centimetres. Against dense sampling of
the geodesic segments with GeographicLib the error is below 0.1 m for points up to 2,000 km away
(tests/test_geodesy_lines.py; benchmarks/bench_geodesy.py prints it).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from pyproj import Geod

from geomap.errors import GeomapError, InputError, NotFoundError
from geomap.model import Distance, Place, Point

if TYPE_CHECKING:
    from geomap.layers import Layer

GEOD = Geod(ellps="WGS84")
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)  # first eccentricity squared
DENSIFY_KM = 10.0  # longer segments get intermediate points on their ellipsoidal geodesic
_CHUNK_CELLS = 2_000_000  # points x segments evaluated per block, bounds memory to ~100 MB

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


# ---------------------------------------------------------------- the auxiliary sphere


def _to_unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors along the geocentric radius of surface points given in geodetic degrees."""
    phi, lam = np.radians(lat), np.radians(lon)
    sin_phi = np.sin(phi)
    n = 1.0 / np.sqrt(1.0 - _E2 * sin_phi**2)
    xyz = np.stack(
        [n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam), n * (1.0 - _E2) * sin_phi], axis=-1
    )
    return xyz / np.linalg.norm(xyz, axis=-1, keepdims=True)


def _from_unit(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geodetic (lat, lon) degrees of the surface point on each unit vector's radius."""
    x, y, z = xyz[..., 0], xyz[..., 1], xyz[..., 2]
    geocentric = np.arctan2(z, np.hypot(x, y))
    lat = np.degrees(np.arctan(np.tan(geocentric) / (1.0 - _E2)))
    return lat, np.degrees(np.arctan2(y, x))


@dataclass(frozen=True, eq=False)
class Segments:
    """A geometry's edges prepared for nearest-point queries (arrays of shape (m, 3))."""

    a: np.ndarray  # start vertices, unit vectors
    b: np.ndarray  # end vertices
    normal: np.ndarray  # unit normal of each arc's plane (zero for degenerate segments)
    side_a: np.ndarray  # normal x a: p . side_a >= 0 means p projects past a
    side_b: np.ndarray  # b x normal: p . side_b >= 0 means p projects before b

    def __len__(self) -> int:
        return len(self.a)


def _densify(
    coords: np.ndarray, index: np.ndarray, max_km: float = DENSIFY_KM
) -> tuple[np.ndarray, np.ndarray]:
    """Insert points along the ellipsoidal geodesic of every segment longer than max_km."""
    if len(coords) < 2:
        return coords, index
    same = index[1:] == index[:-1]
    _, _, metres = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    long = np.flatnonzero(same & (np.asarray(metres) > max_km * 1000.0))
    if len(long) == 0:
        return coords, index
    out_c, out_i, last = [], [], 0
    for k in long:  # a loop over long segments only; data with short segments skips it
        out_c.append(coords[last : k + 1])
        out_i.append(index[last : k + 1])
        n = int(np.ceil(metres[k] / (max_km * 1000.0))) - 1
        mid = np.asarray(GEOD.npts(coords[k, 0], coords[k, 1], coords[k + 1, 0], coords[k + 1, 1], n))
        out_c.append(mid.reshape(-1, 2))
        out_i.append(np.full(len(mid), index[k]))
        last = k + 1
    out_c.append(coords[last:])
    out_i.append(index[last:])
    return np.vstack(out_c), np.concatenate(out_i)


def segments_from_lonlat(coords: np.ndarray, part_index: np.ndarray | None = None) -> Segments:
    """Segments joining consecutive (lon, lat) vertices of the same part; single vertices stay points."""
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    if len(coords) == 0:
        raise InputError("the geometry is empty")
    if not np.all(np.isfinite(coords)):
        raise InputError("the geometry has coordinates that are not finite numbers")
    if np.any(np.abs(coords[:, 1]) > 90.0) or np.any(np.abs(coords[:, 0]) > 180.0):
        raise InputError("the geometry has coordinates out of range (expected lon/lat degrees, WGS84)")
    index = np.zeros(len(coords), dtype=int) if part_index is None else np.asarray(part_index)
    coords, index = _densify(coords, index)
    unit = _to_unit(coords[:, 1], coords[:, 0])
    same = index[1:] == index[:-1]
    starts, ends = unit[:-1][same], unit[1:][same]
    # parts with a single vertex become degenerate segments so that points can be measured to
    counts = np.bincount(index - index.min())
    singles = np.flatnonzero(counts == 1) + index.min()
    if len(singles):
        lone = unit[np.isin(index, singles)]
        starts, ends = np.vstack([starts, lone]), np.vstack([ends, lone])
    cross = np.cross(starts, ends)
    norm = np.linalg.norm(cross, axis=1, keepdims=True)
    normal = np.where(norm > 1e-15, cross / np.where(norm > 0, norm, 1.0), 0.0)
    return Segments(starts, ends, normal, np.cross(normal, starts), np.cross(ends, normal))


def segments_of(geometry: Any) -> Segments:
    """Segments of a shapely geometry in lon/lat: lines, polygon rings (boundaries) and points."""
    import shapely

    if geometry is None or shapely.is_empty(geometry):
        raise InputError("the geometry is empty")
    parts = shapely.get_parts(geometry)
    pieces = []
    for part in parts:
        if isinstance(part, shapely.Polygon):
            pieces.extend(shapely.get_rings(part))
        elif isinstance(part, (shapely.MultiPolygon, shapely.MultiLineString, shapely.GeometryCollection)):
            raise InputError("nested geometry collections are not supported")
        elif not part.is_empty:
            pieces.append(part)
    if not pieces:
        raise InputError("the geometry is empty")
    coords, index = shapely.get_coordinates(np.array(pieces, dtype=object), return_index=True)
    return segments_from_lonlat(coords, index)


# ---------------------------------------------------------------- point to line / boundary


@dataclass(frozen=True, eq=False)
class Nearest:
    """Vectorised result: for each query point the distance, nearest point and bearing to it."""

    km: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    bearing: np.ndarray
    segment: np.ndarray  # index of the nearest segment


def _nearest_block(p: np.ndarray, seg: Segments) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest segment and the nearest point on it (unit vector) for each row of p."""
    dot_a = p @ seg.a.T
    dot_b = p @ seg.b.T
    s = p @ seg.normal.T
    inside = ((p @ seg.side_a.T) >= 0) & ((p @ seg.side_b.T) >= 0) & np.any(seg.normal != 0, axis=1)
    # compare by the cosine of the angle to the nearest point: sqrt(1 - s^2) when the foot of the
    # perpendicular falls inside the arc, else the larger cosine of the angles to the two ends
    closeness = np.where(inside, np.sqrt(np.maximum(0.0, 1.0 - s * s)), np.maximum(dot_a, dot_b))
    best = np.argmax(closeness, axis=1)
    rows = np.arange(len(p))
    n = seg.normal[best]
    foot = p - s[rows, best][:, None] * n
    foot_norm = np.linalg.norm(foot, axis=1, keepdims=True)
    foot = foot / np.where(foot_norm > 0, foot_norm, 1.0)
    end = np.where((dot_a[rows, best] >= dot_b[rows, best])[:, None], seg.a[best], seg.b[best])
    point = np.where(inside[rows, best][:, None] & (foot_norm > 1e-12), foot, end)
    return best, point


def nearest_points(lat: Any, lon: Any, segments: Segments) -> Nearest:
    """Distance from each (lat, lon) to the nearest point of the segments; arrays in, arrays out."""
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    lon = np.atleast_1d(np.asarray(lon, dtype=float))
    if lat.shape != lon.shape:
        raise InputError("latitude and longitude arrays differ in length")
    if not (np.all(np.isfinite(lat)) and np.all(np.isfinite(lon))):
        raise InputError("coordinates must be finite numbers")
    if np.any(np.abs(lat) > 90.0) or np.any(np.abs(lon) > 180.0):
        raise InputError("coordinates out of range (latitude within +-90, longitude within +-180)")
    p = _to_unit(lat, lon)
    step = max(1, _CHUNK_CELLS // max(1, len(segments)))
    best = np.empty(len(p), dtype=int)
    near = np.empty_like(p)
    for i in range(0, len(p), step):
        best[i : i + step], near[i : i + step] = _nearest_block(p[i : i + step], segments)
    nlat, nlon = _from_unit(near)
    km, bearing = inverse(lat, lon, nlat, nlon)
    return Nearest(np.atleast_1d(km), nlat, nlon, np.atleast_1d(bearing), best)


def point_to_geometry(
    point: PointLike,
    geometry: Any,
    *,
    target: str = "",
    layer_date: str | None = None,
    note: str = "",
    segments: Segments | None = None,
) -> Distance:
    """Distance from a point to a shapely geometry (lon/lat): to lines, to polygon boundaries, to points."""
    p = as_point(point)
    seg = segments if segments is not None else segments_of(geometry)
    r = nearest_points([p.lat], [p.lon], seg)
    return Distance(
        km=float(r.km[0]),
        origin=p,
        nearest=Point(float(r.lat[0]), float(r.lon[0])),
        target=target,
        bearing_deg=float(r.bearing[0]),
        layer_date=layer_date,
        note=note,
    )


# ---------------------------------------------------------------- the public entry point


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
        found = geocode(text, limit=1)
        if not found:
            raise NotFoundError(f"unknown place: {text!r}")
        place = found[0].place
        return Point(place.lat, place.lon), _place_label(place)
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


# ---------------------------------------------------------------- compass words

_WINDS = (
    "north", "north-north-east", "north-east", "east-north-east",
    "east", "east-south-east", "south-east", "south-south-east",
    "south", "south-south-west", "south-west", "west-south-west",
    "west", "west-north-west", "north-west", "north-north-west",
)  # fmt: skip
_ABBREV = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
_CARDINAL = {"n": 0.0, "e": 90.0, "s": 180.0, "w": 270.0}
# word stems in English, Russian and Ukrainian ("северо-восточнее", "на північний схід від")
_STEMS = (
    ("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"),
    ("север", "n"), ("сівер", "n"), ("юг", "s"), ("южн", "s"), ("восто", "e"), ("запад", "w"),
    ("півн", "n"), ("пiвн", "n"), ("півд", "s"), ("пiвд", "s"), ("схід", "e"), ("схiд", "e"), ("східн", "e"),
    ("сход", "e"), ("захід", "w"), ("захiд", "w"), ("західн", "w"), ("заход", "w"),
)  # fmt: skip


def compass_point(bearing: float) -> str:
    """The 16-wind abbreviation (N, NNE, NE, ...) of a bearing in degrees."""
    return _ABBREV[int(((bearing % 360.0) + 11.25) // 22.5) % 16]


def compass_word(bearing: float, winds: int = 16) -> str:
    """The compass word of a bearing on a 4-, 8- or 16-wind rose ("north-east", "north-north-east")."""
    if winds not in (4, 8, 16):
        raise InputError("a compass rose has 4, 8 or 16 winds")
    step = 16 // winds
    sector = 360.0 / winds
    return _WINDS[(int(((bearing % 360.0) + sector / 2) // sector) % winds) * step]


def _angle_diff(a: float, b: float) -> float:
    """Smallest absolute difference between two bearings, in [0, 180]."""
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _mid(a: float, b: float) -> float:
    return (a + ((b - a + 180.0) % 360.0 - 180.0) / 2.0) % 360.0


def _tokens(word: str) -> list[str] | None:
    """The cardinal letters a compass word is made of, in order ("north-north-east" -> n, n, e)."""
    text = word.strip()
    if 1 <= len(text) <= 3 and text.isascii() and text.isalpha() and set(text.lower()) <= set("nsew"):
        return list(text.lower())
    codes: list[str] = []
    low = text.lower().replace("ё", "е")
    for piece in re.split(r"[\s\-\u2010-\u2015]+", low):
        solid = _SOLID.match(piece)
        if solid:  # English written solid: "northeast", "southwestern", "northward"
            codes.extend(w[0] for w in (solid.group(1), solid.group(2)) if w)
            continue
        code = next((c for stem, c in _STEMS if piece.startswith(stem)), None)
        if code:
            codes.append(code)
    return codes or None


_SOLID = re.compile(r"^(north|south|east|west)(east|west)?(?:ern|erly|erner|ward|wards)?$")


def compass_bearing(word: str) -> float | None:
    """The bearing a compass word names ("north-east" 45, "NNW" 337.5, "северо-восток" 45); None if none."""
    codes = _tokens(word)
    if not codes or len(codes) > 3:
        return None
    if len(codes) == 1:
        return _CARDINAL[codes[0]]
    if len(codes) == 2:
        a, b = _CARDINAL[codes[0]], _CARDINAL[codes[1]]
        return None if _angle_diff(a, b) != 90.0 else _mid(a, b)
    first, second, third = (_CARDINAL[c] for c in codes)
    if _angle_diff(second, third) != 90.0 or first not in (second, third):
        return None
    return _mid(first, _mid(second, third))


def bearing_agrees(bearing: float, word: str, tolerance_deg: float | None = None) -> bool:
    """Whether a bearing (from the reference place to the subject) fits a compass word.

    Default tolerance: 45 degrees for a 4- or 8-wind word (reporters round directions to the
    nearest of eight), 33.75 degrees for a 16-wind word. Unknown words raise InputError.
    """
    named = compass_bearing(word)
    if named is None:
        raise InputError(f"not a compass direction: {word!r}")
    if tolerance_deg is None:
        codes = _tokens(word) or []
        tolerance_deg = 33.75 if len(codes) == 3 else 45.0
    return _angle_diff(bearing, named) <= tolerance_deg + 1e-9
