"""Corpus input: events from a CSV or GeoJSON table (e.g. many articles already read) as markers.

Columns are matched by common names, so tables written by `geomap extract`, `geomap geocode --input` or by
hand all work: lat/latitude/geomap_lat, lon/lng/longitude/geomap_lon, name/place, mention/text, role,
event_type/type, date, sentence, claimant, confidence, precision, title/headline, source/article/url.
A row with a place name and no coordinates is geocoded with the gazetteer (its country or region column,
if any, as context); a row that cannot be placed is skipped and counted, never an abort. Every other
column is shown in the popup.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.render.escape import html_text as esc
from geomap.render.markers import ROLES, UNTYPED_EVENT, MarkerSpec
from geomap.render.popups import PRECISION_LABEL

ALIASES = {
    "lat": ("lat", "latitude", "y", "geomap_lat"),
    "lon": ("lon", "lng", "long", "longitude", "x", "geomap_lon"),
    "name": ("name", "place", "place_name", "toponym", "location"),
    "mention": ("mention", "text", "surface"),
    "role": ("role",),
    "event_type": ("event_type", "type", "event", "category"),
    "date": ("date", "published", "day", "event_date"),
    "sentence": ("sentence", "context", "quote"),
    "claimant": ("claimant", "claimed_by", "attributed_to"),
    "confidence": ("confidence", "score"),
    "precision": ("precision",),
    "title": ("title", "headline"),
    "source": ("source", "article", "url", "file"),
}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
CONTEXT_COLUMNS = ("country", "region", "admin1", "oblast", "geomap_country", "geomap_admin1")
MAX_EXTRA_COLUMNS = 12  # other columns shown in a popup; a wide sheet's rest would bury the place
MAX_EXTRA_CHARS = 300  # per value


@dataclass(frozen=True, slots=True)
class EventTable:
    """The markers of an events table, and how many of its rows could not be put on the map."""

    markers: list[MarkerSpec]
    geocoded: int = 0  # rows placed by their place name
    skipped: int = 0  # rows with neither usable coordinates nor a name the gazetteer knows


def _pick(row: dict, key: str) -> str:
    for alias in ALIASES[key]:
        v = row.get(alias)
        if v not in (None, ""):
            return str(v).strip()
    return ""


def _float(value: str, what: str, where: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputError(f"{where}: {what} {value!r} is not a number") from None
    if not math.isfinite(x):
        raise InputError(f"{where}: {what} is not finite")
    return x


def read_rows(path: str | Path) -> list[dict]:
    """Rows (dicts with lower-cased keys) from a CSV/TSV or GeoJSON file of events."""
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(f"no such file: {p}")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{p.name} is not UTF-8 text") from None
    if not text.strip():
        raise InputError(f"{p.name} is empty")
    if p.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{"):
        return _geojson_rows(text, p.name)
    dialect = "excel-tab" if p.suffix.lower() == ".tsv" or text.split("\n", 1)[0].count("\t") else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise InputError(f"{p.name} has no header row")
    return [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]


def _geojson_rows(text: str, name: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    feats = data.get("features") if isinstance(data, dict) else None
    if not isinstance(feats, list):
        raise InputError(f"{name} is not a GeoJSON FeatureCollection")
    rows = []
    for f in feats:
        geom = (f or {}).get("geometry") or {}
        if geom.get("type") != "Point":
            continue
        lon, lat = geom["coordinates"][:2]
        props = {str(k).lower(): v for k, v in ((f.get("properties") or {}).items())}
        props.update(lat=lat, lon=lon)
        rows.append(props)
    return rows


def _used_columns(place_column: str | None) -> set[str]:
    used = {a for aliases in ALIASES.values() for a in aliases} | set(CONTEXT_COLUMNS) | {"kind"}
    if place_column:
        used.add(place_column.strip().lower())
    return used | {k for k in _GEOCODE_COLUMNS}


_GEOCODE_COLUMNS = (
    "geomap_name", "geomap_kind", "geomap_score", "geomap_match", "geomap_geonameid", "geomap_place_id",
    "geomap_note",
)  # fmt: skip


def _geocode(name: str, row: dict, gazetteer) -> tuple[float, float, str] | None:
    """(lat, lon, gazetteer name) of the row's place, its country/region columns as context."""
    from geomap.errors import GeomapError

    context = ", ".join(str(row[c]).strip() for c in CONTEXT_COLUMNS if row.get(c)) or None
    try:
        found = gazetteer.lookup(name, context=context, limit=1)
    except GeomapError:
        return None
    if not found:
        return None
    p = found[0].place
    return p.lat, p.lon, p.name


def row_markers(
    rows: list[dict], source_name: str = "", *, place_column: str | None = None, gazetteer=None
) -> list[MarkerSpec]:
    """Markers for event rows (rows that cannot be placed are left out; see `event_table`)."""
    return event_table(rows, source_name, place_column=place_column, gazetteer=gazetteer).markers


