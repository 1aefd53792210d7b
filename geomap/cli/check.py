"""`geomap check`: find the distance claims of articles and say, with the computation, whether they hold."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from geomap.cli.app import app
from geomap.cli.common import ArticleArguments
from geomap.cli.helpfmt import GeomapCommand, examples

if TYPE_CHECKING:
    from geomap.model import Claim, Report


@app.command(
    cls=GeomapCommand,
    epilog=examples(
        "geomap check article.txt",
        "geomap check article.html --date 2025-01-14 --json",
        "geomap check article.txt --frontline my-line.geojson",
    ),
)
def check(
    files: ArticleArguments,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The article's date, YYYY-MM-DD, overriding its own: picks the front line to measure to.",
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
    as_json: Annotated[bool, typer.Option("--json", help="JSON: an object with `claims`.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Check the distances an article states against the map.

    "30 km north of Kharkiv", "1,000 km from the front": every reasonable reading is computed, and each
    claim is consistent, inconsistent or unverifiable, with the computation shown.
    """
    from geomap.cli.common import article_sources, dumps, emit, refuse_overwriting, source_name
    from geomap.fileio import regular_file
    from geomap.pipeline import check as run

    refuse_overwriting(output, files, frontline)
    if frontline is not None:
        regular_file(frontline, "a front-line file")
    sources = article_sources(files)
    reports = [run(item, date, frontline, source=source_name(item)) for item in sources]
    if as_json:
        emit(dumps(to_json(reports)), output)
    else:
        emit("\n\n".join(table(r) for r in reports), output)


def to_json(reports: list[Report]) -> dict:
    """One object: every claim (with its source) under `claims`, and a summary per file under `files`."""
    claims, per_file = [], []
    for r in reports:
        items = [c.to_dict() | {"source": r.source} for c in r.claims]
        claims.extend(items)
        per_file.append(
            {
                "source": r.source,
                "title": r.title,
                "date": r.date,
                "language": r.language,
                "counts": _counts(r.claims),
            }
        )
    return {"claims": claims, "files": per_file}


def _counts(claims: tuple[Claim, ...]) -> dict[str, int]:
    out = {"consistent": 0, "inconsistent": 0, "unverifiable": 0}
    for c in claims:
        out[c.verdict] += 1
    return out


def _km(km: float | None) -> str:
    if km is None:
        return "-"
    return f"{km:,.0f} km" if km >= 100 else f"{km:,.1f} km"


def table(report: Report) -> str:
    """The claims of one article as readable blocks, showing each computation."""
    n = len(report.claims)
    from geomap.outputs import printable

    head = printable(report.source) + (f" (dated {report.date})" if report.date else " (no date found)")
    lines = [f"{head}: {n} distance claim{'s' if n != 1 else ''}"]
    if not n:
        lines.append("  no distance statements found")
    for i, c in enumerate(report.claims, 1):
        lines.append(f'[{i}] {c.verdict.upper():<13} "{c.text}"')
        lines.append(
            f"    from      {c.from_name or '(not found)'}" + (f"  - {c.from_how}" if c.from_how else "")
        )
        lines.append(f"    to        {c.to or '(nothing named)'}")
        stated = f"{c.stated_value:,g} {c.stated_unit}" if c.stated_value is not None else "-"
        if c.qualifier in ("range", "vague"):
            stated = "as written"
        high = "no upper bound" if c.stated_high_km is None else _km(c.stated_high_km)
        conv = ""
        if c.conversion_value is not None:
            agree = "agrees" if c.conversion_agrees else "DOES NOT AGREE"
            conv = f"; conversion {c.conversion_value:,g} {c.conversion_unit} {agree}"
        lines.append(
            f"    stated    {stated} ({c.qualifier}{conv}) -> accepts {_km(c.stated_low_km)} to {high}"
            + (f", ±{c.slack_km:g} km slack" if c.slack_km else "")
        )
        if c.direction:
            ok = {True: "agrees", False: "DOES NOT AGREE", None: "not checked"}[c.direction_agrees]
            lines.append(f"    direction {c.direction} ({ok})")
        for r in c.readings:
            mark = "*" if r.label == c.reading_used else " "
            d = r.distance
            lines.append(
                f"   {mark}reading   {r.label}: {_km(d.km)} ({r.verdict}), "
                f"nearest point {d.nearest.lat:.4f}, {d.nearest.lon:.4f}"
            )
        lines.append(f"    why       {c.explanation}")
    return "\n".join(lines)
