"""Reference layers to measure to: international borders, dated lines of contact, occupied areas.

A Layer is a named, dated lon/lat geometry with its provenance and expected error; it measures
distances through geomap.geodesy. Layers come from the data/ folders shipped with geomap or from
files users bring (GeoJSON, KML, KMZ; lines or occupied-area polygons), all read by `loaders`.

loaders.py   the one reader of geometry files (shipped GeoJSON as it is; users' files checked)
borders.py   country outlines, land borders, the stretch shared with a neighbour
snapshots.py the dated front-line snapshots, and a user's front line
contact.py   the line of contact derived from occupied-area polygons (and held areas outside Ukraine)
deepstate.py the statuses of a raw DeepState API answer
series.py    the user's dated series of snapshots (`geomap frontline add`), in their data folder

May import: geomap.geodesy, geomap.countries, geomap.model, geomap.errors, geomap.paths, geomap.fileio.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from geomap.layers.borders import BorderAtlas, border_atlas, border_between, border_of, country_outline
from geomap.layers.snapshots import check_date, frontline_for

__all__ = [
    "BorderAtlas",
    "Layer",
    "border_atlas",
    "border_between",
    "border_of",
    "country_outline",
    "frontline_for",
    "layer_for",
    "check_date",
]


@dataclass(frozen=True, eq=False)
class Layer:
    """A reference geometry in lon/lat: lines (front line, border) and optionally the areas behind them."""

    name: str  # "line of contact", "Ukraine's international land border"
    kind: str  # "frontline" | "border"
    geometry: Any  # shapely LineString / MultiLineString (what distances are measured to)
    date: str | None = None  # the snapshot's date for dated layers
    source: str = ""
    approximate: bool = False
    error_km: float | None = None  # expected error of the geometry itself
    areas: Any = None  # shapely (Multi)Polygon of occupied areas, when the layer was derived from one
    path: Path | None = None
    note: str = ""
    held: Any = None  # shapely (Multi)Polygon of Ukrainian-held land outside Ukraine (the Kursk salient)

    def inside(self, point: Any) -> str:
        """Which side of the line a point is on when the layer knows its areas: "occupied area",
        "Ukrainian-held area" (in Russia), or "" (free Ukraine, elsewhere, or areas unknown)."""
        import shapely

        from geomap.geodesy.nearest import as_point

        if self.areas is None and self.held is None:
            return ""
        p = as_point(point)
        where = shapely.Point(p.lon, p.lat)
        if self.areas is not None and self._prepared_areas.contains(where):
            return "occupied area"
        if self.held is not None and self._prepared_held.contains(where):
            return "Ukrainian-held area"
        return ""

    @cached_property
    def _prepared_areas(self) -> Any:
        from shapely.prepared import prep

        return prep(self.areas)

    @cached_property
    def _prepared_held(self) -> Any:
        from shapely.prepared import prep

        return prep(self.held)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.date})" if self.date else self.name

    @cached_property
    def segments(self) -> Any:
        from geomap.geodesy.nearest import segments_of

        return segments_of(self.geometry)

    def distance_from(self, point: Any) -> Any:
        """A model.Distance from a point (Point, Place or (lat, lon)) to the nearest point of the layer."""
        from geomap.geodesy.nearest import point_to_geometry

        note = self.note
        if self.approximate:
            err = f", expected error about {self.error_km:g} km" if self.error_km else ""
            note = f"approximate{err}" + (f": {note}" if note else "")
        inside = self.inside(point)
        if inside:
            side = (
                "behind the front line" if inside == "occupied area" else "beyond the border, held by Ukraine"
            )
            note = f"the place lies inside the {inside} ({side})" + (f"; {note}" if note else "")
        d = point_to_geometry(
            point,
            self.geometry,
            target=self.label,
            layer_date=self.date,
            note=note,
            segments=self.segments,
        )
        return replace(d, inside=inside) if inside else d

    def distances(self, lats: Any, lons: Any) -> Any:
        """Vectorised: a geodesy.Nearest for arrays of latitudes and longitudes."""
        from geomap.geodesy.nearest import nearest_points

        return nearest_points(lats, lons, self.segments)

    def to_geojson(self) -> dict:
        """A FeatureCollection for maps: the line(s), and the areas when known."""
        from shapely.geometry import mapping

        props = {
            "name": self.name,
            "kind": self.kind,
            "date": self.date,
            "source": self.source,
            "approximate": self.approximate,
            "error_km": self.error_km,
        }
        feats = [
            {"type": "Feature", "properties": props | {"role": "line"}, "geometry": mapping(self.geometry)}
        ]
        if self.areas is not None:
            feats.append(
                {"type": "Feature", "properties": props | {"role": "area"}, "geometry": mapping(self.areas)}
            )
        if self.held is not None:
            feats.append(
                {"type": "Feature", "properties": props | {"role": "held"}, "geometry": mapping(self.held)}
            )
        return {"type": "FeatureCollection", "features": feats}


def layer_for(
    to: str,
    *,
    date: str | None = None,
    path: str | Path | None = None,
    country: str = "UA",
    held: str | Path | None = None,
) -> Layer:
    """The layer a command means by --to: "frontline" (alias "front", "line of contact") or "border"."""
    from geomap.errors import InputError

    key = (to or "").strip().lower().replace("_", " ").replace("-", " ")
    if key in ("frontline", "front line", "front", "line of contact", "contact"):
        return frontline_for(date, path=path, held=held)
    if key in ("border", "frontier", "international border"):
        if path is not None or held is not None:
            raise InputError("--frontline applies to --to frontline, not to the border")
        return border_of(country)
    raise InputError(f"unknown layer {to!r}: use frontline or border")
