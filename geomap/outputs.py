"""Reports as JSON, GeoJSON, CSV and a readable table. Pure functions: text in, text out.

CSV columns are what a conflict-event analyst expects (ACLED-like): one row per mention, with the
geo-precision code and the sentence as evidence. Every cell goes through geomap.csvcells, so that no
article text runs as a spreadsheet formula.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from geomap.csvcells import write_csv
from geomap.model import ROW_COLUMNS, Mention, Report, article_file

CSV_COLUMNS = ROW_COLUMNS[: ROW_COLUMNS.index("sentence") + 1]  # the flat row's first columns


def article_name(report: Report) -> str:
    return article_file(report.source)


def to_json(reports: Sequence[Report]) -> str:
    """One report: its object; several: an array of them (the guide's contract)."""
    data = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2)


def feature(report: Report, m: Mention) -> dict:
    p = m.place.place  # type: ignore[union-attr]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
        "properties": {
            "article": article_name(report),
            "date": report.date,
            "mention": m.text,
            "start": m.start,
            "end": m.end,
            "place": p.name,
            "kind": p.kind,
            "admin1": p.admin1,
            "country": p.country,
            "geonameid": p.geonameid,
            "place_id": p.place_id,
            "role": m.role,
            "event_type": m.event_type,
            "claimant": m.claimant,
            "precision": m.precision,
            "confidence": round(m.confidence, 4),
            "entity": m.entity,
            "section": m.section,
            "note": m.note,
            "sentence": m.sentence,
        },
    }


def to_geojson(reports: Sequence[Report]) -> str:
    """A FeatureCollection of every resolved mention of every report."""
    features = [feature(r, m) for r in reports for m in r.mentions if m.place is not None]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2)


def csv_rows(report: Report) -> list[list[object]]:
    """The CSV's cells: the flat rows' first columns, empty for none, points to 6 decimals (~0.1 m)."""
    return [[_cell(c, row[c]) for c in CSV_COLUMNS] for row in report.rows()]


_DECIMALS = {"lat": 6, "lon": 6, "confidence": 4}


def _cell(column: str, value: object) -> object:
    if value is None:
        return ""
    digits = _DECIMALS.get(column)
    return round(value, digits) if digits is not None else value


def to_csv(reports: Sequence[Report]) -> str:
    return write_csv(CSV_COLUMNS, (row for r in reports for row in csv_rows(r)))


def printable(s: str) -> str:
    """Text for a terminal: control characters (a file name holding ESC sequences) shown escaped, not run."""
    return s if s.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in s)


