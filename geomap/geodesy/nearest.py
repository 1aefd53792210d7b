"""Nearest points on lines and polygon boundaries, for many points at once.

The distance from each point to a geometry is found in two steps, both vectorised:

1. Selection: every vertex is mapped to a unit vector along its geocentric radius, segments become
   great-circle arcs on that sphere, and the nearest arc for each point is found with a few matrix
   products (no Python loop per point).
2. Measurement: the nearest point found on that arc is mapped back to the ellipsoid and the distance
   to it is measured with an exact ellipsoidal geodesic.

Because the distance is stationary at the foot of the perpendicular, placing the foot a little off
the true ellipsoidal foot changes the distance only to second order. Where two stretches of the
geometry lie in different directions at nearly the same distance, the sphere can misorder them by up
to ~0.5% of the distance; such rivals are each measured with exact geodesics and the nearer wins.
A segment between two vertices
is the ellipsoidal geodesic through them: segments longer than 10 km get intermediate points on that
geodesic first, so the arcs never stray from it by more than centimetres. Against dense sampling of
the geodesic segments with GeographicLib the error is below 0.1 m for points up to 2,000 km away
(tests/test_geodesy_lines.py; benchmarks/bench_geodesy.py prints it); continents away (8,000 km) it
can reach a few metres, under 1e-6 of the distance, so the ends of the chosen segment are measured too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from geomap.errors import InputError
from geomap.geodesy.points import GEOD, PointLike, as_point, inverse
from geomap.model import Distance, Point

_F = 1 / 298.257223563
_E2 = _F * (2 - _F)  # first eccentricity squared
DENSIFY_KM = 10.0  # longer segments get intermediate points on their ellipsoidal geodesic
_CHUNK_CELLS = 100_000  # points x segments per block: arrays of ~1 MB stay in cache (6x faster than 2M)
PRUNE_MIN_SEGMENTS = 2_000  # above this, runs of segments far from a point are skipped (see _pruned)
CAP_RUN = 16  # consecutive segments per bounding cap
_PRUNE_BLOCK = 1_024  # points per block when pruning


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
    cap_center: np.ndarray | None = None  # per run of CHUNK consecutive segments: a bounding cap's centre
    cap_radius: np.ndarray | None = None  # and its angular radius (radians)

    def __len__(self) -> int:
        return len(self.a)

    def take(self, index: np.ndarray) -> Segments:
        """The segments at `index`, without caps."""
        return Segments(
            self.a[index], self.b[index], self.normal[index], self.side_a[index], self.side_b[index]
        )


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
    center, radius = _caps(starts, ends) if len(starts) > PRUNE_MIN_SEGMENTS else (None, None)
    return Segments(starts, ends, normal, np.cross(normal, starts), np.cross(ends, normal), center, radius)


def _caps(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounding caps of runs of CAP_RUN consecutive segments (caps under 90 degrees hold their arcs)."""
    m = len(starts)
    pad = (-m) % CAP_RUN
    ends_pts = np.concatenate([starts, ends], axis=1)  # (m, 6)
    if pad:
        ends_pts = np.vstack([ends_pts, np.repeat(ends_pts[-1:], pad, axis=0)])
    pts = ends_pts.reshape(-1, CAP_RUN * 2, 3)
    center = pts.sum(axis=1)
    norm = np.linalg.norm(center, axis=1, keepdims=True)
    center = np.where(norm > 1e-9, center / np.where(norm > 0, norm, 1.0), pts[:, 0])
    cos = np.einsum("cij,cj->ci", pts, center).min(axis=1)
    radius = np.arccos(np.clip(cos, -1.0, 1.0)) + 1e-9
    radius = np.where(radius < np.pi / 2, radius, np.pi)  # a cap of 90 degrees or more proves nothing
    return center, radius


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
    best = _ellipsoidal_choice(p, closeness, best, (seg, s, dot_a, dot_b, inside))
    return best, _point_on(p, seg, rows, best, s, dot_a, dot_b, inside)


