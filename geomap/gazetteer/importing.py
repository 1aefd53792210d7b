"""Importing a user's GeoNames dump (`UA.zip`, `RU.zip`, `alternateNamesV2.zip`, or their `.txt`).

A user who downloads the country dumps from GeoNames gets every village, river and hill. Importing reads
the dump as a stream within the bounds of geomap/limits.py (a member's size, a line's length, the number
of rows: a 3 GiB line or 536 million rows are refused, not read), validates each row (dumps.valid_place:
malformed rows are skipped and counted), and stores the good ones as an extra source in the cache (the
index is rebuilt because the source set changed). Not part of the build: the build reads only what this
stored. Formats: https://download.geonames.org/export/dump/readme.txt (geoname table: 19 columns;
alternateNamesV2: 10 columns).
"""

from __future__ import annotations

import gzip
import io
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geomap import limits
from geomap.errors import InputError
from geomap.fileio import atomic_replace, regular_file
from geomap.gazetteer.dumps import imported_dir, serialise_place, valid_numbers, valid_place, valid_text
from geomap.gazetteer.sources import ALTERNATE, FORMER, PRIMARY, SourcePlace, SourceStats, keep_alternate

GEONAME_COLUMNS = 19
ALTNAME_COLUMNS = (10, 8)  # alternateNamesV2, and the older alternateNames
_LANGS_KEPT = {"", "en", "uk", "ru", "be", "de", "fr", "pl", "abbr"}  # name languages worth indexing
PROGRESS_EVERY_S = 2.0  # how often a long import says how far it is (on a terminal)


@dataclass(frozen=True, slots=True)
class ImportResult:
    source: str
    kind: str  # "geonames" | "alternates"
    rows: int
    skipped: int
    stored: Path


def _open_member(path: Path) -> tuple[str, BinaryIO]:
    """The dump's member name and its byte stream; a zip's member must declare a bounded size."""
    regular_file(path, "a GeoNames dump")
    if not (zipfile.is_zipfile(path) or path.suffix.lower() == ".zip"):
        return path.name, path.open("rb")
    try:
        zf = zipfile.ZipFile(path)
        members = [
            m for m in zf.infolist() if m.filename.endswith(".txt") and "readme" not in m.filename.lower()
        ]
        members = [m for m in members if "iso-languagecodes" not in m.filename] or members
        if not members:
            raise InputError(f"{path}: the zip holds no GeoNames .txt file")
        member = members[0]
        if member.file_size > limits.DUMP_MEMBER_BYTES:
            raise InputError(
                f"{path}: {member.filename} is {member.file_size / limits.MB:,.0f} MB uncompressed; "
                f"the limit for one dump is {limits.DUMP_MEMBER_BYTES / limits.MB:,.0f} MB"
            )
        return member.filename, zf.open(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, OSError) as exc:
        raise InputError(f"{path}: truncated or corrupt zip file ({exc})") from exc


