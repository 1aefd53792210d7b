"""Batch geocoding of a CSV of names: the spreadsheet workflow, every user cell kept, written atomically."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from geomap import limits
from geomap.csvcells import write_csv
from geomap.errors import GeomapError, InputError
from geomap.fileio import atomic_write_text, read_capped, regular_file

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
    """The header and the rows of a user's CSV, refused with the reason when a row would lose cells: wider
    than the header, under a column name given twice, or under one of geomap's own result columns."""
    regular_file(path)
    try:
        with path.open("rb") as fh:
            data = read_capped(fh, limits.CSV_FILE_BYTES, str(path))
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        table = list(csv.reader(io.StringIO(text), dialect=csv.excel, delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from exc
    if not table:
        return [], []
    header = table[0]
    _check_header(path, header)
    rows = []
    for number, cells in enumerate(table[1:], 2):
        if len(cells) > len(header):
            raise InputError(
                f"{path}: row {number} has {len(cells)} cells but the header names {len(header)} columns"
            )
        rows.append(dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=True)))
    return header, rows


def _delimiter(text: str) -> str:
    """The separator, guessed from the file's start; the quoting rules stay the standard ones (the sniffer
    also guesses those, and a wrong guess splits a quoted cell holding a CR into two rows)."""
    try:
        return csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=",;\t").delimiter if text.strip() else ","
    except csv.Error:
        return ","


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(f"{path}: the header names column {name!r} twice; give each column its own name")
        seen.add(name)
        if name in OUT_COLUMNS:
            raise InputError(
                f"{path} already has geomap's result column {name!r} (an earlier run's output?): "
                "rename or remove it, so that nothing of yours is overwritten"
            )


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
    header = [*fields, *OUT_COLUMNS]
    text = write_csv(header, ([*row.values(), *res.values()] for row, res in zip(rows, results, strict=True)))
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)
    return f"geocoded {found} of {len(rows)} rows ({missing} not found, {bad} invalid)"
