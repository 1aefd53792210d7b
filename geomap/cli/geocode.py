"""`geomap geocode NAME` and the batch form `geomap geocode --input names.csv --column name -o out.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app

BATCH_COLUMNS = (
    "geomap_name",
    "lat",
    "lon",
    "country",
    "admin1",
    "kind",
    "score",
    "match",
    "geonameid",
    "place_id",
    "geomap_note",
)


@app.command()
def geocode(
    name: Annotated[str | None, typer.Argument(help="Place name, in any script or spelling.")] = None,
    context: Annotated[
        str | None,
        typer.Option(
            "--context", "-c", help="Where it should be: 'Donetsk region', 'near Kurakhove', 'UA', 'lat,lon'."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many candidates.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON array of candidates, best first.")] = False,
    no_fuzzy: Annotated[
        bool, typer.Option("--no-fuzzy", help="Only exact/transliterated/inflected matches.")
    ] = False,
    input_path: Annotated[
        Path | None, typer.Option("--input", "-i", help="Batch: a CSV of names (UTF-8).")
    ] = None,
    column: Annotated[str, typer.Option("--column", help="Batch: the column holding names.")] = "name",
    context_column: Annotated[
        str | None, typer.Option("--context-column", help="Batch: a column with each name's context.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Batch: where to write the CSV.")
    ] = None,
) -> None:
    """Resolve a place name to ranked candidates (or a CSV of names with --input)."""
    from geomap.errors import InputError

    if input_path is not None:
        if name is not None:
            raise InputError("give either a NAME or --input FILE, not both")
        from geomap.cli.common import refuse_overwriting
        from geomap.gazetteer.batch import geocode_csv

        refuse_overwriting(output, input_path)

        summary = geocode_csv(
            input_path, column=column, context_column=context_column, output=output, fuzzy=not no_fuzzy
        )
        typer.echo(summary, err=True)  # stdout may carry the CSV
        return
    if name is None:
        raise InputError("give a place NAME, or --input FILE for a batch")
    _single(name, context, limit, as_json, fuzzy=not no_fuzzy)


def _single(name: str, context: str | None, limit: int, as_json: bool, fuzzy: bool) -> None:
    from geomap.cli.common import dumps, emit
    from geomap.errors import NotFoundError
    from geomap.gazetteer.opening import Gazetteer

    found = Gazetteer.default().lookup(name, context=context, limit=limit, fuzzy=fuzzy)
    if not found:
        raise NotFoundError(f"no place called {' '.join(name.split())[:80]!r} in the gazetteer")
    if as_json:
        emit(dumps([c.to_dict() for c in found]))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None, show_lines=False)
    for col in ("#", "name", "country", "region", "lat", "lon", "population", "score", "match"):
        table.add_column(col, overflow="fold")
    for i, c in enumerate(found, 1):
        p = c.place
        table.add_row(
            str(i),
            p.name,
            p.country or "",
            p.admin1 or "",
            f"{p.lat:.4f}",
            f"{p.lon:.4f}",
            f"{p.population:,}" if p.population else "",
            f"{c.score:.2f}",
            c.match,
        )
    console = Console(highlight=False, markup=False)
    if not console.is_terminal:  # piped: do not fold names at an assumed 80 columns
        console.width = 160
    console.print(table)
    console.print("why #1: " + "; ".join(found[0].reasons))
