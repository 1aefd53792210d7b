"""`geomap geocode NAME` and the batch form `geomap geocode --input names.csv --column name -o out.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import GeomapCommand, examples
from geomap.cli.tables import Column

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


CANDIDATE_COLUMNS = {
    c.name: c
    for c in (
        Column("rank", "#", lambda ic: str(ic[0]), justify="right"),
        Column("name", "name", lambda ic: ic[1].place.name, min_width=8),
        Column("country", "country", lambda ic: ic[1].place.country or ""),
        Column("region", "region", lambda ic: ic[1].place.admin1 or "", min_width=8),
        Column("kind", "kind", lambda ic: ic[1].place.kind or ""),
        Column("lat", "lat", lambda ic: f"{ic[1].place.lat:.4f}", justify="right"),
        Column("lon", "lon", lambda ic: f"{ic[1].place.lon:.4f}", justify="right"),
        Column(
            "population",
            "population",
            lambda ic: f"{ic[1].place.population:,}" if ic[1].place.population else "",
            justify="right",
        ),
        Column("score", "score", lambda ic: f"{ic[1].score:.2f}", justify="right"),
        Column("match", "match", lambda ic: ic[1].match, min_width=5),
        Column("geonameid", "geonameid", lambda ic: str(ic[1].place.geonameid or ""), justify="right"),
    )
}
DEFAULT_COLUMNS = ("rank", "name", "country", "region", "lat", "lon", "population", "score", "match")


@app.command(
    cls=GeomapCommand,
    epilog=examples(
        "geomap geocode Artemovsk",
        "geomap geocode Kremennaya --context 'Luhansk Oblast' --json",
        "geomap geocode --input names.csv --column name -o located.csv",
    ),
)
def geocode(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Place name, in any script or spelling.")
    ] = None,
    context: Annotated[
        str | None,
        typer.Option(
            "--context",
            "-c",
            metavar="TEXT",
            help="Where it should be: 'Donetsk region', 'near Kurakhove', 'UA', 'lat,lon'.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, max=100, help="How many candidates.")
    ] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON array of candidates, best first.")] = False,
    no_fuzzy: Annotated[
        bool, typer.Option("--no-fuzzy", help="Only exact/transliterated/inflected matches.")
    ] = False,
    input_path: Annotated[
        Path | None, typer.Option("--input", "-i", metavar="FILE", help="Batch: a CSV of names (UTF-8).")
    ] = None,
    column: Annotated[
        str, typer.Option("--column", metavar="NAME", help="Batch: the column holding names.")
    ] = "name",
    context_column: Annotated[
        str | None,
        typer.Option("--context-column", metavar="NAME", help="Batch: a column with each name's context."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Batch: where to write the CSV.")
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="COLS",
            help=f"The table's columns, comma-separated, from: {', '.join(CANDIDATE_COLUMNS)}.",
        ),
    ] = None,
) -> None:
    """Resolve a place name to ranked candidates, each saying why.

    Any script or spelling: Latin or Cyrillic, any romanisation, inflected and former names, typos.
    With --input, a CSV of names is geocoded row by row into another CSV.
    """
    from geomap.cli.tables import choose
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
    chosen = choose(columns, CANDIDATE_COLUMNS, DEFAULT_COLUMNS)
    _single(name, context, limit, as_json, fuzzy=not no_fuzzy, columns=chosen)


def _single(
    name: str, context: str | None, limit: int, as_json: bool, fuzzy: bool, columns: list[Column]
) -> None:
    from geomap.cli.common import dumps, emit
    from geomap.errors import NotFoundError
    from geomap.gazetteer.opening import Gazetteer

    found = Gazetteer.default().lookup(name, context=context, limit=limit, fuzzy=fuzzy)
    if not found:
        raise NotFoundError(f"no place called {' '.join(name.split())[:80]!r} in the gazetteer")
    if as_json:
        emit(dumps([c.to_dict() for c in found]))
        return
    from geomap.cli.tables import clip, render, table_width

    width = table_width()
    emit(render(list(enumerate(found, 1)), columns, width))
    emit(clip("why #1: " + "; ".join(found[0].reasons), width))