def _lines(path: Path, raw: BinaryIO) -> Iterator[str]:
    """Text lines, each read with a cap: a line longer than DUMP_LINE_BYTES, more than DUMP_ROWS lines or
    more than DUMP_MEMBER_BYTES in all (a zip's sizes may lie) stop the import with one line."""
    total = 0
    try:
        with raw:
            for lineno in range(1, limits.DUMP_ROWS + 2):
                line = raw.readline(limits.DUMP_LINE_BYTES + 1)
                if not line:
                    return
                if lineno > limits.DUMP_ROWS:
                    raise InputError(f"{path}: more than {limits.DUMP_ROWS:,} rows; not a GeoNames dump")
                total += len(line)
                if len(line) > limits.DUMP_LINE_BYTES:
                    raise InputError(
                        f"{path}: line {lineno} is longer than {limits.DUMP_LINE_BYTES // 1024} kB; "
                        "not a GeoNames dump"
                    )
                if total > limits.DUMP_MEMBER_BYTES:
                    raise InputError(f"{path}: larger than {limits.DUMP_MEMBER_BYTES / limits.MB:,.0f} MB")
                try:
                    yield line.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{path}: line {lineno} is not UTF-8; GeoNames dumps are UTF-8") from exc
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error) as exc:
        raise InputError(f"{path}: truncated or corrupt zip file ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc


def _kind_of(place_class: str, code: str) -> str:
    if place_class == "P":
        return "settlement"
    if code == "ADM1":
        return "admin1"
    if code == "ADM2":
        return "admin2"
    if code.startswith("PCL"):
        return "country"
    return "feature"


def parse_geoname_row(fields: list[str]) -> SourcePlace | None:
    """One row of the geoname table, or None when it is malformed or holds what the index cannot store."""
    if len(fields) != GEONAME_COLUMNS:
        return None
    try:
        gid = int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
        pop = int(fields[14] or 0)
    except ValueError:
        return None
    name = fields[1].strip()
    cc = fields[8].strip().upper()
    if not valid_numbers(gid, pop) or (cc and len(cc) != 2):
        return None
    p = SourcePlace(
        place_id=f"gn:{gid}",
        name=name,
        lat=lat,
        lon=lon,
        country=cc or None,
        kind=_kind_of(fields[6], fields[7]),
        admin1_code=fields[10].strip() or None,
        admin2=fields[11].strip() or None,  # a code here; names come from ADM2 rows at build time
        population=pop,
        geonameid=gid,
        feature_code=fields[7].strip() or None,
        source="geonames-dump",
    )
    if not valid_text(name) or not valid_text(fields[2]):
        return None
    p.add_name(name, PRIMARY)
    if fields[2].strip():
        p.add_name(fields[2].strip(), ALTERNATE)
    for alt in fields[3].split(","):
        if alt.strip() and valid_text(alt) and keep_alternate(alt.strip(), name):
            p.add_name(alt.strip(), ALTERNATE)
    return p if valid_place(p) else None


def _geoname_rows(lines: Iterator[str], stats: SourceStats) -> Iterator[SourcePlace]:
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        place = parse_geoname_row(line.split("\t"))
        if place is None:
            stats.skipped += 1
        else:
            stats.rows += 1
            yield place


def _alternate_rows(lines: Iterator[str], stats: SourceStats) -> Iterator[tuple[int, str, int]]:
    """(geonameid, name, how) for the alternate names worth indexing."""
    for line in lines:
        if not line.strip():
            continue
        f = line.split("\t")
        if (
            len(f) not in ALTNAME_COLUMNS
            or not f[1].isdigit()
            or not f[3].strip()
            or not valid_text(f[3])
            or "|" in f[3]
            or not valid_numbers(int(f[1]), 0)
        ):
            stats.skipped += 1
            continue
        stats.rows += 1
        lang = f[2].strip()
        if lang not in _LANGS_KEPT and not lang.startswith("uk") and not lang.startswith("ru"):
            continue
        if lang in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
            continue
        historic = len(f) >= 8 and f[7].strip() == "1"
        yield int(f[1]), f[3].strip(), FORMER if historic else ALTERNATE


def _detect(first: str) -> str:
    n = len(first.split("\t"))
    if n == GEONAME_COLUMNS:
        return "geonames"
    if n in ALTNAME_COLUMNS:
        return "alternates"
    raise InputError(f"not a GeoNames dump: first row has {n} tab-separated columns (expected 19 or 10)")


def _progress(stats: SourceStats, started: float, last: list[float]) -> None:
    now = time.monotonic()
    if sys.stderr.isatty() and now - last[0] >= PROGRESS_EVERY_S:
        last[0] = now
        print(f"\r{stats.name}: {stats.rows:,} rows read ({now - started:.0f} s)", end="", file=sys.stderr)


def import_dump(path: str | Path, cache: Path) -> ImportResult:
    """Validate and store one dump as an extra source; returns what was read and skipped."""
    path = Path(path)
    member, raw = _open_member(path)
    lines = _lines(path, raw)
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    if not first:
        raise InputError(f"{path}: empty GeoNames dump")
    kind = _detect(first)

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    stats = SourceStats(name=member)
    target = imported_dir(cache) / f"{kind}-{Path(member).stem}.tsv.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    last = [started]
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with open(fd, "wb") as tmp:
            with gzip.GzipFile(fileobj=tmp, mode="wb", mtime=0) as gz, io.BufferedWriter(gz) as out:
                if kind == "geonames":
                    for place in _geoname_rows(all_lines(), stats):
                        out.write((serialise_place(place) + "\n").encode("utf-8"))
                        _progress(stats, started, last)
                else:
                    for gid, alt, how in _alternate_rows(all_lines(), stats):
                        out.write(f"{gid}\t{how}\t{alt}\n".encode())
                        _progress(stats, started, last)
        if last[0] != started:
            print(file=sys.stderr)  # end the progress line
        if stats.rows == 0:
            raise InputError(f"{path}: no valid rows ({stats.skipped} malformed)")
        atomic_replace(Path(name), target)
    finally:
        Path(name).unlink(missing_ok=True)  # gone already when it was moved into place
    return ImportResult(source=str(path), kind=kind, rows=stats.rows, skipped=stats.skipped, stored=target)
