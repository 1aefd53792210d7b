"""Query context: what a caller knows about where a name should be, and how candidates fit it.

A context is a string ("Donetsk region", "near Kurakhove", "village, northeastern Kharkiv region",
"UA", "48.0,37.8"), a `Context`, or None. Parsing needs the gazetteer (to find the region or the
near-place), so `parse_context` takes a resolver; scoring (`fit`) is a pure function of a candidate
place and the context, returning a multiplier <= 1 and the reasons for it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from geomap.gazetteer.fold import fold
from geomap.geodesy.compass import COMPASS_WORDS as DIRECTIONS
from geomap.geodesy.compass import PHRASE_STEMS as _DIR_WORDS_RU_UK
from geomap.geodesy.spherical import angle_between, haversine_km, initial_bearing
from geomap.model import Place, Point

# How much a candidate keeps of its score when it contradicts the context, and where the context ends.
COUNTRY_MISFIT = 0.3  # in another country than the context says
REGION_MISFIT = 0.25  # in another region than the context names (by the region code of both)
UNCODED_REGION_KM = 120.0  # a place without a region code this near the region's centre may well be in it
RAION_REACH_KM, REGION_REACH_KM = 60.0, 200.0  # without region codes: within this of the centre, inside
OUTSIDE_REGION = 0.3  # beyond that reach
NEAR_KM = 25.0  # "near X": within this of X fits fully...
NEAR_DECAY_KM = 150.0  # ...then the fit falls as exp(-(d - NEAR_KM) / NEAR_DECAY_KM)...
NEAR_FLOOR = 0.2  # ...but never below this: reports say "near" of places 100 km off
KIND_MISFIT = 0.5  # a region or feature where the context says village, town or city
BEARING_MIN_KM = 20.0  # nearer the region's centre than this, a place lies in no direction of it
BEARING_TOLERANCE = 67.5  # degrees off the stated direction that still agree: up to the next compass point
BEARING_MISFIT = 0.4  # in another direction than the context says
RAION_RADIUS_KM = 60.0  # beyond this from a raion's centre a place is probably outside it
RAION_DECAY_KM = 40.0  # beyond RAION_RADIUS_KM the fit falls as exp(-(d - RAION_RADIUS_KM) / RAION_DECAY_KM)
OUTSIDE_RAION = 0.3  # in another raion (by the source's raion), and the floor of the fall by distance
# Sizes: what a context's "village", "town" or "city" allows.
VILLAGE_MAX_POP = 8000  # above: a small town...
VILLAGE_BUT_TOWN = 0.7
VILLAGE_CITY_POP = 20000  # ...above this a town or city: contradicts "village"
VILLAGE_BUT_CITY = 0.3
CITY_MIN_POP = 5000  # below: a village called a city
CITY_BUT_VILLAGE = 0.45
TOWN_MIN_POP, TOWN_MAX_POP = 1500, 300000  # outside: not what a report calls a town
TOWN_MISFIT = 0.6
KIND_WORDS = {
    "village": "village",
    "hamlet": "village",
    "settlement": "village",
    "село": "village",
    "деревня": "village",
    "селище": "village",
    "поселок": "village",
    "посёлок": "village",
    "хутор": "village",
    "селе": "village",
    "town": "town",
    "городок": "town",
    "смт": "town",
    "пгт": "town",
    "містечко": "town",
    "city": "city",
    "город": "city",
    "місто": "city",
    "capital": "city",
}
NEAR_WORDS = (
    "near",
    "outside",
    "close to",
    "around",
    "next to",
    "под",
    "біля",
    "возле",
    "около",
    "поблизу",
    "недалеко от",
    "неподалік від",
    "вблизи",
    "рядом с",
)
REGION_WORDS = (
    "region",
    "oblast",
    "province",
    "district",
    "raion",
    "rayon",
    "krai",
    "republic of",
    "republic",
    "област",
    "обл.",
    "район",
    "край",
    "республик",
    "регіон",
    "регион",
)
_COORDS = re.compile(r"^\s*\(?\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*\)?\s*$")
_COORDS_ANYWHERE = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d+)\s*[,;\s]\s*(-?\d{1,3}\.\d+)(?![\d.])")
_CC = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class Context:
    """What is known about where the named place lies."""

    country: str | None = None
    region: Place | None = None  # an admin1/admin2 region named by the context
    region_code: tuple[str, str] | None = None  # (country, GeoNames admin1 code) of that region
    near: Point | None = None
    near_name: str | None = None
    kind: str | None = None  # village | town | city
    bearing: float | None = None  # direction inside the region, degrees (45 = north-east)
    direction_word: str | None = None
    text: str = ""
    unresolved: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.country or self.region or self.region_code or self.near or self.kind)


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a context phrase named: a place plus its admin1 code (the resolver's answer)."""

    place: Place
    admin1_code: str | None


Resolver = Callable[[str, bool], Resolved | None]  # (phrase, regions_only) -> best place or None