def event_table(
    rows: list[dict], source_name: str = "", *, place_column: str | None = None, gazetteer=None
) -> EventTable:
    """Markers for event rows: coordinates when the row has them, else its place name geocoded."""
    out = []
    geocoded = skipped = 0
    used = _used_columns(place_column)
    key = place_column.strip().lower() if place_column else None
    for i, row in enumerate(rows, start=2):
        where = f"{source_name} row {i}" if source_name else f"row {i}"
        lat_s, lon_s = _pick(row, "lat"), _pick(row, "lon")
        found_as = ""
        if not lat_s or not lon_s:
            name = (
                (str(row.get(key) or "").strip() if key else "")
                or _pick(row, "name")
                or _pick(row, "mention")
            )
            if not name:
                skipped += 1
                continue
            if gazetteer is None:
                from geomap.gazetteer import Gazetteer

                gazetteer = Gazetteer.default()
            hit = _geocode(name, row, gazetteer)
            if hit is None:
                skipped += 1
                continue
            lat, lon, found_as = hit
            geocoded += 1
            row = {**row, "name": name}
        else:
            lat, lon = _float(lat_s, "lat", where), _float(lon_s, "lon", where)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"{where}: coordinates {lat}, {lon} are out of range")
        if str(row.get("kind") or "").lower() == "country":
            continue  # a country's centre is no place for a marker
        role = _pick(row, "role").lower() or "event"
        if role not in ROLES:
            role = "event"
        etype = _pick(row, "event_type") or (UNTYPED_EVENT if role == "event" else "")
        date = _pick(row, "date")
        date = date[:10] if _DATE_RE.match(date) else None
        prec_s = _pick(row, "precision")
        precision = int(prec_s) if prec_s in ("1", "2", "3") else 1  # "²", 5,000 digits: not a code
        name = (str(row.get(key) or "").strip() if key else "") or _pick(row, "name") or _pick(row, "mention")
        name = name or str(row.get("geomap_name") or "").strip() or f"{lat:.4f}, {lon:.4f}"
        gaz_name = found_as or str(row.get("geomap_name") or "").strip()
        label = (
            esc(name)
            if not gaz_name or gaz_name.casefold() == name.casefold()
            else f"{esc(name)} ({esc(gaz_name)})"
        )
        extra = [(k, str(v)) for k, v in row.items() if k and k not in used and v not in (None, "")]
        out.append(
            MarkerSpec(
                lat=lat,
                lon=lon,
                role=role,
                event_type=etype if role == "event" else None,
                precision=precision,
                radius_km=0.0,
                tooltip=label,
                popup=_row_popup(row, name, role, etype, precision, date, lat, lon, extra, found_as),
                date=date,
                article=-1,
                label=label,
            )
        )
    return EventTable(out, geocoded, skipped)


def _row_popup(
    row: dict,
    name: str,
    role: str,
    etype: str,
    precision: int,
    date: str | None,
    lat: float,
    lon: float,
    extra: list[tuple[str, str]] = (),  # type: ignore[assignment]
    geocoded_as: str = "",
) -> str:
    sentence, mention = _pick(row, "sentence"), _pick(row, "mention")
    if sentence and mention and mention in sentence:
        a = sentence.index(mention)
        quote = f"{esc(sentence[:a])}<mark>{esc(mention)}</mark>{esc(sentence[a + len(mention) :])}"
    else:
        quote = esc(sentence)
    facts = [f"<b>{esc(role)}</b>"]
    if role == "event" and etype:
        facts.append(f"event: <b>{esc(etype)}</b>")
    if _pick(row, "claimant"):
        facts.append(f"claimed by {esc(_pick(row, 'claimant'))}")
    conf = _pick(row, "confidence")
    try:
        facts.append(f"confidence {float(conf):.0%}")
    except ValueError:
        pass
    facts.append(esc(PRECISION_LABEL.get(precision, "")))
    if date:
        facts.append(esc(date))
    title, source = _pick(row, "title"), _pick(row, "source")
    art = " — ".join(esc(x) for x in (title or source, date) if x)
    shown = list(extra)[:MAX_EXTRA_COLUMNS]
    table = "".join(f"<tr><th>{esc(k[:60])}</th><td>{esc(v[:MAX_EXTRA_CHARS])}</td></tr>" for k, v in shown)
    where = f" · placed by name as {esc(geocoded_as)} (gazetteer)" if geocoded_as else ""
    return (
        f"<div class='gm-popup'><h4>{esc(name)}</h4>"
        + f"<div class='gm-facts'>{' · '.join(facts)}</div>"
        + (f"<blockquote>{quote}</blockquote>" if quote else "")
        + (f"<table class='gm-extra'>{table}</table>" if table else "")
        + f"<div class='gm-coord'>{lat:.5f}, {lon:.5f}{where}</div>"
        + (f"<div class='gm-src'>{art}</div>" if art else "")
        + "</div>"
    )


def read_event_table(path: str | Path, place_column: str | None = None, gazetteer=None) -> EventTable:
    p = Path(path)
    rows = read_rows(p)
    if place_column and rows and place_column.strip().lower() not in rows[0]:
        raise InputError(f"{p.name} has no column {place_column!r}")
    table = event_table(rows, p.name, place_column=place_column, gazetteer=gazetteer)
    if not table.markers:
        raise InputError(
            f"{p.name}: no row could be placed ({table.skipped} without coordinates or a known place name)"
        )
    return table


def read_events(path: str | Path, place_column: str | None = None) -> list[MarkerSpec]:
    """The markers of an events file; rows that cannot be placed are skipped (and counted on stderr)."""
    import sys

    table = read_event_table(path, place_column)
    if table.skipped or table.geocoded:
        print(
            f"{Path(path).name}: {table.geocoded} row(s) placed by place name, "
            f"{table.skipped} skipped (no coordinates and no place the gazetteer knows)",
            file=sys.stderr,
        )
    return table.markers
