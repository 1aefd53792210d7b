"""Reference layers drawn under the story: the front line used (with its date) and occupied areas.

They come from `geomap.layers`: the shipped snapshot for the date, or the user's file (--frontline, GeoJSON
or KML lines, or occupied-area polygons). A Layer object from geomap.layers may also be passed directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.model import Report


@dataclass(frozen=True, slots=True)
class RefLayer:
    name: str  # shown in the layer control and the legend
    kind: str  # frontline | occupied
    geojson: dict
    date: str | None = None  # the snapshot's date: a corpus map shows the line of its slider's date


def _split(layer: object) -> list[RefLayer]:
    gj = layer.to_geojson()
    label = getattr(layer, "label", None) or "front line"
    feats = gj.get("features", [])
    lines = [f for f in feats if (f.get("properties") or {}).get("role") != "area"]
    areas = [f for f in feats if (f.get("properties") or {}).get("role") == "area"]
    out = []
    date = getattr(layer, "date", None)
    if lines:
        out.append(RefLayer(label, "frontline", {"type": "FeatureCollection", "features": lines}, date))
    if areas:
        name = f"occupied areas ({date})" if date else "occupied areas"
        out.append(RefLayer(name, "occupied", {"type": "FeatureCollection", "features": areas}, date))
    return out


def reference_series(frontline: object, dates: list[str], date: str | None) -> list[RefLayer]:
    """The layers for a map whose articles span several dates: each article date's snapshot once (or the
    layers given: one Layer, a file, or a sequence of dated Layers), so the slider can show the line of
    its date. With one date or none this is `reference_layers`."""
    if isinstance(frontline, list | tuple):
        out: list[RefLayer] = []
        for layer in frontline:
            out += _split(layer)
        return out
    if frontline is not None or date or len(dates) < 2:
        return reference_layers(frontline, date or (dates[-1] if dates else None))
    from geomap.layers import frontline_for

    seen: set[tuple[str, str | None]] = set()
    out = []
    for d in dates:
        try:
            layers = _split(frontline_for(d))
        except GeomapError:
            continue
        for ref in layers:
            if (ref.name, ref.date) not in seen:
                seen.add((ref.name, ref.date))
                out.append(ref)
    return out


def reference_layers(frontline: object, date: str | None) -> list[RefLayer]:
    """Front line (and occupied areas) for the map: from a file or Layer given, else the dated snapshot.

    A file the user named that cannot be read is an error; a missing snapshot for a date is not.
    """
    if frontline is not None and hasattr(frontline, "to_geojson"):
        return _split(frontline)
    from geomap.layers import frontline_for

    if isinstance(frontline, str | Path):
        return _split(frontline_for(date, path=frontline))
    if not date:
        return []
    try:
        return _split(frontline_for(date))
    except GeomapError:
        return []


def layer_date(reports: list[Report], date: str | None) -> str | None:
    """The date for reference layers: the one asked for, a claim's layer date, or the latest article's."""
    if date:
        return date
    for r in reports:
        for c in r.claims:
            for rd in c.readings:
                if rd.distance.layer_date:
                    return rd.distance.layer_date
    dates = sorted(r.date for r in reports if r.date)
    return dates[-1] if dates else None
