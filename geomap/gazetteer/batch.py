"""Batch geocoding of a CSV of names: the spreadsheet workflow, written atomically."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from geomap.errors import GeomapError, InputError, NotFoundError
from geomap.fileio import atomic_write_text

OUT_COLUMNS = (
    "geomap_name",
    "geomap_lat",
    "geomap_lon",
    "geomap_country",
    "geomap_admin1",
    "geomap_kind",
    "geomap_score",
    "geomap_match",
    "geomap_geonameid",
    "geomap_place_id",
    "geomap_note",
)
PROGRESS_FROM = 200  # rows; shorter inputs finish before a bar would help
SNIFF_CHARS = 4096  # the CSV dialect is guessed from this much of the file's start


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        raise NotFoundError(f"no such file: {path}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=",;\t") if text.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from exc
    return list(reader.fieldnames or []), rows


def geocode_csv(
    path: Path, *, column: str, context_column: str | None, output: Path | None, fuzzy: bool = True
) -> str:
    """Geocode every row's name; write the rows with result columns added. Returns a one-line summary."""
    from geomap.gazetteer.opening import Gazetteer

    fields, rows = read_rows(path)
    if column not in fields:
        raise InputError(f"{path} has no column {column!r} (columns: {', '.join(fields) or 'none'})")
    if context_column and context_column not in fields:
        raise InputError(f"{path} has no column {context_column!r} (columns: {', '.join(fields)})")
    gz = Gazetteer.default()
    found = missing = bad = 0

    def one(row: dict[str, str]) -> dict[str, str]:
        nonlocal found, missing, bad
        out = dict.fromkeys(OUT_COLUMNS, "")
        ctx = (row.get(context_column) or "").strip() or None if context_column else None
        try:
            cands = gz.lookup(row.get(column) or "", context=ctx, limit=1, fuzzy=fuzzy)
        except GeomapError as exc:
            bad += 1
            out["geomap_note"] = str(exc)
            return out
        if not cands:
            missing += 1
            out["geomap_note"] = "not found"
            return out
        c = cands[0]
        found += 1
        p = c.place
        out.update(
            geomap_name=p.name,
            geomap_lat=f"{p.lat:.6f}",
            geomap_lon=f"{p.lon:.6f}",
            geomap_country=p.country or "",
            geomap_admin1=p.admin1 or "",
            geomap_kind=p.kind,
            geomap_score=f"{c.score:.4f}",
            geomap_match=c.match,
            geomap_geonameid=str(p.geonameid or ""),
            geomap_place_id=p.place_id,
            geomap_note="; ".join(c.reasons),
        )
        return out

    results = []
    if len(rows) >= PROGRESS_FROM and sys.stderr.isatty():
        from rich.progress import track

        for row in track(rows, description="geocoding", transient=True):
            results.append(one(row))
    else:
        results = [one(row) for row in rows]
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=[*fields, *(c for c in OUT_COLUMNS if c not in fields)], lineterminator="\n"
    )
    writer.writeheader()
    for row, res in zip(rows, results, strict=True):
        writer.writerow({**row, **res})
    if output is None:
        sys.stdout.write(buf.getvalue())
    else:
        atomic_write_text(output, buf.getvalue())
    return f"geocoded {found} of {len(rows)} rows ({missing} not found, {bad} invalid)"
