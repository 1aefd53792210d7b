"""`geomap gazetteer info` and `geomap gazetteer import UA.zip RU.zip [alternateNamesV2.zip]`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import CONTEXT, GeomapCommand, examples

gazetteer_app = typer.Typer(
    help="Inspect the place-name index, or import GeoNames dumps into it.",
    no_args_is_help=True,
    context_settings=CONTEXT,
    epilog=examples("geomap gazetteer info", "geomap gazetteer import UA.zip RU.zip alternateNamesV2.zip"),
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("info", cls=GeomapCommand, epilog=examples("geomap gazetteer info --json"))
def info(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the index's sources, counts and build date.

    Builds the index first when it is missing or out of date.
    """
    from geomap.cli.common import dumps, emit
    from geomap.gazetteer.opening import Gazetteer

    meta = Gazetteer.default().info()
    if as_json:
        emit(dumps(meta))
        return
    lines = [
        f"index:   {meta.get('index', '?')}",
        f"built:   {meta.get('built', '?')}",
        f"places:  {meta.get('places', 0):,} ("
        + ", ".join(f"{k} {v:,}" for k, v in sorted(meta.get("kinds", {}).items()))
        + ")",
        f"keys:    {meta.get('keys', 0):,} name keys, {meta.get('fuzzy_keys', 0):,} for fuzzy matching",
        "sources:",
    ]
    for s in meta.get("sources", []):
        skipped = f", {s['skipped']:,} skipped" if s.get("skipped") else ""
        detail = f" ({s['detail']})" if s.get("detail") else ""
        lines.append(f"  {s.get('name', '?')}: {s.get('rows', 0):,} rows{skipped}{detail}")
    lines.append("GeoNames data (geonames.org) is licensed CC BY 4.0.")
    emit("\n".join(lines))


@gazetteer_app.command(
    "import",
    cls=GeomapCommand,
    epilog=examples("geomap gazetteer import UA.zip RU.zip alternateNamesV2.zip"),
)
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="DUMP", help="GeoNames dumps: UA.zip RU.zip alternateNamesV2.zip, or .txt."),
    ],
) -> None:
    """Import complete GeoNames dumps into the index.

    Country dumps (UA.zip, RU.zip) add every village, river and hill; alternateNamesV2.zip their names.
    """
    from geomap.gazetteer.importing import import_dump
    from geomap.gazetteer.opening import Gazetteer
    from geomap.paths import cache_dir

    ordered = sorted(files, key=lambda p: "alternate" in p.name.lower())  # places before their names
    results = [import_dump(path, cache_dir()) for path in ordered]  # all validated before the rebuild
    for r in results:
        typer.echo(f"{r.source}: {r.rows:,} rows imported as {r.kind}, {r.skipped:,} malformed rows skipped")
    Gazetteer._default = None
    meta = Gazetteer.default().info()
    typer.echo(f"index rebuilt: {meta.get('places', 0):,} places")
