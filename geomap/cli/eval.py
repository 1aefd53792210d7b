"""`geomap eval`: score extraction against gold readings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geomap.cli.app import app


@app.command(name="eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold reading(s): NAME.gold.json, article path inside.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: per file and micro-averaged total.")
    ] = False,
    details: Annotated[bool, typer.Option("--details", help="List misses, extras and role errors.")] = False,
) -> None:
    """Precision, recall and F1 of located places, role accuracy, median error, claim verdicts."""
    from geomap.cli.common import dumps
    from geomap.evaluate import evaluate, format_table, total

    scores = evaluate(gold)
    if as_json:
        print(dumps({"files": [s.to_dict() for s in scores], "total": total(scores).to_dict()}))
    else:
        print(format_table(scores, details=details))
