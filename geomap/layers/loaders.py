"""The one reader of geometry files: the GeoJSON geomap ships, and the GeoJSON, KML and KMZ users bring.

`read_geojson` reads a shipped file (front-line snapshots, Natural Earth borders and basemap) feature by
feature, its geometry made shapely on first use; their coordinates were checked when the files were built
(scripts/build_*.py). `load` reads a user's file and checks every coordinate and polygon before use.
Everything is lon/lat (WGS84). Bad files raise InputError with one line saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from geomap import limits
from geomap.errors import InputError, NotFoundError
from geomap.fileio import regular_file
from geomap.jsonedge import join, load_json, type_name
from geomap.layers.deepstate import is_raw, raw_status

_GEOJSON_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MAX_BYTES = limits.GEOMETRY_FILE_BYTES


@dataclass(frozen=True)
class Feature:
    """One GeoJSON feature of a shipped file: its properties, and its geometry (shapely, made on first
    use: a file of 150 borders is read for the two a claim needs)."""

    properties: Mapping[str, Any]
    geojson: Mapping[str, Any] | None  # the GeoJSON geometry object

    @property
    def geometry_type(self) -> str | None:
        return self.geojson.get("type") if self.geojson else None

    @cached_property
    def geometry(self) -> Any:
        """The shapely geometry, or None for a feature without one."""
        from shapely.geometry import shape

        return shape(self.geojson) if self.geojson else None


@dataclass(frozen=True)
class FeatureCollection:
    """A shipped GeoJSON file: the collection's own properties and its features, in file order."""

    properties: Mapping[str, Any]
    features: tuple[Feature, ...]


def read_geojson(path: Path) -> FeatureCollection:
    """A GeoJSON FeatureCollection that geomap ships; NotFoundError when it is missing."""
    if not path.is_file():
        raise NotFoundError(f"geometry file missing: {path}")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not GeoJSON: {exc.__class__.__name__} ({exc})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise InputError(f"{path} is not a GeoJSON FeatureCollection")
    features = tuple(Feature(f.get("properties") or {}, f.get("geometry")) for f in doc["features"])
    return FeatureCollection(doc.get("properties") or {}, features)


@dataclass(frozen=True)
class Loaded:
    """Geometries read from one file, split by kind, and what the file says about itself."""

    lines: tuple[Any, ...] = ()  # shapely LineStrings
    areas: tuple[Any, ...] = ()  # shapely Polygons
    points: tuple[Any, ...] = ()
    date: str | None = None  # ISO date found in the properties or the file name
    name: str | None = None
    properties: dict = field(default_factory=dict)
    liberated: tuple[Any, ...] = ()  # a raw DeepState answer's liberated polygons (held when outside Ukraine)
    raw_ignored: int = 0  # a raw answer's features of no occupied status (unknown, arrows, units)
    raw: bool = False  # read as a raw DeepState API answer, by status


def load(path: str | Path) -> Loaded:
    """Read a GeoJSON, KML or KMZ file of lines and/or polygons."""
    p = regular_file(path, "a geometry file")
    if p.stat().st_size > _MAX_BYTES:
        raise InputError(f"{p.name} is larger than {_MAX_BYTES // 2**20} MB")
    suffix = p.suffix.lower()
    data = p.read_bytes()
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".kmz" or head.startswith(b"PK\x03\x04"):  # by extension, or a zip whatever its name
        loaded = _from_kml(_kmz_text(p), p.name)
    elif suffix == ".kml" or head.startswith(b"<"):
        loaded = _from_kml(data, p.name)
    else:
        loaded = _from_geojson(data, p.name)
    if not (loaded.lines or loaded.areas or loaded.points):
        raise InputError(f"{p.name}: the file holds no geometry (empty geometry)")
    if loaded.date is None:
        named = date_in_name(p.name)
        if named:
            loaded = replace(loaded, date=named)
    return loaded


