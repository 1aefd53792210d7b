"""Dated front-line snapshots: the one used is the latest not after the date asked for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import InputError, NotFoundError
from geomap.paths import data_dir

if TYPE_CHECKING:
    from geomap.layers import Layer

_SNAPSHOT = re.compile(r"^line-of-contact-(\d{4}-\d{2}-\d{2})\.geojson$")


@dataclass(frozen=True)
class Snapshot:
    date: str
    path: Path


def frontline_dir() -> Path:
    return data_dir() / "frontline"


def check_date(date: str | dt.date | None) -> str | None:
    """An ISO date string, or None; InputError for anything that is not YYYY-MM-DD."""
    if date is None or isinstance(date, dt.date):
        return None if date is None else date.isoformat()
    try:
        return dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError as exc:
        raise InputError(f"not a date: {date!r} (expected YYYY-MM-DD)") from exc


def snapshots() -> list[Snapshot]:
    """The shipped snapshots, oldest first."""
    folder = frontline_dir()
    found = [Snapshot(m.group(1), p) for p in folder.glob("*.geojson") if (m := _SNAPSHOT.match(p.name))]
    return sorted(found, key=lambda s: s.date)


def pick(date: str | None, available: list[Snapshot]) -> Snapshot:
    """The latest snapshot not after `date` (the newest when no date is given)."""
    if not available:
        raise NotFoundError(f"no front-line snapshots in {frontline_dir()}")
    if date is None:
        return available[-1]
    usable = [s for s in available if s.date <= date]
    if not usable:
        raise InputError(
            f"no front-line snapshot on or before {date}; the earliest is {available[0].date} "
            "(bring your own with --frontline FILE)"
        )
    return usable[-1]


def frontline_for(date: str | dt.date | None = None, path: str | Path | None = None) -> Layer:
    """The line of contact on `date` (a shipped snapshot), or the one in a user's file."""
    iso = check_date(date)
    if path is not None:
        p = Path(path)
        stat = p.stat() if p.is_file() else None
        if stat is None:
            return load_frontline(p, date=iso)  # raises the right error for a missing path
        return _load_user_cached(str(p.resolve()), stat.st_mtime_ns, stat.st_size, iso)
    snap = pick(iso, snapshots())
    return _load_snapshot(snap.path, snap.path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_user_cached(path: str, _mtime: int, _size: int, date: str | None) -> Layer:
    return load_frontline(path, date=date)


@lru_cache(maxsize=16)
def _load_snapshot(path: Path, _mtime: int = 0) -> Layer:
    """A shipped snapshot (cached per file version: layers are immutable)."""
    import shapely

    from geomap.layers import Layer
    from geomap.layers.loaders import read_geojson

    snapshot = read_geojson(path)
    props = snapshot.properties
    geoms = [f.geometry for f in snapshot.features if f.geojson]
    lines = [g for g in geoms if g.geom_type in ("LineString", "MultiLineString")]
    points = [g for g in geoms if g.geom_type in ("Point", "MultiPoint")]
    geom = shapely.line_merge(shapely.union_all(lines)) if len(lines) > 1 else lines[0]
    if points:  # a sector with a single resolved settlement stays a point
        geom = shapely.GeometryCollection([*shapely.get_parts(geom), *points])
    return Layer(
        name="line of contact",
        kind="frontline",
        geometry=geom,
        date=props.get("date"),
        source=props.get("source", ""),
        approximate=bool(props.get("approximate", False)),
        error_km=props.get("error_km"),
        path=path,
        note=props.get("note", ""),
    )


def load_frontline(path: str | Path, date: str | None = None, tolerance_km: float | None = None) -> Layer:
    """A user's front line: lines are used as they are; occupied polygons become their line of contact."""
    import shapely

    from geomap.layers import Layer
    from geomap.layers.borders import country_outline
    from geomap.layers.contact import DEFAULT_TOLERANCE_KM, contact_line
    from geomap.layers.loaders import load

    loaded = load(path)
    p = Path(path)
    if not loaded.lines and not loaded.areas:
        raise InputError(f"{p.name}: no lines or polygons to use as a front line (only points)")
    parts: list[Any] = list(loaded.lines)
    areas = None
    note = ""
    if loaded.areas:
        areas = shapely.union_all(loaded.areas)
        tol = DEFAULT_TOLERANCE_KM if tolerance_km is None else tolerance_km
        outline = country_outline("UA")
        parts.extend(shapely.get_parts(contact_line(areas, outline, tol)))
        note = (
            f"derived from occupied-area polygons: their boundary minus the border and coast (+-{tol:g} km)"
        )
    geom = shapely.line_merge(shapely.MultiLineString(parts)) if len(parts) > 1 else parts[0]
    if date and loaded.date and loaded.date > date:
        note = "; ".join(x for x in (note, f"the file is dated {loaded.date}, after {date}") if x)
    return Layer(
        name="line of contact" if not loaded.name else f"line of contact: {loaded.name}",
        kind="frontline",
        geometry=geom,
        date=loaded.date,
        source=f"user file {p.name}",
        areas=areas,
        path=p,
        note=note,
    )
