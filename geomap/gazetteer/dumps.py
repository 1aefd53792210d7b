"""Import of complete GeoNames dumps (`UA.zip`, `RU.zip`, `alternateNamesV2.zip`, or their `.txt`).

A user who downloads the country dumps from GeoNames gets every village, river and hill. Importing
validates each row (malformed rows are skipped and counted), normalises it, and stores it as an extra
source in the cache directory; the index is rebuilt because the source set changed.
Formats: https://download.geonames.org/export/dump/readme.txt (geoname table: 19 columns;
alternateNamesV2: 10 columns).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.fileio import atomic_write_bytes
from geomap.gazetteer.sources import ALTERNATE, FORMER, PRIMARY, SourcePlace, SourceStats, keep_alternate

GEONAME_COLUMNS = 19
ALTNAME_COLUMNS = (10, 8)  # alternateNamesV2, and the older alternateNames
_LANGS_KEPT = {"", "en", "uk", "ru", "be", "de", "fr", "pl", "abbr"}  # name languages worth indexing


@dataclass(frozen=True, slots=True)
class ImportResult:
    source: str
    kind: str  # "geonames" | "alternates"
    rows: int
    skipped: int
    stored: Path


def imported_dir(cache: Path) -> Path:
    return cache / "sources"


def _open_lines(path: Path) -> tuple[str, Iterator[str]]:
    """The member name and its text lines; zip or plain text. Broken input is a one-line InputError."""
    if not path.exists():
        raise NotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a GeoNames dump")
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            members = [m for m in members if "iso-languagecodes" not in m] or members
            if not members:
                raise InputError(f"{path}: the zip holds no GeoNames .txt file")
            raw = zf.open(members[0])
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise InputError(f"{path}: truncated or corrupt zip file ({exc})") from exc
        return members[0], _decode(path, raw)
    return path.name, _decode(path, path.open("rb"))


def _decode(path: Path, raw: io.BufferedIOBase) -> Iterator[str]:
    try:
        with raw:
            for lineno, line in enumerate(raw, 1):
                try:
                    yield line.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{path}: line {lineno} is not UTF-8; GeoNames dumps are UTF-8") from exc
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
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
    """One row of the geoname table, or None when it is malformed."""
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
    if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180) or pop < 0 or (cc and len(cc) != 2):
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
    p.add_name(name, PRIMARY)
    if fields[2].strip():
        p.add_name(fields[2].strip(), ALTERNATE)
    for alt in fields[3].split(","):
        if alt.strip() and keep_alternate(alt.strip(), name):
            p.add_name(alt.strip(), ALTERNATE)
    return p


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
        if len(f) not in ALTNAME_COLUMNS or not f[1].isdigit() or not f[3].strip():
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


def _serialise_place(p: SourcePlace) -> str:
    names = "|".join(f"{how}:{n}" for n, how in p.names.items() if "|" not in n and "\t" not in n)
    cells = [
        p.place_id,
        p.name,
        f"{p.lat:.6f}",
        f"{p.lon:.6f}",
        p.country or "",
        p.kind,
        p.admin1_code or "",
        p.admin2 or "",
        str(p.population),
        str(p.geonameid or ""),
        p.feature_code or "",
        names,
    ]
    return "\t".join(c.replace("\t", " ") for c in cells)


def import_dump(path: str | Path, cache: Path) -> ImportResult:
    """Validate and store one dump as an extra source; returns what was read and skipped."""
    path = Path(path)
    member, lines = _open_lines(path)
    first = ""
    for line in lines:
        if line.strip() and not line.startswith("#"):
            first = line
            break
    if not first:
        raise InputError(f"{path}: empty GeoNames dump")
    kind = _detect(first)

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    stats = SourceStats(name=member)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        if kind == "geonames":
            for place in _geoname_rows(all_lines(), stats):
                gz.write((_serialise_place(place) + "\n").encode("utf-8"))
        else:
            for gid, name, how in _alternate_rows(all_lines(), stats):
                if "\t" not in name and "|" not in name:
                    gz.write(f"{gid}\t{how}\t{name}\n".encode())
    if stats.rows == 0:
        raise InputError(f"{path}: no valid rows ({stats.skipped} malformed)")
    stem = Path(member).stem
    target = imported_dir(cache) / f"{kind}-{stem}.tsv.gz"
    atomic_write_bytes(target, out.getvalue())
    return ImportResult(source=str(path), kind=kind, rows=stats.rows, skipped=stats.skipped, stored=target)


def imported_files(cache: Path) -> list[Path]:
    d = imported_dir(cache)
    return sorted(d.glob("*.tsv.gz")) if d.is_dir() else []


def read_imported_places(path: Path) -> Iterator[SourcePlace]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) != 12:
                continue
            p = SourcePlace(
                place_id=f[0],
                name=f[1],
                lat=float(f[2]),
                lon=float(f[3]),
                country=f[4] or None,
                kind=f[5],
                admin1_code=f[6] or None,
                admin2=f[7] or None,
                population=int(f[8] or 0),
                geonameid=int(f[9]) if f[9] else None,
                feature_code=f[10] or None,
                source="geonames-dump",
            )
            for item in f[11].split("|"):
                how, _, name = item.partition(":")
                if name and how.isdigit():
                    p.add_name(name, int(how))
            yield p


def read_imported_alternates(path: Path) -> Iterator[tuple[int, str, int]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) == 3 and f[0].isdigit() and f[1].isdigit():
                yield int(f[0]), f[2], int(f[1])
