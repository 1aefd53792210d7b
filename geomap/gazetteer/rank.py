"""Ranking pieces: how good a match is, how prominent a place is, when two rows are one place.

Pure functions over Places and Candidates; `lookup.Gazetteer` combines them with the context fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from geomap.gazetteer.context import haversine_km
from geomap.gazetteer.fold import fold
from geomap.gazetteer.katottg import APPROX_PROMINENCE
from geomap.gazetteer.translit import loose, skeleton
from geomap.model import Place, Point

# Match quality by tier; a name that is a former name (renamed place) is marked "renamed".
TIER_WEIGHT = {"exact": 1.0, "folded": 0.95, "translit": 0.82, "loose": 0.62}
# A transliteration match of a Latin spelling to one of the place's Cyrillic names (Nikolayev ~ Николаев) is
# one romanisation among many of the official name: nearly as good as an exact match.
ROMANISED_WEIGHT = 0.93
# A match on one of a place's alternate names (not its own, former or curated name) counts for a little
# less: between equally good matches, a place's own name beats a name another place once had.
ALTERNATE_WEIGHT = 0.93
KIND_PROMINENCE = {"country": 1.0, "admin1": 0.75, "admin2": 0.5}


# One index hit, as a plain tuple (a lookup makes thousands; a tuple costs a tenth of a dataclass):
#   (weight, name number, how, tier, via)
#   weight: match quality in (0, 1]; name number: which of the place's names matched; how: PRIMARY/
#   ALTERNATE/FORMER/ALIAS; tier: exact | folded | translit | loose | inflected | fuzzy; via: the form
#   looked up when it differs from the query (inflected/fuzzy), else "".
Hit = tuple[float, int, int, str, str]
WEIGHT, NID, HOW, TIER, VIA = range(5)
TIERS = ("exact", "folded", "translit", "loose", "inflected", "fuzzy")  # a tier's code is its position


def prominence(place: Place) -> float:
    """0..1: how likely a bare name means this place (population, administrative rank)."""
    if place.uncertainty_km > 0:  # an approximately placed village (KATOTTG): its size is unknown too
        return APPROX_PROMINENCE
    if place.kind in KIND_PROMINENCE:
        return KIND_PROMINENCE[place.kind]
    p = min(1.0, math.log10(place.population + 1) / 7.0) if place.population > 0 else 0.3
    if place.feature_code in ("PPLC", "PPLA"):
        p = min(1.0, p + 0.05)
    elif place.feature_code in ("PPLH", "PPLQ", "PPLW"):
        p *= 0.5
    elif place.kind == "feature":
        p = max(0.2, p * 0.6)
    return p


@lru_cache(maxsize=262144)
def name_stem(name: str) -> str:
    skel = skeleton(name)
    return loose(skel) or skel


def match_reason(tier: str, via: str, matched: str) -> str:
    if tier == "exact":
        return f"name {matched!r} matches exactly"
    if tier == "folded":
        return f"matches {matched!r} ignoring case, marks and apostrophes"
    if tier == "translit":
        return f"matches {matched!r} under transliteration"
    if tier == "loose":
        return f"matches {matched!r} up to its ending (Ukrainian/Russian forms)"
    if tier == "inflected":
        return f"inflected form of {via!r}, which matches {matched!r}"
    if tier == "fuzzy":
        return f"similar spelling to {matched!r} (fuzzy match)"
    raise KeyError(tier)


def prominence_reason(place: Place) -> str:
    if place.kind in ("country", "admin1", "admin2"):
        return {"country": "a country", "admin1": "a first-level region", "admin2": "a district"}[place.kind]
    return f"population {place.population:,}" if place.population else "population unknown"


def same_place(a: Place, b: Place) -> bool:
    if a.place_id == b.place_id:
        return True
    if abs(a.lat - b.lat) > 0.05 or abs(a.lon - b.lon) > 0.08:
        return False
    return (
        a.kind == b.kind
        and a.country == b.country
        and haversine_km(a.point, b.point) < 3
        and (
            fold(a.name) == fold(b.name)
            or fold(a.name) in map(fold, b.names)
            or fold(b.name) in map(fold, a.names)
        )
    )


def ambiguous_count(scores: Sequence[float], points: Sequence[Point]) -> int:
    """When rivals score close to the best and lie far apart, the best is less certain: how many places fit
    about as well (0 when the best is clear). Then every score is scaled by 0.8 and `ambiguity_note` is
    added to the best's reasons. `points`: the positions of the best two."""
    if len(scores) < 2:
        return 0
    top = scores[0]
    if scores[1] >= 0.9 * top and haversine_km(points[0], points[1]) > 30:
        return sum(1 for s in scores if s >= 0.9 * top)
    return 0


def ambiguity_note(count: int) -> str:
    return f"ambiguous: {count} places fit about as well; give context to decide"
