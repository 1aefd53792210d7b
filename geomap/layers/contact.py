"""The line of contact derived from occupied-area polygons (and from Ukrainian-held areas in Russia).

An occupied area's boundary is partly the front and partly Ukraine's land border or the sea coast. The
method, in a local equal-area projection (metres):

1. Clean: holes and separate pieces smaller than HOLE_MIN_KM2 are dropped (merging daily polygons
   leaves slivers that are no one's pocket); a polygon mostly outside Ukraine is not occupied Ukraine.
2. Clip the occupied area to Ukraine's internationally recognised territory (Natural Earth 1:10m,
   Crimea in Ukraine). Where the user's polygon spills past that border its clipped edge lies exactly
   on the border, and is removed exactly.
3. The free side is Ukraine minus the occupied area, "opened" by SLIVER_KM (shrunk, then grown back):
   strips narrower than twice that, left between the polygon's drawing of the coast or the border and
   Natural Earth's, vanish; real free land stays as it is.
4. The front is every stretch of the clipped boundary that faces free land: within SLIVER_KM of it, or,
   where the boundary runs along the sea coast (within COAST_TOL_KM of it), free land lies within
   ACROSS_WATER_KM across the water (the Dnipro estuary at Kherson, the Kinburn strait). Stretches
   within BORDER_TOL_KM of Ukraine's land border are the border, never the front.
5. A Ukrainian-held area in Russia adds its own line: its boundary outside Ukraine minus the stretches
   along Ukraine's land border.

Error: the line is the user's polygon edge where it is a front (no generalisation); a front closer than
BORDER_TOL_KM to the land border is lost with it, and a free pocket narrower than 2 x SLIVER_KM has its
tip rounded off. Measured on the real files, see README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geomap.errors import InputError

HOLE_MIN_KM2 = 1.0  # a hole or piece under 1 km2 (a village's size) is a merging sliver, not a pocket
OUTSIDE_SHARE_MAX = 0.5  # a polygon with more than half its area outside Ukraine is not occupied Ukraine
GAP_MAX_KM2 = 100.0  # free land cut off from the rest and touching the outline, smaller than this, is the
# gap between two drawings of the border or coast (a 12 x 3 km strip on the Luhansk border; Dzharylhach)
SLIVER_KM = 1.0  # drawings of the same coast/border differ by up to ~2 km: free strips under 2 km vanish
BORDER_TOL_KM = 1.0  # after clipping, a stretch this close to the land border is the border drawn twice
COAST_TOL_KM = 3.0  # an occupied edge this close to Natural Earth's coast follows the coast
ACROSS_WATER_KM = 5.0  # free land this close across water makes a coast a front (Dnipro-Buh estuary 3-4 km)
ZONE_QUAD_SEGS = 2  # tolerance zones need no round corners: 2 segments a quarter circle, 4x faster
EDGE_M = 10.0  # the boundary and the free land's edge are one line up to rounding
ACROSS_SHORE_SHARE = 0.5  # the far shore lies across: at least half the link's length from occupied land
ACROSS_COS_MAX = 0.7  # across means the link to free land leaves the edge at more than ~45 degrees
PROBE_M = 250.0  # coastal edges are tested for water across them every 250 m
SIMPLIFY_M = 50.0  # the line is kept within 50 m of the polygon's edge: a third of the vertices, same answers
MIN_STRETCH_KM = 0.5  # shorter pieces are where the classification zones cut the boundary, not fronts
HELD_NEAR_DEG = 0.5  # held land lies along Ukraine's border: liberated polygons farther off are not held land
WINDOW_DEG = 0.5  # only the outline within this margin of the areas matters
DEFAULT_TOLERANCE_KM = BORDER_TOL_KM  # the former single tolerance; kept for callers


@dataclass(frozen=True)
class Contact:
    """A derived line of contact with the areas it bounds (lon/lat), and what was dropped on the way."""

    line: Any  # shapely (Multi)LineString
    occupied: Any  # shapely (Multi)Polygon, clipped to Ukraine, slivers dropped (None when none)
    held: Any = None  # Ukrainian-held area outside Ukraine (None when none)
    dropped_slivers: int = 0  # holes and pieces under HOLE_MIN_KM2
    dropped_outside: int = 0  # polygons mostly outside Ukraine


class _Projection:
    """An azimuthal equal-area projection centred on a geometry, metres; distortion <1% within 700 km."""

    def __init__(self, geom: Any) -> None:
        c = geom.centroid
        # centred to the nearest half degree: the same projection (and its cached transformers) serves
        # every snapshot of one war, and half a degree off centre changes no tolerance noticeably
        self._to_m, self._to_deg = _transformers(round(c.y * 2) / 2, round(c.x * 2) / 2)

    def fwd(self, g: Any) -> Any:
        return self._apply(g, self._to_m)

    def back(self, g: Any) -> Any:
        return self._apply(g, self._to_deg)

    @staticmethod
    def _apply(g: Any, tr: Any) -> Any:
        import numpy as np
        import shapely

        return shapely.transform(g, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))


@lru_cache(maxsize=8)
def _transformers(lat0: float, lon0: float) -> tuple[Any, Any]:
    from pyproj import CRS, Transformer

    crs = CRS.from_proj4(f"+proj=laea +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m +no_defs")
    return (
        Transformer.from_crs("EPSG:4326", crs, always_xy=True),
        Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
    )


def _without_slivers(polys: list[Any], min_m2: float) -> tuple[list[Any], int]:
    """Polygons (metres) with holes and pieces under `min_m2` dropped, and how many were."""
    import shapely

    out, dropped = [], 0
    for p in polys:
        if p.area < min_m2:
            dropped += 1
            continue
        holes = [r for r in p.interiors if shapely.Polygon(r).area >= min_m2]
        dropped += len(p.interiors) - len(holes)
        out.append(shapely.Polygon(p.exterior, holes))
    return out, dropped


def derive_contact(
    occupied: Any, outline: Any, land_border: Any, held: Any = None, *, whole_share: bool = True
) -> Contact:
    """The line of contact of `occupied` (and of `held`, Ukrainian-held land outside Ukraine), all lon/lat:
    `outline` is Ukraine's polygon, `land_border` its land border (the outline's boundary minus the coast).
    `whole_share`: refuse an occupied area mostly outside Ukraine (off for raw files, whose joke polygons
    over other countries are larger than Ukraine's occupied land and are simply dropped)."""
    import shapely

    occ_parts, outside = _split_by_share(occupied, outline)
    if occupied is not None and not occupied.is_empty:
        inside_area = sum(shapely.area(p) for p in occ_parts)
        if whole_share and inside_area < (1.0 - OUTSIDE_SHARE_MAX) * shapely.area(occupied):
            raise InputError(
                "most of the occupied area lies outside Ukraine's recognised territory "
                "(for Ukrainian-held areas in Russia use --held)"
            )
        if not occ_parts:
            raise InputError("the occupied areas lie outside Ukraine's recognised territory")
    _, held_parts = _split_by_share(held, outline, keep_outside=True)
    held_parts = [p for p in held_parts if p.distance(outline) <= HELD_NEAR_DEG]
    pieces = occ_parts + held_parts
    if not pieces:
        raise InputError("the occupied-area geometry is empty")
    both = shapely.union_all(pieces)
    proj = _Projection(both)
    x0, y0, x1, y1 = both.bounds
    pad = WINDOW_DEG + ACROSS_WATER_KM / 100.0
    ukraine = proj.fwd(shapely.clip_by_rect(outline, x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    border = proj.fwd(shapely.clip_by_rect(land_border, x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    min_m2 = HOLE_MIN_KM2 * 1e6
    lines: list[Any] = []
    occ_m = held_m = None
    slivers = 0
    if occ_parts:
        polys, slivers = _without_slivers([proj.fwd(p) for p in occ_parts], min_m2)
        if not polys:
            raise InputError(f"the occupied areas are all slivers (each under {HOLE_MIN_KM2:g} km2)")
        occ_m = shapely.intersection(shapely.union_all(polys), ukraine)
        lines.extend(_front_of_occupied(occ_m, ukraine, border))
    if held_parts:
        outside_ua = shapely.difference(shapely.union_all([proj.fwd(p) for p in held_parts]), ukraine)
        parts, n = _without_slivers([p for p in shapely.get_parts(outside_ua) if p.area > 0], min_m2)
        slivers += n
        if parts:
            held_m = shapely.union_all(parts)
            edge = held_m.boundary.difference(border.buffer(BORDER_TOL_KM * 1000.0))
            lines.extend(_long_parts(edge))
    if not lines:
        raise InputError("the occupied areas touch no front: every edge follows the border or the coast")
    merged = shapely.line_merge(shapely.MultiLineString(lines))
    line = proj.back(shapely.simplify(merged, SIMPLIFY_M, preserve_topology=False))
    return Contact(
        line=line,
        occupied=None if occ_m is None else proj.back(occ_m),
        held=None if held_m is None else proj.back(held_m),
        dropped_slivers=slivers,
        dropped_outside=outside,
    )


def _split_by_share(area: Any, outline: Any, keep_outside: bool = False) -> tuple[list[Any], Any]:
    """(polygons mostly inside Ukraine, how many were not), or with keep_outside (those inside, the
    polygons mostly outside). Shares are taken in degrees: within one polygon the scale is one."""
    import shapely

    if area is None or area.is_empty:
        return [], ([] if keep_outside else 0)
    shapely.prepare(outline)
    inside, outside = [], []
    for p in shapely.get_parts(area):
        if not shapely.intersects(outline, p):
            share = 0.0
        elif shapely.contains(outline, p):
            share = 1.0
        else:
            share = shapely.intersection(p, outline).area / p.area if p.area > 0 else 0.0
        (inside if share > 1.0 - OUTSIDE_SHARE_MAX else outside).append(p)
    return inside, (outside if keep_outside else len(outside))


def _front_of_occupied(occ: Any, ukraine: Any, border: Any) -> list[Any]:
    """The stretches of the (clipped) occupied area's boundary that face free Ukrainian land."""
    import shapely

    r = SLIVER_KM * 1000.0
    q = ZONE_QUAD_SEGS
    raw_free = shapely.difference(ukraine, occ)
    free = _without_gaps(raw_free.buffer(-r).buffer(r), ukraine.boundary)  # round: links aim true
    boundary = occ.boundary
    if free.is_empty:
        return []
    outline = ukraine.boundary
    coast = outline.difference(border.buffer(EDGE_M, quad_segs=1))  # the coast is the rest of the outline
    # facing: near the opened free land, and not on the outline itself (there the other side is the sea
    # or a neighbour, however near free land is); the opening's rounded edge is within r of the true one
    facing = shapely.intersection(boundary, free.buffer(r * 1.01, quad_segs=q))
    facing = facing.difference(outline.buffer(EDGE_M, quad_segs=1))
    candidates = shapely.intersection(boundary, coast.buffer(COAST_TOL_KM * 1000.0, quad_segs=q))
    candidates = candidates.difference(facing.buffer(EDGE_M, quad_segs=1))
    front = shapely.union(facing, _across_water(candidates, free, ukraine, occ))
    front = front.difference(border.buffer(BORDER_TOL_KM * 1000.0, quad_segs=q))
    return _long_parts(front)


def _across_water(candidates: Any, free: Any, ukraine: Any, occ: Any) -> Any:
    """The pieces of coastal boundary whose nearest free land lies across water (the straight link to it
    leaves Ukraine's land, at an angle to the edge, and reaches a shore that is itself across from the
    occupied area), not along the shore (where a front meets the coast)."""
    import numpy as np
    import shapely

    if candidates.is_empty:
        return shapely.MultiLineString()
    coords = [shapely.get_coordinates(p) for p in shapely.get_parts(shapely.segmentize(candidates, PROBE_M))]
    segs = [shapely.linestrings(np.stack([c[:-1], c[1:]], axis=1)) for c in coords if len(c) > 1]
    if not segs:
        return shapely.MultiLineString()
    pieces = np.concatenate(segs)
    mids = shapely.line_interpolate_point(pieces, 0.5, normalized=True)
    shapely.prepare(free)
    close = shapely.dwithin(free, mids, ACROSS_WATER_KM * 1000.0)
    pieces, mids = pieces[close], mids[close]
    if not len(pieces):
        return shapely.MultiLineString()
    links = shapely.shortest_line(mids, free)
    shapely.prepare(ukraine)
    edge = shapely.get_coordinates(pieces).reshape(-1, 2, 2)
    link = shapely.get_coordinates(links).reshape(-1, 2, 2)
    u, v = edge[:, 1] - edge[:, 0], link[:, 1] - link[:, 0]
    norm = np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1)
    cos = np.abs(np.einsum("ij,ij->i", u, v)) / np.where(norm > 0, norm, 1.0)
    ends = shapely.get_point(links, 1)
    facing_back = shapely.distance(ends, occ) >= ACROSS_SHORE_SHARE * shapely.length(links)
    wet = ~shapely.contains(ukraine, links) & (cos < ACROSS_COS_MAX) & facing_back
    return shapely.union_all(pieces[wet]) if wet.any() else shapely.MultiLineString()


def _without_gaps(free: Any, outline_edge: Any) -> Any:
    """Free land minus the small pieces cut off from the largest one that touch Ukraine's outline."""
    import shapely

    parts = list(shapely.get_parts(free))
    if len(parts) < 2:
        return free
    main = max(parts, key=lambda p: p.area)
    touch = SLIVER_KM * 1000.0 * 1.5  # opened pieces keep a rounding's distance from the outline
    keep = [p for p in parts if p is main or p.area >= GAP_MAX_KM2 * 1e6 or p.distance(outline_edge) > touch]
    return shapely.union_all(keep)


def _long_parts(lines: Any) -> list[Any]:
    import shapely

    if lines.is_empty:
        return []
    merged = shapely.line_merge(shapely.union_all(shapely.get_parts(lines)))
    return [p for p in shapely.get_parts(merged) if p.length >= MIN_STRETCH_KM * 1000.0]


def contact_line(areas: Any, outline: Any, tolerance_km: float | None = None, land_border: Any = None) -> Any:
    """The line of contact of occupied `areas` (lon/lat); `land_border` defaults to the outline's whole
    boundary minus nothing, i.e. callers that have no border data treat every non-front edge as border.
    `tolerance_km` is accepted for compatibility (the method's tolerances are the named constants)."""
    if areas is None or areas.is_empty:
        raise InputError("the occupied-area geometry is empty")
    if land_border is None:
        from geomap.layers.borders import border_of

        land_border = border_of("UA").geometry
    return derive_contact(areas, outline, land_border).line