def _direction(text: str) -> tuple[float | None, str | None, str]:
    low = text.lower()
    for stem, deg in _DIR_WORDS_RU_UK.items():
        if stem in low:
            return float(deg), stem, re.sub(rf"\S*{re.escape(stem)}\S*", " ", low)
    for m in re.finditer(r"\b(north|south)?-?(east|west)?(?:ern)?\b", low):
        word = (m.group(1) or "") + (m.group(2) or "")
        if word and word in DIRECTIONS:
            return float(DIRECTIONS[word]), m.group(0), low[: m.start()] + " " + low[m.end() :]
    return None, None, text


def _strip_words(text: str, words: tuple[str, ...]) -> tuple[str, bool]:
    low = text
    found = False
    for w in words:
        pattern = re.compile(rf"(?<!\w){re.escape(w)}\w*", re.IGNORECASE)
        if pattern.search(low):
            found = True
            low = pattern.sub(" ", low)
    return " ".join(low.split()), found


def parse_context(context: object, resolve: Resolver) -> Context:
    """Turn a context given by a caller into a Context; parts it cannot place go to `unresolved`."""
    if context is None:
        return Context()
    if isinstance(context, Context):
        return context
    if isinstance(context, Point):
        return Context(near=context, near_name=f"{context.lat:.4f},{context.lon:.4f}")
    if isinstance(context, tuple | list) and len(context) == 2:
        return Context(near=Point(float(context[0]), float(context[1])), near_name=str(tuple(context)))
    text = " ".join(str(context).split())
    fields: dict = {"text": text}
    unresolved: list[str] = []
    m = _COORDS_ANYWHERE.search(text)
    if m and abs(float(m.group(1))) <= 90 and abs(float(m.group(2))) <= 180:
        fields["near"] = Point(float(m.group(1)), float(m.group(2)))
        fields["near_name"] = f"{float(m.group(1)):.4f},{float(m.group(2)):.4f}"
        text = (text[: m.start()] + " " + text[m.end() :]).strip()
    for part in re.split(r"[;,()]+", text):
        part = part.strip()
        if not part:
            continue
        m = _COORDS.match(part)
        if m and abs(float(m.group(1))) <= 90 and abs(float(m.group(2))) <= 180:
            fields["near"] = Point(float(m.group(1)), float(m.group(2)))
            fields["near_name"] = f"{float(m.group(1)):.4f},{float(m.group(2)):.4f}"
            continue
        if _CC.match(part):
            fields["country"] = part
            continue
        words = part.lower().split()
        kinds = [KIND_WORDS[w] for w in words if w in KIND_WORDS]
        if kinds:
            fields["kind"] = kinds[0]
            part = " ".join(w for w in part.split() if w.lower() not in KIND_WORDS)
        bearing, dword, part = _direction(part)
        if bearing is not None:
            fields["bearing"], fields["direction_word"] = bearing, dword
        part = " ".join(part.split())
        if not part:
            continue
        near = next((w for w in NEAR_WORDS if part.lower().startswith(w + " ")), None)
        if near:
            target = part[len(near) :].strip()
            got = resolve(target, False)
            if got is None:
                unresolved.append(part)
            else:
                fields["near"], fields["near_name"] = got.place.point, got.place.name
                fields.setdefault("country", got.place.country)
            continue
        got = resolve(part, True)
        if got is not None:
            _apply(fields, got, as_region=True)
            continue
        base, had_region_word = _strip_words(part, REGION_WORDS)
        got = resolve(base, False) if base else None
        if got is None and base:
            from geomap.gazetteer.morph import adjective_to_place

            for guess in adjective_to_place(base.split()[-1]):
                got = resolve(" ".join(base.split()[:-1] + [guess]), False)
                if got is not None:
                    break
        if got is None:
            unresolved.append(part)
            continue
        _apply(fields, got, as_region=had_region_word)
    return Context(**fields, unresolved=tuple(unresolved))


def _apply(fields: dict, got: Resolved, as_region: bool) -> None:
    place = got.place
    if place.kind == "country":
        fields["country"] = place.country
        return
    fields.setdefault("country", place.country)
    if place.kind in ("admin1", "admin2"):
        fields["region"] = place
    if got.admin1_code and place.country:
        fields["region_code"] = (place.country, got.admin1_code)
    if not as_region and place.kind not in ("admin1", "admin2"):
        fields["near"], fields["near_name"] = place.point, place.name


_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
_SECTOR = 360 / len(_COMPASS)  # degrees of each compass point's sector, centred on it