_COMPACT_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")  # cyterat's deepstatemap_data_20241222
_UNIX_TIME = re.compile(r"(?<!\d)(1[4-9]\d{8})(?!\d)")  # the API archive's deepstate-api-raw-1734816028
_EARLIEST = dt.date(2014, 1, 1)  # no front-line file predates the war


def date_in_name(name: str) -> str | None:
    """The date a file's name gives: ISO (2024-12-22), compact (20241222) or Unix time (seconds, UTC)."""
    for pattern, parse in (
        (_DATE, lambda m: dt.date(int(m[1]), int(m[2]), int(m[3]))),
        (_COMPACT_DATE, lambda m: dt.date(int(m[1]), int(m[2]), int(m[3]))),
        (_UNIX_TIME, lambda m: dt.datetime.fromtimestamp(int(m[1]), dt.UTC).date()),
    ):
        for m in pattern.finditer(name):
            try:
                day = parse(m)
            except (ValueError, OverflowError, OSError):
                continue
            if day >= _EARLIEST:
                return day.isoformat()
    return None


# ---------------------------------------------------------------- GeoJSON


def _from_geojson(data: bytes, label: str) -> Loaded:
    """A user's GeoJSON, checked against its schema at the edge: every error names the first offending
    path (`features[3].geometry.coordinates: expected numbers`)."""
    doc = load_json(data, label, "GeoJSON")
    if not isinstance(doc, dict) or not isinstance(doc.get("type"), str):
        raise InputError(f"{label} is not GeoJSON: expected an object with a 'type' string")
    kind = doc["type"]
    props: dict = {}
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise _at(label, "features", f"expected an array of features, not {type_name(features)}")
        if is_raw(features):
            return _from_raw(features, label)
        geoms = [_feature_geometry(f, label, f"features[{i}]") for i, f in enumerate(features)]
        props = dict(_properties(doc, label, "properties"))
        own_name = props.get("name")
        for i, f in enumerate(features):
            for k, v in _properties(f, label, f"features[{i}].properties").items():
                props.setdefault(k, v)
        if own_name is None and len(features) > 1:
            props.pop("name", None)  # the first feature's name is not the collection's
    elif kind == "Feature":
        geoms = [_feature_geometry(doc, label, "")]
        props = dict(_properties(doc, label, "properties"))
    elif kind in _GEOJSON_TYPES:
        geoms = [_geometry(doc, label, "")]
    else:
        raise InputError(f"{label} is not GeoJSON: unknown type {kind[:80]!r}")
    loaded = _split([g for g in geoms if g is not None], label)
    date = _date_of(props)
    name = props.get("name") if isinstance(props.get("name"), str) else None
    return replace(loaded, date=date, name=name, properties=props)


def _from_raw(features: list[Any], label: str) -> Loaded:
    """A raw DeepState API answer read by status: occupied polygons are the areas, liberated ones are kept
    apart (held land when outside Ukraine), every other feature is ignored."""
    occupied, liberated, ignored = [], [], 0
    for i, f in enumerate(features):
        status = raw_status(f.get("properties") or {}) if isinstance(f, dict) else None
        geom = _feature_geometry(f, label, f"features[{i}]")
        if geom is None or status not in ("occupied", "liberated"):
            ignored += 1
            continue
        areas = _split([geom], label).areas
        if not areas:
            ignored += 1
        (occupied if status == "occupied" else liberated).extend(areas)
    if not occupied:
        raise InputError(f"{label}: a raw DeepState file with no occupied area (status 'occupied')")
    return Loaded(areas=tuple(occupied), liberated=tuple(liberated), raw_ignored=ignored, raw=True)


def _at(label: str, path: str, problem: str) -> InputError:
    return InputError(f"{label} is not GeoJSON: {path or '(top)'}: {problem}")


