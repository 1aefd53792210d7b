"""What the map is drawn from besides articles: saved `extract --json` reports (articles are read by the
pipeline, in the CLI; render only draws Reports)."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.model import Report


def load_reports(path: str | Path) -> list[Report]:
    """Saved report(s): a .json file of one report or an array of them."""
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(f"no such file: {p}")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{p.name} is not valid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    return [Report.from_dict(d, p.name) for d in items]
