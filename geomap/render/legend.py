"""The categorical legend folium lacks: what each colour and symbol on this map means."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geomap.render.escape import html_text as esc
from geomap.render.palette import FRONTLINE_COLOR, OCCUPIED_FILL, ROLE_COLOR, VERDICT_COLOR


def _sym(role: str, color: str, precision: int = 1) -> str:
    return f"<span class='gm-sym gm-{role} gm-p{precision}' style='--c:{color}'></span>"


def legend_html(
    type_colors: Mapping[str, str],
    roles_present: set[str],
    *,
    has_regions: bool,
    has_approx: bool,
    verdicts: set[str],
    frontline_label: str | None,
    unresolved: int = 0,
    countries: Sequence[str] = (),
    occupied_label: str | None = None,
    point_sectors: bool = False,
    basemap: Sequence[str] = (),
    undated: int = 0,
) -> str:
    """Every symbol and colour on this map, named once; `basemap` lists the base layers drawn
    ("places", "regions", "water")."""
    rows = []
    if type_colors:
        rows.append("<div class='gm-lh'>Events, by type</div>")
        rows += [f"<div>{_sym('event', c)}{esc(t)}</div>" for t, c in type_colors.items()]
    other = [r for r in ("mention", "metonym", "noise") if r in roles_present]
    if other:
        rows.append("<div class='gm-lh'>Other places</div>")
        names = {
            "mention": "mentioned (context)",
            "metonym": "metonym (hidden at first)",
            "noise": "noise (hidden at first)",
        }
        rows += [f"<div>{_sym(r, ROLE_COLOR[r])}{names[r]}</div>" for r in other]
    if has_approx or has_regions:
        rows.append("<div class='gm-lh'>Precision</div>")
        if has_approx:
            rows.append(f"<div>{_sym('event', '#555', 2)}approximate (nearby)</div>")
        if has_approx:
            rows.append("<div><span class='gm-ring gm-dash'></span>where an approximate village lies</div>")
        if has_regions:
            rows.append(f"<div>{_sym('event', '#555', 3)}region only (its centre; lighter)</div>")
    if frontline_label or occupied_label:
        rows.append("<div class='gm-lh'>Reference</div>")
    if frontline_label:
        rows.append(
            f"<div><span class='gm-line' style='--c:{FRONTLINE_COLOR}'></span>{esc(frontline_label)}</div>"
        )
    if point_sectors:
        rows.append(
            f"<div><span class='gm-dot' style='--c:{FRONTLINE_COLOR}'></span>front-line sector known at one "
            "point only</div>"
        )
    if occupied_label:
        rows.append(
            f"<div><span class='gm-area' style='--c:{OCCUPIED_FILL}'></span>{esc(occupied_label)}</div>"
        )
    if verdicts:
        rows.append("<div class='gm-lh'>Distance claims</div>")
        rows += [
            f"<div><span class='gm-line gm-dash' style='--c:{VERDICT_COLOR[v]}'></span>{esc(v)}</div>"
            for v in ("consistent", "inconsistent", "unverifiable")
            if v in verdicts
        ]
    if basemap:
        rows.append("<div class='gm-lh'>Basemap</div>")
        if "places" in basemap:
            rows.append(
                "<div><span class='gm-dot' style='--c:#555'></span>town or village (more as you zoom)</div>"
            )
        if "regions" in basemap:
            rows.append(
                "<div><span class='gm-line gm-dot-line' style='--c:#9a8f80'></span>"
                "oblast / region boundary</div>"
            )
        if "water" in basemap:
            rows.append("<div><span class='gm-area' style='--c:#a9c8dc'></span>sea, lake, reservoir</div>")
    if undated:
        rows.append(f"<div class='gm-dim'>{undated} undated article(s): a toggle under the slider</div>")
    if countries:
        rows.append(f"<div class='gm-dim'>Countries named (not drawn): {esc(', '.join(countries))}</div>")
    if unresolved:
        rows.append(
            f"<div class='gm-dim'>{unresolved} mention(s) could not be located and are not drawn</div>"
        )
    return "".join(rows)