def _properties(obj: dict, label: str, path: str) -> dict:
    """A feature's (or collection's) properties: an object, or null / absent (none)."""
    value = obj.get("properties")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _at(label, path, f"expected an object or null, not {type_name(value)}")
    return value


def _feature_geometry(feature: Any, label: str, path: str) -> Any:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _at(label, path, "expected a Feature object")
    geom = feature.get("geometry")
    return None if geom is None else _geometry(geom, label, join(path, "geometry"))


def _geometry(obj: Any, label: str, path: str) -> Any:
    import shapely.geometry
    from shapely.errors import ShapelyError

    kind = obj.get("type") if isinstance(obj, dict) else None
    if not isinstance(kind, str) or kind not in _GEOJSON_TYPES:
        raise _at(label, join(path, "type"), "expected a GeoJSON geometry type")
    if kind == "GeometryCollection":
        parts = obj.get("geometries")
        if not isinstance(parts, list):
            raise _at(label, join(path, "geometries"), f"expected an array, not {type_name(parts)}")
        where = join(path, "geometries")
        return shapely.geometry.GeometryCollection(
            [_geometry(g, label, join(where, i)) for i, g in enumerate(parts)]
        )
    _check_coordinates(obj.get("coordinates"), label, join(path, "coordinates"))
    try:
        return shapely.geometry.shape(obj)
    except (TypeError, ValueError, IndexError, ShapelyError) as exc:  # what shapely raises for bad arrays
        raise _at(label, join(path, "coordinates"), f"malformed {kind} coordinates ({exc})") from exc


def _check_coordinates(coords: Any, label: str, path: str) -> None:
    """Walk nested coordinate arrays; positions must be numbers within lon/lat ranges."""
    if coords is None:
        raise _at(label, path, "a geometry needs coordinates")
    stack = [(coords, path)]
    while stack:
        c, where = stack.pop()
        if not isinstance(c, list):
            raise _at(label, where, f"expected an array of numbers, not {type_name(c)}")
        if c and all(isinstance(x, int | float) and not isinstance(x, bool) for x in c):
            if len(c) < 2:
                raise _at(label, where, "a position needs a longitude and a latitude")
            if not all(math.isfinite(x) for x in c):
                raise _at(label, where, "expected finite numbers")
            _check_lonlat(float(c[0]), float(c[1]), label)
        else:
            stack.extend((x, join(where, i)) for i, x in reversed(list(enumerate(c))))


def _check_lonlat(lon: float, lat: float, label: str) -> None:
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise InputError(
            f"{label}: coordinates out of range (lon {lon}, lat {lat}); expected WGS84 degrees, lon first"
        )


def _date_of(props: dict) -> str | None:
    for key in ("date", "layer_date", "snapshot_date", "valid_on", "updated", "timestamp"):
        value = props.get(key)
        if isinstance(value, str):
            m = _DATE.search(value)
            if m:
                return m.group(0)
    return None


# ---------------------------------------------------------------- KML / KMZ


