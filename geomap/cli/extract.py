"""`geomap extract`: the places an article names, located and interpreted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article file(s): .txt, .md, .html; '-' reads stdin.")],
    date: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON: the report (an array for several files).")
    ] = False,
    as_geojson: Annotated[
        bool, typer.Option("--geojson", help="GeoJSON FeatureCollection of placed mentions.")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, one row per mention.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Find every place an article names, resolve it in context and tell events from mentions."""
    from geomap import outputs
    from geomap.cli.common import article_sources, emit, refuse_overwriting, source_name
    from geomap.errors import InputError
    from geomap.pipeline import extract as run

    if sum((as_json, as_geojson, as_csv)) > 1:
        raise InputError("choose one of --json, --geojson and --csv")
    refuse_overwriting(output, files)
    reports = [run(item, date, source=source_name(item)) for item in article_sources(files)]
    if as_json:
        text = outputs.to_json(reports)
    elif as_geojson:
        text = outputs.to_geojson(reports)
    elif as_csv:
        text = outputs.to_csv(reports)
    else:
        text = outputs.to_table(reports)
    emit(text, output)
