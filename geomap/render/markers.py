"""From reports to map markers: one marker per located place, styled by role and event type.

A place named several times in an article gets one marker whose role is the strongest of its mentions
(event > mention > metonym > noise) and whose popup lists every mention. In a corpus, a place gets one
marker per article, so the time slider can show when each thing was reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from geomap.model import Mention, Place, Report
from geomap.render.escape import html_text as esc
from geomap.render.palette import EVENT_TYPE_COLOR, SPARE_TYPE_COLORS, UNTYPED_EVENT
from geomap.render.popups import article_label, popup_html, tooltip_html

ROLES = ("event", "mention", "metonym", "noise")
ROLE_RANK = {r: i for i, r in enumerate(ROLES)}
ROLE_LABEL = {
    "event": "Events",
    "mention": "Places mentioned",
    "metonym": "Metonyms (capital for government)",
    "noise": "Noise (captions, adverts, teasers)",
}
ROLE_SHOWN = {"event": True, "mention": True, "metonym": False, "noise": False}
AREA_RADIUS_KM = {"country": 0.0, "admin1": 70.0, "admin2": 25.0}
REGION_FALLBACK_RADIUS_KM = 35.0


@dataclass(frozen=True, slots=True)
class MarkerSpec:
    """Everything the browser needs to draw one marker (HTML strings already escaped)."""

    lat: float
    lon: float
    role: str
    event_type: str | None
    precision: int
    radius_km: float  # > 0: draw an area of this radius (region-only placement)
    tooltip: str
    popup: str
    date: str | None = None
    article: int = 0  # index of the report in a corpus
    label: str = ""  # escaped: the name as the article spells it, and the gazetteer's when different


class MarkerRow(NamedTuple):
    """One marker as the page carries it: a positional array, 10,000 of which must stay small.

    The field order is written down here once; static/geomap.js reads the arrays through its
    MARKER_FIELDS, which a test holds to `MarkerRow._fields`.
    """

    lat: float  # rounded to 5 decimals (about a metre)
    lon: float
    role: int  # index into ROLES
    type: int  # index into the page's event types; -1 for none
    precision: int
    radius_km: float
    date: int  # index into the page's dates; -1 for none
    tooltip: str  # escaped HTML
    popup: str  # escaped HTML
    label: str  # escaped text of the marker's permanent label
    article: int  # index into the page's articles; -1 for a row of an events table


MARKER_DECIMALS = 5  # about a metre: finer than any place geomap locates, coarser is bytes saved


def marker_row(m: MarkerSpec, type_index: Mapping[str, int], date_index: Mapping[str, int]) -> MarkerRow:
    """The array for one marker, its event type and date given as indices into the page's lists."""
    return MarkerRow(
        lat=round(m.lat, MARKER_DECIMALS),
        lon=round(m.lon, MARKER_DECIMALS),
        role=ROLES.index(m.role),
        type=type_index.get(m.event_type, -1) if m.event_type else -1,
        precision=m.precision,
        radius_km=m.radius_km,
        date=date_index.get(m.date, -1) if m.date else -1,
        tooltip=m.tooltip,
        popup=m.popup,
        label=m.label,
        article=m.article,
    )


def type_colors(types: Iterable[str]) -> dict[str, str]:
    """A stable colour for each event type: known types fixed, the rest from a palette in name order."""
    out: dict[str, str] = {}
    free = list(SPARE_TYPE_COLORS)
    for t in sorted(set(types)):
        color = EVENT_TYPE_COLOR.get(t.casefold())
        if color is None:
            color = free.pop(0) if free else SPARE_TYPE_COLORS[hash_index(t, len(SPARE_TYPE_COLORS))]
        out[t] = color
    return out


def hash_index(text: str, n: int) -> int:
    """A deterministic small hash (Python's hash() is salted per process)."""
    h = 0
    for ch in text:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h % n


def place_key(place: Place) -> str:
    return place.place_id or f"{place.name}|{place.lat:.4f}|{place.lon:.4f}"


def group_mentions(mentions: Iterable[Mention]) -> list[tuple[Place, list[Mention]]]:
    """Located mentions grouped by place, in order of first appearance."""
    groups: dict[str, tuple[Place, list[Mention]]] = {}
    for m in mentions:
        if m.place is None:
            continue
        key = place_key(m.place.place)
        if key not in groups:
            groups[key] = (m.place.place, [])
        groups[key][1].append(m)
    return list(groups.values())


def dominant(mentions: Sequence[Mention]) -> tuple[str, str | None, int]:
    """(role, event type, precision) of a place from its mentions."""
    role = min((m.role for m in mentions), key=lambda r: ROLE_RANK.get(r, len(ROLES)))
    same = [m for m in mentions if m.role == role]
    best = max(same, key=lambda m: m.confidence)
    event_type = best.event_type or next((m.event_type for m in same if m.event_type), None)
    if role == "event" and not event_type:
        event_type = UNTYPED_EVENT
    precision = min(m.precision for m in same)
    return role, event_type, precision


def area_radius(place: Place, precision: int) -> float:
    """Radius of the area drawn for a region-only or approximate placement (0: none, e.g. a country)."""
    if place.kind in AREA_RADIUS_KM:
        return AREA_RADIUS_KM[place.kind]
    if place.uncertainty_km > 0:  # an approximately placed village: the circle it most likely lies in
        return place.uncertainty_km
    return REGION_FALLBACK_RADIUS_KM if precision >= 3 else 0.0


def marker_label(place: Place, mentions: Sequence[Mention]) -> str:
    """'Artemovsk (Bakhmut)': the article's spelling (the form the gazetteer matched, so an inflected
    'Покровском' reads 'Покровск'), then the gazetteer's name when it differs; escaped."""
    first = mentions[0]
    said = (first.place.matched_name if first.place and first.place.matched_name else "") or first.text
    said = " ".join(said.split())
    if not said or said.casefold() == place.name.casefold():
        return esc(place.name)
    return f"{esc(said)} ({esc(place.name)})"


def report_markers(report: Report, article: int = 0) -> list[MarkerSpec]:
    label = article_label(report.title, report.source, report.date)
    out = []
    for place, mentions in group_mentions(report.mentions):
        if place.kind == "country":  # a dot at a country's centre would mislead; the legend names them
            continue
        role, event_type, precision = dominant(mentions)
        if place.kind in ("admin1", "admin2", "country"):
            precision = 3
        ordered = sorted(mentions, key=lambda m: (ROLE_RANK.get(m.role, 9), m.start))
        out.append(
            MarkerSpec(
                lat=place.lat,
                lon=place.lon,
                role=role,
                event_type=event_type if role == "event" else None,
                precision=precision,
                radius_km=area_radius(place, precision),
                tooltip=tooltip_html(place, mentions),
                popup=popup_html(place, ordered, report.text, label, report.date),
                date=report.date,
                article=article,
                label=marker_label(place, ordered),
            )
        )
    return out


def countries_named(reports: Sequence[Report]) -> list[str]:
    """Countries the articles name (not drawn as markers), in order of first mention."""
    out: list[str] = []
    for r in reports:
        for m in r.mentions:
            if (
                m.place
                and m.place.place.kind == "country"
                and m.role != "noise"
                and m.place.place.name not in out
            ):
                out.append(m.place.place.name)
    return out


def unresolved_count(reports: Sequence[Report]) -> int:
    return sum(1 for r in reports for m in r.mentions if m.place is None and m.role != "noise")
