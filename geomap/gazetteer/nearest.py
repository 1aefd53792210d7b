"""Reverse geocoding: the populated places nearest a point, from the gazetteer's own rows.

Each settlement with an exact position becomes a unit vector on the sphere once (built on first use from
the memory-mapped rows, about 30 ms); a query is then one vectorised dot product over all of them (the
largest dot product is the smallest angle), a few milliseconds for the whole index, so no tree is needed.
The nearest few are re-measured on the WGS84 ellipsoid (Karney, pyproj) and returned in that order.
Places listed twice (twins.py) come back once; approximate positions (a village placed at its hromada's
centre, katottg.py) are left out, since their point is not where the place is, and so are the sections of
cities (GeoNames PPLX): a point in Kyiv is in Kyiv.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from geomap.gazetteer.store import PlaceStore
from geomap.model import Place

# The store's 64-byte row (store.ROW, "<dddqqHHHHQIf") as a numpy record, to read every row at once.
ROW_DTYPE = np.dtype(
    [
        ("lat", "<f8"),
        ("lon", "<f8"),
        ("prominence", "<f8"),
        ("population", "<i8"),
        ("geonameid", "<i8"),
        ("kind", "<u2"),
        ("country", "<u2"),
        ("feature_code", "<u2"),
        ("source", "<u2"),
        ("text_at", "<u8"),
        ("text_size", "<u4"),
        ("radius_km", "<f4"),
    ]
)
SECTION_CODES = ("PPLX",)  # a section of a city (Kyiv's Stare Misto): the city is the answer, not its quarter
REFINE_EXTRA = 8  # candidates re-measured on the ellipsoid beyond those asked for: sphere and ellipsoid
# orders can differ only between places within a fraction of a percent of the same distance


@dataclass(frozen=True, slots=True)
class Nearby:
    """A place near the point asked about, and how far it is (geodesic, km)."""

    place: Place
    km: float


class NearestPlaces:
    """The settlements of one store as unit vectors, for nearest-place queries. Thread-safe."""

    def __init__(self, store: PlaceStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._pids: np.ndarray | None = None
        self._xyz: np.ndarray | None = None

    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            if self._xyz is None:
                rows = np.frombuffer(self._store._rows, dtype=ROW_DTYPE, count=self._store.size)
                settlement = (
                    self._store.kinds.index("settlement") if "settlement" in self._store.kinds else -1
                )
                sections = [i for i, c in enumerate(self._store.feature_codes) if c in SECTION_CODES]
                keep = (rows["kind"] == settlement) & (rows["radius_km"] == 0)
                keep &= ~np.isin(rows["feature_code"], sections)
                self._pids = np.flatnonzero(keep).astype(np.int64)
                self._xyz = unit_vectors(rows["lat"][keep], rows["lon"][keep])
            return self._pids, self._xyz  # type: ignore[return-value]

    def nearest(self, lat: float, lon: float, n: int, max_km: float | None = None) -> list[Nearby]:
        """The `n` nearest settlements (each place once), nearest first; none farther than `max_km`."""
        from pyproj import Geod

        pids, xyz = self._vectors()
        if n <= 0 or not len(pids):
            return []
        dots = xyz @ unit_vectors(np.array([lat]), np.array([lon]))[0]
        k = min(len(dots), n * 2 + REFINE_EXTRA)  # twins may take some of the places
        top = np.argpartition(-dots, k - 1)[:k]
        top = top[np.argsort(-dots[top])]
        places = [self._store.light_place(int(pids[i]))[0] for i in top]
        geod = Geod(ellps="WGS84")
        _, _, metres = geod.inv(
            [lon] * len(places), [lat] * len(places), [p.lon for p in places], [p.lat for p in places]
        )
        order = sorted(range(len(places)), key=lambda i: metres[i])
        out: list[Nearby] = []
        seen: set[int] = set()
        for i in order:
            pid = int(pids[top[i]])
            km = metres[i] / 1000.0
            if pid in seen or (max_km is not None and km > max_km):
                continue
            seen.add(pid)
            seen.update(int(t) for t in self._store.twins_of(pid))
            out.append(Nearby(self._store.place(pid)[0], km))
            if len(out) == n:
                break
        return out


def unit_vectors(lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (N x 3): the dot product of two is the cosine of their angle."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
