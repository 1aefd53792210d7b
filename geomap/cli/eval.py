"""`geomap eval`: score extraction against gold readings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app
from geomap.cli.helpfmt import GeomapCommand, examples


@app.command(
    name="eval",
    cls=GeomapCommand,
    epilog=examples(
        "geomap eval examples/*.gold.json",
        "geomap eval examples/*.gold.json --details",
        "geomap eval gold/*.gold.json --min-f1 0.95 --min-roles 0.9   # for CI",
    ),
)
def eval_(
    gold: Annotated[
        list[Path],
        typer.Argument(metavar="GOLD", help="Gold reading(s): NAME.gold.json, article path inside."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: per file and micro-averaged total.")
    ] = False,
    details: Annotated[bool, typer.Option("--details", help="List misses, extras and role errors.")] = False,
    min_f1: Annotated[
        float | None,
        typer.Option(
            "--min-f1", metavar="F1", help="Exit with status 1 when total located-place F1 is lower."
        ),
    ] = None,
    min_roles: Annotated[
        float | None,
        typer.Option(
            "--min-roles", metavar="FRACTION", help="Exit with status 1 when total role accuracy is lower."
        ),
    ] = None,
) -> int:
    """Score extraction against gold readings.

    Precision, recall and F1 of located places, role accuracy, median error and claim verdicts, per file
    and micro-averaged.
    """
    from geomap.cli.common import dumps
    from geomap.evaluate import evaluate, format_table, total

    scores = evaluate(gold)
    t = total(scores)
    if as_json:
        print(dumps({"files": [s.to_dict() for s in scores], "total": t.to_dict()}))
    else:
        print(format_table(scores, details=details))
    below = [
        f"{label} {value:.3f} < {floor}"
        for label, value, floor in (("F1", t.f1, min_f1), ("role accuracy", t.role_accuracy, min_roles))
        if floor is not None and value < floor
    ]
    if below:
        print(f"geomap: below the floor: {'; '.join(below)}", file=sys.stderr)
        return 1
    return 0
