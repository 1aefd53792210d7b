"""A user's dated series of front-line snapshots, kept in their data folder.

`geomap frontline add FILE|DIR...` stores each file's geometry (occupied areas, held areas outside
Ukraine, lines), read and checked by `loaders` and its line of contact derived once to prove it usable,
as one gzipped GeoJSON per date: `YYYY-MM-DD.geojson.gz`, coordinates rounded to COORD_DECIMALS. A file
whose geometry is already stored (same digest) is not stored twice; a new file for a stored date
replaces it. The occupied area is stored as read, not the derived line, so a better derivation applies to
old snapshots too. Everything is checked before anything is written: a bad file changes nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import InputError

if TYPE_CHECKING:
    from geomap.layers import Layer

SERIES_ENV = "GEOMAP_FRONTLINE_DIR"  # where the series lives, for tests and shared installs
COORD_DECIMALS = 5  # ~1 m: far below any front line's own accuracy, and half the size of full floats
SUFFIX = ".geojson.gz"
READABLE = (".geojson", ".json", ".kml", ".kmz")  # what a folder given to `add` is searched for


def series_dir() -> Path:
    """The user's series folder: $GEOMAP_FRONTLINE_DIR, else $XDG_DATA_HOME/geomap/frontline."""
    override = os.environ.get(SERIES_ENV)
    if override:
        return Path(override)
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "geomap" / "frontline"


@dataclass(frozen=True)
class Stored:
    """One stored snapshot."""

    date: str
    path: Path
    source: str  # the file it came from (its name)
    digest: str  # of the stored geometry: equal digests are the same snapshot
    kinds: tuple[str, ...]  # which of "occupied", "held", "line" it holds
    size: int  # bytes on disk


@dataclass(frozen=True)
class Added:
    """What `add` did with one file: "added", "replaced" (a snapshot of that date was there) or
    "unchanged" (the same geometry is already stored, under `date`)."""

    source: Path
    date: str
    action: str
    line_km: float


def stored() -> list[Stored]:
    """The stored snapshots, oldest first (none when the folder does not exist)."""
    folder = series_dir()
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob(f"*{SUFFIX}")):
        props = _read(p)["properties"]
        out.append(
            Stored(
                props["date"],
                p,
                props.get("source", ""),
                props["digest"],
                tuple(props["kinds"]),
                p.stat().st_size,
            )
        )
    return sorted(out, key=lambda s: s.date)


def _read(path: Path) -> dict:
    try:
        return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, EOFError, ValueError) as exc:
        raise InputError(f"the stored front-line snapshot {path} is unreadable ({exc}); delete it") from exc


def add(files: list[Path], date: str | None = None, held: Path | None = None) -> list[Added]:
    """Store every file (a folder: the readable files in it); `date` overrides the files' own dates, `held`
    adds a file of Ukrainian-held areas outside Ukraine to each. All are checked before any is written."""
    paths = _expand(files)
    if not paths:
        raise InputError("no front-line files to add (.geojson, .json, .kml, .kmz)")
    if date is not None and len(paths) > 1:
        raise InputError("--date applies to one file at a time: each snapshot has its own date")
    prepared = [_prepare(p, date, held) for p in paths]
    seen: dict[str, str] = {s.digest: s.date for s in stored()}
    dates = {s.date for s in stored()}
    results = []
    for source, day, blob, digest, km in prepared:
        if digest in seen:
            results.append(Added(source, seen[digest], "unchanged", km))
            continue
        action = "replaced" if day in dates else "added"
        _write(series_dir() / f"{day}{SUFFIX}", blob)
        results.append(Added(source, day, action, km))
        seen[digest] = day
        dates.add(day)
    return results


def _expand(files: list[Path]) -> list[Path]:
    out: list[Path] = []
    for f in files:
        if f.is_dir():
            found = sorted(p for p in f.iterdir() if p.is_file() and p.name.lower().endswith(READABLE))
            if not found:
                raise InputError(f"{f}: no front-line files in this folder (.geojson, .json, .kml, .kmz)")
            out.extend(found)
        else:
            out.append(f)
    return out


def _prepare(path: Path, date: str | None, held: Path | None) -> tuple[Path, str, bytes, str, float]:
    """The file read, checked (its line of contact derived) and serialised: (path, date, bytes, digest,
    line length km). InputError naming the file for anything wrong."""
    import shapely

    from geomap.layers.loaders import load
    from geomap.layers.snapshots import check_date, load_frontline

    loaded = load(path)
    day = check_date(date) if date is not None else loaded.date
    if day is None:
        raise InputError(f"{path.name}: no date in the file or its name; give --date YYYY-MM-DD")
    layer = load_frontline(path, held=held)  # raises for a file with no front
    held_polys = list(loaded.liberated)
    if held is not None:
        held_polys.extend(load(held).areas)
    features = []
    if loaded.areas:
        features.append(_feature("occupied", shapely.union_all(loaded.areas)))
    if held_polys:
        features.append(_feature("held", shapely.union_all(held_polys)))
    if loaded.lines:
        features.append(_feature("line", shapely.union_all(loaded.lines)))
    body = json.dumps(features, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    doc = {
        "type": "FeatureCollection",
        "properties": {
            "date": day,
            "source": path.name + (f" + {held.name}" if held is not None else ""),
            "digest": digest,
            "kinds": [f["properties"]["role"] for f in features],
            "raw": loaded.raw,
        },
        "features": features,
    }
    blob = gzip.compress(json.dumps(doc, separators=(",", ":")).encode("utf-8"), mtime=0)
    return path, day, blob, digest, _length_km(layer.geometry)


def _feature(role: str, geom: Any) -> dict:
    import shapely

    rounded = shapely.set_precision(geom, 10.0**-COORD_DECIMALS)
    return {
        "type": "Feature",
        "properties": {"role": role},
        "geometry": json.loads(shapely.to_geojson(rounded)),
    }


def _length_km(geom: Any) -> float:
    import shapely
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    return sum(geod.geometry_length(p) for p in shapely.get_parts(geom)) / 1000.0


def _write(path: Path, blob: bytes) -> None:
    from geomap.fileio import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, blob)


def load_stored(snapshot: Stored) -> Layer:
    """The line of contact of a stored snapshot (cached per file version)."""
    st = snapshot.path.stat()
    return _load(str(snapshot.path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _load(path: str, _mtime: int, _size: int) -> Layer:
    import shapely
    from shapely.geometry import shape

    from geomap.layers import Layer
    from geomap.layers.borders import border_of, country_outline
    from geomap.layers.contact import derive_contact

    doc = _read(Path(path))
    props = doc["properties"]
    geoms = {f["properties"]["role"]: shape(f["geometry"]) for f in doc["features"]}
    parts: list[Any] = []
    areas = held = None
    if "occupied" in geoms:
        c = derive_contact(
            geoms["occupied"],
            country_outline("UA"),
            border_of("UA").geometry,
            geoms.get("held"),
            whole_share=not props.get("raw", False),
        )
        parts.extend(shapely.get_parts(c.line))
        areas, held = c.occupied, c.held
    if "line" in geoms:
        parts.extend(shapely.get_parts(geoms["line"]))
    geom = shapely.line_merge(shapely.MultiLineString(parts)) if len(parts) > 1 else parts[0]
    return Layer(
        name="line of contact",
        kind="frontline",
        geometry=geom,
        date=props["date"],
        source=f"stored snapshot from {props.get('source', '?')} ({series_dir()})",
        areas=areas,
        held=held,
        path=Path(path),
        note="from your front-line series (geomap frontline add)",
    )
