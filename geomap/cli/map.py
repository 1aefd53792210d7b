"""`geomap map FILE... -o PATH`: draw articles (or an events table) as a self-contained map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import GeomapCommand, examples


@app.command(
    "map",
    cls=GeomapCommand,
    epilog=examples(
        "geomap map article.html                  # writes output/article.html",
        "geomap map a.txt b.txt -o corpus.html --tiles OpenStreetMap.Mapnik",
        "geomap map --input events.csv --png events.png",
    ),
)
def map_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="ARTICLE", help="Articles (txt/html/md) or saved `extract --json` reports."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write the map (.html); default: output/NAME.html here.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The articles' date, YYYY-MM-DD, overriding theirs: dates events, picks the front line.",
        ),
    ] = None,
    frontline: Annotated[
        Path | None, typer.Option("--frontline", metavar="FILE", help="Front line file (GeoJSON/KML).")
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option("--tiles", metavar="PROVIDER", help="Online tile provider, e.g. OpenStreetMap.Mapnik."),
    ] = None,
    fragment: Annotated[
        bool, typer.Option("--fragment", help="Write an HTML fragment for another page.")
    ] = False,
    png: Annotated[
        Path | None, typer.Option("--png", metavar="FILE", help="Also write a PNG picture of the map.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Title shown on the map.")
    ] = None,
    events: Annotated[
        Path | None, typer.Option("--input", metavar="FILE", help="Events table (CSV or GeoJSON) to map.")
    ] = None,
    place_column: Annotated[
        str | None,
        typer.Option(
            "--place-column",
            metavar="COLUMN",
            help="Column of place names to geocode where a row has no coordinates.",
        ),
    ] = None,
) -> None:
    """Draw articles or an events table as a self-contained map.

    One page that works offline (Leaflet inlined, Natural Earth basemap); several articles or --input
    give a corpus map with clustering, a time slider and an event-type filter.
    """
    from geomap.cli.common import refuse_overwriting
    from geomap.errors import InputError
    from geomap.fileio import regular_file, writable_destination
    from geomap.layers import check_date, frontline_for
    from geomap.paths import output_dir
    from geomap.pipeline import check as read_article
    from geomap.render import render_map
    from geomap.render.inputs import load_reports

    files = files or []
    if not files and events is None:
        raise InputError("give at least one article, or --input events.csv|geojson")
    date = check_date(date)
    for given in (*files, frontline, events):
        if given is not None:
            regular_file(given)
    if output is not None and png is not None and output.resolve() == png.resolve():
        raise InputError("-o and --png name the same file: give them different paths")
    if output is None:
        stem = files[0].stem if len(files) == 1 else (events.stem if events and not files else "corpus")
        folder = output_dir()
        if not folder.is_dir():
            folder.mkdir(parents=True)
            print(f"created {folder} for the map (give -o FILE to write elsewhere)")
        output = folder / f"{stem}.html"
    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"the map is HTML: give -o a .html path, not {output.name}")
    refuse_overwriting(output, files, frontline, events)
    refuse_overwriting(png, files, frontline, events)
    for target in (output, png):
        if target is not None:
            writable_destination(target)
    # the front line is read once: the map draws the line its articles' claims are judged against
    line = frontline_for(date, path=frontline) if frontline is not None else None
    reports = []
    for f in files:
        if f.suffix.lower() == ".json":
            reports += load_reports(f)
        else:
            reports.append(read_article(f, date, line))
    table = events
    if events is not None and place_column:
        from geomap.render.corpus import read_events

        table = read_events(events, place_column)  # markers, handed to the map as they are
    render_map(
        reports,
        output,
        fragment=fragment,
        png=png,
        tiles=tiles,
        title=title,
        frontline=line,
        date=date,
        events=table,
    )
    print(f"wrote {output}" + (f" and {png}" if png else ""))
