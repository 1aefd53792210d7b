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


def pick(date: str | None, available: list[Any]) -> Any:
    """The latest snapshot not after `date` (the newest when no date is given); anything with a `date`."""
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


STALE_DAYS = 14  # a line of contact moves a few km a fortnight on active sectors: older is worth saying


def staleness(layer_date: str | None, asked: str | None, newest: str | None = None) -> str:
    """What an answer should say about the layer's date against the date asked for ("" when nothing)."""
    if not layer_date or not asked:
        return ""
    if layer_date > asked:
        return f"the front-line file is dated {layer_date}, after the date asked for ({asked})"
    gap = (dt.date.fromisoformat(asked) - dt.date.fromisoformat(layer_date)).days
    if newest is not None and asked > newest and layer_date == newest:
        return f"{asked} is after the newest front-line snapshot ({newest}, {gap} days earlier); it was used"
    if gap > STALE_DAYS:
        return f"the front line is from {layer_date}, {gap} days before {asked}"
    return ""


def _with_note(layer: Layer, extra: str) -> Layer:
    import dataclasses

    if not extra:
        return layer
    return dataclasses.replace(layer, note="; ".join(x for x in (layer.note, extra) if x))


def frontline_for(
    date: str | dt.date | None = None,
    path: str | Path | None = None,
    held: str | Path | None = None,
) -> Layer:
    """The line of contact on `date`: a shipped snapshot, or the one derived from a user's file (lines,
    or occupied areas); `held` is a file of Ukrainian-held areas outside Ukraine adding their own line."""
    iso = check_date(date)
    if path is not None:
        key = [_file_key(path)]
        if held is not None:
            key.append(_file_key(held))
        layer = _load_user_cached(tuple(key), held is not None)
        return _with_note(layer, staleness(layer.date, iso))
    if held is not None:
        raise InputError("--held needs --frontline FILE: held areas add to a user's occupied areas")
    available = snapshots()
    if iso is None:  # undated: the built-in snapshot stays the default
        snap = pick(None, available)
        return _load_snapshot(snap.path, snap.path.stat().st_mtime_ns)
    from geomap.layers.series import load_stored, stored

    series = stored()
    everything = sorted([*available, *series], key=lambda s: (s.date, not isinstance(s, Snapshot)))
    chosen = pick(iso, everything)  # on a date held by both, the built-in sorts first: the user's wins
    if isinstance(chosen, Snapshot):
        layer = _load_snapshot(chosen.path, chosen.path.stat().st_mtime_ns)
    else:
        layer = load_stored(chosen)
    return _with_note(layer, staleness(layer.date, iso, everything[-1].date))


def _file_key(path: str | Path) -> tuple[str, int, int]:
    p = Path(path)
    if not p.is_file():
        from geomap.layers.loaders import load

        load(p)  # raises the right error for a missing path or a folder
    stat = p.stat()
    return (str(p.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_user_cached(key: tuple[tuple[str, int, int], ...], has_held: bool) -> Layer:
    held = key[1][0] if has_held else None
    return load_frontline(key[0][0], held=held)


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


def load_frontline(
    path: str | Path,
    date: str | None = None,
    tolerance_km: float | None = None,
    held: str | Path | None = None,
) -> Layer:
    """A user's front line: lines are used as they are; occupied polygons become their line of contact
    (geomap.layers.contact); liberated polygons of a raw DeepState file lying outside Ukraine, and the
    polygons of a `held` file, are Ukrainian-held land adding their own line. `tolerance_km` is accepted
    for compatibility; the derivation's tolerances are named constants of `contact`."""
    import shapely

    from geomap.layers import Layer
    from geomap.layers.borders import border_of, country_outline
    from geomap.layers.contact import derive_contact
    from geomap.layers.loaders import load

    loaded = load(path)
    p = Path(path)
    if not loaded.lines and not loaded.areas:
        raise InputError(f"{p.name}: no lines or polygons to use as a front line (only points)")
    held_polys = list(loaded.liberated)
    if held is not None:
        extra = load(held)
        if not extra.areas:
            raise InputError(f"{Path(held).name}: no polygons of held areas")
        held_polys.extend(extra.areas)
    parts: list[Any] = list(loaded.lines)
    areas = held_area = None
    notes = []
    if loaded.areas:
        contact = _derive(
            derive_contact,
            shapely.union_all(loaded.areas),
            country_outline("UA"),
            border_of("UA").geometry,
            shapely.union_all(held_polys) if held_polys else None,
            p.name,
            whole_share=not loaded.raw,
        )
        areas, held_area = contact.occupied, contact.held
        parts.extend(shapely.get_parts(contact.line))
        notes.append(
            "derived from occupied-area polygons: their edge facing free Ukrainian land "
            "(clipped to Ukraine's recognised border; land border and sea coast removed)"
        )
        if loaded.raw:
            notes.append(
                f"raw DeepState file read by status ({loaded.raw_ignored} features "
                "of no occupied status ignored)"
            )
        if contact.dropped_outside:
            notes.append(f"{contact.dropped_outside} polygon(s) outside Ukraine ignored")
    geom = shapely.line_merge(shapely.MultiLineString(parts)) if len(parts) > 1 else parts[0]
    note = "; ".join(notes)
    if date and loaded.date and loaded.date > date:
        note = "; ".join(x for x in (note, f"the file is dated {loaded.date}, after {date}") if x)
    name = "line of contact" if not loaded.name or loaded.raw else f"line of contact: {loaded.name}"
    return Layer(
        name=name,
        kind="frontline",
        geometry=geom,
        date=loaded.date,
        source=f"user file {p.name}" + (f" with held areas {Path(held).name}" if held is not None else ""),
        areas=areas,
        path=p,
        note=note,
        held=held_area,
    )


def _derive(
    derive: Any, occupied: Any, outline: Any, border: Any, held: Any, label: str, whole_share: bool = True
) -> Any:
    """derive_contact, its errors named after the file."""
    try:
        return derive(occupied, outline, border, held, whole_share=whole_share)
    except InputError as exc:
        raise InputError(f"{label}: {exc}") from exc
