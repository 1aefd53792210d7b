"""Nearest points on lines and polygon boundaries: exactness against dense geodesic sampling."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geomap.errors import InputError
from geomap.geodesy import geodesic_km, nearest_points, point_to_geometry, segments_from_lonlat, segments_of

GEOD = Geod(ellps="WGS84")


def _random_line(rng: np.random.Generator, n: int, seg_km: float) -> list[tuple[float, float]]:
    lon, lat = rng.uniform(25, 45), rng.uniform(44, 55)
    verts = [(lon, lat)]
    for _ in range(n - 1):
        lo, la, _ = GEOD.fwd(verts[-1][0], verts[-1][1], rng.uniform(0, 360), seg_km * 1000)
        verts.append((float(lo), float(la)))
    return verts


def _dense_min_km(lat: float, lon: float, verts: list[tuple[float, float]], step_m: float = 20.0) -> float:
    best = np.inf
    for (lo1, la1), (lo2, la2) in zip(verts[:-1], verts[1:], strict=True):
        length = GEOD.inv(lo1, la1, lo2, la2)[2]
        pts = np.array([(lo1, la1), *GEOD.npts(lo1, la1, lo2, la2, int(length / step_m)), (lo2, la2)])
        d = geodesic_km(np.full(len(pts), lat), np.full(len(pts), lon), pts[:, 1], pts[:, 0])
        best = min(best, float(d.min()))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_matches_dense_geodesic_sampling(seed):
    rng = np.random.default_rng(seed)
    verts = _random_line(rng, 4, 40.0)
    seg = segments_of(shapely.LineString(verts))
    lon, lat, _ = GEOD.fwd(verts[1][0], verts[1][1], rng.uniform(0, 360), rng.uniform(1, 1500) * 1000)
    got = nearest_points([lat], [lon], seg)
    truth = _dense_min_km(float(lat), float(lon), verts)
    # dense sampling at 20 m over-estimates by at most (10 m)^2 / (2 d): negligible beyond 1 km
    assert got.km[0] == pytest.approx(truth, abs=5e-4)
    # the nearest point is on the line and at the stated distance
    assert geodesic_km(lat, lon, got.lat[0], got.lon[0]) == pytest.approx(got.km[0], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=-60, max_value=60),
    st.floats(min_value=-170, max_value=170),
    st.floats(min_value=0, max_value=360),
    st.floats(min_value=1, max_value=300),
    st.floats(min_value=0, max_value=1),
)
def test_zero_distance_to_a_point_on_the_line(lat, lon, azimuth, seg_km, frac):
    lo2, la2, _ = GEOD.fwd(lon, lat, azimuth, seg_km * 1000)
    lo3, la3, _ = GEOD.fwd(lo2, la2, (azimuth + 70) % 360, seg_km * 1000)
    line = shapely.LineString([(lon, lat), (lo2, la2), (lo3, la3)])
    on_lo, on_la, _ = GEOD.fwd(lon, lat, azimuth, frac * seg_km * 1000)
    got = nearest_points([on_la], [on_lo], segments_of(line))
    assert got.km[0] < 1e-3  # under a metre


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=-80, max_value=80), st.floats(min_value=-179, max_value=179))
def test_distance_to_line_never_exceeds_distance_to_its_vertices(lat, lon):
    verts = [(30.0, 46.0), (33.0, 47.5), (37.0, 48.0), (38.0, 50.0)]
    got = nearest_points([lat], [lon], segments_of(shapely.LineString(verts)))
    to_vertices = min(geodesic_km(lat, lon, la, lo) for lo, la in verts)
    # The foot is found on the auxiliary sphere and measured on the ellipsoid: thousands of km from the
    # line that leaves tens of metres (23 m at 8,300 km, from (0, 104.125), is 2.7e-6 of the distance);
    # near the line it is under 0.1 m.
    assert got.km[0] <= to_vertices * (1 + 5e-6) + 1e-9


def test_beyond_the_end_the_nearest_point_is_the_end():
    line = shapely.LineString([(36.0, 48.0), (37.0, 48.0)])
    d = point_to_geometry((48.0, 39.0), line)
    assert (d.nearest.lat, d.nearest.lon) == pytest.approx((48.0, 37.0), abs=1e-9)
    assert d.km == pytest.approx(geodesic_km(48.0, 39.0, 48.0, 37.0), abs=1e-9)
    assert d.bearing_deg == pytest.approx(270.0, abs=1.0)


def test_vectorised_equals_one_by_one():
    rng = np.random.default_rng(7)
    seg = segments_of(shapely.LineString(_random_line(rng, 30, 15.0)))
    lat, lon = rng.uniform(40, 60, 200), rng.uniform(20, 50, 200)
    many = nearest_points(lat, lon, seg)
    for i in range(0, 200, 17):
        one = nearest_points([lat[i]], [lon[i]], seg)
        assert one.km[0] == pytest.approx(many.km[i], abs=1e-9)


def test_polygon_distance_is_to_its_boundary_even_from_inside():
    square = shapely.box(30.0, 48.0, 32.0, 50.0)
    inside = point_to_geometry((49.0, 31.0), square)
    assert inside.km == pytest.approx(geodesic_km(49.0, 31.0, 49.0, 30.0), rel=0.02)
    assert 70 < inside.km < 75
    hole = shapely.Polygon(square.exterior.coords, [[(30.9, 48.9), (31.1, 48.9), (31.1, 49.1), (30.9, 49.1)]])
    assert point_to_geometry((49.0, 31.0), hole).km < 8


def test_points_and_multipoints_are_measured_too():
    d = point_to_geometry((50.0, 30.0), shapely.MultiPoint([(30.0, 51.0), (31.0, 50.0)]))
    assert d.km == pytest.approx(geodesic_km(50.0, 30.0, 50.0, 31.0), abs=1e-9)


def test_bad_geometry_is_refused():
    with pytest.raises(InputError, match="empty"):
        segments_of(shapely.LineString())
    with pytest.raises(InputError, match="out of range"):
        segments_from_lonlat(np.array([[200.0, 10.0], [10.0, 10.0]]))
    with pytest.raises(InputError):
        nearest_points([95.0], [0.0], segments_of(shapely.LineString([(0, 0), (1, 1)])))
    with pytest.raises(InputError):
        nearest_points([1.0, 2.0], [0.0], segments_of(shapely.LineString([(0, 0), (1, 1)])))


def test_pruning_large_geometries_is_exact():
    from geomap.geodesy import nearest as nearest_module

    rng = np.random.default_rng(11)
    verts = _random_line(rng, 3000, 2.0)  # long enough to be pruned by bounding caps
    seg = segments_of(shapely.LineString(verts))
    assert seg.cap_center is not None
    lat, lon = rng.uniform(35, 65, 3000), rng.uniform(10, 60, 3000)
    pruned = nearest_points(lat, lon, seg)
    best, _ = nearest_module._brute(nearest_module._to_unit(lat, lon), seg)
    brute_km = nearest_points(lat, lon, seg.take(np.arange(len(seg)))).km  # no caps: brute force
    assert np.array_equal(pruned.segment, best)
    assert np.allclose(pruned.km, brute_km, atol=1e-9)
