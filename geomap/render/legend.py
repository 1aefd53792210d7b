"""The categorical legend folium lacks: what each colour and symbol on this map means."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geomap.render.claims_layer import VERDICT_COLOR
from geomap.render.escape import html_text as esc
from geomap.render.markers import ROLE_COLOR


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
) -> str:
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
        if has_regions:
            rows.append(f"<div>{_sym('event', '#555', 3)}region only (shaded area)</div>")
    if frontline_label:
        rows.append("<div class='gm-lh'>Reference</div>")
        rows.append(f"<div><span class='gm-line' style='--c:#c0392b'></span>{esc(frontline_label)}</div>")
    if verdicts:
        rows.append("<div class='gm-lh'>Distance claims</div>")
        rows += [
            f"<div><span class='gm-line gm-dash' style='--c:{VERDICT_COLOR[v]}'></span>{esc(v)}</div>"
            for v in ("consistent", "inconsistent", "unverifiable")
            if v in verdicts
        ]
    if countries:
        rows.append(f"<div class='gm-dim'>Countries named (not drawn): {esc(', '.join(countries))}</div>")
    if unresolved:
        rows.append(
            f"<div class='gm-dim'>{unresolved} mention(s) could not be located and are not drawn</div>"
        )
    return "".join(rows)
