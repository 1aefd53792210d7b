"""`geomap frontline add FILE|DIR...` and `geomap frontline list`: the user's dated series of front lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import CONTEXT, GeomapCommand, examples

frontline_app = typer.Typer(
    help="Keep your dated series of front lines.\n\nEvery command given a date uses the newest not after it.",
    no_args_is_help=True,
    context_settings=CONTEXT,
    epilog=examples("geomap frontline add deepstatemap_data_20241222.geojson", "geomap frontline list"),
)
app.add_typer(frontline_app, name="frontline")


@frontline_app.command(
    "add",
    cls=GeomapCommand,
    epilog=examples(
        "geomap frontline add deepstatemap_data_20241222.geojson",
        "geomap frontline add downloads/ --held kursk-held-2024-08-20.geojson",
    ),
)
def add(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="GeoJSON, KML, KMZ or raw DeepState files, or folders."),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="YYYY-MM-DD, when the file's properties and name give none."
        ),
    ] = None,
    held: Annotated[
        Path | None,
        typer.Option(
            "--held", metavar="FILE", help="Ukrainian-held areas outside Ukraine for the same date."
        ),
    ] = None,
) -> None:
    """Store front-line snapshots in your series.

    Deduplicated; a file for a date already stored replaces it; a bad file stores nothing.
    """
    from geomap.layers.series import add as store
    from geomap.layers.series import series_dir

    for r in store(files, date=date, held=held):
        what = {"added": "added", "replaced": "replaced", "unchanged": "already stored"}[r.action]
        print(f"{r.date}  {what:<14} {r.source.name} ({r.line_km:,.0f} km of line of contact)")
    print(f"series: {series_dir()}")


@frontline_app.command(
    "list", cls=GeomapCommand, epilog=examples("geomap frontline list", "geomap frontline list --json")
)
def list_command(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the stored snapshots and the built-in ones, oldest first."""
    from geomap.cli.common import dumps
    from geomap.layers.series import series_dir, stored
    from geomap.layers.snapshots import snapshots

    rows = [
        {"date": s.date, "kind": "built-in", "source": s.path.name, "bytes": s.path.stat().st_size}
        for s in snapshots()
    ] + [
        {"date": s.date, "kind": "stored", "source": s.source, "bytes": s.size, "holds": list(s.kinds)}
        for s in stored()
    ]
    rows.sort(key=lambda r: (r["date"], r["kind"]))
    if as_json:
        print(dumps({"series": str(series_dir()), "snapshots": rows}))
        return
    for r in rows:
        holds = f" [{', '.join(r['holds'])}]" if r.get("holds") else ""
        print(f"{r['date']}  {r['kind']:<8}  {r['source']}{holds}  {r['bytes'] / 1024:,.0f} KB")
    total = sum(r["bytes"] for r in rows if r["kind"] == "stored")
    print(
        f"series: {series_dir()} ({sum(r['kind'] == 'stored' for r in rows)} stored, {total / 1024:,.0f} KB)"
    )
