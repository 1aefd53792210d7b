"""Twins: pairs of index places that are one real place (`rank.same_place`), found once at build time.

Why: sources list some places twice (a GeoNames town and its populated-place twin 1 km away, a curated
village and its GeoNames row), and a ranking returns each place once. Checking a pair at lookup time means
decoding both places and folding all their names (about 15 us per ranking of a common name); a list made at
build time makes it one array read.

Only pairs that can pass `same_place` are checked: two places sharing a folded name of which one is the
primary name of one of them (the name condition of `same_place`), of one kind and country, with points in
its box. Each such pair is then decided by `same_place` itself, so the list is exactly its answer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from geomap.gazetteer.rank import TWIN_BOX_LAT, TWIN_BOX_LON, same_place
from geomap.model import Place


def find_twins(
    rec_key: np.ndarray,
    rec_pid: np.ndarray,
    rec_nid: np.ndarray,
    rec_folded: np.ndarray,
    places: Sequence,
) -> tuple[np.ndarray, np.ndarray]:
    """The twins of every place as CSR arrays: place i's twins are `twins[start[i]:start[i + 1]]`, sorted.

    `rec_*`: the index's name-key records (key number, place number, name number, is the key a folded name);
    name number 0 is the place's primary name. `places`: the store's `PlaceRow`s, by place number."""
    n = len(places)
    sel = np.flatnonzero(rec_folded)
    order = sel[np.argsort(rec_key[sel], kind="stable")]
    keys, pids, primary = rec_key[order], rec_pid[order].astype(np.int64), rec_nid[order] == 0
    # Group boundaries: records of one folded key are contiguous after the sort.
    new = np.ones(len(keys), dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    group_start = np.flatnonzero(new)
    group_size = np.diff(np.append(group_start, len(keys)))
    group_of = np.cumsum(new) - 1
    size = group_size[group_of]
    # Every (primary record, other record of its key) pair, in groups of two or more places.
    first = np.flatnonzero(primary & (size > 1))
    reps = size[first]
    a_rec = np.repeat(first, reps)
    offset = np.arange(len(a_rec)) - np.repeat(np.cumsum(reps) - reps, reps)
    b_rec = np.repeat(group_start[group_of[first]], reps) + offset
    a, b = pids[a_rec], pids[b_rec]
    lat = np.fromiter((p.lat for p in places), dtype=np.float64, count=n)
    lon = np.fromiter((p.lon for p in places), dtype=np.float64, count=n)
    kind = _codes([p.kind for p in places])
    country = _codes([p.country for p in places])
    near = (
        (a != b)
        & (kind[a] == kind[b])
        & (country[a] == country[b])
        & (np.abs(lat[a] - lat[b]) <= TWIN_BOX_LAT)  # the box test of same_place
        & (np.abs(lon[a] - lon[b]) <= TWIN_BOX_LON)
    )
    made: dict[int, Place] = {}

    def place(pid: int) -> Place:
        got = made.get(pid)
        if got is None:
            r = places[pid]
            got = made[pid] = Place(
                r.names[0], r.lat, r.lon, r.country, r.kind, names=r.names[1:], place_id=r.place_id
            )
        return got

    pairs = {
        (int(x), int(y))
        for x, y in zip(a[near].tolist(), b[near].tolist(), strict=True)
        if same_place(place(x), place(y))
    }
    pairs |= {(y, x) for x, y in pairs}  # same_place is symmetric; a pair is found from one side
    ordered = sorted(pairs)
    start = np.zeros(n + 1, dtype=np.uint32)
    if ordered:
        np.cumsum(np.bincount([x for x, _ in ordered], minlength=n), out=start[1:])
    return start, np.asarray([y for _, y in ordered], dtype=np.uint32)


def _codes(values: list) -> np.ndarray:
    numbers: dict = {}
    return np.fromiter(
        (numbers.setdefault(v, len(numbers)) for v in values), dtype=np.int64, count=len(values)
    )
