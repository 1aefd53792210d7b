"""Corpus input: events from a CSV or GeoJSON table (e.g. many articles already read) as markers.

Columns are matched by common names, so tables written by `geomap extract` or by hand both work:
lat/latitude, lon/lng/longitude, name/place, mention/text, role, event_type/type, date, sentence,
claimant, confidence, precision, title/headline, source/article/url.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.render.escape import html_text as esc
from geomap.render.markers import ROLES, UNTYPED_EVENT, MarkerSpec
from geomap.render.popups import PRECISION_LABEL

ALIASES = {
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
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


def row_markers(rows: list[dict], source_name: str = "") -> list[MarkerSpec]:
    """Markers for event rows; a row without coordinates is an error naming its line."""
    out = []
    for i, row in enumerate(rows, start=2):
        where = f"{source_name} row {i}" if source_name else f"row {i}"
        lat_s, lon_s = _pick(row, "lat"), _pick(row, "lon")
        if not lat_s or not lon_s:
            raise InputError(f"{where}: no coordinates (need lat and lon columns)")
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
        name = _pick(row, "name") or _pick(row, "mention") or f"{lat:.4f}, {lon:.4f}"
        out.append(
            MarkerSpec(
                lat=lat,
                lon=lon,
                role=role,
                event_type=etype if role == "event" else None,
                precision=precision,
                radius_km=0.0,
                tooltip=esc(name),
                popup=_row_popup(row, name, role, etype, precision, date, lat, lon),
                date=date,
            )
        )
    return out


def _row_popup(
    row: dict, name: str, role: str, etype: str, precision: int, date: str | None, lat: float, lon: float
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
    title, source = _pick(row, "title"), _pick(row, "source")
    art = " — ".join(esc(x) for x in (title or source, date) if x)
    return (
        f"<div class='gm-popup'><h4>{esc(name)}</h4>"
        + (f"<blockquote>{quote}</blockquote>" if quote else "")
        + f"<div class='gm-facts'>{' · '.join(facts)}</div>"
        + f"<div class='gm-coord'>{lat:.5f}, {lon:.5f}</div>"
        + (f"<div class='gm-src'>{art}</div>" if art else "")
        + "</div>"
    )


def read_events(path: str | Path) -> list[MarkerSpec]:
    p = Path(path)
    markers = row_markers(read_rows(p), p.name)
    if not markers:
        raise InputError(f"{p.name} holds no events with coordinates")
    return markers
