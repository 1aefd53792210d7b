"""Ukrainian settlements the gazetteer otherwise lacks, from the official codifier (KATOTTG).

`data/gazetteer/katottg_settlements.tsv` (built by scripts/build_katottg.py) lists every settlement of
Ukraine that GeoNames cities500 and the curated tables do not have, placed at its hromada's administrative
centre with an uncertainty radius. Such a place is findable by name and mapped near where it is, but it says
that its position is approximate: `Place.uncertainty_km` > 0, a reason on every candidate, low prominence,
and it never outranks an exactly positioned namesake of its region.

A row is skipped when a source the table's builder did not weigh (an imported GeoNames dump, a curated row)
has the settlement: same region, same name skeleton, within `SUPERSEDE_KM` of the row's point (each such
place supersedes its nearest row only). Re-running scripts/build_katottg.py after curated additions keeps
the table itself in step.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.gazetteer.sources import ALTERNATE, FORMER, PRIMARY, SourcePlace, SourceStats, read_tsv
from geomap.gazetteer.translit import skeleton
from geomap.geodesy.spherical import haversine_km
from geomap.model import Place

KATOTTG_FILE = "katottg_settlements.tsv"
SOURCE_PREFIX = "katottg:"
SUPERSEDE_KM = 40.0  # as in scripts/build_katottg.py: a namesake this close is the same settlement
APPROX_PROMINENCE = 0.1  # below any populated place of unknown size (0.3): population is unknown
# An approximate place scoring as high as an exact namesake of its region is put this far below it.
DEMOTED_SHARE = 0.95
# The table's header, as scripts/build_katottg.py writes it and scripts/check_gazetteer_data.py checks it.
TABLE_COLUMNS = (
    "katottg",
    "name",
    "name_uk",
    "name_ru",
    "category",
    "admin1",
    "raion",
    "hromada",
    "hromada_centre",
    "status",
    "placed_at",
    "lat",
    "lon",
    "place_id",
    "uncertainty_km",
)
_COLUMNS = (
    "katottg",
    "name",
    "name_uk",
    "admin1",
    "status",
    "lat",
    "lon",
    "uncertainty_km",
)  # what loading needs


@dataclass(slots=True)
class ApproxPlace(SourcePlace):
    """A SourcePlace whose position is its hromada's (or raion's) centre, `uncertainty_km` around it."""

    uncertainty_km: float = 0.0


def _float(cell: str | None) -> float | None:
    try:
        return float(cell) if cell not in (None, "") else None
    except ValueError:
        return None


def _known_index(places: Iterable[SourcePlace]) -> dict[tuple[str, str], list[tuple[int, float, float]]]:
    """(admin1 code, name skeleton) -> (number, lat, lon) of Ukrainian settlements already known."""
    out: dict[tuple[str, str], list[tuple[int, float, float]]] = defaultdict(list)
    for i, p in enumerate(places):
        if p.country != "UA" or p.kind != "settlement" or not p.admin1_code or p.source == "geonames":
            continue  # cities500 rows were weighed when the table was built
        for key in {skeleton(n) for n in p.names}:
            if key:
                out[(p.admin1_code, key)].append((i, p.lat, p.lon))
    return out


def _place(row: dict[str, str]) -> ApproxPlace | None:
    """One approximate row as a place, or None when the row is not usable."""
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    radius = _float(row.get("uncertainty_km"))
    name = (row.get("name") or "").strip()
    code = (row.get("katottg") or "").strip()
    if (
        (row.get("status") or "").strip() != "approx"
        or lat is None
        or lon is None
        or not name
        or not code
        or not -90 <= lat <= 90
        or not -180 <= lon <= 180
        or radius is None
        or radius <= 0
    ):
        return None
    admin1 = (row.get("admin1") or "").strip()
    admin1 = admin1[3:] if admin1.upper().startswith("UA.") else admin1
    raion = (row.get("raion") or "").strip()
    centre = (row.get("hromada_centre") or "").strip()
    hromada = (row.get("placed_at") or "hromada").strip() == "hromada" and centre
    where = f"{centre} hromada" if hromada else raion
    p = ApproxPlace(
        place_id=f"katottg:{code}",
        name=name,
        lat=lat,
        lon=lon,
        country="UA",
        admin1_code=admin1 or None,
        admin2=raion or None,
        feature_code="PPL",
        source=f"{SOURCE_PREFIX}{where}" if where else SOURCE_PREFIX.rstrip(":"),
        uncertainty_km=radius,
    )
    p.add_name(name, PRIMARY)
    for n in ((row.get("name_uk") or "").strip(), (row.get("name_ru") or "").strip()):
        if n:
            p.add_name(n, ALTERNATE)
    return p


def katottg_places(
    path: Path, stats: SourceStats, known: Iterable[SourcePlace] = ()
) -> Iterator[ApproxPlace]:
    """The table's approximate settlements, except those `known` already has (counted as skipped).

    A known place supersedes the nearest row of its region and name within SUPERSEDE_KM (one row only:
    namesakes in neighbouring hromadas are different villages), as the builder decides `known`.
    """
    places: list[ApproxPlace] = []
    for row in read_tsv(path, _COLUMNS):
        p = _place(row)
        if p is None:
            stats.skipped += 1
        else:
            places.append(p)
    index = _known_index(known)
    nearest: dict[int, tuple[float, int]] = {}  # known place -> (distance, row) of the row it supersedes
    if index:
        for j, p in enumerate(places):
            for key in {skeleton(n) for n in p.names}:
                for i, lat, lon in index.get((p.admin1_code or "", key), ()):
                    d = haversine_km(p.lat, p.lon, lat, lon)
                    if d <= SUPERSEDE_KM and d < nearest.get(i, (math.inf, -1))[0]:
                        nearest[i] = (d, j)
    superseded = {j for _, j in nearest.values()}
    for j, p in enumerate(places):
        if j in superseded:
            stats.skipped += 1
            continue
        stats.rows += 1
        yield p
    stats.detail = (
        "approximate positions (hromada centres); "
        f"{len(superseded)} rows skipped because another source has the settlement"
    )


def attach_renamings(places: Iterable[SourcePlace], path: Path) -> int:
    """Former names from renamings_ua.tsv rows that have neither a GeoNames id nor coordinates (a village
    renamed in 2016 or 2024 that only the codifier knows, under its new name): attached to the one
    approximate place of that region whose name the row gives. Returns how many rows were attached."""
    by_key: dict[tuple[str, str], list[SourcePlace]] = defaultdict(list)
    for p in places:
        if isinstance(p, ApproxPlace) and p.admin1_code:
            for key in {skeleton(n) for n in p.names}:
                if key:
                    by_key[(p.admin1_code, key)].append(p)
    attached = 0
    for row in read_tsv(path, ("geonameid", "name", "admin1", "old_names", "lat", "lon")):
        if any((row.get(c) or "").strip() for c in ("geonameid", "lat", "lon")):
            continue  # the gazetteer's own renaming step handles these
        admin1 = (row.get("admin1") or "").strip()
        admin1 = admin1[3:] if admin1.upper().startswith("UA.") else admin1
        names = [(row.get("name") or "").strip(), *_split(row.get("new_names"))]
        hits = {id(p): p for n in names if n for p in by_key.get((admin1, skeleton(n)), ())}
        if len(hits) != 1:
            continue  # none, or namesakes in the region: the row cannot say which
        place = next(iter(hits.values()))
        for n in _split(row.get("old_names")):
            place.add_name(n, FORMER)
        for n in names[1:]:
            place.add_name(n, ALTERNATE)
        attached += 1
    return attached


def _split(cell: str | None) -> list[str]:
    return [n.strip() for n in (cell or "").split("|") if n.strip()]


# ----------------------------------------------------------------------------- at lookup time
def is_approximate(place: Place) -> bool:
    return place.uncertainty_km > 0


def approximate_reason(place: Place) -> str:
    """Why the point is not the settlement's own: "position approximate: placed at the centre of ..."."""
    where = place.source[len(SOURCE_PREFIX) :] if place.source.startswith(SOURCE_PREFIX) else ""
    where = where or "its area"
    return f"position approximate: placed at the centre of {where}, within ~{place.uncertainty_km:.0f} km"


def demoted_order(items: list[tuple[float, Place]]) -> list[tuple[int, float]]:
    """(index, score) of ranked (score, place) items, best first, with every approximately positioned place
    scored below each exactly positioned place of its region among the items (ties keep their order)."""
    lowest: dict[tuple[str | None, str | None], float] = {}  # region -> lowest score of an exact place
    for score, place in items:
        if not is_approximate(place):
            region = (place.country, place.admin1)
            if region not in lowest or score < lowest[region]:
                lowest[region] = score
    out = []
    for i, (score, place) in enumerate(items):
        if is_approximate(place):
            floor = lowest.get((place.country, place.admin1))
            if floor is not None and score >= floor:
                score = floor * DEMOTED_SHARE
        out.append((i, score))
    return sorted(out, key=lambda t: -t[1])