def _kmz_text(path: Path) -> bytes:
    """The KML member, read as a stream and stopped at its bound: the member's declared size may lie, so
    what is read is capped, never trusted (a 4 GiB bomb costs one bound's worth of time and memory)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.lower().endswith(".kml")]
            if not names:
                raise InputError(f"{path.name}: the KMZ archive holds no .kml file")
            info = z.getinfo("doc.kml" if "doc.kml" in names else names[0])
            bound = kmz_member_bound(info.compress_size)
            if info.file_size > bound:
                raise _too_big(path, info.file_size, bound)
            with z.open(info) as member:
                data = member.read(bound + 1)
            if len(data) > bound:
                raise _too_big(path, len(data), bound)
            return data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise InputError(f"{path.name} is not a KMZ (zip) archive ({exc})") from exc
    except (OSError, zlib.error) as exc:
        raise InputError(f"{path.name}: corrupt KMZ archive ({exc})") from exc


def kmz_member_bound(compressed: int) -> int:
    """How large a KMZ's KML may be once decompressed (see geomap/limits.py): within the file limit and the
    ratio to its compressed size, with a floor of 1 MB so that a small, very regular file is never refused."""
    return min(limits.KMZ_MEMBER_BYTES, max(limits.MB, limits.KMZ_MAX_RATIO * compressed))


def _too_big(path: Path, size: int, bound: int) -> InputError:
    return InputError(
        f"{path.name}: its KML expands to more than {bound / limits.MB:.0f} MB "
        f"({size / limits.MB:.0f} MB or more): refused as a zip bomb"
    )


def _from_kml(data: bytes, label: str) -> Loaded:
    import shapely.geometry as sg
    from shapely.errors import ShapelyError

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{label} is not KML: {exc}") from exc
    if _local(root.tag) != "kml" and not any(_local(e.tag) == "Placemark" for e in root.iter()):
        raise InputError(f"{label} is not KML: no <kml> root")
    geoms: list[Any] = []
    for el in root.iter():
        tag = _local(el.tag)
        try:
            if tag == "LineString":
                geoms.append(sg.LineString(_kml_coords(el, label)))
            elif tag == "Polygon":
                outer = [_kml_coords(r, label) for r in el.iter() if _local(r.tag) == "outerBoundaryIs"]
                inner = [_kml_coords(r, label) for r in el.iter() if _local(r.tag) == "innerBoundaryIs"]
                if not outer:
                    raise InputError(f"{label}: a KML Polygon has no outer boundary")
                geoms.append(sg.Polygon(outer[0], inner))
            elif tag == "Point":
                geoms.append(sg.Point(_kml_coords(el, label)[0]))
        except (ValueError, ShapelyError) as exc:  # too few coordinates for a line or a ring
            raise InputError(f"{label}: malformed KML {tag} ({exc})") from exc
    loaded = _split(geoms, label)
    name = next((e.text.strip() for e in root.iter() if _local(e.tag) == "name" and e.text), None)
    date = None
    for el in root.iter():
        if _local(el.tag) in ("when", "begin", "name", "description") and el.text:
            m = _DATE.search(el.text)
            if m:
                date = m.group(0)
                break
    return replace(loaded, date=date, name=name or None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kml_coords(el: Any, label: str) -> list[tuple[float, float]]:
    node = next((e for e in el.iter() if _local(e.tag) == "coordinates"), None)
    if node is None or not (node.text or "").strip():
        raise InputError(f"{label}: a KML geometry has no coordinates (empty geometry)")
    out = []
    for tup in node.text.split():
        parts = tup.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError) as exc:
            raise InputError(f"{label}: bad KML coordinate {tup!r}") from exc
        _check_lonlat(lon, lat, label)
        out.append((lon, lat))
    return out


# ---------------------------------------------------------------- splitting and validation


def _split(geoms: list[Any], label: str) -> Loaded:
    """Flatten into lines, areas and points; reject empty and invalid geometry."""
    import shapely

    lines, areas, points = [], [], []
    for g in geoms:
        for part in shapely.get_parts(g):
            if isinstance(part, shapely.GeometryCollection):
                sub = _split([part], label)
                lines += sub.lines
                areas += sub.areas
                points += sub.points
                continue
            if part.is_empty:
                continue
            if isinstance(part, shapely.LineString):
                if len(part.coords) < 2 or part.length == 0:
                    raise InputError(f"{label}: a line has fewer than two distinct points")
                lines.append(part)
            elif isinstance(part, shapely.Polygon):
                if not part.is_valid:
                    reason = shapely.is_valid_reason(part)
                    raise InputError(f"{label}: invalid polygon ({reason}); fix it, e.g. with make_valid")
                if part.area == 0:
                    raise InputError(f"{label}: a polygon has no area")
                areas.append(part)
            elif isinstance(part, shapely.Point):
                points.append(part)
    return Loaded(tuple(lines), tuple(areas), tuple(points))
