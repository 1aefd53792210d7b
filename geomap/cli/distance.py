"""`geomap distance`: geodesic distance between two places, or from a place to a reference layer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import GeomapCommand, examples

if TYPE_CHECKING:
    from geomap.model import Distance


@app.command(
    cls=GeomapCommand,
    epilog=examples(
        "geomap distance Kharkiv Kupiansk",
        "geomap distance 'Pokrovsk' --to frontline --date 2025-01-14",
        "geomap distance 50.45,30.52 --to border --country RU --json",
    ),
)
def distance(
    a: Annotated[str, typer.Argument(metavar="FROM", help="Place name or 'lat,lon' to measure from.")],
    b: Annotated[str | None, typer.Argument(metavar="TO", help="Second place name or 'lat,lon'.")] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="LAYER", help="Measure to a layer: frontline or border.")
    ] = None,
    country: Annotated[
        str, typer.Option("--country", metavar="CC", help="Whose border, for --to border (ISO code).")
    ] = "UA",
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="YYYY-MM-DD: measure to the latest front line not after it."
        ),
    ] = None,
    frontline: Annotated[
        Path | None,
        typer.Option(
            "--frontline",
            metavar="FILE",
            help="Your own front line: GeoJSON, KML or KMZ lines or occupied areas.",
        ),
    ] = None,
    held: Annotated[
        Path | None,
        typer.Option(
            "--held",
            metavar="FILE",
            help="With --frontline: Ukrainian-held areas outside Ukraine (GeoJSON, KML, KMZ).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Measure the geodesic distance between places, or to a line.

    From FROM to TO, or from FROM to the front line or a border (--to), on the WGS84 ellipsoid, with the
    nearest point and the bearing.
    """
    from geomap.cli.common import dumps
    from geomap.errors import InputError
    from geomap.measure import distance as measure

    if frontline is not None and to is None and b is None:
        to = "frontline"
    if b is None and to is None:
        raise InputError("give a second place, or --to frontline|border")
    if date is not None:
        from geomap.layers import check_date

        check_date(date)
    result = measure(
        a,
        b,
        to=to,
        date=date,
        frontline=str(frontline) if frontline is not None else None,
        country=country,
        held=str(held) if held is not None else None,
    )
    if as_json:
        print(dumps(result.to_dict()))
    else:
        print(describe(result, asked_date=date))


def describe(d: Distance, asked_date: str | None = None) -> str:
    """The computation in readable lines: from, to, nearest point, bearing, layer and its date."""
    from geomap.geodesy.compass import compass_word

    lines = [f"{d.km:,.1f} km ({d.miles:,.1f} miles)"]
    where = f"[{d.origin.lat:.5f}, {d.origin.lon:.5f}]"
    named = d.origin_name and not d.origin_name[:1].isdigit() and not d.origin_name.startswith("-")
    lines.append(f"  from     {d.origin_name}  {where}" if named else f"  from     {where}")
    if d.layer_date is not None or d.note:
        lines.append(f"  to       {d.target}")
        lines.append(f"  nearest  [{d.nearest.lat:.5f}, {d.nearest.lon:.5f}]")
    else:
        there = f"[{d.nearest.lat:.5f}, {d.nearest.lon:.5f}]"
        named = d.target and not d.target[:1].isdigit() and not d.target.startswith("-")
        lines.append(f"  to       {d.target}  {there}" if named else f"  to       {there}")
    if d.inside:
        behind = "behind the front line" if d.inside == "occupied area" else "held by Ukraine"
        lines.append(f"  inside   the {d.inside} ({behind}): {d.km:,.1f} km from its edge")
    if d.bearing_deg is not None and d.km > 0:
        lines.append(f"  bearing  {d.bearing_deg:.1f} deg ({compass_word(d.bearing_deg)})")
    if d.layer_date:
        why = (
            f" (the latest snapshot not after {asked_date})"
            if asked_date and asked_date > d.layer_date
            else (
                f" (after {asked_date}, the date asked for)"
                if asked_date and asked_date < d.layer_date
                else ""
            )
        )
        lines.append(f"  layer    dated {d.layer_date}{why}")
    elif asked_date and d.note and ("front" in d.target or "line of contact" in d.target):
        lines.append(f"  layer    undated (asked for {asked_date})")
    if d.note:
        lines.append(f"  note     {d.note}")
    lines.append("  method   WGS84 ellipsoid geodesic (Karney, via pyproj)")
    return "\n".join(lines)