def _point_on(
    p: np.ndarray, seg: Segments, rows: np.ndarray, cols: np.ndarray, s: np.ndarray, dot_a: np.ndarray,
    dot_b: np.ndarray, inside: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """The nearest point (unit vector) of segment cols[i] to p[rows[i]]."""
    n = seg.normal[cols]
    foot = p[rows] - s[rows, cols][:, None] * n
    foot_norm = np.linalg.norm(foot, axis=1, keepdims=True)
    foot = foot / np.where(foot_norm > 0, foot_norm, 1.0)
    end = np.where((dot_a[rows, cols] >= dot_b[rows, cols])[:, None], seg.a[cols], seg.b[cols])
    return np.where(inside[rows, cols][:, None] & (foot_norm > 1e-12), foot, end)


def _ellipsoidal_choice(p: np.ndarray, closeness: np.ndarray, best: np.ndarray, state: tuple) -> np.ndarray:
    """Among rival arms of the geometry, pick the nearest on the ellipsoid, not on the sphere.

    The auxiliary sphere misorders two stretches lying in different directions by up to ~0.5% of the
    distance. Rivals are the local minima of distance along the segments within 1% of the best; their
    nearest points are measured with exact geodesics. Most points have no rival and skip this."""
    m = closeness.shape[1]
    if m < 3:
        rival = closeness >= 0  # with one or two segments every one is a rival
    else:
        left = np.concatenate([np.full((len(p), 1), -2.0), closeness[:, :-1]], axis=1)
        right = np.concatenate([closeness[:, 1:], np.full((len(p), 1), -2.0)], axis=1)
        rival = (closeness >= left) & (closeness >= right)
    best_angle = np.arccos(np.clip(closeness[np.arange(len(p)), best], -1.0, 1.0))
    floor = np.cos(np.minimum(np.pi, best_angle * 1.01 + 1e-6))
    rival &= closeness >= floor[:, None]
    many = np.flatnonzero(rival.sum(axis=1) > 1)
    if len(many) == 0:
        return best
    return _refine(p, rival, best, many, state)


def _refine(p: np.ndarray, rival: np.ndarray, best: np.ndarray, many: np.ndarray, state: tuple) -> np.ndarray:
    """For rows with rivals, the rival whose nearest point is nearest by an exact geodesic."""
    seg, s, dot_a, dot_b, inside = state
    rows, cols = np.nonzero(rival[many])
    rows = many[rows]
    pts = _point_on(p, seg, rows, cols, s, dot_a, dot_b, inside)
    plat, plon = _from_unit(p[rows])
    qlat, qlon = _from_unit(pts)
    _, _, metres = GEOD.inv(plon, plat, qlon, qlat)
    metres = np.asarray(metres)
    out = best.copy()
    order = np.lexsort((metres, rows))  # by row, then by distance: the first of each row wins
    first = np.ones(len(order), dtype=bool)
    first[1:] = rows[order][1:] != rows[order][:-1]
    out[rows[order][first]] = cols[order][first]
    return out


def _brute(p: np.ndarray, seg: Segments) -> tuple[np.ndarray, np.ndarray]:
    """Every point against every segment, in blocks that bound memory."""
    step = max(1, _CHUNK_CELLS // max(1, len(seg)))
    best = np.empty(len(p), dtype=int)
    near = np.empty_like(p)
    for i in range(0, len(p), step):
        best[i : i + step], near[i : i + step] = _nearest_block(p[i : i + step], seg)
    return best, near


def _pruned(p: np.ndarray, seg: Segments) -> tuple[np.ndarray, np.ndarray]:
    """Like _brute, but each block of nearby points is tested only against runs of segments whose
    bounding cap could hold the nearest point: angle(p, cap) - radius <= min over caps of
    angle(p, cap) + radius. Exact: nothing that could be nearest is skipped."""
    center, radius = seg.cap_center, seg.cap_radius
    # group points by their nearest cap so that each block is compact and shares candidates
    order_key = np.empty(len(p), dtype=int)
    for i in range(0, len(p), _PRUNE_BLOCK):
        order_key[i : i + _PRUNE_BLOCK] = np.argmax(p[i : i + _PRUNE_BLOCK] @ center.T, axis=1)
    order = np.argsort(order_key, kind="stable")
    best = np.empty(len(p), dtype=int)
    near = np.empty_like(p)
    runs = np.arange(len(seg)) // CAP_RUN
    for i in range(0, len(p), _PRUNE_BLOCK):
        rows = order[i : i + _PRUNE_BLOCK]
        angle = np.arccos(np.clip(p[rows] @ center.T, -1.0, 1.0))
        upper = (angle + radius).min(axis=1)
        keep = np.flatnonzero(((angle - radius) <= upper[:, None] + 1e-12).any(axis=0))
        index = np.flatnonzero(np.isin(runs, keep))
        b, n = _brute(p[rows], seg.take(index))
        best[rows], near[rows] = index[b], n
    return best, near


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
    if segments.cap_center is not None and len(p) * len(segments) > _CHUNK_CELLS:
        best, near = _pruned(p, segments)
    else:
        best, near = _brute(p, segments)
    nlat, nlon = _from_unit(near)
    km, bearing = inverse(lat, lon, nlat, nlon)
    km, nlat, nlon, bearing = (np.atleast_1d(v) for v in (km, nlat, nlon, bearing))
    # The foot is found on the sphere; far from the line the ellipsoid can put a vertex of the chosen
    # segment a few metres closer than that foot, so the segment's ends are candidates too.
    for ends in (segments.a[best], segments.b[best]):
        elat, elon = _from_unit(ends)
        ekm, ebearing = inverse(lat, lon, elat, elon)
        closer = np.atleast_1d(ekm) < km
        if closer.any():
            km, nlat, nlon, bearing = (
                np.where(closer, np.atleast_1d(new), old)
                for new, old in ((ekm, km), (elat, nlat), (elon, nlon), (ebearing, bearing))
            )
    return Nearest(km, nlat, nlon, bearing, best)


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
