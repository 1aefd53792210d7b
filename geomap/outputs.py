"""Reports as JSON, GeoJSON, CSV and a readable table. Pure functions: text in, text out.

CSV columns are what a conflict-event analyst expects (ACLED-like): one row per mention, with the
geo-precision code and the sentence as evidence. Every cell goes through geomap.csvcells, so that no
article text runs as a spreadsheet formula.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from geomap.csvcells import write_csv
from geomap.model import ROW_COLUMNS, Mention, Report

CSV_COLUMNS = ROW_COLUMNS[: ROW_COLUMNS.index("sentence") + 1]  # the flat row's first columns


def article_name(report: Report) -> str:
    return Path(report.source).name if report.source and not report.source.startswith("<") else report.source


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
    rows = []
    for m in report.mentions:
        p = m.place.place if m.place else None
        rows.append(
            [
                article_name(report),
                report.date or "",
                m.text,
                p.name if p else "",
                (p.admin1 or "") if p else "",
                (p.country or "") if p else "",
                round(p.lat, 6) if p else "",
                round(p.lon, 6) if p else "",
                m.precision if p else "",
                m.role,
                m.event_type or "",
                m.claimant or "",
                round(m.confidence, 4),
                " ".join(m.sentence.split()),
            ]
        )
    return rows


def to_csv(reports: Sequence[Report]) -> str:
    return write_csv(CSV_COLUMNS, (row for r in reports for row in csv_rows(r)))


def printable(s: str) -> str:
    """Text for a terminal: control characters (a file name holding ESC sequences) shown escaped, not run."""
    return s if s.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in s)


def _clip(s: str, width: int) -> str:
    s = printable(" ".join(s.split()))
    return s if len(s) <= width else s[: width - 1] + "…"


def to_table(reports: Sequence[Report]) -> str:
    """A fixed-width table for the terminal, one block per article."""
    head = (
        f"{'mention':<22} {'role':<8} {'event':<15} {'place':<28} {'cc':<2} "
        f"{'lat':>8} {'lon':>9} {'p':>1} {'conf':>4}"
    )
    out: list[str] = []
    for r in reports:
        title = printable(article_name(r)) + (f"  ({r.date})" if r.date else "") + f"  [{r.language}]"
        out += [title, head, "-" * len(head)]
        if not r.mentions:
            out.append("(no places found)")
        for m in r.mentions:
            p = m.place.place if m.place else None
            place = (
                f"{p.name}" + (f", {p.admin1}" if p and p.admin1 and p.kind == "settlement" else "")
                if p
                else "?"
            )
            out.append(
                f"{_clip(m.text, 22):<22} {m.role:<8} {_clip(m.event_type or '', 15):<15} "
                f"{_clip(place, 28):<28} "
                f"{(p.country or '') if p else '':<2} {p.lat if p else float('nan'):>8.3f} "
                f"{p.lon if p else float('nan'):>9.3f} {m.precision if p else '-':>1} {m.confidence:>4.2f}"
            )
            extra = "; ".join(x for x in (f"claimed by {m.claimant}" if m.claimant else "", m.note) if x)
            if extra:
                out.append(f"{'':<22}   {_clip(extra, 90)}")
        if r.claims:
            out.append("distance claims:")
            for c in r.claims:
                stated = f"{c.stated_km:g} km" if c.stated_km is not None else "?"
                computed = f"{c.computed_km:.0f} km" if c.computed_km is not None else "?"
                out.append(f"  {_clip(c.text, 60)}  stated {stated}, computed {computed}: {c.verdict}")
        out.append("")
    return "\n".join(out).rstrip("\n")
