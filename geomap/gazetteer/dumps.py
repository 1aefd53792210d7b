"""Imported GeoNames dumps as the cache stores them: the format of `<cache>/sources/*.tsv.gz`, the checks
every row passes, and reading them back for the build.

Importing (importing.py) validates each row of a user's dump and stores the good ones here; reading checks
them again, because a stored file may come from an older geomap, a crash or a hand: a bad row is skipped
and counted, an unreadable file is reported in `gazetteer info` and skipped, so a stored source can never
make every later build fail.
"""

from __future__ import annotations

import gzip
import math
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.sources import SourcePlace, SourceStats

MAX_GEONAMEID = 2**32 - 1  # GeoNames ids are unsigned 32-bit; the index stores int64
MAX_POPULATION = 10**10  # above the world's population; 2**63 would overflow the index's int64
MAX_NAME_CHARS = 400  # the longest GeoNames name is under 200 characters
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # NUL, tab, CR, the store's separators \x1e and \x1f
PLACE_CELLS = 12
_HOWS = {"0", "1", "2", "3"}


def imported_dir(cache: Path) -> Path:
    return cache / "sources"


def valid_text(value: str) -> bool:
    """A name or code the index can store: no control characters, not absurdly long."""
    return len(value) <= MAX_NAME_CHARS and not _CONTROL.search(value)


def valid_numbers(geonameid: int, population: int) -> bool:
    """Ids and populations within what GeoNames has and what the index stores."""
    return 0 < geonameid <= MAX_GEONAMEID and 0 <= population <= MAX_POPULATION


def valid_place(p: SourcePlace) -> bool:
    """Whether a place read from a dump, or from a stored source, can go into the index as it is."""
    return (
        bool(p.name)
        and valid_text(p.name)
        and math.isfinite(p.lat)
        and math.isfinite(p.lon)
        and -90 <= p.lat <= 90
        and -180 <= p.lon <= 180
        and valid_numbers(p.geonameid or 1, p.population)
        and all(valid_text(v or "") for v in (p.country, p.kind, p.admin1_code, p.admin2, p.feature_code))
        and all(valid_text(n) and "|" not in n for n in p.names)
    )


def serialise_place(p: SourcePlace) -> str:
    """One stored row (PLACE_CELLS tab-separated cells); the place must be valid_place."""
    names = "|".join(f"{how}:{n}" for n, how in p.names.items())
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
    return "\t".join(cells)


def imported_files(cache: Path) -> list[Path]:
    d = imported_dir(cache)
    return sorted(d.glob("*.tsv.gz")) if d.is_dir() else []


def _stored_lines(path: Path, stats: SourceStats) -> Iterator[str]:
    """The lines of a stored source; a file that is not gzip, truncated or not UTF-8 ends here, said in
    its statistics (shown by `gazetteer info`) instead of failing the build."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
            yield from fh
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        stats.detail = f"unreadable from here on ({type(exc).__name__}); import the dump again"


def _place_of(f: list[str]) -> SourcePlace | None:
    if len(f) != PLACE_CELLS:
        return None
    try:
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
    except ValueError:
        return None
    for item in f[11].split("|"):
        how, _, name = item.partition(":")
        if name and how in _HOWS:
            p.add_name(name, int(how))
    return p if valid_place(p) else None


def read_imported_places(path: Path, stats: SourceStats | None = None) -> Iterator[SourcePlace]:
    """The valid places of a stored source; bad rows are counted in `stats.skipped`."""
    stats = stats if stats is not None else SourceStats(name=path.name)
    for line in _stored_lines(path, stats):
        p = _place_of(line.rstrip("\n").split("\t"))
        if p is None:
            stats.skipped += 1
        else:
            yield p


def read_imported_alternates(path: Path, stats: SourceStats | None = None) -> Iterator[tuple[int, str, int]]:
    """(geonameid, name, how) of a stored alternate-names source; bad rows are counted and skipped."""
    stats = stats if stats is not None else SourceStats(name=path.name)
    for line in _stored_lines(path, stats):
        f = line.rstrip("\n").split("\t")
        if (
            len(f) == 3
            and f[0].isdigit()
            and f[1] in _HOWS
            and f[2]
            and valid_text(f[2])
            and valid_numbers(int(f[0]), 0)
        ):
            yield int(f[0]), f[2], int(f[1])
        else:
            stats.skipped += 1
