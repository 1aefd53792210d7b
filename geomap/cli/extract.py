"""`geomap extract`: the places an article names, located and interpreted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from geomap.cli.app import app
from geomap.cli.common import ArticleArguments
from geomap.cli.helpfmt import GeomapCommand, examples
from geomap.cli.tables import Column

if TYPE_CHECKING:
    from geomap.model import Mention, Report


def _place(m: Mention):
    return m.place.place if m.place is not None else None


def _place_name(m: Mention) -> str:
    p = _place(m)
    if p is None:
        return "?"
    return p.name + (f", {p.admin1}" if p.admin1 and p.kind == "settlement" else "")


def _coord(m: Mention, axis: str) -> str:
    p = _place(m)
    return f"{getattr(p, axis):.3f}" if p is not None else "-"


def _note(m: Mention) -> str:
    return "; ".join(x for x in (f"claimed by {m.claimant}" if m.claimant else "", m.note or "") if x)


MENTION_COLUMNS = {
    c.name: c
    for c in (
        Column("mention", "mention", lambda m: " ".join(m.text.split()), min_width=10),
        Column("role", "role", lambda m: m.role),
        Column("event", "event", lambda m: m.event_type or "", min_width=5),
        Column("place", "place", _place_name, min_width=12),
        Column("region", "region", lambda m: (_place(m).admin1 or "") if _place(m) else "", min_width=6),
        Column("cc", "cc", lambda m: (_place(m).country or "") if _place(m) else ""),
        Column("lat", "lat", lambda m: _coord(m, "lat"), justify="right"),
        Column("lon", "lon", lambda m: _coord(m, "lon"), justify="right"),
        Column("p", "p", lambda m: str(m.precision) if _place(m) else "-", justify="right"),
        Column("conf", "conf", lambda m: f"{m.confidence:.2f}", justify="right"),
        Column("claimant", "claimant", lambda m: m.claimant or "", min_width=6),
        Column("note", "note", _note, min_width=4),
        Column("sentence", "sentence", lambda m: " ".join(m.sentence.split()), min_width=10),
    )
}
DEFAULT_COLUMNS = ("mention", "role", "event", "place", "cc", "lat", "lon", "p", "conf", "note")
NARROW_EXTRAS = ("note",)  # left out of the default table when it would not fit whole


@app.command(
    cls=GeomapCommand,
    epilog=examples(
        "geomap extract article.html",
        "geomap extract article.txt --columns mention,place,lat,lon",
        "geomap extract --json article.txt > report.json",
        "curl -s URL | geomap extract - --csv -o mentions.csv",
    ),
)
def extract(
    files: ArticleArguments,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The article's publication date, YYYY-MM-DD, when it states none or a wrong one.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON: the report (an array for several files).")
    ] = False,
    as_geojson: Annotated[
        bool, typer.Option("--geojson", help="GeoJSON FeatureCollection of placed mentions.")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, one row per mention.")] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="COLS",
            help=f"The table's columns, comma-separated, from: {', '.join(MENTION_COLUMNS)}.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """List the places an article names, resolved and interpreted.

    Each mention is resolved in context and read as an event, a mention, a metonym or noise. The table
    fits the terminal ($COLUMNS when set); --json, --geojson and --csv give every field.
    """
    from geomap import outputs
    from geomap.cli.common import article_sources, emit, refuse_overwriting, source_name
    from geomap.cli.tables import choose
    from geomap.errors import InputError
    from geomap.pipeline import extract as run

    if sum((as_json, as_geojson, as_csv)) > 1:
        raise InputError("choose one of --json, --geojson and --csv")
    if columns is not None and (as_json or as_geojson or as_csv):
        raise InputError(
            "--columns chooses the table's columns: it does not go with --json, --geojson or --csv"
        )
    chosen = choose(columns, MENTION_COLUMNS, DEFAULT_COLUMNS)
    refuse_overwriting(output, files)
    reports = [run(item, date, source=source_name(item)) for item in article_sources(files)]
    if as_json:
        text = outputs.to_json(reports)
    elif as_geojson:
        text = outputs.to_geojson(reports)
    elif as_csv:
        text = outputs.to_csv(reports)
    else:
        text = mention_tables(
            reports, chosen, optional=NARROW_EXTRAS if columns is None else (), to_file=output is not None
        )
    emit(text, output)


def mention_tables(
    reports: list[Report], columns: list[Column], *, optional: tuple[str, ...] = (), to_file: bool = False
) -> str:
    """One block per article: its title line, the mentions' table, and its distance claims."""
    from geomap.cli.tables import clip, render, table_width
    from geomap.outputs import article_name, printable

    width = table_width(to_file)
    blocks = []
    for r in reports:
        title = printable(article_name(r)) + (f"  ({r.date})" if r.date else "") + f"  [{r.language}]"
        lines = [clip(title, width)]
        lines.append(
            render(r.mentions, columns, width, optional=optional) if r.mentions else "(no places found)"
        )
        if r.claims:
            lines.append("distance claims:")
            for c in r.claims:
                stated = f"{c.stated_km:g} km" if c.stated_km is not None else "?"
                computed = f"{c.computed_km:.0f} km" if c.computed_km is not None else "?"
                tail = f"  stated {stated}, computed {computed}: {c.verdict}"
                lines.append("  " + clip(c.text, max(width - 2 - len(tail), 10)) + tail)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
