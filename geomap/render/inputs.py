"""What the map is drawn from: articles (via geomap.pipeline) or saved `extract --json` reports."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.model import Report


def load_reports(path: str | Path, date: str | None = None) -> list[Report]:
    """Saved report(s) (.json: one report or an array of them), or an article read now with extract."""
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(f"no such file: {p}")
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{p.name} is not valid JSON: {exc}") from None
        items = data if isinstance(data, list) else [data]
        return [Report.from_dict(d, p.name) for d in items]
    try:
        from geomap.pipeline import extract
    except ImportError:
        raise InputError("reading articles needs geomap.pipeline, which is not installed") from None
    return [extract(p, date=date)]