def compass(deg: float) -> str:
    return _COMPASS[int(((deg + _SECTOR / 2) % 360) // _SECTOR)]


def fit(place: Place, admin1_code: str | None, ctx: Context) -> tuple[float, list[str]]:
    """How well a candidate fits the context: a multiplier in (0, 1] and the reasons."""
    factor, reasons = 1.0, []
    if ctx.country:
        if place.country == ctx.country:
            reasons.append(f"in {ctx.country} as the context says")
        else:
            factor *= COUNTRY_MISFIT
            reasons.append(f"in {place.country}, not {ctx.country} as the context says")
    region_name = ctx.region.name if ctx.region else None
    if ctx.region_code and place.kind != "country":
        same = (place.country, admin1_code) == ctx.region_code
        label = region_name or (f"the region of {ctx.near_name}" if ctx.near_name else "the context's region")
        if same:
            reasons.append(f"in {label} as the context says")
        elif admin1_code is None and ctx.region and _km(place, ctx.region) < UNCODED_REGION_KM:
            reasons.append(f"near the centre of {label}")
        else:
            factor *= REGION_MISFIT
            where = place.admin1 or place.country or "elsewhere"
            reasons.append(f"in {where}, not in {label} as the context says")
        if ctx.region is not None and ctx.region.kind == "admin2" and place.kind == "settlement":
            factor *= _raion_fit(place, ctx.region, reasons)
    elif ctx.region and place.kind != "country":
        d = _km(place, ctx.region)
        limit = RAION_REACH_KM if ctx.region.kind == "admin2" else REGION_REACH_KM
        if d <= limit:
            reasons.append(f"{d:.0f} km from the centre of {ctx.region.name}")
        else:
            factor *= OUTSIDE_REGION
            reasons.append(f"{d:.0f} km from the centre of {ctx.region.name}: outside it")
    if ctx.near is not None:
        d = haversine_km(place.lat, place.lon, ctx.near.lat, ctx.near.lon)
        f = 1.0 if d <= NEAR_KM else max(NEAR_FLOOR, math.exp(-(d - NEAR_KM) / NEAR_DECAY_KM))
        factor *= f
        reasons.append(f"{d:.0f} km from {ctx.near_name}")
    if ctx.kind and place.kind == "settlement":
        factor *= _kind_fit(place, ctx.kind, reasons)
    elif ctx.kind and place.kind != "settlement":
        factor *= KIND_MISFIT
        reasons.append(f"a {place.kind}, but the context says {ctx.kind}")
    if ctx.bearing is not None and ctx.region is not None and place.kind == "settlement":
        region = ctx.region
        d = haversine_km(region.lat, region.lon, place.lat, place.lon)
        if d > BEARING_MIN_KM:
            b = initial_bearing(region.lat, region.lon, place.lat, place.lon)
            where = f"in the {compass(b)} of {region.name}"
            if angle_between(b, ctx.bearing) > BEARING_TOLERANCE:
                factor *= BEARING_MISFIT
                reasons.append(f"{where}, but the context says {ctx.direction_word}: contradicts the context")
            else:
                reasons.append(f"{where} as the context says")
    return factor, reasons


def _raion_fit(place: Place, raion: Place, reasons: list[str]) -> float:
    """A raion named in the context narrows the oblast: by the place's own raion where the source gives
    it, else by distance from the raion's centre (a raion is some 60-100 km across)."""
    if place.admin2:
        if fold(place.admin2) == fold(raion.name) or fold(place.admin2) in {fold(n) for n in raion.names}:
            reasons.append(f"in {raion.name} as the context says")
            return 1.0
        reasons.append(f"in {place.admin2}, not in {raion.name} as the context says")
        return OUTSIDE_RAION
    d = _km(place, raion)
    if d <= RAION_RADIUS_KM:
        reasons.append(f"{d:.0f} km from the centre of {raion.name}")
        return 1.0
    reasons.append(f"{d:.0f} km from the centre of {raion.name}: probably outside it")
    return max(OUTSIDE_RAION, math.exp(-(d - RAION_RADIUS_KM) / RAION_DECAY_KM))


def _kind_fit(place: Place, kind: str, reasons: list[str]) -> float:
    pop = place.population
    size = f"{pop:,} people" if pop else "population unknown"
    if kind == "village":
        if pop > VILLAGE_CITY_POP:
            reasons.append(f"a town or city ({size}), but the context says village: contradicts the context")
            return VILLAGE_BUT_CITY
        if pop > VILLAGE_MAX_POP:
            reasons.append(f"a small town ({size}); the context says village")
            return VILLAGE_BUT_TOWN
        reasons.append(f"a village-sized place ({size}) as the context says")
    elif kind == "city":
        if pop and pop < CITY_MIN_POP:
            reasons.append(f"a village ({size}), but the context says city")
            return CITY_BUT_VILLAGE
        reasons.append(f"a city-sized place ({size})")
    elif kind == "town":
        if pop and (pop < TOWN_MIN_POP or pop > TOWN_MAX_POP):
            reasons.append(f"{size}; the context says town")
            return TOWN_MISFIT
    return 1.0


def _km(place: Place, centre: Place) -> float:
    return haversine_km(place.lat, place.lon, centre.lat, centre.lon)
