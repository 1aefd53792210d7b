"""Saved `extract --json` reports, read back for the map (articles are read by geomap.pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.model import Candidate, Claim, Distance, Mention, Place, Point, Reading, Report


def _place(d: dict | None) -> Place | None:
    if not d:
        return None
    try:
        return Place(
            name=str(d["name"]),
            lat=float(d["lat"]),
            lon=float(d["lon"]),
            country=d.get("country"),
            kind=d.get("kind") or "settlement",
            admin1=d.get("admin1"),
            admin2=d.get("admin2"),
            population=int(d.get("population") or 0),
            geonameid=d.get("geonameid"),
            feature_code=d.get("feature_code"),
            names=tuple(d.get("names") or ()),
            source=d.get("source") or "geonames",
            place_id=d.get("place_id") or "",
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"a place in the report is malformed ({exc})") from None


def _candidate(d: dict | None) -> Candidate | None:
    place = _place(d)
    if place is None:
        return None
    return Candidate(
        place,
        float(d.get("score") or 0.0),
        d.get("match") or "exact",
        d.get("matched_name") or "",
        tuple(d.get("reasons") or ()),
    )


def _point(d: dict | None) -> Point:
    if not d:
        raise InputError("a claim reading has no coordinates")
    return Point(float(d["lat"]), float(d["lon"]))


def report_from_dict(data: dict, source: str = "<json>") -> Report:
    """A Report from the JSON `geomap extract --json` writes (Report.to_dict)."""
    if not isinstance(data, dict) or not isinstance(data.get("mentions"), list):
        raise InputError(f"{source}: not a geomap report (no 'mentions' list)")
    mentions = []
    for m in data["mentions"]:
        mentions.append(
            Mention(
                text=str(m.get("text", "")),
                start=int(m.get("start") or 0),
                end=int(m.get("end") or 0),
                sentence=str(m.get("sentence") or ""),
                role=m.get("role") or "mention",
                place=_candidate(m.get("place")),
                precision=int(m.get("precision") or 1),
                confidence=float(m.get("confidence") or 0.0),
                event_type=m.get("event_type"),
                claimant=m.get("claimant"),
                alternatives=tuple(c for c in (_candidate(a) for a in m.get("alternatives") or ()) if c),
                section=m.get("section") or "body",
                entity=m.get("entity"),
                note=m.get("note") or "",
            )
        )
    claims = []
    for c in data.get("claims") or ():
        readings = tuple(
            Reading(
                r.get("label", ""),
                Distance(
                    float(r["km"]),
                    _point(r.get("from")),
                    _point(r.get("nearest") or r.get("to")),
                    r.get("target", ""),
                    layer_date=r.get("layer_date"),
                ),
                r.get("verdict", "unverifiable"),
            )
            for r in c.get("readings") or ()
            if r.get("km") is not None
        )
        claims.append(
            Claim(
                text=str(c.get("text", "")),
                start=int(c.get("start") or 0),
                end=int(c.get("end") or 0),
                from_name=c.get("from"),
                from_place=_place(c.get("from_place")),
                to=c.get("to") or "",
                to_place=_place(c.get("to_place")),
                stated_km=c.get("stated_km"),
                stated_low_km=c.get("stated_low_km"),
                stated_high_km=c.get("stated_high_km"),
                stated_unit=c.get("stated_unit") or "km",
                stated_value=c.get("stated_value"),
                qualifier=c.get("qualifier") or "exact",
                readings=readings,
                computed_km=c.get("computed_km"),
                verdict=c.get("verdict") or "unverifiable",
                reading_used=c.get("reading_used"),
                explanation=c.get("explanation") or "",
            )
        )
    return Report(
        source=data.get("source") or source,
        text=data.get("text") or "",
        title=data.get("title"),
        date=data.get("date"),
        language=data.get("language") or "en",
        mentions=tuple(mentions),
        claims=tuple(claims),
    )


def load_reports(path: str | Path) -> list[Report]:
    """Saved report(s): a .json file of one report or an array of them (articles are read by the pipeline)."""
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(f"no such file: {p}")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{p.name} is not valid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    return [report_from_dict(d, p.name) for d in items]
