"""Distance claims on the map: a geodesic line from the place to the nearest point of its target,
labelled with the stated and computed figures and the verdict, plus a panel listing every claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyproj import Geod

from geomap.model import Claim, Reading
from geomap.render.escape import html_text as esc
from geomap.render.palette import VERDICT_COLOR

VERDICT_MARK = {"consistent": "✓", "inconsistent": "✗", "unverifiable": "?"}
QUALIFIER_SIGN = {"about": "≈", "more_than": ">", "less_than": "<", "within": "≤", "exact": ""}
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """A claim drawn on the map: geodesic vertices, colour, and escaped label HTML."""

    points: tuple[tuple[float, float], ...]
    color: str
    label: str  # full label (hover)
    verdict: str
    short: str = ""  # compact permanent label: stated -> computed and a verdict mark
    article: int = -1  # index of the report in a corpus (the time slider hides a later article's claims)


def geodesic_points(
    a: tuple[float, float], b: tuple[float, float], step_km: float = 25.0
) -> list[tuple[float, float]]:
    """Vertices along the geodesic a->b (lat, lon), about every `step_km`, so long lines curve truly."""
    (lat1, lon1), (lat2, lon2) = a, b
    _, _, dist_m = _GEOD.inv(lon1, lat1, lon2, lat2)
    n = min(256, int(dist_m / 1000 / step_km))
    mids = _GEOD.npts(lon1, lat1, lon2, lat2, n) if n > 0 else []
    return [(lat1, lon1), *((lat, lon) for lon, lat in mids), (lat2, lon2)]


def used_reading(claim: Claim) -> Reading | None:
    if not claim.readings:
        return None
    return next((r for r in claim.readings if r.label == claim.reading_used), claim.readings[0])


def stated_text(claim: Claim) -> str:
    """'≈1,000 km' / '10–15 km' / '≈620 mi (998 km)' as plain text."""
    if claim.qualifier == "range" and claim.stated_low_km is not None and claim.stated_high_km is not None:
        return f"{claim.stated_low_km:,.0f}–{claim.stated_high_km:,.0f} km"
    sign = QUALIFIER_SIGN.get(claim.qualifier, "")
    if claim.stated_value is not None and claim.stated_unit != "km":
        km = f" ({claim.stated_km:,.0f} km)" if claim.stated_km is not None else ""
        return f"{sign}{claim.stated_value:,g} {claim.stated_unit}{km}"
    if claim.stated_km is not None:
        return f"{sign}{claim.stated_km:,.0f} km"
    return "no figure stated"


def claim_lines(claims: Sequence[Claim], article: int = -1) -> list[ClaimLine]:
    out = []
    for claim in claims:
        reading = used_reading(claim)
        if reading is None:
            continue
        d = reading.distance
        pts = geodesic_points((d.origin.lat, d.origin.lon), (d.nearest.lat, d.nearest.lon))
        computed = claim.computed_km if claim.computed_km is not None else d.km
        label = (
            f"<b>{esc(claim.from_name or '?')}</b> → {esc(reading.label)}<br>"
            f"stated {esc(stated_text(claim))} · computed {computed:,.0f} km · "
            f"<b style='color:{VERDICT_COLOR.get(claim.verdict, '#333')}'>{esc(claim.verdict)}</b>"
        )
        mark = VERDICT_MARK.get(claim.verdict, "?")
        short = f"{esc(stated_text(claim))} → {computed:,.0f} km {mark}"
        out.append(
            ClaimLine(
                tuple(pts), VERDICT_COLOR.get(claim.verdict, "#333"), label, claim.verdict, short, article
            )
        )
    return out


def claims_panel(claims: Sequence[Claim]) -> str:
    """HTML list of every claim and its verdict (escaped); empty string when there are none."""
    if not claims:
        return ""
    items = []
    for claim in claims:
        reading = used_reading(claim)
        computed = (
            claim.computed_km if claim.computed_km is not None else (reading.distance.km if reading else None)
        )
        comp = f"{computed:,.0f} km" if computed is not None else "not computed"
        target = reading.label if reading else (claim.to or "?")
        color = VERDICT_COLOR.get(claim.verdict, "#333")
        items.append(
            f"<li class='gm-claim gm-verdict-{esc(claim.verdict)}'>"
            f"<q>{esc(claim.text)}</q>"
            f"<div>{esc(claim.from_name or '?')} → {esc(target)}</div>"
            f"<div>stated {esc(stated_text(claim))} · computed {esc(comp)} · "
            f"<span class='gm-verdict' style='background:{color}'>{esc(claim.verdict)}</span></div>"
            + (
                "<details><summary>how it was checked</summary>"
                f"<div class='gm-dim'>{esc(claim.explanation)}</div></details>"
                if claim.explanation
                else ""
            )
            + "</li>"
        )
    return f"<h4>Distance claims ({len(claims)})</h4><ul>{''.join(items)}</ul>"
